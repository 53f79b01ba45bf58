//! Working-day calendar (工作日历): weekends, statutory days off and official make-up
//! workdays (调休上班), read from `assets/holidays.toml`.
//!
//! A working day is Monday to Friday, except the listed days off, plus the listed make-up
//! workdays (always a Saturday or Sunday). For a year the file does not list, the calendar
//! counts weekends only and says so: deadlines reaching into such a year are provisional.

use crate::domain::case::Deadline;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Included};

/// The holiday calendar of the years the file covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeSet<i32>,
    /// Statutory days off, weekends included as listed.
    days_off: BTreeSet<NaiveDate>,
    /// Make-up workdays; each one is a Saturday or Sunday (checked on load).
    makeup_workdays: BTreeSet<NaiveDate>,
}

/// Why the holiday calendar file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the holiday calendar file cannot be read: {0}")]
    Syntax(String),
    #[error("the holiday calendar file lists no year")]
    Empty,
    #[error("year {0} is listed twice in the holiday calendar")]
    DuplicateYear(i32),
    #[error("holiday calendar, year {year}: \"{text}\" is not a date; write 2025-01-28, or 2025-01-28..2025-02-04 for a run of days")]
    BadDate { year: i32, text: String },
    #[error("holiday calendar, year {year}: the run of days \"{text}\" ends before it starts")]
    ReversedRange { year: i32, text: String },
    #[error("holiday calendar, year {year}: {day} belongs to another year")]
    WrongYear { year: i32, day: NaiveDate },
    #[error("holiday calendar, year {0}: no days off are listed")]
    NoDaysOff(i32),
    #[error("holiday calendar: {0} is listed both as a day off and as a make-up workday")]
    OffAndWorkday(NaiveDate),
    #[error("holiday calendar: make-up workday {0} is not a Saturday or Sunday")]
    WorkdayNotWeekend(NaiveDate),
}

