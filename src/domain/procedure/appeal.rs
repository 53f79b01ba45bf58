//! Records on a decided case that do not move its stage by themselves: an appeal's request
//! and outcome (an upheld one reopens the case through the workflow), and the written
//! notice produced and delivered. Pure: each returns the changed case or why not.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Appeal, AppealKind, AppealOutcome, AppealResult, Letter, LetterKind};
use crate::domain::case::{Case, Deadline, Stage};
use crate::domain::workflow::{
    self, not_before, not_future, DateKind, Required, Step, WorkflowError,
};
use crate::domain::Label;

/// What the clerk enters for an appeal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRequest {
    pub kind: AppealKind,
    pub requested_on: NaiveDate,
    pub applicant: String,
    pub grounds: String,
    pub handled_by: String,
}

fn required(text: &str, what: Required) -> Result<String, WorkflowError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(WorkflowError::Missing(what));
    }
    Ok(t.to_string())
}

fn decided(case: &Case) -> Result<NaiveDate, WorkflowError> {
    match (case.stage, case.decided_on) {
        (Stage::Confirmed | Stage::Rejected, Some(d)) => Ok(d),
        (stage, _) => Err(WorkflowError::NotDecided(stage)),
    }
}

/// Record an appeal (复核 or 行政复议) against the decision on `case`.
pub fn request(
    case: &Case,
    req: &AppealRequest,
    by: &str,
    today: NaiveDate,
) -> Result<Case, WorkflowError> {
    let decided_on = decided(case)?;
    if case.procedure.open_appeal().is_some() {
        return Err(WorkflowError::AppealOpen);
    }
    not_before(
        DateKind::Appeal,
        req.requested_on,
        DateKind::Decided,
        Some(decided_on),
    )?;
    not_future(DateKind::Appeal, req.requested_on, today)?;
    let appeal = Appeal {
        kind: req.kind,
        requested_on: req.requested_on,
        applicant: required(&req.applicant, Required::Applicant)?,
        grounds: required(&req.grounds, Required::Grounds)?,
        handled_by: required(&req.handled_by, Required::Handler)?,
        recorded_by: by.trim().to_string(),
        outcome: None,
    };
    let mut next = case.clone();
    next.procedure.appeals.push(appeal);
    Ok(next)
}

/// Where an upheld appeal sends the case, and its new decision deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reopening {
    pub to: Stage,
    pub deadline: Deadline,
}

/// Record the outcome of the open appeal. Upheld, the case is reopened at `reopen.to`
/// through the workflow (one transition in its history); dismissed, the decision stands.
pub fn resolve(
    case: &Case,
    result: AppealResult,
    on: NaiveDate,
    note: &str,
    reopen: Reopening,
    by: &str,
    at: NaiveDateTime,
) -> Result<Case, WorkflowError> {
    let open = case
        .procedure
        .open_appeal()
        .ok_or(WorkflowError::NoOpenAppeal)?;
    not_before(
        DateKind::AppealOutcome,
        on,
        DateKind::Appeal,
        Some(open.requested_on),
    )?;
    not_future(DateKind::AppealOutcome, on, at.date())?;
    let note = required(note, Required::Outcome)?;
    let mut next = match result {
        AppealResult::Upheld | AppealResult::Changed => workflow::apply(
            case,
            &Step::Reopen {
                to: reopen.to,
                reason: match result {
                    AppealResult::Changed => format!("{}变更原决定：{note}", open.kind.zh()),
                    _ => format!("{}申请成立：{note}", open.kind.zh()),
                },
                deadline: reopen.deadline,
            },
            by,
            at,
        )?,
        AppealResult::Dismissed => case.clone(),
    };
    if let Some(a) = next
        .procedure
        .appeals
        .iter_mut()
        .rev()
        .find(|a| a.outcome.is_none())
    {
        a.outcome = Some(AppealOutcome {
            result,
            on,
            note,
            recorded_by: by.trim().to_string(),
        });
    }
    Ok(next)
}

/// The open appeal is handled by `handler` (the officer or body who dealt with it, when
/// another than the one named at the request); an empty name keeps the one on record.
pub fn hand_to(case: &Case, handler: &str) -> Result<Case, WorkflowError> {
    let mut next = case.clone();
    let open = next
        .procedure
        .appeals
        .iter_mut()
        .rev()
        .find(|a| a.outcome.is_none())
        .ok_or(WorkflowError::NoOpenAppeal)?;
    let handler = handler.trim();
    if !handler.is_empty() {
        open.handled_by = handler.to_string();
    }
    Ok(next)
}

/// The newest letter of `kind` on `case`.
fn letter_mut(case: &mut Case, kind: LetterKind) -> Result<&mut Letter, WorkflowError> {
    case.procedure
        .letters
        .iter_mut()
        .rev()
        .find(|l| l.kind == kind)
        .ok_or(WorkflowError::NoLetter(kind))
}

/// The letter of `kind` was produced (printed) on `on`; producing it again keeps the
/// first date.
pub fn letter_produced(
    case: &Case,
    kind: LetterKind,
    on: NaiveDate,
    by: &str,
) -> Result<Case, WorkflowError> {
    let mut next = case.clone();
    let letter = letter_mut(&mut next, kind)?;
    if letter.produced_on.is_none() {
        letter.produced_on = Some(on);
        letter.produced_by = Some(by.trim().to_string());
    }
    Ok(next)
}

/// The letter of `kind` was delivered to the applicant on `on`.
pub fn letter_delivered(
    case: &Case,
    kind: LetterKind,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Case, WorkflowError> {
    let mut next = case.clone();
    let letter = letter_mut(&mut next, kind)?;
    let produced = letter.produced_on.ok_or(WorkflowError::NotProduced(kind))?;
    not_before(DateKind::Delivered, on, DateKind::Produced, Some(produced))?;
    not_future(DateKind::Delivered, on, today)?;
    letter.delivered_on = Some(on);
    Ok(next)
}
