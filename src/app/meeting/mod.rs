//! The review meeting (专班会议): a town reviewer (own town) or the district office starts
//! a meeting for a town; its agenda is every case of the town under review, earliest
//! deadline first; each decision goes through `workflow::decide` (the same step as the
//! review screen) and is then added to the meeting record; closing keeps the cases left
//! undecided. Every write is one store transaction with its audit entry.

mod minute;

#[cfg(test)]
mod tests;

pub use minute::{export, minute_csv, minute_text, Exported, MinuteFormat};

use chrono::NaiveDate;

use super::cases::{self, CaseDetail};
use super::session::Actor;
use super::workflow::{self, DecisionInput, FlowError};
use super::{AppError, Services};
use crate::domain::case::{CaseId, Decision, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::classify::Proposal;
use crate::domain::meeting::{Deferred, Meeting, MeetingDecision, MeetingId, MeetingStatus};
use crate::domain::town::Town;
use crate::domain::Label;
use crate::store::{AuditEntry, CaseFilter};

/// A workflow refusal in the words of the app layer.
pub fn flow(e: FlowError) -> AppError {
    AppError::Invalid(e.zh(), e.to_string())
}

/// Refuse unless the actor may hold a meeting of `town`.
fn check(actor: &Actor, town: Town) -> Result<(), AppError> {
    actor.permit(crate::domain::access::Permission::HoldMeeting)?;
    match actor.town {
        Some(own) if own != town => Err(AppError::Invalid(
            format!("您只能召开{}的审核会议", own.zh()),
            format!("you may hold review meetings of {} only", own.en()),
        )),
        _ => Ok(()),
    }
}

/// What the start form hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartInput {
    pub town: Town,
    pub date: NaiveDate,
    pub attendees: Vec<String>,
}

/// Open a meeting; the signed-in user chairs it.
pub fn start(services: &Services, actor: &Actor, input: StartInput) -> Result<Meeting, AppError> {
    check(actor, input.town)?;
    if input.attendees.is_empty() {
        return Err(AppError::Invalid(
            "请填写参会人员（用逗号分隔）".into(),
            "list the attendees (separated by commas)".into(),
        ));
    }
    let meeting = Meeting::new(input.town, input.date, input.attendees, &actor.user);
    let entry = AuditEntry::new(services.now(), &actor.user, "meeting.start", String::new())
        .with_change("town", String::new(), input.town.zh().to_string())
        .with_change("date", String::new(), input.date.to_string())
        .with_note(format!("参会：{}", meeting.attendees.join("、")));
    Ok(services.store.save_meeting(meeting, entry)?)
}

/// A meeting the actor may see.
pub fn load(services: &Services, actor: &Actor, id: MeetingId) -> Result<Meeting, AppError> {
    let m = services.store.meeting(id)?.ok_or_else(|| {
        AppError::Invalid(
            format!("未找到第 {} 号会议", id.0),
            format!("meeting {} was not found", id.0),
        )
    })?;
    check(actor, m.town)?;
    Ok(m)
}

/// Every case of `town` under review, earliest deadline first (no deadline last).
pub fn agenda(services: &Services, actor: &Actor, town: Town) -> Result<Vec<CaseRow>, AppError> {
    check(actor, town)?;
    let filter = CaseFilter {
        town: Some(town),
        stage: Some(Stage::UnderReview),
    };
    const PAGE: usize = 500;
    let mut rows = Vec::new();
    loop {
        let page = services.store.case_rows(filter, rows.len(), PAGE)?;
        let done = page.len() < PAGE;
        rows.extend(page);
        if done {
            break;
        }
    }
    rows.sort_by_key(|r| (r.deadline.map_or(NaiveDate::MAX, |d| d.date), r.case));
    Ok(rows)
}

