//! Loading a generated district in batches. sled's memory balloons on millions of
//! single inserts; a batch per tree every few thousand households keeps it flat.
//! Not transactional across trees: it is for filling a new, empty store only.

use std::collections::BTreeMap;

use super::audit::AuditEntry;
use super::envelope::encode;
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::drilldown::MonitoringLines;
use crate::domain::household::Household;

pub struct BulkLoader<'a> {
    store: &'a Store,
    caseload: Caseload,
    households: Pending,
    cases: Pending,
    idx_resident: super::grouped::Pending,
    idx_case_list: super::grouped::Pending,
    idx_deadline: Pending,
    idx_household_case: super::grouped::Pending,
    idx_terms: super::lookup::BulkTerms,
    idx_figure: super::grouped::Pending,
    idx_case_date: Pending,
    deadline_days: super::deadline_counts::BulkCounts,
    pending: usize,
    /// Households since the scattered trees were written (see [`SPAN`]).
    spanned: usize,
    /// [`BATCH`] and [`SPAN`] (smaller in tests, to cross both).
    sizes: (usize, usize),
    max_id: u64,
    case_number_seq: BTreeMap<i32, u32>,
}

/// Key-value pairs waiting to be written to one tree.
#[derive(Default)]
struct Pending(Vec<(Vec<u8>, Vec<u8>)>);

impl Pending {
    fn insert(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) {
        self.0
            .push((key.as_ref().to_vec(), value.as_ref().to_vec()));
    }

    /// Plain inserts: sled 0.34's `apply_batch` holds on to memory far beyond
    /// `cache_capacity` on large loads (sled issue #1303); inserts stay within it.
    fn write(mut self, tree: &sled::Tree) -> Result<(), StoreError> {
        // In key order, so sled fills its pages instead of splitting them at random.
        self.0.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (k, v) in self.0 {
            tree.insert(k, v)?;
        }
        Ok(())
    }
}

/// Households per batch.
const BATCH: usize = 20_000;

/// Households between writes of the trees whose entries a batch scatters over the whole
/// tree (the lookup index, `idx/resident`, `idx/deadline`). Every write of a bucket or a
/// group rewrites it whole, and sled keeps the dead copies until it cleans their segments:
/// written every batch, each was rewritten up to 50 times at 1,000,000 households, and the
/// store was 3.24 GB on disk for 0.88 GB of keys and values (2.1 GB expected from sled's
/// layout). Their pending entries are compact (`lookup::BulkTerms`, about 14 bytes an
/// entry), so a span holds about 150 MB at most.
const SPAN: usize = 100_000;

impl<'a> BulkLoader<'a> {
    /// Refuses a store that already holds households.
    pub fn new(store: &'a Store) -> Result<BulkLoader<'a>, StoreError> {
        if store.households.first()?.is_some() {
            return Err(StoreError::Refused(
                "这个数据库已有数据，只能向空数据库生成 / the store is not empty; generate into a new store".into(),
            ));
        }
        store.meta.insert(keys::META_GENERATING, &[])?;
        store.flush()?;
        Ok(BulkLoader {
            store,
            caseload: Caseload::default(),
            households: Pending::default(),
            cases: Pending::default(),
            idx_resident: Default::default(),
            idx_case_list: Default::default(),
            idx_deadline: Pending::default(),
            idx_household_case: Default::default(),
            idx_terms: super::lookup::BulkTerms::default(),
            idx_figure: Default::default(),
            idx_case_date: Pending::default(),
            deadline_days: Default::default(),
            pending: 0,
            spanned: 0,
            sizes: (BATCH, SPAN),
            max_id: 0,
            case_number_seq: BTreeMap::new(),
        })
    }

    /// Write batches of `batch` households and the scattered trees every `span` (tests).
    #[cfg(test)]
    pub(crate) fn with_sizes(mut self, batch: usize, span: usize) -> BulkLoader<'a> {
        self.sizes = (batch, span);
        self
    }

    /// Count the income figure by this monitoring line (call before adding households).
    pub fn set_monitoring_lines(&mut self, lines: Option<MonitoringLines>) {
        self.caseload.lines = lines;
    }

