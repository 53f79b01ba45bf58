//! A case taken to review through the app layer, for the tests of what follows the
//! decision (public notice, objections, letters, appeals).
#![allow(dead_code)]

use super::Fixture;
use safetynet::app::workflow::{self, InvestigationInput};
use safetynet::domain::case::{CaseId, Channel};
use safetynet::domain::household::{Household, HouseholdId, Standing};
use safetynet::domain::income::{Amount, IncomeItem, IncomeKind};
use safetynet::domain::indicators::Indicators;
use safetynet::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use safetynet::domain::money::Money;
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::town::{Area, Town};

pub fn d(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn member(name: &str, birth: &str, seq: u16, relation: Relation) -> Member {
    Member {
        name: name.into(),
        // Another county's code: no clash with the generated district.
        id: ResidentId::compose(610222, d(birth), seq).expect("id"),
        relation,
        area: Area::Urban,
        labour: LabourCapacity::None,
        health: Health::Chronic,
        disability: None,
        employment: Employment::NotWorking,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

/// A household on 600 yuan a month in 陈炉村, its case under review (the steps before
/// review are typed elsewhere; here they are taken through the app layer). `seq` keeps
/// the members' ID numbers apart when a test makes several.
pub fn under_review_as(f: &Fixture, head: &str, seq: u16) -> CaseId {
    under_review_in(f, head, seq, "陈炉村")
}

/// The same household in another village of 陈炉镇.
pub fn under_review_in(f: &Fixture, head: &str, seq: u16, village: &str) -> CaseId {
    let household = Household {
        id: HouseholdId(0),
        rev: 0,
        town: Town::Chenlu,
        village: village.into(),
        address: "一组12号".into(),
        phone: "13812345678".into(),
        area: Area::Urban,
        members: vec![
            member(head, "1980-04-01", seq, Relation::Head),
            member("李秀英", "1960-06-02", seq + 1, Relation::Spouse),
        ],
        incomes: vec![IncomeItem {
            kind: IncomeKind::Transfer,
            member: Some(0),
            amount: Amount::monthly(Money::from_yuan(600)),
            note: String::new(),
        }],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    };
    let s = &f.services;
    let a = &f.actor;
    let app = workflow::Application {
        household,
        channel: Channel::OwnApplication,
        applied_on: d("2026-02-24"),
    };
    let c = workflow::submit(s, a, app).expect("submit");
    let c = workflow::accept(s, a, c.id, c.rev, d("2026-02-25")).expect("accept");
    let c = workflow::start_investigation(s, a, c.id, c.rev).expect("start");
    let visit = InvestigationInput {
        visit_date: d("2026-02-27"),
        investigators: vec!["王芳".into(), "李强".into()],
        findings: "两人入户".into(),
        mismatches: vec![],
        indicators: Indicators::default(),
        fixes: vec![],
    };
    workflow::finish_investigation(s, a, c.id, c.rev, visit)
        .expect("investigate")
        .id
}

/// The case of 张大山 (the IDs 610222-1980-04-01-021 and 022).
pub fn under_review(f: &Fixture) -> CaseId {
    under_review_as(f, "张大山", 21)
}
