//! A query of several words (`wjg 0019`, `王 永红村`, `2026-0001 陈炉`): the households
//! matching every word. The words are read most specific first. The first read gives the
//! candidates, in its order of relevance; every later word is read with the candidates
//! as a filter (an entry of another household costs its decoding, nothing else), or, when
//! few candidates are left or the word is a number of one or two digits (which ends a
//! tenth of all ID numbers and begins most case numbers), checked on the candidates'
//! records in order until the limit is reached.

use std::collections::HashMap;

use super::super::postings::{HEAD, NO_MEMBER};
use super::super::{Store, StoreError};
use super::scan::{Found, Order};
use super::{is_exact, Ids, LookupHit};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::member::Relation;
use crate::domain::search_keys::{
    case_number_matches, household_keys, is_number_query, key_matches, KeyKind,
};
use crate::domain::town::Town;

/// Households kept from the first word read; a word matching more gives its first this
/// many, most relevant first, and the others are looked for among them.
const CAP: usize = 50_000;
/// Candidates' records read at most to check the words checked on records.
const CHECKS: usize = 2_000;
/// Candidates this few are checked on their records rather than by reading a word.
const FEW: usize = 40;
/// Numbers this short after another word are checked on records (two digits: first).
const SHORT_NUMBER: usize = 2;
/// Households checked one by one for a two-digit number before it is read instead.
const STREAMED: usize = 300;

/// How one word matched one household, before anything is read for the hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Match {
    /// The order in which the word's read found the household.
    rank: u32,
    kind: KeyKind,
    exact: bool,
    /// The posting's member byte (index, head flag) or `NO_MEMBER`.
    member: u8,
}

impl Match {
    fn of(f: &Found, rank: u32) -> Match {
        Match {
            rank,
            kind: f.kind,
            exact: f.exact,
            member: f.posting.member,
        }
    }

    /// Lower is better: most relevant kind, exact, the head's.
    fn grade(&self) -> u32 {
        let head = self.member != NO_MEMBER && self.member & HEAD != 0;
        u32::from(self.kind.code()) * 4 + u32::from(!self.exact) * 2 + u32::from(!head)
    }
}

/// How specific a word is likely to be: Chinese characters narrow most, then letters and
/// digits; longer is narrower.
fn specificity(term: &str) -> usize {
    term.chars().map(|c| if c.is_ascii() { 2 } else { 5 }).sum()
}

/// The candidates: households in the order the first word found them, one slot per word.
struct Candidates {
    households: Vec<u64>,
    at: HashMap<u64, u32, Ids>,
    /// `households.len() × words`: how word `w` matched candidate `c` at `c * words + w`.
    slots: Vec<Option<Match>>,
    words: usize,
}

impl Candidates {
    fn slot(&mut self, c: usize, w: usize) -> &mut Option<Match> {
        &mut self.slots[c * self.words + w]
    }

    /// Keep only the candidates word `w` matched.
    fn keep_matched(&mut self, w: usize) {
        let words = self.words;
        let mut households = Vec::new();
        let mut slots = Vec::new();
        for (c, h) in self.households.iter().enumerate() {
            let row = &self.slots[c * words..(c + 1) * words];
            if row[w].is_some() {
                households.push(*h);
                slots.extend_from_slice(row);
            }
        }
        self.at = households
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some((*h, u32::try_from(i).ok()?)))
            .collect();
        self.households = households;
        self.slots = slots;
    }
}

/// A household matching every word: (grade, its rank in the first word typed, household,
/// how each word matched).
type Hit = (u32, u32, u64, Vec<Option<Match>>);

fn hit(h: u64, row: Vec<Option<Match>>) -> Hit {
    let grade = row.iter().flatten().map(Match::grade).sum();
    let first = row.first().copied().flatten().map_or(0, |m| m.rank);
    (grade, first, h, row)
}