    /// Add a household with its cases; ids must be unique and `rev` 1.
    pub fn add(&mut self, household: &Household, cases: &[Case]) -> Result<(), StoreError> {
        self.max_id = self.max_id.max(household.id.0);
        self.households
            .insert(keys::household(household.id), encode(household)?);
        for (k, v) in super::case_index::resident_entries(household) {
            self.idx_resident.insert(k, v);
        }
        self.caseload.apply_household(household, 1);
        self.idx_terms
            .add(super::lookup::household_entries(household));
        for (k, v) in super::figures::entries(household, self.caseload.lines.as_ref()) {
            self.idx_figure.insert(k, v);
        }
        for c in cases {
            self.max_id = self.max_id.max(c.id.0);
            if let Some(n) = c.number {
                let seq = self.case_number_seq.entry(n.year).or_default();
                *seq = (*seq).max(n.seq);
            }
            self.cases.insert(keys::case(c.id), encode(c)?);
            let (k, v) = super::case_index::case_list_entry(c, household)?;
            self.idx_case_list.insert(k, v);
            if let Some((k, v)) = super::case_index::deadline_entry(c) {
                self.idx_deadline.insert(k, v);
            }
            let (k, v) = super::case_index::household_case_entry(c);
            self.idx_household_case.insert(k, v);
            self.deadline_days.add(c);
            for (k, v) in super::case_dates::entries(c) {
                self.idx_case_date.insert(k, v);
            }
            self.caseload.apply_case(c, 1);
            self.idx_terms.add(super::lookup::case_entries(c));
        }
        self.pending += 1;
        self.spanned += 1;
        if self.spanned >= self.sizes.1 {
            self.write_scattered()?;
        }
        if self.pending >= self.sizes.0 {
            self.write_batches()?;
        }
        Ok(())
    }

    /// Add an entry of the register of relatives of staff (近亲属备案); id unique, `rev` 1.
    pub fn add_staff_entry(
        &mut self,
        entry: &crate::domain::staff_relatives::StaffEntry,
    ) -> Result<(), StoreError> {
        self.max_id = self.max_id.max(entry.id);
        self.store.put_staff_entry(entry)
    }

    fn write_batches(&mut self) -> Result<(), StoreError> {
        let s = self.store;
        std::mem::take(&mut self.households).write(&s.households)?;
        std::mem::take(&mut self.cases).write(&s.cases)?;
        std::mem::take(&mut self.idx_case_list)
            .write(super::case_index::CASE_LIST, &s.idx_case_list)?;
        std::mem::take(&mut self.idx_household_case)
            .write(super::case_index::HOUSEHOLD_CASE, &s.idx_household_case)?;
        std::mem::take(&mut self.idx_figure).write(super::figures::FIGURE, &s.idx_figure)?;
        std::mem::take(&mut self.idx_case_date).write(&s.idx_case_date)?;
        // Without a flush per batch sled keeps every dirty page in memory until the end
        // (over 1 GB for 100,000 households).
        self.store.flush()?;
        self.pending = 0;
        Ok(())
    }

    /// Write the trees a batch scatters its entries over (see [`SPAN`]); flush.
    fn write_scattered(&mut self) -> Result<(), StoreError> {
        let s = self.store;
        std::mem::take(&mut self.idx_resident)
            .write(super::case_index::RESIDENT, &s.idx_resident)?;
        std::mem::take(&mut self.idx_deadline).write(&s.idx_deadline)?;
        std::mem::take(&mut self.idx_terms)
            .write(&s.idx_terms)
            .map_err(super::lookup::from_edit)?;
        self.store.flush()?;
        self.spanned = 0;
        Ok(())
    }

    /// Write what is pending, the counters, the sequences and one audit entry; flush.
    pub fn finish(mut self, audit: AuditEntry) -> Result<Caseload, StoreError> {
        self.write_scattered()?;
        self.write_batches()?;
        std::mem::take(&mut self.deadline_days).write(self.store)?;
        self.store.mark_appeal_dates()?;
        let meta = &self.store.meta;
        meta.insert(keys::META_NEXT_ID, &keys::id(self.max_id + 1))?;
        for (year, seq) in &self.case_number_seq {
            meta.insert(
                keys::meta_case_number_seq(*year),
                &keys::id(u64::from(*seq) + 1),
            )?;
        }
        meta.insert(keys::META_CASELOAD, encode(&self.caseload)?)?;
        self.store.append_audit(audit)?;
        meta.remove(keys::META_GENERATING)?;
        self.store.flush()?;
        Ok(self.caseload)
    }
}

impl Store {
    /// A generation that did not finish: its marker is still there, or (a store written
    /// before the marker existed) households without the id sequence written at the end.
    pub(super) fn generation_incomplete(&self) -> Result<bool, StoreError> {
        Ok(self.meta.get(keys::META_GENERATING)?.is_some()
            || (self.households.first()?.is_some() && self.meta.get(keys::META_NEXT_ID)?.is_none()))
    }
}
