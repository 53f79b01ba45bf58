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
//! deflated; the upgrade rewrites the older ones the same way;
//! 9 — `idx/figure` grouped the same way, by figure, town and household id >> 12; the
//! upgrade from 8 rebuilds it from the households;
//! 10 — `idx/household_case` grouped by household id >> 6; the upgrade from 9 rebuilds
//! it from the cases;
//! 11 — `idx/case_list` grouped by town, stage and case id >> 8; the upgrade from 10
//! rebuilds it from the cases and their households.

use std::path::Path;

use super::{keys, Store, StoreError};

/// The format this program writes.
pub const CURRENT: u16 = 11;

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
    /// Build the grouped indexes written from households again, those older than `from`
    /// (`idx/resident` before 5, `idx/figure` before 9), in one pass over the households,
    /// flushed in batches; `progress(done, total)` counts households.
    fn regroup_household_indexes(
        &self,
        from: u16,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<(), StoreError> {
        use super::case_index::{resident_entries, RESIDENT};
        use super::figures::FIGURE;
        use super::grouped::Pending;
        let (resident, figure) = (from < 5, from < 9);
        if !resident && !figure {
            return Ok(());
        }
        let lines = self.caseload()?.lines;
        for (redo, tree) in [(resident, &self.idx_resident), (figure, &self.idx_figure)] {
            if redo {
                tree.clear()?;
            }
        }
        let total = self.households.len() as u64;
        let (mut residents, mut figures) = (Pending::default(), Pending::default());
        let mut done = 0u64;
        let write = |residents: Pending, figures: Pending| -> Result<(), StoreError> {
            residents.write(RESIDENT, &self.idx_resident)?;
            figures.write(FIGURE, &self.idx_figure)?;
            self.flush()
        };
        for kv in self.households.iter() {
            let (_, v) = kv?;
            let h: crate::domain::household::Household = super::envelope::decode(&v)?;
            if resident {
                for (k, v) in resident_entries(&h) {
                    residents.insert(k, v);
                }
            }
            if figure {
                for (k, v) in super::figures::entries(&h, lines.as_ref()) {
                    figures.insert(k, v);
                }
            }
            done += 1;
            if done.is_multiple_of(20_000) {
                write(std::mem::take(&mut residents), std::mem::take(&mut figures))?;
                progress(done, total);
            }
        }
        write(residents, figures)?;
        progress(done, total);
        Ok(())
    }

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
        }
        if from < 10 {
            // Briefs in the values (3), grouped (10).
            store.rewrite_household_cases(&mut progress)?;
        }
        store.regroup_household_indexes(from, &mut progress)?;
        if from < 11 {
            store.rewrite_case_list(&mut progress)?;
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
            // Format 2's layout: one key per case, an empty value.
            let hc = super::super::case_index::HOUSEHOLD_CASE;
            let logical = hc.logical(&store.idx_household_case).unwrap();
            store.idx_household_case.clear().unwrap();
            for k in logical.into_keys() {
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
    use crate::store::grouped::Grouped;

    /// A generated store whose `trees` are laid out as before they were grouped (one key
    /// per logical entry), marked as format `from`.
    fn store_of_format(path: &Path, from: u16, trees: &[&str]) {
        let store = Store::open(path).unwrap();
        let opts = GenerateOptions {
            households: 200,
            seed: 5,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        };
        generate(&store, opts, |_, _| {}).unwrap();
        for name in trees {
            let (tree, layout): (&sled::Tree, Grouped) = match *name {
                "idx/resident" => (&store.idx_resident, crate::store::case_index::RESIDENT),
                "idx/case_list" => (&store.idx_case_list, crate::store::case_index::CASE_LIST),
                "idx/household_case" => (
                    &store.idx_household_case,
                    crate::store::case_index::HOUSEHOLD_CASE,
                ),
                _ => (&store.idx_figure, crate::store::figures::FIGURE),
            };
            let logical = layout.logical(tree).unwrap();
            tree.clear().unwrap();
            for (k, v) in logical {
                tree.insert(k, v).unwrap();
            }
        }
        store
            .meta
            .insert(keys::META_SCHEMA, &from.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
    }

    fn households(store: &Store) -> Vec<Household> {
        store
            .households
            .iter()
            .map(|kv| super::super::envelope::decode(&kv.unwrap().1).unwrap())
            .collect()
    }

    /// Format 4 (`idx/resident` one key per ID number) is upgraded: the tree is rebuilt
    /// grouped, one key per 14-character prefix, every number still found; the store
    /// checks clean.
    #[test]
    fn a_store_of_format_4_gets_its_resident_index_grouped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        store_of_format(&path, 4, &["idx/resident", "idx/figure"]);
        assert!(Store::open(&path).is_err(), "format 4 is refused");
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        let m = migrated.expect("upgraded");
        assert_eq!((m.from, m.to), (4, CURRENT));
        assert_eq!(last, (200, 200), "progress counts households");
        let hs = households(&store);
        let people: usize = hs.iter().map(|h| h.members.len()).sum();
        // One key per birth day in use (the first 14 characters), not per person.
        let days: std::collections::BTreeSet<String> = hs
            .iter()
            .flat_map(|h| h.members.iter().map(|m| m.id.as_str()[..14].to_string()))
            .collect();
        assert_eq!(store.idx_resident.len(), days.len());
        assert!(
            days.len() < people,
            "{} keys for {people} people",
            days.len()
        );
        for h in &hs {
            for m in &h.members {
                assert_eq!(store.household_of(&m.id).unwrap(), Some(h.id));
            }
        }
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }

    /// Format 8 (`idx/figure` one key per figure, town and household) is upgraded: the
    /// tree is rebuilt grouped with the same households behind each figure, in the same
    /// order, in far fewer keys; the store checks clean.
    #[test]
    fn a_store_of_format_8_gets_its_figure_index_grouped() {
        use crate::domain::drilldown::Figure;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        store_of_format(&path, 8, &["idx/figure"]);
        // The old layout's keys are the logical ones.
        let before: Vec<Vec<u8>> = {
            let store = Store::open_trees(&path).unwrap();
            let keys = store.idx_figure.iter().keys();
            keys.map(|k| k.unwrap().to_vec()).collect()
        };
        let entries = before.len();
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        assert_eq!(migrated.map(|m| (m.from, m.to)), Some((8, CURRENT)));
        assert_eq!(last, (200, 200), "progress counts households");
        // One key per figure, town and 4,096 household ids.
        let groups: std::collections::BTreeSet<Vec<u8>> = before
            .iter()
            .map(|k| crate::store::figures::FIGURE.split(k).0)
            .collect();
        assert_eq!(store.idx_figure.len(), groups.len());
        assert!(groups.len() * 4 < entries, "{} for {entries}", groups.len());
        assert!(entries > 100, "{entries}");
        let after = crate::store::figures::FIGURE
            .logical(&store.idx_figure)
            .unwrap();
        assert_eq!(after.into_keys().collect::<Vec<_>>(), before);
        for f in Figure::ALL {
            let n = before.iter().filter(|k| k[0] == f.code()).count();
            assert_eq!(store.figure_index_len(*f), n, "{f:?}");
            let rows = store.figure_rows(*f, None, 0, usize::MAX).unwrap();
            assert_eq!(rows.len(), n, "{f:?}");
        }
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }

    /// Format 9 (`idx/household_case` one key per case) is upgraded: rebuilt grouped from
    /// the cases (progress counts cases), the same briefs in the same order, one key per
    /// 64 household ids; the store checks clean.
    #[test]
    fn a_store_of_format_9_gets_its_household_case_index_grouped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        store_of_format(&path, 9, &["idx/household_case"]);
        let before: Vec<(Vec<u8>, Vec<u8>)> = {
            let store = Store::open_trees(&path).unwrap();
            let kvs = store.idx_household_case.iter();
            kvs.map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap())
                .collect()
        };
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        assert_eq!(migrated.map(|m| (m.from, m.to)), Some((9, CURRENT)));
        assert_eq!(last, (200, 200), "progress counts cases");
        let hc = crate::store::case_index::HOUSEHOLD_CASE;
        let after: Vec<_> = hc
            .logical(&store.idx_household_case)
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(after, before);
        let groups: std::collections::BTreeSet<Vec<u8>> =
            before.iter().map(|(k, _)| hc.split(k).0).collect();
        assert_eq!(store.idx_household_case.len(), groups.len());
        assert!(groups.len() * 10 < before.len(), "{}", groups.len());
        for h in households(&store) {
            let ids: Vec<_> = store
                .case_briefs(h.id)
                .unwrap()
                .iter()
                .map(|b| b.id)
                .collect();
            assert_eq!(store.case_ids_of(h.id).unwrap(), ids);
            assert_eq!(store.latest_case_of(h.id).unwrap(), ids.last().copied());
            assert!(!ids.is_empty());
        }
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }

    /// Format 10 (`idx/case_list` one key per case) is upgraded: rebuilt grouped from the
    /// cases (progress counts cases), the same rows in the same order; the store checks
    /// clean.
    #[test]
    fn a_store_of_format_10_gets_its_case_list_grouped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s");
        store_of_format(&path, 10, &["idx/case_list"]);
        let before: Vec<(Vec<u8>, Vec<u8>)> = {
            let store = Store::open_trees(&path).unwrap();
            let kvs = store.idx_case_list.iter();
            kvs.map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).unwrap())
                .collect()
        };
        let mut last = (0, 0);
        let (store, migrated) = Store::migrate(&path, |d, t| last = (d, t)).unwrap();
        assert_eq!(migrated.map(|m| (m.from, m.to)), Some((10, CURRENT)));
        assert_eq!(last, (200, 200), "progress counts cases");
        let cl = crate::store::case_index::CASE_LIST;
        let after: Vec<_> = cl
            .logical(&store.idx_case_list)
            .unwrap()
            .into_iter()
            .collect();
        assert_eq!(after, before);
        let groups: std::collections::BTreeSet<Vec<u8>> =
            before.iter().map(|(k, _)| cl.split(k).0).collect();
        assert_eq!(store.idx_case_list.len(), groups.len());
        assert!(groups.len() < before.len(), "{}", groups.len());
        let rows = store
            .case_rows(crate::store::CaseFilter::default(), 0, usize::MAX)
            .unwrap();
        assert_eq!(rows.len(), before.len());
        let report = store.check().unwrap();
        assert!(report.is_clean(), "{:#?}", report.findings);
    }
}
