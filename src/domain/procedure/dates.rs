//! The dates around a decision, from the settings and the working-day calendar: the notice
//! period (calendar days), the refusal letter's due date and an objection's new deadline
//! (working days), and the first month paid.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::{Notice, ProcedureSettings};
use crate::domain::calendar::Calendar;
use crate::domain::case::Deadline;

/// What a decision on `decided` leads to, computed before the step so that the state
/// machine stays pure: the notice an approval enters, the due date of a refusal's letter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AfterDecision {
    pub notice: Notice,
    pub refusal_letter_due: Deadline,
}

/// The public notice of an approval decided on `decided`: `days` calendar days from the
/// decision's next day (or the day itself, a setting); it takes effect the day after.
pub fn notice_period(settings: &ProcedureSettings, decided: NaiveDate) -> Notice {
    let skip = u64::from(settings.notice.starts_next_day.value);
    let start = decided.checked_add_days(Days::new(skip)).unwrap_or(decided);
    let span = u64::from(settings.notice.days.value.max(1) - 1);
    let end = start.checked_add_days(Days::new(span)).unwrap_or(start);
    Notice {
        start,
        end,
        effective_on: end.succ_opt().unwrap_or(end),
        counts_toward_limit: settings.review_limit.includes_notice.value,
        objected: false,
    }
}

/// The refusal letter is due `letter_working_days` working days after the decision.
pub fn refusal_letter_due(
    calendar: &Calendar,
    settings: &ProcedureSettings,
    decided: NaiveDate,
) -> Deadline {
    calendar.deadline(decided, settings.refusal.letter_working_days.value)
}

/// The confirmation notice is due `letter_working_days` working days after the effect.
pub fn approval_letter_due(
    calendar: &Calendar,
    settings: &ProcedureSettings,
    effective: NaiveDate,
) -> Deadline {
    calendar.deadline(effective, settings.approval.letter_working_days.value)
}

/// After an objection received on `received`, the new decision is due within
/// `redecide_working_days` working days.
pub fn redecide_by(
    calendar: &Calendar,
    settings: &ProcedureSettings,
    received: NaiveDate,
) -> Deadline {
    calendar.deadline(received, settings.objection.redecide_working_days.value)
}

/// The first day of the first month paid: the month after the decision (a setting).
pub fn benefit_from(settings: &ProcedureSettings, decided: NaiveDate) -> NaiveDate {
    let first = decided.with_day(1).unwrap_or(decided);
    first
        .checked_add_months(Months::new(settings.payment.months_after_decision.value))
        .unwrap_or(first)
}

/// Both outcomes of a decision on `decided`.
pub fn after_decision(
    calendar: &Calendar,
    settings: &ProcedureSettings,
    decided: NaiveDate,
) -> AfterDecision {
    AfterDecision {
        notice: notice_period(settings, decided),
        refusal_letter_due: refusal_letter_due(calendar, settings, decided),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn settings() -> ProcedureSettings {
        ProcedureSettings::bundled().unwrap()
    }

    #[test]
    fn the_notice_runs_seven_calendar_days_from_the_next_day() {
        let s = settings();
        // (decided, start, end, takes effect): calendar days, holidays and weekends counted.
        let cases = [
            ("2026-03-20", "2026-03-21", "2026-03-27", "2026-03-28"), // Friday
            ("2026-09-30", "2026-10-01", "2026-10-07", "2026-10-08"), // into National Day
            ("2026-02-26", "2026-02-27", "2026-03-05", "2026-03-06"), // across a month end
            ("2026-12-28", "2026-12-29", "2027-01-04", "2027-01-05"), // across the year
        ];
        for (decided, start, end, effect) in cases {
            let n = notice_period(&s, d(decided));
            assert_eq!(
                (n.start, n.end, n.effective_on),
                (d(start), d(end), d(effect)),
                "decided {decided}"
            );
            assert!(!n.counts_toward_limit && !n.objected);
        }
    }

    #[test]
    fn the_notice_may_start_on_the_decision_day_and_count_toward_the_limit() {
        let mut s = settings();
        s.notice.starts_next_day.value = false;
        s.notice.days.value = 10;
        s.review_limit.includes_notice.value = true;
        let n = notice_period(&s, d("2026-03-20"));
        assert_eq!((n.start, n.end), (d("2026-03-20"), d("2026-03-29")));
        assert!(n.counts_toward_limit);
    }

    #[test]
    fn the_refusal_letter_is_due_in_three_working_days() {
        let c = Calendar::bundled().unwrap();
        let s = settings();
        // (decided, due): weekends, statutory days off and make-up workdays.
        let cases = [
            ("2026-03-16", "2026-03-19"), // Monday → Thursday
            ("2026-03-20", "2026-03-25"), // Friday → over the weekend to Wednesday
            ("2026-09-30", "2026-10-10"), // National Day off; Saturday 10-10 is a make-up workday
            ("2026-02-13", "2026-02-25"), // Sat 02-14 make-up, Spring Festival 15–23 off
            ("2026-05-07", "2026-05-11"), // Saturday 05-09 is a make-up workday
        ];
        for (decided, due) in cases {
            let got = refusal_letter_due(&c, &s, d(decided));
            assert_eq!(got.date, d(due), "decided {decided}");
            assert!(!got.provisional);
        }
        // Outside the calendar's years the date is provisional.
        assert!(refusal_letter_due(&c, &s, d("2027-12-30")).provisional);
    }

    #[test]
    fn an_objection_gives_twenty_working_days() {
        let c = Calendar::bundled().unwrap();
        let s = settings();
        let cases = [
            ("2026-03-24", "2026-04-22"), // Qingming 04-04..06: 04-06 Monday off
            ("2026-09-22", "2026-10-27"), // Mid-Autumn, National Day and two make-up days
        ];
        for (received, due) in cases {
            assert_eq!(redecide_by(&c, &s, d(received)).date, d(due), "{received}");
        }
    }

    #[test]
    fn payment_starts_the_month_after_the_decision() {
        let s = settings();
        let cases = [
            ("2026-03-20", "2026-04-01"),
            ("2026-03-01", "2026-04-01"),
            ("2026-12-31", "2027-01-01"),
        ];
        for (decided, from) in cases {
            assert_eq!(benefit_from(&s, d(decided)), d(from), "{decided}");
        }
    }
}
