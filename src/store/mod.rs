//! The sled store: one tree per entity plus index trees, versioned records, an audit
//! trail, and caseload counters. A record, its index entries, its audit entry and the
//! counters change together in one transaction, flushed before the caller says "saved".

pub mod accounts;
pub mod audit;
pub mod bulk;
mod drafts;
pub mod envelope;
pub mod figures;
pub mod keys;
pub mod lookup;
pub mod meetings;
pub mod monitoring;
mod read;
pub mod referrals;
pub mod standards;
mod tx;
mod write;

use std::path::{Path, PathBuf};

use crate::domain::case::Case;
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::Caseload;
use crate::domain::household::Household;
use envelope::Record;

pub use audit::AuditEntry;
pub use read::CaseFilter;
pub use write::Change;

/// sled's default page cache is 1 GiB; old office PCs have little memory to spare.
pub const CACHE_BYTES: u64 = 16 * 1024 * 1024;

impl Record for Household {
    const KIND: &'static str = "household";
    const VERSION: u16 = 1;
}

impl Record for Case {
    const KIND: &'static str = "case";
    const VERSION: u16 = 1;
}

impl Record for CaseRow {
    const KIND: &'static str = "case row";
    const VERSION: u16 = 1;
}

impl Record for Caseload {
    const KIND: &'static str = "caseload";
    /// 2: monitoring line, income below it, applications and confirmations per month.
    const VERSION: u16 = 2;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("this store is already open in another window ({0}); close the other copy of safetynet first")]
    Locked(PathBuf),
    #[error("the store cannot be read: {0}")]
    Corrupt(String),
    #[error("this {kind} was written by a newer version of safetynet (format {found}, this program reads {supported}); update the program")]
    UnsupportedVersion {
        kind: &'static str,
        found: u16,
        supported: u16,
    },
    #[error("{what} was changed by {by} after you opened it; reopen it to see their change, then make yours again")]
    Stale { what: String, by: String },
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Refused(String),
    #[error("storage error: {0}")]
    Sled(#[from] sled::Error),
}

impl StoreError {
    pub fn zh(&self) -> String {
        match self {
            StoreError::Locked(p) => format!(
                "此数据库已在另一个窗口中打开（{}），请先关闭另一个 safetynet",
                p.display()
            ),
            StoreError::Corrupt(e) => format!("数据无法读取：{e}"),
            StoreError::UnsupportedVersion {
                found, supported, ..
            } => format!(
                "该记录由更新版本的程序写入（格式{found}，本程序支持{supported}），请升级程序"
            ),
            StoreError::Stale { what, by } => {
                format!("{what}在您打开后已被{by}修改，请重新打开查看后再修改")
            }
            StoreError::NotFound(what) => format!("未找到{what}"),
            StoreError::Refused(why) => why.clone(),
            StoreError::Sled(e) => format!("存储错误：{e}"),
        }
    }
}

/// Open sled, waiting up to a second for the lock: a copy of the program that has just
/// quit may still be releasing it (sled's flusher thread ends shortly after the last
/// handle). Still locked after that: another window really has the store open.
fn open_db(path: &Path) -> Result<sled::Db, StoreError> {
    let mut tries = 0;
    loop {
        match sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            .open()
        {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(ref io)) if io.to_string().contains("could not acquire lock") => {
                tries += 1;
                if tries >= 10 {
                    return Err(StoreError::Locked(path.to_path_buf()));
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Err(other) => return Err(StoreError::Sled(other)),
        }
    }
}

/// The open store. Cheap to share behind an `Arc`; sled handles concurrency inside one process.
pub struct Store {
    path: PathBuf,
    db: sled::Db,
    households: sled::Tree,
    cases: sled::Tree,
    audit: sled::Tree,
    meta: sled::Tree,
    idx_resident: sled::Tree,
    idx_case_list: sled::Tree,
    idx_deadline: sled::Tree,
    idx_household_case: sled::Tree,
    idx_audit_target: sled::Tree,
    idx_lookup: sled::Tree,
    idx_figure: sled::Tree,
    referral_trees: referrals::ReferralTrees,
}

impl Store {
    /// Open (or create) the store at `path`. Another process holding it gives `Locked`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let db = open_db(path)?;
        let tree = |name: &str| db.open_tree(name);
        let store = Store {
            path: path.to_path_buf(),
            households: tree("households")?,
            cases: tree("cases")?,
            audit: tree("audit")?,
            meta: tree("meta")?,
            idx_resident: tree("idx/resident")?,
            idx_case_list: tree("idx/case_list")?,
            idx_deadline: tree("idx/deadline")?,
            idx_household_case: tree("idx/household_case")?,
            idx_audit_target: tree("idx/audit_target")?,
            idx_lookup: tree("idx/lookup")?,
            idx_figure: tree("idx/figure")?,
            referral_trees: referrals::ReferralTrees::open(&db)?,
            db,
        };
        if store.meta.get(keys::META_SCHEMA)?.is_none() {
            store.meta.insert(keys::META_SCHEMA, &1u16.to_be_bytes())?;
        }
        store.migrate_caseload()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes on disk as sled reports them.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }

    /// Make everything written so far durable.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// All trees that a write may touch, in the order `write.rs` expects.
    fn write_trees(&self) -> [&sled::Tree; 11] {
        [
            &self.households,
            &self.cases,
            &self.audit,
            &self.meta,
            &self.idx_resident,
            &self.idx_case_list,
            &self.idx_deadline,
            &self.idx_household_case,
            &self.idx_audit_target,
            &self.idx_lookup,
            &self.idx_figure,
        ]
    }
}

#[cfg(test)]
mod tests;
