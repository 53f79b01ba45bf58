//! The workflow state machine (办理流程): 草稿 → 申请 → 受理 → 调查核实 → 审核确认 →
//! 公示 → 认定, or 审核确认 → 不予认定, and 撤回 from any open stage. An objection in the
//! notice sends the case back to 调查核实; an upheld appeal reopens a decided case
//! (the steps after the decision are in `after.rs`).
//!
//! `apply` is pure: it takes a case and a [`Step`] (what the user asked for, with its data)
//! and returns the new case with one [`Transition`] appended to its history, or a
//! [`WorkflowError`] the clerk can act on. It leaves `rev` alone: the store bumps it.

mod after;
mod error;

pub use error::WorkflowError;

use crate::domain::case::{
    Case, CaseNumber, Deadline, Decision, Investigation, Review, Stage, Transition,
};
use crate::domain::procedure::{AfterDecision, Objection};
use crate::labelled_enum;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// At least two staff make a home visit (入户调查).
pub const MIN_INVESTIGATORS: usize = 2;

labelled_enum! {
    /// What a user can ask the workflow to do, without the data: for menus, key hints and errors.
    pub enum StepKind {
        Submit => ("提交申请", "submit the application"),
        Accept => ("受理", "accept the case"),
        StartInvestigation => ("开始调查核实", "start the investigation"),
        FinishInvestigation => ("完成调查核实", "finish the investigation"),
        Decide => ("审核确认", "record the review decision"),
        Withdraw => ("撤回", "withdraw the case"),
        TakeEffect => ("公示期满生效", "let the decision take effect after the notice"),
        RecordObjection => ("登记公示异议", "record an objection to the notice"),
        Reopen => ("复核后重新办理", "reopen the case after an appeal"),
    }
}

impl StepKind {
    /// The one stage this step starts from; `None` for `Withdraw`, allowed from any open stage.
    pub fn from_stage(self) -> Option<Stage> {
        match self {
            StepKind::Submit => Some(Stage::Draft),
            StepKind::Accept => Some(Stage::Submitted),
            StepKind::StartInvestigation => Some(Stage::Accepted),
            StepKind::FinishInvestigation => Some(Stage::Investigating),
            StepKind::Decide => Some(Stage::UnderReview),
            StepKind::TakeEffect | StepKind::RecordObjection => Some(Stage::InNotice),
            StepKind::Withdraw | StepKind::Reopen => None,
        }
    }

    /// Allowed from `stage` (the data of the step may still be refused).
    pub fn allowed_from(self, stage: Stage) -> bool {
        match (self, self.from_stage()) {
            (_, Some(s)) => s == stage,
            (StepKind::Reopen, None) => matches!(stage, Stage::Confirmed | Stage::Rejected),
            (_, None) => stage.is_open(),
        }
    }

    /// The step comes later in the procedure than `stage` ("not yet" rather than "no longer").
    pub fn later_than(self, stage: Stage) -> bool {
        match (self, self.from_stage()) {
            (_, Some(s)) => s.step_order() > stage.step_order(),
            (StepKind::Reopen, None) => stage.is_open(),
            (_, None) => false,
        }
    }
}

/// The forward step a case at `stage` waits for; `None` once decided or withdrawn.
pub fn next_step(stage: Stage) -> Option<StepKind> {
    StepKind::ALL
        .iter()
        .copied()
        .find(|k| k.from_stage() == Some(stage))
}

/// Every step allowed from `stage`, forward step first: what the case screen offers.
/// Reopening follows an appeal's outcome (`procedure::appeal`), not a menu.
pub fn allowed_steps(stage: Stage) -> Vec<StepKind> {
    let mut steps: Vec<StepKind> = next_step(stage).into_iter().collect();
    if StepKind::RecordObjection.allowed_from(stage) {
        steps.push(StepKind::RecordObjection);
    }
    if StepKind::Withdraw.allowed_from(stage) {
        steps.push(StepKind::Withdraw);
    }
    steps
}

