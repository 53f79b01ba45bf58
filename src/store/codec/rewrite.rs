//! The upgrade to store formats 6 to 8: every case, household and re-check stored in an
//! older record version (dates and ID numbers as text, explanations as plain lists) is
//! written again in today's, in batches, each flushed. A record that does not decode is left as it is (`check` reports it); a crash
//! part-way leaves the old format, and the upgrade runs again over what is left.

use super::super::envelope::{decode, encode, Record};
use super::super::{Store, StoreError};
use crate::domain::case::Case;
use crate::domain::household::Household;
use crate::domain::recheck::Recheck;

/// Records rewritten between flushes.
const BATCH: u64 = 20_000;

impl Store {
    /// Rewrite old-version cases, households and re-checks; `progress(done, total)`
    /// counts them all. Returns how many were rewritten.
    pub(in crate::store) fn rewrite_old_records(
        &self,
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<u64, StoreError> {
        let rechecks = self.named(super::super::monitoring::RECHECKS)?;
        let total = self.cases.len() as u64 + self.households.len() as u64 + rechecks.len() as u64;
        let mut done = 0;
        let cases = self.rewrite_tree::<Case>(&self.cases, &mut done, total, progress)?;
        let homes = self.rewrite_tree::<Household>(&self.households, &mut done, total, progress)?;
        let checks = self.rewrite_tree::<Recheck>(&rechecks, &mut done, total, progress)?;
        Ok(cases + homes + checks)
    }

    fn rewrite_tree<T: Record>(
        &self,
        tree: &sled::Tree,
        done: &mut u64,
        total: u64,
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<u64, StoreError> {
        if tree.is_empty() {
            return Ok(0);
        }
        let mut batch = sled::Batch::default();
        let mut rewritten = 0;
        for kv in tree.iter() {
            let (k, v) = kv?;
            *done += 1;
            if version(&v).is_some_and(|found| found < T::VERSION) {
                match decode::<T>(&v) {
                    Ok(record) => {
                        batch.insert(k, encode(&record)?);
                        rewritten += 1;
                    }
                    Err(e) => tracing::warn!("{} left in its old version: {e}", T::KIND),
                }
            }
            if done.is_multiple_of(BATCH) {
                tree.apply_batch(std::mem::take(&mut batch))?;
                self.flush()?;
                progress(*done, total);
            }
        }
        tree.apply_batch(batch)?;
        self.flush()?;
        progress(*done, total);
        Ok(rewritten)
    }
}

/// The record version in a stored value's header.
fn version(v: &[u8]) -> Option<u16> {
    (v.len() >= 4 && v[..2] == super::super::envelope::MAGIC)
        .then(|| u16::from_be_bytes([v[2], v[3]]))
}
