//! The store's format (`meta/schema`) and the upgrade from older ones. Opening a store
//! of an older format is refused with `NeedsMigration` (naming `safetynet migrate`);
//! [`Store::migrate`] upgrades it, reporting progress, and is what that command and the
//! program's own first open run.
//!
//! Formats: 1 — the lookup index `idx/lookup` with one key per term and household;
//! 2 — `idx/terms`, one key per bucket of terms with packed postings (issue 16);
//! 3 — `idx/household_case` values hold the case's town, stage and number, and the
//! lookup index's case-number entries name the household, so a lookup reads list rows
//! and case numbers without decoding cases;
//! 4 — `idx/case_date` (cases in notice by the day they take effect, letters not
//! delivered by their due day), so the daily run and the overdue count read only what is
//! due. The upgrade from 3 builds that index alone (one pass over the cases);
//! 5 — `idx/resident` kept several entries to a sled key (`store::grouped`; issue 16:
//! sled's disk and memory grow with keys, whatever their size), grouped by the first 14
//! characters of the ID number. The upgrade from 4 rebuilds it from the households;
//! 6 — cases (record version 4) and households (3) keep dates, times and ID numbers
//! compactly, not as text; the upgrade from 5 rewrites the older records (one pass over
//! the cases and households, `codec/rewrite.rs`);
//! 7 — cases (record version 5) keep the review's explanation deflated; the upgrade
//! rewrites the older cases the same way;
//! 8 — re-checks (record version 2) keep their dates compact and their explanation
//! deflated; the upgrade rewrites the older ones the same way.

use std::path::Path;

use super::{keys, Store, StoreError};

/// The format this program writes.
pub const CURRENT: u16 = 8;

/// The lookup tree of format 1, dropped by the upgrade.
const OLD_LOOKUP: &[u8] = b"idx/lookup";

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub from: u16,
    pub to: u16,
    /// Keys in the old lookup tree and in the new one.
    pub old_keys: usize,
    pub new_keys: usize,
}

impl Store {
    /// The format of this store: a new, empty store takes the current one.
    fn format(&self) -> Result<u16, StoreError> {
        match self.meta.get(keys::META_SCHEMA)? {
            Some(v) if v.len() == 2 => Ok(u16::from_be_bytes([v[0], v[1]])),
            Some(_) => Err(StoreError::Corrupt("meta/schema".into())),
            None if self.households.is_empty() && self.cases.is_empty() => {
                self.meta
                    .insert(keys::META_SCHEMA, &CURRENT.to_be_bytes())?;
                Ok(CURRENT)
            }
            // Stores written before the schema key existed are format 1.
            None => Ok(1),
        }
    }

    /// Refuse a store of another format than this program's.
    pub(super) fn check_format(&self) -> Result<(), StoreError> {
        let found = self.format()?;
        if found > CURRENT {
            return Err(StoreError::UnsupportedVersion {
                kind: "store",
                found,
                supported: CURRENT,
            });
        }
        if found < CURRENT {
            return Err(StoreError::NeedsMigration {
                path: self.path.clone(),
                found,
                current: CURRENT,
            });
        }
        Ok(())
    }

