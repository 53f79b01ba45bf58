//! Money as integer fen (分). Never a float.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of money in fen (1 yuan = 100 fen).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Money(i64);

/// Why a typed amount was refused, in words a clerk can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("amount is empty")]
    Empty,
    /// The whole text typed, and the first character that is not part of a number.
    #[error("'{text}' is not a number (at '{bad}')")]
    NotANumber { text: String, bad: char },
    #[error("an amount needs at least one digit")]
    NoDigits,
    #[error("a comma only separates thousands, as in 12,345.60")]
    BadGrouping,
    #[error("at most two digits after the decimal point")]
    TooManyDecimals,
    #[error("amount is too large")]
    TooLarge,
    #[error("this amount cannot be negative")]
    Negative,
}

impl MoneyError {
    /// The message in Chinese, for the default UI language.
    pub fn zh(&self) -> String {
        match self {
            MoneyError::Empty => "金额不能为空".into(),
            MoneyError::NotANumber { text, bad } => format!("“{text}”不是数字（“{bad}”处有误）"),
            MoneyError::NoDigits => "金额至少要有一位数字".into(),
            MoneyError::BadGrouping => "逗号只能用作千位分隔符，如 12,345.60".into(),
            MoneyError::TooManyDecimals => "小数点后最多两位（分）".into(),
            MoneyError::TooLarge => "金额过大".into(),
            MoneyError::Negative => "此项金额不能为负数".into(),
        }
    }
}

/// The ASCII form of a character a Chinese input method types in a number: full-width
/// digits `０`–`９`, `．` and `。` as the point, `，` as the comma, `－` and `−` as minus,
/// `Ｘ`/`ｘ` as X. Other characters are returned as they are.
pub fn ascii_char(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '．' | '。' => '.',
        '，' => ',',
        '－' | '−' => '-',
        'Ｘ' => 'X',
        'ｘ' => 'x',
        '\u{3000}' => ' ',
        other => other,
    }
}

/// [`ascii_char`] over a whole text.
pub fn ascii_form(text: &str) -> String {
    text.chars().map(ascii_char).collect()
}

/// The integer part's digits once its thousands separators are checked: either no
/// comma at all, or a first group of 1–3 digits and then groups of exactly three.
fn integer_digits(part: &str) -> Result<String, MoneyError> {
    if !part.contains(',') {
        return Ok(part.to_string());
    }
    let groups: Vec<&str> = part.split(',').collect();
    let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
    if !first_ok || groups.iter().skip(1).any(|g| g.len() != 3) {
        return Err(MoneyError::BadGrouping);
    }
    Ok(groups.concat())
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan.saturating_mul(100))
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Multiply by a whole number (members, months), saturating rather than wrapping.
    pub fn times(self, n: i64) -> Money {
        Money(self.0.saturating_mul(n))
    }

    /// Divide by a whole number, rounding half away from zero to the fen.
    /// Returns zero when dividing by zero or less.
    pub fn div_round(self, n: i64) -> Money {
        if n <= 0 {
            return Money::ZERO;
        }
        let q = self.0 / n;
        let r = i128::from(self.0 % n);
        if r.abs() * 2 >= i128::from(n) {
            Money(q.saturating_add(self.0.signum()))
        } else {
            Money(q)
        }
    }

    /// Round up to the whole yuan (ceil), as the dibao gap is paid.
    pub fn ceil_yuan(self) -> Money {
        let up = if self.0.rem_euclid(100) > 0 { 100 } else { 0 };
        Money((self.0.div_euclid(100) * 100).saturating_add(up))
    }

    /// Parse what a clerk types: "1234.5", "1,234.50", "-3", "0.05", "．5", and the
    /// full-width forms a Chinese input method gives ("１２３", "１，２３４．５"). A comma
    /// only separates thousands ("1,2,3" is refused), there must be at least one digit
    /// ("." and "-." are refused), at most two decimals. Negative amounts are read; use
    /// [`Money::parse_non_negative`] where a negative makes no sense.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let normal = ascii_form(text);
        let t = normal.trim();
        if t.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, t),
        };
        if body.is_empty() {
            return Err(MoneyError::Empty);
        }
        if let Some(bad) = body
            .chars()
            .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        {
            return Err(MoneyError::NotANumber {
                text: text.trim().to_string(),
                bad,
            });
        }
        let (int_part, frac_part) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if frac_part.contains('.') {
            return Err(MoneyError::NotANumber {
                text: text.trim().to_string(),
                bad: '.',
            });
        }
        if frac_part.contains(',') {
            return Err(MoneyError::BadGrouping);
        }
        let int_digits = integer_digits(int_part)?;
        if int_digits.is_empty() && frac_part.is_empty() {
            return Err(MoneyError::NoDigits);
        }
        if frac_part.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let mut fen: i128 = 0;
        for b in int_digits.bytes() {
            fen = fen * 10 + i128::from(b - b'0');
            if fen > i128::from(i64::MAX) {
                return Err(MoneyError::TooLarge);
            }
        }
        let mut frac: i128 = 0;
        for b in frac_part.bytes() {
            frac = frac * 10 + i128::from(b - b'0');
        }
        if frac_part.len() == 1 {
            frac *= 10;
        }
        let total = fen * 100 + frac;
        let signed = if negative { -total } else { total };
        i64::try_from(signed)
            .map(Money)
            .map_err(|_| MoneyError::TooLarge)
    }

    /// [`Money::parse`] for amounts that cannot be negative (assets, expenditures,
    /// standards): a negative is refused with [`MoneyError::Negative`].
    pub fn parse_non_negative(text: &str) -> Result<Money, MoneyError> {
        let m = Money::parse(text)?;
        if m.is_negative() {
            return Err(MoneyError::Negative);
        }
        Ok(m)
    }

    /// Plain form without thousands separators, for editing: "1234.50".
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }
}

