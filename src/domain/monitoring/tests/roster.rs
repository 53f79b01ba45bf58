//! Roster membership for each group, the two-year boundary, and taper end dates.

use super::*;
use crate::domain::category::Category;
use crate::domain::household::Standing;
use crate::domain::monitoring::{
    leaves_roster_on, membership, support_ends, taper_applies, ExitFact, ExitReason, Group,
    RosterFacts,
};

fn standing(category: Option<Category>, target: bool, lifted: bool) -> Standing {
    Standing {
        category,
        tags: Vec::new(),
        since: None,
        relapse_watch: target,
        lifted_out_of_poverty: lifted,
    }
}

fn exit(category: Category, support_ends: NaiveDate) -> ExitFact {
    ExitFact {
        category,
        support_ends,
        taper: false,
    }
}

#[test]
fn each_group_puts_a_household_on_the_roster() {
    let today = d(2026, 3, 2);
    let ended = d(2025, 1, 10);
    type Row = (&'static str, Standing, bool, Vec<ExitFact>, Vec<Group>);
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("nobody", standing(None, false, false), false, vec![], vec![]),
        ("confirmed dibao", standing(Some(Category::Dibao), false, false), false, vec![], vec![Group::Confirmed]),
        ("confirmed other hardship", standing(Some(Category::OtherHardship), false, false), false, vec![], vec![Group::Confirmed]),
        ("relapse watch", standing(None, true, false), false, vec![], vec![Group::RelapseWatch]),
        ("lifted out of poverty", standing(None, false, true), false, vec![], vec![Group::LiftedOut]),
        ("refused applicant", standing(None, false, false), true, vec![], vec![Group::Rejected]),
        ("refused, since confirmed", standing(Some(Category::DibaoMarginal), false, false), true, vec![], vec![Group::Confirmed]),
        ("left dibao", standing(None, false, false), false, vec![exit(Category::Dibao, ended)], vec![Group::Exited]),
        ("left destitute support", standing(None, false, false), false, vec![exit(Category::Destitute, ended)], vec![Group::Exited]),
        ("left marginal: not watched", standing(None, false, false), false, vec![exit(Category::DibaoMarginal, ended)], vec![]),
        ("several reasons", standing(Some(Category::Dibao), true, true), false, vec![exit(Category::Dibao, ended)],
            vec![Group::Confirmed, Group::RelapseWatch, Group::LiftedOut, Group::Exited]),
    ];
    for (what, s, rejected, exits, groups) in table {
        let m = membership(
            RosterFacts {
                standing: &s,
                rejected,
                exits: &exits,
            },
            today,
        );
        assert_eq!(m.groups, groups, "{what}");
        assert_eq!(m.on_roster(), !groups.is_empty(), "{what}");
    }
}

#[test]
fn an_exit_stays_on_the_roster_for_two_years_to_the_day() {
    let s = standing(None, false, false);
    let ended = d(2024, 3, 2);
    let exits = [exit(Category::Dibao, ended)];
    let facts = RosterFacts {
        standing: &s,
        rejected: false,
        exits: &exits,
    };
    #[rustfmt::skip]
    let table = [
        ("the day support ended", d(2024, 3, 2), true),
        ("one day before two years", d(2026, 3, 1), true),
        ("two years to the day", d(2026, 3, 2), false),
        ("one day after", d(2026, 3, 3), false),
    ];
    for (what, today, on) in table {
        let m = membership(facts, today);
        assert_eq!(m.on_roster(), on, "{what}");
        if on {
            assert_eq!(
                m.leaves_on(),
                Some(d(2026, 3, 2)),
                "{what}: the screen says when"
            );
        }
    }
    // Leap day: two years after Feb 29 is Feb 28.
    assert_eq!(leaves_roster_on(d(2024, 2, 29)), Some(d(2026, 2, 28)));
    // Held by another reason too: it does not leave by itself.
    let lifted = standing(None, false, true);
    let m = membership(
        RosterFacts {
            standing: &lifted,
            rejected: false,
            exits: &exits,
        },
        d(2026, 3, 1),
    );
    assert_eq!(m.leaves_on(), None);
    assert_eq!(m.exit_watch_until, Some(d(2026, 3, 2)));
}

#[test]
fn taper_end_dates() {
    use ExitReason::*;
    #[rustfmt::skip]
    let table = [
        ("dibao, income risen, 6 months", Category::Dibao, IncomeRisen, d(2026, 3, 2), 6, d(2026, 9, 2)),
        ("month end clamps", Category::Dibao, IncomeRisen, d(2026, 8, 31), 6, d(2027, 2, 28)),
        ("into a leap February", Category::Dibao, IncomeRisen, d(2027, 8, 31), 6, d(2028, 2, 29)),
        ("across a year", Category::Dibao, IncomeRisen, d(2026, 11, 15), 3, d(2027, 2, 15)),
        ("a 12-month local taper", Category::Dibao, IncomeRisen, d(2026, 1, 1), 12, d(2027, 1, 1)),
        ("no taper configured", Category::Dibao, IncomeRisen, d(2026, 3, 2), 0, d(2026, 3, 2)),
        ("dibao, moved away: ends at once", Category::Dibao, MovedAway, d(2026, 3, 2), 6, d(2026, 3, 2)),
        ("dibao, deceased", Category::Dibao, Deceased, d(2026, 3, 2), 6, d(2026, 3, 2)),
        ("destitute, income risen: no taper", Category::Destitute, IncomeRisen, d(2026, 3, 2), 6, d(2026, 3, 2)),
        ("marginal, income risen: no taper", Category::DibaoMarginal, IncomeRisen, d(2026, 3, 2), 6, d(2026, 3, 2)),
    ];
    for (what, category, reason, decided, months, ends) in table {
        assert_eq!(
            support_ends(category, reason, decided, months),
            Some(ends),
            "{what}"
        );
        assert_eq!(
            taper_applies(category, reason) && months > 0,
            ends != decided,
            "{what}"
        );
    }
}

#[test]
fn a_running_taper_shows_its_last_day_and_watch_runs_from_its_end() {
    let s = standing(None, false, false);
    let exits = [ExitFact {
        category: Category::Dibao,
        support_ends: d(2026, 9, 2),
        taper: true,
    }];
    let facts = RosterFacts {
        standing: &s,
        rejected: false,
        exits: &exits,
    };
    let m = membership(facts, d(2026, 3, 2));
    assert_eq!(m.groups, [Group::Exited]);
    assert_eq!(m.taper_until, Some(d(2026, 9, 1)));
    assert_eq!(m.leaves_on(), Some(d(2028, 9, 2)));
    let after = membership(facts, d(2026, 9, 2));
    assert_eq!(after.taper_until, None);
    assert!(after.on_roster());
}
