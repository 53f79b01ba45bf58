//! `check`: the whole store, not only the audit trail. Every record decodes and its
//! schema version is known; every derived tree (indexes, list rows, counters) equals what
//! the records call for, computed by the same functions that write it; every sequence is
//! above every number used; the audit chain holds. `repair` rebuilds the derived trees
//! from the records in one transaction, audited.

mod repair;

pub use repair::Repaired;

use std::collections::BTreeMap;

use super::envelope::{decode, Record, MAGIC};
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::account::Account;
use crate::domain::case::Case;
use crate::domain::household::Household;
use crate::domain::meeting::Meeting;
use crate::domain::monitoring::{Alert, Exit, Reading};
use crate::domain::referral::Referral;

/// A store with no records and no audit entries whose file is larger than this has lost
/// its contents (an empty store's file is about 2.5 KB).
const LOST_CONTENTS_BYTES: u64 = 64 * 1024;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// A record's bytes do not decode.
    UnreadableRecord,
    /// A record written in a schema version this program does not know.
    UnknownVersion,
    /// A record has no entry in an index that should hold one.
    MissingIndexEntry,
    /// An index entry that no record calls for (it points nowhere).
    StrayIndexEntry,
    /// An index entry whose value differs from what its record calls for.
    WrongIndexEntry,
    /// The counters differ from a recount.
    Counters,
    /// A sequence at or below a number already used.
    Sequence,
    /// The audit trail's hash chain is broken.
    AuditChain,
}

impl FindingKind {
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            FindingKind::UnreadableRecord => ("无法读取的记录", "unreadable records"),
            FindingKind::UnknownVersion => ("未知格式版本的记录", "records of an unknown format"),
            FindingKind::MissingIndexEntry => ("缺失的索引条目", "missing index entries"),
            FindingKind::StrayIndexEntry => (
                "多余的索引条目（无对应记录）",
                "stray index entries (no record)",
            ),
            FindingKind::WrongIndexEntry => (
                "内容不符的索引条目",
                "index entries that differ from their record",
            ),
            FindingKind::Counters => (
                "统计数字与重新计数不符",
                "counters that differ from a recount",
            ),
            FindingKind::Sequence => ("编号序列落后于已用编号", "sequences behind a number in use"),
            FindingKind::AuditChain => ("审计记录链断裂", "breaks in the audit chain"),
        }
    }

    /// Whether `check --repair` can fix it from the records.
    pub fn repairable(self) -> bool {
        !matches!(
            self,
            FindingKind::UnreadableRecord | FindingKind::UnknownVersion | FindingKind::AuditChain
        )
    }
}

/// One problem, where it is, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    /// The tree (or key) it is in, e.g. `idx/lookup`.
    pub place: String,
    pub count: u64,
    pub zh: String,
    pub en: String,
}

/// What `check` read and found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Records read, by tree.
    pub records: Vec<(&'static str, u64)>,
    /// Index entries compared, by tree.
    pub index_entries: Vec<(&'static str, u64)>,
    pub audit_entries: u64,
    pub findings: Vec<Finding>,
    /// The highest household, case, referral, reading, alert, exit or draft id in use.
    pub max_id: u64,
}

impl CheckReport {
    /// Findings counted by kind.
    pub fn by_kind(&self) -> BTreeMap<FindingKind, u64> {
        let mut out = BTreeMap::new();
        for f in &self.findings {
            *out.entry(f.kind).or_default() += f.count;
        }
        out
    }

    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }

    fn add(&mut self, kind: FindingKind, place: &str, count: u64, zh: String, en: String) {
        if count > 0 {
            self.findings.push(Finding {
                kind,
                place: place.to_string(),
                count,
                zh,
                en,
            });
        }
    }
}

/// An index compared with what the records call for.
#[derive(Debug, Default)]
pub(super) struct Diff {
    pub missing: Vec<(Vec<u8>, Vec<u8>)>,
    pub wrong: Vec<(Vec<u8>, Vec<u8>)>,
    pub stray: Vec<Vec<u8>>,
    pub present: u64,
}

