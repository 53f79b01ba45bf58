//! Issue 17 point 4 at the engine: values that cannot be right are refused with the
//! reason, and a business loss is explained instead of silently cancelling wages.

use super::*;

fn born_2030() -> Member {
    let mut m = adult("未生");
    m.id = ResidentId::parse("11010520300101001X").expect("well-formed");
    m
}

#[test]
fn bad_values_are_refused_not_classified() {
    let mut negative_deposit = urban_adults(1);
    negative_deposit = with_asset(negative_deposit, AssetKind::Deposit, 1, yuan(100_000));
    negative_deposit = with_asset(negative_deposit, AssetKind::Deposit, 1, yuan(-100_000));
    let negative_expense = with_rigid(urban_adults(1), yuan(-5_000));
    let mut negative_wages = urban_adults(1);
    income(
        &mut negative_wages,
        Some(0),
        IncomeKind::Wages,
        Amount::monthly(yuan(-100)),
    );
    let future = household(Area::Urban, vec![adult("父"), born_2030()]);
    let grade_zero = household(
        Area::Urban,
        vec![disabled(adult("甲"), DisabilityKind::Physical, 0)],
    );
    let cases: Vec<(&str, Household, &str)> = vec![
        (
            "a negative deposit",
            negative_deposit,
            "第 2 条财产：财产价值不能为负数",
        ),
        (
            "a negative expense",
            negative_expense,
            "第 1 条刚性支出：支出金额不能为负数",
        ),
        (
            "negative wages",
            negative_wages,
            "第 1 条收入：工资性收入不能为负数",
        ),
        (
            "a birth date after the application",
            future,
            "未生 的出生日期 2030-01-01 晚于 2025-06-01",
        ),
        ("disability grade 0", grade_zero, "残疾等级0不存在"),
    ];
    for (name, h, why) in cases {
        match classify(&h, &standards(), applied()) {
            Err(e) => assert!(e.zh().contains(why), "{name}: {}", e.zh()),
            Ok(p) => panic!("{name}: classified as {:?}\n{}", p.category, dump(&p)),
        }
    }
}

#[test]
fn a_business_loss_is_set_against_other_income_and_said() {
    let mut h = urban_adults(1);
    income(
        &mut h,
        Some(0),
        IncomeKind::Wages,
        Amount::monthly(yuan(1_000)),
    );
    income(
        &mut h,
        Some(0),
        IncomeKind::Business,
        Amount::monthly(yuan(-400)),
    );
    let p = propose(&h);
    assert_eq!(p.figures.annual_income, yuan(7_200), "{}", dump(&p));
    assert!(
        has_line(&p, "经营净收入亏损 4,800.00 元/年，已与家庭其他收入相抵"),
        "{}",
        dump(&p)
    );
    assert_eq!(p.category, Some(Category::Dibao));
}
