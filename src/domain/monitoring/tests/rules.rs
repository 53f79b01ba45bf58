//! Each alert rule firing and not firing at its threshold.

use super::*;
use crate::domain::category::Category;
use crate::domain::indicators::Safety;
use crate::domain::monitoring::{
    income_test, on_date, on_reading, overdue_test, AlertRules, EarnerEvent, Reading, RuleKind,
    Severity, Snapshot,
};
use crate::domain::standards::Standards;
use crate::domain::town::Area;

fn rules() -> AlertRules {
    AlertRules::bundled().expect("bundled alert rules")
}

fn standards() -> Standards {
    Standards::bundled().expect("bundled standards")
}

fn fires(h: &crate::domain::household::Household, on: NaiveDate, r: &AlertRules) -> bool {
    let s = Snapshot::of_household(h);
    income_test(r, &standards(), h, &s, on)
        .expect("standards in force")
        .is_some()
}

#[test]
fn income_below_the_line_at_its_threshold() {
    let r = rules();
    let on = d(2026, 3, 2); // 2026: urban line 1027/month, rural 9230/year, dibao 790 / 7100
    let on_2025 = d(2025, 6, 1); // 2025: urban line 998/month (seed)
    let mut r110 = r.clone();
    r110.line_percent = 110;
    #[rustfmt::skip]
    let table: Vec<(&str, crate::domain::household::Household, NaiveDate, &AlertRules, bool)> = vec![
        ("urban 2, exactly the line", household(Area::Urban, 2, yuan(1027 * 12 * 2)), on, &r, false),
        ("urban 2, one fen below", household(Area::Urban, 2, yuan(1027 * 12 * 2) - fen(1)), on, &r, true),
        ("rural 3, exactly the line", household(Area::Rural, 3, yuan(9230 * 3)), on, &r, false),
        ("rural 3, one fen below", household(Area::Rural, 3, yuan(9230 * 3) - fen(1)), on, &r, true),
        ("2025 seed line 998, at it", household(Area::Urban, 1, yuan(998 * 12)), on_2025, &r, false),
        ("2025 seed line 998, below", household(Area::Urban, 1, yuan(998 * 12) - fen(1)), on_2025, &r, true),
        ("110% of the line, at it", household(Area::Urban, 1, fen(1_355_640)), on, &r110, false),
        ("110% of the line, below", household(Area::Urban, 1, fen(1_355_639)), on, &r110, true),
        ("marginal: dibao line, at it", with_category(household(Area::Urban, 1, yuan(790 * 12)), Some(Category::DibaoMarginal)), on, &r, false),
        ("marginal: dibao line, below", with_category(household(Area::Urban, 1, yuan(790 * 12) - fen(1)), Some(Category::DibaoMarginal)), on, &r, true),
        ("marginal below the monitoring line only", with_category(household(Area::Urban, 1, yuan(10_000)), Some(Category::DibaoMarginal)), on, &r, false),
        ("dibao household: not applicable", with_category(household(Area::Urban, 1, Money::ZERO), Some(Category::Dibao)), on, &r, false),
        ("destitute: not applicable", with_category(household(Area::Rural, 1, Money::ZERO), Some(Category::Destitute)), on, &r, false),
        ("rigid-expense household: applies", with_category(household(Area::Rural, 1, yuan(9229)), Some(Category::RigidExpense)), on, &r, true),
        // A rural household with an urban member is held to the higher (urban) line:
        // urban 1027 x 12 x 2 = 24,648 a year; rural 9230 x 2 = 18,460.
        ("mixed: judged by the urban line", with_member_of(household(Area::Rural, 1, yuan(24_000)), Area::Urban), on, &r, true),
        ("mixed: at the urban line", with_member_of(household(Area::Rural, 1, yuan(24_648)), Area::Urban), on, &r, false),
    ];
    for (what, h, date, rules, expected) in table {
        assert_eq!(fires(&h, date, rules), expected, "{what}");
    }
}

