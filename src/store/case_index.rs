//! The index entries a household and its cases call for in `idx/resident`,
//! `idx/case_list`, `idx/deadline` and `idx/household_case`. `bulk.rs` writes them from
//! here, `write.rs` keeps them in step inside each save, and `check` rebuilds them from
//! the records with the same functions to find (and repair) what is missing or stray.

use super::envelope::{decode, encode};
use super::lookup::Entries;
use super::{keys, Store, StoreError};
use crate::domain::case::Case;
use crate::domain::case_row::CaseRow;
use crate::domain::household::Household;

/// `idx/resident`: resident ID number → household id.
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

/// `idx/household_case`.
pub(super) fn household_case_entry(c: &Case) -> (Vec<u8>, Vec<u8>) {
    (keys::household_case(c.household, c.id), Vec::new())
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
            return Ok(out);
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
        Ok(out)
    }
}
