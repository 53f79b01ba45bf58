//! Quarters and their feedback deadline: departments report back by the 20th of the
//! quarter's last month (Mar 20, Jun 20, Sep 20, Dec 20).
//!
//! A referral is answered in the ledger of the first deadline that falls *after* the
//! day it was pushed: pushed on 2026-03-19 → due 2026-03-20 (2026Q1); pushed on the 20th
//! itself or later → due 2026-06-20 (2026Q2), since no department can answer a referral
//! on the day it arrives.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Day of the quarter's last month by which feedback is due.
pub const FEEDBACK_DAY: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1..=4
    pub q: u8,
}

impl Quarter {
    /// The calendar quarter `date` falls in.
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            q: ((date.month0() / 3) + 1) as u8,
        }
    }

    /// `2026Q1` (also `2026q1`, `2026-Q1`).
    pub fn parse(text: &str) -> Option<Quarter> {
        let t = text.trim().to_ascii_uppercase().replace('-', "");
        let (y, q) = t.split_once('Q')?;
        let year: i32 = y.parse().ok()?;
        let q: u8 = q.parse().ok()?;
        ((1..=4).contains(&q) && (1900..=9999).contains(&year)).then_some(Quarter { year, q })
    }

    fn last_month(self) -> u32 {
        u32::from(self.q) * 3
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.last_month() - 2, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or_default()
    }

    /// Feedback for this quarter is due on this day (the 20th of its last month).
    pub fn deadline(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.last_month(), FEEDBACK_DAY).unwrap_or_default()
    }

    pub fn next(self) -> Quarter {
        if self.q == 4 {
            Quarter {
                year: self.year + 1,
                q: 1,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q + 1,
            }
        }
    }

    pub fn prev(self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }

    /// The quarter whose ledger a referral pushed on `pushed_on` belongs to.
    pub fn for_pushed(pushed_on: NaiveDate) -> Quarter {
        let q = Quarter::of(pushed_on);
        if pushed_on < q.deadline() {
            q
        } else {
            q.next()
        }
    }

    /// First and last push date of this quarter's ledger: the day of the previous
    /// deadline up to the day before this one.
    pub fn push_window(self) -> (NaiveDate, NaiveDate) {
        let from = self.prev().deadline();
        let to = self.deadline().pred_opt().unwrap_or_default();
        (from, to)
    }

    /// Days from `today` to the deadline (negative once it has passed).
    pub fn days_left(self, today: NaiveDate) -> i64 {
        (self.deadline() - today).num_days()
    }
}

/// When feedback on a referral pushed on `pushed_on` is due.
pub fn feedback_due(pushed_on: NaiveDate) -> NaiveDate {
    Quarter::for_pushed(pushed_on).deadline()
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl Quarter {
    /// `2026年第1季度`.
    pub fn zh(self) -> String {
        format!("{}年第{}季度", self.year, self.q)
    }
}
