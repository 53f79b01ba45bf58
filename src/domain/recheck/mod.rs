//! Periodic re-checks (动态管理): how often each confirmed household is checked again,
//! from its category and situation, and where its next check stands today. The periods
//! are data (`assets/recheck.toml`, with their sources); the rules here are pure.
//!
//! 民发〔2021〕57号 第三十四条 (as we read it): destitute persons and dibao households
//! whose income changes little are checked once a year; dibao households with irregular
//! income or a member able to work, every six months. Marginal and rigid-expense
//! households: once a year (the 2024 measures). The district confirms each period.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::income::IncomeKind;
use crate::domain::member::{Employment, LabourCapacity};
use crate::labelled_enum;

mod outcome;
mod record;
pub use outcome::{headline, propose, Outcome, Support};
pub use record::Recheck;

/// The settings file shipped with the program.
pub const BUNDLED: &str = include_str!("../../../assets/recheck.toml");

labelled_enum! {
    /// Which period of the settings applies (and why), in the settings file's order.
    pub enum Basis {
        DibaoStable => ("收入变化不大的低保家庭，每年复核", "dibao, income changing little: yearly"),
        DibaoIrregular => ("收入不固定或有劳动能力成员的低保家庭，每半年复核", "dibao with irregular income or a member able to work: every six months"),
        Destitute => ("特困人员，每年复核", "destitute: yearly"),
        Marginal => ("低保边缘家庭，每年复核", "dibao-marginal: yearly"),
        RigidExpense => ("刚性支出困难家庭，每年复核", "rigid-expense hardship: yearly"),
        OtherHardship => ("其他困难人员，每年复核", "other hardship: yearly"),
    }
}

impl Basis {
    /// The table of the settings file.
    pub fn key(self) -> &'static str {
        match self {
            Basis::DibaoStable => "dibao_stable",
            Basis::DibaoIrregular => "dibao_irregular",
            Basis::Destitute => "destitute",
            Basis::Marginal => "marginal",
            Basis::RigidExpense => "rigid_expense",
            Basis::OtherHardship => "other_hardship",
        }
    }
}

/// One period of the settings, with its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub months: u32,
    pub confirmed: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Periods {
    pub dibao_stable: Period,
    pub dibao_irregular: Period,
    pub destitute: Period,
    pub marginal: Period,
    pub rigid_expense: Period,
    pub other_hardship: Period,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpotCheckShare {
    /// Percent of a town's decisions of a period drawn (rounded up, at least one).
    pub share_percent: u32,
    pub confirmed: bool,
    pub source: String,
}

/// `assets/recheck.toml`: the re-check periods and the spot-check share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecheckSettings {
    pub recheck: Periods,
    pub spot_check: SpotCheckShare,
}

/// A settings file that cannot be used, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("re-check settings: {en}")]
pub struct SettingsError {
    pub zh: String,
    pub en: String,
}

impl RecheckSettings {
    pub fn bundled() -> Result<RecheckSettings, SettingsError> {
        RecheckSettings::from_toml(BUNDLED)
    }

    pub fn from_toml(text: &str) -> Result<RecheckSettings, SettingsError> {
        let s: RecheckSettings = toml::from_str(text).map_err(|e| SettingsError {
            zh: format!("复核周期设置文件有误：{}", e.message()),
            en: e.message().to_string(),
        })?;
        for b in Basis::ALL {
            let p = s.period(*b);
            if p.months == 0 || p.months > 36 {
                return Err(SettingsError {
                    zh: format!("[recheck.{}] months 须在 1 到 36 之间", b.key()),
                    en: format!("[recheck.{}] months must be 1 to 36", b.key()),
                });
            }
        }
        if s.spot_check.share_percent == 0 || s.spot_check.share_percent > 100 {
            return Err(SettingsError {
                zh: "[spot_check] share_percent 须在 1 到 100 之间".into(),
                en: "[spot_check] share_percent must be 1 to 100".into(),
            });
        }
        Ok(s)
    }

    pub fn period(&self, b: Basis) -> &Period {
        let r = &self.recheck;
        match b {
            Basis::DibaoStable => &r.dibao_stable,
            Basis::DibaoIrregular => &r.dibao_irregular,
            Basis::Destitute => &r.destitute,
            Basis::Marginal => &r.marginal,
            Basis::RigidExpense => &r.rigid_expense,
            Basis::OtherHardship => &r.other_hardship,
        }
    }
}

/// What the schedule reads about a household's situation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Situation {
    /// Business or other income, or a self-employed member: income that does not come
    /// regularly (收入来源不固定).
    pub irregular_income: bool,
    /// Members of working age (from `minor_age` to below `elderly_age`) whose labour
    /// capacity is not "none" (有劳动能力).
    pub able_to_work: u8,
}

impl Situation {
    /// Read from the household on `on`, with the ages of the standards.
    pub fn of_household(h: &Household, on: NaiveDate, minor_age: u32, elderly_age: u32) -> Self {
        let irregular_income = h
            .incomes
            .iter()
            .any(|i| matches!(i.kind, IncomeKind::Business | IncomeKind::Other))
            || h.members
                .iter()
                .any(|m| m.employment == Employment::SelfEmployed);
        let able = h
            .members
            .iter()
            .filter(|m| {
                let age = m.age_on(on);
                age >= minor_age
                    && age < elderly_age
                    && m.labour != LabourCapacity::None
                    && !m.severely_disabled()
            })
            .count();
        Situation {
            irregular_income,
            able_to_work: u8::try_from(able).unwrap_or(u8::MAX),
        }
    }
}

/// Which period applies to a household of `category` in `situation`.
pub fn basis(category: Category, situation: Situation) -> Basis {
    match category {
        Category::Dibao if situation.irregular_income || situation.able_to_work > 0 => {
            Basis::DibaoIrregular
        }
        Category::Dibao => Basis::DibaoStable,
        Category::Destitute => Basis::Destitute,
        Category::DibaoMarginal => Basis::Marginal,
        Category::RigidExpense => Basis::RigidExpense,
        Category::OtherHardship => Basis::OtherHardship,
    }
}

/// A household's next re-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub basis: Basis,
    pub months: u32,
    /// The last check: the latest re-check, or the confirmation.
    pub last: NaiveDate,
    pub due: NaiveDate,
}

/// The next re-check of a confirmed household: `months` of its basis after `last` (a
/// month-end clamps: Aug 31 + 6 months = Feb 28). `None` only beyond the calendar.
pub fn next_recheck(
    settings: &RecheckSettings,
    category: Category,
    situation: Situation,
    last: NaiveDate,
) -> Option<Schedule> {
    let basis = basis(category, situation);
    let months = settings.period(basis).months;
    let due = last.checked_add_months(Months::new(months))?;
    Some(Schedule {
        basis,
        months,
        last,
        due,
    })
}

labelled_enum! {
    /// Where a due date stands on a day: the queue shows overdue first, then this month.
    pub enum DueState {
        Overdue => ("已逾期", "overdue"),
        ThisMonth => ("本月到期", "due this month"),
        Later => ("未到期", "not yet due"),
    }
}

/// Overdue once the due date has passed; due this month from the first of its month up
/// to and including the due date itself.
pub fn due_state(due: NaiveDate, today: NaiveDate) -> DueState {
    if due < today {
        DueState::Overdue
    } else if (due.year(), due.month()) == (today.year(), today.month()) {
        DueState::ThisMonth
    } else {
        DueState::Later
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests;
