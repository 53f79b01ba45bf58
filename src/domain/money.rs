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
    #[error("'{0}' is not a number")]
    NotANumber(char),
    #[error("at most two digits after the decimal point")]
    TooManyDecimals,
    #[error("amount is too large")]
    TooLarge,
}

impl MoneyError {
    /// The message in Chinese, for the default UI language.
    pub fn zh(&self) -> String {
        match self {
            MoneyError::Empty => "金额不能为空".into(),
            MoneyError::NotANumber(c) => format!("“{c}”不是数字"),
            MoneyError::TooManyDecimals => "小数点后最多两位（分）".into(),
            MoneyError::TooLarge => "金额过大".into(),
        }
    }
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
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
        let r = self.0 % n;
        if r.abs() * 2 >= n {
            Money(q + self.0.signum())
        } else {
            Money(q)
        }
    }

    /// Round up to the whole yuan (ceil), as the dibao gap is paid.
    pub fn ceil_yuan(self) -> Money {
        Money(self.0.div_euclid(100) * 100 + if self.0.rem_euclid(100) > 0 { 100 } else { 0 })
    }

    /// Parse what a clerk types: "1234.5", "1,234.50", "-3", "0.05", "１２３" is refused.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(MoneyError::Empty);
        }
        let (negative, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        if body.is_empty() {
            return Err(MoneyError::Empty);
        }
        let mut yuan: i64 = 0;
        let mut fen: i64 = 0;
        let mut decimals: Option<u32> = None;
        for c in body.chars() {
            match c {
                ',' | '，' if decimals.is_none() => continue,
                '.' if decimals.is_none() => decimals = Some(0),
                '0'..='9' => {
                    let d = i64::from(c as u8 - b'0');
                    match decimals {
                        None => {
                            yuan = yuan
                                .checked_mul(10)
                                .and_then(|v| v.checked_add(d))
                                .ok_or(MoneyError::TooLarge)?;
                        }
                        Some(n) if n < 2 => {
                            fen = fen * 10 + d;
                            decimals = Some(n + 1);
                        }
                        Some(_) => return Err(MoneyError::TooManyDecimals),
                    }
                }
                other => return Err(MoneyError::NotANumber(other)),
            }
        }
        if decimals == Some(1) {
            fen *= 10;
        }
        let total = yuan
            .checked_mul(100)
            .and_then(|v| v.checked_add(fen))
            .ok_or(MoneyError::TooLarge)?;
        Ok(Money(if negative { -total } else { total }))
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
    fn neg(self) -> Money {
        Money(-self.0)
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
        ];
        for (text, fen) in cases {
            assert_eq!(Money::parse(text), Ok(Money::from_fen(*fen)), "{text}");
        }
    }

    #[test]
    fn refuses_bad_amounts_with_reason() {
        assert_eq!(Money::parse(""), Err(MoneyError::Empty));
        assert_eq!(Money::parse("-"), Err(MoneyError::Empty));
        assert_eq!(Money::parse("12a"), Err(MoneyError::NotANumber('a')));
        assert_eq!(Money::parse("1.234"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Money::parse("1.2.3"), Err(MoneyError::NotANumber('.')));
        assert_eq!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(MoneyError::TooManyDecimals.zh(), "小数点后最多两位（分）");
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
