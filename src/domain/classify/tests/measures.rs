//! Issue 17 points 1–3, table by table, named by the clause of 《特困人员认定办法》
//! （民发〔2021〕43号） that decides each row.

use super::*;
use crate::domain::category::Category::*;
use crate::domain::obligor::{Inability, Obligor, ObligorRelation};

fn lone(m: Member) -> Household {
    let area = m.area;
    household(area, vec![m])
}

/// A rural elder of 78 living alone with no income (rural dibao 6,906 a year).
fn lone_elder() -> Household {
    lone(elder("王", Area::Rural))
}

fn son(unable: Option<Inability>) -> Obligor {
    Obligor {
        supports: 0,
        relation: ObligorRelation::Child,
        name: "张大".into(),
        id: None,
        lives_in_household: false,
        unable,
        paid: Amount::monthly(Money::ZERO),
        own_income_yearly: None,
        assets_within_limits: false,
        note: String::new(),
    }
}

fn id(text: &str) -> Option<ResidentId> {
    Some(ResidentId::parse(text).expect("test id"))
}

fn with(mut h: Household, obligors: Vec<Obligor>) -> Household {
    h.obligors = obligors;
    h
}

fn check(cases: Vec<(&str, Household, Option<Category>, &str)>) {
    for (name, h, category, phrase) in cases {
        let p = propose(&h);
        assert_eq!(p.category, category, "{name}\n{}", dump(&p));
        assert!(
            has_line(&p, phrase),
            "{name}: '{phrase}' missing\n{}",
            dump(&p)
        );
    }
}

/// Issue 17 point 1: a 70-year-old whose able son lives in town and pays nothing was
/// proposed as destitute (750 a month).
#[test]
fn art_4_3_an_able_obligor_living_elsewhere_bars_destitute() {
    let p = propose(&with(lone_elder(), vec![son(None)]));
    assert_eq!(p.category, Some(Dibao), "{}", dump(&p));
    assert!(p.destitute_members.is_empty());
    for phrase in [
        "王：法定义务人 子女 张大（户外）：有履行义务能力，实际给付 0.00 元/年〔《特困人员认定办法》第四条第（三）项〕",
        "王不符合特困人员条件〔《特困人员认定办法》第四条〕",
        "王 的法定义务人 子女 张大（户外） 有履行义务能力，应履行赡养（抚养、扶养）义务",
        "建议认定：低保对象〔《社会救助暂行办法》第九条〕",
    ] {
        assert!(has_line(&p, phrase), "'{phrase}' missing\n{}", dump(&p));
    }
    // Without the son the same elder is destitute.
    let p = propose(&lone_elder());
    assert_eq!(p.category, Some(Destitute));
    assert_eq!(p.benefit.total(), yuan(750));
}

