//! What can be wrong with the standards, in words a district officer can act on.

use super::area_words;
use crate::domain::money::MoneyError;
use crate::domain::town::Area;
use chrono::NaiveDate;

/// A problem inside one standard set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("'{key}' is missing")]
    Missing { key: String },
    #[error("'{key}' is not a known setting (a typing mistake?)")]
    Unknown { key: String },
    #[error("'{key}' is not an amount: {reason}")]
    NotMoney { key: String, reason: MoneyError },
    #[error("'{key}' must not be negative")]
    Negative { key: String },
    #[error("'{key}': write money as a quoted yuan string such as \"768.50\" or whole yuan, not a decimal number")]
    FloatMoney { key: String },
    #[error("'{key}' must be {expected}")]
    WrongType {
        key: String,
        expected: &'static str,
        expected_zh: &'static str,
    },
    #[error("'{key}' = {value} is outside {min}–{max}")]
    OutOfRange {
        key: String,
        value: i64,
        min: u32,
        max: u32,
    },
    #[error("'{key}' = '{text}' is not one of {choices}")]
    BadChoice {
        key: String,
        text: String,
        choices: &'static str,
    },
    #[error("'{key}' = '{text}' is not a date like 2025-01-01")]
    BadDate { key: String, text: String },
    #[error("it ends ({to}) before it starts ({from})")]
    DatesReversed { from: NaiveDate, to: NaiveDate },
}

impl Problem {
    pub fn zh(&self) -> String {
        match self {
            Problem::Missing { key } => format!("缺少“{key}”"),
            Problem::Unknown { key } => format!("“{key}”不是已知的设置项（是否拼错？）"),
            Problem::NotMoney { key, reason } => format!("“{key}”不是金额：{}", reason.zh()),
            Problem::Negative { key } => format!("“{key}”不能为负数"),
            Problem::FloatMoney { key } => {
                format!("“{key}”：金额请写成带引号的元，如 \"768.50\"，或整数元")
            }
            Problem::WrongType {
                key, expected_zh, ..
            } => format!("“{key}”应为{expected_zh}"),
            Problem::OutOfRange {
                key,
                value,
                min,
                max,
            } => format!("“{key}” = {value} 超出 {min}–{max} 的范围"),
            Problem::BadChoice { key, text, choices } => {
                format!("“{key}” = “{text}” 不是可选值：{choices}")
            }
            Problem::BadDate { key, text } => {
                format!("“{key}” = “{text}” 不是日期（应如 2025-01-01）")
            }
            Problem::DatesReversed { from, to } => {
                format!("截止日期 {to} 早于起始日期 {from}")
            }
        }
    }
}

/// Why standards could not be loaded, changed or found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StandardsError {
    #[error("the standards file is not valid TOML: {0}")]
    Syntax(String),
    #[error("the standards file has no [[set]] of standards")]
    NoSets,
    #[error("standard set {set}: {problem}")]
    Set { set: String, problem: Problem },
    #[error("standard sets {first} and {second} overlap")]
    Overlap { first: String, second: String },
    #[error("no standard{} is in force on {date}; the district must enter one on the standards screen", area_en(*.area))]
    NotInForce { date: NaiveDate, area: Option<Area> },
    #[error("no standard set starts on {0}")]
    NoSuchSet(NaiveDate),
}

fn area_en(area: Option<Area>) -> String {
    area.map(|a| format!(" for {} households", area_words(a).1))
        .unwrap_or_default()
}

impl StandardsError {
    pub fn zh(&self) -> String {
        match self {
            StandardsError::Syntax(e) => format!("标准文件格式有误：{e}"),
            StandardsError::NoSets => "标准文件中没有任何一组标准（[[set]]）".into(),
            StandardsError::Set { set, problem } => {
                format!("标准组 {set}：{}", problem.zh())
            }
            StandardsError::Overlap { first, second } => {
                format!("标准期间 {first} 与 {second} 重叠")
            }
            StandardsError::NotInForce { date, area } => {
                let a = area.map(|a| area_words(a).0).unwrap_or("");
                format!("{date} 没有生效的{a}标准，请区民政局在标准页面录入")
            }
            StandardsError::NoSuchSet(d) => format!("没有自 {d} 起的标准"),
        }
    }
}
