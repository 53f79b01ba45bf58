//! Resident identity card numbers (公民身份号码, GB 11643-1999).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid 18-character resident ID number; the check character is stored upper-case.
/// Deserialising checks it like [`ResidentId::parse`] (a stored value that fails is an
/// error, never a panic later in `birth_date` or `masked`); the bytes are a plain string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ResidentId(String);

impl TryFrom<String> for ResidentId {
    type Error = IdError;
    fn try_from(s: String) -> Result<ResidentId, IdError> {
        let id = ResidentId::parse(&s)?;
        if id.0 != s {
            // Stored values are already in canonical form (upper-case X, no spaces).
            return Err(IdError::NotCanonical);
        }
        Ok(id)
    }
}

impl From<ResidentId> for String {
    fn from(id: ResidentId) -> String {
        id.0
    }
}

/// The earliest birth year a living applicant can have; earlier years (0000, 1800) are
/// mistypes.
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn zh(self) -> &'static str {
        match self {
            Sex::Male => "男",
            Sex::Female => "女",
        }
    }
    pub fn en(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
}

/// Why a number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an ID number has 18 characters; this one has {0}")]
    WrongLength(usize),
    #[error("this is an old 15-digit number; its 18-digit form is {eighteen}: check it with the card and confirm")]
    FifteenDigits { eighteen: String },
    #[error("character {position} must be a digit")]
    NotDigit { position: usize },
    #[error("the birth date {0} in the number does not exist")]
    BadBirthDate(String),
    #[error("the birth date {0} in the number is before 1900; a digit was probably mistyped")]
    BirthTooEarly(String),
    #[error("the birth date {0} in the number is in the future")]
    BirthInFuture(String),
    /// The number does not check. The message never names the right last character: a
    /// clerk who mistyped a middle digit would "fix" the last one into a valid-looking
    /// wrong number (issue 14 point 5). `expected` is kept for the program, not the clerk.
    #[error("this number does not check: compare every digit with the ID card (any digit may be mistyped)")]
    BadCheck { expected: char },
    #[error("a stored ID number is not in its standard form")]
    NotCanonical,
}

impl IdError {
    pub fn zh(&self) -> String {
        match self {
            IdError::WrongLength(n) => format!("身份证号应为18位，现在是{n}位"),
            IdError::FifteenDigits { eighteen } => {
                format!("这是15位旧身份证号，对应的18位号码为 {eighteen}，请与证件核对后确认")
            }
            IdError::BirthTooEarly(d) => format!("号码中的出生日期{d}早于1900年，可能有数字输错"),
            IdError::BirthInFuture(d) => format!("号码中的出生日期{d}晚于今天"),
            IdError::NotCanonical => "存储的身份证号格式不规范".into(),
            IdError::NotDigit { position } => format!("第{position}位应为数字"),
            IdError::BadBirthDate(d) => format!("号码中的出生日期{d}不存在"),
            IdError::BadCheck { .. } => {
                "号码没有通过校验，请与身份证逐位核对每一位数字（任何一位都可能输错）".into()
            }
        }
    }
}

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// ISO 7064 MOD 11-2 check character for the first 17 digits.
pub fn check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (b, w) in first17.iter().zip(WEIGHTS) {
        if !b.is_ascii_digit() {
            return None;
        }
        sum += u32::from(b - b'0') * w;
    }
    Some(CHECK[(sum % 11) as usize])
}

fn digits(s: &str) -> u32 {
    s.bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b.wrapping_sub(b'0') % 10))
}

/// "19491231" → the date; refused when it does not exist or is before 1900.
fn birth_date_of(birth: &str) -> Result<NaiveDate, IdError> {
    if birth.len() != 8 || !birth.bytes().all(|b| b.is_ascii_digit()) {
        return Err(IdError::BadBirthDate(birth.to_string()));
    }
    let year = digits(&birth[0..4]) as i32;
    let date = NaiveDate::from_ymd_opt(year, digits(&birth[4..6]), digits(&birth[6..8]))
        .ok_or_else(|| IdError::BadBirthDate(birth.to_string()))?;
    if year < EARLIEST_BIRTH_YEAR {
        return Err(IdError::BirthTooEarly(birth.to_string()));
    }
    Ok(date)
}

