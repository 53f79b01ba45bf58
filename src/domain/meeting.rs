//! The review meeting (专班会议): one combined meeting of a town confirms the cases under
//! review. The record keeps who attended, who chaired, each decision with its reason and
//! time, and the cases left for a later meeting.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseId, CaseNumber, Decision};
use crate::domain::category::Category;
use crate::domain::town::Town;
use crate::labelled_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MeetingId(pub u64);

labelled_enum! {
    pub enum MeetingStatus {
        Open => ("进行中", "open"),
        Closed => ("已结束", "closed"),
    }
}

/// One decision taken in the meeting, as the minute shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDecision {
    pub case: CaseId,
    pub number: Option<CaseNumber>,
    /// Head of household, for the minute (no ID number).
    pub head: String,
    pub decision: Decision,
    /// The engine's proposal the meeting saw.
    pub proposed: Option<Category>,
    /// The category confirmed (confirmations only).
    pub category: Option<Category>,
    pub reason: String,
    pub at: NaiveDateTime,
    pub by: String,
}

/// A case on the agenda that the meeting did not decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deferred {
    pub case: CaseId,
    pub number: Option<CaseNumber>,
    pub head: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// 0 until the store assigns one.
    pub id: MeetingId,
    /// Record revision, bumped on every write; a stale write is refused.
    pub rev: u64,
    pub town: Town,
    pub date: NaiveDate,
    pub attendees: Vec<String>,
    pub chaired_by: String,
    pub decisions: Vec<MeetingDecision>,
    /// Filled when the meeting closes: agenda cases still under review.
    pub deferred: Vec<Deferred>,
    pub status: MeetingStatus,
    pub closed_at: Option<NaiveDateTime>,
    /// Who last wrote the record, for the stale-write message.
    pub written_by: String,
}

impl Meeting {
    pub fn new(town: Town, date: NaiveDate, attendees: Vec<String>, chaired_by: &str) -> Meeting {
        Meeting {
            id: MeetingId(0),
            rev: 0,
            town,
            date,
            attendees,
            chaired_by: chaired_by.to_string(),
            decisions: Vec::new(),
            deferred: Vec::new(),
            status: MeetingStatus::Open,
            closed_at: None,
            written_by: chaired_by.to_string(),
        }
    }

    pub fn is_open(&self) -> bool {
        self.status == MeetingStatus::Open
    }

    /// Whether the meeting already decided this case.
    pub fn decided(&self, case: CaseId) -> bool {
        self.decisions.iter().any(|d| d.case == case)
    }
}

/// Attendees typed as one line: split on ASCII or Chinese commas and 、, trimmed, blanks
/// and repeats dropped, order kept.
pub fn parse_attendees(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in text.split([',', '，', '、', ';', '；']) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendees_split_on_any_comma() {
        assert_eq!(
            parse_attendees(" 王芳，李强,张伟、王芳 ,, "),
            vec!["王芳", "李强", "张伟"]
        );
        assert!(parse_attendees(" , ").is_empty());
    }

    #[test]
    fn a_new_meeting_is_open_and_empty() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let m = Meeting::new(Town::ALL[0], d, vec!["王芳".into()], "rev");
        assert!(m.is_open() && m.decisions.is_empty() && !m.decided(CaseId(1)));
    }
}
