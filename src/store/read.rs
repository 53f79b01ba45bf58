//! Reads: records by id, list rows through the index, counters, deadlines, history.

use std::collections::BinaryHeap;

use chrono::NaiveDate;

use super::audit::AuditEntry;
use super::envelope::{decode, Record};
use super::{keys, Store, StoreError};
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::Caseload;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::resident_id::ResidentId;
use crate::domain::town::Town;

/// Which cases a list shows. `None` means all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseFilter {
    pub town: Option<Town>,
    pub stage: Option<Stage>,
}

impl CaseFilter {
    fn prefixes(&self) -> Vec<[u8; 2]> {
        let towns: Vec<Town> = self.town.map_or_else(|| Town::ALL.to_vec(), |t| vec![t]);
        let stages: Vec<Stage> = self.stage.map_or_else(|| Stage::ALL.to_vec(), |s| vec![s]);
        towns
            .iter()
            .flat_map(|t| stages.iter().map(|s| keys::case_list_prefix(*t, *s)))
            .collect()
    }
}

pub(super) fn get<T: Record>(tree: &sled::Tree, key: &[u8]) -> Result<Option<T>, StoreError> {
    tree.get(key)?.map(|v| decode(&v)).transpose()
}

impl Store {
    pub fn household(&self, id: HouseholdId) -> Result<Option<Household>, StoreError> {
        get(&self.households, &keys::household(id))
    }

    pub fn case(&self, id: CaseId) -> Result<Option<Case>, StoreError> {
        get(&self.cases, &keys::case(id))
    }

    pub fn caseload(&self) -> Result<Caseload, StoreError> {
        Ok(get(&self.meta, keys::META_CASELOAD)?.unwrap_or_default())
    }

    /// The household a resident ID number belongs to, if any.
    pub fn household_of(&self, id: &ResidentId) -> Result<Option<HouseholdId>, StoreError> {
        Ok(super::case_index::RESIDENT
            .get(&self.idx_resident, id.as_str().as_bytes())?
            .and_then(|v| keys::read_u64(&v))
            .map(HouseholdId))
    }

    /// Every case of a household, oldest first.
    pub fn case_ids_of(&self, h: HouseholdId) -> Result<Vec<CaseId>, StoreError> {
        let mut out = Vec::new();
        let prefix = keys::household(h);
        let hc = super::case_index::HOUSEHOLD_CASE;
        for kv in hc.scan_prefix(&self.idx_household_case, &prefix) {
            let (k, _) = kv?;
            if let Some(id) = k.get(8..).and_then(keys::read_u64) {
                out.push(CaseId(id));
            }
        }
        Ok(out)
    }

    /// A page of list rows, newest case first, read from the list index only.
    pub fn case_rows(
        &self,
        filter: CaseFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let prefixes = filter.prefixes();
        self.merge_rows(&prefixes, offset, limit)
    }

    /// List rows under several `idx/case_list` prefixes (each ordered by case id), merged
    /// newest first, skipping `offset`, at most `limit`.
    pub(super) fn merge_rows(
        &self,
        prefixes: &[[u8; 2]],
        offset: usize,
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let mut iters: Vec<_> = prefixes
            .iter()
            .map(|p| {
                super::case_index::CASE_LIST
                    .scan_prefix(&self.idx_case_list, p)
                    .rev()
            })
            .collect();
        let mut heap = BinaryHeap::new();
        for (i, it) in iters.iter_mut().enumerate() {
            if let Some(kv) = it.next() {
                let (k, v) = kv?;
                heap.push((k.get(2..).and_then(keys::read_u64).unwrap_or(0), i, v));
            }
        }
        // `limit` may be "all" (usize::MAX): reserve a page, not the limit.
        let mut out = Vec::with_capacity(limit.min(256));
        let mut skipped = 0;
        while let Some((_, i, v)) = heap.pop() {
            if skipped < offset {
                skipped += 1;
            } else {
                out.push(decode::<CaseRow>(&v)?);
                if out.len() >= limit {
                    break;
                }
            }
            if let Some(kv) = iters[i].next() {
                let (k, v) = kv?;
                heap.push((k.get(2..).and_then(keys::read_u64).unwrap_or(0), i, v));
            }
        }
        Ok(out)
    }

    /// The list row of one case.
    pub fn case_row(&self, case: &Case) -> Result<Option<CaseRow>, StoreError> {
        self.list_row(&keys::case_list(case.town, case.stage, case.id))
    }

    /// Cases whose clock runs and whose deadline falls in `from..=to`, earliest first,
    /// in `towns` (all when empty).
    pub fn cases_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        towns: &[Town],
        limit: usize,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let mut out = Vec::new();
        for kv in self
            .idx_deadline
            .range(keys::day(from).to_vec()..keys::day(to.succ_opt().unwrap_or(to)).to_vec())
        {
            let (k, v) = kv?;
            let (Some(town), Some(stage), Some(id)) = (
                v.first().and_then(|c| Town::from_code(*c)),
                v.get(1).and_then(|c| Stage::from_code(*c)),
                k.get(4..).and_then(keys::read_u64),
            ) else {
                continue;
            };
            if !towns.is_empty() && !towns.contains(&town) {
                continue;
            }
            if let Some(row) = self.list_row(&keys::case_list(town, stage, CaseId(id)))? {
                out.push(row);
                if out.len() >= limit {
                    break;
                }
            }
        }
        Ok(out)
    }

    /// How many cases with a running clock have a deadline in `from..=to` (all towns or
    /// `towns`), from the counts kept by day (`idx/deadline_day`: one key per day and town).
    pub fn count_due(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        towns: &[Town],
    ) -> Result<u64, StoreError> {
        self.count_due_kept(from, to, towns)
    }

    /// Audit entries about one target (`case:12`), oldest first.
    pub fn audit_of(&self, target: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let mut out = Vec::new();
        for kv in self
            .idx_audit_target
            .scan_prefix(keys::audit_target_prefix(target))
        {
            let (k, _) = kv?;
            let seq = k.len().checked_sub(8).and_then(|i| keys::read_u64(&k[i..]));
            if let Some(seq) = seq {
                if let Some(e) = get(&self.audit, &keys::id(seq))? {
                    out.push(e);
                }
            }
        }
        Ok(out)
    }

    /// The whole audit trail, oldest first.
    pub fn audit_trail(&self) -> impl Iterator<Item = Result<AuditEntry, StoreError>> + '_ {
        self.audit
            .iter()
            .values()
            .map(|v| v.map_err(StoreError::from).and_then(|v| decode(&v)))
    }

    /// Number of households (from the counters).
    pub fn household_count(&self) -> Result<i64, StoreError> {
        Ok(self.caseload()?.district().households)
    }
}
