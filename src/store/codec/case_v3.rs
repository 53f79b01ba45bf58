//! Cases as versions 1 to 3 stored them: the same fields as today, every date and time
//! as chrono's text (a frozen copy of those shapes, so that changing today's does not
//! change how old bytes read). Version 4 stores them compactly (`domain::compact`).

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use crate::domain::case::{
    CaseId, CaseNumber, Channel, Correction, Deadline, Decision, Investigation, Mismatch, Review,
    Stage, Transition,
};
use crate::domain::category::{Category, Tag};
use crate::domain::household::HouseholdId;
use crate::domain::money::Money;
use crate::domain::procedure::{
    Appeal, AppealKind, AppealOutcome, AppealResult, Letter, LetterKind, Notice, Objection,
    Procedure,
};
use crate::domain::town::Town;

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct TransitionV3 {
    from: Stage,
    to: Stage,
    by: String,
    at: NaiveDateTime,
    reason: String,
}

impl From<TransitionV3> for Transition {
    fn from(t: TransitionV3) -> Transition {
        Transition {
            from: t.from,
            to: t.to,
            by: t.by,
            at: t.at,
            reason: t.reason,
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct InvestigationV3 {
    visit_date: NaiveDate,
    investigators: Vec<String>,
    findings: String,
    mismatches: Vec<Mismatch>,
    corrections: Vec<Correction>,
}

impl From<InvestigationV3> for Investigation {
    fn from(i: InvestigationV3) -> Investigation {
        Investigation {
            visit_date: i.visit_date,
            investigators: i.investigators,
            findings: i.findings,
            mismatches: i.mismatches,
            corrections: i.corrections,
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct ReviewV3 {
    proposed: Option<Category>,
    proposed_tags: Vec<Tag>,
    proposed_benefit: Option<Money>,
    explanation: Vec<String>,
    explanation_en: Vec<String>,
    decision: Decision,
    category: Option<Category>,
    reason: String,
    date: NaiveDate,
}

impl From<ReviewV3> for Review {
    fn from(r: ReviewV3) -> Review {
        Review {
            proposed: r.proposed,
            proposed_tags: r.proposed_tags,
            proposed_benefit: r.proposed_benefit,
            explanation: r.explanation,
            explanation_en: r.explanation_en,
            decision: r.decision,
            category: r.category,
            reason: r.reason,
            date: r.date,
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct NoticeV3 {
    start: NaiveDate,
    end: NaiveDate,
    effective_on: NaiveDate,
    counts_toward_limit: bool,
    objected: bool,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct ObjectionV3 {
    objector: String,
    received_on: NaiveDate,
    what: String,
    recorded_by: String,
    redecide_by: Deadline,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct LetterV3 {
    kind: LetterKind,
    due: Deadline,
    produced_on: Option<NaiveDate>,
    produced_by: Option<String>,
    delivered_on: Option<NaiveDate>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct AppealOutcomeV3 {
    result: AppealResult,
    on: NaiveDate,
    note: String,
    recorded_by: String,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct AppealV3 {
    kind: AppealKind,
    requested_on: NaiveDate,
    applicant: String,
    grounds: String,
    handled_by: String,
    recorded_by: String,
    outcome: Option<AppealOutcomeV3>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct ProcedureV3 {
    notices: Vec<NoticeV3>,
    objections: Vec<ObjectionV3>,
    letters: Vec<LetterV3>,
    appeals: Vec<AppealV3>,
    effective_on: Option<NaiveDate>,
    benefit_from: Option<NaiveDate>,
}

impl From<ProcedureV3> for Procedure {
    fn from(p: ProcedureV3) -> Procedure {
        Procedure {
            notices: p.notices.into_iter().map(notice).collect(),
            objections: p.objections.into_iter().map(objection).collect(),
            letters: p.letters.into_iter().map(letter).collect(),
            appeals: p.appeals.into_iter().map(appeal).collect(),
            effective_on: p.effective_on,
            benefit_from: p.benefit_from,
        }
    }
}

fn notice(n: NoticeV3) -> Notice {
    Notice {
        start: n.start,
        end: n.end,
        effective_on: n.effective_on,
        counts_toward_limit: n.counts_toward_limit,
        objected: n.objected,
    }
}

fn objection(o: ObjectionV3) -> Objection {
    Objection {
        objector: o.objector,
        received_on: o.received_on,
        what: o.what,
        recorded_by: o.recorded_by,
        redecide_by: o.redecide_by,
    }
}

fn letter(l: LetterV3) -> Letter {
    Letter {
        kind: l.kind,
        due: l.due,
        produced_on: l.produced_on,
        produced_by: l.produced_by,
        delivered_on: l.delivered_on,
    }
}

fn appeal(a: AppealV3) -> Appeal {
    Appeal {
        kind: a.kind,
        requested_on: a.requested_on,
        applicant: a.applicant,
        grounds: a.grounds,
        handled_by: a.handled_by,
        recorded_by: a.recorded_by,
        outcome: a.outcome.map(|o| AppealOutcome {
            result: o.result,
            on: o.on,
            note: o.note,
            recorded_by: o.recorded_by,
        }),
    }
}

/// The fields of version 1, which versions 2 and 3 begin with.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct CaseV1 {
    pub id: CaseId,
    pub rev: u64,
    pub number: Option<CaseNumber>,
    pub household: HouseholdId,
    pub town: Town,
    pub channel: Channel,
    pub stage: Stage,
    pub applied_on: NaiveDate,
    pub accepted_on: Option<NaiveDate>,
    pub deadline: Option<Deadline>,
    pub investigation: Option<InvestigationV3>,
    pub review: Option<ReviewV3>,
    pub decided_on: Option<NaiveDate>,
    pub history: Vec<TransitionV3>,
}

/// A case as version 3 stored it: version 1's fields, then `procedure` (bincode is
/// positional and frames no struct, so version 1's fields read as one nested struct).
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct CaseV3 {
    pub v1: CaseV1,
    pub procedure: ProcedureV3,
}
