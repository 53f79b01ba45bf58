//! `idx/alert_open`: how many alerts are open, by town and severity, so the dashboard's
//! open-alert line reads at most 27 keys instead of the whole alert queue (at 1,000,000
//! households that walk was a third of the program's start).
//!
//! Key: town code ‖ severity code; value: the count (u64); a count of 0 has no key.
//! Kept by `write_alert` in the same transaction as the alert, counted from the queue
//! when a store without it is opened (`ensure_alert_counts`: a store written before it,
//! once), compared with the alert records and repaired by `check`.

use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::envelope::decode;
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::monitoring::{Alert, Severity};
use crate::domain::town::Town;

pub(super) const TREE: &str = "idx/alert_open";
/// In `meta` once `idx/alert_open` has been counted for this store.
const COUNTED: &[u8] = b"alerts/open_counted";

fn key(town: Town, severity: Severity) -> [u8; 2] {
    [town.code(), severity.code()]
}

fn open_key(a: &Alert) -> Option<[u8; 2]> {
    a.status.is_open().then(|| key(a.town, a.severity))
}

/// Inside the alert's write: count `new` instead of `old` (the stored alert, if any).
pub(super) fn count_in(
    tree: &TransactionalTree,
    old: Option<&Alert>,
    new: &Alert,
) -> Result<(), UnabortableTransactionError> {
    super::tx::move_count(tree, old.and_then(open_key), open_key(new))
}

impl Store {
    /// Open alerts in `towns` (all when empty) by severity, indexed by `Severity::index()`.
    pub(super) fn open_alert_counts_kept(&self, towns: &[Town]) -> Result<[u64; 3], StoreError> {
        let mut counts = [0u64; 3];
        for kv in self.named(TREE)?.iter() {
            let (k, v) = kv?;
            let town = k.first().and_then(|c| Town::from_code(*c));
            if !towns.is_empty() && !town.is_some_and(|t| towns.contains(&t)) {
                continue;
            }
            let sev = k.get(1).and_then(|c| Severity::from_code(*c));
            if let Some(slot) = sev.and_then(|s| counts.get_mut(s.index())) {
                *slot += keys::read_u64(&v).unwrap_or(0);
            }
        }
        Ok(counts)
    }

    /// What `idx/alert_open` should hold, from the alert records.
    pub(super) fn alert_open_expected(&self) -> Result<Entries, StoreError> {
        let mut counts = std::collections::BTreeMap::<[u8; 2], u64>::new();
        for kv in self.named(super::monitoring::ALERTS)?.iter() {
            let (_, v) = kv?;
            if let Some(k) = decode::<Alert>(&v).ok().as_ref().and_then(open_key) {
                *counts.entry(k).or_default() += 1;
            }
        }
        Ok(counts
            .into_iter()
            .map(|(k, n)| (k.to_vec(), keys::id(n).to_vec()))
            .collect())
    }

    /// On opening a store that has not counted its open alerts yet (written before
    /// `idx/alert_open`): count them from the alert queue (keys only, no alert read) and
    /// mark the store, flushed. Nothing to do on every later open.
    pub(super) fn ensure_alert_counts(&self) -> Result<(), StoreError> {
        if self.meta.get(COUNTED)?.is_some() {
            return Ok(());
        }
        let mut counts = std::collections::BTreeMap::<[u8; 2], u64>::new();
        for kv in self.named("idx/alert_queue")?.iter() {
            let (k, v) = kv?;
            let town = v.first().and_then(|c| Town::from_code(*c));
            let sev = k.first().and_then(|c| Severity::from_code(*c));
            if let (Some(t), Some(s)) = (town, sev) {
                *counts.entry(key(t, s)).or_default() += 1;
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
    use crate::store::check::FindingKind;

    /// A generated district whose alert rules have run (as the demo does), as a store.
    fn with_open_alerts(path: &std::path::Path) -> crate::app::Services {
        let mut services = crate::app::Services::open(path).expect("open");
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        services.fixed_today = Some(as_of);
        let opts = crate::app::generate::GenerateOptions {
            households: 300,
            seed: 5,
            as_of,
        };
        crate::app::generate::generate(&services.store, opts, |_, _| {}).expect("generate");
        let officer = crate::app::session::Actor::demo_officer();
        crate::app::monitoring::reevaluate(&services, &officer).expect("alerts");
        services
    }

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

    /// A store opened before the counts existed is counted once from its queue; `check`
    /// finds a removed count and a wrong one, and the repair restores them.
    #[test]
    fn counts_are_made_on_first_open_and_checked_and_repaired() {
        let dir = tempfile::tempdir().expect("tempdir");
        let services = with_open_alerts(dir.path());
        let officer = crate::app::session::Actor::demo_officer();
        // Kept by each alert's write: the ones raised, one verified (still open), one
        // verified then found no risk (closed).
        let open = services.store.open_alerts(&[], 0, 2).expect("queue");
        assert_eq!(open.len(), 2);
        crate::app::monitoring::verify(&services, &officer, open[0].id, open[0].rev)
            .expect("verify");
        let second = crate::app::monitoring::verify(&services, &officer, open[1].id, open[1].rev)
            .expect("verify");
        let before = services.store.open_alert_counts_kept(&[]).expect("counts");
        crate::app::monitoring::no_risk(
            &services,
            &officer,
            second.id,
            second.rev,
            "入户核实，收入已恢复",
        )
        .expect("no risk");
        let store = &services.store;
        // One fewer open of the second's severity.
        let after = store.open_alert_counts_kept(&[]).expect("counts");
        let i = open[1].severity.index();
        assert_eq!(after[i] + 1, before[i]);
        let want = store.alert_open_expected().expect("expected");
        assert!(want.len() >= 2, "{want:?}");
        assert_eq!(stored(store), want);
        let all: u64 = store
            .open_alert_counts_kept(&[])
            .expect("counts")
            .iter()
            .sum();
        let queue = store.named("idx/alert_queue").expect("queue").len() as u64;
        assert_eq!(all, queue);
        // As a store written before idx/alert_open: no counts, no mark.
        store.named(TREE).expect("tree").clear().expect("clear");
        store.meta.remove(COUNTED).expect("unmark");
        store.flush().expect("flush");
        drop(services);
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(stored(&store), want);

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
        let at = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("at");
        store.repair(&report, at, "admin").expect("repair");
        assert_eq!(stored(&store), want);
        assert!(store.check().expect("check").is_clean());
    }
}
