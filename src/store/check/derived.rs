//! What `check` expects in each derived tree, from the records (each from the module
//! that writes that tree).

use std::collections::BTreeMap;

use super::super::envelope::decode;
use super::super::lookup::Entries;
use super::super::{keys, Store, StoreError};

impl Store {
    /// Every derived tree with what the records call for in it. Each comes from the
    /// module that writes that tree.
    pub(super) fn derived_expected(
        &self,
    ) -> Result<Vec<(&'static str, sled::Tree, Entries)>, StoreError> {
        use crate::store::case_index::CaseIndex;
        let mut out = Vec::new();
        for (name, which) in [
            ("idx/resident", CaseIndex::Resident),
            ("idx/case_list", CaseIndex::CaseList),
            ("idx/deadline", CaseIndex::Deadline),
            ("idx/household_case", CaseIndex::HouseholdCase),
        ] {
            out.push((
                name,
                self.case_index_tree(which).clone(),
                self.case_index_expected(which)?,
            ));
        }
        out.push((
            "idx/case_date",
            self.idx_case_date.clone(),
            self.case_dates_expected()?,
        ));
        out.push((
            super::super::alert_counts::TREE,
            self.named(super::super::alert_counts::TREE)?,
            self.alert_open_expected()?,
        ));
        out.push((
            super::super::deadline_counts::TREE,
            self.idx_deadline_day.clone(),
            self.deadline_days_expected()?,
        ));
        // idx/terms is compared entry by entry, not key by key: see `lookup_check`.
        let lines = self.caseload()?.lines;
        out.push((
            "idx/figure",
            self.idx_figure.clone(),
            self.figure_expected(lines.as_ref())?,
        ));
        out.push((
            "idx/audit_target",
            self.idx_audit_target.clone(),
            self.audit_target_expected()?,
        ));
        for (name, tree, expected) in self.referral_indexes_expected()? {
            out.push((name, tree.clone(), expected));
        }
        out.push(self.staff_index_expected()?);
        out.extend(self.monitoring_indexes_expected()?);
        Ok(out)
    }

    /// `idx/audit_target`: one entry per audit entry, as `audit::append_in` writes it.
    fn audit_target_expected(&self) -> Result<Entries, StoreError> {
        let mut out = Entries::new();
        for kv in self.audit.iter() {
            let (_, v) = kv?;
            if let Ok(e) = decode::<crate::store::AuditEntry>(&v) {
                out.insert(keys::audit_target(&e.target, e.seq), Vec::new());
            }
        }
        Ok(out)
    }

    /// Each sequence in `meta` with the highest number in use and the number it would
    /// hand out next.
    pub(super) fn sequences(&self, max_id: u64) -> Result<Vec<(Vec<u8>, u64, u64)>, StoreError> {
        let next = |key: &[u8]| -> Result<u64, StoreError> {
            Ok(self
                .meta
                .get(key)?
                .and_then(|v| keys::read_u64(&v))
                .unwrap_or(1))
        };
        let mut out = vec![(
            keys::META_NEXT_ID.to_vec(),
            max_id,
            next(keys::META_NEXT_ID)?,
        )];
        let mut case_numbers: BTreeMap<i32, u64> = BTreeMap::new();
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            if let Some(n) = decode::<crate::domain::case::Case>(&v)
                .ok()
                .and_then(|c| c.number)
            {
                let seq = case_numbers.entry(n.year).or_default();
                *seq = (*seq).max(u64::from(n.seq));
            }
        }
        for (year, used) in case_numbers {
            let key = keys::meta_case_number_seq(year);
            out.push((key.clone(), used, next(&key)?));
        }
        let mut referral_numbers: BTreeMap<i32, u64> = BTreeMap::new();
        for kv in self.referral_tree().iter() {
            let (_, v) = kv?;
            if let Some(n) = decode::<crate::domain::referral::Referral>(&v)
                .ok()
                .and_then(|r| r.number)
            {
                let seq = referral_numbers.entry(n.year).or_default();
                *seq = (*seq).max(u64::from(n.seq));
            }
        }
        for (year, used) in referral_numbers {
            let key = format!("seq/referral_number/{year}").into_bytes();
            out.push((key.clone(), used, next(&key)?));
        }
        let meetings = self.named("meetings")?;
        let last_meeting = match meetings.last()? {
            Some((k, _)) => keys::read_u64(&k).unwrap_or(0),
            None => 0,
        };
        out.push((
            crate::store::meetings::NEXT_MEETING.to_vec(),
            last_meeting,
            next(crate::store::meetings::NEXT_MEETING)?,
        ));
        Ok(out)
    }
}
