//! The register of staff and village cadres with their close relatives (近亲属备案), the
//! district-level checks of relative-of-staff cases, and the spot checks (抽查). Each
//! write is one transaction with its index entries and audit entry, flushed.
//!
//! Trees:
//! - `reg/staff`          entry id → StaffEntry
//! - `idx/staff_relative` relative's resident ID, entry id → () (the match at intake)
//! - `reg/district_check` case id → DistrictCheck
//! - `chk/spot`           town, period, case id → SpotCheck

use sled::transaction::TransactionalTree;

use super::audit::AuditEntry;
use super::envelope::{decode, Record};
use super::tx::{abort, get, put, replace, writer};
use super::write::Change;
use super::{keys, Store, StoreError};
use crate::domain::case::CaseId;
use crate::domain::resident_id::ResidentId;
use crate::domain::spot_check::SpotCheck;
use crate::domain::staff_relatives::{DistrictCheck, StaffEntry};
use crate::domain::town::Town;

impl Record for StaffEntry {
    const KIND: &'static str = "staff register entry";
    const VERSION: u16 = 1;
}

impl Record for DistrictCheck {
    const KIND: &'static str = "district check";
    const VERSION: u16 = 1;
}

impl Record for SpotCheck {
    const KIND: &'static str = "spot check";
    const VERSION: u16 = 1;
}

pub(super) const STAFF: &str = "reg/staff";
pub(super) const IDX_RELATIVE: &str = "idx/staff_relative";
pub(super) const DISTRICT_CHECKS: &str = "reg/district_check";
pub(super) const SPOT_CHECKS: &str = "chk/spot";

pub fn staff_target(id: u64) -> String {
    format!("staff:{id}")
}

pub(super) fn relative_key(id: &ResidentId, entry: u64) -> Vec<u8> {
    let mut k = id.as_str().as_bytes().to_vec();
    k.extend_from_slice(&keys::id(entry));
    k
}

/// `chk/spot` key: town, period (e.g. "2026-03"), case.
pub fn spot_key(town: Town, period: &str, case: CaseId) -> Vec<u8> {
    let mut k = spot_prefix(town, period);
    k.extend_from_slice(&keys::case(case));
    k
}

pub fn spot_prefix(town: Town, period: &str) -> Vec<u8> {
    let mut k = vec![town.code()];
    k.extend_from_slice(period.as_bytes());
    k.push(0);
    k
}

fn audit_only(audit: AuditEntry) -> Change {
    Change {
        household: None,
        case: None,
        number_case_in: None,
        audit,
    }
}

struct Tx<'a> {
    staff: &'a TransactionalTree,
    idx: &'a TransactionalTree,
    meta: &'a TransactionalTree,
    by: &'a str,
}

fn write_entry(
    tx: &Tx<'_>,
    new: Option<&StaffEntry>,
    id: u64,
    rev: u64,
) -> Result<Option<StaffEntry>, super::tx::Abort> {
    let Tx {
        staff,
        idx,
        meta,
        by,
    } = *tx;
    let key = keys::id(id);
    let target = staff_target(id);
    let old: Option<StaffEntry> = get(staff, &key)?;
    match &old {
        Some(o) if o.rev != rev => {
            return Err(abort(StoreError::Stale {
                what: target.clone(),
                by: writer(meta, &target)?,
            }))
        }
        None if rev != 0 => return Err(abort(StoreError::NotFound(staff_target(id)))),
        _ => {}
    }
    if let Some(o) = &old {
        for r in &o.relatives {
            idx.remove(relative_key(&r.id, o.id))?;
        }
    }
    meta.insert(keys::meta_writer(&target), by.as_bytes())?;
    let Some(new) = new else {
        staff.remove(&key)?;
        return Ok(None);
    };
    let mut stored = new.clone();
    stored.rev += 1;
    for r in &stored.relatives {
        idx.insert(relative_key(&r.id, stored.id), &[])?;
    }
    put(staff, &key, &stored)?;
    Ok(Some(stored))
}

impl Store {
    fn staff_trees(&self) -> Result<[sled::Tree; 2], StoreError> {
        Ok([self.named(STAFF)?, self.named(IDX_RELATIVE)?])
    }

    /// Write a register entry (new: `rev` 0, `id` from `new_id`) with its index entries
    /// and the audit entry in one transaction; the entry as stored.
    pub fn save_staff_entry(
        &self,
        entry: &StaffEntry,
        audit: AuditEntry,
    ) -> Result<StaffEntry, StoreError> {
        if entry.id == 0 {
            return Err(StoreError::Corrupt("register entry without an id".into()));
        }
        let trees = self.staff_trees()?;
        let extra: Vec<&sled::Tree> = trees.iter().collect();
        let out = std::sync::Mutex::new(None);
        let by = audit.by.clone();
        self.save_with(audit_only(audit), &extra, |t, log, _| {
            let [staff, idx] = t else {
                return Err(abort(StoreError::Corrupt("register tree set".into())));
            };
            let tx = Tx {
                staff,
                idx,
                meta: log.meta,
                by: &by,
            };
            let stored = write_entry(&tx, Some(entry), entry.id, entry.rev)?;
            if let Ok(mut o) = out.lock() {
                *o = stored;
            }
            Ok(())
        })?;
        out.into_inner()
            .ok()
            .flatten()
            .ok_or_else(|| StoreError::NotFound(staff_target(entry.id)))
    }