/// A user's intent, with the data it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// 草稿 → 已申请.
    Submit,
    /// 已申请 → 已受理. `number` comes from the store's sequence, `deadline` from
    /// `Calendar::deadline(on, limit)`.
    Accept {
        number: CaseNumber,
        on: NaiveDate,
        deadline: Deadline,
    },
    /// 已受理 → 调查核实.
    StartInvestigation,
    /// 调查核实 → 审核确认, with the home-visit record (at least two investigators).
    FinishInvestigation(Investigation),
    /// 审核确认 → 公示中 (an approval) / 不予认定 (its letter due), or back to 调查核实
    /// (`Decision::SendBack`). `AfterDecision` from `procedure::after_decision`.
    Decide(Review, AfterDecision),
    /// 公示中 → 已认定 once the notice is over with no objection (the daily run). The
    /// first month paid and the confirmation notice's due date are computed by the caller.
    TakeEffect {
        benefit_from: NaiveDate,
        letter_due: Deadline,
    },
    /// 公示中 → 调查核实: an objection during the notice, with its new decision deadline.
    RecordObjection(Objection),
    /// 已认定 / 不予认定 → 调查核实 or 审核确认: an upheld appeal reopens the case, with a
    /// new decision deadline.
    Reopen {
        to: Stage,
        reason: String,
        deadline: Deadline,
    },
    /// Any open stage → 已撤回.
    Withdraw { reason: String },
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Submit => StepKind::Submit,
            Step::Accept { .. } => StepKind::Accept,
            Step::StartInvestigation => StepKind::StartInvestigation,
            Step::FinishInvestigation(_) => StepKind::FinishInvestigation,
            Step::Decide(..) => StepKind::Decide,
            Step::Withdraw { .. } => StepKind::Withdraw,
            Step::TakeEffect { .. } => StepKind::TakeEffect,
            Step::RecordObjection(_) => StepKind::RecordObjection,
            Step::Reopen { .. } => StepKind::Reopen,
        }
    }
}

labelled_enum! {
    /// Actions that must say why.
    pub enum ReasonFor {
        SendBack => ("退回调查", "sending a case back to investigation"),
        Reject => ("不予认定", "rejecting a case"),
        ConfirmOther => ("认定为建议以外的类别", "confirming a category other than the proposed one"),
        Withdraw => ("撤回", "withdrawing a case"),
        Reopen => ("重新办理", "reopening a case"),
    }
}

labelled_enum! {
    /// What a record after the decision must name.
    pub enum Required {
        Applicant => ("申请人", "who asks"),
        Grounds => ("申请理由", "the grounds"),
        Handler => ("办理人", "who handles it"),
        Outcome => ("处理意见", "the outcome's note"),
    }
}

labelled_enum! {
    /// The dates the workflow checks against each other.
    pub enum DateKind {
        Application => ("申请日期", "application date"),
        Acceptance => ("受理日期", "acceptance date"),
        Visit => ("入户调查日期", "home-visit date"),
        Review => ("审核日期", "review date"),
        Deadline => ("审核期限", "review deadline"),
        Objection => ("异议收到日期", "date the objection was received"),
        NoticeStart => ("公示开始日期", "first day of the notice"),
        NoticeEnd => ("公示结束日期", "last day of the notice"),
        Appeal => ("复核申请日期", "date of the appeal"),
        AppealOutcome => ("复核结论日期", "date of the appeal's outcome"),
        Decided => ("决定日期", "decision date"),
        Produced => ("告知书制作日期", "date the letter was produced"),
        Delivered => ("送达日期", "delivery date"),
    }
}

pub(crate) fn not_before(
    what: DateKind,
    date: NaiveDate,
    other: DateKind,
    other_date: Option<NaiveDate>,
) -> Result<(), WorkflowError> {
    match other_date {
        Some(o) if date < o => Err(WorkflowError::DateBefore {
            what,
            date,
            other,
            other_date: o,
        }),
        _ => Ok(()),
    }
}

pub(crate) fn not_future(
    what: DateKind,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<(), WorkflowError> {
    if date > today {
        return Err(WorkflowError::DateInFuture { what, date, today });
    }
    Ok(())
}

fn reason(text: &str, for_: ReasonFor) -> Result<String, WorkflowError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WorkflowError::ReasonRequired(for_));
    }
    Ok(text.to_string())
}

