//! The destitute test (特困人员), person by person, as 《特困人员认定办法》
//! （民发〔2021〕43号） writes it. A member is proposed as destitute when they are
//! elderly, disabled or a minor and all three conditions of 第四条 hold:
//! 1. no labour capacity (第五条): 60 or over, under 16, the listed disability grades, or
//!    a case the province adds — thresholds in `standards.toml` `[set.rules]`
//!    `destitute_*`, kept apart from the dibao labour count (`labour.rs`);
//! 2. no income source (第六条): own income below the dibao standard for one person and
//!    assets within limits; own income is their own items, their share of the
//!    household-level items, and the support their obligors living elsewhere pay;
//! 3. no legal obligor able to support (第四条（三）, 第八条): see `obligors.rs`.
//!
//! Each line cites the clause that decided it (`[clauses]` in `standards.toml`).

use super::explain::{cited, lt, Line, Rule};
use super::income::floor_div;
use super::labour::Facts;
use super::obligors::{obligor_lines, Context};
use crate::domain::household::Household;
use crate::domain::label::Label;
use crate::domain::member::{LabourCapacity, Member};
use crate::domain::money::Money;
use crate::domain::standards::{AreaStandard, Clause, Clauses, DestituteRules};

pub(super) struct DestituteTest {
    pub members: Vec<usize>,
    pub lines: Vec<Line>,
}

/// A member's own annual income: items recorded for them, their equal share of the
/// items recorded for the whole household, and support paid for them by obligors
/// living elsewhere.
pub(super) fn own_income(h: &Household, i: usize) -> Money {
    let parts = OwnIncome::of(h, i);
    parts.own + parts.share + parts.paid
}

/// The parts of a member's own income, for the explanation.
struct OwnIncome {
    own: Money,
    shared: Money,
    share: Money,
    paid: Money,
}

impl OwnIncome {
    fn of(h: &Household, i: usize) -> OwnIncome {
        let n = h.size().max(1) as i64;
        let own = h
            .incomes
            .iter()
            .filter(|item| item.member == Some(i))
            .map(|item| item.amount.annual())
            .sum();
        let shared: Money = h
            .incomes
            .iter()
            .filter(|item| item.member.is_none())
            .map(|item| item.amount.annual())
            .sum();
        let paid = h
            .obligors
            .iter()
            .filter(|o| o.supports == i && !o.lives_in_household)
            .map(|o| o.paid_yearly())
            .sum();
        OwnIncome {
            own,
            shared,
            share: floor_div(shared, n),
            paid,
        }
    }
}

/// Why a member has no labour capacity under 第五条, with the clause; `None` if they have.
fn no_labour(m: &Member, f: &Facts, d: &DestituteRules) -> Option<(Clause, String, String)> {
    if f.age >= d.elderly_age.value {
        return Some((
            Clause::NoLabourElderly,
            format!("{}周岁以上", d.elderly_age.value),
            format!("{} or over", d.elderly_age.value),
        ));
    }
    if f.age < d.child_no_labour_age.value {
        return Some((
            Clause::NoLabourChild,
            format!("未满{}周岁", d.child_no_labour_age.value),
            format!("under {}", d.child_no_labour_age.value),
        ));
    }
    if let Some(dis) = m.disability {
        let max = d.no_labour_grade(dis.kind);
        if u32::from(dis.grade) >= 1 && u32::from(dis.grade) <= max {
            return Some((
                Clause::NoLabourDisability,
                format!("{}残疾{}级", dis.kind.zh(), dis.grade),
                format!("{} disability grade {}", dis.kind.en(), dis.grade),
            ));
        }
    }
    if d.recorded_no_labour.value && m.labour == LabourCapacity::None {
        return Some((
            Clause::NoLabourProvince,
            "登记为无劳动能力".into(),
            "recorded without labour capacity".into(),
        ));
    }
    None
}

/// Elderly, minor or disabled: who the destitute test applies to (第四条).
fn group(m: &Member, f: &Facts, d: &DestituteRules) -> Option<(String, String)> {
    if f.age >= d.elderly_age.value {
        Some((
            format!("{}岁，{}周岁以上", f.age, d.elderly_age.value),
            format!("aged {}, {} or over", f.age, d.elderly_age.value),
        ))
    } else if f.age < d.minor_age.value {
        Some((
            format!("{}岁，未满{}周岁", f.age, d.minor_age.value),
            format!("aged {}, under {}", f.age, d.minor_age.value),
        ))
    } else {
        m.disability.map(|dis| {
            (
                format!("{}残疾{}级", dis.kind.zh(), dis.grade),
                format!("{} disability grade {}", dis.kind.en(), dis.grade),
            )
        })
    }
}

/// Whether each member meets the destitute conditions other than the obligor test
/// (for 第八条（一）: an obligor who meets them is unable to support).
fn meets_own_conditions(
    h: &Household,
    facts: &[Facts],
    d: &DestituteRules,
    line_one: Money,
    assets_pass: bool,
) -> Vec<bool> {
    h.members
        .iter()
        .zip(facts)
        .enumerate()
        .map(|(i, (m, f))| {
            group(m, f, d).is_some()
                && no_labour(m, f, d).is_some()
                && own_income(h, i) < line_one
                && assets_pass
        })
        .collect()
}

