#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::NaiveDate;

use super::*;
use crate::app::generate::{generate, GenerateOptions};
use crate::app::session::{Actor, Role};
use crate::app::{AppError, Services};
use crate::domain::calendar::Calendar;
use crate::domain::case::{Channel, Stage};
use crate::domain::category::Category;
use crate::domain::indicators::Safety;
use crate::domain::money::Money;
use crate::domain::monitoring::{AlertStatus, ExitReason, Flag, Group, RuleKind, Snapshot};
use crate::domain::standards::{AreaField, FieldRef};
use crate::domain::town::Area;
use crate::store::Store;
use crate::store::StoreError;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn district(n: u64) -> (tempfile::TempDir, Services) {
    let dir = tempfile::tempdir().unwrap();
    let s = Services {
        store: Store::open(dir.path()).unwrap(),
        calendar: Calendar::bundled().unwrap(),
        fixed_today: Some(d(2026, 3, 2)),
    };
    let opts = GenerateOptions {
        households: n,
        seed: 7,
        as_of: d(2026, 3, 2),
    };
    generate(&s.store, opts, |_, _| {}).unwrap();
    (dir, s)
}

fn officer() -> Actor {
    Actor::demo_officer()
}

/// The first roster household in `group` that is not confirmed.
fn watched(s: &Services, group: Group) -> crate::domain::household::Household {
    let filter = RosterFilter {
        group: Some(group),
        ..RosterFilter::default()
    };
    let r = roster(s, &officer(), filter).unwrap();
    let row = r
        .rows
        .iter()
        .find(|r| r.category.is_none())
        .expect("a household");
    s.store.household(row.household).unwrap().unwrap()
}

fn reading_of(
    s: &Services,
    h: &crate::domain::household::Household,
) -> crate::domain::monitoring::Reading {
    let v = household_view(s, &officer(), h.id).unwrap();
    v.latest.to_reading(h.id, s.today(), "demo-officer")
}

#[test]
fn a_reading_raises_alerts_once_and_updates_the_household() {
    let (_dir, s) = district(300);
    let h = watched(&s, Group::Rejected);
    let mut r = reading_of(&s, &h);
    r.housing = Safety::Unsafe;
    r.annual_income = Money::ZERO;
    let out = record_reading(&s, &officer(), h.rev, r.clone()).unwrap();
    let rules: Vec<RuleKind> = out.raised.iter().map(|a| a.rule).collect();
    assert!(rules.contains(&RuleKind::HousingUnsafe), "{rules:?}");
    assert!(rules.contains(&RuleKind::IncomeBelowLine), "{rules:?}");
    let stored = s.store.household(h.id).unwrap().unwrap();
    assert_eq!(stored.indicators.housing, Safety::Unsafe);
    // The same reading again: housing did not *become* unsafe, income alert still open.
    let again = record_reading(&s, &officer(), stored.rev, r).unwrap();
    assert!(again.raised.is_empty(), "{:?}", again.raised);
    let v = household_view(&s, &officer(), h.id).unwrap();
    assert_eq!(v.readings.len(), 2);
    assert!(v.changed.is_empty());
    // A stale household revision is refused.
    let stale = reading_of(&s, &h);
    let mut stale = stale;
    stale.drinking_water = Safety::Unsafe;
    let e = record_reading(&s, &officer(), h.rev, stale).unwrap_err();
    assert!(
        matches!(e, AppError::Store(StoreError::Stale { .. })),
        "{e:?}"
    );
}

