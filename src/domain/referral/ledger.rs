//! The quarterly ledger (台账): per department, the referrals of the quarter, how many
//! were acknowledged and answered (on time or late), how many are overdue, and what was
//! given. A pure function of the referrals and the day it is drawn up.

use chrono::NaiveDate;

use super::{Department, Quarter, Referral, Status};
use crate::domain::money::Money;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Referrals in this quarter's ledger (pushed in its window).
    pub pushed: u64,
    /// Acknowledged but not yet answered.
    pub acknowledged: u64,
    /// Answered (assistance given or not eligible) by the day of the ledger.
    pub answered: u64,
    /// Of those answered, after the deadline.
    pub answered_late: u64,
    pub assistance_given: u64,
    pub not_eligible: u64,
    /// No answer and the deadline has passed.
    pub overdue: u64,
    /// No answer, deadline still ahead.
    pub waiting: u64,
    /// Sum of every amount reported as given.
    pub amount: Money,
}

impl Counts {
    fn add(&mut self, r: &Referral, as_of: NaiveDate) {
        let due = r.due();
        self.pushed += 1;
        self.amount += r
            .feedback
            .iter()
            .filter(|f| f.on <= as_of)
            .filter_map(|f| f.amount)
            .sum();
        match r.answered_by(as_of) {
            Some(answer) => {
                self.answered += 1;
                if answer.on > due {
                    self.answered_late += 1;
                }
                match answer.status {
                    Status::NotEligible => self.not_eligible += 1,
                    _ => self.assistance_given += 1,
                }
            }
            None => {
                if r.feedback
                    .iter()
                    .any(|f| f.status == Status::Acknowledged && f.on <= as_of)
                {
                    self.acknowledged += 1;
                }
                if as_of > due {
                    self.overdue += 1;
                } else {
                    self.waiting += 1;
                }
            }
        }
    }

    fn merge(&mut self, o: &Counts) {
        self.pushed += o.pushed;
        self.acknowledged += o.acknowledged;
        self.answered += o.answered;
        self.answered_late += o.answered_late;
        self.assistance_given += o.assistance_given;
        self.not_eligible += o.not_eligible;
        self.overdue += o.overdue;
        self.waiting += o.waiting;
        self.amount += o.amount;
    }

    /// Late: something is overdue, or was answered after the deadline.
    pub fn is_late(&self) -> bool {
        self.overdue > 0 || self.answered_late > 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerRow {
    pub department: Department,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    pub quarter: Quarter,
    pub deadline: NaiveDate,
    /// The day the ledger was drawn up: answers after it are not counted yet.
    pub as_of: NaiveDate,
    /// Every department, in `Department::ALL` order, even with nothing pushed.
    pub rows: Vec<LedgerRow>,
    pub total: Counts,
}

impl Ledger {
    /// Departments with overdue or late answers.
    pub fn late_departments(&self) -> Vec<Department> {
        self.rows
            .iter()
            .filter(|r| r.counts.is_late())
            .map(|r| r.department)
            .collect()
    }

    pub fn row(&self, d: Department) -> Option<&LedgerRow> {
        self.rows.iter().find(|r| r.department == d)
    }
}

/// The ledger of `quarter` on `as_of`, from any set of referrals (others are ignored).
pub fn ledger<'a>(
    referrals: impl IntoIterator<Item = &'a Referral>,
    quarter: Quarter,
    as_of: NaiveDate,
) -> Ledger {
    let mut rows: Vec<LedgerRow> = Department::ALL
        .iter()
        .map(|d| LedgerRow {
            department: *d,
            counts: Counts::default(),
        })
        .collect();
    for r in referrals {
        if r.quarter() != quarter || r.pushed_on > as_of {
            continue;
        }
        if let Some(row) = rows.get_mut(r.department.index()) {
            row.counts.add(r, as_of);
        }
    }
    let mut total = Counts::default();
    for row in &rows {
        total.merge(&row.counts);
    }
    Ledger {
        quarter,
        deadline: quarter.deadline(),
        as_of,
        rows,
        total,
    }
}
