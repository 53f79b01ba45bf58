#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::NaiveDate;

use super::*;
use crate::app::session::{Actor, Role};
use crate::app::Services;
use crate::domain::calendar::Calendar;
use crate::domain::case::{Decision, Mismatch, Stage, VerificationSource};
use crate::domain::category::Category;
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Amount, Asset, AssetKind, IncomeItem, IncomeKind};
use crate::domain::indicators::{Indicators, Safety};
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};
use crate::domain::workflow::WorkflowError;
use crate::store::{Store, StoreError};

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn services() -> (tempfile::TempDir, Services) {
    let dir = tempfile::tempdir().unwrap();
    let s = Services {
        store: Store::open(dir.path()).unwrap(),
        calendar: Calendar::bundled().unwrap(),
        fixed_today: Some(d(2026, 3, 2)),
    };
    (dir, s)
}

pub(super) fn clerk() -> Actor {
    Actor {
        user: "wangfang".into(),
        display: "王芳".into(),
        role: Role::TownClerk,
        town: Some(Town::Chenlu),
    }
}

pub(super) fn reviewer() -> Actor {
    Actor {
        user: "lijuan".into(),
        display: "李娟".into(),
        role: Role::TownReviewer,
        town: Some(Town::Chenlu),
    }
}

fn member(name: &str, birth: NaiveDate, seq: u16, relation: Relation) -> Member {
    Member {
        name: name.into(),
        id: ResidentId::compose(610203, birth, seq).unwrap(),
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

/// Three urban members on 600 yuan a month: below any dibao standard.
fn household(seq: u16) -> Household {
    Household {
        id: HouseholdId(0),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组12号".into(),
        phone: "13812345678".into(),
        area: Area::Urban,
        members: vec![
            Member {
                labour: LabourCapacity::Full,
                employment: Employment::Unemployed,
                ..member("张三", d(1980, 4, 1), seq, Relation::Head)
            },
            member("李四", d(1960, 6, 2), seq + 1, Relation::Spouse),
            member("张小", d(2012, 9, 3), seq + 2, Relation::Child),
        ],
        incomes: vec![IncomeItem {
            kind: IncomeKind::Transfer,
            member: Some(0),
            amount: Amount::monthly(Money::from_yuan(600)),
            note: String::new(),
        }],
        expenses: vec![],
        assets: vec![Asset {
            kind: AssetKind::Deposit,
            count: 1,
            value: Money::from_yuan(3000),
            note: String::new(),
        }],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

fn apply(s: &Services, seq: u16) -> Case {
    submit(
        s,
        &clerk(),
        Application {
            household: household(seq),
            channel: crate::domain::case::Channel::OwnApplication,
            applied_on: d(2026, 2, 24),
        },
    )
    .unwrap()
}

pub(super) fn visit() -> InvestigationInput {
    InvestigationInput {
        visit_date: d(2026, 2, 27),
        investigators: vec!["王芳".into(), "李强".into()],
        findings: "两人入户，房屋老旧".into(),
        mismatches: vec![Mismatch {
            source: VerificationSource::Bank,
            note: "存款比申报多2000元".into(),
        }],
        indicators: Indicators {
            housing: Safety::Unsafe,
            drinking_water: Safety::Safe,
        },
        fixes: vec![Fix::Asset {
            index: 0,
            value: Money::from_yuan(5000),
        }],
    }
}

/// Submit, accept, investigate: a case under review.
pub(super) fn under_review(s: &Services, seq: u16) -> Case {
    let c = apply(s, seq);
    let c = accept(s, &clerk(), c.id, c.rev, d(2026, 2, 25)).unwrap();
    let c = start_investigation(s, &clerk(), c.id, c.rev).unwrap();
    finish_investigation(s, &clerk(), c.id, c.rev, visit()).unwrap()
}

fn confirm(s: &Services, c: &Case) -> Case {
    let input = DecisionInput {
        decision: Decision::ConfirmAsProposed,
        category: None,
        reason: String::new(),
        date: d(2026, 3, 2),
    };
    let c = decide(s, &reviewer(), c.id, c.rev, input).unwrap();
    in_force(s, &c)
}

/// An approval in notice, after the daily run on the day it takes effect.
pub(super) fn in_force(s: &Services, c: &Case) -> Case {
    assert_eq!(c.stage, Stage::InNotice);
    let effective = c.procedure.notice().unwrap().effective_on;
    let day_before = effective.pred_opt().unwrap();
    assert!(daily_run_on(s, day_before).unwrap().took_effect.is_empty());
    assert_eq!(s.store.case(c.id).unwrap().unwrap().stage, Stage::InNotice);
    let run = daily_run_on(s, effective).unwrap();
    assert_eq!(run.took_effect, vec![c.id]);
    // Idempotent: a second run the same day finds nothing to do.
    assert!(daily_run_on(s, effective).unwrap().took_effect.is_empty());
    s.store.case(c.id).unwrap().unwrap()
}

#[test]
fn whole_flow_numbers_dates_records_and_confirms() {
    let (_dir, s) = services();
    let c = apply(&s, 11);
    assert_eq!(c.stage, Stage::Submitted);
    assert_eq!(c.rev, 1);

    let c = accept(&s, &clerk(), c.id, c.rev, d(2026, 2, 25)).unwrap();
    assert_eq!(c.number.unwrap().to_string(), "610203-2026-000001");
    let expected = s.calendar.deadline(d(2026, 2, 25), 15);
    assert_eq!(c.deadline, Some(expected));
    assert!(!expected.provisional);
    // 2026-02-28 is a make-up Saturday: 15 working days from 02-25 end on 03-17.
    assert_eq!(expected.date, d(2026, 3, 17));

    let c = start_investigation(&s, &clerk(), c.id, c.rev).unwrap();
    let c = finish_investigation(&s, &clerk(), c.id, c.rev, visit()).unwrap();
    assert_eq!(c.stage, Stage::UnderReview);
    let inv = c.investigation.clone().unwrap();
    assert_eq!(inv.corrections.len(), 1);
    assert_eq!(inv.corrections[0].original, "3000.00");
    assert_eq!(inv.corrections[0].corrected, "5000.00");
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.assets[0].value, Money::from_yuan(5000));
    assert_eq!(h.indicators.housing, Safety::Unsafe);

    let p = propose(&s, &clerk(), c.id, d(2026, 3, 2)).unwrap();
    assert_eq!(p.category, Some(Category::Dibao));
    assert!(!p.explanation.is_empty());

    let c = confirm(&s, &c);
    assert_eq!(c.stage, Stage::Confirmed);
    // Decided 03-02, noticed 03-03..03-09, in force 03-10, paid from April.
    assert_eq!(c.decided_on, Some(d(2026, 3, 2)));
    assert_eq!(c.procedure.effective_on, Some(d(2026, 3, 10)));
    assert_eq!(c.procedure.benefit_from, Some(d(2026, 4, 1)));
    let r = c.review.clone().unwrap();
    assert_eq!(r.category, Some(Category::Dibao));
    assert!(r.proposed_benefit.unwrap() > Money::ZERO);
    assert!(!r.explanation.is_empty());
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.standing.category, Some(Category::Dibao));
    assert_eq!(h.standing.since, Some(d(2026, 3, 10)));

    let trail = s
        .store
        .audit_of(&crate::store::audit::case_target(c.id.0))
        .unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "case.submit",
            "case.accept",
            "case.investigate",
            "case.investigation",
            "case.decide",
            "case.take_effect"
        ]
    );
    // The clerk took the case to review; the town reviewer decided.
    assert!(trail[..4].iter().all(|e| e.by == "wangfang"));
    assert_eq!(trail[4].by, "lijuan");
    assert!(trail[3]
        .changes
        .iter()
        .any(|(f, o, n)| f.contains("存款") && o == "3000.00" && n == "5000.00"));
    assert_eq!(trail[5].by, DAILY_RUN);
    assert_eq!(c.history.len(), 6);
}

