//! Cases as version 4 stored them: dates compact, the review's explanation as plain
//! lists of strings (a frozen copy of that shape). Version 5 deflates the explanation.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::case::{
    Case, CaseId, CaseNumber, Channel, Deadline, Decision, Investigation, Review, Stage, Transition,
};
use crate::domain::category::{Category, Tag};
use crate::domain::household::HouseholdId;
use crate::domain::money::Money;
use crate::domain::procedure::Procedure;
use crate::domain::town::Town;

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct ReviewV4 {
    proposed: Option<Category>,
    proposed_tags: Vec<Tag>,
    proposed_benefit: Option<Money>,
    explanation: Vec<String>,
    explanation_en: Vec<String>,
    decision: Decision,
    category: Option<Category>,
    reason: String,
    #[serde(with = "crate::domain::compact::one")]
    date: NaiveDate,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct CaseV4 {
    id: CaseId,
    rev: u64,
    number: Option<CaseNumber>,
    household: HouseholdId,
    town: Town,
    channel: Channel,
    stage: Stage,
    #[serde(with = "crate::domain::compact::one")]
    applied_on: NaiveDate,
    #[serde(default, with = "crate::domain::compact::opt")]
    accepted_on: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::compact::opt")]
    deadline: Option<Deadline>,
    investigation: Option<Investigation>,
    review: Option<ReviewV4>,
    #[serde(default, with = "crate::domain::compact::opt")]
    decided_on: Option<NaiveDate>,
    history: Vec<Transition>,
    procedure: Procedure,
}

impl From<CaseV4> for Case {
    fn from(c: CaseV4) -> Case {
        Case {
            id: c.id,
            rev: c.rev,
            number: c.number,
            household: c.household,
            town: c.town,
            channel: c.channel,
            stage: c.stage,
            applied_on: c.applied_on,
            accepted_on: c.accepted_on,
            deadline: c.deadline,
            investigation: c.investigation,
            review: c.review.map(|r| Review {
                proposed: r.proposed,
                proposed_tags: r.proposed_tags,
                proposed_benefit: r.proposed_benefit,
                explanation: r.explanation,
                explanation_en: r.explanation_en,
                decision: r.decision,
                category: r.category,
                reason: r.reason,
                date: r.date,
            }),
            decided_on: c.decided_on,
            history: c.history,
            procedure: c.procedure,
        }
    }
}
