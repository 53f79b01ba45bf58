#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test
//! The app's steps after the decision against a real store: objection, daily run,
//! refusal letter, appeal; each write audited.

use super::tests::{clerk, d, in_force, reviewer, services, under_review};
use super::*;
use crate::domain::case::{Decision, Stage};
use crate::domain::procedure::appeal::AppealRequest;
use crate::domain::procedure::{AppealKind, AppealResult, LetterKind};
use crate::domain::town::Town;
use crate::domain::workflow::WorkflowError;
use crate::store::audit::case_target;

fn approve(s: &crate::app::Services, c: &Case, on: chrono::NaiveDate) -> Case {
    let input = DecisionInput {
        decision: Decision::ConfirmAsProposed,
        category: None,
        reason: String::new(),
        date: on,
    };
    decide(s, &reviewer(), c.id, c.rev, input).unwrap()
}

#[test]
fn an_objection_sends_the_case_back_and_a_second_notice_takes_effect() {
    let (_dir, mut s) = services();
    let c = under_review(&s, 11);
    let c = approve(&s, &c, d(2026, 3, 2));
    assert_eq!(c.stage, Stage::InNotice);
    // In notice, the household is not in the population yet.
    let h = s.store.household(c.household).unwrap().unwrap();
    assert_eq!(h.standing.category, None);

    s.fixed_today = Some(d(2026, 3, 5));
    let elsewhere = Actor {
        town: Some(Town::Hongtu),
        ..clerk()
    };
    let input = ObjectionInput {
        objector: "邻居李某".into(),
        received_on: d(2026, 3, 4),
        what: "反映其子女在城区有商品房".into(),
    };
    assert!(matches!(
        record_objection(&s, &elsewhere, c.id, c.rev, input.clone()),
        Err(FlowError::NotFound(_))
    ));
    assert!(matches!(
        record_objection(&s, &reviewer(), c.id, c.rev, input.clone()),
        Err(FlowError::Denied(
            crate::domain::access::Permission::WorkNotices
        ))
    ));
    let c = record_objection(&s, &clerk(), c.id, c.rev, input).unwrap();
    assert_eq!(c.stage, Stage::Investigating);
    // 20 working days from 03-04.
    assert_eq!(c.deadline.map(|x| x.date), Some(d(2026, 4, 1)));
    // Nothing takes effect on the old notice's end.
    assert!(daily_run_on(&s, d(2026, 3, 10))
        .unwrap()
        .took_effect
        .is_empty());

    let c = finish_investigation(&s, &clerk(), c.id, c.rev, super::tests::visit()).unwrap();
    let c = approve(&s, &c, d(2026, 3, 5));
    let n = c.procedure.notice().unwrap();
    assert_eq!((n.start, n.end), (d(2026, 3, 6), d(2026, 3, 12)));
    let c = in_force(&s, &c);
    assert_eq!(c.stage, Stage::Confirmed);
    assert_eq!(c.procedure.effective_on, Some(d(2026, 3, 13)));
    let trail = s.store.audit_of(&case_target(c.id.0)).unwrap();
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.ends_with(&[
        "case.decide",
        "case.objection",
        "case.investigation",
        "case.decide",
        "case.take_effect"
    ]));
}

#[test]
fn a_refusal_has_its_letter_due_and_an_upheld_appeal_reopens_it() {
    let (_dir, mut s) = services();
    let c = under_review(&s, 21);
    let input = DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "家庭存款超过限额".into(),
        date: d(2026, 3, 2),
    };
    let c = decide(&s, &reviewer(), c.id, c.rev, input).unwrap();
    assert_eq!(c.stage, Stage::Rejected);
    let letter = c.procedure.letter(LetterKind::Refusal).unwrap();
    // Three working days from Monday 03-02.
    assert_eq!(letter.due.date, d(2026, 3, 5));
    assert_eq!(c.procedure.effective_on, Some(d(2026, 3, 2)));

    let on = d(2026, 3, 2);
    let k = LetterKind::Refusal;
    assert!(matches!(
        record_letter(&s, &clerk(), c.id, c.rev, k, LetterEvent::Delivered(on)),
        Err(FlowError::Workflow(WorkflowError::NotProduced(_)))
    ));
    let c = record_letter(&s, &clerk(), c.id, c.rev, k, LetterEvent::Produced(on)).unwrap();
    let c = record_letter(&s, &clerk(), c.id, c.rev, k, LetterEvent::Delivered(on)).unwrap();
    assert_eq!(c.procedure.letter(k).unwrap().delivered_on, Some(on));

    s.fixed_today = Some(d(2026, 3, 9));
    let req = AppealRequest {
        kind: AppealKind::Review,
        requested_on: d(2026, 3, 6),
        applicant: "张三".into(),
        grounds: "存款中有代管的亲属医疗费".into(),
        handled_by: "李娟".into(),
    };
    let c = request_appeal(&s, &clerk(), c.id, c.rev, req).unwrap();
    assert!(c.procedure.open_appeal().is_some());
    let outcome = AppealOutcomeInput {
        result: AppealResult::Upheld,
        on: d(2026, 3, 9),
        note: "代管款项不计入家庭存款".into(),
        reopen_at: Stage::UnderReview,
        handled_by: String::new(),
    };
    let c = resolve_appeal(&s, &reviewer(), c.id, c.rev, outcome).unwrap();
    assert_eq!(c.stage, Stage::UnderReview);
    // A new review limit (15 working days) from the outcome.
    assert_eq!(c.deadline, Some(s.calendar.deadline(d(2026, 3, 9), 15)));
    assert!(c.procedure.open_appeal().is_none());
    let trail = s.store.audit_of(&case_target(c.id.0)).unwrap();
    let last = trail.last().unwrap();
    assert_eq!(last.action, "case.appeal_outcome");
    assert_eq!(last.by, "lijuan");
}
