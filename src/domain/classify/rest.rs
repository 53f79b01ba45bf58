//! A household with destitute and other members: the destitute are supported person by
//! person, and the others are judged for dibao as a household of their own (their
//! income is the household's less the destitute members' own income). Without this,
//! an elder leaving destitute support could raise the household's benefit.

use super::destitute::own_income;
use super::explain::{Line, Rule};
use super::income::ceil_div;
use super::labour::Facts;
use super::Benefit;
use crate::domain::household::Household;
use crate::domain::money::Money;
use crate::domain::standards::{AreaStandard, Clause, Clauses, Rules};

pub(super) struct Rest {
    pub benefit: Benefit,
    pub lines: Vec<Line>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn rest_dibao(
    h: &Household,
    facts: &[Facts],
    s: &AreaStandard,
    rules: &Rules,
    clauses: &Clauses,
    destitute: &[usize],
    assets_pass: bool,
    refused: bool,
) -> Rest {
    let mut lines = Vec::new();
    let mut benefit = Benefit::default();
    let rest: Vec<usize> = (0..h.size()).filter(|i| !destitute.contains(i)).collect();
    if rest.is_empty() {
        return Rest { benefit, lines };
    }
    let k = rest.len() as i64;
    let theirs: Money = destitute.iter().map(|i| own_income(h, *i)).sum();
    let income = (h.annual_income() - theirs).max(Money::ZERO);
    let line = s.yearly_total(s.dibao.value, k);
    let below = income < line;
    let names: Vec<&str> = rest.iter().map(|i| h.members[*i].name.as_str()).collect();
    let (c_zh, c_en) = clauses.cite(Clause::DibaoConditions);
    if !(below && assets_pass && !refused) {
        lines.push(Line::test(
            Rule::Category,
            false,
            format!(
                "其余 {k} 人（{}）年收入 {income} 元，不符合低保条件，可另行按低保边缘等条件审核〔{c_zh}〕",
                names.join("、")
            ),
            format!(
                "the other {} ({}) with {income} a year do not meet the dibao conditions; they may be reviewed for the other categories [{c_en}]",
                super::explain::count_en(usize::try_from(k).unwrap_or(usize::MAX), "member", "members"),
                names.join(", ")
            ),
        ));
        return Rest { benefit, lines };
    }
    let gap = line - income;
    benefit.base = rules.benefit_rounding.value.monthly_from_yearly(gap);
    let (b_zh, b_en) = clauses.cite(Clause::DibaoBenefit);
    lines.push(Line::test(
        Rule::Benefit,
        true,
        format!(
            "其余 {k} 人（{}）按低保测算：年收入 {income} 元（家庭收入减去特困人员本人收入）< 低保标准合计 {line} 元/年，月低保金 {} 元（精确 {} 元）〔{c_zh}；{b_zh}〕",
            names.join("、"),
            benefit.base,
            ceil_div(gap, 12)
        ),
        format!(
            "the other {} ({}) judged for dibao: {income} a year (household income less the destitute members' own) < dibao total {line} a year, {} a month (exactly {}) [{c_en}; {b_en}]",
            super::explain::count_en(usize::try_from(k).unwrap_or(usize::MAX), "member", "members"),
            names.join(", "),
            benefit.base,
            ceil_div(gap, 12)
        ),
    ));
    let eligible: Vec<&str> = rest
        .iter()
        .filter(|i| {
            facts
                .get(**i)
                .is_some_and(|x| x.elderly || x.minor || x.severely_disabled || x.seriously_ill)
        })
        .map(|i| h.members[*i].name.as_str())
        .collect();
    let per = s.classified_supplement_monthly.value;
    if !eligible.is_empty() && per > Money::ZERO {
        benefit.supplement = per.times(eligible.len() as i64);
        let (p_zh, p_en) = clauses.cite(Clause::ClassifiedSupplement);
        lines.push(Line::note(
            Rule::Benefit,
            format!(
                "其余成员分类施保：{} 共 {} 人 × {per} 元 = {} 元/月〔{p_zh}〕",
                eligible.join("、"),
                eligible.len(),
                benefit.supplement
            ),
            format!(
                "classified supplement for the others: {} ({} × {per}) = {} a month [{p_en}]",
                eligible.join(", "),
                eligible.len(),
                benefit.supplement
            ),
        ));
    }
    Rest { benefit, lines }
}
