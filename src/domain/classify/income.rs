//! Household income: counted per year, divided once for display.
//!
//! The rounding rule, written once: household annual income is the exact sum of every
//! item annualised (monthly × 12), in fen. Monthly and per-capita figures are that total
//! divided and truncated to the fen (`floor`). Because standards are whole fen,
//! `floor(A / n) < S` holds exactly when `A < n × S`, so the figure the clerk reads and
//! the test on totals always agree, and no rounding ever tips a household over a line.

use super::explain::{lt, per, unconfirmed, unit, Line, Rule};
use crate::domain::household::Household;
use crate::domain::income::{IncomeKind, Period};
use crate::domain::money::Money;
use crate::domain::standards::{AreaStandard, Setting};
use serde::{Deserialize, Serialize};

/// The household's income figures, independent of the standard used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub members: usize,
    /// Sum of all items annualised; a net loss counts as zero.
    pub annual_income: Money,
    pub monthly_income: Money,
    pub per_capita_monthly: Money,
    pub per_capita_yearly: Money,
    pub annual_rigid_expense: Money,
    /// Per-capita income after rigid spending, never below zero.
    pub after_rigid_per_capita_monthly: Money,
    pub after_rigid_per_capita_yearly: Money,
}

pub(super) fn floor_div(m: Money, d: i64) -> Money {
    if d <= 0 {
        return Money::ZERO;
    }
    Money::from_fen(m.fen().div_euclid(d))
}

pub(super) fn ceil_div(m: Money, d: i64) -> Money {
    if d <= 0 {
        return Money::ZERO;
    }
    Money::from_fen(-((-m.fen()).div_euclid(d)))
}

pub(super) fn figures(h: &Household) -> Figures {
    let n = h.size() as i64;
    let annual = h.annual_income().max(Money::ZERO);
    let rigid = h.annual_rigid_expense().max(Money::ZERO);
    let after = (annual - rigid).max(Money::ZERO);
    Figures {
        members: h.size(),
        annual_income: annual,
        monthly_income: floor_div(annual, 12),
        per_capita_monthly: floor_div(annual, 12 * n),
        per_capita_yearly: floor_div(annual, n),
        annual_rigid_expense: rigid,
        after_rigid_per_capita_monthly: floor_div(after, 12 * n),
        after_rigid_per_capita_yearly: floor_div(after, n),
    }
}

pub(super) fn figure_lines(h: &Household, f: &Figures) -> Vec<Line> {
    let mut lines = Vec::new();
    let loss: Money = h
        .incomes
        .iter()
        .filter(|i| i.amount.money.is_negative())
        .map(|i| i.amount.annual())
        .sum();
    if loss.is_negative() {
        lines.push(Line::note(
            Rule::Income,
            format!("经营净收入亏损 {} 元/年，已与家庭其他收入相抵", -loss),
            format!(
                "a net business loss of {} yuan a year is set against the household's other income",
                -loss
            ),
        ));
    }
    if h.annual_income().is_negative() {
        lines.push(Line::note(
            Rule::Income,
            format!("家庭收入合计为负（{} 元），按 0 计", h.annual_income()),
            format!(
                "household income sums to a loss ({} yuan), counted as zero",
                h.annual_income()
            ),
        ));
    }
    lines.push(Line::note(
        Rule::Income,
        format!(
            "家庭年收入 {} 元（{} 人），月均 {} 元；人均月收入 {} 元，人均年收入 {} 元",
            f.annual_income, f.members, f.monthly_income, f.per_capita_monthly, f.per_capita_yearly
        ),
        format!(
            "household annual income {} yuan ({}), {} a month; per capita {} a month, {} a year",
            f.annual_income,
            super::explain::count_en(f.members, "member", "members"),
            f.monthly_income,
            f.per_capita_monthly,
            f.per_capita_yearly
        ),
    ));
    let support: Money = h
        .incomes
        .iter()
        .filter(|i| i.kind == IncomeKind::Support)
        .map(|i| i.amount.annual())
        .sum::<Money>()
        + h.obligor_support();
    if support > Money::ZERO {
        lines.push(Line::note(
            Rule::Income,
            format!("其中赡养（抚养、扶养）费 {support} 元/年计入家庭收入"),
            format!("including {support} yuan a year paid by legal supporters"),
        ));
    }
    if f.annual_rigid_expense > Money::ZERO {
        lines.push(Line::note(
            Rule::RigidExpense,
            format!(
                "刚性支出 {} 元/年；扣除后人均月收入 {} 元，人均年收入 {} 元",
                f.annual_rigid_expense,
                f.after_rigid_per_capita_monthly,
                f.after_rigid_per_capita_yearly
            ),
            format!(
                "rigid spending {} yuan a year; after it, per capita {} a month, {} a year",
                f.annual_rigid_expense,
                f.after_rigid_per_capita_monthly,
                f.after_rigid_per_capita_yearly
            ),
        ));
    }
    lines
}

/// Per-capita income against one per-person standard stated per the area's basis.
pub(super) struct LineTest {
    pub below: bool,
    /// The smallest rise in household monthly income that ends `below`.
    pub headroom_monthly: Money,
    pub line: Line,
}

/// Test the household against `standard` (names: "低保标准", "dibao standard";
/// `category`: what being below it means).
pub(super) fn test_line(
    f: &Figures,
    s: &AreaStandard,
    standard: &Setting<Money>,
    names: (&str, &str),
    category: (&str, &str),
    area: (&str, &str),
) -> LineTest {
    let n = f.members as i64;
    let total = s.yearly_total(standard.value, n);
    let below = f.annual_income < total;
    let basis = s.basis.value;
    let pc = match basis {
        Period::Monthly => f.per_capita_monthly,
        Period::Yearly => f.per_capita_yearly,
    };
    let (p_zh, p_en) = per(basis);
    let (u_zh, u_en) = unit(basis);
    let (c_zh, c_en) = unconfirmed(standard.confirmed);
    let (verdict_zh, verdict_en) = if below {
        (
            format!("符合{}收入条件", category.0),
            format!("meets the {} income test", category.1),
        )
    } else {
        (
            format!("不符合{}收入条件", category.0),
            format!("fails the {} income test", category.1),
        )
    };
    let line = Line::test(
        Rule::Income,
        below,
        format!(
            "家庭人均{p_zh}收入 {pc} 元 {} {}{} {} {u_zh}{c_zh} → {verdict_zh}",
            lt(below),
            area.0,
            names.0,
            standard.value,
        ),
        format!(
            "per-capita {p_en} income {pc} {} {} {} {} {u_en}{c_en} → {verdict_en}",
            lt(below),
            area.1,
            names.1,
            standard.value,
        ),
    );
    LineTest {
        below,
        headroom_monthly: ceil_div(total - f.annual_income, 12).max(Money::ZERO),
        line,
    }
}
