//! 调查核实: start the investigation, then record the home visit, the economic
//! verification, the indicator readings and the corrections to income, assets and the
//! legal obligors (one found on the visit added, one recorded corrected). A correction
//! changes the household and is kept on the case with its original value.

use chrono::NaiveDate;

use super::{audit, check_role, load, FlowError};
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::case::{Case, CaseId, Correction, Investigation, Mismatch};
use crate::domain::household::Household;
use crate::domain::income::Amount;
use crate::domain::indicators::Indicators;
use crate::domain::money::Money;
use crate::domain::obligor::Obligor;
use crate::domain::workflow::{self, Step, StepKind};
use crate::domain::Label;
use crate::store::Change;

/// 开始调查核实.
pub fn start_investigation(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
) -> Result<Case, FlowError> {
    check_role(actor, StepKind::StartInvestigation)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let new = workflow::apply(&old, &Step::StartInvestigation, &actor.user, services.now())?;
    let entry = audit(services, actor, "case.investigate", &old, &new);
    let saved = services.store.save(Change {
        household: None,
        case: Some(new),
        number_case_in: None,
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}

/// A correction found on the visit: item `index` of the household's list, new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Income {
        index: usize,
        amount: Amount,
    },
    Expense {
        index: usize,
        amount: Amount,
    },
    Asset {
        index: usize,
        value: Money,
    },
    /// A legal obligor as found on the visit: the household's obligor `index` corrected
    /// (able or not and why, what they pay, …), or one not recorded before (`None`).
    Obligor {
        index: Option<usize>,
        obligor: Box<Obligor>,
    },
}

/// What the investigation form hands over.
#[derive(Debug, Clone)]
pub struct InvestigationInput {
    pub visit_date: NaiveDate,
    pub investigators: Vec<String>,
    pub findings: String,
    /// Empty when every record matched.
    pub mismatches: Vec<Mismatch>,
    pub indicators: Indicators,
    pub fixes: Vec<Fix>,
}

fn amount_text(a: Amount) -> String {
    format!("{} {}", a.money.plain(), a.period.zh())
}

/// Apply the fixes to `h`; the corrections to keep, each with its original value.
fn correct(h: &mut Household, fixes: &[Fix]) -> Result<Vec<Correction>, FlowError> {
    let missing = |what_zh: &str, what_en: &str, i: usize| {
        FlowError::invalid(
            format!("要更正的第{}条{what_zh}不存在", i + 1),
            format!("there is no {what_en} item {} to correct", i + 1),
        )
    };
    let mut out = Vec::new();
    for fix in fixes {
        let (field, original, corrected) = match fix.clone() {
            Fix::Obligor { index, obligor } => obligor_fix(h, index, *obligor)?,
            Fix::Income { index, amount } => {
                let item = h
                    .incomes
                    .get_mut(index)
                    .ok_or_else(|| missing("收入", "income", index))?;
                let was = item.amount;
                item.amount = amount;
                (
                    format!("收入{} {}", index + 1, item.kind.zh()),
                    amount_text(was),
                    amount_text(amount),
                )
            }
            Fix::Expense { index, amount } => {
                let item = h
                    .expenses
                    .get_mut(index)
                    .ok_or_else(|| missing("支出", "expense", index))?;
                let was = item.amount;
                item.amount = amount;
                (
                    format!("支出{} {}", index + 1, item.kind.zh()),
                    amount_text(was),
                    amount_text(amount),
                )
            }
            Fix::Asset { index, value } => {
                let item = h
                    .assets
                    .get_mut(index)
                    .ok_or_else(|| missing("财产", "asset", index))?;
                let was = item.value;
                item.value = value;
                (
                    format!("财产{} {}", index + 1, item.kind.zh()),
                    was.plain(),
                    value.plain(),
                )
            }
        };
        if original != corrected {
            out.push(Correction {
                field,
                original,
                corrected,
            });
        }
    }
    Ok(out)
}

/// Put an obligor found on the visit into `h`: (field, original, corrected) for the case.
fn obligor_fix(
    h: &mut Household,
    index: Option<usize>,
    obligor: Obligor,
) -> Result<(String, String, String), FlowError> {
    obligor.validate().map_err(|e| {
        FlowError::invalid(
            format!("义务人 {}：{}", obligor.name, e.zh()),
            format!("obligor {}: {e}", obligor.name),
        )
    })?;
    if obligor.supports >= h.members.len() {
        return Err(FlowError::invalid(
            format!("义务人 {} 赡养（抚养）的成员不存在", obligor.name),
            format!(
                "obligor {}: the member they support does not exist",
                obligor.name
            ),
        ));
    }
    let corrected = obligor.summary_zh();
    match index {
        None => {
            h.obligors.push(obligor);
            Ok((
                format!("义务人{}（调查新增）", h.obligors.len()),
                "未登记".to_string(),
                corrected,
            ))
        }
        Some(i) => {
            let item = h.obligors.get_mut(i).ok_or_else(|| {
                FlowError::invalid(
                    format!("要更正的第{}个义务人不存在", i + 1),
                    format!("there is no obligor {} to correct", i + 1),
                )
            })?;
            let original = item.summary_zh();
            *item = obligor;
            Ok((format!("义务人{}", i + 1), original, corrected))
        }
    }
}

/// 完成调查核实 → 审核确认. Writes the case and, when corrections or indicator readings
/// change it, the household, in one transaction with one audit entry.
pub fn finish_investigation(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    input: InvestigationInput,
) -> Result<Case, FlowError> {
    check_role(actor, StepKind::FinishInvestigation)?;
    let (old, mut household) = load(services, actor, id, expected_rev)?;
    let before = household.clone();
    let corrections = correct(&mut household, &input.fixes)?;
    household.indicators = input.indicators;
    let investigation = Investigation {
        visit_date: input.visit_date,
        investigators: input
            .investigators
            .iter()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect(),
        findings: input.findings.trim().to_string(),
        mismatches: input.mismatches,
        corrections: corrections.clone(),
    };
    let step = Step::FinishInvestigation(investigation.clone());
    crate::app::staff_relatives::guard(services, &old, &step)?;
    let new = workflow::apply(&old, &step, &actor.user, services.now())?;
    let mut entry = audit(services, actor, "case.investigation", &old, &new)
        .with_change("visit_date", String::new(), input.visit_date.to_string())
        .with_change(
            "investigators",
            String::new(),
            investigation.investigators.join("、"),
        );
    for m in &investigation.mismatches {
        entry = entry.with_change("verification", m.source.zh().into(), m.note.clone());
    }
    for c in &corrections {
        entry = entry.with_change(&c.field, c.original.clone(), c.corrected.clone());
    }
    let (h0, h1) = (before.indicators, household.indicators);
    if h0.housing != h1.housing {
        entry = entry.with_change("住房安全", h0.housing.zh().into(), h1.housing.zh().into());
    }
    if h0.drinking_water != h1.drinking_water {
        entry = entry.with_change(
            "饮水安全",
            h0.drinking_water.zh().into(),
            h1.drinking_water.zh().into(),
        );
    }
    let household = (household != before).then_some(household);
    let saved = services.store.save(Change {
        household,
        case: Some(new),
        number_case_in: None,
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}
