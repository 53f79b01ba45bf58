//! `idx/deadline_day`: how many cases with a running clock have their deadline on each
//! day, by town, so the dashboard's overdue and due-soon counts read one key per day and
//! town instead of every case's `idx/deadline` entry (at 1,000,000 households the overdue
//! count alone walked over 50,000 entries at every start).
//!
//! Key: day (4 bytes) ‖ town code; value: the count (u64); a count of 0 has no key.
//! Kept by `write.rs` in the same transaction as the case's `idx/deadline` entry, counted
//! from `idx/deadline` when a store without it is opened (`ensure_deadline_counts`: a
//! store written before it, once), compared with the case records and repaired by `check`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::envelope::decode;
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::town::Town;

pub(super) const TREE: &str = "idx/deadline_day";
/// In `meta` once `idx/deadline_day` has been counted for this store.
const COUNTED: &[u8] = b"deadline/day_counted";

/// The key a case counts under, while its clock runs (as `case_index::deadline_entry`).
pub(super) fn key_of(c: &Case) -> Option<[u8; 5]> {
    c.deadline
        .filter(|_| c.stage.clock_runs())
        .map(|d| day_key(d.date, c.town))
}

fn day_key(day: NaiveDate, town: Town) -> [u8; 5] {
    let d = keys::day(day);
    [d[0], d[1], d[2], d[3], town.code()]
}

/// Inside the case's write: count `new` instead of `old` (the stored case, if any).
pub(super) fn count_in(
    tree: &TransactionalTree,
    old: Option<&Case>,
    new: &Case,
) -> Result<(), UnabortableTransactionError> {
    super::tx::move_count(tree, old.and_then(key_of), key_of(new))
}

/// The bulk load's counts, written once at its end.
#[derive(Default)]
pub(super) struct BulkCounts(BTreeMap<[u8; 5], u64>);

impl BulkCounts {
    pub(super) fn add(&mut self, c: &Case) {
        if let Some(k) = key_of(c) {
            *self.0.entry(k).or_default() += 1;
        }
    }

    pub(super) fn write(self, store: &Store) -> Result<(), StoreError> {
        let tree = store.named(TREE)?;
        for (k, n) in self.0 {
            tree.insert(k, &keys::id(n))?;
        }
        store.meta.insert(COUNTED, &[])?;
        Ok(())
    }
}

impl Store {
    /// How many cases with a running clock have a deadline in `from..=to`, in `towns`
    /// (all when empty).
    pub(super) fn count_due_kept(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        towns: &[Town],
    ) -> Result<u64, StoreError> {
        let end = keys::day(to.succ_opt().unwrap_or(to));
        let mut n = 0;
        for kv in self
            .named(TREE)?
            .range(keys::day(from).to_vec()..end.to_vec())
        {
            let (k, v) = kv?;
            let town = k.get(4).and_then(|c| Town::from_code(*c));
            if towns.is_empty() || town.is_some_and(|t| towns.contains(&t)) {
                n += keys::read_u64(&v).unwrap_or(0);
            }
        }
        Ok(n)
    }

