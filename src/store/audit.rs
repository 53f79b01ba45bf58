//! The audit trail: who did what, when, with old and new values. Append-only.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::envelope::Record;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the trail, assigned by the store.
    pub seq: u64,
    pub at: NaiveDateTime,
    pub by: String,
    /// What was done, e.g. `case.accept`, `household.edit`, `store.generate`.
    pub action: String,
    /// What it was done to, e.g. `case:12`, `household:7`.
    pub target: String,
    /// Field-level changes: (field, old, new).
    pub changes: Vec<(String, String, String)>,
    pub note: String,
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