impl Diff {
    fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.wrong.is_empty() && self.stray.is_empty()
    }
}

/// Walk the tree and the expected entries side by side (both in key order).
pub(super) fn diff(expected: Entries, tree: &sled::Tree) -> Result<Diff, StoreError> {
    let mut d = Diff::default();
    let mut want = expected.into_iter().peekable();
    for kv in tree.iter() {
        let (k, v) = kv?;
        d.present += 1;
        while want.peek().is_some_and(|(wk, _)| wk.as_slice() < &k[..]) {
            if let Some(m) = want.next() {
                d.missing.push(m);
            }
        }
        match want.peek() {
            Some((wk, wv)) if wk.as_slice() == &k[..] => {
                if wv.as_slice() != &v[..] {
                    d.wrong.push((wk.clone(), wv.clone()));
                }
                want.next();
            }
            _ => d.stray.push(k.to_vec()),
        }
    }
    d.missing.extend(want);
    Ok(d)
}

/// The trees that hold records, with how to read each (kind, tree, decoder).
type Decoder = fn(&[u8]) -> Result<Option<u64>, StoreError>;

fn id_of<T: Record>(f: fn(&T) -> Option<u64>) -> impl Fn(&[u8]) -> Result<Option<u64>, StoreError> {
    move |b| decode::<T>(b).map(|r| f(&r))
}

