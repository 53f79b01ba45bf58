//! Fixtures for the engine's table-driven tests.

mod bad_numbers;
mod benefits;
mod categories;
mod destitute;
mod english;
mod measures;
mod properties;
mod readings;

use super::*;
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::income::{
    Amount, Asset, AssetKind, ExpenseKind, IncomeItem, IncomeKind, RigidExpense,
};
use crate::domain::indicators::Indicators;
use crate::domain::member::{
    Disability, DisabilityKind, Employment, Health, LabourCapacity, Member, Relation, Schooling,
};
use crate::domain::resident_id::ResidentId;
use crate::domain::standards::{AreaField, FieldRef, RuleField, Standards};
use crate::domain::town::Town;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// The default application date: mid-2025.
pub(super) const APPLIED: (i32, u32, u32) = (2025, 6, 1);

pub(super) fn applied() -> NaiveDate {
    d(APPLIED.0, APPLIED.1, APPLIED.2)
}

pub(super) fn standards() -> Standards {
    Standards::bundled().expect("bundled standards")
}

/// The bundled standards with the local refusal setting switched.
pub(super) fn standards_refusing(on: bool) -> Standards {
    standards()
        .with_value(
            d(2025, 1, 1),
            FieldRef::Rule(RuleField::RefuseAbleWorkingAge),
            if on { "true" } else { "false" },
            false,
        )
        .expect("edit")
}

pub(super) fn yuan(y: i64) -> Money {
    Money::from_yuan(y)
}

pub(super) fn fen(f: i64) -> Money {
    Money::from_fen(f)
}

/// A working-age, healthy member with full labour capacity, born on 1 March of `year`.
pub(super) fn member(name: &str, year: i32, area: Area) -> Member {
    let seq = u16::try_from(name.chars().count() * 7 + (year as usize % 100)).unwrap_or(1);
    Member {
        name: name.into(),
        id: ResidentId::compose(610203, d(year, 3, 1), seq).expect("id"),
        relation: Relation::Other,
        area,
        labour: LabourCapacity::Full,
        health: Health::Healthy,
        disability: None,
        employment: Employment::Employed,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

pub(super) fn adult(name: &str) -> Member {
    member(name, 1985, Area::Urban)
}

pub(super) fn elder(name: &str, area: Area) -> Member {
    let mut m = member(name, 1947, area);
    m.labour = LabourCapacity::None;
    m.employment = Employment::NotWorking;
    m
}

pub(super) fn disabled(mut m: Member, kind: DisabilityKind, grade: u8) -> Member {
    m.disability = Some(Disability { kind, grade });
    m
}

pub(super) fn household(area: Area, members: Vec<Member>) -> Household {
    let mut members = members;
    if let Some(first) = members.first_mut() {
        first.relation = Relation::Head;
    }
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: String::new(),
        phone: String::new(),
        area,
        members,
        incomes: Vec::new(),
        expenses: Vec::new(),
        assets: Vec::new(),
        indicators: Indicators::default(),
        needs: Vec::new(),
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

pub(super) fn urban_adults(n: usize) -> Household {
    let names = ["甲", "乙", "丙", "丁", "戊"];
    household(
        Area::Urban,
        names.iter().take(n).map(|s| adult(s)).collect(),
    )
}

pub(super) fn rural_adults(n: usize) -> Household {
    let names = ["甲", "乙", "丙", "丁", "戊"];
    household(
        Area::Rural,
        names
            .iter()
            .take(n)
            .map(|s| member(s, 1985, Area::Rural))
            .collect(),
    )
}

pub(super) fn income(h: &mut Household, member: Option<usize>, kind: IncomeKind, amount: Amount) {
    h.incomes.push(IncomeItem {
        kind,
        member,
        amount,
        note: String::new(),
    });
}

/// Household-level yearly income of exactly `annual`.
pub(super) fn with_annual(mut h: Household, annual: Money) -> Household {
    income(&mut h, None, IncomeKind::Wages, Amount::yearly(annual));
    h
}

pub(super) fn with_rigid(mut h: Household, annual: Money) -> Household {
    h.expenses.push(RigidExpense {
        kind: ExpenseKind::Medical,
        member: None,
        amount: Amount::yearly(annual),
        note: String::new(),
    });
    h
}

pub(super) fn with_asset(mut h: Household, kind: AssetKind, count: u32, value: Money) -> Household {
    h.assets.push(Asset {
        kind,
        count,
        value,
        note: String::new(),
    });
    h
}

pub(super) fn propose(h: &Household) -> Proposal {
    classify(h, &standards(), applied()).expect("classified")
}

pub(super) fn has_line(p: &Proposal, needle: &str) -> bool {
    p.explanation
        .iter()
        .any(|l| l.zh.contains(needle) || l.en.contains(needle))
}

pub(super) fn dump(p: &Proposal) -> String {
    p.explanation_zh().join("\n")
}

pub(super) fn urban_dibao_field() -> FieldRef {
    FieldRef::Area(Area::Urban, AreaField::Dibao)
}
