//! What follows the review decision (issue 18): the public notice (公示) and its objections,
//! the written notices (确认通知书 / 不予确认告知书), appeals (复核 / 行政复议) and when the
//! decision takes effect and payment starts. All of it lives on the case
//! (`Case::procedure`); the steps that change the stage are in `domain::workflow`.

pub mod appeal;
pub mod dates;
pub mod layout;
pub mod letter;
pub mod notice_list;
pub mod settings;

pub use dates::{after_decision, AfterDecision};
pub use settings::ProcedureSettings;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::case::Deadline;
use crate::labelled_enum;

/// One public notice of a proposed approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// First and last day of the notice (calendar days, both included).
    #[serde(with = "crate::domain::compact::one")]
    pub start: NaiveDate,
    #[serde(with = "crate::domain::compact::one")]
    pub end: NaiveDate,
    /// The day the approval takes effect if no objection came: the day after `end`.
    #[serde(with = "crate::domain::compact::one")]
    pub effective_on: NaiveDate,
    /// Whether the review limit includes the notice (a local setting): then the case is
    /// overdue in notice once the review deadline has passed.
    pub counts_toward_limit: bool,
    /// An objection ended this notice (the case went back to investigation).
    pub objected: bool,
}

impl Notice {
    /// `day` falls within the notice.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }
}

/// An objection received during a public notice (公示异议).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    /// Who raised it (a name, or "匿名" for an anonymous letter).
    pub objector: String,
    #[serde(with = "crate::domain::compact::one")]
    pub received_on: NaiveDate,
    /// What the objection says.
    pub what: String,
    /// The clerk who recorded it.
    pub recorded_by: String,
    /// The new decision deadline (working days from receipt, a setting).
    #[serde(with = "crate::domain::compact::one")]
    pub redecide_by: Deadline,
}

labelled_enum! {
    /// The written notices of a decision.
    pub enum LetterKind {
        Approval => ("确认通知书", "confirmation notice"),
        Refusal => ("不予确认告知书", "refusal notice"),
    }
}

/// A written notice of the decision: when it is due, produced and delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub kind: LetterKind,
    #[serde(with = "crate::domain::compact::one")]
    pub due: Deadline,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub produced_on: Option<NaiveDate>,
    pub produced_by: Option<String>,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub delivered_on: Option<NaiveDate>,
}

impl Letter {
    pub fn new(kind: LetterKind, due: Deadline) -> Letter {
        Letter {
            kind,
            due,
            produced_on: None,
            produced_by: None,
            delivered_on: None,
        }
    }

    /// Not delivered and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.delivered_on.is_none() && self.due.date < today
    }
}

labelled_enum! {
    /// The kinds of appeal against a decision.
    pub enum AppealKind {
        Review => ("复核", "review by the office"),
        Reconsideration => ("行政复议", "administrative reconsideration"),
    }
}

labelled_enum! {
    /// How an appeal ends. New results are appended (the code is in stored records).
    pub enum AppealResult {
        Upheld => ("申请成立，重新办理", "upheld: the case is reopened"),
        Dismissed => ("维持原决定", "dismissed: the decision stands"),
        Changed => ("变更原决定，重新办理", "decision to be changed: the case is reopened"),
    }
}

impl AppealResult {
    /// Whether the outcome reopens the case (upheld, or the decision is to be changed).
    pub fn reopens(self) -> bool {
        matches!(self, AppealResult::Upheld | AppealResult::Changed)
    }
}

/// How an appeal ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealOutcome {
    pub result: AppealResult,
    #[serde(with = "crate::domain::compact::one")]
    pub on: NaiveDate,
    pub note: String,
    pub recorded_by: String,
}

/// An appeal against the decision on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    pub kind: AppealKind,
    #[serde(with = "crate::domain::compact::one")]
    pub requested_on: NaiveDate,
    /// Who asked (the applicant or their agent).
    pub applicant: String,
    pub grounds: String,
    /// Who handles it (the officer in charge, or the reconsideration body).
    pub handled_by: String,
    pub recorded_by: String,
    pub outcome: Option<AppealOutcome>,
}

/// The procedure around the decision, kept on the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procedure {
    /// Every public notice of this case, the current one last.
    pub notices: Vec<Notice>,
    pub objections: Vec<Objection>,
    pub letters: Vec<Letter>,
    pub appeals: Vec<Appeal>,
    /// The day the decision took effect (an approval after its notice, a refusal at once).
    #[serde(default, with = "crate::domain::compact::opt")]
    pub effective_on: Option<NaiveDate>,
    /// The first day of the first month paid.
    #[serde(default, with = "crate::domain::compact::opt")]
    pub benefit_from: Option<NaiveDate>,
}

impl Procedure {
    /// The current (last) public notice.
    pub fn notice(&self) -> Option<&Notice> {
        self.notices.last()
    }

    /// The newest letter of `kind`.
    pub fn letter(&self, kind: LetterKind) -> Option<&Letter> {
        self.letters.iter().rev().find(|l| l.kind == kind)
    }

    /// The newest letter of any kind not yet delivered.
    pub fn letter_pending(&self) -> Option<&Letter> {
        self.letters.iter().rev().find(|l| l.delivered_on.is_none())
    }

    /// The appeal still open, if any.
    pub fn open_appeal(&self) -> Option<&Appeal> {
        self.appeals.iter().rev().find(|a| a.outcome.is_none())
    }
}
