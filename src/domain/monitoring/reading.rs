//! A reading (监测记录): the indicators of one household as found on one visit or call,
//! kept as a time series. "What changed" compares a reading with the one before it, or
//! with the household as registered when it is the first.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::household::{Household, HouseholdId};
use crate::domain::indicators::Safety;
use crate::domain::member::{Employment, LabourCapacity};
use crate::domain::money::Money;
use crate::domain::Label;
use crate::labelled_enum;

labelled_enum! {
    /// What happened to the household's main earner since the last reading.
    pub enum EarnerEvent {
        None => ("无变化", "no change"),
        SeriousIllness => ("患重病", "fell seriously ill"),
        Death => ("死亡", "died"),
    }
}

labelled_enum! {
    /// The indicators a reading records (seed §8: income, expenditure, employment,
    /// health, housing safety, drinking-water safety, labour capacity).
    pub enum Indicator {
        Members => ("家庭人口", "members"),
        Income => ("家庭年收入", "household income a year"),
        Able => ("有劳动能力人数", "members able to work"),
        Working => ("就业人数", "members in work"),
        Health => ("重病重残人数", "seriously ill or disabled"),
        Housing => ("住房安全", "housing safety"),
        Water => ("饮水安全", "drinking-water safety"),
        Spending => ("新增刚性支出", "new rigid spending"),
        Earner => ("主要劳动力", "main earner"),
    }
}

/// One reading of a household's indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    /// Assigned by the store (0 for a new reading).
    pub id: u64,
    pub household: HouseholdId,
    pub date: NaiveDate,
    /// Who took the reading (user name).
    pub by: String,
    pub members: u8,
    /// Household income per year as found (all items annualised).
    pub annual_income: Money,
    pub able: u8,
    pub working: u8,
    pub seriously_ill: u8,
    pub housing: Safety,
    pub drinking_water: Safety,
    pub earner: EarnerEvent,
    /// New medical out-of-pocket spending since the last reading.
    pub new_medical: Money,
    /// New education, care or other rigid spending since the last reading.
    pub new_other_rigid: Money,
    pub note: String,
}

impl Reading {
    pub fn new_rigid(&self) -> Money {
        self.new_medical + self.new_other_rigid
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            members: self.members,
            annual_income: self.annual_income,
            able: self.able,
            working: self.working,
            seriously_ill: self.seriously_ill,
            housing: self.housing,
            drinking_water: self.drinking_water,
        }
    }
}

/// The standing indicators, from the last reading or from the household as registered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub members: u8,
    pub annual_income: Money,
    pub able: u8,
    pub working: u8,
    pub seriously_ill: u8,
    pub housing: Safety,
    pub drinking_water: Safety,
}

fn count(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

impl Snapshot {
    /// The household as registered: its members, income items and indicators.
    pub fn of_household(h: &Household) -> Snapshot {
        let m = &h.members;
        Snapshot {
            members: count(m.len()),
            annual_income: h.annual_income().max(Money::ZERO),
            able: count(
                m.iter()
                    .filter(|m| m.labour != LabourCapacity::None)
                    .count(),
            ),
            working: count(
                m.iter()
                    .filter(|m| {
                        matches!(
                            m.employment,
                            Employment::Employed | Employment::Farming | Employment::SelfEmployed
                        )
                    })
                    .count(),
            ),
            seriously_ill: count(
                m.iter()
                    .filter(|m| m.seriously_ill() || m.severely_disabled())
                    .count(),
            ),
            housing: h.indicators.housing,
            drinking_water: h.indicators.drinking_water,
        }
    }

    /// A new reading that starts from these values (the visit form's defaults).
    pub fn to_reading(self, household: HouseholdId, date: NaiveDate, by: &str) -> Reading {
        Reading {
            id: 0,
            household,
            date,
            by: by.to_string(),
            members: self.members,
            annual_income: self.annual_income,
            able: self.able,
            working: self.working,
            seriously_ill: self.seriously_ill,
            housing: self.housing,
            drinking_water: self.drinking_water,
            earner: EarnerEvent::None,
            new_medical: Money::ZERO,
            new_other_rigid: Money::ZERO,
            note: String::new(),
        }
    }
}

/// One indicator that differs from the previous reading, with both values as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub indicator: Indicator,
    pub old_zh: String,
    pub new_zh: String,
    pub old_en: String,
    pub new_en: String,
    /// The change is for the worse (shown as a warning).
    pub worse: bool,
}

fn num(indicator: Indicator, old: u8, new: u8, worse: bool) -> Option<Change> {
    (old != new).then(|| Change {
        indicator,
        old_zh: old.to_string(),
        new_zh: new.to_string(),
        old_en: old.to_string(),
        new_en: new.to_string(),
        worse,
    })
}

fn safety(indicator: Indicator, old: Safety, new: Safety) -> Option<Change> {
    (old != new).then(|| Change {
        indicator,
        old_zh: old.zh().into(),
        new_zh: new.zh().into(),
        old_en: old.en().into(),
        new_en: new.en().into(),
        worse: new == Safety::Unsafe,
    })
}

/// What changed from `previous` to `now`, in the order of [`Indicator`].
pub fn changes(previous: &Snapshot, now: &Reading) -> Vec<Change> {
    let p = previous;
    let mut out: Vec<Option<Change>> = vec![
        num(
            Indicator::Members,
            p.members,
            now.members,
            now.members < p.members,
        ),
        (p.annual_income != now.annual_income).then(|| Change {
            indicator: Indicator::Income,
            old_zh: format!("{} 元", p.annual_income),
            new_zh: format!("{} 元", now.annual_income),
            old_en: p.annual_income.to_string(),
            new_en: now.annual_income.to_string(),
            worse: now.annual_income < p.annual_income,
        }),
        num(Indicator::Able, p.able, now.able, now.able < p.able),
        num(
            Indicator::Working,
            p.working,
            now.working,
            now.working < p.working,
        ),
        num(
            Indicator::Health,
            p.seriously_ill,
            now.seriously_ill,
            now.seriously_ill > p.seriously_ill,
        ),
        safety(Indicator::Housing, p.housing, now.housing),
        safety(Indicator::Water, p.drinking_water, now.drinking_water),
    ];
    let spent = now.new_rigid();
    if spent > Money::ZERO {
        out.push(Some(Change {
            indicator: Indicator::Spending,
            old_zh: String::new(),
            new_zh: format!(
                "医疗 {} 元，其他 {} 元",
                now.new_medical, now.new_other_rigid
            ),
            old_en: String::new(),
            new_en: format!("medical {}, other {}", now.new_medical, now.new_other_rigid),
            worse: true,
        }));
    }
    if now.earner != EarnerEvent::None {
        out.push(Some(Change {
            indicator: Indicator::Earner,
            old_zh: String::new(),
            new_zh: now.earner.zh().into(),
            old_en: String::new(),
            new_en: now.earner.en().into(),
            worse: true,
        }));
    }
    out.into_iter().flatten().collect()
}