#[test]
fn art_8_each_reason_an_obligor_is_unable() {
    let mut prison = son(Some(Inability::InPrison));
    prison.assets_within_limits = true;
    let prison_assets_unchecked = son(Some(Inability::InPrison));
    let mut too_young = son(Some(Inability::ElderlyLowIncome));
    too_young.id = id("610203196003010118");
    too_young.own_income_yearly = Some(yuan(10_000));
    too_young.assets_within_limits = true;
    let mut seventy_three = too_young.clone();
    seventy_three.id = id("610203195203010118");
    let mut income_unknown = seventy_three.clone();
    income_unknown.own_income_yearly = None;
    let mut disabled_rich = son(Some(Inability::SevereDisabilityLowIncome));
    disabled_rich.own_income_yearly = Some(yuan(15_480));
    disabled_rich.assets_within_limits = true;
    let mut disabled_poor = disabled_rich.clone();
    disabled_poor.own_income_yearly = Some(fen(1_547_999));
    let mut dibao_62 = son(Some(Inability::DibaoElderly));
    dibao_62.id = id("61020319630301011X");
    let mut dibao_55 = dibao_62.clone();
    dibao_55.id = ResidentId::compose(610203, d(1970, 1, 1), 12);
    let mut daughter = son(None);
    daughter.name = "张二".into();
    let within = |r: Inability| {
        let mut o = son(Some(r));
        o.assets_within_limits = true;
        o
    };
    check(vec![
        (
            "art. 8(5): without civil capacity, assets within limits",
            with(lone_elder(), vec![within(Inability::NoCivilCapacity)]),
            Some(Destitute),
            "无履行义务能力——无民事行为能力，财产符合规定，实际给付 0.00 元/年〔《特困人员认定办法》第八条第（五）项〕",
        ),
        (
            "art. 8(5): without civil capacity, assets not checked",
            with(lone_elder(), vec![son(Some(Inability::NoCivilCapacity))]),
            Some(Dibao),
            "（所录理由“无民事行为能力，财产符合规定”不成立：财产未核实符合规定）",
        ),
        (
            "art. 8(5): declared missing, assets within limits",
            with(lone_elder(), vec![within(Inability::Missing)]),
            Some(Destitute),
            "无履行义务能力——被宣告失踪，财产符合规定，实际给付 0.00 元/年〔《特困人员认定办法》第八条第（五）项〕",
        ),
        (
            "art. 8(5): declared missing, assets not checked",
            with(lone_elder(), vec![son(Some(Inability::Missing))]),
            Some(Dibao),
            "财产未核实符合规定",
        ),
        (
            "art. 8(6): a case the province lists",
            with(lone_elder(), vec![son(Some(Inability::Province))]),
            Some(Destitute),
            "无履行义务能力——省级规定的其他情形，实际给付 0.00 元/年〔《特困人员认定办法》第八条第（六）项〕",
        ),
        (
            "art. 8(3) needs 70: a recorded age of 70 exactly is enough",
            {
                let mut o = within(Inability::ElderlyLowIncome);
                o.id = Some(ResidentId::compose(610203, d(1955, 6, 1), 14).expect("id"));
                o.own_income_yearly = Some(yuan(1_000));
                with(lone_elder(), vec![o])
            },
            Some(Destitute),
            "第八条第（三）项",
        ),
        (
            "art. 8(3) needs 70: 70 tomorrow is not yet",
            {
                let mut o = within(Inability::ElderlyLowIncome);
                o.id = Some(ResidentId::compose(610203, d(1955, 6, 2), 14).expect("id"));
                o.own_income_yearly = Some(yuan(1_000));
                with(lone_elder(), vec![o])
            },
            Some(Dibao),
            "身份证号显示 69 岁，未满 70 周岁",
        ),
    ]);
    check(vec![
        (
            "art. 8(1): the obligor is destitute",
            with(lone_elder(), vec![son(Some(Inability::Destitute))]),
            Some(Destitute),
            "无履行义务能力——本人为特困人员，实际给付 0.00 元/年〔《特困人员认定办法》第八条第（一）项〕",
        ),
        (
            "art. 8(2): a dibao recipient of 62",
            with(lone_elder(), vec![dibao_62]),
            Some(Destitute),
            "第八条第（二）项",
        ),
        (
            "art. 8(2): a dibao recipient of 55 is not on the list",
            with(lone_elder(), vec![dibao_55]),
            Some(Dibao),
            "身份证号显示 55 岁，未满 60 周岁",
        ),
        (
            "art. 8(3): 73, income below disposable, assets within limits",
            with(lone_elder(), vec![seventy_three]),
            Some(Destitute),
            "第八条第（三）项",
        ),
        (
            "art. 8(3): 65 is under 70",
            with(lone_elder(), vec![too_young]),
            Some(Dibao),
            "身份证号显示 65 岁，未满 70 周岁",
        ),
        (
            "art. 8(3): own income not recorded",
            with(lone_elder(), vec![income_unknown]),
            Some(Dibao),
            "未录入义务人本人收入",
        ),
        (
            "art. 8(4): severely disabled, income at disposable income",
            with(lone_elder(), vec![disabled_rich]),
            Some(Dibao),
            "本人年收入 15,480.00 元 ≥ 上年人均可支配收入 15,480.00 元",
        ),
        (
            "art. 8(4): severely disabled, income one fen below",
            with(lone_elder(), vec![disabled_poor]),
            Some(Destitute),
            "第八条第（四）项",
        ),
        (
            "art. 8(5): in prison, assets within limits",
            with(lone_elder(), vec![prison.clone()]),
            Some(Destitute),
            "无履行义务能力——在监狱服刑，财产符合规定，实际给付 0.00 元/年〔《特困人员认定办法》第八条第（五）项〕",
        ),
        (
            "art. 8(5): in prison, assets not checked",
            with(lone_elder(), vec![prison_assets_unchecked]),
            Some(Dibao),
            "财产未核实符合规定",
        ),
        (
            "art. 4(3): one unable obligor and one able",
            with(lone_elder(), vec![prison, daughter]),
            Some(Dibao),
            "有履行义务能力的法定义务人：子女 张二（户外）",
        ),
    ]);
}

