//! 审核确认: the engine proposes (category, tags, benefit, explanation), the review
//! records its decision. An approval enters its public notice (公示); the household's
//! standing is set when the decision takes effect (`effect.rs`), not here. A refusal takes
//! effect at once with its letter due. Also 撤回 (withdraw), from any open stage.

use chrono::NaiveDate;

use super::{audit, check_role, load, standards, FlowError};
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::case::{Case, CaseId, Decision, Review, Stage};
use crate::domain::category::Category;
use crate::domain::classify::{classify_span, Proposal};
use crate::domain::household::Household;
use crate::domain::procedure::after_decision;
use crate::domain::workflow::{self, Step, StepKind};
use crate::domain::Label;
use crate::store::Change;

/// What the review screen (or the meeting mode) hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    pub decision: Decision,
    /// The category for "confirm another category"; ignored otherwise.
    pub category: Option<Category>,
    /// Mandatory for every decision but "confirm as proposed".
    pub reason: String,
    pub date: NaiveDate,
}

fn classify(
    services: &Services,
    case: &Case,
    h: &Household,
    on: NaiveDate,
) -> Result<Proposal, FlowError> {
    classify_span(
        h,
        &standards(services)?,
        case.applied_on,
        on.max(case.applied_on),
    )
    .map_err(|e| FlowError::invalid(format!("无法测算：{}", e.zh()), e.to_string()))
}

/// The engine's proposal for a case, judged on `on` (就高就宽 over any standard change
/// between the application date and `on`).
pub fn propose(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    on: NaiveDate,
) -> Result<Proposal, FlowError> {
    if !actor.may(crate::domain::access::Permission::ReadCases) {
        return Err(FlowError::Denied(
            crate::domain::access::Permission::ReadCases,
        ));
    }
    // Nothing is written: the revision does not matter here.
    let (case, h) = load(services, actor, id, 0)?;
    classify(services, &case, &h, on)
}

/// Record the review decision on a case under review. The proposal is computed again
/// here and kept on the case with its explanation, so the record shows what the
/// meeting saw. Confirmation sets the household's category, tags and date.
pub fn decide(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    input: DecisionInput,
) -> Result<Case, FlowError> {
    let change = prepare_decide(services, actor, id, expected_rev, input)?;
    let saved = services.store.save(change)?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}

/// Every check of [`decide`] and the write it would make, not yet saved: for a caller
/// that writes more in the same transaction (a review meeting's record).
pub fn prepare_decide(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    input: DecisionInput,
) -> Result<Change, FlowError> {
    check_role(actor, StepKind::Decide)?;
    let (old, household) = load(services, actor, id, expected_rev)?;
    let proposal = match classify(services, &old, &household, input.date) {
        Ok(p) => Some(p),
        Err(e) if input.decision == Decision::ConfirmAsProposed => return Err(e),
        Err(_) => None,
    };
    let review = Review {
        proposed: proposal.as_ref().and_then(|p| p.category),
        proposed_tags: proposal
            .as_ref()
            .map(|p| p.tags.clone())
            .unwrap_or_default(),
        proposed_benefit: proposal.as_ref().map(|p| p.benefit.total()),
        explanation: proposal
            .as_ref()
            .map(Proposal::explanation_zh)
            .unwrap_or_default(),
        explanation_en: proposal
            .as_ref()
            .map(Proposal::explanation_en)
            .unwrap_or_default(),
        decision: input.decision,
        category: input.category,
        reason: input.reason,
        date: input.date,
    };
    let settings = super::procedure_settings(services)?;
    let after = after_decision(&services.calendar, &settings, input.date);
    let step = Step::Decide(review, after);
    crate::app::staff_relatives::guard(services, &old, &step)?;
    let new = workflow::apply(&old, &step, &actor.user, services.now())?;
    let decided = new.review.as_ref();
    let mut entry = audit(services, actor, "case.decide", &old, &new).with_change(
        "decision",
        String::new(),
        input.decision.zh().to_string(),
    );
    if let Some(c) = decided.and_then(|r| r.category) {
        entry = entry.with_change("category", String::new(), c.zh().to_string());
    }
    if let Some(b) = decided.and_then(|r| r.proposed_benefit) {
        entry = entry.with_change("proposed_benefit", String::new(), b.plain());
    }
    if let Some(n) = new
        .procedure
        .notice()
        .filter(|_| new.stage == Stage::InNotice)
    {
        entry = entry.with_change("notice", String::new(), format!("{}..{}", n.start, n.end));
    }
    if let Some(l) = new
        .procedure
        .letter_pending()
        .filter(|_| new.stage == Stage::Rejected)
    {
        entry = entry.with_change("letter_due", String::new(), l.due.date.to_string());
    }
    Ok(Change {
        household: None,
        case: Some(new),
        number_case_in: None,
        audit: entry,
    })
}

/// 撤回: any open stage, with a reason.
pub fn withdraw(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    reason: &str,
) -> Result<Case, FlowError> {
    check_role(actor, StepKind::Withdraw)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let step = Step::Withdraw {
        reason: reason.to_string(),
    };
    let new = workflow::apply(&old, &step, &actor.user, services.now())?;
    let entry = audit(services, actor, "case.withdraw", &old, &new);
    let saved = services.store.save(Change {
        household: None,
        case: Some(new),
        number_case_in: None,
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}
