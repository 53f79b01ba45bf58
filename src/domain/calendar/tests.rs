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
