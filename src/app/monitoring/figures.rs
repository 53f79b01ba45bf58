//! What the dashboard shows of monitoring: open alerts by severity and the roster's
//! indicator counts. Both are derived from the store and kept until the next write, so
//! drawing the dashboard does not scan the store on every frame.

use super::alerts::open_counts;
use super::roster::{cached_counts, roster_counts, Roster};
use crate::app::figure_cache::{self, FigureCache};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::monitoring::Severity;

/// Above this many households the dashboard shows the roster's counts only once the
/// roster has been worked out (roster screen, `safetynet monitor`), so that opening
/// the program stays quick on a large district.
pub const DASHBOARD_ROSTER_LIMIT: i64 = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitoringFigures {
    pub open: [(Severity, u64); 3],
    /// `None` on a large district until the roster has been worked out.
    pub roster: Option<Roster>,
}

type OpenCounts = [(Severity, u64); 3];

static OPEN: FigureCache<OpenCounts> = FigureCache::new();

pub fn dashboard_figures(
    services: &Services,
    actor: &Actor,
) -> Result<MonitoringFigures, AppError> {
    let stamp = figure_cache::stamp(services)?;
    let open = match OPEN.get(services, actor.town, stamp) {
        Some(v) => v,
        None => {
            let v = open_counts(services, actor)?;
            OPEN.put(services, actor.town, stamp, v);
            v
        }
    };
    let roster = match cached_counts(services, actor)? {
        Some(r) => Some(r),
        None if services.store.household_count()? <= DASHBOARD_ROSTER_LIMIT => {
            Some(roster_counts(services, actor)?)
        }
        None => None,
    };
    Ok(MonitoringFigures { open, roster })
}
