//! A re-check as recorded: the visit's reading, support before and as found, what the
//! engine proposed and what the clerk decided (with the reason when they differ), the
//! explanation, and the next re-check date it sets.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Basis, Outcome, Support};
use crate::domain::household::HouseholdId;
use crate::domain::town::Town;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recheck {
    /// Assigned by the store (0 for a new re-check).
    pub id: u64,
    pub household: HouseholdId,
    pub town: Town,
    #[serde(with = "crate::domain::compact::one")]
    pub date: NaiveDate,
    pub by: String,
    /// The monitoring reading taken on the visit.
    pub reading: u64,
    pub before: Support,
    pub found: Support,
    pub proposed: Outcome,
    pub decided: Outcome,
    /// Required when the decision differs from the proposal.
    pub reason: String,
    /// The engine's explanation, in Chinese and in English (stored deflated).
    #[serde(with = "crate::domain::compact::deflated")]
    pub explanation: Vec<String>,
    #[serde(with = "crate::domain::compact::deflated")]
    pub explanation_en: Vec<String>,
    /// The period that set the next date; `None` when support ended.
    pub basis: Option<Basis>,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub next_due: Option<NaiveDate>,
}

impl Recheck {
    /// Support after the re-check: as found, unless it was kept as it was or ended.
    pub fn support_after(&self) -> Support {
        match self.decided {
            Outcome::Keep => self.before,
            Outcome::Taper | Outcome::End => Support {
                category: None,
                benefit: crate::domain::money::Money::ZERO,
            },
            _ => self.found,
        }
    }
}
