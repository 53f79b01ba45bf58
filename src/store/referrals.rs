//! Referrals (因需推送) and their feedback: a `referrals` tree and three indexes
//! (department + status, household, feedback deadline). A push of several referrals, or
//! one feedback, is ONE transaction: records, index entries, numbers and audit entries,
//! then a flush. Revisions are checked: a stale write is refused naming who wrote last.

use chrono::{Datelike, NaiveDate};
use sled::Transactional;

use super::audit::AuditEntry;
use super::envelope::{decode, Record};
use super::{keys, Store, StoreError};
use crate::domain::household::HouseholdId;
use crate::domain::referral::{Department, Referral, ReferralId, ReferralNumber, Status};

impl Record for Referral {
    const KIND: &'static str = "referral";
    const VERSION: u16 = 1;
}

/// The trees of this module, opened with the store.
pub struct ReferralTrees {
    referrals: sled::Tree,
    /// department code, status code, referral id → ()
    by_department: sled::Tree,
    /// household id, referral id → ()
    by_household: sled::Tree,
    /// feedback deadline (day), department code, referral id → ()
    by_due: sled::Tree,
}

impl ReferralTrees {
    pub(super) fn open(named: &[(&'static str, sled::Tree)]) -> Result<ReferralTrees, StoreError> {
        let pick = |name| super::schema::pick(named, name);
        Ok(ReferralTrees {
            referrals: pick("referrals")?,
            by_department: pick("idx/referral_department")?,
            by_household: pick("idx/referral_household")?,
            by_due: pick("idx/referral_due")?,
        })
    }
}

/// What one push or one feedback writes. Referrals carry the `rev` they were read at
/// (0 for new ones); new ones get their number in the transaction.
#[derive(Debug, Clone)]
pub struct ReferralWrite {
    pub referrals: Vec<Referral>,
    pub audit: Vec<AuditEntry>,
}

pub fn target(id: ReferralId) -> String {
    format!("referral:{}", id.0)
}

fn by_department_key(d: Department, s: Status, id: ReferralId) -> Vec<u8> {
    let mut k = vec![d.code(), s.code()];
    k.extend_from_slice(&keys::id(id.0));
    k
}

fn by_household_key(h: HouseholdId, id: ReferralId) -> Vec<u8> {
    let mut k = keys::id(h.0).to_vec();
    k.extend_from_slice(&keys::id(id.0));
    k
}

fn by_due_key(due: NaiveDate, d: Department, id: ReferralId) -> Vec<u8> {
    let mut k = keys::day(due).to_vec();
    k.push(d.code());
    k.extend_from_slice(&keys::id(id.0));
    k
}

fn number_seq_key(year: i32) -> Vec<u8> {
    format!("seq/referral_number/{year}").into_bytes()
}

use super::tx::{abort, next_seq, replace, writer};

impl Store {
    /// Write referrals (new or changed) and their audit entries atomically, then flush.
    /// Returns the referrals as stored, with their numbers and new revisions.
    pub fn save_referrals(&self, write: ReferralWrite) -> Result<Vec<Referral>, StoreError> {
        let t = &self.referral_trees;
        let trees = [
            &t.referrals,
            &t.by_department,
            &t.by_household,
            &t.by_due,
            &self.audit,
            &self.meta,
            &self.idx_audit_target,
        ];
        let by = write
            .audit
            .first()
            .map(|e| e.by.clone())
            .unwrap_or_default();
        let _gate = self.write_gate()?;
        let saved = trees[..]
            .transaction(|tx| {
                let [records, by_dept, by_hh, by_due, audit, meta, idx_audit] = &tx[..] else {
                    return Err(abort(StoreError::Corrupt("tree set".into())));
                };
                let mut saved = Vec::with_capacity(write.referrals.len());
                for new in &write.referrals {
                    let mut new = new.clone();
                    let key = keys::id(new.id.0);
                    let what = target(new.id);
                    if new.rev == 0 {
                        // A new referral takes the next number of its year.
                        let year = new.pushed_on.year();
                        let seq = next_seq(meta, &number_seq_key(year))?;
                        new.number = Some(ReferralNumber {
                            year,
                            seq: seq as u32,
                        });
                    }
                    let (old, written) =
                        replace(records, &key, &new, &what, |_| writer(meta, &what))?;
                    if let Some(old) = &old {
                        by_dept.remove(by_department_key(old.department, old.status, old.id))?;
                        by_due.remove(by_due_key(old.due(), old.department, old.id))?;
                    }
                    new = written;
                    by_dept.insert(by_department_key(new.department, new.status, new.id), &[])?;
                    by_hh.insert(by_household_key(new.household, new.id), &[])?;
                    by_due.insert(by_due_key(new.due(), new.department, new.id), &[])?;
                    meta.insert(keys::meta_writer(&what), by.as_bytes())?;
                    saved.push(new);
                }
                for entry in &write.audit {
                    super::audit::append_in(meta, audit, idx_audit, entry)?;
                }
                Ok(saved)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }

    /// A fresh referral id (the store's one id sequence).
    pub fn new_referral_id(&self) -> Result<ReferralId, StoreError> {
        self.new_id().map(ReferralId)
    }

    pub fn referral(&self, id: ReferralId) -> Result<Option<Referral>, StoreError> {
        self.referral_trees
            .referrals
            .get(keys::id(id.0))?
            .map(|v| decode(&v))
            .transpose()
    }

    fn referrals_by_keys(
        &self,
        iter: impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
    ) -> Result<Vec<Referral>, StoreError> {
        let mut out = Vec::new();
        for kv in iter {
            let (k, _) = kv?;
            let id = k.len().checked_sub(8).and_then(|i| keys::read_u64(&k[i..]));
            if let Some(r) = id
                .map(|id| self.referral(ReferralId(id)))
                .transpose()?
                .flatten()
            {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// A household's referrals, oldest first.
    pub fn referrals_of(&self, h: HouseholdId) -> Result<Vec<Referral>, StoreError> {
        self.referrals_by_keys(self.referral_trees.by_household.scan_prefix(keys::id(h.0)))
    }

    /// A department's referrals in one status, oldest first.
    pub fn referrals_in(
        &self,
        department: Department,
        status: Status,
    ) -> Result<Vec<Referral>, StoreError> {
        let prefix = [department.code(), status.code()];
        self.referrals_by_keys(self.referral_trees.by_department.scan_prefix(prefix))
    }

    /// How many referrals a department has in one status (index only).
    pub fn count_referrals_in(
        &self,
        department: Department,
        status: Status,
    ) -> Result<u64, StoreError> {
        let prefix = [department.code(), status.code()];
        let mut n = 0;
        for kv in self.referral_trees.by_department.scan_prefix(prefix) {
            kv?;
            n += 1;
        }
        Ok(n)
    }

    /// Every referral whose feedback is due on `due` (one quarter's ledger), by department.
    pub fn referrals_due_on(&self, due: NaiveDate) -> Result<Vec<Referral>, StoreError> {
        self.referrals_by_keys(self.referral_trees.by_due.scan_prefix(keys::day(due)))
    }

    /// Every referral, in id order (for checks and exports of everything).
    pub fn all_referrals(&self) -> impl Iterator<Item = Result<Referral, StoreError>> + '_ {
        self.referral_trees
            .referrals
            .iter()
            .values()
            .map(|v| v.map_err(StoreError::from).and_then(|v| decode(&v)))
    }
}

impl Store {
    /// The three referral indexes, each with the entries the readable referrals call for
    /// (the same keys as `save_referrals` writes), for `check` and `check --repair`.
    pub(super) fn referral_indexes_expected(
        &self,
    ) -> Result<[(&'static str, &sled::Tree, super::lookup::Entries); 3], StoreError> {
        let t = &self.referral_trees;
        let mut dept = super::lookup::Entries::new();
        let mut hh = super::lookup::Entries::new();
        let mut due = super::lookup::Entries::new();
        for kv in t.referrals.iter() {
            let (_, v) = kv?;
            let Ok(r) = decode::<Referral>(&v) else {
                continue;
            };
            dept.insert(by_department_key(r.department, r.status, r.id), Vec::new());
            hh.insert(by_household_key(r.household, r.id), Vec::new());
            due.insert(by_due_key(r.due(), r.department, r.id), Vec::new());
        }
        Ok([
            ("idx/referral_department", &t.by_department, dept),
            ("idx/referral_household", &t.by_household, hh),
            ("idx/referral_due", &t.by_due, due),
        ])
    }

    pub(super) fn referral_tree(&self) -> &sled::Tree {
        &self.referral_trees.referrals
    }
}