/// What obligors living elsewhere pay is income (the household's and the member's own);
/// an unable obligor who still pays a little does not make the person able-supported.
#[test]
fn art_6_support_paid_by_obligors_is_income() {
    let mut paying_prisoner = son(Some(Inability::InPrison));
    paying_prisoner.assets_within_limits = true;
    paying_prisoner.paid = Amount::monthly(yuan(300));
    let p = propose(&with(lone_elder(), vec![paying_prisoner.clone()]));
    assert_eq!(p.category, Some(Destitute), "{}", dump(&p));
    assert_eq!(p.figures.annual_income, yuan(3_600));
    assert!(
        has_line(
            &p,
            "王：本人年收入 3,600.00 元（含义务人给付 3,600.00 元） < 低保标准 6,906.00 元/年"
        ),
        "{}",
        dump(&p)
    );
    assert!(has_line(
        &p,
        "其中赡养（抚养、扶养）费 3,600.00 元/年计入家庭收入"
    ));
    // Paying 600 a month (7,200 a year ≥ 6,906) is an income source.
    paying_prisoner.paid = Amount::monthly(yuan(600));
    let p = propose(&with(lone_elder(), vec![paying_prisoner.clone()]));
    assert_eq!(p.category, Some(DibaoMarginal), "{}", dump(&p));
    assert!(has_line(&p, "有生活来源"));
    // An obligor living in the household hands over part of income already counted.
    paying_prisoner.lives_in_household = true;
    let h = with(lone_elder(), vec![paying_prisoner]);
    assert_eq!(h.annual_income(), Money::ZERO);
}

/// Issue 17 point 2: "no labour capacity" for the destitute test is 第五条's list, not
/// the dibao labour count (under 18 / 60 and over, severe disability).
#[test]
fn art_5_no_labour_capacity_is_the_measures_list() {
    let young = || member("青", 1985, Area::Rural);
    let mut recorded_none = disabled(young(), DisabilityKind::Physical, 3);
    recorded_none.labour = LabourCapacity::None;
    let cases: Vec<(&str, Member, bool, &str)> = vec![
        (
            "art. 5(1): 60 or over",
            member("六十", 1965, Area::Rural),
            true,
            "无劳动能力（60周岁以上）〔《特困人员认定办法》第五条第（一）项〕",
        ),
        (
            "art. 5(2): under 16",
            member("十五", 2010, Area::Rural),
            true,
            "无劳动能力（未满16周岁）〔《特困人员认定办法》第五条第（二）项〕",
        ),
        (
            "art. 5(2): 17 is a minor but not under 16",
            member("十七", 2008, Area::Rural),
            false,
            "有劳动能力（不属所列无劳动能力情形）〔《特困人员认定办法》第五条〕",
        ),
        (
            "art. 5(3): intellectual grade 3",
            disabled(young(), DisabilityKind::Intellectual, 3),
            true,
            "无劳动能力（智力残疾3级）〔《特困人员认定办法》第五条第（三）项〕",
        ),
        (
            "art. 5(3): mental grade 3",
            disabled(young(), DisabilityKind::Mental, 3),
            true,
            "第五条第（三）项",
        ),
        (
            "art. 5(3): physical grade 2",
            disabled(young(), DisabilityKind::Physical, 2),
            true,
            "第五条第（三）项",
        ),
        (
            "art. 5(3): physical grade 3 is not listed",
            disabled(young(), DisabilityKind::Physical, 3),
            false,
            "有劳动能力",
        ),
        (
            "art. 5(3): visual grade 1",
            disabled(young(), DisabilityKind::Visual, 1),
            true,
            "第五条第（三）项",
        ),
        (
            "art. 5(3): visual grade 2 is not listed",
            disabled(young(), DisabilityKind::Visual, 2),
            false,
            "有劳动能力",
        ),
        (
            "art. 5(3): hearing grade 1 is not listed",
            disabled(young(), DisabilityKind::Hearing, 1),
            false,
            "有劳动能力",
        ),
        (
            "art. 5(4): recorded without labour capacity (provincial setting)",
            recorded_none,
            true,
            "无劳动能力（登记为无劳动能力）〔《特困人员认定办法》第五条第（四）项（省级规定）〕",
        ),
    ];
    for (name, m, destitute, phrase) in cases {
        let p = propose(&lone(m));
        assert_eq!(
            p.category == Some(Destitute),
            destitute,
            "{name}\n{}",
            dump(&p)
        );
        assert!(
            has_line(&p, phrase),
            "{name}: '{phrase}' missing\n{}",
            dump(&p)
        );
    }
    // The 17-year-old is not counted as labour for dibao, all the same.
    let p = propose(&lone(member("十七", 2008, Area::Rural)));
    assert!(has_line(&p, "计为劳动力 0 人"), "{}", dump(&p));
    assert_eq!(p.category, Some(Dibao));
}

