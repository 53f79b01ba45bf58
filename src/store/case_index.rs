//! The index entries a household and its cases call for in `idx/resident`,
//! `idx/case_list`, `idx/deadline` and `idx/household_case`. `bulk.rs` writes them from
//! here, `write.rs` keeps them in step inside each save, and `check` rebuilds them from
//! the records with the same functions to find (and repair) what is missing or stray.

use super::envelope::{decode, encode};
use super::grouped::{self, Grouped};
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::case::{Case, CaseId, CaseNumber, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::town::Town;

/// `idx/resident` is kept grouped by the first 14 characters of the ID number (region
/// and birth date): at 1,000,000 households about 65 people share a group (~0.9 KB).
pub(super) const RESIDENT: Grouped = Grouped {
    prefix: 14,
    mask: 0xFF,
};

/// `idx/case_list` is grouped by town, stage and case id >> 8 (prefix 9 bytes): measured
/// on a generated district of 3,000 households, 2.8 rows a group on average (~270 bytes),
/// at most ~1.5 KB; ids are shared, so the size does not grow with the store.
pub(super) const CASE_LIST: Grouped = Grouped {
    prefix: 9,
    mask: 0xFF,
};

/// `idx/household_case` is grouped by household id >> 6 (prefix 8 bytes, the high 2
/// bits of the 8th): 64 ids, about 32 households with their cases (ids are shared by
/// households and cases), ~19 bytes each (the id's last byte and the case id, the brief).
pub(super) const HOUSEHOLD_CASE: Grouped = Grouped {
    prefix: 8,
    mask: 0xC0,
};

/// `idx/resident`: resident ID number → household id (logical entries; see [`RESIDENT`]).
pub(super) fn resident_entries(h: &Household) -> Entries {
    h.members
        .iter()
        .map(|m| (m.id.as_str().as_bytes().to_vec(), keys::id(h.id.0).to_vec()))
        .collect()
}

/// `idx/case_list`: the case's list row.
pub(super) fn case_list_entry(c: &Case, h: &Household) -> Result<(Vec<u8>, Vec<u8>), StoreError> {
    Ok((
        keys::case_list(c.town, c.stage, c.id),
        encode(&CaseRow::of(c, h))?,
    ))
}

/// `idx/deadline`: only while the case's review clock runs.
pub(super) fn deadline_entry(c: &Case) -> Option<(Vec<u8>, Vec<u8>)> {
    c.deadline.filter(|_| c.stage.clock_runs()).map(|d| {
        (
            keys::deadline(d.date, c.id),
            vec![c.town.code(), c.stage.code()],
        )
    })
}

/// `idx/household_case`: the case's town and stage, and its number once it has one
/// (year as 2 bytes, sequence as 4, big-endian), so that its list row and its number
/// are read without decoding the case (every lookup hit and every number checked).
pub(super) fn household_case_entry(c: &Case) -> (Vec<u8>, Vec<u8>) {
    let mut v = vec![c.town.code(), c.stage.code()];
    if let Some(n) = c.number {
        v.extend_from_slice(&u16::try_from(n.year).unwrap_or(0).to_be_bytes());
        v.extend_from_slice(&n.seq.to_be_bytes());
    }
    (keys::household_case(c.household, c.id), v)
}

/// What `idx/household_case` says of one case of a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseBrief {
    pub id: CaseId,
    pub town: Town,
    pub stage: Stage,
    pub number: Option<CaseNumber>,
}

/// Read an `idx/household_case` entry; `None` for a value of format 2 (empty), whose
/// case must then be read.
pub(super) fn read_brief(key: &[u8], value: &[u8]) -> Option<CaseBrief> {
    let id = CaseId(key.get(8..).and_then(keys::read_u64)?);
    let town = Town::from_code(*value.first()?)?;
    let stage = Stage::from_code(*value.get(1)?)?;
    let number = match value.get(2..) {
        Some([y0, y1, s0, s1, s2, s3]) => Some(CaseNumber {
            district: crate::domain::town::DISTRICT_CODE,
            year: i32::from(u16::from_be_bytes([*y0, *y1])),
            seq: u32::from_be_bytes([*s0, *s1, *s2, *s3]),
        }),
        Some([]) => None,
        _ => return None,
    };
    Some(CaseBrief {
        id,
        town,
        stage,
        number,
    })
}

/// Which of the four trees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CaseIndex {
    Resident,
    CaseList,
    Deadline,
    HouseholdCase,
}

impl Store {
    /// The cases of a household as `idx/household_case` has them, oldest first; a case
    /// whose entry is of format 2 is read from its record.
    pub fn case_briefs(&self, h: HouseholdId) -> Result<Vec<CaseBrief>, StoreError> {
        let mut out = Vec::new();
        for kv in HOUSEHOLD_CASE.scan_prefix(&self.idx_household_case, &keys::household(h)) {
            let (k, v) = kv?;
            if let Some(b) = read_brief(&k, &v) {
                out.push(b);
                continue;
            }
            let Some(id) = k.get(8..).and_then(keys::read_u64) else {
                continue;
            };
            if let Some(c) = self.case(CaseId(id))? {
                out.push(CaseBrief {
                    id: c.id,
                    town: c.town,
                    stage: c.stage,
                    number: c.number,
                });
            }
        }
        Ok(out)
    }