    /// Open the store at `path`, upgrading it first if it is of an older format: what
    /// [`Store::open`] does for a store of the current format, with one sled open either
    /// way (the program opens through this, so an old store's upgrade is said as soon as
    /// sled has opened it, not after a refused open, a close and a second open).
    /// `progress(done, total)` follows the rewrites and rebuilds; `Ok(None)` when there
    /// was nothing to upgrade.
    pub fn migrate(
        path: &Path,
        progress: impl FnMut(u64, u64),
    ) -> Result<(Store, Option<Migrated>), StoreError> {
        let store = Store::open_trees(path)?;
        let from = store.format()?;
        if from >= CURRENT {
            store.check_format()?;
            store.migrate_caseload()?;
            store.ensure_alert_counts()?;
            store.ensure_deadline_counts()?;
            store.ensure_appeal_dates()?;
            if store.generation_incomplete()? {
                return Err(StoreError::Incomplete(path.to_path_buf()));
            }
            return Ok((store, None));
        }
        tracing::info!(
            "upgrading {} from format {from} to {CURRENT}",
            path.display()
        );
        let old_keys = match store.db.tree_names().iter().any(|n| n == OLD_LOOKUP) {
            true => store.db.open_tree(OLD_LOOKUP)?.len(),
            false => 0,
        };
        let mut progress = progress;
        // Said at once (the message and an empty bar), not after the first batch.
        progress(0, store.cases.len() as u64);
        if from < 8 {
            let n = store.rewrite_old_records(&mut progress)?;
            tracing::info!("{n} records rewritten in their new record version");
        }
        if from < 3 {
            // Format 3 also keys case numbers' entries by household: the lookup index is
            // rebuilt from every older format.
            super::lookup::rebuild(&store, &mut progress)?;
            store.rewrite_household_cases(&mut progress)?;
        }
        if from < 5 {
            store.rebuild_resident(&mut progress)?;
        }
        if from < 4 {
            store.rebuild_case_dates(&mut progress)?;
        }
        // The new indexes are complete and flushed before the old one goes: a crash in
        // between leaves the old format and the upgrade runs again.
        store
            .meta
            .insert(keys::META_SCHEMA, &CURRENT.to_be_bytes())?;
        store.flush()?;
        if old_keys > 0 || store.db.tree_names().iter().any(|n| n == OLD_LOOKUP) {
            store.db.drop_tree(OLD_LOOKUP)?;
        }
        store.flush()?;
        store.migrate_caseload()?;
        store.ensure_alert_counts()?;
        store.ensure_deadline_counts()?;
        let new_keys = store.lookup_entries();
        Ok((
            store,
            Some(Migrated {
                from,
                to: CURRENT,
                old_keys,
                new_keys,
            }),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::generate::{generate, GenerateOptions};

    /// A store of format 2 (empty `idx/household_case` values) is refused, upgraded to 3
    /// with every entry holding its case's town, stage and number, and then checks clean.
    #[test]
    fn a_store_of_format_2_is_upgraded_to_case_briefs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        {
            let store = Store::open(&path).unwrap();
            let opts = GenerateOptions {
                households: 60,
                seed: 3,
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            };
            generate(&store, opts, |_, _| {}).unwrap();
            let keys: Vec<_> = store
                .idx_household_case
                .iter()
                .keys()
                .map(|k| k.unwrap())
                .collect();
            for k in keys {
                store.idx_household_case.insert(k, &[]).unwrap();
            }
            store
                .meta
                .insert(keys::META_SCHEMA, &2u16.to_be_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        let refused = Store::open(&path).err().expect("refused");
        assert!(
            refused.to_string().contains("safetynet migrate"),
            "{refused}"
        );
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        let m = migrated.expect("upgraded");
        assert_eq!((m.from, m.to), (2, CURRENT));
        assert_eq!(last.0, last.1);
        assert_eq!(last.1, store.cases.len() as u64);
        for kv in store.cases.iter() {
            let (_, v) = kv.unwrap();
            let c: crate::domain::case::Case = super::super::envelope::decode(&v).unwrap();
            let briefs = store.case_briefs(c.household).unwrap();
            let b = briefs.iter().find(|b| b.id == c.id).expect("brief");
            assert_eq!((b.town, b.stage, b.number), (c.town, c.stage, c.number));
        }
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }
}

#[cfg(test)]
mod grouped_tests {
    use super::*;
    use crate::app::generate::{generate, GenerateOptions};
    use crate::domain::household::Household;

    /// A store of format 4 (`idx/resident` one key per ID number) is upgraded to 5:
    /// the tree is rebuilt grouped, with fewer keys, every number still found, and the
    /// store checks clean.
    #[test]
    fn a_store_of_format_4_gets_its_resident_index_grouped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        let people;
        {
            let store = Store::open(&path).unwrap();
            let opts = GenerateOptions {
                households: 200,
                seed: 5,
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            };
            generate(&store, opts, |_, _| {}).unwrap();
            // The tree as format 4 wrote it: ID number → household id.
            store.idx_resident.clear().unwrap();
            let mut n = 0;
            for kv in store.households.iter() {
                let (_, v) = kv.unwrap();
                let h: Household = super::super::envelope::decode(&v).unwrap();
                for m in &h.members {
                    store
                        .idx_resident
                        .insert(m.id.as_str().as_bytes(), &keys::id(h.id.0))
                        .unwrap();
                    n += 1;
                }
            }
            people = n;
            store
                .meta
                .insert(keys::META_SCHEMA, &4u16.to_be_bytes())
                .unwrap();
            store.flush().unwrap();
        }
        assert!(Store::open(&path).is_err(), "format 4 is refused");
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        let m = migrated.expect("upgraded");
        assert_eq!((m.from, m.to), (4, CURRENT));
        assert_eq!(last, (200, 200), "progress counts households");
        // One key per birth day in use (the first 14 characters), not per person.
        let mut days = std::collections::BTreeSet::new();
        for kv in store.households.iter() {
            let (_, v) = kv.unwrap();
            let h: Household = super::super::envelope::decode(&v).unwrap();
            days.extend(h.members.iter().map(|m| m.id.as_str()[..14].to_string()));
        }
        assert_eq!(store.idx_resident.len(), days.len());
        assert!(
            days.len() < people,
            "{} keys for {people} people",
            days.len()
        );
        for kv in store.households.iter() {
            let (_, v) = kv.unwrap();
            let h: Household = super::super::envelope::decode(&v).unwrap();
            for m in &h.members {
                assert_eq!(store.household_of(&m.id).unwrap(), Some(h.id));
            }
        }
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }
}
