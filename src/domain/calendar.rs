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
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn cal() -> Calendar {
        Calendar::bundled().unwrap()
    }

    /// Day-by-day reference for the arithmetic in `working_days_between`.
    fn naive_between(c: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -naive_between(c, to, from);
        }
        from.iter_days()
            .skip(1)
            .take_while(|x| *x <= to)
            .filter(|x| c.is_working_day(*x))
            .count() as i64
    }

    #[test]
    fn bundled_parses_and_covers_2025_2026() {
        let c = cal();
        assert_eq!(c.years(), vec![2025, 2026]);
        assert!(c.covers(d("2025-01-01")) && c.covers(d("2026-12-31")));
        assert!(!c.covers(d("2024-12-31")) && !c.covers(d("2027-01-01")));
        // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
        let in_year = |y: i32| c.days_off.iter().filter(|x| x.year() == y).count();
        assert_eq!(in_year(2025), 28);
        assert_eq!(in_year(2026), 33);
        assert_eq!(c.makeup_workdays.len(), 11);
    }

    #[test]
    fn monday_origin() {
        assert_eq!(d("0001-01-01").weekday(), Weekday::Mon);
        assert_eq!(
            i64::from(d("2025-01-06").num_days_from_ce()).rem_euclid(7),
            1
        );
    }

    #[test]
    fn working_days() {
        let c = cal();
        let cases = [
            ("2025-01-01", false, "元旦 Wednesday"),
            ("2025-01-02", true, "Thursday"),
            ("2025-01-25", false, "Saturday"),
            (
                "2025-01-26",
                true,
                "make-up Sunday before the Spring Festival",
            ),
            ("2025-01-27", true, "Monday"),
            ("2025-01-28", false, "除夕"),
            ("2025-02-04", false, "last day of the Spring Festival"),
            ("2025-02-05", true, "back to work"),
            ("2025-02-08", true, "make-up Saturday"),
            ("2025-02-09", false, "Sunday"),
            ("2025-04-27", true, "make-up Sunday"),
            ("2025-06-02", false, "端午 Monday"),
            ("2025-09-28", true, "make-up Sunday"),
            ("2025-10-08", false, "National Day Wednesday"),
            ("2025-10-09", true, "Thursday"),
            ("2025-10-11", true, "make-up Saturday"),
            ("2026-01-02", false, "元旦 Friday"),
            ("2026-01-04", true, "make-up Sunday"),
            ("2026-02-14", true, "make-up Saturday"),
            ("2026-02-16", false, "Spring Festival Monday"),
            ("2026-02-23", false, "Spring Festival Monday"),
            ("2026-02-24", true, "Tuesday"),
            ("2026-02-28", true, "make-up Saturday"),
            ("2026-05-09", true, "make-up Saturday"),
            ("2026-09-20", true, "make-up Sunday"),
            ("2026-10-07", false, "National Day Wednesday"),
            ("2026-10-10", true, "make-up Saturday"),
            ("2027-01-01", true, "uncovered Friday: weekdays only"),
            ("2027-01-02", false, "uncovered Saturday"),
            (
                "2024-10-01",
                true,
                "uncovered Tuesday: not guessed as a holiday",
            ),
        ];
        for (day, want, why) in cases {
            assert_eq!(c.is_working_day(d(day)), want, "{day}: {why}");
        }
    }

    #[test]
    fn deadlines() {
        let c = cal();
        // (accepted, n, deadline, provisional, why)
        let cases = [
            (
                "2025-03-03",
                15,
                "2025-03-24",
                false,
                "plain Monday, three weeks",
            ),
            (
                "2025-03-07",
                1,
                "2025-03-10",
                false,
                "Friday: next working day is Monday",
            ),
            (
                "2025-03-08",
                1,
                "2025-03-10",
                false,
                "accepted on a Saturday",
            ),
            (
                "2025-01-24",
                1,
                "2025-01-26",
                false,
                "Friday before the make-up Sunday",
            ),
            (
                "2025-01-24",
                15,
                "2025-02-20",
                false,
                "across the 2025 Spring Festival",
            ),
            (
                "2025-01-28",
                15,
                "2025-02-24",
                false,
                "accepted on 除夕 (a day off)",
            ),
            (
                "2025-02-07",
                1,
                "2025-02-08",
                false,
                "make-up Saturday counts",
            ),
            (
                "2025-09-26",
                15,
                "2025-10-23",
                false,
                "across National Day 2025",
            ),
            ("2025-09-30", 1, "2025-10-09", false, "eve of National Day"),
            (
                "2025-12-26",
                15,
                "2026-01-19",
                false,
                "into 2026, across 元旦",
            ),
            (
                "2026-02-06",
                15,
                "2026-03-05",
                false,
                "across the 2026 Spring Festival",
            ),
            (
                "2026-02-13",
                1,
                "2026-02-14",
                false,
                "make-up Saturday 2026",
            ),
            (
                "2026-09-18",
                15,
                "2026-10-15",
                false,
                "Mid-Autumn and National Day 2026",
            ),
            (
                "2026-12-15",
                15,
                "2027-01-05",
                true,
                "reaches into uncovered 2027",
            ),
            ("2026-12-30", 1, "2026-12-31", false, "stays inside 2026"),
            ("2027-03-01", 15, "2027-03-22", true, "wholly in 2027"),
            (
                "2024-12-13",
                15,
                "2025-01-06",
                true,
                "starts in uncovered 2024",
            ),
            ("2025-03-03", 0, "2025-03-03", false, "no working days"),
        ];
        for (acc, n, want, prov, why) in cases {
            let got = c.deadline(d(acc), n);
            assert_eq!(got.date, d(want), "{acc} + {n}: {why}");
            assert_eq!(got.provisional, prov, "{acc} + {n} provisional: {why}");
            if n > 0 {
                assert!(
                    c.is_working_day(got.date),
                    "{why}: deadline is a working day"
                );
                assert_eq!(c.working_days_between(d(acc), got.date), i64::from(n));
            }
        }
    }

    #[test]
    fn deadline_matches_counting_day_by_day() {
        let c = cal();
        for acc in d("2024-12-01")
            .iter_days()
            .take_while(|x| *x <= d("2027-02-01"))
        {
            let mut day = acc;
            let mut left = 15;
            while left > 0 {
                day = day.succ_opt().unwrap();
                if c.is_working_day(day) {
                    left -= 1;
                }
            }
            assert_eq!(c.deadline(acc, 15).date, day, "accepted {acc}");
        }
    }

    #[test]
    fn huge_limit_does_not_panic() {
        let got = cal().deadline(d("2025-01-01"), u32::MAX);
        assert!(got.provisional);
        assert_eq!(got.date, NaiveDate::MAX);
    }

    #[test]
    fn between() {
        let c = cal();
        let cases = [
            ("2025-01-24", "2025-02-10", 7, "Spring Festival 2025 week"),
            ("2025-02-10", "2025-01-24", -7, "reversed"),
            ("2025-03-03", "2025-03-03", 0, "same day"),
            ("2025-03-07", "2025-03-09", 0, "Friday to Sunday"),
            (
                "2025-09-30",
                "2025-10-12",
                3,
                "National Day: 09, 10, make-up 11",
            ),
            (
                "2026-02-13",
                "2026-03-01",
                6,
                "Spring Festival 2026 with two make-up Saturdays",
            ),
            ("2026-12-31", "2027-01-08", 6, "into 2027, weekdays only"),
        ];
        for (from, to, want, why) in cases {
            assert_eq!(c.working_days_between(d(from), d(to)), want, "{why}");
        }
        let start = d("2024-12-20");
        for to in start.iter_days().take(800).step_by(3) {
            for from in [start, d("2025-10-01"), d("2026-02-20")] {
                assert_eq!(
                    c.working_days_between(from, to),
                    naive_between(&c, from, to),
                    "{from} → {to}"
                );
            }
        }
    }

    #[test]
    fn refuses_bad_files() {
        let cases: [(&str, CalendarError); 9] = [
            ("year = [", CalendarError::Syntax(String::new())),
            ("", CalendarError::Empty),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2025-01-01\"]\n[[year]]\nyear = 2025\ndays_off = [\"2025-05-01\"]",
                CalendarError::DuplicateYear(2025),
            ),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2025-02-30\"]",
                CalendarError::BadDate { year: 2025, text: "2025-02-30".into() },
            ),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2025-02-04..2025-01-28\"]",
                CalendarError::ReversedRange { year: 2025, text: "2025-02-04..2025-01-28".into() },
            ),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2026-01-01\"]",
                CalendarError::WrongYear { year: 2025, day: d("2026-01-01") },
            ),
            ("[[year]]\nyear = 2025\ndays_off = []", CalendarError::NoDaysOff(2025)),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2025-01-25..2025-01-27\"]\nmakeup_workdays = [\"2025-01-26\"]",
                CalendarError::OffAndWorkday(d("2025-01-26")),
            ),
            (
                "[[year]]\nyear = 2025\ndays_off = [\"2025-01-01\"]\nmakeup_workdays = [\"2025-01-27\"]",
                CalendarError::WorkdayNotWeekend(d("2025-01-27")),
            ),
        ];
        for (text, want) in cases {
            let got = Calendar::from_toml(text).unwrap_err();
            match (&got, &want) {
                (CalendarError::Syntax(_), CalendarError::Syntax(_)) => {}
                _ => assert_eq!(got, want, "{text}"),
            }
            assert!(!got.zh().is_empty() && !got.to_string().is_empty());
        }
        // A typo in a key is caught rather than silently ignored.
        let typo =
            "[[year]]\nyear = 2025\ndays_off = [\"2025-01-01\"]\nmakeup_workday = [\"2025-01-26\"]";
        assert!(matches!(
            Calendar::from_toml(typo),
            Err(CalendarError::Syntax(_))
        ));
        assert!(CalendarError::OffAndWorkday(d("2025-01-26"))
            .zh()
            .contains("既列为放假日"));
    }
}