    /// The brief of household `h`'s newest case: its last entry in `idx/household_case`,
    /// read from the end (one descent of the tree, not a walk over every case).
    pub(super) fn latest_brief(&self, h: HouseholdId) -> Result<Option<CaseBrief>, StoreError> {
        let prefix = keys::household(h);
        match HOUSEHOLD_CASE
            .scan_prefix(&self.idx_household_case, &prefix)
            .next_back()
        {
            Some(kv) => {
                let (k, v) = kv?;
                match read_brief(&k, &v) {
                    Some(b) => Ok(Some(b)),
                    // Not a brief (a store being upgraded): read the cases.
                    None => Ok(self.case_briefs(h)?.pop()),
                }
            }
            None => Ok(None),
        }
    }

    /// The brief of case `c` of household `h`: one read of `idx/household_case`.
    pub(super) fn brief_of(
        &self,
        h: HouseholdId,
        c: CaseId,
    ) -> Result<Option<CaseBrief>, StoreError> {
        let key = keys::household_case(h, c);
        match HOUSEHOLD_CASE.get(&self.idx_household_case, &key)? {
            Some(v) => match read_brief(&key, &v) {
                Some(b) => Ok(Some(b)),
                None => Ok(self.case_briefs(h)?.into_iter().find(|b| b.id == c)),
            },
            None => Ok(None),
        }
    }

    /// Write `idx/household_case` again from the cases (the upgrades to format 3, whose
    /// values hold briefs, and to 10, which groups it), flushed in batches;
    /// `progress(done, total)` counts cases.
    pub(super) fn rewrite_household_cases(
        &self,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<(), StoreError> {
        self.idx_household_case.clear()?;
        let total = self.cases.len() as u64;
        let mut pending = grouped::Pending::default();
        let mut done = 0u64;
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            let c: Case = decode(&v)?;
            let (k, v) = household_case_entry(&c);
            pending.insert(k, v);
            done += 1;
            if done.is_multiple_of(20_000) {
                std::mem::take(&mut pending).write(HOUSEHOLD_CASE, &self.idx_household_case)?;
                self.flush()?;
                progress(done, total);
            }
        }
        pending.write(HOUSEHOLD_CASE, &self.idx_household_case)?;
        self.flush()?;
        progress(done, total);
        Ok(())
    }

    /// A case's list row by its `idx/case_list` key.
    pub(super) fn list_row(&self, key: &[u8]) -> Result<Option<CaseRow>, StoreError> {
        CASE_LIST
            .get(&self.idx_case_list, key)?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Write `idx/case_list` again from the cases and their households (the upgrade to
    /// format 11, which groups it), flushed in batches; `progress(done, total)` counts
    /// cases.
    pub(super) fn rewrite_case_list(
        &self,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<(), StoreError> {
        self.idx_case_list.clear()?;
        let total = self.cases.len() as u64;
        let mut pending = grouped::Pending::default();
        let mut done = 0u64;
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            let c: Case = decode(&v)?;
            if let Some(h) = self.household(c.household)? {
                let (k, v) = case_list_entry(&c, &h)?;
                pending.insert(k, v);
            }
            done += 1;
            if done.is_multiple_of(20_000) {
                std::mem::take(&mut pending).write(CASE_LIST, &self.idx_case_list)?;
                self.flush()?;
                progress(done, total);
            }
        }
        pending.write(CASE_LIST, &self.idx_case_list)?;
        self.flush()?;
        progress(done, total);
        Ok(())
    }

    pub(super) fn case_index_tree(&self, which: CaseIndex) -> &sled::Tree {
        match which {
            CaseIndex::Resident => &self.idx_resident,
            CaseIndex::CaseList => &self.idx_case_list,
            CaseIndex::Deadline => &self.idx_deadline,
            CaseIndex::HouseholdCase => &self.idx_household_case,
        }
    }

    /// Every entry of `which` that the readable records call for. Records that do not
    /// decode are skipped (the check reports them on their own).
    pub(super) fn case_index_expected(&self, which: CaseIndex) -> Result<Entries, StoreError> {
        let mut out = Entries::new();
        if which == CaseIndex::Resident {
            for kv in self.households.iter() {
                let (_, v) = kv?;
                if let Ok(h) = decode::<Household>(&v) {
                    out.extend(resident_entries(&h));
                }
            }
            return Ok(RESIDENT.physical(out));
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            let Ok(c) = decode::<Case>(&v) else { continue };
            match which {
                CaseIndex::CaseList => {
                    let h = self.households.get(keys::household(c.household))?;
                    if let Some(h) = h.and_then(|v| decode::<Household>(&v).ok()) {
                        let (k, v) = case_list_entry(&c, &h)?;
                        out.insert(k, v);
                    }
                }
                CaseIndex::Deadline => out.extend(deadline_entry(&c)),
                CaseIndex::HouseholdCase => {
                    let (k, v) = household_case_entry(&c);
                    out.insert(k, v);
                }
                CaseIndex::Resident => {}
            }
        }
        Ok(match which {
            CaseIndex::HouseholdCase => HOUSEHOLD_CASE.physical(out),
            CaseIndex::CaseList => CASE_LIST.physical(out),
            _ => out,
        })
    }
}
