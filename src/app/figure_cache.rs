//! Figures worked out from the whole store (the dashboard's roster, open-alert and
//! re-check counts), kept for each store and scope (a town, or the district) until the
//! data changes or the day turns. Many clerks of different towns share one server: one
//! slot per scope, so a clerk of 陈炉镇 going back to her dashboard does not throw away the
//! district officer's figures (with a single slot every return to the dashboard walked
//! every household again: 50 sessions over SSH queued behind those walks).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;

use crate::app::{AppError, Services};
use crate::domain::town::Town;

/// What a kept figure holds for: the store's data version and the day.
pub type Stamp = (u64, NaiveDate);

/// At most this many scopes are kept (towns × stores a process has open).
const SLOTS: usize = 64;

struct Slot<V> {
    store: PathBuf,
    scope: Option<Town>,
    stamp: Stamp,
    value: V,
}

pub struct FigureCache<V> {
    slots: Mutex<Vec<Slot<V>>>,
}

impl<V> Default for FigureCache<V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<V> FigureCache<V> {
    pub const fn new() -> Self {
        FigureCache {
            slots: Mutex::new(Vec::new()),
        }
    }

    fn slots(&self) -> MutexGuard<'_, Vec<Slot<V>>> {
        self.slots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The stamp of the store as it is now. Take it BEFORE working a figure out, and keep the
/// figure under it: a write during the work then makes the next look miss.
pub fn stamp(services: &Services) -> Result<Stamp, AppError> {
    Ok((services.store.data_version()?, services.today()))
}

impl<V: Clone> FigureCache<V> {
    /// The figure kept for this store and scope, if it holds for `stamp`.
    pub fn get(&self, services: &Services, scope: Option<Town>, stamp: Stamp) -> Option<V> {
        let store = services.store.path();
        self.slots()
            .iter()
            .find(|s| s.scope == scope && s.stamp == stamp && s.store == store)
            .map(|s| s.value.clone())
    }

    /// Keep `value` for this store and scope, worked out at `stamp`.
    pub fn put(&self, services: &Services, scope: Option<Town>, stamp: Stamp, value: V) {
        let store = services.store.path();
        let mut slots = self.slots();
        if let Some(s) = slots
            .iter_mut()
            .find(|s| s.scope == scope && s.store == store)
        {
            // An older figure never replaces a newer one.
            if s.stamp <= stamp {
                s.stamp = stamp;
                s.value = value;
            }
            return;
        }
        if slots.len() >= SLOTS {
            slots.remove(0);
        }
        slots.push(Slot {
            store: store.to_path_buf(),
            scope,
            stamp,
            value,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Services;

    fn services() -> (tempfile::TempDir, Services) {
        let dir = tempfile::tempdir().unwrap();
        let s = Services::open(&dir.path().join("s")).unwrap();
        (dir, s)
    }

    #[test]
    fn each_scope_keeps_its_own_figure() {
        let (_d, s) = services();
        let cache = FigureCache::<u32>::new();
        let st = stamp(&s).unwrap();
        cache.put(&s, Some(Town::ALL[0]), st, 1);
        cache.put(&s, Some(Town::ALL[1]), st, 2);
        cache.put(&s, None, st, 3);
        assert_eq!(cache.get(&s, Some(Town::ALL[0]), st), Some(1));
        assert_eq!(cache.get(&s, Some(Town::ALL[1]), st), Some(2));
        assert_eq!(cache.get(&s, None, st), Some(3));
        assert_eq!(cache.get(&s, Some(Town::ALL[2]), st), None);
    }

    #[test]
    fn a_figure_holds_only_for_its_stamp_and_an_older_one_never_wins() {
        let (_d, s) = services();
        let cache = FigureCache::<u32>::new();
        let day = s.today();
        cache.put(&s, None, (5, day), 50);
        assert_eq!(cache.get(&s, None, (6, day)), None);
        assert_eq!(cache.get(&s, None, (5, day.succ_opt().unwrap())), None);
        cache.put(&s, None, (4, day), 40);
        assert_eq!(cache.get(&s, None, (5, day)), Some(50));
        cache.put(&s, None, (6, day), 60);
        assert_eq!(cache.get(&s, None, (6, day)), Some(60));
        assert_eq!(cache.get(&s, None, (5, day)), None);
    }

    #[test]
    fn a_sign_in_or_a_case_view_leaves_the_data_version_and_a_record_write_moves_it() {
        let (_d, s) = services();
        let before = s.store.data_version().unwrap();
        for action in ["user.sign_in", "case.view", "households.export"] {
            s.store
                .append_audit(crate::store::AuditEntry::new(
                    s.now(),
                    "x",
                    action,
                    "user:x".into(),
                ))
                .unwrap();
        }
        assert_eq!(s.store.data_version().unwrap(), before);
        s.store
            .append_audit(crate::store::AuditEntry::new(
                s.now(),
                "x",
                "case.submit",
                "case:1".into(),
            ))
            .unwrap();
        assert!(s.store.data_version().unwrap() > before);
    }
}