#[test]
fn verify_then_no_risk_and_verify_then_application() {
    let (_dir, s) = district(300);
    let h = watched(&s, Group::Rejected);
    let mut r = reading_of(&s, &h);
    r.annual_income = Money::ZERO;
    r.housing = Safety::Unsafe;
    let out = record_reading(&s, &officer(), h.rev, r).unwrap();
    let housing = out
        .raised
        .iter()
        .find(|a| a.rule == RuleKind::HousingUnsafe)
        .unwrap();
    let income = out
        .raised
        .iter()
        .find(|a| a.rule == RuleKind::IncomeBelowLine)
        .unwrap();
    // No risk needs verification first, then a reason.
    let e = no_risk(&s, &officer(), housing.id, housing.rev, "已修缮").unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(zh, _) if zh.contains("请先开始核实")),
        "{e:?}"
    );
    let v = verify(&s, &officer(), housing.id, housing.rev).unwrap();
    let e = no_risk(&s, &officer(), v.id, v.rev, " ").unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(zh, _) if zh.contains("理由")),
        "{e:?}"
    );
    let done = no_risk(&s, &officer(), v.id, v.rev, "已修缮").unwrap();
    assert_eq!(
        (done.status, done.reason.as_str()),
        (AlertStatus::NoRisk, "已修缮")
    );
    // The income alert becomes an application; both point at each other.
    let v = verify(&s, &officer(), income.id, income.rev).unwrap();
    let (alert, case) = to_application(&s, &officer(), v.id, v.rev).unwrap();
    assert_eq!(alert.status, AlertStatus::ToApplication);
    assert_eq!(alert.case, Some(case.id));
    assert_eq!(case.channel, Channel::MonitoringAlert);
    assert_eq!(case.stage, Stage::Submitted);
    assert_eq!(case.household, h.id);
    assert_eq!(s.store.alert_of_case(case.id).unwrap(), Some(alert.id));
    let trail = s.store.audit_of(&format!("case:{}", case.id.0)).unwrap();
    assert!(trail[0].note.contains("预警转入"), "{:?}", trail[0]);
    // Both are closed: off the queue.
    let queued: Vec<_> = queue(&s, &officer(), 0, 10_000).unwrap();
    assert!(queued.iter().all(|q| q.alert.household != h.id));
}

#[test]
fn a_confirmed_households_alert_becomes_a_reassessment_keeping_its_support() {
    let (_dir, s) = district(300);
    let r = roster(&s, &officer(), RosterFilter::default()).unwrap();
    let row = r
        .rows
        .iter()
        .find(|r| r.category == Some(Category::Dibao))
        .unwrap();
    let h = s.store.household(row.household).unwrap().unwrap();
    let mut reading = reading_of(&s, &h);
    reading.able = 0;
    reading.earner = crate::domain::monitoring::EarnerEvent::Death;
    let out = record_reading(&s, &officer(), h.rev, reading).unwrap();
    let a = out
        .raised
        .iter()
        .find(|a| a.rule == RuleKind::MainEarner)
        .unwrap();
    let v = verify(&s, &officer(), a.id, a.rev).unwrap();
    to_application(&s, &officer(), v.id, v.rev).unwrap();
    assert_eq!(
        s.store.alert(a.id).unwrap().unwrap().status,
        AlertStatus::ToApplication
    );
    // Same household, a new open case from the alert, and its dibao stands meanwhile.
    let after = s.store.household(h.id).unwrap().unwrap();
    assert_eq!(after.standing.category, Some(Category::Dibao));
    let cases = s.store.case_ids_of(h.id).unwrap();
    let newest = s.store.case(*cases.last().unwrap()).unwrap().unwrap();
    assert!(newest.stage.is_open());
    assert_eq!(
        newest.channel,
        crate::domain::case::Channel::MonitoringAlert
    );
    // A second application for the same household is refused: the case is open.
    let again = out
        .raised
        .iter()
        .find(|x| x.id != a.id)
        .map(|x| (x.id, x.rev));
    if let Some((id, rev)) = again {
        let v2 = verify(&s, &officer(), id, rev).unwrap();
        let e = to_application(&s, &officer(), v2.id, v2.rev).unwrap_err();
        assert!(
            matches!(&e, AppError::Invalid(zh, _) if zh.contains("已在办理中的案件")),
            "{e:?}"
        );
    }
}

#[test]
fn exit_with_taper_keeps_the_household_watched() {
    let (_dir, s) = district(300);
    let r = roster(&s, &officer(), RosterFilter::default()).unwrap();
    let row = r
        .rows
        .iter()
        .find(|r| r.category == Some(Category::Dibao) && r.groups == [Group::Confirmed])
        .unwrap();
    let h = s.store.household(row.household).unwrap().unwrap();
    let input = ExitInput {
        household: h.id,
        rev: h.rev,
        reason: ExitReason::IncomeRisen,
        note: String::new(),
        decided_on: d(2026, 3, 2),
    };
    let exit = exit_support(&s, &officer(), input.clone()).unwrap();
    assert_eq!(exit.taper_months, 6); // bundled 2026 standards
    assert_eq!(exit.support_ends, d(2026, 9, 2));
    assert_eq!(exit.taper_until(), Some(d(2026, 9, 1)));
    let v = household_view(&s, &officer(), h.id).unwrap();
    assert_eq!(v.household.standing.category, None);
    assert_eq!(v.membership.groups, [Group::Exited]);
    assert_eq!(v.membership.leaves_on(), Some(d(2028, 9, 2)));
    let filter = RosterFilter {
        flag: Some(Flag::Taper),
        ..RosterFilter::default()
    };
    let tapering = roster(&s, &officer(), filter).unwrap();
    assert!(tapering.rows.iter().any(|r| r.household == h.id));
    // Nothing left to end now.
    let again = ExitInput {
        rev: v.household.rev,
        ..input
    };
    let e = exit_support(&s, &officer(), again).unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(zh, _) if zh.contains("无需办理退出")),
        "{e:?}"
    );
}

