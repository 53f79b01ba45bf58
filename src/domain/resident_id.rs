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
        let id = ResidentId::parse("44052419500101001X").expect("valid");
        assert_eq!(id.birth_date(), d(1950, 1, 1));
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
            "号码没有通过校验，请与身份证逐位核对每一位数字（任何一位都可能输错）"
        );
    }

    /// Issue 17 point 4: a birth date in year 0000 or in the future was accepted.
    #[test]
    fn impossible_and_future_birth_dates_are_refused() {
        let today = d(2026, 12, 1);
        let cases: &[(&str, IdError)] = &[
            (
                "110105000001010028",
                IdError::BirthTooEarly("00000101".into()),
            ),
            (
                "440524188001010014",
                IdError::BirthTooEarly("18800101".into()),
            ),
            (
                "11010520300101001X",
                IdError::BirthInFuture("20300101".into()),
            ),
        ];
        for (text, err) in cases {
            assert_eq!(
                ResidentId::parse_on(text, today).as_ref(),
                Err(err),
                "{text}"
            );
        }
        // Without a date only the impossible ones are refused.
        assert!(ResidentId::parse("11010520300101001X").is_ok());
        assert_eq!(
            ResidentId::parse_on("11010519491231002X", today).map(|i| i.birth_date()),
            Ok(d(1949, 12, 31))
        );
        assert_eq!(
            IdError::BirthInFuture("20300101".into()).zh(),
            "号码中的出生日期20300101晚于今天"
        );
    }

    /// Issue 17 point 4: a 15-digit number got only "must be 18 digits".
    #[test]
    fn fifteen_digit_numbers_are_offered_their_eighteen_digit_form() {
        assert_eq!(
            ResidentId::parse("610203540315123"),
            Err(IdError::FifteenDigits {
                eighteen: "610203195403151230".into()
            })
        );
        let id = ResidentId::from_fifteen("610203540315123").expect("upgradable");
        assert_eq!(id.as_str(), "610203195403151230");
        assert_eq!(ResidentId::parse(id.as_str()), Ok(id.clone()));
        assert_eq!(id.birth_date(), d(1954, 3, 15));
        assert_eq!(
            ResidentId::from_fifteen("610203540230123"),
            Err(IdError::BadBirthDate("19540230".into()))
        );
        assert_eq!(
            ResidentId::parse("61020354031512A"),
            Err(IdError::NotDigit { position: 15 })
        );
    }

    #[test]
    fn full_width_digits_are_read() {
        let id = ResidentId::parse("１１０１０５１９４９１２３１００２ｘ").expect("valid");
        assert_eq!(id.as_str(), "11010519491231002X");
    }

    /// Issue 17 point 4: `ResidentId` deserialised without validation, and a short value
    /// panicked in `birth_date` and `masked`.
    #[test]
    fn deserialising_validates() {
        let ok: Result<ResidentId, _> = serde_json::from_str("\"11010519491231002X\"");
        assert_eq!(
            ok.map(|i| i.masked()).ok(),
            Some("110105********002X".into())
        );
        for bad in [
            "\"123\"",
            "\"110105194912310021\"",
            "\"11010519491231002x\"",
            "\"\"",
        ] {
            let r: Result<ResidentId, _> = serde_json::from_str(bad);
            assert!(r.is_err(), "{bad}");
        }
        let bytes =
            bincode::serde::encode_to_vec("123", bincode::config::standard()).expect("encodes");
        let r: Result<(ResidentId, usize), _> =
            bincode::serde::decode_from_slice(&bytes, bincode::config::standard());
        assert!(r.is_err());
        // The stored bytes are those of a plain string, as before.
        let id = ResidentId::parse("11010519491231002X").expect("valid");
        assert_eq!(
            bincode::serde::encode_to_vec(&id, bincode::config::standard()).ok(),
            bincode::serde::encode_to_vec(id.as_str(), bincode::config::standard()).ok()
        );
    }

    #[test]
    fn other_refusals_are_still_explained() {
        assert_eq!(
            IdError::BadCheck { expected: 'X' }.zh(),
            "号码没有通过校验，请与身份证逐位核对每一位数字（任何一位都可能输错）"
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

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,24}") {
            let _ = ResidentId::parse(&text);
            let _ = ResidentId::from_fifteen(&text);
        }

        #[test]
        fn parse_never_panics_on_id_like_text(text in "[0-9０-９xXｘ]{14,19}") {
            if let Ok(id) = ResidentId::parse(&text) {
                let _ = (id.birth_date(), id.masked(), id.sex(), id.region());
            }
        }

        #[test]
        fn parse_reads_back_what_compose_prints(
            region in 100_000u32..=999_999,
            days in 0i64..(200 * 366),
            sequence in 0u16..=999,
        ) {
            let birth = NaiveDate::from_ymd_opt(1900, 1, 1)
                .and_then(|d| d.checked_add_signed(chrono::Duration::days(days)))
                .filter(|d| d.year() <= 2099);
            if let Some(birth) = birth {
                let id = ResidentId::compose(region, birth, sequence).expect("composable");
                prop_assert_eq!(ResidentId::parse(&id.to_string()), Ok(id.clone()));
                prop_assert_eq!(id.birth_date(), birth);
                let json = serde_json::to_string(&id).expect("serialises");
                prop_assert_eq!(serde_json::from_str::<ResidentId>(&json).ok(), Some(id));
            }
        }

        #[test]
        fn one_changed_digit_is_caught(at in 0usize..17, by in 1u8..10) {
            let good = "11010519491231002X";
            let mut bytes = good.as_bytes().to_vec();
            bytes[at] = b'0' + (bytes[at] - b'0' + by) % 10;
            let text = String::from_utf8(bytes).expect("ascii");
            prop_assert!(ResidentId::parse(&text).is_err(), "{}", text);
        }
    }
}
