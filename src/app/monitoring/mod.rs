//! Dynamic monitoring use cases (seed §8): record a reading (the rules run and raise
//! alerts), work an alert (verify, resolve as no risk, turn into an application), end
//! a household's support (with the taper period), the roster with its filters, and the
//! re-evaluation of every household after a standards change.

mod alerts;
mod exits;
mod export;
mod figures;
mod reading;
mod reevaluate;
mod roster;

#[cfg(test)]
mod tests;

pub use alerts::{no_risk, open_counts, queue, to_application, verify, AlertRow};
pub use exits::{exit_support, ExitInput};
pub use export::export_roster;
pub use figures::{dashboard_figures, MonitoringFigures, DASHBOARD_ROSTER_LIMIT};
pub(crate) use reading::prepare_reading;
pub use reading::{household_view, record_reading, HouseholdView, ReadingOutcome};
pub use reevaluate::{reevaluate, Reevaluation};
pub use roster::{cached_counts, roster, roster_counts, Roster, RosterFilter, RosterRow};

use std::collections::HashMap;

use chrono::NaiveDate;

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::monitoring::{Alert, AlertId, AlertRules, AlertStatus, Raised, RuleKind};
use crate::domain::standards::Standards;
use crate::store::monitoring::LastAlert;

/// The alert rules in force: `alert_rules.toml` in the store folder when the district
/// has put its own thresholds there, else the shipped `assets/alert_rules.toml`.
pub fn rules(services: &Services) -> Result<AlertRules, AppError> {
    let own = services.store.path().join("alert_rules.toml");
    if own.exists() {
        let text = std::fs::read_to_string(&own)
            .map_err(|e| AppError::Data(format!("{}: {e}", own.display())))?;
        return AlertRules::from_toml(&text).map_err(|e| AppError::Invalid(e.zh(), e.to_string()));
    }
    AlertRules::bundled().map_err(|e| AppError::Data(e.zh()))
}

pub(crate) fn standards(services: &Services) -> Result<Standards, AppError> {
    Ok(super::standards::current(services)?.standards)
}

/// A `StandardsError` in the clerk's words.
pub(crate) fn standards_error(e: crate::domain::standards::StandardsError) -> AppError {
    AppError::Invalid(e.zh(), e.to_string())
}

/// A household the actor may see.
pub(crate) fn load_household(
    services: &Services,
    actor: &Actor,
    id: HouseholdId,
) -> Result<Household, AppError> {
    services
        .store
        .household(id)?
        .filter(|h| actor.sees(h.town))
        .ok_or_else(|| AppError::NotFound(format!("household:{}", id.0)))
}

/// Raise a finding unless the same rule already has an open alert for the household,
/// or its latest alert was closed on exactly the same finding.
pub(crate) fn should_raise(last: Option<&LastAlert>, raised: &Raised) -> bool {
    match last {
        None => true,
        Some(l) if l.status.is_open() => false,
        Some(l) => l.basis != raised.basis,
    }
}

/// The latest alert per rule, from a household's alerts.
pub(crate) fn last_by_rule(alerts: &[Alert]) -> HashMap<RuleKind, LastAlert> {
    let mut out: HashMap<RuleKind, LastAlert> = HashMap::new();
    for a in alerts {
        let newer = out.get(&a.rule).is_none_or(|l| a.id > l.id);
        if newer {
            out.insert(
                a.rule,
                LastAlert {
                    id: a.id,
                    status: a.status,
                    basis: a.basis,
                },
            );
        }
    }
    out
}

/// A new alert from a finding (the id comes from the store).
pub(crate) fn new_alert(
    id: u64,
    h: &Household,
    raised: Raised,
    on: NaiveDate,
    by: &str,
    reading: Option<u64>,
) -> Alert {
    Alert {
        id: AlertId(id),
        rev: 0,
        household: h.id,
        town: h.town,
        rule: raised.rule,
        severity: raised.severity,
        raised_on: on,
        raised_by: by.to_string(),
        figures: raised.figures,
        basis: raised.basis,
        reading,
        status: AlertStatus::Raised,
        reason: String::new(),
        case: None,
        history: Vec::new(),
    }
}