impl ResidentId {
    /// Validate a typed number: length, digits, birth date (exists, 1900 or later),
    /// check character. Full-width digits and `Ｘ` are read as ASCII. A 15-digit number
    /// is refused with its 18-digit form ([`IdError::FifteenDigits`]) for the clerk to
    /// confirm through [`ResidentId::from_fifteen`]. Does not know today's date: use
    /// [`ResidentId::parse_on`] where a birth date in the future must be refused.
    pub fn parse(text: &str) -> Result<ResidentId, IdError> {
        let normal = crate::domain::money::ascii_form(text);
        let t = normal.trim();
        let n = t.chars().count();
        if n == 15 {
            let eighteen = ResidentId::from_fifteen(t)?;
            return Err(IdError::FifteenDigits {
                eighteen: eighteen.0,
            });
        }
        if n != 18 {
            return Err(IdError::WrongLength(n));
        }
        let chars: Vec<char> = t.chars().collect();
        for (i, c) in chars.iter().take(17).enumerate() {
            if !c.is_ascii_digit() {
                return Err(IdError::NotDigit { position: i + 1 });
            }
        }
        let last = chars[17].to_ascii_uppercase();
        if !(last.is_ascii_digit() || last == 'X') {
            return Err(IdError::NotDigit { position: 18 });
        }
        // All 18 characters are ASCII from here on, so byte slicing is safe.
        let birth = &t[6..14];
        birth_date_of(birth)?;
        let expected = check_char(&t.as_bytes()[..17]).ok_or(IdError::NotDigit { position: 1 })?;
        if last != expected {
            return Err(IdError::BadCheck { expected });
        }
        let mut s = t[..17].to_string();
        s.push(expected);
        Ok(ResidentId(s))
    }

    /// [`ResidentId::parse`], and the birth date may not be after `today`.
    pub fn parse_on(text: &str, today: NaiveDate) -> Result<ResidentId, IdError> {
        let id = ResidentId::parse(text)?;
        if id.birth_date() > today {
            return Err(IdError::BirthInFuture(id.0[6..14].to_string()));
        }
        Ok(id)
    }

    /// The 18-digit form of an old 15-digit number (GB 11643-1999 appendix): "19" is
    /// inserted before the two-digit birth year and the check character is computed.
    pub fn from_fifteen(text: &str) -> Result<ResidentId, IdError> {
        let normal = crate::domain::money::ascii_form(text);
        let t = normal.trim();
        let n = t.chars().count();
        if n != 15 {
            return Err(IdError::WrongLength(n));
        }
        if let Some(i) = t.chars().position(|c| !c.is_ascii_digit()) {
            return Err(IdError::NotDigit { position: i + 1 });
        }
        let first17 = format!("{}19{}", &t[..6], &t[6..]);
        birth_date_of(&first17[6..14])?;
        let c = check_char(first17.as_bytes()).ok_or(IdError::NotDigit { position: 1 })?;
        Ok(ResidentId(format!("{first17}{c}")))
    }

    /// Build a number from its parts, computing the check character (for the generator).
    pub fn compose(region: u32, birth: NaiveDate, sequence: u16) -> Option<ResidentId> {
        if region > 999_999
            || sequence > 999
            || birth.year() < EARLIEST_BIRTH_YEAR
            || birth.year() > 9999
        {
            return None;
        }
        let first17 = format!(
            "{region:06}{:04}{:02}{:02}{sequence:03}",
            birth.year(),
            birth.month(),
            birth.day()
        );
        let c = check_char(first17.as_bytes())?;
        Some(ResidentId(format!("{first17}{c}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The birth date in the number (always valid: every way to build a `ResidentId`
    /// checks it; the fallback only keeps this total).
    pub fn birth_date(&self) -> NaiveDate {
        self.0
            .get(6..14)
            .and_then(|b| birth_date_of(b).ok())
            .unwrap_or_default()
    }

    /// The 17th digit: odd for men, even for women.
    pub fn sex(&self) -> Sex {
        match self.0.as_bytes().get(16) {
            Some(b) if b.is_ascii_digit() && (b - b'0') % 2 == 1 => Sex::Male,
            _ => Sex::Female,
        }
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        age_on(self.birth_date(), day)
    }

    /// Administrative region code (first six digits).
    pub fn region(&self) -> &str {
        self.0.get(..6).unwrap_or("")
    }

    /// `610203********123X`: what lists and search results show.
    pub fn masked(&self) -> String {
        format!(
            "{}********{}",
            self.0.get(..6).unwrap_or(""),
            self.0.get(14..).unwrap_or("")
        )
    }
}

/// Whole years between `birth` and `day`.
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> u32 {
    day.years_since(birth).unwrap_or(0)
}

impl fmt::Display for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Mask a phone number for lists: `138****5678`.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 7 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
