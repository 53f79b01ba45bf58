//! An alert (预警) and its life: raised → being verified (核实) → resolved as "no risk"
//! with a reason, or turned into a new application (which links back to it). An
//! illegal step is an error value with the clerk's words, never a panic.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{RuleKind, Severity};
use crate::domain::case::CaseId;
use crate::domain::household::HouseholdId;
use crate::domain::town::Town;
use crate::domain::Label;
use crate::labelled_enum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AlertId(pub u64);

labelled_enum! {
    pub enum AlertStatus {
        Raised => ("待核实", "raised"),
        Verifying => ("核实中", "being verified"),
        NoRisk => ("已核实无风险", "no risk"),
        ToApplication => ("已转入申请", "turned into an application"),
    }
}

impl AlertStatus {
    pub fn is_open(self) -> bool {
        matches!(self, AlertStatus::Raised | AlertStatus::Verifying)
    }
}

/// One number behind an alert, as the clerk reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub zh: String,
    pub en: String,
}

impl Figure {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Figure {
        Figure {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertStep {
    pub from: AlertStatus,
    pub to: AlertStatus,
    pub by: String,
    pub at: NaiveDateTime,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    pub id: AlertId,
    /// Record revision, bumped on every write; a stale write is refused.
    pub rev: u64,
    pub household: HouseholdId,
    pub town: Town,
    pub rule: RuleKind,
    pub severity: Severity,
    pub raised_on: NaiveDate,
    pub raised_by: String,
    /// The numbers that raised it.
    pub figures: Vec<Figure>,
    /// What the rule saw (income and line, reading, reference date), so the same
    /// finding is not raised again once resolved.
    pub basis: u64,
    /// The reading that raised it, if a reading did.
    pub reading: Option<u64>,
    pub status: AlertStatus,
    /// Why it was resolved as no risk.
    pub reason: String,
    /// The application it was turned into.
    pub case: Option<CaseId>,
    pub history: Vec<AlertStep>,
}

/// What a user (or the program) does to an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AlertAction {
    /// 开始核实.
    Verify,
    /// 核实无风险, with the reason.
    NoRisk { reason: String },
    /// 转入申请: the new case.
    ToApplication { case: CaseId },
    /// The program closes it because what raised it is gone (an overdue reading was
    /// recorded); allowed from either open status.
    Superseded { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AlertError {
    #[error("this alert is already closed ({})", .0.en())]
    Closed(AlertStatus),
    #[error("this alert is already being verified")]
    AlreadyVerifying,
    #[error("start verification (核实) before closing the alert")]
    NotVerified,
    #[error("give the reason why there is no risk")]
    ReasonRequired,
}

impl AlertError {
    pub fn zh(&self) -> String {
        match self {
            AlertError::Closed(s) => format!("该预警已办结（{}）", s.zh()),
            AlertError::AlreadyVerifying => "该预警已在核实中".into(),
            AlertError::NotVerified => "请先开始核实，再办结预警".into(),
            AlertError::ReasonRequired => "请填写核实无风险的理由".into(),
        }
    }
}

/// The alert after `action`, or why the action is refused.
pub fn apply(
    alert: &Alert,
    action: &AlertAction,
    by: &str,
    at: NaiveDateTime,
) -> Result<Alert, AlertError> {
    use AlertStatus::*;
    if !alert.status.is_open() {
        return Err(AlertError::Closed(alert.status));
    }
    let mut next = alert.clone();
    let (to, note) = match action {
        AlertAction::Verify => {
            if alert.status == Verifying {
                return Err(AlertError::AlreadyVerifying);
            }
            (Verifying, String::new())
        }
        AlertAction::NoRisk { reason } => {
            if alert.status != Verifying {
                return Err(AlertError::NotVerified);
            }
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(AlertError::ReasonRequired);
            }
            next.reason = reason.to_string();
            (NoRisk, reason.to_string())
        }
        AlertAction::ToApplication { case } => {
            if alert.status != Verifying {
                return Err(AlertError::NotVerified);
            }
            next.case = Some(*case);
            (ToApplication, format!("case:{}", case.0))
        }
        AlertAction::Superseded { reason } => {
            next.reason = reason.clone();
            (NoRisk, reason.clone())
        }
    };
    next.history.push(AlertStep {
        from: alert.status,
        to,
        by: by.to_string(),
        at,
        note,
    });
    next.status = to;
    Ok(next)
}

impl Alert {
    /// The alert after `action` (see [`apply`]).
    pub fn apply(
        &self,
        action: &AlertAction,
        by: &str,
        at: NaiveDateTime,
    ) -> Result<Alert, AlertError> {
        apply(self, action, by, at)
    }

    /// Days since it was raised.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.raised_on).num_days()
    }
}
