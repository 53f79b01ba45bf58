//! Exits (退出): ending a household's support, with the reason and the date. A dibao
//! household whose income rose above the standard keeps its support through the taper
//! period (渐退期, months from the standards) before it ends. An exit from dibao or
//! destitute support keeps the household on the monitoring roster for two years after
//! support ends.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::category::Category;
use crate::domain::household::HouseholdId;
use crate::domain::town::Town;
use crate::labelled_enum;

/// Years an exit from dibao or destitute support stays under monitoring.
pub const WATCH_YEARS: u32 = 2;

labelled_enum! {
    pub enum ExitReason {
        IncomeRisen => ("收入增加超过标准", "income rose above the standard"),
        MovedAway => ("迁出本区", "moved away"),
        Deceased => ("死亡", "deceased"),
        Other => ("其他", "other"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exit {
    /// Assigned by the store (0 for a new exit).
    pub id: u64,
    pub household: HouseholdId,
    pub town: Town,
    /// The category whose support ends.
    pub category: Category,
    pub reason: ExitReason,
    pub note: String,
    /// The date the exit was decided.
    pub decided_on: NaiveDate,
    /// Taper months applied (0 when no taper).
    pub taper_months: u32,
    /// The first day without support: the decision date, or the end of the taper period.
    pub support_ends: NaiveDate,
    pub by: String,
}

impl Exit {
    /// The last day of the taper period, when there is one.
    pub fn taper_until(&self) -> Option<NaiveDate> {
        if self.taper_months == 0 {
            return None;
        }
        self.support_ends.pred_opt()
    }

    /// Whether this exit keeps the household under monitoring (dibao or destitute).
    pub fn watched(&self) -> bool {
        matches!(self.category, Category::Dibao | Category::Destitute)
    }

    /// The day the household leaves the roster on account of this exit.
    pub fn leaves_roster_on(&self) -> Option<NaiveDate> {
        leaves_roster_on(self.support_ends)
    }
}

/// A taper period applies to a dibao household leaving because its income rose.
pub fn taper_applies(category: Category, reason: ExitReason) -> bool {
    category == Category::Dibao && reason == ExitReason::IncomeRisen
}

/// The first day without support. With a taper of `n` months decided on D, support is
/// paid from D up to the day before D + n months (a month-end date clamps: Aug 31 + 6
/// months = Feb 28). `None` only for a date beyond the calendar.
pub fn support_ends(
    category: Category,
    reason: ExitReason,
    decided_on: NaiveDate,
    taper_months: u32,
) -> Option<NaiveDate> {
    if taper_applies(category, reason) {
        decided_on.checked_add_months(Months::new(taper_months))
    } else {
        Some(decided_on)
    }
}

/// The household leaves the roster two years after support ended: on the roster while
/// the exit is less than two years old, off from the anniversary itself.
pub fn leaves_roster_on(support_ends: NaiveDate) -> Option<NaiveDate> {
    support_ends.checked_add_months(Months::new(12 * WATCH_YEARS))
}
