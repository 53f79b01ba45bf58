//! Periodic re-checks (动态管理): each confirmed household's next re-check date from its
//! category and situation (`domain::recheck`, periods in `assets/recheck.toml`); the
//! "due for re-check" queue (overdue, due this month); and the re-check visit, which
//! takes a monitoring reading, runs the classification engine on what it found and
//! proposes keep / change / taper / end with the explanation. Recording it is one
//! transaction (reading, re-check, standing, exit, alerts, audit) and sets the next date.

mod queue;
mod visit;

#[cfg(test)]
mod tests;

pub use queue::{due_counts, due_queue, DueCounts, DueQueue, DueRow};
pub use visit::{propose_recheck, record_recheck, RecheckInput, RecheckProposal, RecheckSaved};

use chrono::NaiveDate;

use super::{AppError, Services};
use crate::domain::case::Stage;
use crate::domain::household::Household;
use crate::domain::money::Money;
use crate::domain::recheck::{
    next_recheck, Recheck, RecheckSettings, Schedule, Situation, Support,
};
use crate::domain::standards::Standards;

/// The settings in force: `recheck.toml` in the store folder when the district has put
/// its own there, else the shipped `assets/recheck.toml`.
pub fn settings(services: &Services) -> Result<RecheckSettings, AppError> {
    let own = services.store.path().join("recheck.toml");
    if own.exists() {
        let text = std::fs::read_to_string(&own)
            .map_err(|e| AppError::Data(format!("{}: {e}", own.display())))?;
        return RecheckSettings::from_toml(&text).map_err(|e| AppError::Invalid(e.zh, e.en));
    }
    RecheckSettings::bundled().map_err(|e| AppError::Data(e.zh))
}

/// The household's situation on `on`, with the ages of the standards in force (18 and
/// 60 when none is).
pub(crate) fn situation(standards: &Standards, h: &Household, on: NaiveDate) -> Situation {
    let (minor, elderly) = standards
        .set_on(on)
        .map(|s| (s.rules.minor_age.value, s.rules.elderly_age.value))
        .unwrap_or((18, 60));
    Situation::of_household(h, on, minor, elderly)
}

/// The next re-check of a confirmed household whose latest re-check is `last` (if any).
pub(crate) fn schedule_of(
    settings: &RecheckSettings,
    standards: &Standards,
    h: &Household,
    last: Option<&Recheck>,
) -> Option<Schedule> {
    let category = h.standing.category?;
    // A confirmation after the last re-check (a new application) starts the count again.
    let last = last.filter(|r| h.standing.since.is_none_or(|since| r.date >= since));
    let from = match last {
        Some(r) => Some(r.date),
        None => h.standing.since,
    }?;
    let s = next_recheck(settings, category, situation(standards, h, from), from)?;
    match last.and_then(|r| r.next_due) {
        Some(due) => Some(Schedule { due, ..s }),
        None => Some(s),
    }
}

/// Support as it stands: the latest re-check's, or the confirming decision's (the
/// benefit the review saw proposed, when it confirmed that category).
pub(crate) fn support_now(
    services: &Services,
    h: &Household,
    last: Option<&Recheck>,
) -> Result<Support, AppError> {
    if let Some(r) = last {
        let after = r.support_after();
        if after.category == h.standing.category {
            return Ok(after);
        }
    }
    let mut benefit = Money::ZERO;
    let mut newest: Option<(NaiveDate, Money)> = None;
    for id in services.store.case_ids_of(h.id)? {
        let Some(c) = services.store.case(id)? else {
            continue;
        };
        if c.stage != Stage::Confirmed {
            continue;
        }
        let Some(review) = &c.review else { continue };
        if review.category != h.standing.category || review.proposed != review.category {
            continue;
        }
        let b = review.proposed_benefit.unwrap_or(Money::ZERO);
        if newest.is_none_or(|(d, _)| review.date >= d) {
            newest = Some((review.date, b));
        }
    }
    match newest {
        Some((_, b)) => benefit = b,
        // No amount on the confirming decision (generated or imported records): what the
        // engine gives for the household as registered, on the confirmation date.
        None => {
            let standards = crate::app::monitoring::standards(services)?;
            if let Some(since) = h.standing.since {
                if let Ok(p) = crate::domain::classify::classify(h, &standards, since) {
                    if p.category == h.standing.category {
                        benefit = p.benefit.total();
                    }
                }
            }
        }
    }
    Ok(Support {
        category: h.standing.category,
        benefit,
    })
}
