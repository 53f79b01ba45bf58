//! Table-driven tests of the monitoring rules: each alert rule at its threshold, the
//! roster groups with the two-year boundary, taper end dates, the alert's life.

mod alerts;
mod roster;
mod rules;

use chrono::NaiveDate;

use crate::domain::category::Category;
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

pub(super) fn yuan(y: i64) -> Money {
    Money::from_yuan(y)
}

pub(super) fn fen(f: i64) -> Money {
    Money::from_fen(f)
}

fn member(i: usize, area: Area) -> Member {
    Member {
        name: format!("成员{i}"),
        id: ResidentId::compose(610203, d(1985, 3, 1 + i as u32), 11).expect("id"),
        relation: if i == 0 {
            Relation::Head
        } else {
            Relation::Child
        },
        area,
        labour: LabourCapacity::Full,
        health: Health::Healthy,
        disability: None,
        employment: Employment::Employed,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

/// `n` working-age members of `area` with `annual` household income a year.
pub(super) fn household(area: Area, n: usize, annual: Money) -> Household {
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组".into(),
        phone: String::new(),
        area,
        members: (0..n).map(|i| member(i, area)).collect(),
        incomes: vec![IncomeItem {
            kind: IncomeKind::Wages,
            member: None,
            amount: Amount::yearly(annual),
            note: String::new(),
        }],
        expenses: Vec::new(),
        assets: Vec::new(),
        indicators: Indicators::default(),
        needs: Vec::new(),
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

pub(super) fn with_category(mut h: Household, c: Option<Category>) -> Household {
    h.standing.category = c;
    h
}

/// One more member registered in `area` (a mixed household when it differs).
pub(super) fn with_member_of(mut h: Household, area: Area) -> Household {
    let i = h.members.len();
    h.members.push(member(i, area));
    h
}
