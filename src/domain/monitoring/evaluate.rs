//! The alert rules applied to a household. Two kinds:
//! - on a new reading, the changes since the previous one (spending, housing, water,
//!   labour, main earner) — events, raised once by the reading that shows them;
//! - on a date, the standing tests (income against the line in force, reading overdue),
//!   which a standards change or the passing of time can trigger without a visit.
//!
//! Every alert carries the numbers that raised it and a `basis` fingerprint of what the
//! rule saw, so that a finding resolved as "no risk" is not raised again unchanged.

use chrono::{Datelike, Months, NaiveDate};

use super::alert::Figure;
use super::reading::{EarnerEvent, Reading, Snapshot};
use super::rules::AlertRules;
use super::{RuleKind, Severity};
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::income::Period;
use crate::domain::indicators::Safety;
use crate::domain::money::Money;
use crate::domain::standards::{Standards, StandardsError};
use crate::domain::Label;

/// A rule that fired, before it becomes a stored alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub rule: RuleKind,
    pub severity: Severity,
    pub figures: Vec<Figure>,
    pub basis: u64,
}

/// FNV-1a over a few numbers: stable across runs and releases.
fn fingerprint(parts: &[i64]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.to_be_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn raised(rules: &AlertRules, rule: RuleKind, figures: Vec<Figure>, basis: &[i64]) -> Raised {
    let mut parts = vec![i64::from(rule.code())];
    parts.extend_from_slice(basis);
    Raised {
        rule,
        severity: rules.setting(rule).severity,
        figures,
        basis: fingerprint(&parts),
    }
}

fn floor_div(m: Money, d: i64) -> Money {
    if d <= 0 {
        return Money::ZERO;
    }
    Money::from_fen(m.fen().div_euclid(d))
}

/// Per-capita income against the monitoring line in force on `on` (the dibao standard
/// for a marginal household; not applicable to dibao and destitute households). A
/// household with urban and rural members is held to the higher line (就高就宽).
/// Compared on yearly totals in fen: fires when income × 100 < line total × percent.
/// Ignores whether the rule is enabled (the roster shows the indicator either way).
pub fn income_test(
    rules: &AlertRules,
    standards: &Standards,
    h: &Household,
    s: &Snapshot,
    on: NaiveDate,
) -> Result<Option<Raised>, StandardsError> {
    let dibao_line = match h.standing.category {
        Some(Category::Dibao | Category::Destitute) => return Ok(None),
        Some(Category::DibaoMarginal) => true,
        _ => false,
    };
    let n = i64::from(if s.members > 0 {
        s.members
    } else {
        u8::try_from(h.size()).unwrap_or(u8::MAX)
    });
    if n == 0 {
        return Ok(None);
    }
    let mut areas = vec![h.area];
    for m in &h.members {
        if !areas.contains(&m.area) {
            areas.push(m.area);
        }
    }
    let mut best = None;
    for area in areas {
        let f = standards.in_force(on, area)?;
        let per_person = if dibao_line {
            f.standard.dibao.value
        } else {
            f.standard.marginal.value
        };
        let total = f.standard.yearly_total(per_person, n);
        if best.as_ref().is_none_or(|(_, t, _, _)| total > *t) {
            best = Some((area, total, per_person, f.standard.basis.value));
        }
    }
    let Some((area, total, per_person, basis)) = best else {
        return Ok(None);
    };
    let pct = i64::from(rules.line_percent);
    let income = s.annual_income.max(Money::ZERO);
    if income.fen().saturating_mul(100) >= total.fen().saturating_mul(pct) {
        return Ok(None);
    }
    let (per_capita, unit_zh, unit_en) = match basis {
        Period::Monthly => (floor_div(income, 12 * n), "月", "a month"),
        Period::Yearly => (floor_div(income, n), "年", "a year"),
    };
    let (line_zh, line_en) = if dibao_line {
        ("低保标准", "dibao standard")
    } else {
        ("监测线", "monitoring line")
    };
    let shown_line = Money::from_fen(per_person.fen().saturating_mul(pct) / 100);
    let (pct_zh, pct_en) = if pct == 100 {
        (String::new(), String::new())
    } else {
        (format!("的 {pct}%"), format!(" × {pct}%"))
    };
    let figures = vec![
        Figure::new(
            format!(
                "家庭人均{unit_zh}收入 {per_capita} 元 < {}{line_zh} {per_person} 元{pct_zh}（{shown_line} 元）",
                area.zh()
            ),
            format!(
                "per-capita income {per_capita} yuan {unit_en} < {} {line_en} {per_person}{pct_en} ({shown_line})",
                area.en()
            ),
        ),
        Figure::new(
            format!("家庭年收入 {income} 元，{n} 人"),
            format!("household income {income} yuan a year, {n} members"),
        ),
    ];
    Ok(Some(raised(
        rules,
        RuleKind::IncomeBelowLine,
        figures,
        &[income.fen(), total.fen(), pct, n],
    )))
}

/// A reading is overdue `overdue_months` after `reference` (the last reading, or the
/// day the household came under monitoring); from that day on, it fires. No reference
/// at all means it was never read: fires.
pub fn overdue_test(
    rules: &AlertRules,
    reference: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Raised> {
    let months = rules.overdue_months;
    let Some(last) = reference else {
        return Some(raised(
            rules,
            RuleKind::ReadingOverdue,
            vec![Figure::new(
                "尚无监测记录",
                "no reading has ever been recorded",
            )],
            &[0],
        ));
    };
    let due = last.checked_add_months(Months::new(months))?;
    if today < due {
        return None;
    }
    Some(raised(
        rules,
        RuleKind::ReadingOverdue,
        vec![Figure::new(
            format!("上次监测 {last}，满 {months} 个月未更新（{due} 到期）"),
            format!("last reading {last}: not updated for {months} months (due {due})"),
        )],
        &[i64::from(last.num_days_from_ce())],
    ))
}

/// The standing tests on `on` for a household whose latest indicators are `latest`
/// (enabled rules only).
pub fn on_date(
    rules: &AlertRules,
    standards: &Standards,
    h: &Household,
    latest: &Snapshot,
    reference: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<Vec<Raised>, StandardsError> {
    let mut out = Vec::new();
    if rules.income_below_line.enabled {
        out.extend(income_test(rules, standards, h, latest, on)?);
    }
    if rules.reading_overdue.enabled {
        out.extend(overdue_test(rules, reference, on));
    }
    Ok(out)
}

/// The event rules on a new reading, against the indicators before it (enabled rules
/// only). The income test is [`income_test`], run by the caller on the reading's date.
pub fn on_reading(rules: &AlertRules, previous: &Snapshot, r: &Reading) -> Vec<Raised> {
    let mut out = Vec::new();
    let id = i64::try_from(r.id).unwrap_or(i64::MAX);
    let spent = r.new_rigid();
    let income = r.annual_income.max(Money::ZERO);
    let share = i64::from(rules.rigid_share_percent);
    if rules.rigid_spending.enabled
        && spent > Money::ZERO
        && (spent >= rules.rigid_amount
            || spent.fen().saturating_mul(100) >= income.fen().saturating_mul(share))
    {
        out.push(raised(
            rules,
            RuleKind::RigidSpending,
            vec![
                Figure::new(
                    format!(
                        "新增刚性支出 {spent} 元（医疗 {}，其他 {}）",
                        r.new_medical, r.new_other_rigid
                    ),
                    format!(
                        "new rigid spending {spent} yuan (medical {}, other {})",
                        r.new_medical, r.new_other_rigid
                    ),
                ),
                Figure::new(
                    format!(
                        "预警线：{} 元，或家庭年收入 {income} 元的 {share}%",
                        rules.rigid_amount
                    ),
                    format!(
                        "threshold: {} yuan, or {share}% of household income {income}",
                        rules.rigid_amount
                    ),
                ),
            ],
            &[id],
        ));
    }
    let safety = [
        (
            RuleKind::HousingUnsafe,
            rules.housing_unsafe.enabled,
            previous.housing,
            r.housing,
        ),
        (
            RuleKind::WaterUnsafe,
            rules.water_unsafe.enabled,
            previous.drinking_water,
            r.drinking_water,
        ),
    ];
    for (rule, enabled, before, now) in safety {
        if enabled && before != Safety::Unsafe && now == Safety::Unsafe {
            out.push(raised(
                rules,
                rule,
                vec![Figure::new(
                    format!("{} → {}", before.zh(), now.zh()),
                    format!("{} → {}", before.en(), now.en()),
                )],
                &[id],
            ));
        }
    }
    if rules.labour_lost.enabled && r.able < previous.able {
        out.push(raised(
            rules,
            RuleKind::LabourLost,
            vec![Figure::new(
                format!("有劳动能力人数 {} → {}", previous.able, r.able),
                format!("members able to work {} → {}", previous.able, r.able),
            )],
            &[id],
        ));
    }
    if rules.main_earner.enabled && r.earner != EarnerEvent::None {
        out.push(raised(
            rules,
            RuleKind::MainEarner,
            vec![Figure::new(
                format!("主要劳动力{}", r.earner.zh()),
                format!("the main earner {}", r.earner.en()),
            )],
            &[id],
        ));
    }
    out
}
