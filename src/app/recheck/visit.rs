//! The re-check visit: a monitoring reading of the household, the classification engine
//! run on what the visit found (the standards in force on the visit's date), and the
//! proposal — keep, 增发/减发, change category, taper (渐退) or end — with the engine's
//! explanation. Recording writes the reading (its alerts too), the re-check, the
//! household's standing and, when support ends, the exit, in one transaction.

use chrono::NaiveDate;

use super::{schedule_of, settings, situation, support_now};
use crate::app::monitoring::ReadingOutcome;
use crate::app::monitoring::{load_household, prepare_reading, standards, standards_error};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::category::Category;
use crate::domain::classify::classify_span;
use crate::domain::household::Household;
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::monitoring::{support_ends, taper_applies, Exit, ExitReason, Reading};
use crate::domain::recheck::{
    headline, next_recheck, propose, Outcome, Recheck, Schedule, Support,
};
use crate::domain::Label;

/// What the re-check screen shows before the clerk decides.
#[derive(Debug, Clone)]
pub struct RecheckProposal {
    pub household: Household,
    pub before: Support,
    pub found: Support,
    pub outcome: Outcome,
    /// The headline, the income found, then the engine's lines.
    pub explanation: Vec<String>,
    pub explanation_en: Vec<String>,
    /// The re-check now due (before this visit).
    pub due: Option<Schedule>,
}

/// The household as the visit found it: the income of the reading (as one item of the
/// whole household when it differs from the items registered), housing and water.
fn as_found(h: &Household, r: &Reading) -> Household {
    let mut found = h.clone();
    found.indicators.housing = r.housing;
    found.indicators.drinking_water = r.drinking_water;
    if h.annual_income() != r.annual_income {
        let own = r.annual_income - h.obligor_support();
        found.incomes = vec![IncomeItem {
            kind: IncomeKind::Other,
            member: None,
            amount: Amount::yearly(own),
            note: "复核核定收入 / income found on the re-check".into(),
        }];
    }
    found
}

/// The proposal for a re-check visit with `reading` (nothing is written).
pub fn propose_recheck(
    services: &Services,
    actor: &Actor,
    reading: &Reading,
) -> Result<RecheckProposal, AppError> {
    actor.permit(Permission::ReadMonitoring)?;
    let h = load_household(services, actor, reading.household)?;
    if h.standing.category.is_none() {
        return Err(AppError::Invalid(
            "该家庭不是已认定的低收入人口，无需复核".into(),
            "this household is not confirmed in the low-income population; there is nothing to re-check".into(),
        ));
    }
    let rechecks = services.store.rechecks_of(h.id)?;
    let last = rechecks.last();
    let before = support_now(services, &h, last)?;
    let standards = standards(services)?;
    let found_h = as_found(&h, reading);
    let proposal = classify_span(&found_h, &standards, reading.date, reading.date)
        .map_err(|e| AppError::Invalid(format!("无法测算：{}", e.zh()), e.to_string()))?;
    let found = Support {
        category: proposal.category,
        benefit: proposal.benefit.total(),
    };
    let outcome = propose(before, found);
    let (zh, en) = headline(outcome, before, found);
    let mut explanation = vec![zh];
    let mut explanation_en = vec![en];
    let registered = h.annual_income();
    if registered != reading.annual_income {
        explanation.push(format!(
            "复核时家庭年收入 {} 元（原登记 {registered} 元）",
            reading.annual_income
        ));
        explanation_en.push(format!(
            "household income found on the re-check {} a year (registered {registered})",
            reading.annual_income
        ));
    }
    explanation.extend(proposal.explanation_zh());
    explanation_en.extend(proposal.explanation_en());
    let due = schedule_of(&settings(services)?, &standards, &h, last);
    Ok(RecheckProposal {
        household: h,
        before,
        found,
        outcome,
        explanation,
        explanation_en,
        due,
    })
}