    /// What `idx/deadline_day` should hold, from the case records.
    pub(super) fn deadline_days_expected(&self) -> Result<Entries, StoreError> {
        let mut counts = BulkCounts::default();
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            if let Ok(c) = decode::<Case>(&v) {
                counts.add(&c);
            }
        }
        Ok(counts
            .0
            .into_iter()
            .map(|(k, n)| (k.to_vec(), keys::id(n).to_vec()))
            .collect())
    }

    /// On opening a store that has not counted its deadlines by day yet (written before
    /// `idx/deadline_day`): count them from `idx/deadline` (no case read) and mark the
    /// store, flushed. Nothing to do on every later open.
    pub(super) fn ensure_deadline_counts(&self) -> Result<(), StoreError> {
        if self.meta.get(COUNTED)?.is_some() {
            return Ok(());
        }
        let mut counts = BTreeMap::<[u8; 5], u64>::new();
        for kv in self.idx_deadline.iter() {
            let (k, v) = kv?;
            if let (Some(d), Some(t)) = (k.get(..4), v.first()) {
                *counts.entry([d[0], d[1], d[2], d[3], *t]).or_default() += 1;
            }
        }
        let tree = self.named(TREE)?;
        tree.clear()?;
        for (k, n) in counts {
            tree.insert(k, &keys::id(n))?;
        }
        self.meta.insert(COUNTED, &[])?;
        self.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::generate::{generate, GenerateOptions};
    use crate::domain::case::{CaseId, Deadline, Stage};
    use crate::store::check::FindingKind;
    use crate::store::{AuditEntry, Change};

    fn stored(store: &Store) -> Entries {
        store
            .named(TREE)
            .expect("tree")
            .iter()
            .map(|kv| {
                let (k, v) = kv.expect("read");
                (k.to_vec(), v.to_vec())
            })
            .collect()
    }

    /// Every case's `idx/deadline` entry in `from..=to` and `towns`, one by one.
    fn walked(store: &Store, from: NaiveDate, to: NaiveDate, towns: &[Town]) -> u64 {
        let mut n = 0;
        for kv in store.idx_deadline.iter() {
            let (k, v) = kv.expect("read");
            let day = |d: NaiveDate| keys::day(d).to_vec();
            let t = v.first().and_then(|c| Town::from_code(*c)).expect("town");
            if k[..4] >= day(from)[..]
                && k[..4] <= day(to)[..]
                && (towns.is_empty() || towns.contains(&t))
            {
                n += 1;
            }
        }
        n
    }

    fn save(store: &Store, c: Case) {
        let audit = AuditEntry::new(
            NaiveDate::from_ymd_opt(2026, 3, 2)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .expect("t"),
            "test",
            "test.edit",
            format!("case:{}", c.id.0),
        );
        store
            .save(Change {
                household: None,
                case: Some(c),
                number_case_in: None,
                audit,
            })
            .expect("save");
    }

    /// The kept counts give what a walk of idx/deadline gives, after the bulk load and
    /// after cases move deadline, town scope and stage; a store without them is counted on
    /// opening; `check` finds a removed and a wrong count and the repair restores them.
    #[test]
    fn counts_by_day_equal_a_walk_and_are_checked_and_repaired() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let store = Store::open(dir.path()).expect("open");
        let opts = GenerateOptions {
            households: 300,
            seed: 9,
            as_of: d("2026-03-02"),
        };
        generate(&store, opts, |_, _| {}).expect("generate");
        let ranges = [
            (d("1900-01-01"), d("2026-03-01")),
            (d("2026-03-02"), d("2026-03-05")),
            (d("2026-01-01"), d("2026-12-31")),
        ];
        let towns = [vec![], vec![Town::ALL[0]], vec![Town::ALL[1], Town::ALL[2]]];
        let same = |store: &Store| {
            for (from, to) in ranges {
                for t in &towns {
                    assert_eq!(
                        store.count_due_kept(from, to, t).expect("kept"),
                        walked(store, from, to, t),
                        "{from}..={to} {t:?}"
                    );
                }
            }
            assert_eq!(
                stored(store),
                store.deadline_days_expected().expect("expected")
            );
        };
        same(&store);
        assert!(walked(&store, ranges[0].0, ranges[0].1, &[]) > 0);

        // A deadline moved, a clock stopped, a clock started.
        let running: Vec<Case> = store
            .cases
            .iter()
            .filter_map(|kv| decode::<Case>(&kv.expect("read").1).ok())
            .filter(|c| key_of(c).is_some())
            .take(2)
            .collect();
        let mut moved = running[0].clone();
        moved.deadline = Some(Deadline {
            date: d("2026-03-04"),
            provisional: false,
        });
        save(&store, moved);
        let mut stopped = running[1].clone();
        stopped.stage = Stage::Withdrawn;
        save(&store, stopped.clone());
        same(&store);
        let mut started = store
            .case(CaseId(stopped.id.0))
            .expect("read")
            .expect("case");
        started.stage = Stage::UnderReview;
        save(&store, started);
        same(&store);

        // As a store written before idx/deadline_day: counted again on opening.
        store.named(TREE).expect("tree").clear().expect("clear");
        store.meta.remove(COUNTED).expect("unmark");
        store.flush().expect("flush");
        drop(store);
        let store = Store::open(dir.path()).expect("open");
        same(&store);

        let want = stored(&store);
        let mut keys_of = want.keys();
        let gone = keys_of.next().expect("one").clone();
        let wrong = keys_of.next().expect("two").clone();
        let tree = store.named(TREE).expect("tree");
        tree.remove(&gone).expect("remove");
        tree.insert(&wrong, &keys::id(999)).expect("wrong");
        let report = store.check().expect("check");
        let here = |kind: FindingKind| {
            report
                .findings
                .iter()
                .filter(|f| f.kind == kind && f.place == TREE)
                .map(|f| f.count)
                .sum::<u64>()
        };
        assert_eq!(here(FindingKind::MissingIndexEntry), 1, "{report:#?}");
        assert_eq!(here(FindingKind::WrongIndexEntry), 1, "{report:#?}");
        let at = d("2026-03-02").and_hms_opt(9, 0, 0).expect("at");
        store.repair(&report, at, "admin").expect("repair");
        same(&store);
        assert!(store.check().expect("check").is_clean());
    }
}
