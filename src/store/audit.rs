//! The audit trail: who did what, when, with old and new values. Append-only, and
//! chained: each entry carries the SHA-256 of the stored bytes of the one before, and the
//! store keeps the hash of the last, so an edited or deleted entry is found by `check`.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sled::transaction::{ConflictableTransactionError, TransactionalTree};

use super::envelope::{encode, Record};
use super::{keys, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the trail, assigned by the store.
    pub seq: u64,
    /// When it was written: set by the store from the system clock.
    pub at: NaiveDateTime,
    pub by: String,
    /// What was done, e.g. `case.accept`, `household.edit`, `store.generate`.
    pub action: String,
    /// What it was done to, e.g. `case:12`, `household:7`.
    pub target: String,
    /// Field-level changes: (field, old, new).
    pub changes: Vec<(String, String, String)>,
    pub note: String,
    /// SHA-256 of the previous entry's stored bytes (zeros for the first), set by the store.
    pub prev: [u8; 32],
}

impl AuditEntry {
    pub fn new(at: NaiveDateTime, by: &str, action: &str, target: String) -> AuditEntry {
        AuditEntry {
            seq: 0,
            at,
            by: by.to_string(),
            action: action.to_string(),
            target,
            changes: Vec::new(),
            note: String::new(),
            prev: [0; 32],
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> AuditEntry {
        self.note = note.into();
        self
    }

    pub fn with_change(mut self, field: &str, old: String, new: String) -> AuditEntry {
        self.changes.push((field.to_string(), old, new));
        self
    }
}

impl Record for AuditEntry {
    const KIND: &'static str = "audit entry";
    const VERSION: u16 = 1;
}

pub fn household_target(id: u64) -> String {
    format!("household:{id}")
}

pub fn case_target(id: u64) -> String {
    format!("case:{id}")
}

/// Audit actions that change nothing a screen shows from the records: a sign-in or
/// sign-out, a case being looked at, an export.
pub fn reads_only(action: &str) -> bool {
    action.starts_with("user.sign")
        || action.starts_with("ssh.")
        || action == "case.view"
        || action.ends_with(".export")
}

/// The hash of the last entry.
const HEAD: &[u8] = b"audit/head";

fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Append `entry` inside a transaction: the next sequence number, the link to the
/// previous entry, the target index and the new head. Every audit write goes through here.
pub(crate) fn append_in(
    meta: &TransactionalTree,
    audit: &TransactionalTree,
    idx: &TransactionalTree,
    entry: &AuditEntry,
) -> Result<u64, ConflictableTransactionError<StoreError>> {
    let seq = meta
        .get(keys::META_NEXT_AUDIT)?
        .and_then(|v| keys::read_u64(&v))
        .unwrap_or(1);
    let mut e = entry.clone();
    e.seq = seq;
    // The time of an entry is the system clock's, never a date the caller chose.
    e.at = chrono::Local::now().naive_local();
    e.prev = meta
        .get(HEAD)?
        .and_then(|v| <[u8; 32]>::try_from(&v[..]).ok())
        .unwrap_or([0; 32]);
    let bytes = encode(&e).map_err(ConflictableTransactionError::Abort)?;
    meta.insert(HEAD, &hash(&bytes))?;
    meta.insert(keys::META_NEXT_AUDIT, &keys::id(seq + 1))?;
    if !reads_only(&e.action) {
        meta.insert(keys::META_DATA_WRITE, &keys::id(seq))?;
    }
    audit.insert(&keys::id(seq), bytes)?;
    idx.insert(keys::audit_target(&e.target, seq), &[])?;
    Ok(seq)
}

/// The audit trail inside a transaction, for writes that add their own entries.
pub(crate) struct AuditLog<'a> {
    pub(super) meta: &'a TransactionalTree,
    pub(super) audit: &'a TransactionalTree,
    pub(super) idx: &'a TransactionalTree,
}

impl AuditLog<'_> {
    pub(crate) fn append(
        &self,
        entry: &AuditEntry,
    ) -> Result<u64, ConflictableTransactionError<StoreError>> {
        append_in(self.meta, self.audit, self.idx, entry)
    }
}

/// What `check` found in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainReport {
    pub entries: u64,
    /// Clerk-readable problems (Chinese, English); empty when the chain is whole.
    pub problems: Vec<(String, String)>,
}

impl Store {
    /// Walk the audit trail and verify every link, the sequence and the head.
    pub fn check_audit_chain(&self) -> Result<ChainReport, StoreError> {
        let mut problems = Vec::new();
        let mut expected_seq = 1u64;
        let mut prev = [0u8; 32];
        let mut entries = 0;
        for kv in self.audit.iter() {
            let (k, v) = kv?;
            let seq = keys::read_u64(&k).unwrap_or(0);
            if seq != expected_seq {
                problems.push((
                    format!(
                        "审计记录第 {expected_seq} 至 {} 条缺失（被删除）",
                        seq.saturating_sub(1)
                    ),
                    format!(
                        "audit entries {expected_seq} to {} are missing (deleted)",
                        seq.saturating_sub(1)
                    ),
                ));
            }
            match super::envelope::decode::<AuditEntry>(&v) {
                Ok(e) if e.prev != prev => problems.push((
                    format!("审计记录第 {seq} 条与前一条对不上（前一条被修改或删除）"),
                    format!("audit entry {seq} does not follow the one before (that one was edited or deleted)"),
                )),
                Ok(_) => {}
                Err(_) => problems.push((
                    format!("审计记录第 {seq} 条无法读取（被改动）"),
                    format!("audit entry {seq} cannot be read (altered)"),
                )),
            }
            prev = hash(&v);
            expected_seq = seq + 1;
            entries += 1;
        }
        let head = self
            .meta
            .get(HEAD)?
            .and_then(|v| <[u8; 32]>::try_from(&v[..]).ok())
            .unwrap_or([0; 32]);
        if head != prev {
            problems.push((
                "最后一条审计记录被修改或删除".into(),
                "the last audit entry was edited or deleted".into(),
            ));
        }
        let next = self
            .meta
            .get(keys::META_NEXT_AUDIT)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(1);
        if next != expected_seq && head == prev {
            problems.push((
                format!("审计记录应有 {} 条，实有 {entries} 条", next - 1),
                format!(
                    "the trail should hold {} entries but holds {entries}",
                    next - 1
                ),
            ));
        }
        Ok(ChainReport { entries, problems })
    }
}

impl Store {
    /// The audit trail newest first.
    pub fn audit_newest_first(&self) -> impl Iterator<Item = Result<AuditEntry, StoreError>> + '_ {
        self.audit.iter().values().rev().map(|v| {
            v.map_err(StoreError::from)
                .and_then(|v| super::envelope::decode(&v))
        })
    }
}