impl Store {
    pub(super) fn lookup_all(
        &self,
        terms: &[String],
        town: Option<Town>,
        limit: usize,
    ) -> Result<Vec<LookupHit>, StoreError> {
        let words = terms.len();
        let mut order: Vec<usize> = (0..words).collect();
        order.sort_by_key(|i| std::cmp::Reverse(specificity(&terms[*i])));
        let short =
            |w: &usize| is_number_query(&terms[*w]) && terms[*w].chars().count() <= SHORT_NUMBER;
        // A number of two digits is read rather than checked once checking the first
        // word's households one by one has not found the limit among the first few
        // hundred (`fjg 02`: 2,000 records read for 49 hits, 156 ms at 1,000,000).
        let mut read_two = false;
        if order.iter().skip(1).all(short) {
            if let Some(hits) = self.lookup_streamed(terms, &order, town, limit)? {
                return Ok(hits);
            }
            read_two = true;
        }
        let mut cands: Option<Candidates> = None;
        let mut checked: Vec<usize> = Vec::new();
        for w in order {
            let t = &terms[w];
            let short = short(&w) && !(read_two && t.chars().count() == SHORT_NUMBER);
            match cands.as_mut() {
                None => {
                    let mut c = Candidates {
                        households: Vec::new(),
                        at: HashMap::default(),
                        slots: Vec::new(),
                        words,
                    };
                    self.each_found(t, town, Order::Relevance, |f| {
                        let n = c.households.len();
                        let Ok(rank) = u32::try_from(n) else {
                            return false;
                        };
                        if let std::collections::hash_map::Entry::Vacant(e) = c.at.entry(f.id) {
                            e.insert(rank);
                            c.households.push(f.id);
                            c.slots.extend(std::iter::repeat_n(None, words));
                            c.slots[n * words + w] = Some(Match::of(&f, rank));
                        }
                        c.households.len() < CAP
                    })?;
                    cands = Some(c);
                }
                Some(c) if short || c.households.len() <= FEW => checked.push(w),
                Some(c) => {
                    let mut rank = 0u32;
                    self.each_found(t, town, Order::Any, |f| {
                        if let Some(&i) = c.at.get(&f.id) {
                            let slot = c.slot(i as usize, w);
                            if slot.is_none() {
                                *slot = Some(Match::of(&f, rank));
                                rank += 1;
                            }
                        }
                        true
                    })?;
                    c.keep_matched(w);
                }
            }
        }
        let Some(cands) = cands else {
            return Ok(Vec::new());
        };
        let mut hits: Vec<Hit> = Vec::new();
        let mut checks = 0;
        // In the order the first word read found them: checking on records stops once
        // `limit` households match.
        for (c, h) in cands.households.iter().enumerate() {
            if !checked.is_empty() && (hits.len() >= limit || checks >= CHECKS) {
                break;
            }
            let mut row = cands.slots[c * words..(c + 1) * words].to_vec();
            if !checked.is_empty() {
                checks += 1;
                let household = HouseholdId(*h);
                for w in &checked {
                    row[*w] = self.check_term(household, &terms[*w])?;
                }
            }
            if row.iter().any(Option::is_none) {
                continue;
            }
            hits.push(hit(*h, row));
        }
        self.hits(terms, hits, limit)
    }

