//! `idx/lookup`: the quick-lookup index. One entry per term and household:
//! key = kind (1 byte) + term (UTF-8) + 0 + household id (8 bytes);
//! value = town code, then the case id (8 bytes) for case-number terms.
//!
//! Terms come from `domain::search_keys` and change in the same transaction as the
//! household or case they describe. A query is one prefix scan per kind, in the order of
//! relevance; within a kind, exact terms sort before longer ones (0 is the lowest byte).

use std::collections::BTreeMap;

use sled::transaction::{TransactionalTree, UnabortableTransactionError};

use super::{keys, Store, StoreError};
use crate::domain::case::{Case, CaseId};
use crate::domain::case_row::CaseRow;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::search_keys::{case_keys, household_keys, id_tail_prefix, normalize, KeyKind};
use crate::domain::town::Town;

/// Index entries as (key, value) pairs, sorted by key.
pub(super) type Entries = BTreeMap<Vec<u8>, Vec<u8>>;

fn key(kind: KeyKind, term: &str, h: HouseholdId) -> Vec<u8> {
    let mut k = Vec::with_capacity(term.len() + 10);
    k.push(kind.code());
    k.extend_from_slice(term.as_bytes());
    k.push(0);
    k.extend_from_slice(&keys::id(h.0));
    k
}

/// The entries of a household's own terms (names, ID numbers, village).
pub(super) fn household_entries(h: &Household) -> Entries {
    household_keys(h)
        .into_iter()
        .map(|k| (key(k.kind, &k.term, h.id), vec![h.town.code()]))
        .collect()
}

/// The entries of a case's number, pointing at its household and the case itself.
pub(super) fn case_entries(c: &Case) -> Entries {
    let Some(n) = c.number else {
        return Entries::new();
    };
    let mut value = vec![c.town.code()];
    value.extend_from_slice(&keys::id(c.id.0));
    case_keys(n)
        .into_iter()
        .map(|k| (key(k.kind, &k.term, c.household), value.clone()))
        .collect()
}

/// Inside a write transaction: replace `old` entries by `new`, touching only what changed.
pub(super) fn reindex(
    t: &TransactionalTree,
    old: &Entries,
    new: &Entries,
) -> Result<(), UnabortableTransactionError> {
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        t.remove(k.as_slice())?;
    }
    for (k, v) in new {
        if old.get(k) != Some(v) {
            t.insert(k.as_slice(), v.as_slice())?;
        }
    }
    Ok(())
}

/// One household found, with what matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LookupHit {
    pub household: HouseholdId,
    /// Set when a case number matched: that case, not the household's latest.
    pub case: Option<CaseId>,
    pub kind: KeyKind,
    /// The term equals the query (otherwise the query only begins it).
    pub exact: bool,
}

impl Store {
    /// Households whose terms begin with `query`, most relevant first, at most `limit`,
    /// in `town` only when given. Reads the index only.
    pub fn lookup(
        &self,
        query: &str,
        town: Option<Town>,
        limit: usize,
    ) -> Result<Vec<LookupHit>, StoreError> {
        let q = normalize(query);
        let mut out: Vec<LookupHit> = Vec::new();
        if q.is_empty() || limit == 0 {
            return Ok(out);
        }
        let mut seen = std::collections::HashSet::new();
        for kind in KeyKind::ALL {
            let mut prefix = vec![kind.code()];
            // ID endings are indexed reversed: "ends with q" is "begins with q reversed".
            let id_tail = *kind == KeyKind::IdTail;
            if id_tail {
                prefix.extend_from_slice(id_tail_prefix(&q).as_bytes());
            } else {
                prefix.extend_from_slice(q.as_bytes());
            }
            for kv in self.idx_lookup.scan_prefix(&prefix) {
                let (k, v) = kv?;
                if town.is_some_and(|t| v.first() != Some(&t.code())) {
                    continue;
                }
                let Some(h) = k
                    .len()
                    .checked_sub(8)
                    .and_then(|i| keys::read_u64(&k[i..]))
                    .map(HouseholdId)
                else {
                    continue;
                };
                if !seen.insert(h) {
                    continue;
                }
                out.push(LookupHit {
                    household: h,
                    case: v.get(1..).and_then(keys::read_u64).map(CaseId),
                    kind: *kind,
                    // A typed ending of 4 to 6 characters is a whole "last digits" query.
                    exact: if id_tail {
                        (4..=6).contains(&q.chars().count())
                    } else {
                        k.get(prefix.len()) == Some(&0)
                    },
                });
                if out.len() >= limit {
                    return Ok(out);
                }
            }
        }
        Ok(out)
    }

    /// The list row of a case, by id alone.
    pub fn case_row_by_id(&self, id: CaseId) -> Result<Option<CaseRow>, StoreError> {
        match self.case(id)? {
            Some(c) => self.case_row(&c),
            None => Ok(None),
        }
    }

    /// The newest case of a household.
    pub fn latest_case_of(&self, h: HouseholdId) -> Result<Option<CaseId>, StoreError> {
        match self
            .idx_household_case
            .scan_prefix(keys::household(h))
            .next_back()
        {
            Some(kv) => {
                let (k, _) = kv?;
                Ok(k.get(8..).and_then(keys::read_u64).map(CaseId))
            }
            None => Ok(None),
        }
    }

    /// Number of entries in the lookup index (for the benchmark and `stats`).
    pub fn lookup_entries(&self) -> usize {
        self.idx_lookup.len()
    }
}

impl Store {
    /// Every `idx/lookup` entry the readable households and cases call for, from the same
    /// functions the writes use (for `check` and `check --repair`).
    pub(super) fn lookup_expected(&self) -> Result<Entries, StoreError> {
        let mut out = Entries::new();
        for kv in self.households.iter() {
            let (_, v) = kv?;
            if let Ok(h) = super::envelope::decode::<Household>(&v) {
                out.extend(household_entries(&h));
            }
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            if let Ok(c) = super::envelope::decode::<Case>(&v) {
                out.extend(case_entries(&c));
            }
        }
        Ok(out)
    }
}
