//! One write = one sled transaction: records, their index entries, the counters and the
//! audit entry, then a flush. No I/O inside the closure but sled's own.

use sled::transaction::TransactionalTree;
use sled::Transactional;

use super::audit::AuditEntry;
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::Caseload;
use crate::domain::household::Household;

/// What one user action changes. Records carry the `rev` they were read at (0 for new ones);
/// the store refuses the write if someone else wrote them since, and bumps `rev`.
#[derive(Debug, Clone)]
pub struct Change {
    pub household: Option<Household>,
    pub case: Option<Case>,
    /// Give the case the next case number of this year (at acceptance).
    pub number_case_in: Option<i32>,
    pub audit: AuditEntry,
}

/// What was written, with the revisions and numbers the store assigned.
#[derive(Debug, Clone)]
pub struct Saved {
    pub household: Option<Household>,
    pub case: Option<Case>,
    pub audit_seq: u64,
}

use super::case_index::{CASE_LIST, RESIDENT};
use super::envelope::encode;
use super::grouped::tx_err;
use super::lookup::TermEdits;
pub(super) use super::tx::Abort;
use super::tx::{abort, get, next_seq, put, replace, writer};

/// Where `idx/terms` is in `Store::write_trees`.
const TERMS: usize = 9;

impl Store {
    /// A fresh id for a new household or case (unique, never reused).
    pub fn new_id(&self) -> Result<u64, StoreError> {
        Ok(super::tx::reserve_seq(&self.meta, keys::META_NEXT_ID, 1)?.start)
    }

    /// Write a change atomically and flush it to disk.
    pub fn save(&self, change: Change) -> Result<Saved, StoreError> {
        self.save_with(change, &[], |_, _, _| Ok(()))
    }

    /// `save`, plus writes to `extra` trees in the same transaction: `also` runs last
    /// inside it with those trees, the audit trail (for entries of its own) and what was
    /// saved, and may abort the whole write.
    pub(super) fn save_with<F>(
        &self,
        change: Change,
        extra: &[&sled::Tree],
        also: F,
    ) -> Result<Saved, StoreError>
    where
        F: Fn(&[TransactionalTree], &super::audit::AuditLog, &Saved) -> Result<(), Abort>,
    {
        // Transactions cannot scan; find the household's other cases first.
        let sibling_cases = self.sibling_cases(&change)?;
        let mut trees: Vec<&sled::Tree> = self.write_trees().to_vec();
        // The write's own trees come first; `extra` follow them.
        let own = trees.len();
        trees.extend_from_slice(extra);
        let _gate = self.write_gate()?;
        let result = trees[..].transaction(|t| {
            let meta = &t[3];
            let mut caseload: Caseload = get(meta, keys::META_CASELOAD)?.unwrap_or_default();
            let mut terms = TermEdits::default();
            let saved = apply_in(
                &t[..own],
                &change,
                &sibling_cases,
                &mut caseload,
                &mut terms,
            )?;
            terms.write_in(&t[TERMS])?;
            put(meta, keys::META_CASELOAD, &caseload)?;
            let [_, _, audit, meta, _, _, _, _, idx_audit, _, _, _, _] = &t[..own] else {
                return Err(abort(StoreError::Corrupt("tree set".into())));
            };
            let log = super::audit::AuditLog {
                meta,
                audit,
                idx: idx_audit,
            };
            also(&t[own..], &log, &saved)?;
            Ok(saved)
        });
        let saved = result.map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }

    /// Several changes in ONE transaction and one flush: all are written or none
    /// (a bulk import writes a batch of households this way; a refusal of any one
    /// refuses the batch). Each change keeps its own audit entry.
    pub fn save_all(&self, changes: &[Change]) -> Result<Vec<Saved>, StoreError> {
        let mut siblings = Vec::with_capacity(changes.len());
        for c in changes {
            siblings.push(self.sibling_cases(c)?);
        }
        let trees = self.write_trees();
        let _gate = self.write_gate()?;
        let result = trees[..].transaction(|t| {
            let meta = &t[3];
            let mut caseload: Caseload = get(meta, keys::META_CASELOAD)?.unwrap_or_default();
            let mut out = Vec::with_capacity(changes.len());
            // The lookup buckets are written once for the whole batch, after its changes.
            let mut terms = TermEdits::default();
            for (change, sib) in changes.iter().zip(&siblings) {
                out.push(apply_in(t, change, sib, &mut caseload, &mut terms)?);
            }
            terms.write_in(&t[TERMS])?;
            put(meta, keys::META_CASELOAD, &caseload)?;
            Ok(out)
        });
        let saved = result.map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }

    fn sibling_cases(
        &self,
        change: &Change,
    ) -> Result<Vec<crate::domain::case::CaseId>, StoreError> {
        match &change.household {
            Some(h) => self.case_ids_of(h.id),
            None => Ok(Vec::new()),
        }
    }
}

