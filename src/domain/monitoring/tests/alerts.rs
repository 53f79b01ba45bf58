//! The life of an alert, and what a reading shows as changed.

use super::*;
use crate::domain::case::CaseId;
use crate::domain::indicators::Safety;
use crate::domain::monitoring::{
    changes, Alert, AlertAction, AlertError, AlertId, AlertStatus, EarnerEvent, Indicator,
    RuleKind, Severity, Snapshot,
};
use crate::domain::town::{Area, Town};

fn alert() -> Alert {
    Alert {
        id: AlertId(9),
        rev: 1,
        household: HouseholdId(1),
        town: Town::Chenlu,
        rule: RuleKind::HousingUnsafe,
        severity: Severity::High,
        raised_on: d(2026, 3, 1),
        raised_by: "clerk".into(),
        figures: Vec::new(),
        basis: 0,
        reading: Some(3),
        status: AlertStatus::Raised,
        reason: String::new(),
        case: None,
        history: Vec::new(),
    }
}

fn at() -> chrono::NaiveDateTime {
    d(2026, 3, 2).and_hms_opt(9, 0, 0).expect("time")
}

#[test]
fn raised_then_verified_then_no_risk_with_a_reason() {
    let a = alert();
    let no_risk = AlertAction::NoRisk {
        reason: "已修缮".into(),
    };
    assert_eq!(
        a.apply(&no_risk, "clerk", at()),
        Err(AlertError::NotVerified)
    );
    let v = a
        .apply(&AlertAction::Verify, "clerk", at())
        .expect("verify");
    assert_eq!(v.status, AlertStatus::Verifying);
    assert_eq!(
        v.apply(&AlertAction::Verify, "clerk", at()),
        Err(AlertError::AlreadyVerifying)
    );
    let blank = AlertAction::NoRisk {
        reason: "  ".into(),
    };
    assert_eq!(
        v.apply(&blank, "clerk", at()),
        Err(AlertError::ReasonRequired)
    );
    let done = v.apply(&no_risk, "clerk", at()).expect("no risk");
    assert_eq!(
        (done.status, done.reason.as_str()),
        (AlertStatus::NoRisk, "已修缮")
    );
    assert_eq!(done.history.len(), 2);
    assert_eq!(done.history[1].from, AlertStatus::Verifying);
    assert!(matches!(
        done.apply(&AlertAction::Verify, "clerk", at()),
        Err(AlertError::Closed(AlertStatus::NoRisk))
    ));
    assert!(AlertError::NotVerified.zh().contains("核实"));
}

#[test]
fn turned_into_an_application_links_the_case() {
    let v = alert()
        .apply(&AlertAction::Verify, "clerk", at())
        .expect("verify");
    let done = v
        .apply(
            &AlertAction::ToApplication { case: CaseId(44) },
            "clerk",
            at(),
        )
        .expect("to application");
    assert_eq!(done.status, AlertStatus::ToApplication);
    assert_eq!(done.case, Some(CaseId(44)));
    assert!(!done.status.is_open());
    // Only a verified alert becomes an application.
    assert_eq!(
        alert().apply(&AlertAction::ToApplication { case: CaseId(44) }, "c", at()),
        Err(AlertError::NotVerified)
    );
}

#[test]
fn the_program_supersedes_an_open_alert() {
    let gone = AlertAction::Superseded {
        reason: "已录入新的监测记录".into(),
    };
    let done = alert().apply(&gone, "system", at()).expect("superseded");
    assert_eq!(done.status, AlertStatus::NoRisk);
}

#[test]
fn what_changed_since_the_last_reading() {
    let h = household(Area::Rural, 3, yuan(30_000));
    let prev = Snapshot::of_household(&h);
    let mut r = prev.to_reading(h.id, d(2026, 3, 2), "clerk");
    assert!(changes(&prev, &r).is_empty());
    r.annual_income = yuan(24_000);
    r.housing = Safety::Unsafe;
    r.able = 2;
    r.new_medical = yuan(8_000);
    r.earner = EarnerEvent::SeriousIllness;
    let c = changes(&prev, &r);
    let kinds: Vec<Indicator> = c.iter().map(|c| c.indicator).collect();
    assert_eq!(
        kinds,
        [
            Indicator::Income,
            Indicator::Able,
            Indicator::Housing,
            Indicator::Spending,
            Indicator::Earner
        ]
    );
    assert!(c.iter().all(|c| c.worse));
    assert_eq!(
        (c[0].old_zh.as_str(), c[0].new_zh.as_str()),
        ("30,000.00 元", "24,000.00 元")
    );
    assert_eq!(c[2].old_zh, "未核实");
}