/// 第八条 on what the household record shows for other adult members.
#[test]
fn art_8_co_resident_members() {
    // The other member has a pension above the dibao line, so she does not meet the
    // destitute conditions herself (第八条（一）).
    let two = |other: Member| {
        let mut h = household(Area::Rural, vec![elder("王", Area::Rural), other]);
        income(
            &mut h,
            Some(1),
            IncomeKind::Transfer,
            Amount::yearly(yuan(8_000)),
        );
        h
    };
    let mut dibao_household = two(member("妻", 1962, Area::Rural));
    dibao_household.standing.category = Some(Dibao);
    let mut disabled_daughter = household(
        Area::Rural,
        vec![
            elder("王", Area::Rural),
            disabled(member("女", 1990, Area::Rural), DisabilityKind::Physical, 1),
        ],
    );
    disabled_daughter.members[1].labour = LabourCapacity::None;
    check(vec![
        (
            "art. 8(2): a co-resident dibao recipient of 63",
            dibao_household,
            Some(Destitute),
            "同户成员 妻（63岁）无履行义务能力——60周岁以上的低保对象〔《特困人员认定办法》第八条第（二）项〕",
        ),
        (
            "art. 8(1) and (4): a severely disabled daughter without income",
            disabled_daughter,
            Some(Destitute),
            "同户成员 女（35岁）无履行义务能力——本人具备特困人员条件〔《特困人员认定办法》第八条第（一）项〕",
        ),
        (
            "art. 8: a co-resident of 63 not on dibao is able",
            two(member("妻", 1962, Area::Rural)),
            Some(Dibao),
            "同户成员 妻（63岁）有履行义务能力（不属所列无履行义务能力情形）",
        ),
    ]);
}

/// Issue 17 point 3: with more than one member, income recorded for the whole household
/// counted as 0 in each member's own income ("本人年收入 0.00 元" for people sharing 11,000).
#[test]
fn art_6_own_income_includes_the_share_of_household_income() {
    let couple = || {
        household(
            Area::Rural,
            vec![elder("王", Area::Rural), elder("李", Area::Rural)],
        )
    };
    let shared_11000 = with_annual(couple(), yuan(11_000));
    let p = propose(&shared_11000);
    assert!(
        has_line(&p, "王：本人年收入 5,500.00 元（含家庭共有收入 11,000.00 元按 2 人分摊的 5,500.00 元） < 低保标准 6,906.00 元/年"),
        "{}",
        dump(&p)
    );
    assert!(!has_line(&p, "本人年收入 0.00 元"), "{}", dump(&p));
    assert_eq!(p.category, Some(Destitute));
    // 16,000 shared is 8,000 each: an income source for both.
    let p = propose(&with_annual(couple(), yuan(16_000)));
    assert!(has_line(&p, "李：本人年收入 8,000.00 元（含家庭共有收入 16,000.00 元按 2 人分摊的 8,000.00 元） ≥ 低保标准 6,906.00 元/年，有生活来源"), "{}", dump(&p));
    assert_ne!(p.category, Some(Destitute));
}

/// Every decision line names its clause.
#[test]
fn every_decision_names_its_clause() {
    let households = [
        lone_elder(),
        with(lone_elder(), vec![son(None)]),
        urban_adults(2),
        with_annual(urban_adults(2), yuan(20_000)),
    ];
    for h in households {
        let p = propose(&h);
        for l in &p.explanation {
            let decides =
                matches!(l.rule, Rule::Category | Rule::Destitute) && l.outcome != Outcome::Note;
            if decides {
                assert!(
                    l.zh.contains('〔') && l.en.contains('['),
                    "no clause: {}",
                    l.zh
                );
            }
        }
    }
}

/// The other members of a household with a destitute member are judged for dibao as a
/// household of their own, so an elder leaving destitute support (their pension rose)
/// never raises the household's benefit.
#[test]
fn destitute_elder_with_two_teenagers_and_the_benefit_when_the_pension_rises() {
    let h = household(
        Area::Urban,
        vec![
            elder("王", Area::Urban),
            member("大", 2008, Area::Urban),
            member("小", 2009, Area::Urban),
        ],
    );
    let p = propose(&h);
    assert_eq!(p.category, Some(Destitute), "{}", dump(&p));
    assert_eq!(p.destitute_members, vec![0]);
    // 1,000 destitute support + (2 × 768 − 0) dibao + 2 × 80 supplement.
    assert_eq!(p.benefit.total(), yuan(1_000 + 1_536 + 160), "{}", dump(&p));
    assert!(
        has_line(&p, "其余 2 人（大、小）按低保测算"),
        "{}",
        dump(&p)
    );
    let mut richer = h.clone();
    income(
        &mut richer,
        Some(0),
        IncomeKind::Transfer,
        Amount::monthly(yuan(800)),
    );
    let q = propose(&richer);
    assert_eq!(q.category, Some(Dibao), "{}", dump(&q));
    // 3 × 768 − 800 + 3 × 80.
    assert_eq!(q.benefit.total(), yuan(2_304 - 800 + 240));
    assert!(q.benefit.total() < p.benefit.total());
}