#[test]
fn income_alert_shows_its_numbers() {
    let h = household(Area::Urban, 2, yuan(20_000));
    let s = Snapshot::of_household(&h);
    let raised = income_test(&rules(), &standards(), &h, &s, d(2026, 3, 2))
        .expect("in force")
        .expect("fires");
    assert_eq!(raised.rule, RuleKind::IncomeBelowLine);
    assert_eq!(raised.severity, Severity::High);
    // 20,000 / 12 / 2 = 833.33 a month per person.
    assert_eq!(
        raised.figures[0].zh,
        "家庭人均月收入 833.33 元 < 城市监测线 1,027.00 元（1,027.00 元）"
    );
    assert!(
        raised.figures[1].en.contains("20,000.00"),
        "{:?}",
        raised.figures
    );
}

#[test]
fn no_standard_in_force_is_an_error_not_a_default() {
    let h = household(Area::Urban, 1, Money::ZERO);
    let s = Snapshot::of_household(&h);
    assert!(income_test(&rules(), &standards(), &h, &s, d(2030, 1, 1)).is_err());
}

fn reading(prev: &Snapshot) -> Reading {
    prev.to_reading(
        crate::domain::household::HouseholdId(1),
        d(2026, 3, 2),
        "clerk",
    )
}

fn event_rules(prev: &Snapshot, r: &Reading) -> Vec<RuleKind> {
    on_reading(&rules(), prev, r)
        .into_iter()
        .map(|x| x.rule)
        .collect()
}

#[test]
fn rigid_spending_at_its_thresholds() {
    let prev = Snapshot::of_household(&household(Area::Urban, 2, yuan(100_000)));
    // amount = 10,000 yuan, or 50% of the household's income a year.
    #[rustfmt::skip]
    let table = [
        ("10,000 medical: the amount", yuan(100_000), yuan(10_000), Money::ZERO, true),
        ("one fen short, 100k income", yuan(100_000), yuan(10_000) - fen(1), Money::ZERO, false),
        ("split medical and other", yuan(100_000), yuan(6_000), yuan(4_000), true),
        ("half the income", yuan(10_000), yuan(3_000), yuan(2_000), true),
        ("one fen under half", yuan(10_000), yuan(5_000) - fen(1), Money::ZERO, false),
        ("any spending on no income", Money::ZERO, fen(1), Money::ZERO, true),
        ("nothing spent", Money::ZERO, Money::ZERO, Money::ZERO, false),
    ];
    for (what, income, medical, other, expected) in table {
        let mut r = reading(&prev);
        r.annual_income = income;
        r.new_medical = medical;
        r.new_other_rigid = other;
        let fired = event_rules(&prev, &r).contains(&RuleKind::RigidSpending);
        assert_eq!(fired, expected, "{what}");
    }
}

#[test]
fn housing_and_water_fire_when_they_become_unsafe() {
    use Safety::*;
    let table = [
        (Safe, Unsafe, true),
        (Unknown, Unsafe, true),
        (Unsafe, Unsafe, false),
        (Safe, Safe, false),
        (Unsafe, Safe, false),
        (Safe, Unknown, false),
    ];
    for (before, now, expected) in table {
        let mut prev = Snapshot::of_household(&household(Area::Rural, 2, yuan(30_000)));
        prev.housing = before;
        prev.drinking_water = before;
        let mut r = reading(&prev);
        r.housing = now;
        r.drinking_water = now;
        let fired = event_rules(&prev, &r);
        assert_eq!(
            fired.contains(&RuleKind::HousingUnsafe),
            expected,
            "housing {before:?} → {now:?}"
        );
        assert_eq!(
            fired.contains(&RuleKind::WaterUnsafe),
            expected,
            "water {before:?} → {now:?}"
        );
    }
}

