//! 退出: end a household's support with the reason and the date. A dibao household whose
//! income rose above the standard keeps support through the taper period of the
//! standards in force on the decision date; the exit and the household's standing are
//! written in one transaction, and the exit keeps the household on the roster for two
//! years after support ends (dibao and destitute).

use chrono::NaiveDate;

use super::{load_household, standards, standards_error};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::household::HouseholdId;
use crate::domain::monitoring::{support_ends, taper_applies, Exit, ExitReason};
use crate::domain::Label;
use crate::store::monitoring::MonitoringChange;
use crate::store::AuditEntry;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitInput {
    pub household: HouseholdId,
    /// The household's revision as read.
    pub rev: u64,
    pub reason: ExitReason,
    /// Required for "other".
    pub note: String,
    pub decided_on: NaiveDate,
}

pub fn exit_support(
    services: &Services,
    actor: &Actor,
    input: ExitInput,
) -> Result<Exit, AppError> {
    actor.permit(crate::domain::access::Permission::WorkAlerts)?;
    let mut h = load_household(services, actor, input.household)?;
    h.rev = input.rev;
    let Some(category) = h.standing.category else {
        return Err(AppError::Invalid(
            "该家庭不是已认定的低收入人口，无需办理退出".into(),
            "this household is not confirmed in the low-income population; there is nothing to end"
                .into(),
        ));
    };
    if input.decided_on > services.today() {
        return Err(AppError::Invalid(
            "退出日期不能晚于今天".into(),
            "the exit cannot be dated after today".into(),
        ));
    }
    if input.reason == ExitReason::Other && input.note.trim().is_empty() {
        return Err(AppError::Invalid(
            "退出原因为“其他”时请写明原因".into(),
            "say why when the reason is \"other\"".into(),
        ));
    }
    let taper_months = if taper_applies(category, input.reason) {
        standards(services)?
            .set_on(input.decided_on)
            .map_err(standards_error)?
            .rules
            .taper_months
            .value
    } else {
        0
    };
    let ends =
        support_ends(category, input.reason, input.decided_on, taper_months).ok_or_else(|| {
            AppError::Invalid("日期超出范围".into(), "the date is out of range".into())
        })?;
    let exit = Exit {
        id: services.store.new_id()?,
        household: h.id,
        town: h.town,
        category,
        reason: input.reason,
        note: input.note.trim().to_string(),
        decided_on: input.decided_on,
        taper_months,
        support_ends: ends,
        by: actor.user.clone(),
    };
    let mut entry = AuditEntry::new(
        services.now(),
        &actor.user,
        "monitoring.exit",
        crate::store::audit::household_target(h.id.0),
    )
    .with_change("standing", category.zh().into(), String::new())
    .with_change("reason", String::new(), input.reason.zh().into())
    .with_change("support_ends", String::new(), ends.to_string());
    if taper_months > 0 {
        entry = entry.with_note(format!(
            "渐退期 {taper_months} 个月 / taper {taper_months} months"
        ));
    }
    if !exit.note.is_empty() {
        entry = entry.with_change("note", String::new(), exit.note.clone());
    }
    h.standing.category = None;
    h.standing.tags.clear();
    h.standing.since = None;
    let mut change = MonitoringChange::new(entry);
    change.household = Some(h);
    change.exits.push(exit.clone());
    services.store.save_monitoring(change)?;
    Ok(exit)
}