pub(super) fn destitute_test(
    h: &Household,
    facts: &[Facts],
    s: &AreaStandard,
    d: &DestituteRules,
    clauses: &Clauses,
    assets_pass: bool,
) -> DestituteTest {
    let mut lines = Vec::new();
    let mut members = Vec::new();
    let line_one = s.yearly_total(s.dibao.value, 1);
    let own_conditions = meets_own_conditions(h, facts, d, line_one, assets_pass);
    let ctx = Context {
        h,
        facts,
        d,
        clauses,
        disposable: s.disposable_income_yearly.value,
        assets_pass,
        own_conditions: &own_conditions,
    };
    for (i, (m, f)) in h.members.iter().zip(facts).enumerate() {
        let Some((g_zh, g_en)) = group(m, f, d) else {
            continue;
        };
        let who = &m.name;
        let mut ok = true;
        let mut push = |met: bool, (zh, en): (String, String)| {
            ok &= met;
            lines.push(Line::test(
                Rule::Destitute,
                met,
                format!("{who}：{zh}"),
                format!("{who}: {en}"),
            ));
        };
        push(
            true,
            cited(clauses, Clause::DestituteConditions, g_zh, g_en),
        );
        match no_labour(m, f, d) {
            Some((clause, zh, en)) => push(
                true,
                cited(
                    clauses,
                    clause,
                    format!("无劳动能力（{zh}）"),
                    format!("no labour capacity ({en})"),
                ),
            ),
            None => push(
                false,
                cited(
                    clauses,
                    Clause::NoLabour,
                    "有劳动能力（不属所列无劳动能力情形）",
                    "has labour capacity (none of the listed cases)",
                ),
            ),
        }
        let parts = OwnIncome::of(h, i);
        let own = parts.own + parts.share + parts.paid;
        let no_source = own < line_one;
        let mut detail_zh = Vec::new();
        let mut detail_en = Vec::new();
        if parts.shared != Money::ZERO && h.size() > 1 {
            detail_zh.push(format!(
                "含家庭共有收入 {} 元按 {} 人分摊的 {} 元",
                parts.shared,
                h.size(),
                parts.share
            ));
            detail_en.push(format!(
                "including {} of the household's shared {} over {} members",
                parts.share,
                parts.shared,
                h.size()
            ));
        }
        if parts.paid > Money::ZERO {
            detail_zh.push(format!("含义务人给付 {} 元", parts.paid));
            detail_en.push(format!("including {} paid by obligors", parts.paid));
        }
        let (dz, de) = if detail_zh.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("（{}）", detail_zh.join("，")),
                format!(" ({})", detail_en.join(", ")),
            )
        };
        push(
            no_source,
            cited(
                clauses,
                Clause::NoIncomeSource,
                format!(
                    "本人年收入 {own} 元{dz} {} 低保标准 {line_one} 元/年{}",
                    lt(no_source),
                    if no_source {
                        "，视为无生活来源"
                    } else {
                        "，有生活来源"
                    }
                ),
                format!(
                    "own income {own} yuan a year{de} {} dibao standard {line_one} a year{}",
                    lt(no_source),
                    if no_source {
                        ", counts as no income source"
                    } else {
                        ", has an income source"
                    }
                ),
            ),
        );
        let mut obligors = obligor_lines(&ctx, i);
        for (met, text) in std::mem::take(&mut obligors.lines) {
            push(met, text);
        }
        push(
            assets_pass,
            cited(
                clauses,
                Clause::NoIncomeSource,
                if assets_pass {
                    "家庭财产符合规定"
                } else {
                    "家庭财产超出规定"
                },
                if assets_pass {
                    "assets within limits"
                } else {
                    "assets above limits"
                },
            ),
        );
        let (v_zh, v_en) = cited(
            clauses,
            Clause::DestituteConditions,
            format!("{who}{}特困人员条件", if ok { "符合" } else { "不符合" }),
            format!(
                "{who} {} the destitute criteria",
                if ok { "meets" } else { "does not meet" }
            ),
        );
        lines.push(Line::test(Rule::Destitute, ok, v_zh, v_en));
        if ok {
            members.push(i);
        } else if !obligors.able.is_empty() {
            lines.push(Line::note(
                Rule::Destitute,
                format!(
                    "{who} 的法定义务人 {} 有履行义务能力，应履行赡养（抚养、扶养）义务；按低保等条件审核",
                    obligors.able_zh().join("、")
                ),
                format!(
                    "{who}'s legal {} {} can support and should; reviewed for dibao and the other categories",
                    if obligors.able.len() == 1 { "obligor" } else { "obligors" },
                    obligors.able_en().join(", ")
                ),
            ));
        }
    }
    if lines.is_empty() {
        lines.push(Line::note(
            Rule::Destitute,
            "家庭成员中无老年人、未成年人或残疾人，不涉及特困",
            "no elderly, minor or disabled member: destitute test not applicable",
        ));
    }
    DestituteTest { members, lines }
}
