//! Import records: one per imported file (by its SHA-256), written before the first
//! household and marked finished after the last, so an import cut off half-way is found
//! and completed by running it again, never left half in without a word. The households
//! themselves go through `Store::save`, one transaction each.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::envelope::{decode, encode, Record};
use super::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    /// Hex SHA-256 of the file's bytes.
    pub sha256: String,
    pub file: String,
    pub by: String,
    pub started: NaiveDateTime,
    /// Households in the file that were to be written.
    pub planned: u64,
    /// Set when every household is in.
    pub finished: Option<NaiveDateTime>,
}

impl Record for ImportRecord {
    const KIND: &'static str = "import record";
    const VERSION: u16 = 1;
}

const TREE: &str = "imports";

impl Store {
    fn imports(&self) -> Result<sled::Tree, StoreError> {
        self.named(TREE)
    }

    /// The record of the import of the file with this hash.
    pub fn import_record(&self, sha256: &str) -> Result<Option<ImportRecord>, StoreError> {
        self.imports()?
            .get(sha256.as_bytes())?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Write (or replace) an import record, flushed.
    pub fn put_import_record(&self, record: &ImportRecord) -> Result<(), StoreError> {
        self.imports()?
            .insert(record.sha256.as_bytes(), encode(record)?)?;
        self.flush()
    }

    /// Imports that were started and not finished.
    pub fn unfinished_imports(&self) -> Result<Vec<ImportRecord>, StoreError> {
        let mut out = Vec::new();
        for kv in self.imports()?.iter() {
            let (_, v) = kv?;
            let r: ImportRecord = decode(&v)?;
            if r.finished.is_none() {
                out.push(r);
            }
        }
        Ok(out)
    }
}