#[test]
fn a_second_application_for_a_member_in_an_open_case_is_refused() {
    let (_dir, s) = services();
    let first = apply(&s, 21);
    let mut again = household(40);
    again
        .members
        .push(member("李四", d(1960, 6, 2), 22, Relation::Other));
    let err = submit(
        &s,
        &clerk(),
        Application {
            household: again,
            channel: crate::domain::case::Channel::FoundByVillageStaff,
            applied_on: d(2026, 3, 1),
        },
    )
    .unwrap_err();
    assert_eq!(err.existing_case(), Some(first.id));
    assert!(err.zh().contains("李四"), "{}", err.zh());
    assert!(err.zh().contains("一户只能有一个在办案件"), "{}", err.zh());
    // Nothing was written for the refused application.
    assert_eq!(s.store.caseload().unwrap().district().households, 1);
}

#[test]
fn a_confirmed_household_is_refused_and_a_rejected_one_renewed() {
    let (_dir, s) = services();
    let c = under_review(&s, 31);
    let c = confirm(&s, &c);
    let err = submit(
        &s,
        &clerk(),
        Application {
            household: household(31),
            channel: crate::domain::case::Channel::OwnApplication,
            applied_on: d(2026, 3, 2),
        },
    )
    .unwrap_err();
    assert!(matches!(err, FlowError::Confirmed { .. }), "{err}");
    assert_eq!(err.existing_case(), Some(c.id));

    let r = under_review(&s, 51);
    let input = DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "隐瞒经营收入".into(),
        date: d(2026, 3, 2),
    };
    let r = decide(&s, &reviewer(), r.id, r.rev, input).unwrap();
    assert_eq!(r.stage, Stage::Rejected);
    let renewed = apply(&s, 51);
    assert_eq!(renewed.household, r.household);
    assert_ne!(renewed.id, r.id);
    assert_eq!(s.store.case_ids_of(r.household).unwrap().len(), 2);
}