/// Digits in groups of three: 1234567 → "1,234,567".
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

impl fmt::Display for Money {
    /// "1,234.50"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = self.0.unsigned_abs();
        let sign = if self.0 < 0 { "-" } else { "" };
        let s = format!("{sign}{}.{:02}", group_thousands(a / 100), a % 100);
        f.pad(&s)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0.saturating_sub(rhs.0))
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    /// Saturating: the negation of the most negative amount is the largest one.
    fn neg(self) -> Money {
        Money(self.0.saturating_neg())
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_clerks_type() {
        let cases: &[(&str, i64)] = &[
            ("1234.5", 123_450),
            ("1,234.50", 123_450),
            ("0.05", 5),
            ("-3", -300),
            ("  998 ", 99_800),
            ("8978.", 897_800),
            ("12，000", 1_200_000),
            (".5", 50),
            ("９９８", 99_800),
            ("１，２３４．５", 123_450),
            ("９９７。９９", 99_799),
            ("－３", -300),
            ("\u{3000}768\u{3000}", 76_800),
            ("1,234,567", 123_456_700),
            ("999,999.99", 99_999_999),
            ("0,000", 0),
        ];
        for (text, fen) in cases {
            assert_eq!(Money::parse(text), Ok(Money::from_fen(*fen)), "{text}");
        }
    }

    #[test]
    fn refuses_bad_amounts_with_reason() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("-"), Err(MoneyError::Empty));
        assert_eq!(Money::parse("　"), Err(MoneyError::Empty));
        assert_eq!(
            Money::parse("12a"),
            Err(MoneyError::NotANumber {
                text: "12a".into(),
                bad: 'a'
            })
        );
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(
            Money::parse("1.2.3"),
            Err(MoneyError::NotANumber {
                text: "1.2.3".into(),
                bad: '.'
            })
        );
        assert_eq!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(MoneyError::TooManyDecimals.zh(), "小数点后最多两位（分）");
    }

    /// Issue 17 point 4: ",,,", "." and "-." were read as 0.00 and "1,2,3" as 123.00.
    #[test]
    fn refuses_what_used_to_read_as_a_wrong_number() {
        let cases: &[(&str, MoneyError)] = &[
            (",,,", MoneyError::BadGrouping),
            (".", MoneyError::NoDigits),
            ("-.", MoneyError::NoDigits),
            ("．", MoneyError::NoDigits),
            ("1,2,3", MoneyError::BadGrouping),
            ("12,34", MoneyError::BadGrouping),
            ("1234,567", MoneyError::BadGrouping),
            (",123", MoneyError::BadGrouping),
            ("123,", MoneyError::BadGrouping),
            ("1,234.5,6", MoneyError::BadGrouping),
            ("1,,234", MoneyError::BadGrouping),
            (
                "--3",
                MoneyError::NotANumber {
                    text: "--3".into(),
                    bad: '-',
                },
            ),
            (
                "3-",
                MoneyError::NotANumber {
                    text: "3-".into(),
                    bad: '-',
                },
            ),
            (
                "1 000",
                MoneyError::NotANumber {
                    text: "1 000".into(),
                    bad: ' ',
                },
            ),
        ];
        for (text, err) in cases {
            assert_eq!(Money::parse(text).as_ref(), Err(err), "{text}");
        }
        assert_eq!(
            Money::parse_non_negative("-0.01"),
            Err(MoneyError::Negative)
        );
        assert_eq!(Money::parse_non_negative("－５"), Err(MoneyError::Negative));
        assert_eq!(Money::parse_non_negative("0"), Ok(Money::ZERO));
        assert_eq!(
            MoneyError::BadGrouping.zh(),
            "逗号只能用作千位分隔符，如 12,345.60"
        );
    }

    #[test]
    fn extremes_do_not_panic() {
        assert_eq!(-Money::from_fen(i64::MIN), Money::from_fen(i64::MAX));
        assert_eq!(-Money::from_fen(i64::MAX), Money::from_fen(-i64::MAX));
        let min = Money::from_fen(i64::MIN);
        assert_eq!(Money::parse(&min.to_string()), Ok(min));
        assert_eq!(Money::parse(&min.plain()), Ok(min));
        let max = Money::from_fen(i64::MAX);
        assert_eq!(Money::parse(&max.to_string()), Ok(max));
        assert_eq!(max.ceil_yuan(), max);
        assert_eq!(Money::from_yuan(i64::MAX), max);
        assert_eq!(max.div_round(i64::MAX), Money::from_fen(1));
        assert_eq!(
            Money::parse("92,233,720,368,547,758.08"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn prints_with_thousands_and_fen() {
        let cases: &[(i64, &str)] = &[
            (123_450, "1,234.50"),
            (0, "0.00"),
            (5, "0.05"),
            (-300, "-3.00"),
            (99_800, "998.00"),
            (12_345_678_901, "123,456,789.01"),
            (100_000, "1,000.00"),
        ];
        for (fen, text) in cases {
            assert_eq!(Money::from_fen(*fen).to_string(), *text);
        }
        assert_eq!(format!("{:>10}", Money::from_fen(5)), "      0.05");
        assert_eq!(Money::from_fen(-12_345).plain(), "-123.45");
    }

    #[test]
    fn rounding_helpers() {
        assert_eq!(Money::from_fen(101).ceil_yuan(), Money::from_fen(200));
        assert_eq!(Money::from_fen(100).ceil_yuan(), Money::from_fen(100));
        assert_eq!(Money::from_fen(-150).ceil_yuan(), Money::from_fen(-100));
        assert_eq!(Money::from_fen(1000).div_round(3), Money::from_fen(333));
        assert_eq!(Money::from_fen(1001).div_round(2), Money::from_fen(501));
        assert_eq!(Money::from_fen(5).div_round(0), Money::ZERO);
        assert_eq!(Money::from_yuan(998).times(12), Money::from_yuan(11_976));
        let total: Money = [Money::from_fen(1), Money::from_fen(2)].into_iter().sum();
        assert_eq!(total, Money::from_fen(3));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parse_never_panics(text in "\\PC{0,24}") {
            let _ = Money::parse(&text);
            let _ = Money::parse_non_negative(&text);
        }

        #[test]
        fn parse_never_panics_on_number_like_text(text in "[-－0-9０-９,，.．。 ]{0,30}") {
            let _ = Money::parse(&text);
        }

        #[test]
        fn parse_reads_back_what_display_and_plain_print(fen in any::<i64>()) {
            let m = Money::from_fen(fen);
            prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
            prop_assert_eq!(Money::parse(&m.plain()), Ok(m));
            prop_assert_eq!(Money::parse(&ascii_to_full_width(&m.to_string())), Ok(m));
        }

        #[test]
        fn negation_and_arithmetic_never_panic(a in any::<i64>(), b in any::<i64>(), n in any::<i64>()) {
            let (a, b) = (Money::from_fen(a), Money::from_fen(b));
            let _ = -a;
            let _ = a + b;
            let _ = a - b;
            let _ = a.times(n);
            let _ = a.div_round(n);
            let _ = a.ceil_yuan();
        }

        #[test]
        fn a_misplaced_comma_is_refused(digits in "[1-9][0-9]{1,8}", at in 1usize..9) {
            let at = at.min(digits.len() - 1);
            let (head, tail) = digits.split_at(at);
            let text = format!("{head},{tail}");
            let grouped_right = tail.len() == 3 && head.len() <= 3;
            prop_assert_eq!(Money::parse(&text).is_ok(), grouped_right, "{}", text);
        }
    }

    fn ascii_to_full_width(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
                ',' => '，',
                '.' => '．',
                '-' => '－',
                other => other,
            })
            .collect()
    }
}
