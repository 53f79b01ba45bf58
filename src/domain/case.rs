//! A case (案件): one application of one household, from first contact to decision.

use crate::domain::category::{Category, Tag};
use crate::domain::household::HouseholdId;
use crate::domain::money::Money;
use crate::domain::procedure::Procedure;
use crate::domain::town::Town;
use crate::labelled_enum;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CaseId(pub u64);

labelled_enum! {
    /// Workflow stages, in order.
    pub enum Stage {
        Draft => ("草稿", "draft"),
        Submitted => ("已申请", "submitted"),
        Accepted => ("已受理", "accepted"),
        Investigating => ("调查核实", "investigating"),
        UnderReview => ("审核确认", "under review"),
        Confirmed => ("已认定", "confirmed"),
        Rejected => ("不予认定", "rejected"),
        Withdrawn => ("已撤回", "withdrawn"),
        // Appended last: stage codes are part of index keys. In the procedure it comes
        // between `UnderReview` and `Confirmed` (see `Stage::step_order`).
        InNotice => ("公示中", "in public notice"),
    }
}

impl Stage {
    /// Still in progress: one household may have only one open case.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Stage::Draft
                | Stage::Submitted
                | Stage::Accepted
                | Stage::Investigating
                | Stage::UnderReview
                | Stage::InNotice
        )
    }

    /// The stage's place in the procedure (草稿 … 审核确认, 公示, 认定 / 不予认定 / 撤回),
    /// for "not yet" against "no longer".
    pub fn step_order(self) -> u8 {
        match self {
            Stage::Draft => 0,
            Stage::Submitted => 1,
            Stage::Accepted => 2,
            Stage::Investigating => 3,
            Stage::UnderReview => 4,
            Stage::InNotice => 5,
            Stage::Confirmed => 6,
            Stage::Rejected => 7,
            Stage::Withdrawn => 8,
        }
    }

    /// Accepted and not yet decided: the review clock runs.
    pub fn clock_runs(self) -> bool {
        matches!(
            self,
            Stage::Accepted | Stage::Investigating | Stage::UnderReview
        )
    }
}

labelled_enum! {
    /// How the case came in.
    pub enum Channel {
        OwnApplication => ("本人申请", "own application"),
        FoundByVillageStaff => ("主动发现", "found by village staff"),
        MonitoringAlert => ("预警转入", "monitoring alert"),
    }
}

/// `610203-2026-000123`: district code, year of acceptance, sequence within the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct CaseNumber {
    pub district: u32,
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}-{:04}-{:06}", self.district, self.year, self.seq)
    }
}

/// The review deadline; provisional when the holiday calendar did not cover the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub provisional: bool,
}

/// One step of the workflow: who moved the case, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub from: Stage,
    pub to: Stage,
    pub by: String,
    #[serde(with = "crate::domain::compact::one")]
    pub at: NaiveDateTime,
    pub reason: String,
}

labelled_enum! {
    /// Records cross-checked in the economic verification (家庭经济状况核对).
    pub enum VerificationSource {
        Bank => ("银行存款", "bank"),
        Vehicle => ("车辆", "vehicle"),
        Property => ("不动产", "property"),
        Business => ("工商登记", "business"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    pub source: VerificationSource,
    pub note: String,
}

/// A correction made during investigation, kept with the original value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub field: String,
    pub original: String,
    pub corrected: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investigation {
    #[serde(with = "crate::domain::compact::one")]
    pub visit_date: NaiveDate,
    pub investigators: Vec<String>,
    pub findings: String,
    /// Empty when every record matched.
    pub mismatches: Vec<Mismatch>,
    pub corrections: Vec<Correction>,
}

labelled_enum! {
    pub enum Decision {
        ConfirmAsProposed => ("按建议认定", "confirm as proposed"),
        ConfirmOther => ("认定为其他类别", "confirm another category"),
        Reject => ("不予认定", "reject"),
        SendBack => ("退回调查", "send back"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub proposed: Option<Category>,
    pub proposed_tags: Vec<Tag>,
    pub proposed_benefit: Option<Money>,
    /// The engine's explanation as the meeting saw it, in Chinese and in English (stored
    /// deflated: record version 5).
    #[serde(with = "crate::domain::compact::deflated")]
    pub explanation: Vec<String>,
    #[serde(with = "crate::domain::compact::deflated")]
    pub explanation_en: Vec<String>,
    pub decision: Decision,
    pub category: Option<Category>,
    pub reason: String,
    #[serde(with = "crate::domain::compact::one")]
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: CaseId,
    /// Record revision, bumped on every write; a stale write is refused.
    pub rev: u64,
    /// Assigned at acceptance.
    pub number: Option<CaseNumber>,
    pub household: HouseholdId,
    /// Copied from the household so lists and counters need not read it.
    pub town: Town,
    pub channel: Channel,
    pub stage: Stage,
    #[serde(with = "crate::domain::compact::one")]
    pub applied_on: NaiveDate,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub accepted_on: Option<NaiveDate>,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub deadline: Option<Deadline>,
    pub investigation: Option<Investigation>,
    pub review: Option<Review>,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub decided_on: Option<NaiveDate>,
    pub history: Vec<Transition>,
    /// Record version 2: the public notice, objections, letters and appeals.
    pub procedure: Procedure,
}

impl Case {
    /// The category decided at review, if confirmed.
    pub fn confirmed_category(&self) -> Option<Category> {
        if self.stage != Stage::Confirmed {
            return None;
        }
        self.review.as_ref().and_then(|r| r.category)
    }

    /// Overdue on `today`: the clock runs and the deadline has passed; in public notice
    /// too where the review limit includes the notice (a local setting).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        let runs = self.stage.clock_runs()
            || (self.stage == Stage::InNotice
                && self
                    .procedure
                    .notice()
                    .is_some_and(|n| n.counts_toward_limit));
        runs && self.deadline.is_some_and(|d| d.date < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_number_format() {
        let n = CaseNumber {
            district: 610203,
            year: 2026,
            seq: 123,
        };
        assert_eq!(n.to_string(), "610203-2026-000123");
    }

    #[test]
    fn open_and_clock_stages() {
        let open: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| s.is_open()).collect();
        assert_eq!(open.len(), 6);
        assert!(Stage::InNotice.is_open() && !Stage::InNotice.clock_runs());
        let mut order: Vec<Stage> = Stage::ALL.to_vec();
        order.sort_by_key(|s| s.step_order());
        assert_eq!(order[5], Stage::InNotice);
        assert_eq!(order[4], Stage::UnderReview);
        assert!(!Stage::Draft.clock_runs() && Stage::UnderReview.clock_runs());
        assert!(!Stage::Confirmed.is_open());
    }
}
