//! `idx/case_date`: the days the procedure waits for, by day, so that the daily run and
//! the overdue-letter count read the cases that are due instead of every case (at
//! 1,000,000 households the daily run at program start read every case in notice).
//!
//! Key: kind (1 byte) ‖ day (4) ‖ case id (8) [‖ letter number (1)]; value: town code
//! [‖ letter kind code]. Kinds:
//! - [`NOTICE_ENDS`]: a case in public notice, on the day it takes effect if no
//!   objection came (`effective_on` of its current notice);
//! - [`LETTER_DUE`]: each written notice not yet delivered of a decided case (rejected or
//!   confirmed), on its due day;
//! - [`APPEAL`]: each appeal (复核 / 行政复议) on a case, open or decided, on the day it was
//!   received (`appeal list` reads the cases with appeals, not every case).
//!
//! Written from [`entries`] in the same transaction as the case (`write.rs`), by the bulk
//! load, rebuilt by the upgrade to format 4 and compared and repaired by `check`.

use chrono::NaiveDate;

use super::envelope::decode;
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::procedure::LetterKind;
use crate::domain::town::Town;

/// A case in notice, by the day it takes effect.
pub const NOTICE_ENDS: u8 = 1;
/// A letter not delivered, by its due day.
pub const LETTER_DUE: u8 = 2;
/// An appeal, by the day it was received.
pub const APPEAL: u8 = 3;
/// In `meta` once `idx/case_date` holds the appeals (stores of format 4 written before
/// them get them on opening, `ensure_appeal_dates`).
const APPEALS_INDEXED: &[u8] = b"case_date/appeals";

fn key(kind: u8, day: NaiveDate, c: CaseId) -> Vec<u8> {
    let mut k = Vec::with_capacity(14);
    k.push(kind);
    k.extend_from_slice(&keys::day(day));
    k.extend_from_slice(&keys::id(c.0));
    k
}

/// Every `idx/case_date` entry the case calls for.
pub(super) fn entries(c: &Case) -> Entries {
    let mut out = Entries::new();
    if c.stage == Stage::InNotice {
        if let Some(n) = c.procedure.notice() {
            out.insert(key(NOTICE_ENDS, n.effective_on, c.id), vec![c.town.code()]);
        }
    }
    if matches!(c.stage, Stage::Rejected | Stage::Confirmed) {
        for (i, l) in c.procedure.letters.iter().enumerate() {
            if l.delivered_on.is_some() {
                continue;
            }
            let mut k = key(LETTER_DUE, l.due.date, c.id);
            k.push(u8::try_from(i).unwrap_or(u8::MAX));
            out.insert(k, vec![c.town.code(), l.kind.code()]);
        }
    }
    for (i, a) in c.procedure.appeals.iter().enumerate() {
        let mut k = key(APPEAL, a.requested_on, c.id);
        k.push(u8::try_from(i).unwrap_or(u8::MAX));
        out.insert(k, vec![c.town.code()]);
    }
    out
}

/// One entry of `idx/case_date`, as read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseDate {
    pub day: NaiveDate,
    pub case: CaseId,
    pub town: Town,
    /// For a letter: its kind and its place in the case's letters.
    pub letter: Option<(LetterKind, usize)>,
}

fn read(k: &[u8], v: &[u8]) -> Option<CaseDate> {
    let day_bytes: [u8; 4] = k.get(1..5)?.try_into().ok()?;
    let days = i64::from(u32::from_be_bytes(day_bytes)) - i64::from(i32::MAX);
    let day = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).ok()?)?;
    let case = CaseId(k.get(5..13).and_then(keys::read_u64)?);
    let town = Town::from_code(*v.first()?)?;
    let letter = match (k.get(13), v.get(1)) {
        (Some(i), Some(kind)) => Some((LetterKind::from_code(*kind)?, usize::from(*i))),
        _ => None,
    };
    Some(CaseDate {
        day,
        case,
        town,
        letter,
    })
}

