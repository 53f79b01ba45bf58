//! Answering a lookup from `idx/terms`: each term of the query is a scan of the buckets
//! that can hold terms beginning with it, kinds in order of relevance; a query of
//! several terms (`wjg 0019`) finds the households matching every one.

use std::collections::{HashMap, HashSet};

use super::lookup::{bucket_lengths, char_index, head_key, split_key};
use super::postings::{self, Posting, HEAD, NO_MEMBER};
use super::{keys, Store, StoreError};
use crate::domain::case::CaseId;
use crate::domain::case_row::CaseRow;
use crate::domain::household::HouseholdId;
use crate::domain::search_keys::{
    case_keys, household_id_keys, household_keys, id_tail_prefix, is_number_query, key_matches,
    query_terms, KeyKind,
};
use crate::domain::town::Town;

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
    /// The first term's match (the one that ranks the hit).
    pub kind: KeyKind,
    pub exact: bool,
    /// One per term of the query, in the order typed.
    pub matches: Vec<TermMatch>,
}

/// One entry found for a term, before its household is known.
struct Found {
    kind: KeyKind,
    exact: bool,
    id: u64,
    posting: Posting,
}

/// Households per term kept when intersecting; a term matching more is checked against
/// the records of the other terms' households instead.
const CAP: usize = 20_000;
/// Records read at most to check such a term.
const CHECKS: usize = 2_000;
/// A complete set this small is checked against the records for the other terms.
const SMALL: usize = 500;