impl CalendarError {
    pub fn zh(&self) -> String {
        match self {
            CalendarError::Syntax(msg) => format!("节假日文件格式有误：{msg}"),
            CalendarError::Empty => "节假日文件中没有任何年份".to_string(),
            CalendarError::DuplicateYear(y) => format!("节假日文件中 {y} 年出现了两次"),
            CalendarError::BadDate { year, text } => format!(
                "节假日文件 {year} 年：“{text}”不是日期，应写成 2025-01-28，连续几天写成 2025-01-28..2025-02-04"
            ),
            CalendarError::ReversedRange { year, text } => {
                format!("节假日文件 {year} 年：“{text}”的结束日期早于开始日期")
            }
            CalendarError::WrongYear { year, day } => {
                format!("节假日文件 {year} 年：{day} 不属于 {year} 年")
            }
            CalendarError::NoDaysOff(y) => format!("节假日文件 {y} 年：没有列出放假日"),
            CalendarError::OffAndWorkday(d) => {
                format!("节假日文件：{d} 既列为放假日，又列为调休上班日")
            }
            CalendarError::WorkdayNotWeekend(d) => {
                format!("节假日文件：调休上班日 {d} 不是周六或周日")
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    year: Vec<YearEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearEntry {
    year: i32,
    days_off: Vec<String>,
    #[serde(default)]
    makeup_workdays: Vec<String>,
}

/// `2025-01-28` or `2025-01-28..2025-02-04` (both ends included), all within `year`.
fn parse_days(year: i32, text: &str) -> Result<Vec<NaiveDate>, CalendarError> {
    let bad = || CalendarError::BadDate {
        year,
        text: text.to_string(),
    };
    let date = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| bad());
    let (first, last) = match text.split_once("..") {
        Some((a, b)) => (date(a)?, date(b)?),
        None => {
            let d = date(text)?;
            (d, d)
        }
    };
    if last < first {
        return Err(CalendarError::ReversedRange {
            year,
            text: text.to_string(),
        });
    }
    for d in [first, last] {
        if d.year() != year {
            return Err(CalendarError::WrongYear { year, day: d });
        }
    }
    Ok(first.iter_days().take_while(|d| *d <= last).collect())
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `num_days_from_ce` of a Monday is ≡ 1 (mod 7): 0001-01-01 was a Monday.
const MONDAY_MOD7: i64 = 1;

/// Monday-to-Friday days among the days up to and including `day`, from a fixed origin:
/// only differences of two values mean anything.
fn weekdays_through(day: NaiveDate) -> i64 {
    let k = i64::from(day.num_days_from_ce()) - MONDAY_MOD7; // a Monday is ≡ 0 (mod 7)
    let k1 = k + 1;
    k1.div_euclid(7) * 5 + k1.rem_euclid(7).min(5)
}

impl Calendar {
    /// Read and check a calendar file (the format of `assets/holidays.toml`).
    pub fn from_toml(text: &str) -> Result<Calendar, CalendarError> {
        let file: File = toml::from_str(text).map_err(|e| CalendarError::Syntax(e.to_string()))?;
        if file.year.is_empty() {
            return Err(CalendarError::Empty);
        }
        let mut cal = Calendar {
            years: BTreeSet::new(),
            days_off: BTreeSet::new(),
            makeup_workdays: BTreeSet::new(),
        };
        for entry in &file.year {
            if !cal.years.insert(entry.year) {
                return Err(CalendarError::DuplicateYear(entry.year));
            }
            if entry.days_off.is_empty() {
                return Err(CalendarError::NoDaysOff(entry.year));
            }
            for text in &entry.days_off {
                cal.days_off.extend(parse_days(entry.year, text)?);
            }
            for text in &entry.makeup_workdays {
                for day in parse_days(entry.year, text)? {
                    if !is_weekend(day) {
                        return Err(CalendarError::WorkdayNotWeekend(day));
                    }
                    cal.makeup_workdays.insert(day);
                }
            }
        }
        if let Some(day) = cal.days_off.intersection(&cal.makeup_workdays).next() {
            return Err(CalendarError::OffAndWorkday(*day));
        }
        Ok(cal)
    }

    /// The calendar shipped with the program.
    pub fn bundled() -> Result<Calendar, CalendarError> {
        Calendar::from_toml(include_str!("../../assets/holidays.toml"))
    }

    /// The years the file lists, in order.
    pub fn years(&self) -> Vec<i32> {
        self.years.iter().copied().collect()
    }

    /// The year of `day` is in the file.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.years.contains(&day.year())
    }

    /// Every year from `first` to `last` is in the file.
    fn covers_span(&self, first: NaiveDate, last: NaiveDate) -> bool {
        let (a, b) = (first.year(), last.year());
        a > b || self.years.range(a..=b).count() == usize::try_from(b - a + 1).unwrap_or(0)
    }

    /// A statutory day off (放假日) listed in the file.
    pub fn is_day_off(&self, day: NaiveDate) -> bool {
        self.days_off.contains(&day)
    }

    /// An official make-up workday (调休上班日) listed in the file.
    pub fn is_makeup_workday(&self, day: NaiveDate) -> bool {
        self.makeup_workdays.contains(&day)
    }

    /// Outside the file's coverage: Monday to Friday.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.makeup_workdays.contains(&day) {
            return true;
        }
        !is_weekend(day) && !self.days_off.contains(&day)
    }

    /// Review deadline: `n` working days after `accepted`, counted from the next working day.
    /// `provisional` is true when any day counted lies outside the calendar's coverage.
    /// With `n == 0` the deadline is `accepted` itself. A deadline beyond the last date
    /// chrono can hold comes back as that date, provisional.
    pub fn deadline(&self, accepted: NaiveDate, n: u32) -> Deadline {
        if n == 0 {
            return Deadline {
                date: accepted,
                provisional: false,
            };
        }
        let target = i64::from(n);
        let beyond = Deadline {
            date: NaiveDate::MAX,
            provisional: true,
        };
        // Grow an upper bound until it holds `n` working days, then bisect.
        let mut span: u64 = u64::from(n) * 2 + 14;
        let mut hi = loop {
            let Some(hi) = accepted.checked_add_days(Days::new(span)) else {
                return beyond;
            };
            if self.working_days_between(accepted, hi) >= target {
                break hi;
            }
            span = span.saturating_mul(2);
        };
        let mut lo = accepted; // fewer than `n` working days in (accepted, lo]
        while (hi - lo).num_days() > 1 {
            let half = (hi - lo).num_days() / 2;
            let Some(mid) = lo.checked_add_days(Days::new(half.unsigned_abs())) else {
                return beyond;
            };
            if self.working_days_between(accepted, mid) >= target {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let first = accepted.succ_opt().unwrap_or(hi);
        Deadline {
            date: hi,
            provisional: !self.covers_span(first, hi),
        }
    }

    /// Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let range = (Excluded(from), Included(to));
        let weekdays = weekdays_through(to) - weekdays_through(from);
        let off = self
            .days_off
            .range(range)
            .filter(|d| !is_weekend(**d))
            .count();
        let makeup = self.makeup_workdays.range(range).count();
        weekdays - i64::try_from(off).unwrap_or(0) + i64::try_from(makeup).unwrap_or(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests;