/// What the summary card shows of one case.
#[derive(Debug, Clone)]
pub struct Card {
    pub detail: CaseDetail,
    /// The engine's proposal on the meeting's date, or why there is none: (zh, en).
    pub proposal: Result<Proposal, (String, String)>,
}

pub fn card(
    services: &Services,
    actor: &Actor,
    meeting: &Meeting,
    id: CaseId,
) -> Result<Card, AppError> {
    check(actor, meeting.town)?;
    let detail = cases::detail(services, actor, id)?;
    let proposal = workflow::propose(services, actor, id, meeting.date.max(services.today()))
        .map_err(|e| (e.zh(), e.to_string()));
    Ok(Card { detail, proposal })
}

/// Record a decision: the case through `workflow::decide` (refused there if the role,
/// stage or reason is wrong), then the decision on the meeting record.
pub fn decide(
    services: &Services,
    actor: &Actor,
    meeting: &Meeting,
    case: CaseId,
    case_rev: u64,
    input: DecisionInput,
) -> Result<Meeting, AppError> {
    check(actor, meeting.town)?;
    if !meeting.is_open() {
        return Err(AppError::Invalid(
            "会议已结束，不能再记录决定".into(),
            "the meeting is closed: no more decisions".into(),
        ));
    }
    // The case's decision and the meeting's record are written in one transaction.
    let change = workflow::prepare_decide(services, actor, case, case_rev, input).map_err(flow)?;
    let decided = change
        .case
        .clone()
        .ok_or_else(|| AppError::NotFound(format!("case {}", case.0)))?;
    let review = decided.review.as_ref();
    let head = services
        .store
        .household(decided.household)?
        .map(|h| h.head_name().to_string())
        .unwrap_or_default();
    let decision = MeetingDecision {
        case,
        number: decided.number,
        head,
        decision: review.map_or(Decision::Reject, |r| r.decision),
        proposed: review.and_then(|r| r.proposed),
        category: review
            .filter(|r| {
                matches!(
                    r.decision,
                    Decision::ConfirmAsProposed | Decision::ConfirmOther
                )
            })
            .and_then(|r| r.category),
        reason: review.map(|r| r.reason.clone()).unwrap_or_default(),
        at: services.now(),
        by: actor.user.clone(),
    };
    let mut m = meeting.clone();
    let entry = AuditEntry::new(services.now(), &actor.user, "meeting.decide", String::new())
        .with_change(
            "case",
            String::new(),
            decided
                .number
                .map_or(format!("#{}", case.0), |n| n.to_string()),
        )
        .with_change(
            "decision",
            String::new(),
            decision.decision.zh().to_string(),
        )
        .with_note(decision.reason.clone());
    m.decisions.push(decision);
    m.written_by = actor.user.clone();
    let (_, saved) = services.store.save_meeting_decision(change, m, entry)?;
    Ok(saved)
}

/// Close the meeting; agenda cases still under review are kept as deferred.
pub fn close(services: &Services, actor: &Actor, meeting: &Meeting) -> Result<Meeting, AppError> {
    check(actor, meeting.town)?;
    if !meeting.is_open() {
        return Ok(meeting.clone());
    }
    let mut m = meeting.clone();
    m.deferred = agenda(services, actor, m.town)?
        .into_iter()
        .filter(|r| !m.decided(r.case))
        .map(|r| Deferred {
            case: r.case,
            number: r.number,
            head: r.head,
        })
        .collect();
    m.status = MeetingStatus::Closed;
    m.closed_at = Some(services.now());
    m.written_by = actor.user.clone();
    let entry = AuditEntry::new(services.now(), &actor.user, "meeting.close", String::new())
        .with_change(
            "status",
            MeetingStatus::Open.zh().to_string(),
            MeetingStatus::Closed.zh().to_string(),
        )
        .with_note(format!(
            "决定{}件，留待下次{}件",
            m.decisions.len(),
            m.deferred.len()
        ));
    Ok(services.store.save_meeting(m, entry)?)
}
