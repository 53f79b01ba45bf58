//! The steps after the review decision: an approval enters its public notice, a refusal
//! takes effect at once with its letter due; the notice ends in an objection (back to
//! investigation) or, once over, in the decision taking effect; an upheld appeal reopens
//! a decided case. Each function changes the copy `apply` is building.

use chrono::NaiveDate;

use super::{not_future, DateKind, WorkflowError};
use crate::domain::case::{Case, Deadline, Stage};
use crate::domain::procedure::{AfterDecision, Letter, LetterKind, Objection};

/// An approval: the case enters its public notice.
pub(super) fn enter_notice(next: &mut Case, after: &AfterDecision, decided: NaiveDate) {
    next.stage = Stage::InNotice;
    next.decided_on = Some(decided);
    next.procedure.effective_on = None;
    next.procedure.benefit_from = None;
    next.procedure.notices.push(after.notice.clone());
}

/// A refusal takes effect on the day of the decision; its written notice is due.
pub(super) fn refuse(next: &mut Case, after: &AfterDecision, decided: NaiveDate) {
    next.procedure.effective_on = Some(decided);
    next.procedure.benefit_from = None;
    next.procedure
        .letters
        .push(Letter::new(LetterKind::Refusal, after.refusal_letter_due));
}

/// The notice is over with no objection: the approval takes effect on the day after its
/// last day (whenever the daily run gets to it), and the confirmation notice is due.
pub(super) fn take_effect(
    next: &mut Case,
    today: NaiveDate,
    benefit_from: NaiveDate,
    letter_due: Deadline,
) -> Result<String, WorkflowError> {
    let notice = next
        .procedure
        .notice()
        .cloned()
        .ok_or(WorkflowError::NoNotice)?;
    if today < notice.effective_on {
        return Err(WorkflowError::NoticeNotOver {
            end: notice.end,
            effective_on: notice.effective_on,
        });
    }
    next.stage = Stage::Confirmed;
    next.procedure.effective_on = Some(notice.effective_on);
    next.procedure.benefit_from = Some(benefit_from);
    next.procedure
        .letters
        .push(Letter::new(LetterKind::Approval, letter_due));
    Ok(format!(
        "公示期{}至{}无异议，{}起生效",
        notice.start, notice.end, notice.effective_on
    ))
}

/// An objection received during the notice: back to investigation with the objection
/// attached and its new decision deadline.
pub(super) fn record_objection(
    next: &mut Case,
    objection: &Objection,
    today: NaiveDate,
) -> Result<String, WorkflowError> {
    let mut objection = objection.clone();
    objection.objector = objection.objector.trim().to_string();
    objection.what = objection.what.trim().to_string();
    if objection.objector.is_empty() {
        return Err(WorkflowError::NoObjector);
    }
    if objection.what.is_empty() {
        return Err(WorkflowError::NoObjectionText);
    }
    let received = objection.received_on;
    let notice = next
        .procedure
        .notices
        .last_mut()
        .ok_or(WorkflowError::NoNotice)?;
    if received < notice.start {
        return Err(WorkflowError::DateBefore {
            what: DateKind::Objection,
            date: received,
            other: DateKind::NoticeStart,
            other_date: notice.start,
        });
    }
    if received > notice.end {
        return Err(WorkflowError::DateAfter {
            what: DateKind::Objection,
            date: received,
            other: DateKind::NoticeEnd,
            other_date: notice.end,
        });
    }
    not_future(DateKind::Objection, received, today)?;
    notice.objected = true;
    next.stage = Stage::Investigating;
    next.decided_on = None;
    next.deadline = Some(objection.redecide_by);
    let why = format!("公示异议（{}）：{}", objection.objector, objection.what);
    next.procedure.objections.push(objection);
    Ok(why)
}

/// An upheld appeal: the case goes back to investigation or review with a new deadline;
/// the decision no longer stands.
pub(super) fn reopen(next: &mut Case, to: Stage, deadline: Deadline) -> Result<(), WorkflowError> {
    match to {
        Stage::Investigating => {}
        Stage::UnderReview if next.investigation.is_some() => {}
        Stage::UnderReview => return Err(WorkflowError::NoInvestigation),
        other => return Err(WorkflowError::ReopenTo(other)),
    }
    next.stage = to;
    next.deadline = Some(deadline);
    next.decided_on = None;
    next.procedure.effective_on = None;
    next.procedure.benefit_from = None;
    Ok(())
}
