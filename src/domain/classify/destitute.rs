//! The destitute test (特困人员), person by person.
//!
//! A member is proposed as destitute when all of these hold:
//! 1. elderly (60+), a minor (under 18), or disabled;
//! 2. no labour capacity (by age, severe disability, or as recorded);
//! 3. no income source: own income (excluding support payments) below the dibao
//!    standard for one person, as the national destitute rules define it;
//! 4. no supporter able to support, read from the data we hold:
//!    - no support payment (`IncomeKind::Support`) for this member or for the whole
//!      household: a supporter who pays is able to;
//!    - no other household member able to support: every member is, except minors and
//!      those elderly, severely disabled, seriously ill or without labour capacity whose
//!      own income is below last year's per-capita disposable income (the national rule
//!      for supporters "without the capacity to fulfil the duty");
//!    - legal supporters living elsewhere who pay nothing are invisible to the program; the
//!      explanation asks the home visit to confirm them;
//! 5. household assets within limits.

use super::explain::{lt, Line, Rule};
use super::labour::Facts;
use crate::domain::household::Household;
use crate::domain::income::IncomeKind;
use crate::domain::label::Label;
use crate::domain::member::{LabourCapacity, Member};
use crate::domain::money::Money;
use crate::domain::standards::{AreaStandard, Rules};

pub(super) struct DestituteTest {
    pub members: Vec<usize>,
    pub lines: Vec<Line>,
}

/// A member's own annual income, support payments excluded. Household-level items count
/// as the member's own only in a one-person household.
pub(super) fn own_income(h: &Household, i: usize) -> Money {
    let alone = h.size() == 1;
    h.incomes
        .iter()
        .filter(|item| item.kind != IncomeKind::Support)
        .filter(|item| item.member == Some(i) || (alone && item.member.is_none()))
        .map(|item| item.amount.annual())
        .sum()
}

/// Support paid for this member, or for the whole household, per year.
fn support_for(h: &Household, i: usize) -> Money {
    h.incomes
        .iter()
        .filter(|item| item.kind == IncomeKind::Support)
        .filter(|item| item.member == Some(i) || item.member.is_none())
        .map(|item| item.amount.annual())
        .sum()
}

fn able_to_support(h: &Household, j: usize, m: &Member, f: &Facts, s: &AreaStandard) -> bool {
    if f.minor {
        return false;
    }
    let weak =
        f.elderly || f.severely_disabled || f.seriously_ill || m.labour == LabourCapacity::None;
    !(weak && own_income(h, j) < s.disposable_income_yearly.value)
}

fn group(m: &Member, f: &Facts, rules: &Rules) -> Option<(String, String)> {
    if f.elderly {
        Some((
            format!("{}岁，{}周岁以上", f.age, rules.elderly_age.value),
            format!("aged {}, {} or over", f.age, rules.elderly_age.value),
        ))
    } else if f.minor {
        Some((
            format!("{}岁，未满{}周岁", f.age, rules.minor_age.value),
            format!("aged {}, under {}", f.age, rules.minor_age.value),
        ))
    } else {
        m.disability.map(|d| {
            (
                format!("{}残疾{}级", d.kind.zh(), d.grade),
                format!("{} disability grade {}", d.kind.en(), d.grade),
            )
        })
    }
}

pub(super) fn destitute_test(
    h: &Household,
    facts: &[Facts],
    s: &AreaStandard,
    rules: &Rules,
    assets_pass: bool,
) -> DestituteTest {
    let mut lines = Vec::new();
    let mut members = Vec::new();
    let line_one = s.yearly_total(s.dibao.value, 1);
    for (i, (m, f)) in h.members.iter().zip(facts).enumerate() {
        let Some((g_zh, g_en)) = group(m, f, rules) else {
            continue;
        };
        let who = &m.name;
        let mut ok = true;
        let mut push = |met: bool, zh: String, en: String| {
            ok &= met;
            lines.push(Line::test(
                Rule::Destitute,
                met,
                format!("{who}：{zh}"),
                format!("{who}: {en}"),
            ));
        };
        push(true, g_zh, g_en);
        push(
            f.no_labour,
            if f.no_labour {
                "无劳动能力"
            } else {
                "有劳动能力"
            }
            .into(),
            if f.no_labour {
                "no labour capacity"
            } else {
                "has labour capacity"
            }
            .into(),
        );
        let own = own_income(h, i);
        let no_source = own < line_one;
        push(
            no_source,
            format!(
                "本人年收入 {own} 元 {} 低保标准 {line_one} 元/年{}",
                lt(no_source),
                if no_source {
                    "，视为无生活来源"
                } else {
                    "，有生活来源"
                }
            ),
            format!(
                "own income {own} yuan a year {} dibao standard {line_one} a year{}",
                lt(no_source),
                if no_source {
                    ", counts as no income source"
                } else {
                    ", has an income source"
                }
            ),
        );
        let support = support_for(h, i);
        push(
            support == Money::ZERO,
            if support == Money::ZERO {
                "无赡养（抚养、扶养）费收入".to_string()
            } else {
                format!("有赡养（抚养、扶养）费 {support} 元/年，义务人有履行能力")
            },
            if support == Money::ZERO {
                "no support payments".to_string()
            } else {
                format!("receives {support} yuan a year from legal supporters, who can support")
            },
        );
        let able: Vec<&str> = h
            .members
            .iter()
            .zip(facts)
            .enumerate()
            .filter(|(j, (o, of))| *j != i && able_to_support(h, *j, o, of, s))
            .map(|(_, (o, _))| o.name.as_str())
            .collect();
        push(
            able.is_empty(),
            if able.is_empty() {
                "同户无有赡养（抚养、扶养）能力的成员".to_string()
            } else {
                format!("同户成员 {} 有赡养（抚养、扶养）能力", able.join("、"))
            },
            if able.is_empty() {
                "no co-resident member able to support".to_string()
            } else {
                format!("co-resident member(s) able to support: {}", able.join(", "))
            },
        );
        push(
            assets_pass,
            if assets_pass {
                "家庭财产符合规定"
            } else {
                "家庭财产超出规定"
            }
            .into(),
            if assets_pass {
                "assets within limits"
            } else {
                "assets above limits"
            }
            .into(),
        );
        lines.push(Line::test(
            Rule::Destitute,
            ok,
            format!("{who}{}特困人员条件", if ok { "符合" } else { "不符合" }),
            format!(
                "{who} {} the destitute criteria",
                if ok { "meets" } else { "does not meet" }
            ),
        ));
        if ok {
            members.push(i);
        }
    }
    if lines.is_empty() {
        lines.push(Line::note(
            Rule::Destitute,
            "家庭成员中无老年人、未成年人或残疾人，不涉及特困",
            "no elderly, minor or disabled member: destitute test not applicable",
        ));
    } else if !members.is_empty() {
        lines.push(Line::note(
            Rule::Destitute,
            "义务人情况仅依据同户成员和赡养费记录判断，户外法定义务人有无履行能力须入户核实",
            "supporters are judged from co-resident members and recorded support payments only; legal supporters living elsewhere must be checked on the home visit",
        ));
    }
    DestituteTest { members, lines }
}
