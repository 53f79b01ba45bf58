//! The "due for re-check" queue: confirmed households whose next re-check is overdue or
//! falls this month, overdue first, then by due date. One pass over the households and
//! one over the re-checks (like the monitoring roster).

use chrono::NaiveDate;

use super::{schedule_of, settings};
use crate::app::figure_cache::{self, FigureCache};
use crate::app::monitoring::standards;
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::category::Category;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::recheck::{due_state, Basis, DueState};
use crate::domain::town::Town;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub household: HouseholdId,
    pub town: Town,
    pub village: String,
    pub head: String,
    pub size: usize,
    pub category: Category,
    pub basis: Basis,
    /// The last re-check, or the confirmation.
    pub last: NaiveDate,
    pub due: NaiveDate,
    pub state: DueState,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DueQueue {
    /// Overdue first, then due this month; each by due date.
    pub rows: Vec<DueRow>,
    pub overdue: usize,
    pub this_month: usize,
}

/// The counts the dashboard shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DueCounts {
    pub overdue: usize,
    pub this_month: usize,
}

fn walk(
    services: &Services,
    town: Option<Town>,
    today: NaiveDate,
    mut f: impl FnMut(&Household, DueRow),
) -> Result<(), AppError> {
    let settings = settings(services)?;
    let standards = standards(services)?;
    let latest = services.store.latest_rechecks()?;
    services
        .store
        .for_each_household(|h: Household| -> Result<(), AppError> {
            let Some(category) = h.standing.category else {
                return Ok(());
            };
            if town.is_some_and(|t| t != h.town) {
                return Ok(());
            }
            let Some(s) = schedule_of(&settings, &standards, &h, latest.get(&h.id)) else {
                return Ok(());
            };
            let state = due_state(s.due, today);
            if state == DueState::Later {
                return Ok(());
            }
            let row = DueRow {
                household: h.id,
                town: h.town,
                village: h.village.clone(),
                head: h.head_name().to_string(),
                size: h.size(),
                category,
                basis: s.basis,
                last: s.last,
                due: s.due,
                state,
            };
            f(&h, row);
            Ok(())
        })
}

/// The queue in the actor's town (or all towns for the district), optionally one town.
pub fn due_queue(
    services: &Services,
    actor: &Actor,
    town: Option<Town>,
) -> Result<DueQueue, AppError> {
    actor.permit(Permission::ReadMonitoring)?;
    let stamp = figure_cache::stamp(services)?;
    let mut out = DueQueue::default();
    walk(services, actor.town.or(town), services.today(), |_, row| {
        match row.state {
            DueState::Overdue => out.overdue += 1,
            _ => out.this_month += 1,
        }
        out.rows.push(row);
    })?;
    out.rows
        .sort_by_key(|r| (r.state, r.due, r.town, r.household));
    if town.is_none() || actor.town.is_some() {
        let counts = DueCounts {
            overdue: out.overdue,
            this_month: out.this_month,
        };
        COUNTS.put(services, actor.town, stamp, counts);
    }
    Ok(out)
}

/// The counts last worked out for each scope, with the store state and day they hold for.
static COUNTS: FigureCache<DueCounts> = FigureCache::new();

/// Overdue and due-this-month counts for the dashboard (figures only, every role): kept
/// until the next write or the next day; on a district above
/// `DASHBOARD_ROSTER_LIMIT` households `None` until the queue has been worked out (the
/// queue screen), so that opening the program stays quick.
pub fn due_counts(services: &Services, actor: &Actor) -> Result<Option<DueCounts>, AppError> {
    let stamp = figure_cache::stamp(services)?;
    if let Some(counts) = COUNTS.get(services, actor.town, stamp) {
        return Ok(Some(counts));
    }
    if services.store.household_count()? > crate::app::monitoring::DASHBOARD_ROSTER_LIMIT {
        return Ok(None);
    }
    let mut out = DueCounts::default();
    walk(services, actor.town, services.today(), |_, row| {
        match row.state {
            DueState::Overdue => out.overdue += 1,
            _ => out.this_month += 1,
        }
    })?;
    COUNTS.put(services, actor.town, stamp, out);
    Ok(Some(out))
}