impl Store {
    /// The entries of `kind` whose day is before `until` (all of them with `None`), earliest
    /// first, in `town` (all towns with `None`).
    pub fn case_dates(
        &self,
        kind: u8,
        until: Option<NaiveDate>,
        town: Option<Town>,
    ) -> Result<Vec<CaseDate>, StoreError> {
        let tree = self.named("idx/case_date")?;
        let start = vec![kind];
        let end = match until {
            Some(d) => {
                let mut e = vec![kind];
                e.extend_from_slice(&keys::day(d));
                e
            }
            None => vec![kind.saturating_add(1)],
        };
        let mut out = Vec::new();
        for kv in tree.range(start..end) {
            let (k, v) = kv?;
            let Some(d) = read(&k, &v) else { continue };
            if town.is_none_or(|t| t == d.town) {
                out.push(d);
            }
        }
        Ok(out)
    }

    /// How many entries of `kind` fall on `from` or later (all towns): the cases still in
    /// notice after the daily run, without reading them.
    pub fn count_case_dates_from(&self, kind: u8, from: NaiveDate) -> Result<usize, StoreError> {
        let tree = self.named("idx/case_date")?;
        let mut start = vec![kind];
        start.extend_from_slice(&keys::day(from));
        let end = vec![kind.saturating_add(1)];
        let mut n = 0;
        for kv in tree.range(start..end) {
            kv?;
            n += 1;
        }
        Ok(n)
    }

