//! The sled store: one tree per entity plus index trees, versioned records, an audit
//! trail, and caseload counters. A record, its index entries, its audit entry and the
//! counters change together in one transaction, flushed before the caller says "saved".

pub mod accounts;
mod alert_counts;
pub mod anchor;
pub mod audit;
pub mod backup;
pub mod bulk;
mod case_dates;
mod case_index;
pub mod check;
mod codec;
mod deadline_counts;
mod drafts;
pub mod envelope;
pub mod figures;
mod grouped;
pub mod imports;
pub mod keys;
pub mod lookup;
mod lookup_query;
pub mod meetings;
mod migrate;
pub mod monitoring;
mod open;
pub mod upgrade;
pub use open::{quiet_catch, store_exists, SET_ASIDE};
mod postings;
mod read;
pub mod referrals;
pub mod schema;
pub mod staff;
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
pub use case_dates::{CaseDate, APPEAL, LETTER_DUE, NOTICE_ENDS};
pub use case_index::CaseBrief;
pub use read::CaseFilter;
pub use write::Change;

/// sled's default page cache is 1 GiB; old office PCs have little memory to spare.
pub const CACHE_BYTES: u64 = 16 * 1024 * 1024;

impl Record for Household {
    const KIND: &'static str = "household";
    /// 2: legal obligors (`obligors`) after `standing`; version 1 is read as having none.
    /// 3: members' ID numbers and the standing's `since` compact (`domain::compact`);
    /// versions 1 and 2 are read from their text.
    const VERSION: u16 = 3;

    fn decode_old(version: u16, payload: &[u8]) -> Option<Result<Household, StoreError>> {
        match version {
            1 => Some(migrate::household_v1(payload)),
            2 => Some(migrate::household_v2(payload)),
            _ => None,
        }
    }
}

impl Record for Case {
    const KIND: &'static str = "case";
    /// 2: `flags` and `procedure` (public notice, objections, letters, appeals) after
    /// `history`; version 1 is read as having none, a decided one as in force since its
    /// decision (before issue 18 a decision took effect at once).
    /// 3: `flags` dropped (nothing wrote it: the relative-of-staff flag is worked out from
    /// the register, so that taking an entry off the register clears it); version 2 is
    /// read without it.
    /// 4: every date a day number and every time seconds (`domain::compact`), not text;
    /// versions 1 to 3 are read from their text.
    /// 5: the review's explanation (both languages) deflated; version 4 is read as lists.
    const VERSION: u16 = 5;