    /// Remove a register entry read at `rev`, with its index entries, audited.
    pub fn remove_staff_entry(
        &self,
        id: u64,
        rev: u64,
        audit: AuditEntry,
    ) -> Result<(), StoreError> {
        let trees = self.staff_trees()?;
        let extra: Vec<&sled::Tree> = trees.iter().collect();
        let by = audit.by.clone();
        self.save_with(audit_only(audit), &extra, |t, log, _| {
            let [staff, idx] = t else {
                return Err(abort(StoreError::Corrupt("register tree set".into())));
            };
            let tx = Tx {
                staff,
                idx,
                meta: log.meta,
                by: &by,
            };
            write_entry(&tx, None, id, rev.max(1))?;
            Ok(())
        })?;
        Ok(())
    }

    /// The whole register, by entry id.
    pub fn staff_entries(&self) -> Result<Vec<StaffEntry>, StoreError> {
        let mut out = Vec::new();
        for kv in self.named(STAFF)?.iter() {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }

    pub fn staff_entry(&self, id: u64) -> Result<Option<StaffEntry>, StoreError> {
        self.named(STAFF)?
            .get(keys::id(id))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// The entries registering any of `ids` as a relative (through the index).
    pub fn staff_entries_with_relative(
        &self,
        ids: &[&ResidentId],
    ) -> Result<Vec<StaffEntry>, StoreError> {
        let idx = self.named(IDX_RELATIVE)?;
        let mut seen = Vec::new();
        for id in ids {
            for kv in idx.scan_prefix(id.as_str().as_bytes()) {
                let (k, _) = kv?;
                if let Some(e) = k.get(k.len().saturating_sub(8)..).and_then(keys::read_u64) {
                    if !seen.contains(&e) {
                        seen.push(e);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for e in seen {
            if let Some(entry) = self.staff_entry(e)? {
                out.push(entry);
            }
        }
        Ok(out)
    }

    /// Every resident ID in the register (for flagging many households at once).
    pub fn registered_relative_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::new();
        for kv in self.named(IDX_RELATIVE)?.iter() {
            let (k, _) = kv?;
            let id = k.get(..k.len().saturating_sub(8)).unwrap_or_default();
            out.push(String::from_utf8_lossy(id).into_owned());
        }
        out.dedup();
        Ok(out)
    }

    /// Record the district-level check of a case, audited, in one transaction.
    pub fn save_district_check(
        &self,
        case: CaseId,
        check: &DistrictCheck,
        audit: AuditEntry,
    ) -> Result<(), StoreError> {
        let tree = self.named(DISTRICT_CHECKS)?;
        self.save_with(audit_only(audit), &[&tree], |t, _, _| {
            let [checks] = t else {
                return Err(abort(StoreError::Corrupt("district check tree".into())));
            };
            put(checks, &keys::case(case), check)
        })?;
        Ok(())
    }

    pub fn district_check(&self, case: CaseId) -> Result<Option<DistrictCheck>, StoreError> {
        self.named(DISTRICT_CHECKS)?
            .get(keys::case(case))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Write spot checks (a new draw, or one check's outcome), audited, in one
    /// transaction. A record read at `rev` is refused if someone wrote it since.
    pub fn save_spot_checks(
        &self,
        checks: &[SpotCheck],
        audit: AuditEntry,
    ) -> Result<Vec<SpotCheck>, StoreError> {
        let tree = self.named(SPOT_CHECKS)?;
        let out = std::sync::Mutex::new(Vec::new());
        self.save_with(audit_only(audit), &[&tree], |t, _, _| {
            let [spot] = t else {
                return Err(abort(StoreError::Corrupt("spot check tree".into())));
            };
            let mut stored = Vec::new();
            for c in checks {
                let key = spot_key(c.town, &c.period, c.case);
                let what = format!("spot:{}", c.case.0);
                let (_, s) = replace(spot, &key, c, &what, |o: &SpotCheck| {
                    Ok(o.checked_by.clone().unwrap_or_else(|| o.drawn_by.clone()))
                })?;
                stored.push(s);
            }
            if let Ok(mut o) = out.lock() {
                *o = stored;
            }
            Ok(())
        })?;
        Ok(out.into_inner().unwrap_or_default())
    }

    /// The spot checks of a town and period, by case id.
    pub fn spot_checks(&self, town: Town, period: &str) -> Result<Vec<SpotCheck>, StoreError> {
        let mut out = Vec::new();
        for kv in self
            .named(SPOT_CHECKS)?
            .scan_prefix(spot_prefix(town, period))
        {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }

    /// Every spot check of the district (for the list across towns and periods).
    pub fn all_spot_checks(&self) -> Result<Vec<SpotCheck>, StoreError> {
        let mut out = Vec::new();
        for kv in self.named(SPOT_CHECKS)?.iter() {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }
}

impl Store {
    /// `idx/staff_relative` as the register calls for it (for `check` and `--repair`).
    pub(super) fn staff_index_expected(
        &self,
    ) -> Result<(&'static str, sled::Tree, super::lookup::Entries), StoreError> {
        let mut out = super::lookup::Entries::new();
        for kv in self.named(STAFF)?.iter() {
            let (_, v) = kv?;
            let Ok(e) = decode::<StaffEntry>(&v) else {
                continue;
            };
            for r in &e.relatives {
                out.insert(relative_key(&r.id, e.id), Vec::new());
            }
        }
        Ok((IDX_RELATIVE, self.named(IDX_RELATIVE)?, out))
    }
}

impl Store {
    /// Write a register entry with its index entries outside a transaction: for the bulk
    /// loader filling a new, empty store only (its one audit entry covers the load).
    pub(super) fn put_staff_entry(&self, e: &StaffEntry) -> Result<(), StoreError> {
        let idx = self.named(IDX_RELATIVE)?;
        for r in &e.relatives {
            idx.insert(relative_key(&r.id, e.id), &[])?;
        }
        self.named(STAFF)?
            .insert(keys::id(e.id), super::envelope::encode(e)?)?;
        Ok(())
    }
}
