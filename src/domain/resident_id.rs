//! Resident identity card numbers (公民身份号码, GB 11643-1999).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid 18-character resident ID number; the check character is stored upper-case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ResidentId(String);

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
    #[error("character {position} must be a digit")]
    NotDigit { position: usize },
    #[error("the birth date {0} in the number does not exist")]
    BadBirthDate(String),
    #[error("the check character is wrong (the last character should be {expected}); a digit was probably mistyped")]
    BadCheck { expected: char },
}

impl IdError {
    pub fn zh(&self) -> String {
        match self {
            IdError::WrongLength(n) => format!("身份证号应为18位，现在是{n}位"),
            IdError::NotDigit { position } => format!("第{position}位应为数字"),
            IdError::BadBirthDate(d) => format!("号码中的出生日期{d}不存在"),
            IdError::BadCheck { expected } => {
                format!("校验位不对（末位应为{expected}），可能有数字输错")
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
    s.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

impl ResidentId {
    /// Validate a typed number: length, digits, birth date, check character.
    pub fn parse(text: &str) -> Result<ResidentId, IdError> {
        let t = text.trim();
        let n = t.chars().count();
        if n != 18 {
            return Err(IdError::WrongLength(n));
        }
        let bytes = t.as_bytes();
        for (i, b) in bytes.iter().take(17).enumerate() {
            if !b.is_ascii_digit() {
                return Err(IdError::NotDigit { position: i + 1 });
            }
        }
        let last = bytes[17].to_ascii_uppercase();
        if !(last.is_ascii_digit() || last == b'X') {
            return Err(IdError::NotDigit { position: 18 });
        }
        let birth = &t[6..14];
        let date = NaiveDate::from_ymd_opt(
            digits(&birth[0..4]) as i32,
            digits(&birth[4..6]),
            digits(&birth[6..8]),
        );
        if date.is_none() {
            return Err(IdError::BadBirthDate(birth.to_string()));
        }
        let expected = check_char(&bytes[..17]).ok_or(IdError::NotDigit { position: 1 })?;
        if char::from(last) != expected {
            return Err(IdError::BadCheck { expected });
        }
        let mut s = t[..17].to_string();
        s.push(expected);
        Ok(ResidentId(s))
    }

    /// Build a number from its parts, computing the check character (for the generator).
    pub fn compose(region: u32, birth: NaiveDate, sequence: u16) -> Option<ResidentId> {
        if region > 999_999 || sequence > 999 || birth.year() < 1000 || birth.year() > 9999 {
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

    pub fn birth_date(&self) -> NaiveDate {
        let b = &self.0[6..14];
        NaiveDate::from_ymd_opt(digits(&b[0..4]) as i32, digits(&b[4..6]), digits(&b[6..8]))
            .unwrap_or_default()
    }

    /// The 17th digit: odd for men, even for women.
    pub fn sex(&self) -> Sex {
        if (self.0.as_bytes()[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// Age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> u32 {
        age_on(self.birth_date(), day)
    }

    /// Administrative region code (first six digits).
    pub fn region(&self) -> &str {
        &self.0[..6]
    }

    /// `610203********123X`: what lists and search results show.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..6], &self.0[14..])
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
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn valid_numbers_and_what_they_say() {
        let id = ResidentId::parse("11010519491231002X").expect("valid");
        assert_eq!(id.birth_date(), d(1949, 12, 31));
        assert_eq!(id.sex(), Sex::Female);
        assert_eq!(id.age_on(d(2025, 12, 30)), 75);
        assert_eq!(id.age_on(d(2025, 12, 31)), 76);
        let id = ResidentId::parse("440524188001010014").expect("valid");
        assert_eq!(id.birth_date(), d(1880, 1, 1));
        assert_eq!(id.sex(), Sex::Male);
        assert_eq!(id.region(), "440524");
        // A lower-case x is accepted and stored upper-case.
        let id = ResidentId::parse("11010519491231002x").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    #[test]
    fn refusals_say_why() {
        let cases: &[(&str, IdError)] = &[
            ("110105194912310021", IdError::BadCheck { expected: 'X' }),
            ("1101051949123100", IdError::WrongLength(16)),
            ("11010519491231002XX", IdError::WrongLength(19)),
            ("1101A5194912310021", IdError::NotDigit { position: 5 }),
            ("11010519491231002Y", IdError::NotDigit { position: 18 }),
            (
                "110105194902300020",
                IdError::BadBirthDate("19490230".into()),
            ),
            (
                "110105194913010020",
                IdError::BadBirthDate("19491301".into()),
            ),
        ];
        for (text, err) in cases {
            assert_eq!(ResidentId::parse(text).as_ref(), Err(err), "{text}");
        }
        assert_eq!(
            IdError::BadCheck { expected: 'X' }.zh(),
            "校验位不对（末位应为X），可能有数字输错"
        );
    }

    #[test]
    fn compose_round_trips_through_parse() {
        for seq in [0u16, 1, 2, 123, 999] {
            let id = ResidentId::compose(610203, d(1990, 2, 28), seq).expect("composable");
            let parsed = ResidentId::parse(id.as_str()).expect("composed numbers are valid");
            assert_eq!(parsed, id);
            assert_eq!(parsed.birth_date(), d(1990, 2, 28));
        }
        assert!(ResidentId::compose(610203, d(1990, 1, 1), 1000).is_none());
    }

    #[test]
    fn masking_for_lists() {
        let id = ResidentId::parse("11010519491231002X").expect("valid");
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0919-1234567"), "091*****4567");
        assert_eq!(mask_phone("123"), "***");
    }
}