    /// What `idx/case_date` should hold, from every readable case.
    pub(super) fn case_dates_expected(&self) -> Result<Entries, StoreError> {
        let mut out = Entries::new();
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            if let Ok(c) = decode::<Case>(&v) {
                out.extend(entries(&c));
            }
        }
        Ok(out)
    }

    /// Write `idx/case_date` from every case (the upgrade to format 4), flushed in
    /// batches; `progress(done, total)` counts cases.
    pub(super) fn rebuild_case_dates(
        &self,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<(), StoreError> {
        let tree = self.named("idx/case_date")?;
        tree.clear()?;
        let total = self.cases.len() as u64;
        let mut batch = sled::Batch::default();
        let mut done = 0u64;
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            let c: Case = decode(&v)?;
            for (k, v) in entries(&c) {
                batch.insert(k, v);
            }
            done += 1;
            if done.is_multiple_of(20_000) {
                tree.apply_batch(std::mem::take(&mut batch))?;
                self.flush()?;
                progress(done, total);
            }
        }
        tree.apply_batch(batch)?;
        self.meta.insert(APPEALS_INDEXED, &[])?;
        self.flush()?;
        progress(done, total);
        Ok(())
    }

    /// Mark a store whose `idx/case_date` holds the appeals (a new store, the bulk load).
    pub(super) fn mark_appeal_dates(&self) -> Result<(), StoreError> {
        self.meta.insert(APPEALS_INDEXED, &[])?;
        Ok(())
    }

    /// On opening a store of format 4 written before appeals were in `idx/case_date`: add
    /// their entries from the cases (one pass, once) and mark the store. A new, empty store
    /// is only marked.
    pub(super) fn ensure_appeal_dates(&self) -> Result<(), StoreError> {
        if self.meta.get(APPEALS_INDEXED)?.is_some() {
            return Ok(());
        }
        if !self.cases.is_empty() {
            tracing::info!("adding the appeals to idx/case_date");
            let tree = self.named("idx/case_date")?;
            let mut batch = sled::Batch::default();
            for kv in self.cases.iter() {
                let (_, v) = kv?;
                let Ok(c) = decode::<Case>(&v) else { continue };
                for (k, v) in entries(&c) {
                    if k.first() == Some(&APPEAL) {
                        batch.insert(k, v);
                    }
                }
            }
            tree.apply_batch(batch)?;
        }
        self.mark_appeal_dates()?;
        self.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::generate::{generate, GenerateOptions};
    use crate::store::check::FindingKind;
    use crate::store::upgrade::CURRENT;

    fn district(path: &std::path::Path, households: u64) -> Store {
        let store = Store::open(path).expect("open");
        let opts = GenerateOptions {
            households,
            seed: 5,
            as_of: NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        };
        generate(&store, opts, |_, _| {}).expect("generate");
        store
    }

    fn stored(store: &Store) -> Entries {
        store
            .idx_case_date
            .iter()
            .map(|kv| {
                let (k, v) = kv.expect("read");
                (k.to_vec(), v.to_vec())
            })
            .collect()
    }

    /// The generated district has cases in notice and letters not delivered, written by
    /// the bulk load as a rebuild would; one entry removed and a stray one are found by
    /// `check` and put right by the repair.
    #[test]
    fn check_finds_a_removed_entry_and_a_stray_one_and_the_repair_restores_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = district(dir.path(), 300);
        let want = store.case_dates_expected().expect("expected");
        assert_eq!(stored(&store), want);
        let notices = store.case_dates(NOTICE_ENDS, None, None).expect("notices");
        let letters = store.case_dates(LETTER_DUE, None, None).expect("letters");
        assert!(
            !notices.is_empty() && !letters.is_empty(),
            "{notices:?} {letters:?}"
        );
        assert!(letters.iter().all(|d| d.letter.is_some()));
        assert!(notices.iter().all(|d| d.letter.is_none()));

        let (gone, _) = want.iter().next().expect("an entry");
        store.idx_case_date.remove(gone.as_slice()).expect("remove");
        let mut stray = vec![NOTICE_ENDS];
        stray.extend_from_slice(&keys::day(NaiveDate::from_ymd_opt(2026, 4, 1).expect("d")));
        stray.extend_from_slice(&keys::id(999_999));
        store
            .idx_case_date
            .insert(stray.as_slice(), &[1])
            .expect("stray");
        let report = store.check().expect("check");
        let here = |kind: FindingKind| {
            report
                .findings
                .iter()
                .filter(|f| f.kind == kind && f.place == "idx/case_date")
                .map(|f| f.count)
                .sum::<u64>()
        };
        assert_eq!(here(FindingKind::MissingIndexEntry), 1, "{report:#?}");
        assert_eq!(here(FindingKind::StrayIndexEntry), 1, "{report:#?}");
        let at = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("at");
        let repaired = store.repair(&report, at, "admin").expect("repair");
        assert!(
            repaired.fixed.contains(&("idx/case_date".to_string(), 2)),
            "{repaired:?}"
        );
        assert_eq!(stored(&store), want);
        assert!(store.check().expect("check").is_clean());
    }

    /// A store of format 4 written before appeals were indexed gets their entries when
    /// it is opened, once.
    #[test]
    fn appeals_are_added_to_a_format_4_store_written_without_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = district(dir.path(), 400);
        let want = stored(&store);
        let appeals: Vec<Vec<u8>> = want
            .keys()
            .filter(|k| k.first() == Some(&APPEAL))
            .cloned()
            .collect();
        assert!(!appeals.is_empty(), "the generated district has appeals");
        for k in &appeals {
            store.idx_case_date.remove(k.as_slice()).expect("remove");
        }
        store.meta.remove(APPEALS_INDEXED).expect("unmark");
        store.flush().expect("flush");
        drop(store);
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(stored(&store), want);
        assert!(store.meta.get(APPEALS_INDEXED).expect("read").is_some());
    }

    /// A store of format 3 (no `idx/case_date`) is refused, then upgraded by one pass over
    /// the cases (the lookup index is not rebuilt), and checks clean.
    #[test]
    fn a_store_of_format_3_is_upgraded_with_its_case_dates() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s");
        let want = {
            let store = district(&path, 200);
            let want = stored(&store);
            assert!(!want.is_empty());
            store.idx_case_date.clear().expect("clear");
            store
                .meta
                .insert(keys::META_SCHEMA, &3u16.to_be_bytes())
                .expect("schema");
            store.flush().expect("flush");
            want
        };
        let refused = Store::open(&path).err().expect("refused");
        assert!(
            refused.to_string().contains("safetynet migrate"),
            "{refused}"
        );
        let mut calls = Vec::new();
        let (store, migrated) = Store::migrate(&path, |d, t| calls.push((d, t))).expect("up");
        let m = migrated.expect("upgraded");
        assert_eq!((m.from, m.to), (3, CURRENT));
        // Said at once, then the records rewritten in their new versions (200 cases and
        // 200 households: format 6), one pass over the 200 households (`idx/resident`
        // and `idx/figure` grouped, formats 5 and 9), one over the 200 cases for
        // `idx/household_case` (grouped, format 10), one for `idx/case_list` (grouped,
        // 11) and one for `idx/case_date`, nothing else (a lookup rebuild would count).
        assert_eq!(
            calls,
            vec![
                (0, 200),
                (200, 400),
                (400, 400),
                (200, 200),
                (200, 200),
                (200, 200),
                (200, 200)
            ]
        );
        assert_eq!(stored(&store), want);
        assert!(store.check().expect("check").is_clean());
        drop(store);
        assert!(Store::open(&path).is_ok());
    }
}
