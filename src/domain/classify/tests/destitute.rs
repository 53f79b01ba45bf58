//! The destitute test, criterion by criterion.

use super::*;

fn lone(m: Member) -> Household {
    let area = m.area;
    household(area, vec![m])
}

/// (case, household, destitute?, a phrase the explanation must contain)
fn cases() -> Vec<(&'static str, Household, bool, &'static str)> {
    let lone_elder = || lone(elder("王", Area::Rural));
    let mut with_pension = lone_elder();
    income(
        &mut with_pension,
        Some(0),
        IncomeKind::Transfer,
        Amount::yearly(yuan(6_906)),
    );
    let mut small_pension = lone_elder();
    income(
        &mut small_pension,
        Some(0),
        IncomeKind::Transfer,
        Amount::yearly(fen(690_599)),
    );
    let mut land_alone = lone_elder();
    income(
        &mut land_alone,
        None,
        IncomeKind::Land,
        Amount::yearly(yuan(8_000)),
    );
    let mut supported = lone_elder();
    income(
        &mut supported,
        Some(0),
        IncomeKind::Support,
        Amount::monthly(yuan(100)),
    );
    let mut supported_household = lone_elder();
    income(
        &mut supported_household,
        None,
        IncomeKind::Support,
        Amount::yearly(yuan(600)),
    );
    let with_son = household(
        Area::Rural,
        vec![elder("王", Area::Rural), member("子", 1980, Area::Rural)],
    );
    let mut with_sick_son = with_son.clone();
    with_sick_son.members[1].health = Health::Serious;
    let mut with_rich_spouse = household(
        Area::Rural,
        vec![elder("王", Area::Rural), elder("李", Area::Rural)],
    );
    income(
        &mut with_rich_spouse,
        Some(1),
        IncomeKind::Transfer,
        Amount::yearly(yuan(15_480)),
    );
    let mut with_poor_spouse = with_rich_spouse.clone();
    with_poor_spouse.incomes[0].amount = Amount::yearly(fen(1_547_999));
    let young = || member("青", 1985, Area::Rural);
    let mut recorded_no_labour_disabled = disabled(young(), DisabilityKind::Physical, 3);
    recorded_no_labour_disabled.labour = LabourCapacity::None;
    let mut no_labour_not_disabled = young();
    no_labour_not_disabled.labour = LabourCapacity::None;
    vec![
        (
            "lone elder, no income",
            lone_elder(),
            true,
            "78岁，60周岁以上",
        ),
        (
            "age 59 is not elderly",
            lone(member("五十九", 1966, Area::Rural)),
            false,
            "meets the dibao income test",
        ),
        (
            "orphan under 18",
            lone(member("孤", 2012, Area::Rural)),
            true,
            "13岁，未满18周岁",
        ),
        (
            "severe disability",
            lone(disabled(young(), DisabilityKind::Physical, 2)),
            true,
            "肢体残疾2级",
        ),
        (
            "grade 3 mental is severe",
            lone(disabled(young(), DisabilityKind::Mental, 3)),
            true,
            "无劳动能力",
        ),
        (
            "grade 3 physical, labour recorded none",
            lone(recorded_no_labour_disabled),
            true,
            "无劳动能力",
        ),
        (
            "grade 3 physical with labour capacity",
            lone(disabled(young(), DisabilityKind::Physical, 3)),
            false,
            "有劳动能力",
        ),
        (
            "no labour but not elderly, minor or disabled",
            lone(no_labour_not_disabled),
            false,
            "不涉及特困",
        ),
        (
            "pension at the dibao line",
            with_pension,
            false,
            "有生活来源",
        ),
        (
            "pension one fen below the dibao line",
            small_pension,
            true,
            "视为无生活来源",
        ),
        (
            "household land income of a person alone",
            land_alone,
            false,
            "本人年收入 8,000.00 元",
        ),
        (
            "support paid to the person",
            supported,
            false,
            "有赡养（抚养、扶养）费 1,200.00 元/年",
        ),
        (
            "support paid to the household",
            supported_household,
            false,
            "义务人有履行能力",
        ),
        (
            "working-age son at home",
            with_son,
            false,
            "同户成员 子（45岁）有履行义务能力",
        ),
        (
            // Issue 17 point 2: serious illness is not on 第八条's list.
            "seriously ill son without income is still an able obligor (art. 8)",
            with_sick_son,
            false,
            "有履行义务能力的法定义务人：同户成员 子",
        ),
        (
            "spouse's income at disposable income",
            with_rich_spouse,
            false,
            "同户成员 李",
        ),
        (
            "spouse's income below disposable income",
            with_poor_spouse,
            true,
            "同户成员 李（78岁）无履行义务能力——70周岁以上",
        ),
        (
            "assets above limits",
            with_asset(lone_elder(), AssetKind::Deposit, 1, yuan(20_000)),
            false,
            "家庭财产超出规定",
        ),
    ]
}

#[test]
fn destitute_criteria_one_by_one() {
    for (name, h, destitute, phrase) in cases() {
        let p = propose(&h);
        assert_eq!(
            p.category == Some(Category::Destitute),
            destitute,
            "{name}\n{}",
            dump(&p)
        );
        assert!(
            has_line(&p, phrase),
            "{name}: '{phrase}' missing\n{}",
            dump(&p)
        );
        if destitute {
            assert!(!p.destitute_members.is_empty(), "{name}");
        }
    }
}

#[test]
fn destitute_support_and_supporter_note() {
    let p = propose(&lone(elder("王", Area::Rural)));
    assert_eq!(p.destitute_members, vec![0]);
    assert_eq!(p.benefit.total(), yuan(750));
    assert!(has_line(&p, "集中供养为 850.00 元/人·月"));
    assert!(has_line(
        &p,
        "未登记户外法定义务人，按无法定义务人或义务人无履行能力计，须入户核实"
    ));

    // Two elderly spouses without income: both destitute.
    let h = household(
        Area::Urban,
        vec![elder("王", Area::Urban), elder("李", Area::Urban)],
    );
    let p = propose(&h);
    assert_eq!(p.destitute_members, vec![0, 1]);
    assert_eq!(p.benefit.total(), yuan(2_000));

    // An elder and a working-age son: dibao instead, with the elder's supplement.
    let h = household(Area::Urban, vec![elder("王", Area::Urban), adult("子")]);
    let p = propose(&h);
    assert_eq!(p.category, Some(Category::Dibao));
    assert_eq!(p.benefit.supplement, yuan(80));
}
