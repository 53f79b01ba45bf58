//! 因需推送、结果反馈: a confirmed household's needs are pushed to the responsible
//! departments; each referral is acknowledged, then answered with the assistance given
//! (and its amount) or the reason the household is not eligible. The status changes are a
//! pure state machine: an illegal change is an error value the screen shows.

mod department;
pub mod ledger;
mod quarter;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::case::{CaseId, CaseNumber};
use crate::domain::household::HouseholdId;
use crate::domain::money::Money;
use crate::domain::need::Need;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::Town;
use crate::domain::Label;
use crate::labelled_enum;

pub use department::{need_key, need_named, Department, DepartmentMap, MapError};
pub use ledger::{ledger, Ledger, LedgerRow};
pub use quarter::{feedback_due, Quarter, FEEDBACK_DAY};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReferralId(pub u64);

/// `TS2026-000012`: year pushed, sequence within the year (assigned by the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReferralNumber {
    pub year: i32,
    pub seq: u32,
}

impl fmt::Display for ReferralNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TS{:04}-{:06}", self.year, self.seq)
    }
}

labelled_enum! {
    /// Where a referral stands.
    pub enum Status {
        Pushed => ("已推送", "pushed"),
        Acknowledged => ("已接收", "acknowledged"),
        AssistanceGiven => ("已帮扶", "assistance given"),
        NotEligible => ("不符合条件", "not eligible"),
    }
}

impl Status {
    /// Still waiting for the department's answer.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Pushed | Status::Acknowledged)
    }
}

/// One answer from the department, as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// The status this answer moved the referral to.
    pub status: Status,
    /// The day the department acted (may be before the day it was entered).
    pub on: NaiveDate,
    pub at: NaiveDateTime,
    pub by: String,
    /// Entered by a district clerk on the department's behalf.
    pub on_behalf: bool,
    /// What was given, or why not eligible, or a note.
    pub text: String,
    pub amount: Option<Money>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    pub id: ReferralId,
    /// Record revision, bumped on every write; a stale write is refused.
    pub rev: u64,
    /// Assigned by the store when the referral is pushed.
    pub number: Option<ReferralNumber>,
    pub pushed_on: NaiveDate,
    pub pushed_by: String,
    pub department: Department,
    pub need: Need,
    pub household: HouseholdId,
    pub case: CaseId,
    pub case_number: Option<CaseNumber>,
    /// Copied at push so the ledger reads no household: town, village, head, ID number.
    pub town: Town,
    pub village: String,
    pub head_name: String,
    pub head_id: Option<ResidentId>,
    pub status: Status,
    pub feedback: Vec<Feedback>,
}

impl Referral {
    /// Feedback on this referral is due on this day.
    pub fn due(&self) -> NaiveDate {
        feedback_due(self.pushed_on)
    }

    pub fn quarter(&self) -> Quarter {
        Quarter::for_pushed(self.pushed_on)
    }

    /// The first answer (assistance or not eligible), if any.
    pub fn answer(&self) -> Option<&Feedback> {
        self.feedback
            .iter()
            .find(|f| matches!(f.status, Status::AssistanceGiven | Status::NotEligible))
    }

    /// Answered on or before `as_of`.
    pub fn answered_by(&self, as_of: NaiveDate) -> Option<&Feedback> {
        self.answer().filter(|f| f.on <= as_of)
    }

    /// No answer by the deadline, and the deadline has passed on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        today > self.due() && self.answered_by(today).is_none()
    }

    /// Total of every amount given.
    pub fn amount_given(&self) -> Money {
        self.feedback.iter().filter_map(|f| f.amount).sum()
    }

    pub fn label(&self) -> String {
        self.number
            .map_or_else(|| format!("#{}", self.id.0), |n| n.to_string())
    }
}

/// What a department (or a clerk on its behalf) reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Acknowledge {
        on: NaiveDate,
        note: String,
    },
    GiveAssistance {
        on: NaiveDate,
        what: String,
        amount: Option<Money>,
    },
    NotEligible {
        on: NaiveDate,
        reason: String,
    },
}

impl Event {
    pub fn on(&self) -> NaiveDate {
        match self {
            Event::Acknowledge { on, .. }
            | Event::GiveAssistance { on, .. }
            | Event::NotEligible { on, .. } => *on,
        }
    }