/// How few households a term is likely to match: Chinese characters narrow most, then
/// letters and digits; longer is narrower.
fn specificity(term: &str) -> usize {
    term.chars().map(|c| if c.is_ascii() { 2 } else { 5 }).sum()
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
        if terms.len() == 1 {
            let mut out = Vec::new();
            self.each_match(&terms[0], town, |m, household, case| {
                out.push(LookupHit {
                    household,
                    case,
                    kind: m.kind,
                    exact: m.exact,
                    matches: vec![m],
                });
                out.len() < limit
            })?;
            return Ok(out);
        }
        self.lookup_all(&terms, town, limit)
    }

    fn lookup_all(
        &self,
        terms: &[String],
        town: Option<Town>,
        limit: usize,
    ) -> Result<Vec<LookupHit>, StoreError> {
        type Set = HashMap<HouseholdId, (usize, TermMatch, Option<CaseId>)>;
        let mut sets: Vec<(usize, Set)> = Vec::new();
        let mut broad: Vec<usize> = Vec::new();
        let mut first_partial: Option<(usize, Set)> = None;
        // The most specific terms first: once one has given a small, complete set of
        // households, the rest are checked on those households' records instead of
        // being scanned (a one-character ID ending or case-number tail matches
        // thousands, and each case-number match costs a record read).
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(specificity(&terms[*i])));
        for (n, i) in order.into_iter().enumerate() {
            let t = &terms[i];
            // A number of fewer than four digits ("0", "001") after a first word is never
            // scanned: it begins most case numbers and ends up to a tenth of all ID
            // numbers; it is checked on the first word's households instead, most
            // relevant first, until the limit is reached. (Scanning three digits measured
            // slower: `wj 001` 21 ms scanned, 10–14 ms checked, at 100,000 households.)
            let short_number = n > 0 && is_number_query(t) && t.chars().count() < 4;
            if short_number || sets.iter().any(|(_, s)| s.len() <= SMALL) {
                broad.push(i);
                continue;
            }
            let mut set = Set::new();
            let complete = self.each_match(t, town, |m, h, c| {
                let rank = set.len();
                set.insert(h, (rank, m, c));
                set.len() <= CAP
            })?;
            if complete {
                sets.push((i, set));
            } else {
                broad.push(i);
                if first_partial.is_none() {
                    first_partial = Some((i, set));
                }
            }
        }
        if sets.is_empty() {
            // Every term is broad: check the others on the first term's first households.
            if let Some((first, set)) = first_partial {
                broad.retain(|i| *i != first);
                sets.push((first, set));
            }
        }
        sets.sort_by_key(|(_, s)| s.len());
        let Some((_, smallest)) = sets.first() else {
            return Ok(Vec::new());
        };
        let mut hits: Vec<(Vec<(usize, u8)>, LookupHit)> = Vec::new();
        let mut checks = 0;
        // In the order the smallest set's term found them (its most relevant first): when
        // terms are checked on the records, checking stops once `limit` households match
        // (a short number after initials matches most of them; reading every candidate's
        // records was 40 ms for `wj 0` at 100,000 households).
        let mut candidates: Vec<(usize, HouseholdId)> = smallest
            .iter()
            .map(|(h, (rank, _, _))| (*rank, *h))
            .collect();
        candidates.sort_unstable();
        for (_, h) in &candidates {
            if !broad.is_empty() && hits.len() >= limit {
                break;
            }
            let mut matches: Vec<Option<(usize, TermMatch, Option<CaseId>)>> =
                vec![None; terms.len()];
            for (i, set) in &sets {
                matches[*i] = set.get(h).cloned();
            }
            if sets.iter().any(|(i, _)| matches[*i].is_none()) {
                continue;
            }
            if !broad.is_empty() {
                if checks >= CHECKS {
                    continue;
                }
                checks += 1;
                for i in &broad {
                    matches[*i] = self.check_term(*h, &terms[*i])?.map(|(m, c)| (0, m, c));
                }
            }
            let Some(matches) = matches.into_iter().collect::<Option<Vec<_>>>() else {
                continue;
            };
            let rank: Vec<(usize, u8)> = matches
                .iter()
                .map(|(r, m, _)| {
                    let grade = m.kind.code() * 4 + u8::from(!m.exact) * 2 + u8::from(!m.head);
                    (*r, grade)
                })
                .collect();
            let case = matches.iter().find_map(|(_, _, c)| *c);
            let matches: Vec<TermMatch> = matches.into_iter().map(|(_, m, _)| m).collect();
            hits.push((
                rank,
                LookupHit {
                    household: *h,
                    case,
                    kind: matches[0].kind,
                    exact: matches[0].exact,
                    matches,
                },
            ));
        }
        // Best grades first (most relevant kinds, exact, the head's), then the order in
        // which the first term found them.
        hits.sort_by(|(a, x), (b, y)| {
            let sum = |r: &Vec<(usize, u8)>| r.iter().map(|(_, g)| u32::from(*g)).sum::<u32>();
            sum(a)
                .cmp(&sum(b))
                .then(a.first().map(|r| r.0).cmp(&b.first().map(|r| r.0)))
                .then(x.household.cmp(&y.household))
        });
        Ok(hits.into_iter().take(limit).map(|(_, h)| h).collect())
    }

    /// Whether household `h` has a term beginning with `q`, from its record.
    fn check_term(
        &self,
        h: HouseholdId,
        q: &str,
    ) -> Result<Option<(TermMatch, Option<CaseId>)>, StoreError> {
        let Some(household) = self.household(h)? else {
            return Ok(None);
        };
        let keys = if is_number_query(q) {
            household_id_keys(&household)
        } else {
            household_keys(&household)
        };
        let best = keys
            .into_iter()
            .filter(|k| key_matches(k, q))
            .min_by_key(|k| k.kind);
        if let Some(k) = best {
            let head = k
                .member
                .and_then(|i| household.members.get(usize::from(i)))
                .is_some_and(|m| m.relation == crate::domain::member::Relation::Head);
            return Ok(Some((
                TermMatch {
                    exact: is_exact(k.kind, &k.term, q),
                    term: q.to_string(),
                    kind: k.kind,
                    member: k.member,
                    head,
                },
                None,
            )));
        }
        for brief in self.case_briefs(h)? {
            let (c, Some(n)) = (brief.id, brief.number) else {
                continue;
            };
            if let Some(k) = case_keys(n).into_iter().find(|k| key_matches(k, q)) {
                return Ok(Some((
                    TermMatch {
                        exact: k.term == q,
                        term: q.to_string(),
                        kind: k.kind,
                        member: None,
                        head: false,
                    },
                    Some(c),
                )));
            }
        }
        Ok(None)
    }

    /// Every household with a term beginning with `q`, most relevant first, once each,
    /// until `sink` says stop. Returns whether every match was given.
    fn each_match(
        &self,
        q: &str,
        town: Option<Town>,
        mut sink: impl FnMut(TermMatch, HouseholdId, Option<CaseId>) -> bool,
    ) -> Result<bool, StoreError> {
        let mut seen = HashSet::new();
        for kind in KeyKind::ALL {
            let mut stopped = false;
            let mut failed: Option<StoreError> = None;
            self.scan_term(*kind, q, town, |f| {
                let household = HouseholdId(f.id);
                if !seen.insert(household) {
                    return true;
                }
                // A case number's entry names the household: which of its cases has
                // the number, `idx/household_case` says (the newest that matches).
                let case = if f.kind == KeyKind::CaseNumber {
                    match self.case_briefs(household) {
                        Ok(briefs) => briefs.iter().rev().find_map(|b| {
                            let n = b.number?;
                            case_keys(n)
                                .iter()
                                .any(|k| key_matches(k, q))
                                .then_some(b.id)
                        }),
                        Err(e) => {
                            failed = Some(e);
                            return false;
                        }
                    }
                } else {
                    None
                };
                let member = (f.posting.member != NO_MEMBER).then_some(f.posting.member & !HEAD);
                let m = TermMatch {
                    term: q.to_string(),
                    kind: f.kind,
                    exact: f.exact,
                    member,
                    head: f.posting.member != NO_MEMBER && f.posting.member & HEAD != 0,
                };
                stopped = !sink(m, household, case);
                !stopped
            })?;
            if let Some(e) = failed {
                return Err(e);
            }
            if stopped {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The entries of `kind` whose term begins with `q`: buckets shorter than the query
    /// first (one read each), then every bucket beginning with it, each bucket's entries
    /// exact first, then the head's, then by term and id.
    fn scan_term(
        &self,
        kind: KeyKind,
        q: &str,
        town: Option<Town>,
        mut sink: impl FnMut(Found) -> bool,
    ) -> Result<(), StoreError> {
        let tq = if kind.is_id_tail() {
            id_tail_prefix(q)
        } else {
            q.to_string()
        };
        let chars = tq.chars().count();
        let tq = tq.as_bytes();
        // Entries of one bucket whose term begins with the query: (not exact, not the
        // head's, term, id, posting), sorted before they are given.
        type Row = (bool, bool, Vec<u8>, u64, Posting);
        let exact_len = |len: usize| match kind {
            k if k.is_id_tail() => (4..=6).contains(&chars),
            _ => len == tq.len(),
        };
        let mut emit = |mut found: Vec<Row>| -> bool {
            found.sort();
            found.into_iter().all(|(not_exact, _, _, id, posting)| {
                sink(Found {
                    kind,
                    exact: !not_exact,
                    id,
                    posting,
                })
            })
        };
        let bad = |k: &[u8]| {
            StoreError::Corrupt(format!(
                "idx/terms: unreadable bucket {}",
                String::from_utf8_lossy(k)
            ))
        };
        // Add the entries of one value of `bucket` that match the query.
        let gather = |bucket: &[u8], list: &[u8], found: &mut Vec<Row>| -> Option<()> {
            // The term is bucket + rest: it begins with the query when the bucket does,
            // or when the bucket is the query's beginning and the rest goes on with it.
            let whole = bucket.starts_with(tq);
            let after = tq.strip_prefix(bucket);
            if !whole && after.is_none() {
                return Some(());
            }
            postings::decode_filtered(
                list,
                |rest| whole || after.is_some_and(|a| rest.starts_with(a)),
                |rest, id, p| {
                    if town.is_some_and(|t| t.code() != p.town) {
                        return;
                    }
                    let exact = exact_len(bucket.len() + rest.len());
                    let mut term = Vec::with_capacity(bucket.len() + rest.len());
                    term.extend_from_slice(bucket);
                    term.extend_from_slice(rest);
                    found.push((!exact, p.member & HEAD == 0, term, id, p));
                },
            )
        };
        let tq_str = std::str::from_utf8(tq).unwrap_or_default();
        for l in bucket_lengths(kind).iter().filter(|l| **l < chars) {
            let bucket = &tq_str[..char_index(tq_str, *l)];
            let head = head_key(kind, bucket);
            let mut found = Vec::new();
            for kv in self.idx_terms.scan_prefix(&head) {
                let (k, v) = kv?;
                match postings::list_of(&v, k.len() > head.len()) {
                    None => {}
                    Some(Err(())) => return Err(bad(&k)),
                    Some(Ok(list)) => {
                        gather(bucket.as_bytes(), list, &mut found).ok_or_else(|| bad(&k))?
                    }
                }
            }
            if !found.is_empty() && !emit(found) {
                return Ok(());
            }
        }
        let mut prefix = vec![kind.code()];
        prefix.extend_from_slice(tq);
        let mut current: Option<(Vec<u8>, Vec<Row>)> = None;
        for kv in self.idx_terms.scan_prefix(&prefix) {
            let (k, v) = kv?;
            let Some((_, bucket, chunk)) = split_key(&k) else {
                continue;
            };
            if current.as_ref().is_some_and(|(b, _)| b != bucket) {
                if let Some((_, found)) = current.take() {
                    if !emit(found) {
                        return Ok(());
                    }
                }
            }
            let (b, found) = current.get_or_insert_with(|| (bucket.to_vec(), Vec::new()));
            match postings::list_of(&v, chunk) {
                None => {}
                Some(Err(())) => return Err(bad(&k)),
                Some(Ok(list)) => gather(b, list, found).ok_or_else(|| bad(&k))?,
            }
        }
        if let Some((_, found)) = current {
            emit(found);
        }
        Ok(())
    }

    /// The list row of a household's case — `case`, or the household's newest (a lookup
    /// hit, a drill-down row) — found through `idx/household_case` without reading the case.
    pub fn hit_row(
        &self,
        household: HouseholdId,
        case: Option<CaseId>,
    ) -> Result<Option<CaseRow>, StoreError> {
        let briefs = self.case_briefs(household)?;
        let brief = match case {
            Some(c) => briefs.iter().find(|b| b.id == c),
            None => briefs.last(),
        };
        match brief {
            Some(b) => {
                super::read::get(&self.idx_case_list, &keys::case_list(b.town, b.stage, b.id))
            }
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
}

fn is_exact(kind: KeyKind, term: &str, q: &str) -> bool {
    match kind {
        k if k.is_id_tail() => (4..=6).contains(&q.chars().count()),
        _ => term == q,
    }
}
