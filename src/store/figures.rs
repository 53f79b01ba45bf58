//! `idx/figure`: the households behind each dashboard figure, for drill-down.
//! key = figure code, town code, household id (8 bytes) → (), kept grouped
//! ([`FIGURE`]: 4,096 household ids to a sled key). Written with the household in the
//! same transaction, from the same `figures_of` the counters use.
//!
//! Also the full recount: the counters and this index rebuilt from the records, for a
//! store written by an older version, after the monitoring line changed, and by tests
//! that check the counters kept on write.

use super::envelope::{decode, encode, Record};
use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::grouped::{self, Grouped};
use super::lookup::Entries;

/// `idx/figure` is grouped by figure, town and household id >> 12. Measured on a
/// generated district of 3,000 households (ids dense): 24 entries a group on average; at
/// most 34 in 1,024 ids, so ~140 in 4,096 at any size (4 bytes each: the id's last 12
/// bits in 2 bytes and two lengths, no value), a save rewriting under 600 bytes.
pub(super) const FIGURE: Grouped = Grouped {
    prefix: 9,
    mask: 0xF0,
};

/// Inside a write transaction: replace `old` entries by `new`, touching only what changed.
pub(super) fn reindex(
    t: &TransactionalTree,
    old: &Entries,
    new: &Entries,
) -> Result<(), UnabortableTransactionError> {
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        t.remove(k.as_slice())?;
    }
    for (k, v) in new {
        if old.get(k) != Some(v) {
            t.insert(k.as_slice(), v.as_slice())?;
        }
    }
    Ok(())
}
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::Caseload;
use crate::domain::drilldown::{figures_of, Figure, MonitoringLines};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::town::Town;

fn key(f: Figure, town: Town, h: HouseholdId) -> Vec<u8> {
    let mut k = Vec::with_capacity(10);
    k.push(f.code());
    k.push(town.code());
    k.extend_from_slice(&keys::id(h.0));
    k
}

/// The index entries of one household under the given monitoring line.
pub(super) fn entries(h: &Household, lines: Option<&MonitoringLines>) -> Entries {
    figures_of(h, lines)
        .into_iter()
        .map(|f| (key(f, h.town, h.id), Vec::new()))
        .collect()
}

impl Store {
    /// Every `idx/figure` entry the readable households call for under `lines` (for
    /// `check` and `check --repair`).
    pub(super) fn figure_expected(
        &self,
        lines: Option<&MonitoringLines>,
    ) -> Result<Entries, StoreError> {
        let mut out = Entries::new();
        for kv in self.households.iter() {
            let (_, v) = kv?;
            if let Ok(h) = decode::<Household>(&v) {
                out.extend(entries(&h, lines));
            }
        }
        Ok(FIGURE.physical(out))
    }

    /// A page of the households a figure counts (the list row of each one's newest
    /// case), in `town` or all towns, by town then household.
    pub fn figure_rows(
        &self,
        figure: Figure,
        town: Option<Town>,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let mut prefix = vec![figure.code()];
        if let Some(t) = town {
            prefix.push(t.code());
        }
        // `limit` may be "all" (usize::MAX): reserve a page, not the limit.
        let mut out = Vec::with_capacity(limit.min(256));
        for kv in FIGURE.scan_prefix(&self.idx_figure, &prefix).skip(offset) {
            let (k, _) = kv?;
            let Some(h) = k.get(2..).and_then(keys::read_u64).map(HouseholdId) else {
                continue;
            };
            // The household's newest case, its row found without reading the case.
            if let Some(row) = self.hit_row(h, None)? {
                out.push(row);
            }
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// A page of a town's cases in any of `stages`, newest first, from the list index.
    pub fn case_rows_at(
        &self,
        town: Town,
        stages: &[crate::domain::case::Stage],
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let prefixes: Vec<[u8; 2]> = stages
            .iter()
            .map(|s| keys::case_list_prefix(town, *s))
            .collect();
        self.merge_rows(&prefixes, offset, limit)
    }

    /// Households in the figure index for `figure` (a scan, for tests and `check`).
    pub fn figure_index_len(&self, figure: Figure) -> usize {
        FIGURE
            .scan_prefix(&self.idx_figure, &[figure.code()])
            .count()
    }

    /// The counters recounted from every record by `lines`, writing nothing (what a
    /// read-only command shows when the line in force changed since the last count).
    pub fn count_caseload(&self, lines: Option<MonitoringLines>) -> Result<Caseload, StoreError> {
        let mut caseload = Caseload {
            lines,
            ..Caseload::default()
        };
        for kv in self.households.iter() {
            let (_, v) = kv?;
            caseload.apply_household(&decode::<Household>(&v)?, 1);
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            caseload.apply_case(&decode::<Case>(&v)?, 1);
        }
        Ok(caseload)
    }

    /// Rebuild the counters and the figure index from every record, counting the income
    /// figure by `lines`. Reads the whole store: for migrations and a changed line only.
    pub fn recount_caseload(&self, lines: Option<MonitoringLines>) -> Result<Caseload, StoreError> {
        let mut caseload = Caseload {
            lines,
            ..Caseload::default()
        };
        let mut index = grouped::Pending::default();
        for kv in self.households.iter() {
            let (_, v) = kv?;
            let h: Household = decode(&v)?;
            caseload.apply_household(&h, 1);
            for (k, v) in entries(&h, lines.as_ref()) {
                index.insert(k, v);
            }
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            let c: Case = decode(&v)?;
            caseload.apply_case(&c, 1);
        }
        let bytes = encode(&caseload)?;
        let _gate = self.write_gate()?;
        self.idx_figure.clear()?;
        index.write(FIGURE, &self.idx_figure)?;
        self.meta.insert(keys::META_CASELOAD, bytes)?;
        self.flush()?;
        Ok(caseload)
    }

    /// On opening: a caseload written in an older format is recounted from the records.
    pub(super) fn migrate_caseload(&self) -> Result<(), StoreError> {
        let Some(bytes) = self.meta.get(keys::META_CASELOAD)? else {
            return Ok(());
        };
        let version = bytes.get(2..4).map(|v| u16::from_be_bytes([v[0], v[1]]));
        if version.is_some_and(|v| v < Caseload::VERSION) {
            tracing::info!("recounting the caseload written in format {version:?}");
            self.recount_caseload(None)?;
        }
        Ok(())
    }
}