#[derive(Debug, Clone)]
pub struct RecheckInput {
    /// The household's revision as read.
    pub household_rev: u64,
    pub reading: Reading,
    pub decided: Outcome,
    /// Required when `decided` is not the proposal.
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct RecheckSaved {
    pub recheck: Recheck,
    pub reading: ReadingOutcome,
    pub exit: Option<Exit>,
}

fn invalid(zh: &str, en: &str) -> AppError {
    AppError::Invalid(zh.into(), en.into())
}

/// Check the decision against what the engine found.
fn check_decision(p: &RecheckProposal, decided: Outcome, reason: &str) -> Result<(), AppError> {
    if decided != p.outcome && reason.trim().is_empty() {
        return Err(AppError::Invalid(
            format!(
                "复核结论“{}”与系统建议“{}”不同，请填写理由",
                decided.zh(),
                p.outcome.zh()
            ),
            format!(
                "the decision \"{}\" differs from the proposal \"{}\": give a reason",
                decided.en(),
                p.outcome.en()
            ),
        ));
    }
    let same = p.found.category == p.before.category;
    match decided {
        Outcome::Taper if p.before.category != Some(Category::Dibao) => Err(invalid(
            "只有低保家庭有渐退期；请选择“停止救助”",
            "only dibao households taper off; choose \"end support\"",
        )),
        Outcome::Increase | Outcome::Decrease if !same => Err(invalid(
            "测算的类别已变化，不能只调整金额；请选择“变更类别”或其他结论",
            "the category found differs: choose \"change category\" or another outcome",
        )),
        Outcome::Increase if p.found.benefit <= p.before.benefit => Err(invalid(
            "测算金额没有增加，不能增发",
            "the amount found is not higher: nothing to increase",
        )),
        Outcome::Decrease if p.found.benefit >= p.before.benefit => Err(invalid(
            "测算金额没有减少，不能减发",
            "the amount found is not lower: nothing to decrease",
        )),
        Outcome::Reclassify if same || p.found.category.is_none() => Err(invalid(
            "测算的类别没有变化，不能变更类别",
            "the category found is the same: nothing to change",
        )),
        _ => Ok(()),
    }
}

/// Record the re-check: one transaction, audited, flushed; sets the next re-check date.
pub fn record_recheck(
    services: &Services,
    actor: &Actor,
    input: RecheckInput,
) -> Result<RecheckSaved, AppError> {
    actor.permit(Permission::WorkAlerts)?;
    let p = propose_recheck(services, actor, &input.reading)?;
    check_decision(&p, input.decided, &input.reason)?;
    let (mut change, outcome) =
        prepare_reading(services, actor, input.household_rev, input.reading)?;
    let date = outcome.reading.date;
    let mut h = change.household.take().unwrap_or_else(|| {
        let mut h = p.household.clone();
        h.rev = input.household_rev;
        h
    });
    let standards = standards(services)?;
    let before_cat = p.before.category;
    let mut exit = None;
    match input.decided {
        Outcome::Keep | Outcome::Increase | Outcome::Decrease => {}
        Outcome::Reclassify => {
            h.standing.category = p.found.category;
        }
        Outcome::Taper | Outcome::End => {
            let category = before_cat.unwrap_or(Category::OtherHardship);
            let reason = ExitReason::IncomeRisen;
            let taper_months = if input.decided == Outcome::Taper && taper_applies(category, reason)
            {
                standards
                    .set_on(date)
                    .map_err(standards_error)?
                    .rules
                    .taper_months
                    .value
            } else {
                0
            };
            let ends = support_ends(category, reason, date, taper_months)
                .filter(|_| taper_months > 0)
                .or(Some(date))
                .ok_or_else(|| invalid("日期超出范围", "the date is out of range"))?;
            exit = Some(Exit {
                id: services.store.new_id()?,
                household: h.id,
                town: h.town,
                category,
                reason,
                note: "定期复核 / periodic re-check".into(),
                decided_on: date,
                taper_months,
                support_ends: ends,
                by: actor.user.clone(),
            });
            h.standing.category = None;
            h.standing.tags.clear();
            h.standing.since = None;
        }
    }
    let settings = settings(services)?;
    let next = h
        .standing
        .category
        .and_then(|c| next_recheck(&settings, c, situation(&standards, &h, date), date));
    let recheck = Recheck {
        id: services.store.new_id()?,
        household: h.id,
        town: h.town,
        date,
        by: actor.user.clone(),
        reading: outcome.reading.id,
        before: p.before,
        found: p.found,
        proposed: p.outcome,
        decided: input.decided,
        reason: input.reason.trim().to_string(),
        explanation: p.explanation.clone(),
        explanation_en: p.explanation_en.clone(),
        basis: next.map(|s| s.basis),
        next_due: next.map(|s| s.due),
    };
    let after = recheck.support_after();
    let cat = |s: Support| s.category.map_or(String::new(), |c| c.zh().to_string());
    let mut audit = change
        .audit
        .clone()
        .with_change("recheck", String::new(), input.decided.zh().into())
        .with_change("benefit", p.before.benefit.plain(), after.benefit.plain());
    audit.action = "monitoring.recheck".into();
    if after.category != p.before.category {
        audit = audit.with_change("standing", cat(p.before), cat(after));
    }
    if let Some(e) = &exit {
        audit = audit.with_change("support_ends", String::new(), e.support_ends.to_string());
    }
    if let Some(n) = recheck.next_due {
        audit = audit.with_change("next_recheck", NaiveDate::to_string(&date), n.to_string());
    }
    if !recheck.reason.is_empty() {
        audit = audit.with_note(format!(
            "与建议“{}”不同：{}",
            p.outcome.zh(),
            recheck.reason
        ));
    }
    change.audit = audit;
    change.household = Some(h);
    change.rechecks.push(recheck.clone());
    change.exits.extend(exit.clone());
    let n = outcome.raised.len();
    let saved = services.store.save_monitoring(change)?;
    let mut outcome = outcome;
    outcome.raised = saved.alerts.into_iter().take(n).collect();
    Ok(RecheckSaved {
        recheck,
        reading: outcome,
        exit,
    })
}