/// One change inside a write transaction: the records, their index entries, the
/// counters in `caseload` (the caller stores them once) and the audit entry.
fn apply_in(
    t: &[TransactionalTree],
    change: &Change,
    sibling_cases: &[crate::domain::case::CaseId],
    caseload: &mut Caseload,
    terms: &mut TermEdits,
) -> Result<Saved, Abort> {
    let [hh, cases, audit, meta, idx_res, idx_list, idx_deadline, idx_hc, idx_audit, _idx_terms, idx_figure, idx_case_date, idx_deadline_day] =
        t
    else {
        return Err(abort(StoreError::Corrupt("tree set".into())));
    };
    let mut saved = Saved {
        household: None,
        case: None,
        audit_seq: 0,
    };

    if let Some(new) = &change.household {
        let mut new = new.clone();
        let key = keys::household(new.id);
        let target = super::audit::household_target(new.id.0);
        let (old, written) = replace(hh, &key, &new, &target, |_| writer(meta, &target))?;
        let old_residents = old
            .as_ref()
            .map(super::case_index::resident_entries)
            .unwrap_or_default();
        if let Some(old) = &old {
            caseload.apply_household(old, -1);
        }
        for m in &new.members {
            let k = m.id.as_str().as_bytes();
            let other = RESIDENT.get(idx_res, k).map_err(tx_err)?;
            if let Some(other) = other.and_then(|v| keys::read_u64(&v[..])) {
                if other != new.id.0 {
                    return Err(abort(StoreError::Refused(format!(
                        "{} ({}) 已在家庭 {} 中 / is already in household {}",
                        m.name,
                        m.id.masked(),
                        other,
                        other
                    ))));
                }
            }
        }
        RESIDENT
            .reindex(
                idx_res,
                &old_residents,
                &super::case_index::resident_entries(&new),
            )
            .map_err(tx_err)?;
        new = written;
        caseload.apply_household(&new, 1);
        terms.add(
            &old.as_ref()
                .map(super::lookup::household_entries)
                .unwrap_or_default(),
            &super::lookup::household_entries(&new),
        );
        super::figures::FIGURE
            .reindex(
                idx_figure,
                &old.as_ref()
                    .map(|o| super::figures::entries(o, caseload.lines.as_ref()))
                    .unwrap_or_default(),
                &super::figures::entries(&new, caseload.lines.as_ref()),
            )
            .map_err(tx_err)?;
        meta.insert(keys::meta_writer(&target), change.audit.by.as_bytes())?;
        // Rows of the household's other cases show its head and size.
        for cid in sibling_cases {
            if change.case.as_ref().is_some_and(|c| c.id == *cid) {
                continue;
            }
            if let Some(c) = get::<Case>(cases, &keys::case(*cid))? {
                let row = encode(&CaseRow::of(&c, &new)).map_err(abort)?;
                CASE_LIST
                    .insert(idx_list, &keys::case_list(c.town, c.stage, c.id), &row)
                    .map_err(tx_err)?;
            }
        }
        saved.household = Some(new);
    }

    if let Some(new) = &change.case {
        let mut new = new.clone();
        let key = keys::case(new.id);
        let target = super::audit::case_target(new.id.0);
        if let Some(year) = change.number_case_in {
            let seq = next_seq(meta, &keys::meta_case_number_seq(year))?;
            new.number = Some(crate::domain::case::CaseNumber {
                district: crate::domain::town::DISTRICT_CODE,
                year,
                seq: seq as u32,
            });
        }
        let (old, written) = replace(cases, &key, &new, &target, |_| writer(meta, &target))?;
        if let Some(old) = &old {
            CASE_LIST
                .remove(idx_list, &keys::case_list(old.town, old.stage, old.id))
                .map_err(tx_err)?;
            if let Some(d) = old.deadline.filter(|_| old.stage.clock_runs()) {
                idx_deadline.remove(keys::deadline(d.date, old.id))?;
            }
            caseload.apply_case(old, -1);
        }
        let household: Household = match &saved.household {
            Some(h) if h.id == new.household => h.clone(),
            _ => get(hh, &keys::household(new.household))?.ok_or_else(|| {
                abort(StoreError::NotFound(super::audit::household_target(
                    new.household.0,
                )))
            })?,
        };
        new = written;
        caseload.apply_case(&new, 1);
        terms.add(
            &old.as_ref()
                .map(super::lookup::case_entries)
                .unwrap_or_default(),
            &super::lookup::case_entries(&new),
        );
        let row = encode(&CaseRow::of(&new, &household)).map_err(abort)?;
        CASE_LIST
            .insert(
                idx_list,
                &keys::case_list(new.town, new.stage, new.id),
                &row,
            )
            .map_err(tx_err)?;
        if let Some(d) = new.deadline.filter(|_| new.stage.clock_runs()) {
            idx_deadline.insert(
                keys::deadline(d.date, new.id),
                &[new.town.code(), new.stage.code()],
            )?;
        }
        let (k, v) = super::case_index::household_case_entry(&new);
        super::case_index::HOUSEHOLD_CASE
            .insert(idx_hc, &k, &v)
            .map_err(tx_err)?;
        super::deadline_counts::count_in(idx_deadline_day, old.as_ref(), &new)?;
        super::figures::reindex(
            idx_case_date,
            &old.as_ref()
                .map(super::case_dates::entries)
                .unwrap_or_default(),
            &super::case_dates::entries(&new),
        )?;
        meta.insert(keys::meta_writer(&target), change.audit.by.as_bytes())?;
        saved.case = Some(new);
    }

    saved.audit_seq = super::audit::append_in(meta, audit, idx_audit, &change.audit)?;
    Ok(saved)
}

impl Store {
    /// Record an event that changes no record (sign-in, export, generation), flushed.
    pub fn append_audit(&self, entry: AuditEntry) -> Result<u64, StoreError> {
        let trees = [&self.audit, &self.meta, &self.idx_audit_target];
        let _gate = self.write_gate()?;
        let seq = trees[..]
            .transaction(|t| {
                let [audit, meta, idx] = &t[..] else {
                    return Err(abort(StoreError::Corrupt("tree set".into())));
                };
                super::audit::append_in(meta, audit, idx, &entry)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(seq)
    }
}
