#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test
//! Quarter deadlines and the ledger's recount.

use super::*;

#[test]
fn quarter_deadlines_on_and_around_the_20th() {
    // (pushed on, feedback due, ledger quarter)
    let table = [
        (d(2025, 12, 19), d(2025, 12, 20), "2025Q4"),
        (d(2025, 12, 20), d(2026, 3, 20), "2026Q1"),
        (d(2025, 12, 31), d(2026, 3, 20), "2026Q1"),
        (d(2026, 1, 1), d(2026, 3, 20), "2026Q1"),
        (d(2026, 3, 19), d(2026, 3, 20), "2026Q1"),
        (d(2026, 3, 20), d(2026, 6, 20), "2026Q2"),
        (d(2026, 3, 21), d(2026, 6, 20), "2026Q2"),
        (d(2026, 6, 19), d(2026, 6, 20), "2026Q2"),
        (d(2026, 6, 20), d(2026, 9, 20), "2026Q3"),
        (d(2026, 9, 19), d(2026, 9, 20), "2026Q3"),
        (d(2026, 9, 20), d(2026, 12, 20), "2026Q4"),
        (d(2026, 9, 21), d(2026, 12, 20), "2026Q4"),
        (d(2026, 12, 19), d(2026, 12, 20), "2026Q4"),
        (d(2026, 12, 20), d(2027, 3, 20), "2027Q1"),
        (d(2028, 2, 29), d(2028, 3, 20), "2028Q1"),
    ];
    for (pushed, due, quarter) in table {
        assert_eq!(feedback_due(pushed), due, "pushed {pushed}");
        assert_eq!(
            Quarter::for_pushed(pushed).to_string(),
            quarter,
            "pushed {pushed}"
        );
    }
    for q in 1..=4u8 {
        let quarter = Quarter { year: 2026, q };
        assert_eq!(quarter.deadline(), d(2026, u32::from(q) * 3, 20));
        let (from, to) = quarter.push_window();
        assert_eq!(Quarter::for_pushed(from), quarter);
        assert_eq!(Quarter::for_pushed(to), quarter);
        assert_eq!(Quarter::for_pushed(to.succ_opt().unwrap()), quarter.next());
        assert_eq!(
            Quarter::for_pushed(from.pred_opt().unwrap()),
            quarter.prev()
        );
    }
    assert_eq!(Quarter::of(d(2026, 3, 31)).to_string(), "2026Q1");
    assert_eq!(Quarter::of(d(2026, 4, 1)).to_string(), "2026Q2");
    assert_eq!(Quarter { year: 2026, q: 4 }.last_day(), d(2026, 12, 31));
    assert_eq!(Quarter { year: 2026, q: 1 }.days_left(d(2026, 3, 2)), 18);
    assert_eq!(Quarter { year: 2026, q: 1 }.days_left(d(2026, 3, 21)), -1);
    assert_eq!(Quarter::parse("2026Q1"), Some(Quarter { year: 2026, q: 1 }));
    assert_eq!(
        Quarter::parse("2026-q4"),
        Some(Quarter { year: 2026, q: 4 })
    );
    assert_eq!(Quarter::parse("2026Q5"), None);
    assert_eq!(Quarter::parse("Q1"), None);
}

/// Referrals spread over departments, push days and answers, for the recount.
fn spread() -> Vec<Referral> {
    let mut out = Vec::new();
    let mut seed: u64 = 42;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..400u64 {
        let dept = Department::ALL[next(Department::ALL.len() as u64) as usize];
        let pushed = d(2025, 12, 1) + chrono::Days::new(next(130));
        let mut r = referral(dept, pushed);
        r.id = ReferralId(i);
        let answer_day = pushed + chrono::Days::new(next(60));
        let now = at(d(2026, 6, 30));
        let events = match next(5) {
            0 => vec![],
            1 => vec![Event::Acknowledge {
                on: answer_day,
                note: String::new(),
            }],
            2 => vec![Event::NotEligible {
                on: answer_day,
                reason: "不符合".into(),
            }],
            _ => vec![
                Event::Acknowledge {
                    on: pushed,
                    note: String::new(),
                },
                Event::GiveAssistance {
                    on: answer_day,
                    what: "救助".into(),
                    amount: Some(Money::from_fen(next(100_000) as i64)),
                },
            ],
        };
        for e in events {
            r = apply(&r, &e, "x", false, now).unwrap();
        }
        out.push(r);
    }
    out
}

#[test]
fn ledger_totals_equal_a_recount() {
    let all = spread();
    for (quarter, as_of) in [
        (Quarter { year: 2026, q: 1 }, d(2026, 3, 2)),
        (Quarter { year: 2026, q: 1 }, d(2026, 3, 20)),
        (Quarter { year: 2026, q: 1 }, d(2026, 4, 15)),
        (Quarter { year: 2026, q: 2 }, d(2026, 6, 30)),
    ] {
        let l = ledger(&all, quarter, as_of);
        assert_eq!(l.rows.len(), Department::ALL.len());
        let mine: Vec<&Referral> = all
            .iter()
            .filter(|r| r.pushed_on >= quarter.push_window().0)
            .filter(|r| r.pushed_on <= quarter.push_window().1.min(as_of))
            .collect();
        assert_eq!(l.total.pushed as usize, mine.len());
        for row in &l.rows {
            let c = &row.counts;
            let of: Vec<&Referral> = mine
                .iter()
                .copied()
                .filter(|r| r.department == row.department)
                .collect();
            let answered = |r: &Referral| r.answer().is_some_and(|a| a.on <= as_of);
            assert_eq!(c.pushed as usize, of.len());
            assert_eq!(
                c.answered as usize,
                of.iter().filter(|r| answered(r)).count()
            );
            assert_eq!(
                c.overdue as usize,
                of.iter()
                    .filter(|r| !answered(r) && as_of > quarter.deadline())
                    .count()
            );
            assert_eq!(
                c.overdue,
                of.iter().filter(|r| r.is_overdue(as_of)).count() as u64
            );
            assert_eq!(c.pushed, c.answered + c.overdue + c.waiting);
            assert_eq!(c.answered, c.assistance_given + c.not_eligible);
            let amount: i64 = of
                .iter()
                .flat_map(|r| &r.feedback)
                .filter(|f| f.on <= as_of)
                .filter_map(|f| f.amount)
                .map(Money::fen)
                .sum();
            assert_eq!(c.amount.fen(), amount);
            assert_eq!(l.late_departments().contains(&row.department), c.is_late());
        }
        let sum = |f: fn(&crate::domain::referral::ledger::Counts) -> u64| {
            l.rows.iter().map(|r| f(&r.counts)).sum::<u64>()
        };
        assert_eq!(l.total.pushed, sum(|c| c.pushed));
        assert_eq!(l.total.overdue, sum(|c| c.overdue));
        assert_eq!(l.total.answered_late, sum(|c| c.answered_late));
    }
    // Before the deadline nothing is overdue; after it, something is.
    assert_eq!(
        ledger(&all, Quarter { year: 2026, q: 1 }, d(2026, 3, 20))
            .total
            .overdue,
        0
    );
    assert!(
        ledger(&all, Quarter { year: 2026, q: 1 }, d(2026, 3, 21))
            .total
            .overdue
            > 0
    );
}
