//! Answering a lookup from `idx/terms`: each term of the query is a scan of the buckets
//! that can hold terms beginning with it, kinds in order of relevance; a query of
//! several terms (`wjg 0019`) finds the households matching every one.

use std::collections::HashSet;

use super::postings::{HEAD, NO_MEMBER};
use super::{keys, CaseBrief, Store, StoreError};
use crate::domain::case::CaseId;
use crate::domain::case_row::CaseRow;
use crate::domain::household::HouseholdId;
use crate::domain::search_keys::{case_number_matches, query_terms, KeyKind};
use crate::domain::town::Town;

mod scan;
mod several;

/// Hashing household ids, which are small sequential numbers: one multiply spreads them
/// (SipHash was 9 % of a two-word lookup that reads tens of thousands of entries).
#[derive(Default)]
struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Ids = std::hash::BuildHasherDefault<IdHasher>;

/// How one term of the query matched a household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// The term as typed, normalized.
    pub term: String,
    pub kind: KeyKind,
    /// The term equals the query (for an ID ending: 4–6 characters were typed).
    pub exact: bool,
    /// The member (index in `Household::members`) whose term it is.
    pub member: Option<u8>,
    /// That member is the head of the household.
    pub head: bool,
}

/// One household found, with what matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LookupHit {
    pub household: HouseholdId,
    /// Set when a case number matched: that case, not the household's latest.
    pub case: Option<CaseId>,
    /// That case's entry in `idx/household_case`, read to find it: its list row is then
    /// read without reading the household's cases again ([`Store::row_of_hit`]).
    pub brief: Option<CaseBrief>,
    /// The first term's match (the one that ranks the hit).
    pub kind: KeyKind,
    pub exact: bool,
    /// One per term of the query, in the order typed.
    pub matches: Vec<TermMatch>,
}

impl Store {
    /// Households matching every term of `query` (words separated by spaces), most
    /// relevant first, at most `limit`, in `town` only when given.
    pub fn lookup(
        &self,
        query: &str,
        town: Option<Town>,
        limit: usize,
    ) -> Result<Vec<LookupHit>, StoreError> {
        let terms = query_terms(query);
        if terms.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        if terms.len() > 1 {
            return self.lookup_all(&terms, town, limit);
        }
        let q = &terms[0];
        let mut seen: HashSet<u64, Ids> = HashSet::default();
        let mut found = Vec::new();
        self.each_found(q, town, scan::Order::Relevance, |f| {
            if seen.insert(f.id) {
                found.push(f);
            }
            found.len() < limit
        })?;
        let mut out = Vec::with_capacity(found.len());
        for f in found {
            let household = HouseholdId(f.id);
            let brief = if f.kind == KeyKind::CaseNumber {
                self.case_with_number(household, q)?
            } else {
                None
            };
            let m = term_match(q, f.kind, f.exact, f.posting.member);
            out.push(LookupHit {
                household,
                case: brief.map(|b| b.id),
                brief,
                kind: m.kind,
                exact: m.exact,
                matches: vec![m],
            });
        }
        Ok(out)
    }

    /// The newest of household `h`'s cases whose number has a term beginning with `q`
    /// (a case number's lookup entry names the household; `idx/household_case` the case).
    /// The newest case is read first, alone (most households have one case): the others
    /// only when its number does not match.
    fn case_with_number(&self, h: HouseholdId, q: &str) -> Result<Option<CaseBrief>, StoreError> {
        let matches = |b: &CaseBrief| b.number.is_some_and(|n| case_number_matches(n, q).0);
        if let Some(b) = self.latest_brief(h)?.filter(matches) {
            return Ok(Some(b));
        }
        Ok(self.case_briefs(h)?.into_iter().rev().find(matches))
    }

    /// The list row of a lookup hit: its case's (the brief the lookup read, if any), or
    /// the household's newest.
    pub fn row_of_hit(&self, hit: &LookupHit) -> Result<Option<CaseRow>, StoreError> {
        match hit.brief {
            Some(b) => self.row_of_brief(b),
            None => self.hit_row(hit.household, hit.case),
        }
    }

    fn row_of_brief(&self, b: CaseBrief) -> Result<Option<CaseRow>, StoreError> {
        self.list_row(&keys::case_list(b.town, b.stage, b.id))
    }

    /// The list row of a household's case — `case`, or the household's newest (a lookup
    /// hit, a drill-down row) — found through `idx/household_case` without reading the case.
    pub fn hit_row(
        &self,
        household: HouseholdId,
        case: Option<CaseId>,
    ) -> Result<Option<CaseRow>, StoreError> {
        let brief = match case {
            Some(c) => self.brief_of(household, c)?,
            None => self.latest_brief(household)?,
        };
        match brief {
            Some(b) => self.row_of_brief(b),
            None => Ok(None),
        }
    }

    /// The newest case of a household.
    pub fn latest_case_of(&self, h: HouseholdId) -> Result<Option<CaseId>, StoreError> {
        let hc = super::case_index::HOUSEHOLD_CASE;
        match hc
            .scan_prefix(&self.idx_household_case, &keys::household(h))
            .next_back()
        {
            Some(kv) => {
                let (k, _) = kv?;
                Ok(k.get(8..).and_then(keys::read_u64).map(CaseId))
            }
            None => Ok(None),
        }
    }
}

/// What the lookup shows of a word's match: the word, the kind, the member from the
/// posting's member byte.
fn term_match(q: &str, kind: KeyKind, exact: bool, member: u8) -> TermMatch {
    TermMatch {
        term: q.to_string(),
        kind,
        exact,
        member: (member != NO_MEMBER).then_some(member & !HEAD),
        head: member != NO_MEMBER && member & HEAD != 0,
    }
}

fn is_exact(kind: KeyKind, term: &str, q: &str) -> bool {
    match kind {
        k if k.is_id_tail() => (4..=6).contains(&q.chars().count()),
        _ => term == q,
    }
}
