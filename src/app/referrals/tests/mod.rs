#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::NaiveDate;

use super::*;
use crate::app::workflow::{self, Application, DecisionInput, InvestigationInput};
use crate::domain::calendar::Calendar;
use crate::domain::case::{Channel, Decision};
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::referral::Quarter;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};
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

pub(super) fn actor(user: &str, role: Role) -> Actor {
    Actor {
        user: user.into(),
        display: user.into(),
        role,
        town: None,
    }
}

pub(super) fn clerk() -> Actor {
    Actor {
        town: Some(Town::Chenlu),
        ..actor("wangfang", Role::TownClerk)
    }
}

/// A department liaison with an account naming their department.
pub(super) fn liaison(s: &Services, user: &str, department: Department) -> Actor {
    let account = crate::domain::account::Account {
        user: user.into(),
        display: user.into(),
        role: Role::DepartmentLiaison.code(),
        town: None,
        department: Some(department.key().into()),
        password_hash: String::new(),
        active: true,
        failures: 0,
        locked_until: None,
        rev: 0,
    };
    let entry = AuditEntry::new(s.now(), "test", "user.create", format!("user:{user}"));
    s.store.save_account(account, entry).unwrap();
    actor(user, Role::DepartmentLiaison)
}

/// The town reviewer who decides (issue 9: clerks do not decide).
pub(super) fn reviewer() -> Actor {
    Actor {
        town: Some(Town::Chenlu),
        ..actor("lijuan", Role::TownReviewer)
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

/// A confirmed dibao case of a household that needs schooling and safe housing.
pub(super) fn confirmed(s: &Services, seq: u16) -> Case {
    let household = Household {
        id: HouseholdId(0),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组12号".into(),
        phone: "13812345678".into(),
        area: Area::Urban,
        members: vec![
            member("张三", d(1980, 4, 1), seq, Relation::Head),
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
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![Need::Schooling, Need::Housing],
        standing: Standing::default(),
        obligors: Vec::new(),
    };
    let app = Application {
        household,
        channel: Channel::OwnApplication,
        applied_on: d(2026, 2, 24),
    };
    let c = workflow::submit(s, &clerk(), app).unwrap();
    let c = workflow::accept(s, &clerk(), c.id, c.rev, d(2026, 2, 25)).unwrap();
    let c = workflow::start_investigation(s, &clerk(), c.id, c.rev).unwrap();
    let visit = InvestigationInput {
        visit_date: d(2026, 2, 27),
        investigators: vec!["王芳".into(), "李强".into()],
        findings: "两人入户".into(),
        mismatches: vec![],
        indicators: Indicators::default(),
        fixes: vec![],
    };
    let c = workflow::finish_investigation(s, &clerk(), c.id, c.rev, visit).unwrap();
    let input = DecisionInput {
        decision: Decision::ConfirmAsProposed,
        category: None,
        reason: String::new(),
        date: d(2026, 3, 2),
    };
    let c = workflow::decide(s, &reviewer(), c.id, c.rev, input).unwrap();
    // The approval takes effect after its public notice (issue 18).
    let effective = c.procedure.notice().unwrap().effective_on;
    workflow::daily_run_on(s, effective).unwrap();
    s.store.case(c.id).unwrap().unwrap()
}

pub(super) fn picks(p: &Proposal) -> Vec<(Need, Department)> {
    p.rows
        .iter()
        .filter(|r| r.push)
        .map(|r| (r.need, r.department))
        .collect()
}

#[test]
fn confirmation_proposes_the_households_needs_and_pushes_them_numbered() {
    let (_dir, s) = services();
    let c = confirmed(&s, 11);
    let p = propose(&s, &clerk(), c.id).unwrap();
    assert_eq!(
        picks(&p),
        [
            (Need::Schooling, Department::Education),
            (Need::Housing, Department::Housing)
        ]
    );
    // Every other need is offered unticked, so the clerk can add one.
    assert!(p
        .rows
        .iter()
        .any(|r| r.need == Need::Medical && r.department == Department::Health && !r.push));
    let pushed = push(&s, &clerk(), c.id, &picks(&p)).unwrap();
    let numbers: Vec<String> = pushed.iter().map(Referral::label).collect();
    assert_eq!(numbers, ["TS2026-000001", "TS2026-000002"]);
    assert!(pushed
        .iter()
        .all(|r| r.rev == 1 && r.status == Status::Pushed));
    assert_eq!(pushed[0].head_name, "张三");
    assert_eq!(pushed[0].due(), d(2026, 3, 20));
    assert_eq!(
        pushed[0].head_id.as_ref().unwrap().as_str(),
        s.store.household(c.household).unwrap().unwrap().members[0]
            .id
            .as_str()
    );
    // Indexes: by department and status, by household.
    let edu = s
        .store
        .referrals_in(Department::Education, Status::Pushed)
        .unwrap();
    assert_eq!(edu.len(), 1);
    assert_eq!(s.store.referrals_of(c.household).unwrap().len(), 2);
    // Audit: one entry per referral, one on the case.
    let trail = s.store.audit_of(&target(pushed[0].id)).unwrap();
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].action, "referral.push");
    assert!(trail[0]
        .changes
        .iter()
        .any(|(f, _, n)| f == "department" && n == "教体局"));
    let case_trail = s.store.audit_of(&case_target(c.id.0)).unwrap();
    let last = case_trail.last().unwrap();
    assert_eq!(last.action, "case.refer");
    assert!(
        last.note.contains("教体局（就学）") && last.note.contains("住建局"),
        "{}",
        last.note
    );
    // The proposal now shows them as open and does not tick them again.
    let again = propose(&s, &clerk(), c.id).unwrap();
    assert!(picks(&again).is_empty());
    let err = push(
        &s,
        &clerk(),
        c.id,
        &[(Need::Schooling, Department::Education)],
    )
    .unwrap_err();
    assert!(err.zh().contains("已推送给教体局"), "{}", err.zh());
}

#[test]
fn only_a_confirmed_case_is_referred_and_only_by_those_who_decide() {
    let (_dir, s) = services();
    let c = confirmed(&s, 21);
    let e = push(&s, &actor("edu", Role::DepartmentLiaison), c.id, &[]).unwrap_err();
    assert!(e.zh().contains("只有"), "{}", e.zh());
    let e = push(&s, &clerk(), c.id, &[]).unwrap_err();
    assert!(e.zh().contains("没有勾选"), "{}", e.zh());
    let other_town = Actor {
        town: Some(Town::Hongtu),
        ..clerk()
    };
    assert!(matches!(
        propose(&s, &other_town, c.id).unwrap_err(),
        AppError::NotFound(_)
    ));
}

#[test]
fn feedback_moves_the_status_the_indexes_and_the_audit_trail() {
    let (_dir, s) = services();
    let c = confirmed(&s, 31);
    let pushed = push(
        &s,
        &clerk(),
        c.id,
        &[(Need::Schooling, Department::Education)],
    )
    .unwrap();
    let r = &pushed[0];
    let liaison = liaison(&s, "edu-liaison", Department::Education);
    let officer = Actor::demo_officer();

    let e = feedback(
        &s,
        &clerk(),
        r.id,
        r.rev,
        Event::Acknowledge {
            on: d(2026, 3, 2),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(matches!(e, AppError::Denied { .. }), "{e:?}");

    let r = feedback(
        &s,
        &liaison,
        r.id,
        r.rev,
        Event::Acknowledge {
            on: d(2026, 3, 2),
            note: "已收到".into(),
        },
    )
    .unwrap();
    assert_eq!((r.status, r.rev), (Status::Acknowledged, 2));
    assert!(!r.feedback[0].on_behalf);
    assert_eq!(
        s.store
            .count_referrals_in(Department::Education, Status::Pushed)
            .unwrap(),
        0
    );
    assert_eq!(
        s.store
            .count_referrals_in(Department::Education, Status::Acknowledged)
            .unwrap(),
        1
    );

    // A stale revision is refused and names who wrote last.
    let e = feedback(
        &s,
        &officer,
        r.id,
        1,
        Event::NotEligible {
            on: d(2026, 3, 2),
            reason: "x".into(),
        },
    )
    .unwrap_err();
    match &e {
        AppError::Store(StoreError::Stale { by, .. }) => assert_eq!(by, "edu-liaison"),
        other => panic!("{other:?}"),
    }
    // An illegal change is refused in the clerk's words.
    let e = feedback(
        &s,
        &liaison,
        r.id,
        r.rev,
        Event::Acknowledge {
            on: d(2026, 3, 2),
            note: String::new(),
        },
    )
    .unwrap_err();
    assert!(e.zh().contains("已接收"), "{}", e.zh());

    let r = feedback(
        &s,
        &officer,
        r.id,
        r.rev,
        Event::GiveAssistance {
            on: d(2026, 3, 2),
            what: "助学金".into(),
            amount: Some(Money::from_yuan(1500)),
        },
    )
    .unwrap();
    assert_eq!(r.status, Status::AssistanceGiven);
    assert!(
        r.feedback[1].on_behalf,
        "a district officer enters it on the department's behalf"
    );
    assert_eq!(
        s.store
            .count_referrals_in(Department::Education, Status::Acknowledged)
            .unwrap(),
        0
    );
    assert_eq!(
        s.store
            .referrals_in(Department::Education, Status::AssistanceGiven)
            .unwrap(),
        vec![r.clone()]
    );

    let trail = s.store.audit_of(&target(r.id)).unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "referral.push",
            "referral.acknowledge",
            "referral.assistance"
        ]
    );
    assert_eq!(
        trail[2].changes,
        vec![
            (
                "status".to_string(),
                "已接收".to_string(),
                "已帮扶".to_string()
            ),
            ("amount".to_string(), String::new(), "1500.00".to_string()),
        ]
    );
    assert!(trail[2].note.contains("助学金") && trail[2].note.contains("代部门录入"));
    assert_eq!(trail[2].by, officer.user);
    // Every entry went through the one chained append path.
    let chain = s.store.check_audit_chain().unwrap();
    assert!(chain.problems.is_empty(), "{:?}", chain.problems);
    // Nothing is left open for the department.
    assert!(open_referrals(&s, &liaison, Department::Education)
        .unwrap()
        .is_empty());
}

mod ledger;
