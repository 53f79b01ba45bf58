//! The district's standards as edited in the program. Until the first edit the program
//! uses `assets/standards.toml`; from then on the store holds the whole document, with a
//! revision so two officers cannot overwrite each other, and each change in the audit trail.

use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;
use sled::Transactional;

use super::audit::AuditEntry;
use super::envelope::{decode, Record};
use super::tx::replace;
use super::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardsDoc {
    /// 0 = never edited (the bundled file is in force).
    pub rev: u64,
    pub toml: String,
    pub edited_by: String,
}

impl Record for StandardsDoc {
    const KIND: &'static str = "standards";
    const VERSION: u16 = 1;
}

pub(super) const KEY: &[u8] = b"standards";

impl Store {
    /// The edited standards, if any officer has edited them.
    pub fn standards_doc(&self) -> Result<Option<StandardsDoc>, StoreError> {
        self.meta.get(KEY)?.map(|v| decode(&v)).transpose()
    }

    /// Replace the standards document read at `doc.rev`, with one audit entry per change.
    pub fn save_standards(
        &self,
        doc: StandardsDoc,
        entries: Vec<AuditEntry>,
    ) -> Result<StandardsDoc, StoreError> {
        let trees = [&self.meta, &self.audit, &self.idx_audit_target];
        let _gate = self.write_gate()?;
        let saved = trees[..]
            .transaction(|t| {
                let [meta, audit, idx] = &t[..] else {
                    return Err(ConflictableTransactionError::Abort(StoreError::Corrupt(
                        "tree set".into(),
                    )));
                };
                let (_, new) = replace(meta, KEY, &doc, "standards", |d| Ok(d.edited_by.clone()))?;
                for entry in &entries {
                    super::audit::append_in(meta, audit, idx, entry)?;
                }
                Ok(new)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }
}
