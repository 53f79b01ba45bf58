//! What the dashboard shows of monitoring: open alerts by severity and the roster's
//! indicator counts. Both are derived from the store and kept until the next write, so
//! drawing the dashboard does not scan the store on every frame.

use std::sync::Mutex;

use super::alerts::open_counts;
use super::roster::{cached_counts, roster_counts, Roster};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::monitoring::Severity;
use crate::domain::town::Town;

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

type Key = (std::path::PathBuf, Option<Town>, u64);
type OpenCounts = [(Severity, u64); 3];

static OPEN: Mutex<Option<(Key, OpenCounts)>> = Mutex::new(None);

pub fn dashboard_figures(
    services: &Services,
    actor: &Actor,
) -> Result<MonitoringFigures, AppError> {
    let key: Key = (
        services.store.path().to_path_buf(),
        actor.town,
        services.store.writes_so_far()?,
    );
    let cached = OPEN
        .lock()
        .ok()
        .and_then(|g| g.as_ref().filter(|(k, _)| *k == key).map(|(_, v)| *v));
    let open = match cached {
        Some(v) => v,
        None => {
            let v = open_counts(services, actor)?;
            if let Ok(mut g) = OPEN.lock() {
                *g = Some((key, v));
            }
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