    fn decode_old(version: u16, payload: &[u8]) -> Option<Result<Case, StoreError>> {
        match version {
            1 => Some(migrate::case_v1(payload)),
            2 => Some(migrate::case_v2(payload)),
            3 => Some(migrate::case_v3(payload)),
            4 => Some(migrate::case_v4(payload)),
            _ => None,
        }
    }
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
    #[error("this store is in an older format ({found}; this program uses {current}): run `safetynet migrate --store {}` once to upgrade it", .path.display())]
    NeedsMigration {
        path: PathBuf,
        found: u16,
        current: u16,
    },
    #[error("{0} was not found")]
    NotFound(String),
    #[error("{0}")]
    Refused(String),
    #[error("storage error: {0}")]
    Sled(sled::Error),
    #[error("the disk is full: nothing was saved; free space and try again")]
    DiskFull,
    #[error("the store at {} is damaged: {why}; restore the last backup (see README, Backup)", .path.display())]
    Damaged { path: PathBuf, why: String },
    #[error("there is no store at {}; check the path, or add --create to make a new, empty store there", .0.display())]
    Missing(PathBuf),
    #[error("the store at {} was not completely generated (the run was interrupted); delete that folder and generate again", .0.display())]
    Incomplete(PathBuf),
    #[error("cannot use the store folder {}: {error}; check that the disk is connected and the folder may be written", .path.display())]
    Folder { path: PathBuf, error: String },
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> StoreError {
        match e {
            sled::Error::Io(io) if open::disk_full(&io) => StoreError::DiskFull,
            other => StoreError::Sled(other),
        }
    }
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
            StoreError::NeedsMigration {
                path,
                found,
                current,
            } => format!(
                "数据库是旧格式（{found}，本程序使用{current}），请先运行一次 `safetynet migrate --store {}` 升级",
                path.display()
            ),
            StoreError::NotFound(what) => format!("未找到{what}"),
            StoreError::Refused(why) => why.clone(),
            StoreError::Sled(e) => format!("存储错误：{e}"),
            StoreError::DiskFull => "磁盘已满：没有保存任何内容；请清理磁盘空间后重试".into(),
            StoreError::Damaged { path, why } => format!(
                "数据库已损坏（{}）：{why}；请恢复最近的备份（见 README“备份”一节）",
                path.display()
            ),
            StoreError::Missing(p) => format!(
                "{} 没有数据库；请检查路径，或加 --create 在那里新建一个空数据库",
                p.display()
            ),
            StoreError::Incomplete(p) => format!(
                "{} 的数据库没有生成完（生成被中断）；请删除该文件夹后重新生成",
                p.display()
            ),
            StoreError::Folder { path, error } => format!(
                "无法使用数据库文件夹 {}：{error}；请检查磁盘是否连接、文件夹是否可写",
                path.display()
            ),
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
    idx_terms: sled::Tree,
    idx_figure: sled::Tree,
    idx_case_date: sled::Tree,
    idx_deadline_day: sled::Tree,
    referral_trees: referrals::ReferralTrees,
    /// Every tree of `schema::TREES`, opened once with the store (`Store::named`).
    named: Vec<(&'static str, sled::Tree)>,
    /// Held shared by every write transaction and exclusively by a backup, so a backup
    /// reads one consistent state of every tree (sled 0.34 has no snapshots).
    gate: std::sync::RwLock<()>,
    /// Fault tests only: every write refused as on a full disk (`simulate_full_disk`).
    full_disk: std::sync::atomic::AtomicBool,
    /// Where the audit trail's signed checkpoints go (`anchor.rs`), and up to which entry.
    anchor: std::sync::Mutex<Option<(anchor::Anchor, u64)>>,
}

impl Store {
    /// Open (or create) the store at `path`. Another process holding it gives `Locked`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let store = Store::open_trees(path)?;
        store.check_format()?;
        store.migrate_caseload()?;
        store.ensure_alert_counts()?;
        store.ensure_deadline_counts()?;
        store.ensure_appeal_dates()?;
        if store.generation_incomplete()? {
            return Err(StoreError::Incomplete(path.to_path_buf()));
        }
        Ok(store)
    }

    /// Open sled and the trees, whatever the store's format (for `migrate`).
    fn open_trees(path: &Path) -> Result<Store, StoreError> {
        let db = open::open_db(path)?;
        let named = schema::open_all(&db)?;
        let tree = |name: &str| schema::pick(&named, name);
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
            idx_terms: tree("idx/terms")?,
            idx_figure: tree("idx/figure")?,
            idx_case_date: tree("idx/case_date")?,
            idx_deadline_day: tree(deadline_counts::TREE)?,
            referral_trees: referrals::ReferralTrees::open(&named)?,
            gate: std::sync::RwLock::new(()),
            full_disk: std::sync::atomic::AtomicBool::new(false),
            anchor: std::sync::Mutex::new(None),
            named,
            db,
        };
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
        self.checkpoint();
        Ok(())
    }

    /// Taken by every write transaction (see `gate`). Refused, before anything is
    /// written, while a fault test simulates a full disk.
    pub(crate) fn write_gate(&self) -> Result<std::sync::RwLockReadGuard<'_, ()>, StoreError> {
        if self.full_disk.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(StoreError::DiskFull);
        }
        Ok(self
            .gate
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }

    /// For fault tests: while `on`, every write fails as it does on a full disk
    /// (`StoreError::DiskFull`, nothing written). The program never sets it; a real
    /// full disk is tested with a file-size limit on the real binary (tests/disk_full.rs).
    #[doc(hidden)]
    pub fn simulate_full_disk(&self, on: bool) {
        self.full_disk
            .store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// All trees that a write may touch, in the order `write.rs` expects.
    fn write_trees(&self) -> [&sled::Tree; 13] {
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
            &self.idx_terms,
            &self.idx_figure,
            &self.idx_case_date,
            &self.idx_deadline_day,
        ]
    }
}

#[cfg(test)]
mod tests;