impl Store {
    /// Check the whole store. Reads every record and index once per index (the lookup
    /// index is held in memory while it is compared).
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport::default();
        let mut max_id = 0u64;
        let record_trees: Vec<(&'static str, sled::Tree, Decoder)> = vec![
            ("households", self.households.clone(), |b| {
                id_of::<Household>(|h| Some(h.id.0))(b)
            }),
            ("cases", self.cases.clone(), |b| {
                id_of::<Case>(|c| Some(c.id.0))(b)
            }),
            ("referrals", self.referral_tree().clone(), |b| {
                id_of::<Referral>(|r| Some(r.id.0))(b)
            }),
            ("meetings", self.named("meetings")?, |b| {
                id_of::<Meeting>(|_| None)(b)
            }),
            ("accounts", self.named("accounts")?, |b| {
                id_of::<Account>(|_| None)(b)
            }),
            (
                super::monitoring::READINGS,
                self.named(super::monitoring::READINGS)?,
                |b| id_of::<Reading>(|r| Some(r.id))(b),
            ),
            (
                super::monitoring::ALERTS,
                self.named(super::monitoring::ALERTS)?,
                |b| id_of::<Alert>(|a| Some(a.id.0))(b),
            ),
            (
                super::monitoring::EXITS,
                self.named(super::monitoring::EXITS)?,
                |b| id_of::<Exit>(|e| Some(e.id))(b),
            ),
            (
                super::monitoring::RECHECKS,
                self.named(super::monitoring::RECHECKS)?,
                |b| id_of::<crate::domain::recheck::Recheck>(|r| Some(r.id))(b),
            ),
            (super::staff::STAFF, self.named(super::staff::STAFF)?, |b| {
                id_of::<crate::domain::staff_relatives::StaffEntry>(|e| Some(e.id))(b)
            }),
            (
                super::staff::DISTRICT_CHECKS,
                self.named(super::staff::DISTRICT_CHECKS)?,
                |b| id_of::<crate::domain::staff_relatives::DistrictCheck>(|_| None)(b),
            ),
            (
                super::staff::SPOT_CHECKS,
                self.named(super::staff::SPOT_CHECKS)?,
                |b| id_of::<crate::domain::spot_check::SpotCheck>(|_| None)(b),
            ),
        ];
        for (name, tree, read) in &record_trees {
            let (mut n, mut unreadable, mut unknown) = (0u64, 0u64, 0u64);
            let mut first_bad = None;
            for kv in tree.iter() {
                let (k, v) = kv?;
                n += 1;
                match read(&v) {
                    Ok(id) => max_id = max_id.max(id.unwrap_or(0)),
                    Err(StoreError::UnsupportedVersion { .. }) => unknown += 1,
                    Err(_) => {
                        unreadable += 1;
                        first_bad.get_or_insert_with(|| key_text(&k));
                    }
                }
            }
            report.records.push((name, n));
            let at = first_bad.unwrap_or_default();
            report.add(
                FindingKind::UnreadableRecord,
                name,
                unreadable,
                format!("{name}：{unreadable} 条记录无法读取（第一条：{at}）"),
                format!("{name}: {unreadable} records do not decode (first: {at})"),
            );
            report.add(
                FindingKind::UnknownVersion,
                name,
                unknown,
                format!("{name}：{unknown} 条记录的格式版本本程序不认识"),
                format!("{name}: {unknown} records in a format version this program does not know"),
            );
        }
        self.check_meta_records(&mut report)?;
        self.check_drafts(&mut report, &mut max_id)?;
        for (name, tree, expected) in self.derived_expected()? {
            let d = diff(expected, &tree)?;
            report.index_entries.push((name, d.present));
            report_diff(&mut report, name, &d);
        }
        let terms = self.lookup_check()?;
        report.index_entries.push(("idx/terms", terms.present));
        let d = Diff {
            missing: terms.missing,
            wrong: terms.wrong,
            stray: terms.stray,
            present: terms.present,
        };
        report_diff(&mut report, "idx/terms", &d);
        self.check_counters(&mut report)?;
        report.max_id = max_id;
        for (key, used, next) in self.sequences(max_id)? {
            if next <= used {
                let what = String::from_utf8_lossy(&key).into_owned();
                report.add(
                    FindingKind::Sequence,
                    &what,
                    1,
                    format!("编号序列 {what} 下一个是 {next}，但 {used} 已被使用"),
                    format!("sequence {what} would hand out {next}, but {used} is already in use"),
                );
            }
        }
        let chain = self.check_audit_chain()?;
        report.audit_entries = chain.entries;
        self.check_lost_contents(&mut report);
        for (zh, en) in chain.problems {
            report.add(FindingKind::AuditChain, "audit", 1, zh, en);
        }
        Ok(report)
    }

    /// sled reads a log cut short up to its last whole part: a store cut early in its file
    /// opens empty. Every store in use has audit entries; a large file with none is a
    /// store whose contents were lost, not a new one (a new store's file is a few KB).
    fn check_lost_contents(&self, report: &mut CheckReport) {
        let size = std::fs::metadata(self.path.join("db"))
            .map(|m| m.len())
            .unwrap_or(0);
        let records: u64 = report.records.iter().map(|(_, n)| n).sum();
        if report.audit_entries == 0 && records == 0 && size > LOST_CONTENTS_BYTES {
            let kb = size / 1024;
            report.add(
                FindingKind::UnreadableRecord,
                "db",
                1,
                format!("数据库文件有 {kb} KB，却读不出任何记录或审计记录：内容已丢失或损坏"),
                format!("the store's file is {kb} KB but no record or audit entry reads from it: its contents are lost or damaged"),
            );
        }
    }

    /// The caseload and the standards document, kept in `meta`.
    fn check_meta_records(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        if let Some(v) = self.meta.get(super::standards::KEY)? {
            if let Err(e) = decode::<super::standards::StandardsDoc>(&v) {
                report.add(
                    kind_of(&e),
                    "meta/standards",
                    1,
                    format!("标准文件无法读取：{}", e.zh()),
                    format!("the standards document does not read: {e}"),
                );
            }
        }
        Ok(())
    }

    /// Drafts hold several kinds of form; each must at least be ours and versioned.
    fn check_drafts(&self, report: &mut CheckReport, max_id: &mut u64) -> Result<(), StoreError> {
        let tree = self.named(super::drafts::TREE)?;
        let (mut n, mut bad) = (0u64, 0u64);
        for kv in tree.iter() {
            let (k, v) = kv?;
            n += 1;
            if v.len() < 4 || v[..2] != MAGIC {
                bad += 1;
            }
            if let Some(id) = k
                .len()
                .checked_sub(8)
                .and_then(|at| keys::read_u64(&k[at..]))
            {
                *max_id = (*max_id).max(id);
            }
        }
        report.records.push(("drafts", n));
        report.add(
            FindingKind::UnreadableRecord,
            "drafts",
            bad,
            format!("drafts：{bad} 份草稿无法读取"),
            format!("drafts: {bad} drafts do not read"),
        );
        Ok(())
    }

    fn check_counters(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        let stored = self.meta.get(keys::META_CASELOAD)?;
        let stored = match stored.map(|v| decode::<crate::domain::caseload::Caseload>(&v)) {
            Some(Ok(c)) => Some(c),
            Some(Err(_)) | None => None,
        };
        let lines = stored.as_ref().and_then(|c| c.lines);
        let recount = match self.count_caseload(lines) {
            Ok(c) => c,
            // A record that does not decode is reported on its own; no recount without it.
            Err(StoreError::Corrupt(_) | StoreError::UnsupportedVersion { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        let empty = recount
            == crate::domain::caseload::Caseload {
                lines,
                ..Default::default()
            };
        if stored.as_ref() != Some(&recount) && !(stored.is_none() && empty) {
            // Name the counters that differ (the first few), so a drift can be traced.
            let diff = stored
                .as_ref()
                .map(|s| crate::domain::caseload::differences(s, &recount))
                .unwrap_or_default();
            let named = |pick: fn(&(String, String)) -> &String, sep: &str| {
                let mut out: Vec<&str> = diff.iter().take(6).map(|d| pick(d).as_str()).collect();
                if diff.len() > 6 {
                    out.push("…");
                }
                if out.is_empty() {
                    String::new()
                } else {
                    format!("{sep}{}", out.join("; "))
                }
            };
            report.add(
                FindingKind::Counters,
                "meta/caseload",
                1,
                format!(
                    "首页统计数字与按记录重新计数的结果不符{}",
                    named(|d| &d.0, "："),
                ),
                format!(
                    "the dashboard counters differ from a recount of the records{}",
                    named(|d| &d.1, ": "),
                ),
            );
        }
        Ok(())
    }
}

fn kind_of(e: &StoreError) -> FindingKind {
    match e {
        StoreError::UnsupportedVersion { .. } => FindingKind::UnknownVersion,
        _ => FindingKind::UnreadableRecord,
    }
}

fn report_diff(report: &mut CheckReport, name: &str, d: &Diff) {
    if d.is_empty() {
        return;
    }
    let (m, s, w) = (
        d.missing.len() as u64,
        d.stray.len() as u64,
        d.wrong.len() as u64,
    );
    report.add(
        FindingKind::MissingIndexEntry,
        name,
        m,
        format!("{name}：{m} 个记录缺少索引条目（查找或列表会漏掉它们）"),
        format!("{name}: {m} entries missing (lookups and lists will not find those records)"),
    );
    report.add(
        FindingKind::StrayIndexEntry,
        name,
        s,
        format!("{name}：{s} 个索引条目没有对应的记录"),
        format!("{name}: {s} entries point to no record"),
    );
    report.add(
        FindingKind::WrongIndexEntry,
        name,
        w,
        format!("{name}：{w} 个索引条目与记录不符"),
        format!("{name}: {w} entries differ from their record"),
    );
}

/// A key for a message: an 8-byte id as a number, otherwise its readable bytes.
fn key_text(k: &[u8]) -> String {
    match (k.len(), keys::read_u64(k)) {
        (8, Some(id)) => id.to_string(),
        _ => String::from_utf8_lossy(k).into_owned(),
    }
}

mod derived;
#[cfg(test)]
mod tests;
