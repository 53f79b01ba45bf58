//! One reading: the household judged by one standard set and one area's standards.

use super::assets::asset_test;
use super::destitute::destitute_test;
use super::explain::{area, lt, unconfirmed, unit, Line, Rule};
use super::income::{ceil_div, test_line, Figures};
use super::labour::{all_facts, labour_lines};
use super::rest::rest_dibao;
use super::Benefit;
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::income::Period;
use crate::domain::label::Label;
use crate::domain::money::Money;
use crate::domain::standards::{Clause, Clauses, StandardSet};
use crate::domain::town::Area;
use chrono::NaiveDate;

pub(super) struct Evaluation<'a> {
    pub set: &'a StandardSet,
    pub area: Area,
    pub category: Option<Category>,
    pub benefit: Benefit,
    pub destitute_members: Vec<usize>,
    pub single_person_cover: Vec<usize>,
    pub lines: Vec<Line>,
}

pub(super) fn evaluate<'a>(
    h: &Household,
    f: &Figures,
    set: &'a StandardSet,
    clauses: &Clauses,
    a: Area,
    on: NaiveDate,
) -> Evaluation<'a> {
    let s = set.area(a);
    let rules = &set.rules;
    let n = f.members as i64;
    let (a_zh, a_en) = area(a);
    let (u_zh, u_en) = unit(s.basis.value);
    let mut lines = Vec::new();
    let (d_zh, d_en) = unconfirmed(s.dibao.confirmed);
    let (m_zh, m_en) = unconfirmed(s.marginal.confirmed);
    lines.push(Line::note(
        Rule::Standard,
        format!(
            "适用 {} {a_zh}标准：低保 {} {u_zh}{d_zh}，低保边缘（监测线） {} {u_zh}{m_zh}",
            set.span(),
            s.dibao.value,
            s.marginal.value
        ),
        format!(
            "{} {a_en} standards: dibao {} {u_en}{d_en}, marginal (monitoring line) {} {u_en}{m_en}",
            set.span(),
            s.dibao.value,
            s.marginal.value
        ),
    ));

    let facts = all_facts(h, on, rules);
    let refused = labour_lines(h, &facts, rules, &mut lines);
    if refused {
        if let Some(l) = lines.pop() {
            lines.push(l.citing(clauses, Clause::DibaoLabourLocal));
        }
    }
    let mut assets = asset_test(h, s);
    if let Some(l) = assets.lines.pop() {
        assets
            .lines
            .push(l.citing(clauses, Clause::DibaoConditions));
    }
    lines.extend(assets.lines);
    let destitute = destitute_test(h, &facts, s, &rules.destitute, clauses, assets.pass);
    lines.extend(destitute.lines);

    let dibao = test_line(
        f,
        s,
        &s.dibao,
        ("低保标准", "dibao standard"),
        ("低保", "dibao"),
        (a_zh, a_en),
    );
    lines.push(dibao.line.clone().citing(clauses, Clause::DibaoConditions));
    let marginal = test_line(
        f,
        s,
        &s.marginal,
        ("低保边缘标准", "marginal standard"),
        ("低保边缘家庭", "dibao-marginal"),
        (a_zh, a_en),
    );
    lines.push(marginal.line.clone().citing(clauses, Clause::Marginal));

    // Rigid spending: per-capita income below last year's disposable income, and
    // spending above the local share of household income (R × 100 > share × A).
    let disposable = s.disposable_income_yearly;
    let below_disposable = f.annual_income < disposable.value.times(n);
    let (c_zh, c_en) = unconfirmed(disposable.confirmed);
    lines.push(Line::test(
        Rule::RigidExpense,
        below_disposable,
        format!(
            "家庭人均年收入 {} 元 {} 上年{a_zh}居民人均可支配收入 {} 元{c_zh}",
            f.per_capita_yearly,
            lt(below_disposable),
            disposable.value
        ),
        format!(
            "per-capita yearly income {} {} last year's {a_en} per-capita disposable income {}{c_en}",
            f.per_capita_yearly,
            lt(below_disposable),
            disposable.value
        ),
    ));
    if let Some(l) = lines.pop() {
        lines.push(l.citing(clauses, Clause::RigidExpense));
    }
    let share = i64::from(rules.rigid_share_percent.value);
    let rigid = f.annual_rigid_expense;
    let heavy = rigid > Money::ZERO && rigid.times(100) > f.annual_income.times(share);
    let threshold = Money::from_fen(f.annual_income.times(share).fen().div_euclid(100));
    let (c_zh, c_en) = unconfirmed(rules.rigid_share_percent.confirmed);
    lines.push(Line::test(
        Rule::RigidExpense,
        heavy,
        format!(
            "刚性支出 {rigid} 元/年 {} 家庭年收入的 {share}%（{threshold} 元）{c_zh}",
            if heavy { ">" } else { "≤" }
        ),
        format!(
            "rigid spending {rigid} yuan a year {} {share}% of household income ({threshold}){c_en}",
            if heavy { ">" } else { "≤" }
        ),
    ));

    if let Some(l) = lines.pop() {
        lines.push(l.citing(clauses, Clause::RigidExpense));
    }
    let monitoring = h.standing.relapse_watch;
    let category = if !destitute.members.is_empty() {
        Some(Category::Destitute)
    } else if dibao.below && assets.pass && !refused {
        Some(Category::Dibao)
    } else if marginal.below && assets.pass {
        Some(Category::DibaoMarginal)
    } else if below_disposable && heavy && assets.pass {
        Some(Category::RigidExpense)
    } else if monitoring {
        Some(Category::OtherHardship)
    } else {
        None
    };
    if dibao.below && assets.pass && refused && destitute.members.is_empty() {
        lines.push(Line::note(
            Rule::Category,
            "收入低于低保标准，但按本地规定不予低保，按低保边缘家庭审核",
            "income is below the dibao standard, but the local setting refuses dibao: reviewed as marginal",
        ));
    }
    lines.push(match category {
        Some(c) => Line::test(
            Rule::Category,
            true,
            format!("建议认定：{}", c.zh()),
            format!("proposed: {}", c.en()),
        )
        .citing(
            clauses,
            match c {
                Category::Destitute => Clause::DestituteConditions,
                Category::Dibao => Clause::DibaoConditions,
                Category::DibaoMarginal => Clause::Marginal,
                Category::RigidExpense => Clause::RigidExpense,
                Category::OtherHardship => Clause::MonitoringTag,
            },
        ),
        None => Line::test(
            Rule::Category,
            false,
            "不符合特困、低保、低保边缘、刚性支出困难四类条件；确有困难的可由专班认定为其他困难人员",
            "meets none of destitute, dibao, marginal, rigid-expense; the meeting may still confirm other hardship",
        ),
    });
    let headroom = match category {
        Some(Category::Dibao) => Some((dibao.headroom_monthly, "低保", "dibao")),
        Some(Category::DibaoMarginal) => {
            Some((marginal.headroom_monthly, "低保边缘家庭", "dibao-marginal"))
        }
        Some(Category::RigidExpense) => Some((
            ceil_div(disposable.value.times(n) - f.annual_income, 12),
            "刚性支出困难家庭",
            "rigid expense",
        )),
        _ => None,
    };
    if let Some((m, zh, en)) = headroom {
        lines.push(Line::note(
            Rule::Category,
            format!("家庭月收入再增加 {m} 元将不再符合{zh}"),
            format!("{m} yuan more household income a month and the household no longer qualifies as {en}"),
        ));
    }

    let mut benefit = Benefit::default();
    let mut single_person_cover = Vec::new();
    match category {
        Some(Category::Dibao) => {
            let gap = s.yearly_total(s.dibao.value, n) - f.annual_income;
            let rounding = rules.benefit_rounding.value;
            benefit.base = rounding.monthly_from_yearly(gap);
            let exact = ceil_div(gap, 12);
            let (zh, en) = match s.basis.value {
                Period::Monthly => (
                    format!(
                        "低保标准 {} 元 × {n} 人 − 家庭月收入 {} 元",
                        s.dibao.value, f.monthly_income
                    ),
                    format!(
                        "dibao standard {} × {n} − household monthly income {}",
                        s.dibao.value, f.monthly_income
                    ),
                ),
                Period::Yearly => (
                    format!(
                        "（低保标准 {} 元/年 × {n} 人 − 家庭年收入 {} 元）÷ 12",
                        s.dibao.value, f.annual_income
                    ),
                    format!(
                        "(dibao standard {} a year × {n} − household annual income {}) ÷ 12",
                        s.dibao.value, f.annual_income
                    ),
                ),
            };
            lines.push(Line::note(
                Rule::Benefit,
                format!(
                    "月低保金 = {zh} = {exact} 元，{} → {} 元〔{}〕",
                    rounding.zh(),
                    benefit.base,
                    clauses.cite(Clause::DibaoBenefit).0
                ),
                format!(
                    "monthly dibao = {en} = {exact}, {} → {} yuan [{}]",
                    rounding.en(),
                    benefit.base,
                    clauses.cite(Clause::DibaoBenefit).1
                ),
            ));
            let eligible: Vec<&str> = h
                .members
                .iter()
                .zip(&facts)
                .filter(|(_, x)| x.elderly || x.minor || x.severely_disabled || x.seriously_ill)
                .map(|(m, _)| m.name.as_str())
                .collect();
            let per = s.classified_supplement_monthly.value;
            if !eligible.is_empty() && per > Money::ZERO {
                benefit.supplement = per.times(eligible.len() as i64);
                lines.push(Line::note(
                    Rule::Benefit,
                    format!(
                        "分类施保：{} 共 {} 人 × {per} 元 = {} 元/月",
                        eligible.join("、"),
                        eligible.len(),
                        benefit.supplement
                    ),
                    format!(
                        "classified supplement: {} ({} × {per}) = {} a month",
                        eligible.join(", "),
                        eligible.len(),
                        benefit.supplement
                    ),
                ));
            }
        }
        Some(Category::Destitute) => {
            let k = destitute.members.len() as i64;
            let scattered = s.destitute_scattered_monthly.value;
            benefit.base = scattered.times(k);
            lines.push(Line::note(
                Rule::Benefit,
                format!(
                    "特困分散供养 {scattered} 元 × {k} 人 = {} 元/月（集中供养为 {} 元/人·月）",
                    benefit.base, s.destitute_centralised_monthly.value
                ),
                format!(
                    "destitute support, scattered: {scattered} × {k} = {} a month (centralised: {} per person-month)",
                    benefit.base, s.destitute_centralised_monthly.value
                ),
            ));
            let rest = rest_dibao(
                h,
                &facts,
                s,
                rules,
                clauses,
                &destitute.members,
                assets.pass,
                refused,
            );
            benefit.base += rest.benefit.base;
            benefit.supplement += rest.benefit.supplement;
            lines.extend(rest.lines);
        }
        Some(Category::DibaoMarginal) | Some(Category::RigidExpense) => {
            lines.push(Line::note(
                Rule::Benefit,
                "不发放低保金，按需推送相关部门给予专项救助",
                "no cash benefit; needs are referred to the departments",
            ));
            if category == Some(Category::DibaoMarginal) {
                for (i, (m, x)) in h.members.iter().zip(&facts).enumerate() {
                    if x.severely_disabled || x.seriously_ill {
                        single_person_cover.push(i);
                        lines.push(Line::note(
                            Rule::Benefit,
                            format!("{} 重病或重度残疾，可按单人保申请纳入低保（专班审核）", m.name),
                            format!("{} is severely ill or disabled and may be covered alone (单人保), for the meeting", m.name),
                        ));
                    }
                }
            }
        }
        _ => {}
    }
    for l in lines.iter_mut().filter(|l| l.rule == Rule::Benefit) {
        let clause = if l.zh.starts_with("分类施保") {
            Clause::ClassifiedSupplement
        } else if l.zh.starts_with("特困分散供养") {
            Clause::DestituteSupport
        } else {
            continue;
        };
        *l = l.clone().citing(clauses, clause);
    }
    if monitoring {
        lines.push(Line::note(
            Rule::Monitoring,
            if category == Some(Category::OtherHardship) {
                "防返贫监测对象，不符合四类条件，认定为其他困难人员并加“防返贫监测对象”标识"
            } else {
                "防返贫监测对象：保留上述类别并加“防返贫监测对象”标识"
            },
            if category == Some(Category::OtherHardship) {
                "relapse watch household meeting none of the four categories: other hardship, tagged relapse watch"
            } else {
                "relapse watch household: keeps the category above, tagged relapse watch"
            },
        ).citing(clauses, Clause::MonitoringTag));
    }
    Evaluation {
        set,
        area: a,
        category,
        benefit,
        destitute_members: destitute.members,
        single_person_cover,
        lines,
    }
}