#[test]
fn a_stale_write_is_refused_with_who_changed_it() {
    let (_dir, s) = services();
    let c = apply(&s, 61);
    accept(&s, &clerk(), c.id, c.rev, d(2026, 2, 25)).unwrap();
    let err = withdraw(&s, &clerk(), c.id, c.rev, "本人要求撤回").unwrap_err();
    match &err {
        FlowError::Store(StoreError::Stale { by, .. }) => assert_eq!(by, "wangfang"),
        other => panic!("{other:?}"),
    }
    assert!(err.zh().contains("修改"), "{}", err.zh());
    assert_eq!(s.store.case(c.id).unwrap().unwrap().stage, Stage::Accepted);
}

#[test]
fn refusals_leave_the_case_as_it_was() {
    let (_dir, s) = services();
    let c = apply(&s, 71);
    // Acceptance in the future, before the application, and investigation too early.
    assert!(accept(&s, &clerk(), c.id, c.rev, d(2026, 3, 9)).is_err());
    let err = accept(&s, &clerk(), c.id, c.rev, d(2026, 2, 1)).unwrap_err();
    assert!(matches!(
        err,
        FlowError::Workflow(WorkflowError::DateBefore { .. })
    ));
    let err = start_investigation(&s, &clerk(), c.id, c.rev).unwrap_err();
    assert!(matches!(
        err,
        FlowError::Workflow(WorkflowError::NotAllowed { .. })
    ));
    let c = accept(&s, &clerk(), c.id, c.rev, d(2026, 2, 25)).unwrap();
    let c = start_investigation(&s, &clerk(), c.id, c.rev).unwrap();
    let mut one = visit();
    one.investigators = vec!["王芳".into(), " 王芳 ".into()];
    let err = finish_investigation(&s, &clerk(), c.id, c.rev, one).unwrap_err();
    assert!(matches!(
        err,
        FlowError::Workflow(WorkflowError::TooFewInvestigators { named: 1 })
    ));
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.assets[0].value, Money::from_yuan(3000));
    assert_eq!(s.store.case(c.id).unwrap().unwrap().rev, c.rev);
    // Withdrawal needs a reason.
    assert!(withdraw(&s, &clerk(), c.id, c.rev, "  ").is_err());
    let w = withdraw(&s, &clerk(), c.id, c.rev, "申请人迁出本区").unwrap();
    assert_eq!(w.stage, Stage::Withdrawn);
}

#[test]
fn review_can_send_back_and_confirm_another_category_with_a_reason() {
    let (_dir, s) = services();
    let c = under_review(&s, 81);
    let back = DecisionInput {
        decision: Decision::SendBack,
        category: None,
        reason: String::new(),
        date: d(2026, 3, 2),
    };
    assert!(decide(&s, &reviewer(), c.id, c.rev, back.clone()).is_err());
    let back = DecisionInput {
        reason: "补充核实车辆".into(),
        ..back
    };
    let c = decide(&s, &reviewer(), c.id, c.rev, back).unwrap();
    assert_eq!(c.stage, Stage::Investigating);
    let c = finish_investigation(&s, &clerk(), c.id, c.rev, visit()).unwrap();
    let other = DecisionInput {
        decision: Decision::ConfirmOther,
        category: Some(Category::DibaoMarginal),
        reason: String::new(),
        date: d(2026, 3, 2),
    };
    assert!(decide(&s, &reviewer(), c.id, c.rev, other.clone()).is_err());
    let other = DecisionInput {
        reason: "子女有赡养能力".into(),
        ..other
    };
    let c = decide(&s, &reviewer(), c.id, c.rev, other).unwrap();
    // In notice the household is not in the population yet.
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.standing.category, None);
    let c = in_force(&s, &c);
    assert_eq!(c.confirmed_category(), Some(Category::DibaoMarginal));
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.standing.category, Some(Category::DibaoMarginal));
}

#[test]
fn roles_and_towns_are_checked() {
    let (_dir, s) = services();
    let auditor = Actor {
        role: Role::Auditor,
        ..clerk()
    };
    let err = submit(
        &s,
        &auditor,
        Application {
            household: household(91),
            channel: crate::domain::case::Channel::OwnApplication,
            applied_on: d(2026, 3, 2),
        },
    )
    .unwrap_err();
    assert!(matches!(err, FlowError::NotPermitted { .. }));
    let c = apply(&s, 91);
    let elsewhere = Actor {
        town: Some(Town::Hongtu),
        ..clerk()
    };
    let err = accept(&s, &elsewhere, c.id, c.rev, d(2026, 3, 2)).unwrap_err();
    assert!(matches!(err, FlowError::NotFound(_)));
    let mut two_heads = household(95);
    two_heads.members[1].relation = Relation::Head;
    let err = submit(
        &s,
        &clerk(),
        Application {
            household: two_heads,
            channel: crate::domain::case::Channel::OwnApplication,
            applied_on: d(2026, 3, 2),
        },
    )
    .unwrap_err();
    assert!(err.zh().contains("户主"), "{}", err.zh());
}
