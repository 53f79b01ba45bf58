#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::NaiveDate;

use super::*;
use crate::app::generate::{generate, GenerateOptions};
use crate::app::referrals::Lang;
use crate::app::session::Role;
use crate::domain::calendar::Calendar;
use crate::store::Store;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn services() -> (tempfile::TempDir, Services) {
    let dir = tempfile::tempdir().unwrap();
    let s = Services {
        store: Store::open(dir.path()).unwrap(),
        calendar: Calendar::bundled().unwrap(),
        fixed_today: Some(today()),
    };
    let opts = GenerateOptions {
        households: 300,
        seed: 7,
        as_of: today(),
    };
    generate(&s.store, opts, |_, _| {}).unwrap();
    (dir, s)
}

fn actor(role: Role, town: Option<Town>) -> Actor {
    Actor {
        user: format!("{}-user", role.en()),
        display: String::new(),
        role,
        town,
    }
}

/// The town with the most cases under review.
fn busiest(s: &Services) -> (Town, Vec<CaseRow>) {
    let officer = Actor::demo_officer();
    Town::ALL
        .iter()
        .map(|t| (*t, agenda(s, &officer, *t).unwrap()))
        .max_by_key(|(_, rows)| rows.len())
        .unwrap()
}

fn input(decision: Decision, reason: &str) -> DecisionInput {
    DecisionInput {
        decision,
        category: None,
        reason: reason.into(),
        date: today(),
    }
}

#[test]
fn agenda_is_the_towns_cases_under_review_by_deadline() {
    let (_dir, s) = services();
    let (town, rows) = busiest(&s);
    assert!(rows.len() >= 4, "only {} under review", rows.len());
    assert!(rows
        .iter()
        .all(|r| r.town == town && r.stage == Stage::UnderReview));
    let deadlines: Vec<_> = rows.iter().map(|r| r.deadline.map(|d| d.date)).collect();
    let mut sorted = deadlines.clone();
    sorted.sort_by_key(|d| d.unwrap_or(NaiveDate::MAX));
    assert_eq!(deadlines, sorted);
}

#[test]
fn a_meeting_records_decisions_closes_and_exports_its_minute() {
    let (dir, s) = services();
    let (town, rows) = busiest(&s);
    let chair = actor(Role::TownReviewer, Some(town));
    let m = start(
        &s,
        &chair,
        StartInput {
            town,
            date: today(),
            attendees: vec!["王芳".into(), "李强".into()],
        },
    )
    .unwrap();
    let rev = |id| s.store.case(id).unwrap().unwrap().rev;
    let m = decide(
        &s,
        &chair,
        &m,
        rows[0].case,
        rev(rows[0].case),
        input(Decision::Reject, "有劳动能力未就业"),
    )
    .unwrap();
    // A reason is mandatory: refused by the workflow, the meeting unchanged.
    let err = decide(
        &s,
        &chair,
        &m,
        rows[1].case,
        rev(rows[1].case),
        input(Decision::SendBack, " "),
    )
    .unwrap_err();
    assert!(err.zh().contains("理由"), "{}", err.zh());
    let m = decide(
        &s,
        &chair,
        &m,
        rows[1].case,
        rev(rows[1].case),
        input(Decision::SendBack, "收入核对不全"),
    )
    .unwrap();
    assert_eq!(m.decisions.len(), 2);
    assert_eq!(
        s.store.case(rows[0].case).unwrap().unwrap().stage,
        Stage::Rejected
    );
    assert_eq!(
        s.store.case(rows[1].case).unwrap().unwrap().stage,
        Stage::Investigating
    );
    let m = close(&s, &chair, &m).unwrap();
    assert_eq!(m.status, MeetingStatus::Closed);
    assert_eq!(m.deferred.len(), rows.len() - 2);
    assert!(decide(
        &s,
        &chair,
        &m,
        rows[2].case,
        rev(rows[2].case),
        input(Decision::Reject, "x")
    )
    .is_err());
    let path = dir.path().join("minute.csv");
    let out = export(&s, &chair, m.id, &path, Lang::Zh).unwrap();
    assert_eq!(out.decisions, 2);
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 3);
    assert!(csv.contains("有劳动能力未就业") && csv.contains("退回调查"));
    let text = minute_text(&m, Lang::En).join("\n");
    assert!(text.contains("Attendees: 王芳, 李强") && text.contains("Left for the next meeting"));
    let actions: Vec<String> = s
        .store
        .audit_of(&crate::store::meetings::meeting_target(m.id))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        [
            "meeting.start",
            "meeting.decide",
            "meeting.decide",
            "meeting.close",
            "meeting.export"
        ]
    );
    assert!(s.store.check_audit_chain().unwrap().problems.is_empty());
}

#[test]
fn clerks_and_other_towns_are_refused() {
    let (_dir, s) = services();
    let (town, rows) = busiest(&s);
    let other = Town::ALL.iter().copied().find(|t| *t != town).unwrap();
    let form = |t| StartInput {
        town: t,
        date: today(),
        attendees: vec!["王芳".into()],
    };
    let clerk = actor(Role::TownClerk, Some(town));
    assert!(matches!(
        start(&s, &clerk, form(town)),
        Err(AppError::Denied { .. })
    ));
    assert!(agenda(&s, &clerk, town).is_err());
    let stranger = actor(Role::TownReviewer, Some(other));
    assert!(start(&s, &stranger, form(town)).is_err());
    assert!(agenda(&s, &stranger, town).is_err());
    // No attendees: refused.
    let chair = actor(Role::TownReviewer, Some(town));
    let mut empty = form(town);
    empty.attendees.clear();
    assert!(start(&s, &chair, empty).is_err());
    // A clerk handed the chair's meeting still cannot decide.
    let m = start(&s, &chair, form(town)).unwrap();
    let rev = s.store.case(rows[0].case).unwrap().unwrap().rev;
    assert!(decide(
        &s,
        &clerk,
        &m,
        rows[0].case,
        rev,
        input(Decision::Reject, "x")
    )
    .is_err());
    assert_eq!(
        s.store.case(rows[0].case).unwrap().unwrap().stage,
        Stage::UnderReview
    );
}

#[test]
fn a_decision_and_the_meeting_record_are_one_write() {
    let (_dir, s) = services();
    let (town, rows) = busiest(&s);
    let chair = actor(Role::TownReviewer, Some(town));
    let m = start(
        &s,
        &chair,
        StartInput {
            town,
            date: today(),
            attendees: vec!["王芳".into()],
        },
    )
    .unwrap();
    let case = rows[0].case;
    let rev = s.store.case(case).unwrap().unwrap().rev;
    // Someone else writes the meeting first: this copy is stale.
    let mut other = m.clone();
    other.attendees.push("李强".into());
    other.written_by = "someone-else".into();
    let entry = AuditEntry::new(s.now(), "someone-else", "meeting.edit", String::new());
    s.store.save_meeting(other, entry).unwrap();
    let err = decide(
        &s,
        &chair,
        &m,
        case,
        rev,
        input(Decision::Reject, "收入超标"),
    )
    .unwrap_err();
    assert!(err.zh().contains("someone-else"), "{}", err.zh());
    // Nothing of the refused write landed: the case is still under review.
    let c = s.store.case(case).unwrap().unwrap();
    assert_eq!(c.stage, Stage::UnderReview);
    assert_eq!(c.rev, rev);
    assert!(s.store.check_audit_chain().unwrap().problems.is_empty());
}
