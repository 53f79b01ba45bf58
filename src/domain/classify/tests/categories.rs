//! Each category at, just below and just above its line; assets; benefits; the local
//! refusal; relapse-watch households.

use super::*;
use Category::*;

pub(super) type Case = (&'static str, Household, Option<Category>, Money);

pub(super) fn cases() -> Vec<Case> {
    let u2 = || urban_adults(2);
    let r2 = || rural_adults(2);
    // Urban 2025: dibao 768 and marginal 998 per person-month; disposable 40,120 a year.
    let dibao_u = 768 * 12 * 2 * 100;
    let marginal_u = 998 * 12 * 2 * 100;
    let disposable_u = 40_120 * 2 * 100;
    // Rural 2025: dibao 6,906 and marginal 8,978 per person-year.
    let dibao_r = 6_906 * 2 * 100;
    let marginal_r = 8_978 * 2 * 100;
    vec![
        (
            "urban dibao: at the line",
            with_annual(u2(), fen(dibao_u)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "urban dibao: one fen below",
            with_annual(u2(), fen(dibao_u - 1)),
            Some(Dibao),
            yuan(1),
        ),
        (
            "urban dibao: one fen above",
            with_annual(u2(), fen(dibao_u + 1)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "urban dibao: no income",
            with_annual(u2(), Money::ZERO),
            Some(Dibao),
            yuan(1536),
        ),
        (
            "urban marginal: at the line",
            with_annual(u2(), fen(marginal_u)),
            None,
            Money::ZERO,
        ),
        (
            "urban marginal: one fen below",
            with_annual(u2(), fen(marginal_u - 1)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "urban marginal: one fen above",
            with_annual(u2(), fen(marginal_u + 1)),
            None,
            Money::ZERO,
        ),
        (
            "rural dibao: at the line",
            with_annual(r2(), fen(dibao_r)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "rural dibao: one fen below",
            with_annual(r2(), fen(dibao_r - 1)),
            Some(Dibao),
            yuan(1),
        ),
        (
            "rural dibao: one fen above",
            with_annual(r2(), fen(dibao_r + 1)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "rural marginal: at the line",
            with_annual(r2(), fen(marginal_r)),
            None,
            Money::ZERO,
        ),
        (
            "rural marginal: one fen below",
            with_annual(r2(), fen(marginal_r - 1)),
            Some(DibaoMarginal),
            Money::ZERO,
        ),
        (
            "rural marginal: one fen above",
            with_annual(r2(), fen(marginal_r + 1)),
            None,
            Money::ZERO,
        ),
        // Rigid spending above 50% of income, income below last year's disposable income.
        (
            "rigid: share one fen above",
            with_rigid(with_annual(u2(), yuan(30_000)), fen(1_500_001)),
            Some(RigidExpense),
            Money::ZERO,
        ),
        (
            "rigid: share exactly 50%",
            with_rigid(with_annual(u2(), yuan(30_000)), yuan(15_000)),
            None,
            Money::ZERO,
        ),
        (
            "rigid: share one fen below",
            with_rigid(with_annual(u2(), yuan(30_000)), fen(1_499_999)),
            None,
            Money::ZERO,
        ),
        (
            "rigid: income at disposable",
            with_rigid(with_annual(u2(), fen(disposable_u)), fen(disposable_u)),
            None,
            Money::ZERO,
        ),
        (
            "rigid: income one fen below disposable",
            with_rigid(with_annual(u2(), fen(disposable_u - 1)), fen(disposable_u)),
            Some(RigidExpense),
            Money::ZERO,
        ),
        (
            "rigid: income one fen above disposable",
            with_rigid(with_annual(u2(), fen(disposable_u + 1)), fen(disposable_u)),
            None,
            Money::ZERO,
        ),
        // Asset limits: urban 768 × 24 × 2 = 36,864; rural 6,906 × 24 × 2 ÷ 12 = 27,624.
        (
            "urban deposits at the limit",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Deposit,
                1,
                yuan(36_864),
            ),
            Some(Dibao),
            yuan(236),
        ),
        (
            "urban deposits one fen above",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Deposit,
                1,
                fen(3_686_401),
            ),
            None,
            Money::ZERO,
        ),
        (
            "rural deposits at the limit",
            with_asset(
                with_annual(r2(), yuan(10_000)),
                AssetKind::Securities,
                1,
                yuan(27_624),
            ),
            Some(Dibao),
            yuan(318),
        ),
        (
            "rural deposits one fen above",
            with_asset(
                with_annual(r2(), yuan(10_000)),
                AssetKind::Deposit,
                1,
                fen(2_762_401),
            ),
            None,
            Money::ZERO,
        ),
        (
            "vehicle at the limit",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Vehicle,
                1,
                yuan(30_000),
            ),
            Some(Dibao),
            yuan(236),
        ),
        (
            "vehicle one fen above",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Vehicle,
                1,
                fen(3_000_001),
            ),
            None,
            Money::ZERO,
        ),
        (
            "one dwelling",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Housing,
                1,
                yuan(200_000),
            ),
            Some(Dibao),
            yuan(236),
        ),
        (
            "second dwelling",
            with_asset(
                with_annual(u2(), yuan(15_600)),
                AssetKind::Housing,
                2,
                yuan(300_000),
            ),
            None,
            Money::ZERO,
        ),
    ]
}

#[test]
fn categories_at_their_boundaries() {
    let list = cases();
    assert!(list.len() >= 25);
    for (name, h, category, benefit) in list {
        let p = propose(&h);
        assert_eq!(p.category, category, "{name}\n{}", dump(&p));
        assert_eq!(p.benefit.total(), benefit, "{name}\n{}", dump(&p));
        assert!(!p.benefit.total().is_negative(), "{name}");
        assert!(p.tags.is_empty(), "{name}");
    }
}

#[test]
fn explanation_names_numbers_and_standard() {
    let p = propose(&with_annual(urban_adults(2), yuan(15_600)));
    assert_eq!(p.category, Some(Dibao));
    assert!(
        has_line(&p, "家庭人均月收入 650.00 元 < 城市低保标准 768.00 元"),
        "{}",
        dump(&p)
    );
    assert!(has_line(
        &p,
        "per-capita monthly income 650.00 < urban dibao standard 768.00"
    ));
    assert!(
        has_line(&p, "家庭月收入再增加 236.00 元将不再符合低保"),
        "{}",
        dump(&p)
    );
    assert!(has_line(&p, "示意值，未确认"));
    assert!(p.explanation.iter().any(|l| l.outcome == Outcome::NotMet));
    assert_eq!(p.figures.per_capita_monthly, yuan(650));
    assert_eq!(p.figures.per_capita_yearly, yuan(7_800));
    assert_eq!(p.figures.monthly_income, yuan(1_300));
    assert_eq!(p.reading.area, Area::Urban);
    assert_eq!(p.reading.set_from, d(2025, 1, 1));
    assert_eq!(p.explanation_en().len(), p.explanation.len());
}

#[test]
fn able_working_age_refusal_on_and_off() {
    let h = with_annual(urban_adults(2), yuan(15_600));
    let off = classify(&h, &standards_refusing(false), applied()).expect("off");
    assert_eq!(off.category, Some(Dibao));
    assert!(!has_line(&off, "不予低保"));

    let on = classify(&h, &standards_refusing(true), applied()).expect("on");
    assert_eq!(on.category, Some(DibaoMarginal), "{}", dump(&on));
    assert!(has_line(
        &on,
        "本地规定：家庭有劳动能力的劳动年龄成员（甲、乙）且无重病重残成员，不予低保"
    ));
    assert_eq!(on.benefit.total(), Money::ZERO);

    // A severely disabled member: the refusal does not fire.
    let mut h2 = h.clone();
    h2.members[1] = disabled(adult("乙"), DisabilityKind::Physical, 2);
    let on = classify(&h2, &standards_refusing(true), applied()).expect("on");
    assert_eq!(on.category, Some(Dibao), "{}", dump(&on));
    assert!(has_line(&on, "未触发"));

    // Partial labour capacity only: nobody is an able working-age member.
    let mut h3 = h.clone();
    for m in &mut h3.members {
        m.labour = LabourCapacity::Partial;
    }
    let on = classify(&h3, &standards_refusing(true), applied()).expect("on");
    assert_eq!(on.category, Some(Dibao));

    // A carer is exempted and is not counted as labour.
    let mut h4 = h.clone();
    h4.members[0].carer = true;
    h4.members[1].labour = LabourCapacity::None;
    let on = classify(&h4, &standards_refusing(true), applied()).expect("on");
    assert_eq!(on.category, Some(Dibao), "{}", dump(&on));
    assert!(has_line(&on, "计为劳动力 0 人"));
    assert!(has_line(&on, "甲 在家照护重病重残亲属"));
}

#[test]
fn relapse_watch_households_keep_category_or_fall_to_other_hardship() {
    let mut above = with_annual(urban_adults(2), yuan(30_000));
    above.standing.relapse_watch = true;
    let p = propose(&above);
    assert_eq!(p.category, Some(OtherHardship));
    assert_eq!(p.tags, vec![Tag::RelapseWatch]);
    assert!(has_line(&p, "认定为其他困难人员并加“防返贫监测对象”标识"));

    let mut poor = with_annual(urban_adults(2), yuan(15_600));
    poor.standing.relapse_watch = true;
    let p = propose(&poor);
    assert_eq!(p.category, Some(Dibao));
    assert_eq!(p.tags, vec![Tag::RelapseWatch]);

    let mut not = above.clone();
    not.standing.relapse_watch = false;
    let p = propose(&not);
    assert_eq!(p.category, None);
    assert!(p.tags.is_empty());
}

#[test]
fn single_person_cover_in_marginal_households() {
    let mut h = with_annual(urban_adults(2), yuan(20_000));
    h.members[1].health = Health::Serious;
    let p = propose(&h);
    assert_eq!(p.category, Some(DibaoMarginal));
    assert_eq!(p.single_person_cover, vec![1]);
    assert!(has_line(&p, "单人保"));
}

#[test]
fn bad_household_data_is_an_error() {
    let h = household(Area::Urban, vec![]);
    assert_eq!(
        classify(&h, &standards(), applied()),
        Err(ClassifyError::NoMembers)
    );
    let mut h = urban_adults(1);
    income(&mut h, Some(3), IncomeKind::Wages, Amount::monthly(yuan(1)));
    let e = classify(&h, &standards(), applied()).expect_err("bad index");
    assert!(
        e.zh().contains("第 1 条收入记在第 4 名成员名下"),
        "{}",
        e.zh()
    );
}
