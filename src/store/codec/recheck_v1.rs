//! Re-checks as version 1 stored them: dates as text, the explanation as plain lists (a
//! frozen copy of that shape). Version 2 keeps dates compact and the explanation
//! deflated (`domain::compact`).

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::household::HouseholdId;
use crate::domain::recheck::{Basis, Outcome, Recheck, Support};
use crate::domain::town::Town;

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct RecheckV1 {
    id: u64,
    household: HouseholdId,
    town: Town,
    date: NaiveDate,
    by: String,
    reading: u64,
    before: Support,
    found: Support,
    proposed: Outcome,
    decided: Outcome,
    reason: String,
    explanation: Vec<String>,
    explanation_en: Vec<String>,
    basis: Option<Basis>,
    next_due: Option<NaiveDate>,
}

impl From<RecheckV1> for Recheck {
    fn from(r: RecheckV1) -> Recheck {
        Recheck {
            id: r.id,
            household: r.household,
            town: r.town,
            date: r.date,
            by: r.by,
            reading: r.reading,
            before: r.before,
            found: r.found,
            proposed: r.proposed,
            decided: r.decided,
            reason: r.reason,
            explanation: r.explanation,
            explanation_en: r.explanation_en,
            basis: r.basis,
            next_due: r.next_due,
        }
    }
}