    /// Every word but the first is a short number: the first word's households are
    /// checked as its read finds them, and the read stops once `limit` match (`sh 00`
    /// read 20,000 households at 100,000 before checking the first). `None` when
    /// [`STREAMED`] households were checked without finding `limit` and the first word has
    /// more: the numbers are rare among its households, reading them is cheaper.
    fn lookup_streamed(
        &self,
        terms: &[String],
        order: &[usize],
        town: Option<Town>,
        limit: usize,
    ) -> Result<Option<Vec<LookupHit>>, StoreError> {
        let words = terms.len();
        let Some((&first, checked)) = order.split_first() else {
            return Ok(Some(Vec::new()));
        };
        let two_digits = checked
            .iter()
            .any(|w| terms[*w].chars().count() == SHORT_NUMBER);
        let budget = if two_digits { STREAMED } else { CHECKS };
        let mut seen: std::collections::HashSet<u64, Ids> = Default::default();
        let mut hits: Vec<Hit> = Vec::new();
        let mut failed = None;
        let complete = self.each_found(&terms[first], town, Order::Relevance, |f| {
            if !seen.insert(f.id) {
                return true;
            }
            let Ok(rank) = u32::try_from(seen.len()) else {
                return false;
            };
            let mut row = vec![None; words];
            row[first] = Some(Match::of(&f, rank));
            for w in checked {
                match self.check_term(HouseholdId(f.id), &terms[*w]) {
                    Ok(m) => row[*w] = m,
                    Err(e) => {
                        failed = Some(e);
                        return false;
                    }
                }
            }
            if row.iter().all(Option::is_some) {
                hits.push(hit(f.id, row));
            }
            hits.len() < limit && seen.len() < budget
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        if complete || hits.len() >= limit || budget == CHECKS {
            return self.hits(terms, hits, limit).map(Some);
        }
        Ok(None)
    }

    /// The hits in order, at most `limit`, with what matched and the case a case number
    /// names.
    fn hits(
        &self,
        terms: &[String],
        mut hits: Vec<Hit>,
        limit: usize,
    ) -> Result<Vec<LookupHit>, StoreError> {
        let words = terms.len();
        // Best grades first (most relevant kinds, exact, the head's), then the order in
        // which the first word typed found them.
        hits.sort_unstable_by_key(|(grade, first, h, _)| (*grade, *first, *h));
        hits.truncate(limit);
        let mut out = Vec::with_capacity(hits.len());
        for (_, _, h, row) in hits {
            let household = HouseholdId(h);
            let mut brief = None;
            let mut matches = Vec::with_capacity(words);
            for (w, m) in row.into_iter().enumerate() {
                let Some(m) = m else { continue };
                if m.kind == KeyKind::CaseNumber && brief.is_none() {
                    brief = self.case_with_number(household, &terms[w])?;
                }
                matches.push(super::term_match(&terms[w], m.kind, m.exact, m.member));
            }
            out.push(LookupHit {
                household,
                case: brief.map(|b| b.id),
                brief,
                kind: matches[0].kind,
                exact: matches[0].exact,
                matches,
            });
        }
        Ok(out)
    }

    /// How household `h` has a term beginning with `q`, from its record and its cases'
    /// numbers; `None` when it has none.
    fn check_term(&self, h: HouseholdId, q: &str) -> Result<Option<Match>, StoreError> {
        if is_number_query(q) {
            // The most relevant kind first, as a read of the word gives it: a case number
            // (no record read), then the members' ID numbers. Only numbers match either.
            if let Some(m) = self.case_number_match(h, q)? {
                return Ok(Some(m));
            }
            return Ok(self.household(h)?.and_then(|x| number_match(&x, q)));
        }
        let Some(household) = self.household(h)? else {
            return Ok(None);
        };
        let best = household_keys(&household)
            .into_iter()
            .filter(|k| key_matches(k, q))
            .min_by_key(|k| k.kind);
        Ok(best.map(|k| {
            let head = k
                .member
                .and_then(|i| household.members.get(usize::from(i)))
                .is_some_and(|m| m.relation == Relation::Head);
            let member = k.member.map_or(NO_MEMBER, |i| {
                (i & 0x7F).min(NO_MEMBER - 1) | if head { HEAD } else { 0 }
            });
            Match {
                rank: 0,
                kind: k.kind,
                exact: is_exact(k.kind, &k.term, q),
                member,
            }
        }))
    }

    /// How one of household `h`'s case numbers matches `q`, from `idx/household_case`.
    fn case_number_match(&self, h: HouseholdId, q: &str) -> Result<Option<Match>, StoreError> {
        let mut best: Option<Match> = None;
        for brief in self.case_briefs(h)? {
            let Some(n) = brief.number else { continue };
            let (matches, exact) = case_number_matches(n, q);
            if matches && best.is_none_or(|b| exact && !b.exact) {
                best = Some(Match {
                    rank: 0,
                    kind: KeyKind::CaseNumber,
                    exact,
                    member: NO_MEMBER,
                });
            }
        }
        Ok(best)
    }
}

/// How a member's ID number matches the number `q` (as its terms in the index would: the
/// number beginning with it, or ending with it), without building the household's terms:
/// the most relevant kind, then the first member.
fn number_match(household: &Household, q: &str) -> Option<Match> {
    let qb = q.as_bytes();
    let head_index = household
        .members
        .iter()
        .position(|m| m.relation == Relation::Head)
        .unwrap_or(0);
    let mut best: Option<(KeyKind, usize)> = None;
    for (i, m) in household.members.iter().enumerate() {
        let id = m.id.as_str().as_bytes();
        let Some(tail_at) = id.len().checked_sub(qb.len()) else {
            continue;
        };
        let kind = if id[..qb.len()].eq_ignore_ascii_case(qb) {
            KeyKind::ResidentId
        } else if id[tail_at..].eq_ignore_ascii_case(qb) {
            if i == head_index {
                KeyKind::HeadIdTail
            } else {
                KeyKind::IdTail
            }
        } else {
            continue;
        };
        if best.is_none_or(|(k, _)| kind < k) {
            best = Some((kind, i));
        }
    }
    let (kind, i) = best?;
    let m = household.members.get(i)?;
    let index = u8::try_from(i).ok()?.min(NO_MEMBER - 1);
    Some(Match {
        rank: 0,
        kind,
        exact: match kind {
            KeyKind::ResidentId => m.id.as_str().eq_ignore_ascii_case(q),
            _ => (4..=6).contains(&q.chars().count()),
        },
        member: index
            | if m.relation == Relation::Head {
                HEAD
            } else {
                0
            },
    })
}
