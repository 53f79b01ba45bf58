//! The town clerk's records after a decision: an objection to a public notice (back to
//! investigation with a new deadline), an appeal and its outcome (an upheld one reopens
//! the case), and the written notice produced and delivered. Each is one write with its
//! audit entry, through the access table and the clerk's own town.

use chrono::NaiveDate;

use super::{audit, load, procedure_settings, FlowError};
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::access::Permission;
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::procedure::appeal::{self, AppealRequest, Reopening};
use crate::domain::procedure::dates::redecide_by;
use crate::domain::procedure::{AppealResult, LetterKind, Objection};
use crate::domain::workflow::{self, Step};
use crate::domain::Label;
use crate::store::Change;

fn permit(actor: &Actor, p: Permission) -> Result<(), FlowError> {
    if actor.may(p) {
        Ok(())
    } else {
        Err(FlowError::Denied(p))
    }
}

fn save(
    services: &Services,
    case: Case,
    entry: crate::store::AuditEntry,
) -> Result<Case, FlowError> {
    let saved = services.store.save(Change {
        household: None,
        case: Some(case),
        number_case_in: None,
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}

/// What the objection form hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionInput {
    pub objector: String,
    pub received_on: NaiveDate,
    pub what: String,
}

/// 公示异议: the case goes back to investigation with the objection attached and a new
/// decision deadline (working days from receipt, a setting).
pub fn record_objection(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    input: ObjectionInput,
) -> Result<Case, FlowError> {
    permit(actor, Permission::WorkNotices)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let settings = procedure_settings(services)?;
    let objection = Objection {
        objector: input.objector,
        received_on: input.received_on,
        what: input.what,
        recorded_by: actor.user.clone(),
        redecide_by: redecide_by(&services.calendar, &settings, input.received_on),
    };
    let new = workflow::apply(
        &old,
        &Step::RecordObjection(objection),
        &actor.user,
        services.now(),
    )?;
    let mut entry = audit(services, actor, "case.objection", &old, &new);
    if let Some(o) = new.procedure.objections.last() {
        entry = entry
            .with_change("objector", String::new(), o.objector.clone())
            .with_change("received_on", String::new(), o.received_on.to_string())
            .with_change("redecide_by", String::new(), o.redecide_by.date.to_string());
    }
    save(services, new, entry)
}

/// 复核 / 行政复议: record the request on a decided case.
pub fn request_appeal(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    req: AppealRequest,
) -> Result<Case, FlowError> {
    permit(actor, Permission::HandleAppeals)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let new = appeal::request(&old, &req, &actor.user, services.today())?;
    let entry = audit(services, actor, "case.appeal", &old, &new)
        .with_change("kind", String::new(), req.kind.zh().to_string())
        .with_change("requested_on", String::new(), req.requested_on.to_string())
        .with_change(
            "handled_by",
            String::new(),
            req.handled_by.trim().to_string(),
        )
        .with_note(req.grounds.trim().to_string());
    save(services, new, entry)
}

/// What the appeal outcome form hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealOutcomeInput {
    pub result: AppealResult,
    pub on: NaiveDate,
    pub note: String,
    /// Where an upheld appeal reopens the case: investigation or review.
    pub reopen_at: Stage,
    /// Who handled it, when another than the one named at the request (empty: the same).
    pub handled_by: String,
}

/// The outcome of the open appeal. Upheld, the case reopens at `reopen_at` (investigation
/// or review) with the review limit from the outcome's date as its new deadline.
pub fn resolve_appeal(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    input: AppealOutcomeInput,
) -> Result<Case, FlowError> {
    let AppealOutcomeInput {
        result,
        on,
        ref note,
        reopen_at,
        ref handled_by,
    } = input;
    permit(actor, Permission::HandleAppeals)?;
    if result.reopens() {
        super::check_role(actor, crate::domain::workflow::StepKind::Reopen)?;
    }
    let (old, _) = load(services, actor, id, expected_rev)?;
    let limit = super::review_limit(&super::standards(services)?, on);
    let reopen = Reopening {
        to: reopen_at,
        deadline: services.calendar.deadline(on, limit),
    };
    let handler_before = old
        .procedure
        .open_appeal()
        .map(|a| a.handled_by.clone())
        .unwrap_or_default();
    let handed = appeal::hand_to(&old, handled_by)?;
    let new = appeal::resolve(
        &handed,
        result,
        on,
        note,
        reopen,
        &actor.user,
        services.now(),
    )?;
    let mut entry = audit(services, actor, "case.appeal_outcome", &old, &new)
        .with_change("outcome", String::new(), result.zh().to_string())
        .with_change("on", String::new(), on.to_string());
    let handler_after = new
        .procedure
        .appeals
        .last()
        .map(|a| a.handled_by.clone())
        .unwrap_or_default();
    if handler_after != handler_before {
        entry = entry.with_change("handled_by", handler_before, handler_after);
    }
    let entry = entry.with_note(note.trim().to_string());
    save(services, new, entry)
}

/// What is recorded of a written notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterEvent {
    /// Produced (printed) on the day; printing again keeps the first date.
    Produced(NaiveDate),
    /// Delivered to the applicant on the day.
    Delivered(NaiveDate),
}

/// Record that the written notice of `kind` was produced or delivered.
pub fn record_letter(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    kind: LetterKind,
    event: LetterEvent,
) -> Result<Case, FlowError> {
    permit(actor, Permission::WorkNotices)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let (new, action, field, on) = match event {
        LetterEvent::Produced(on) => (
            appeal::letter_produced(&old, kind, on, &actor.user)?,
            "case.letter",
            "produced_on",
            on,
        ),
        LetterEvent::Delivered(on) => (
            appeal::letter_delivered(&old, kind, on, services.today())?,
            "case.letter_delivered",
            "delivered_on",
            on,
        ),
    };
    let entry = audit(services, actor, action, &old, &new)
        .with_change("letter", String::new(), kind.zh().to_string())
        .with_change(field, String::new(), on.to_string());
    save(services, new, entry)
}