#[test]
fn roster_groups_match_the_store() {
    let (_dir, s) = district(300);
    let r = roster(&s, &officer(), RosterFilter::default()).unwrap();
    let caseload = s.store.caseload().unwrap().district();
    assert_eq!(
        r.by_group[Group::Confirmed.index()] as i64,
        caseload.low_income()
    );
    assert_eq!(r.total, r.rows.len());
    for row in &r.rows {
        let h = s.store.household(row.household).unwrap().unwrap();
        assert_eq!(
            row.groups.contains(&Group::Confirmed),
            h.standing.category.is_some()
        );
        assert_eq!(
            row.groups.contains(&Group::RelapseWatch),
            h.standing.relapse_watch
        );
    }
    assert!(r.by_group[Group::Rejected.index()] > 0);
    assert!(r.by_group[Group::LiftedOut.index()] > 0);
    // A town clerk sees their town only.
    let clerk = Actor {
        role: Role::TownClerk,
        town: Some(crate::domain::town::Town::Chenlu),
        ..officer()
    };
    let town = roster(&s, &clerk, RosterFilter::default()).unwrap();
    assert!(town.total < r.total);
    assert!(town
        .rows
        .iter()
        .all(|r| r.town == crate::domain::town::Town::Chenlu));
}

#[test]
fn reevaluation_raises_new_findings_once_and_after_a_standards_change() {
    let (_dir, s) = district(300);
    let first = reevaluate(&s, &officer()).unwrap();
    assert!(first.total_raised() > 0);
    assert!(first.raised[RuleKind::ReadingOverdue.index()] > 0);
    let again = reevaluate(&s, &officer()).unwrap();
    assert_eq!(again.total_raised(), 0, "{again:?}");
    // Raise the 2026 urban and rural lines well above everyone's income.
    let cur = crate::app::standards::current(&s).unwrap();
    let field = FieldRef::Area(Area::Urban, AreaField::Marginal);
    let cur = crate::app::standards::edit(
        &s,
        &officer(),
        cur.rev,
        d(2026, 1, 1),
        field,
        "50000",
        false,
    )
    .unwrap();
    let first = cur.alerts_raised.unwrap_or(0);
    let field = FieldRef::Area(Area::Rural, AreaField::Marginal);
    let cur = crate::app::standards::edit(
        &s,
        &officer(),
        cur.rev,
        d(2026, 1, 1),
        field,
        "600000",
        false,
    )
    .unwrap();
    // Each edit re-evaluated the roster at once and raised the new findings...
    assert!(
        first + cur.alerts_raised.unwrap_or(0) > 0,
        "{first} {:?}",
        cur.alerts_raised
    );
    let below = s
        .store
        .audit_of("monitoring")
        .unwrap()
        .iter()
        .filter(|e| e.action == "monitoring.reevaluate")
        .count();
    assert!(below >= 2);
    // ...so evaluating again finds nothing new.
    let after = reevaluate(&s, &officer()).unwrap();
    assert_eq!(after.total_raised(), 0, "{after:?}");
    // A reading settles the household's overdue alert.
    let q = queue(&s, &officer(), 0, 100_000).unwrap();
    let overdue = q
        .iter()
        .find(|q| q.alert.rule == RuleKind::ReadingOverdue)
        .unwrap();
    let h = s.store.household(overdue.alert.household).unwrap().unwrap();
    let r = Snapshot::of_household(&h).to_reading(h.id, s.today(), "demo-officer");
    let out = record_reading(&s, &officer(), h.rev, r).unwrap();
    assert_eq!(out.settled, 1);
    let a = s.store.alert(overdue.alert.id).unwrap().unwrap();
    assert_eq!(a.status, AlertStatus::NoRisk);
    // Only a district officer re-evaluates.
    let clerk = Actor {
        role: Role::TownClerk,
        ..officer()
    };
    let e = reevaluate(&s, &clerk).unwrap_err();
    assert!(
        matches!(&e, AppError::Denied { roles, .. } if roles == &[Role::DistrictOfficer]),
        "{e:?}"
    );
}