#[test]
fn labour_loss_and_main_earner() {
    let prev = Snapshot::of_household(&household(Area::Rural, 2, yuan(30_000)));
    assert_eq!(prev.able, 2);
    for (able, expected) in [(1, true), (0, true), (2, false), (3, false)] {
        let mut r = reading(&prev);
        r.able = able;
        assert_eq!(
            event_rules(&prev, &r).contains(&RuleKind::LabourLost),
            expected,
            "able {able}"
        );
    }
    for (event, expected) in [
        (EarnerEvent::Death, true),
        (EarnerEvent::SeriousIllness, true),
        (EarnerEvent::None, false),
    ] {
        let mut r = reading(&prev);
        r.earner = event;
        assert_eq!(
            event_rules(&prev, &r).contains(&RuleKind::MainEarner),
            expected,
            "{event:?}"
        );
    }
    // An unchanged reading raises nothing.
    assert!(event_rules(&prev, &reading(&prev)).is_empty());
}

#[test]
fn reading_overdue_from_the_day_it_is_due() {
    let r = rules(); // 6 months
    let last = d(2025, 9, 2);
    #[rustfmt::skip]
    let table = [
        ("one day before due", Some(last), d(2026, 3, 1), false),
        ("on the due day", Some(last), d(2026, 3, 2), true),
        ("long after", Some(last), d(2026, 12, 1), true),
        ("month-end: Aug 31 + 6 = Feb 28, day before", Some(d(2025, 8, 31)), d(2026, 2, 27), false),
        ("month-end: on Feb 28", Some(d(2025, 8, 31)), d(2026, 2, 28), true),
        ("never read", None, d(2026, 3, 2), true),
    ];
    for (what, reference, today, expected) in table {
        assert_eq!(
            overdue_test(&r, reference, today).is_some(),
            expected,
            "{what}"
        );
    }
}

#[test]
fn disabled_rules_raise_nothing() {
    let mut r = rules();
    r.income_below_line.enabled = false;
    r.reading_overdue.enabled = false;
    r.housing_unsafe.enabled = false;
    let h = household(Area::Urban, 1, Money::ZERO);
    let s = Snapshot::of_household(&h);
    assert!(on_date(&r, &standards(), &h, &s, None, d(2026, 3, 2))
        .expect("in force")
        .is_empty());
    let mut reading = reading(&s);
    reading.housing = Safety::Unsafe;
    assert!(on_reading(&r, &s, &reading).is_empty());
    // Enabled again, both standing tests fire.
    let all = on_date(&rules(), &standards(), &h, &s, None, d(2026, 3, 2)).expect("in force");
    let kinds: Vec<RuleKind> = all.iter().map(|x| x.rule).collect();
    assert_eq!(kinds, [RuleKind::IncomeBelowLine, RuleKind::ReadingOverdue]);
}

#[test]
fn the_same_finding_has_the_same_basis() {
    let h = household(Area::Urban, 1, yuan(5_000));
    let s = Snapshot::of_household(&h);
    let r = rules();
    let a = income_test(&r, &standards(), &h, &s, d(2026, 3, 2))
        .expect("ok")
        .expect("fires");
    let b = income_test(&r, &standards(), &h, &s, d(2026, 6, 2))
        .expect("ok")
        .expect("fires");
    assert_eq!(a.basis, b.basis);
    // A new line (2025 → 2026) is a new finding.
    let c = income_test(&r, &standards(), &h, &s, d(2025, 6, 2))
        .expect("ok")
        .expect("fires");
    assert_ne!(a.basis, c.basis);
}

#[test]
fn rules_file_errors_name_the_rule_and_key() {
    assert!(AlertRules::bundled().is_ok());
    let missing = crate::domain::monitoring::BUNDLED_RULES.replace("[water_unsafe]", "[water]");
    let e = AlertRules::from_toml(&missing).expect_err("missing table");
    assert_eq!(e.table, "water_unsafe");
    assert!(e.zh().contains("饮水变为不安全"), "{}", e.zh());
    let bad = crate::domain::monitoring::BUNDLED_RULES.replace("amount = \"10000\"", "amount = 0");
    let e = AlertRules::from_toml(&bad).expect_err("zero amount");
    assert_eq!(
        (e.table.as_str(), e.key.as_str()),
        ("rigid_spending", "amount")
    );
    let bad = crate::domain::monitoring::BUNDLED_RULES
        .replace("severity = \"low\"", "severity = \"urgent\"");
    let e = AlertRules::from_toml(&bad).expect_err("bad severity");
    assert_eq!(e.key, "severity");
}
