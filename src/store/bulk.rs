//! Loading a generated district in batches. sled's memory balloons on millions of
//! single inserts; a batch per tree every few thousand households keeps it flat.
//! Not transactional across trees: it is for filling a new, empty store only.

use std::collections::BTreeMap;

use super::audit::AuditEntry;
use super::envelope::encode;
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::Caseload;
use crate::domain::household::Household;

pub struct BulkLoader<'a> {
    store: &'a Store,
    caseload: Caseload,
    households: sled::Batch,
    cases: sled::Batch,
    idx_resident: sled::Batch,
    idx_case_list: sled::Batch,
    idx_deadline: sled::Batch,
    idx_household_case: sled::Batch,
    pending: usize,
    max_id: u64,
    case_number_seq: BTreeMap<i32, u32>,
}

/// Households per batch.
const BATCH: usize = 5_000;

impl<'a> BulkLoader<'a> {
    /// Refuses a store that already holds households.
    pub fn new(store: &'a Store) -> Result<BulkLoader<'a>, StoreError> {
        if store.households.first()?.is_some() {
            return Err(StoreError::Refused(
                "这个数据库已有数据，只能向空数据库生成 / the store is not empty; generate into a new store".into(),
            ));
        }
        Ok(BulkLoader {
            store,
            caseload: Caseload::default(),
            households: sled::Batch::default(),
            cases: sled::Batch::default(),
            idx_resident: sled::Batch::default(),
            idx_case_list: sled::Batch::default(),
            idx_deadline: sled::Batch::default(),
            idx_household_case: sled::Batch::default(),
            pending: 0,
            max_id: 0,
            case_number_seq: BTreeMap::new(),
        })
    }

    /// Add a household with its cases; ids must be unique and `rev` 1.
    pub fn add(&mut self, household: &Household, cases: &[Case]) -> Result<(), StoreError> {
        self.max_id = self.max_id.max(household.id.0);
        self.households
            .insert(&keys::household(household.id), encode(household)?);
        for m in &household.members {
            self.idx_resident
                .insert(m.id.as_str().as_bytes(), &keys::id(household.id.0));
        }
        self.caseload.apply_household(household, 1);
        for c in cases {
            self.max_id = self.max_id.max(c.id.0);
            if let Some(n) = c.number {
                let seq = self.case_number_seq.entry(n.year).or_default();
                *seq = (*seq).max(n.seq);
            }
            self.cases.insert(&keys::case(c.id), encode(c)?);
            self.idx_case_list.insert(
                keys::case_list(c.town, c.stage, c.id),
                encode(&CaseRow::of(c, household))?,
            );
            if let Some(d) = c.deadline.filter(|_| c.stage.clock_runs()) {
                self.idx_deadline.insert(
                    keys::deadline(d.date, c.id),
                    &[c.town.code(), c.stage.code()],
                );
            }
            self.idx_household_case
                .insert(keys::household_case(c.household, c.id), &[]);
            self.caseload.apply_case(c, 1);
        }
        self.pending += 1;
        if self.pending >= BATCH {
            self.write_batches()?;
        }
        Ok(())
    }

    fn write_batches(&mut self) -> Result<(), StoreError> {
        let s = self.store;
        s.households
            .apply_batch(std::mem::take(&mut self.households))?;
        s.cases.apply_batch(std::mem::take(&mut self.cases))?;
        s.idx_resident
            .apply_batch(std::mem::take(&mut self.idx_resident))?;
        s.idx_case_list
            .apply_batch(std::mem::take(&mut self.idx_case_list))?;
        s.idx_deadline
            .apply_batch(std::mem::take(&mut self.idx_deadline))?;
        s.idx_household_case
            .apply_batch(std::mem::take(&mut self.idx_household_case))?;
        self.pending = 0;
        Ok(())
    }

    /// Write what is pending, the counters, the sequences and one audit entry; flush.
    pub fn finish(mut self, audit: AuditEntry) -> Result<Caseload, StoreError> {
        self.write_batches()?;
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
        self.store.flush()?;
        Ok(self.caseload)
    }
}
