//! The workflow state machine (办理流程): 草稿 → 申请 → 受理 → 调查核实 → 审核确认 →
//! 认定 / 不予认定, and 撤回 from any open stage.
//!
//! `apply` is pure: it takes a case and a [`Step`] (what the user asked for, with its data)
//! and returns the new case with one [`Transition`] appended to its history, or a
//! [`WorkflowError`] the clerk can act on. It leaves `rev` alone: the store bumps it.

use crate::domain::case::{
    Case, CaseNumber, Deadline, Decision, Investigation, Review, Stage, Transition,
};
use crate::domain::category::Category;
use crate::domain::label::Label;
use crate::labelled_enum;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

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
            StepKind::Withdraw => None,
        }
    }

    /// Allowed from `stage` (the data of the step may still be refused).
    pub fn allowed_from(self, stage: Stage) -> bool {
        match self.from_stage() {
            Some(s) => s == stage,
            None => stage.is_open(),
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
pub fn allowed_steps(stage: Stage) -> Vec<StepKind> {
    let mut steps: Vec<StepKind> = next_step(stage).into_iter().collect();
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
    /// 审核确认 → 已认定 / 不予认定, or back to 调查核实 (`Decision::SendBack`).
    Decide(Review),
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
            Step::Decide(_) => StepKind::Decide,
            Step::Withdraw { .. } => StepKind::Withdraw,
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
    }
}

/// Why a step was refused. `zh()` for the Chinese screen, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// The step does not start from the case's stage.
    NotAllowed {
        stage: Stage,
        step: StepKind,
    },
    /// No signed-in user to record as the one who acted.
    NoActor,
    ReasonRequired(ReasonFor),
    /// Fewer than two distinct investigators named.
    TooFewInvestigators {
        named: usize,
    },
    NoFindings,
    /// "Confirm as proposed" without a proposal from the engine.
    NoProposal,
    /// "Confirm another category" without choosing one.
    NoCategory,
    /// "Confirm another category" choosing the proposed one.
    SameAsProposed(Category),
    /// "Confirm as proposed" with a different category chosen.
    DiffersFromProposal {
        proposed: Category,
        chosen: Category,
    },
    /// `what` falls before `other`.
    DateBefore {
        what: DateKind,
        date: NaiveDate,
        other: DateKind,
        other_date: NaiveDate,
    },
    /// `what` is after the day of the step.
    DateInFuture {
        what: DateKind,
        date: NaiveDate,
        today: NaiveDate,
    },
    /// The case number's year is not the year of acceptance.
    NumberYear {
        number: CaseNumber,
        accepted_on: NaiveDate,
    },
    /// A relative-of-staff case may not skip the full home visit or the district check
    /// (`domain::staff_relatives::check_step`).
    StaffRelative(crate::domain::staff_relatives::RelativeRefusal),
}

impl WorkflowError {
    pub fn zh(&self) -> String {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                let head = if step.from_stage().is_some_and(|s| s > *stage) {
                    format!("案件处于“{}”，还不能{}", stage.zh(), step.zh())
                } else {
                    format!("案件处于“{}”，不能再{}", stage.zh(), step.zh())
                };
                match next_step(*stage) {
                    Some(next) => format!("{head}；下一步是“{}”", next.zh()),
                    None => head,
                }
            }
            NoActor => "没有办理人，请先登录".to_string(),
            ReasonRequired(r) => format!("{}必须填写理由", r.zh()),
            TooFewInvestigators { named } => {
                format!("入户调查至少需要两名调查人员，现在只填了{named}名")
            }
            NoFindings => "请填写入户调查情况".to_string(),
            NoProposal => "没有系统建议的类别，请选择“认定为其他类别”并填写理由".to_string(),
            NoCategory => "请选择认定的类别".to_string(),
            SameAsProposed(c) => {
                format!("所选类别“{}”就是建议类别，请选择“按建议认定”", c.zh())
            }
            DiffersFromProposal { proposed, chosen } => format!(
                "所选类别“{}”与建议类别“{}”不同，请选择“认定为其他类别”并填写理由",
                chosen.zh(),
                proposed.zh()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => format!("{}{date}早于{}{other_date}", what.zh(), other.zh()),
            DateInFuture { what, date, today } => {
                format!("{}{date}晚于今天（{today}），不能预先登记", what.zh())
            }
            NumberYear {
                number,
                accepted_on,
            } => format!(
                "案件编号{number}的年份与受理日期{accepted_on}的年份（{}年）不符",
                accepted_on.year()
            ),
            StaffRelative(r) => r.zh(),
        }
    }
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                if step.from_stage().is_some_and(|s| s > *stage) {
                    write!(f, "the case is {}: you cannot {} yet", stage.en(), step.en())?;
                } else {
                    write!(f, "the case is {}: you can no longer {}", stage.en(), step.en())?;
                }
                match next_step(*stage) {
                    Some(next) => write!(f, "; the next step is to {}", next.en()),
                    None => Ok(()),
                }
            }
            NoActor => write!(f, "no one is signed in to record as the person acting"),
            ReasonRequired(r) => write!(f, "a reason is required for {}", r.en()),
            TooFewInvestigators { named } => write!(
                f,
                "a home visit needs at least two investigators; {named} named"
            ),
            NoFindings => write!(f, "record the findings of the home visit"),
            NoProposal => write!(
                f,
                "there is no proposed category; choose \"confirm another category\" and give a reason"
            ),
            NoCategory => write!(f, "choose the category to confirm"),
            SameAsProposed(c) => write!(
                f,
                "{} is the proposed category; choose \"confirm as proposed\"",
                c.en()
            ),
            DiffersFromProposal { proposed, chosen } => write!(
                f,
                "{} differs from the proposed {}; choose \"confirm another category\" and give a reason",
                chosen.en(),
                proposed.en()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => write!(
                f,
                "the {} {date} is before the {} {other_date}",
                what.en(),
                other.en()
            ),
            DateInFuture { what, date, today } => write!(
                f,
                "the {} {date} is after today ({today}); it cannot be entered in advance",
                what.en()
            ),
            NumberYear {
                number,
                accepted_on,
            } => write!(
                f,
                "case number {number} does not carry the year of acceptance ({accepted_on})"
            ),
            StaffRelative(r) => write!(f, "{r}"),
        }
    }
}

impl std::error::Error for WorkflowError {}

impl From<crate::domain::staff_relatives::RelativeRefusal> for WorkflowError {
    fn from(r: crate::domain::staff_relatives::RelativeRefusal) -> WorkflowError {
        WorkflowError::StaffRelative(r)
    }
}

fn not_before(
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

fn not_future(what: DateKind, date: NaiveDate, today: NaiveDate) -> Result<(), WorkflowError> {
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
        Step::Decide(review) => {
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
                    next.stage = Stage::Confirmed;
                    next.decided_on = Some(review.date);
                }
                Decision::ConfirmOther => {
                    let chosen = review.category.ok_or(WorkflowError::NoCategory)?;
                    if review.proposed == Some(chosen) {
                        return Err(WorkflowError::SameAsProposed(chosen));
                    }
                    review.reason = reason(&review.reason, ReasonFor::ConfirmOther)?;
                    next.stage = Stage::Confirmed;
                    next.decided_on = Some(review.date);
                }
                Decision::Reject => {
                    review.reason = reason(&review.reason, ReasonFor::Reject)?;
                    review.category = None;
                    next.stage = Stage::Rejected;
                    next.decided_on = Some(review.date);
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