/// Distinct investigators named, blanks ignored.
fn investigators_named(inv: &Investigation) -> usize {
    inv.investigators
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Apply `step`, taken by `by` at `at`, to `case`. Returns the new case with one
/// transition appended; `rev` is untouched. The day of `at` is "today" for date checks.
pub fn apply(case: &Case, step: &Step, by: &str, at: NaiveDateTime) -> Result<Case, WorkflowError> {
    let by = by.trim();
    if by.is_empty() {
        return Err(WorkflowError::NoActor);
    }
    let from = case.stage;
    let kind = step.kind();
    if !kind.allowed_from(from) {
        return Err(WorkflowError::NotAllowed {
            stage: from,
            step: kind,
        });
    }
    let today = at.date();
    let mut next = case.clone();
    let mut why = String::new();
    match step {
        Step::Submit => {
            not_future(DateKind::Application, case.applied_on, today)?;
            next.stage = Stage::Submitted;
        }
        Step::Accept {
            number,
            on,
            deadline,
        } => {
            let on = *on;
            not_before(
                DateKind::Acceptance,
                on,
                DateKind::Application,
                Some(case.applied_on),
            )?;
            not_future(DateKind::Acceptance, on, today)?;
            if number.year != on.year() {
                return Err(WorkflowError::NumberYear {
                    number: *number,
                    accepted_on: on,
                });
            }
            not_before(
                DateKind::Deadline,
                deadline.date,
                DateKind::Acceptance,
                Some(on),
            )?;
            next.number = Some(*number);
            next.accepted_on = Some(on);
            next.deadline = Some(*deadline);
            next.stage = Stage::Accepted;
        }
        Step::StartInvestigation => next.stage = Stage::Investigating,
        Step::FinishInvestigation(inv) => {
            let named = investigators_named(inv);
            if named < MIN_INVESTIGATORS {
                return Err(WorkflowError::TooFewInvestigators { named });
            }
            if inv.findings.trim().is_empty() {
                return Err(WorkflowError::NoFindings);
            }
            not_before(
                DateKind::Visit,
                inv.visit_date,
                DateKind::Acceptance,
                case.accepted_on,
            )?;
            not_future(DateKind::Visit, inv.visit_date, today)?;
            next.investigation = Some(inv.clone());
            next.stage = Stage::UnderReview;
        }
        Step::Decide(review, after_decision) => {
            let mut review = review.clone();
            not_before(
                DateKind::Review,
                review.date,
                DateKind::Acceptance,
                case.accepted_on,
            )?;
            let visit = case.investigation.as_ref().map(|i| i.visit_date);
            not_before(DateKind::Review, review.date, DateKind::Visit, visit)?;
            not_future(DateKind::Review, review.date, today)?;
            match review.decision {
                Decision::ConfirmAsProposed => {
                    let proposed = review.proposed.ok_or(WorkflowError::NoProposal)?;
                    match review.category {
                        Some(chosen) if chosen != proposed => {
                            return Err(WorkflowError::DiffersFromProposal { proposed, chosen })
                        }
                        _ => review.category = Some(proposed),
                    }
                    review.reason = review.reason.trim().to_string();
                    after::enter_notice(&mut next, after_decision, review.date);
                }
                Decision::ConfirmOther => {
                    let chosen = review.category.ok_or(WorkflowError::NoCategory)?;
                    if review.proposed == Some(chosen) {
                        return Err(WorkflowError::SameAsProposed(chosen));
                    }
                    review.reason = reason(&review.reason, ReasonFor::ConfirmOther)?;
                    after::enter_notice(&mut next, after_decision, review.date);
                }
                Decision::Reject => {
                    review.reason = reason(&review.reason, ReasonFor::Reject)?;
                    review.category = None;
                    next.stage = Stage::Rejected;
                    next.decided_on = Some(review.date);
                    after::refuse(&mut next, after_decision, review.date);
                }
                Decision::SendBack => {
                    review.reason = reason(&review.reason, ReasonFor::SendBack)?;
                    review.category = None;
                    next.stage = Stage::Investigating;
                }
            }
            why = review.reason.clone();
            next.review = Some(review);
        }
        Step::Withdraw { reason: text } => {
            why = reason(text, ReasonFor::Withdraw)?;
            next.stage = Stage::Withdrawn;
        }
        Step::TakeEffect {
            benefit_from,
            letter_due,
        } => why = after::take_effect(&mut next, today, *benefit_from, *letter_due)?,
        Step::RecordObjection(objection) => {
            why = after::record_objection(&mut next, objection, today)?;
        }
        Step::Reopen {
            to,
            reason: text,
            deadline,
        } => {
            why = reason(text, ReasonFor::Reopen)?;
            after::reopen(&mut next, *to, *deadline)?;
        }
    }
    next.history.push(Transition {
        from,
        to: next.stage,
        by: by.to_string(),
        at,
        reason: why,
    });
    Ok(next)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests;