    /// The status the event leads to.
    pub fn status(&self) -> Status {
        match self {
            Event::Acknowledge { .. } => Status::Acknowledged,
            Event::GiveAssistance { .. } => Status::AssistanceGiven,
            Event::NotEligible { .. } => Status::NotEligible,
        }
    }
}

/// Why a feedback was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferralError {
    /// `to` cannot follow `from`.
    Illegal {
        from: Status,
        to: Status,
    },
    /// Assistance given needs to say what was given.
    WhatMissing,
    /// Not eligible needs a reason.
    ReasonMissing,
    NegativeAmount,
    BeforePushed {
        on: NaiveDate,
        pushed_on: NaiveDate,
    },
    InFuture {
        on: NaiveDate,
        today: NaiveDate,
    },
}

impl ReferralError {
    pub fn zh(&self) -> String {
        match self {
            ReferralError::Illegal { from, to } => {
                format!("该推送已是“{}”，不能再登记为“{}”", from.zh(), to.zh())
            }
            ReferralError::WhatMissing => "请写明给予了什么帮扶".into(),
            ReferralError::ReasonMissing => "请写明不符合条件的原因".into(),
            ReferralError::NegativeAmount => "帮扶金额不能为负数".into(),
            ReferralError::BeforePushed { on, pushed_on } => {
                format!("反馈日期{on}早于推送日期{pushed_on}")
            }
            ReferralError::InFuture { on, today } => {
                format!("反馈日期{on}晚于今天（{today}）")
            }
        }
    }
}

impl fmt::Display for ReferralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReferralError::Illegal { from, to } => write!(
                f,
                "this referral is already {}; it cannot become {}",
                from.en(),
                to.en()
            ),
            ReferralError::WhatMissing => f.write_str("say what assistance was given"),
            ReferralError::ReasonMissing => f.write_str("say why the household is not eligible"),
            ReferralError::NegativeAmount => f.write_str("the amount cannot be negative"),
            ReferralError::BeforePushed { on, pushed_on } => {
                write!(
                    f,
                    "the feedback date {on} is before the push date {pushed_on}"
                )
            }
            ReferralError::InFuture { on, today } => {
                write!(f, "the feedback date {on} is after today ({today})")
            }
        }
    }
}

impl std::error::Error for ReferralError {}

/// Whether `to` may follow `from`. Further assistance may follow assistance given (a
/// department reports each quarter); "not eligible" closes the referral.
pub fn may(from: Status, to: Status) -> bool {
    use Status::*;
    matches!(
        (from, to),
        (Pushed, Acknowledged)
            | (Pushed | Acknowledged | AssistanceGiven, AssistanceGiven)
            | (Pushed | Acknowledged, NotEligible)
    )
}

/// Apply a department's feedback: the new referral (rev unchanged; the store bumps it).
pub fn apply(
    referral: &Referral,
    event: &Event,
    by: &str,
    on_behalf: bool,
    at: NaiveDateTime,
) -> Result<Referral, ReferralError> {
    let to = event.status();
    if !may(referral.status, to) {
        return Err(ReferralError::Illegal {
            from: referral.status,
            to,
        });
    }
    let on = event.on();
    if on < referral.pushed_on {
        return Err(ReferralError::BeforePushed {
            on,
            pushed_on: referral.pushed_on,
        });
    }
    if on > at.date() {
        return Err(ReferralError::InFuture {
            on,
            today: at.date(),
        });
    }
    let (text, amount) = match event {
        Event::Acknowledge { note, .. } => (note.trim().to_string(), None),
        Event::GiveAssistance { what, amount, .. } => {
            if what.trim().is_empty() {
                return Err(ReferralError::WhatMissing);
            }
            if amount.is_some_and(Money::is_negative) {
                return Err(ReferralError::NegativeAmount);
            }
            (what.trim().to_string(), *amount)
        }
        Event::NotEligible { reason, .. } => {
            if reason.trim().is_empty() {
                return Err(ReferralError::ReasonMissing);
            }
            (reason.trim().to_string(), None)
        }
    };
    let mut next = referral.clone();
    next.status = to;
    next.feedback.push(Feedback {
        status: to,
        on,
        at,
        by: by.to_string(),
        on_behalf,
        text,
        amount,
    });
    Ok(next)
}
