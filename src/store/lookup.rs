//! `idx/terms`: the quick-lookup index, one key per bucket of terms (layouts in
//! `keys.rs`, packing in `postings.rs`). A term's bucket is its first few characters
//! (two Chinese characters, six letters, an ID number's first twelve or last six),
//! so the number of keys grows with the distinct beginnings of terms, not with
//! households × terms. Each entry names the household (or, for a case number, the case),
//! its town and the member the term came from.
//!
//! Terms come from `domain::search_keys` and change in the same transaction as the
//! household or case they describe. Derived data: [`rebuild`] writes it again from the
//! records and [`verify`] compares the two.

use std::collections::BTreeMap;

use super::postings::{
    self, get_varint, put_varint, Edit, EditError, Kv, Posting, HEAD, NO_MEMBER,
};
use super::{Store, StoreError};
use crate::domain::case::Case;
use crate::domain::household::Household;
use crate::domain::member::Relation;
use crate::domain::search_keys::{case_keys, household_keys, KeyKind, SearchKey};

pub use super::lookup_query::{LookupHit, TermMatch};

mod check;

/// Index entries as (key, value) pairs, sorted by key (the other derived trees).
pub(super) type Entries = BTreeMap<Vec<u8>, Vec<u8>>;

/// Index entries by (kind code, term, id), as the records give them.
pub type Logical = BTreeMap<(u8, String, u64), Posting>;

/// The length in characters of the bucket of `term`.
fn bucket_chars(kind: KeyKind, term: &str) -> usize {
    let n = term.chars().count();
    let l = match kind {
        KeyKind::HeadIdTail | KeyKind::IdTail => 6,
        KeyKind::ResidentId => 12,
        // 610203-2026-000123 by its first 12, 2026-000123 by 6, 000123 and 123 by 3.
        KeyKind::CaseNumber => [12, 6].into_iter().find(|l| l + 4 <= n).unwrap_or(3),
        _ if term.is_ascii() => 6,
        _ => 2,
    };
    l.min(n)
}

/// The bucket lengths a query of `kind` may have to look in.
pub(super) fn bucket_lengths(kind: KeyKind) -> &'static [usize] {
    match kind {
        KeyKind::HeadIdTail | KeyKind::IdTail => &[6],
        KeyKind::ResidentId => &[12],
        KeyKind::CaseNumber => &[3, 6, 12],
        _ => &[2, 6],
    }
}

/// The byte index of the `chars`th character of `s` (its length if shorter).
pub(super) fn char_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

/// The key of the bucket holding `bucket` of `kind`: kind, bucket, 0.
pub(super) fn head_key(kind: KeyKind, bucket: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(bucket.len() + 2);
    k.push(kind.code());
    k.extend_from_slice(bucket.as_bytes());
    k.push(0);
    k
}

fn member_byte(h: &Household, member: Option<u8>) -> u8 {
    match member {
        Some(i) => {
            let head = h
                .members
                .get(usize::from(i))
                .is_some_and(|m| m.relation == Relation::Head);
            (i & 0x7F).min(NO_MEMBER - 1) | if head { HEAD } else { 0 }
        }
        None => NO_MEMBER,
    }
}

fn push(out: &mut Logical, k: SearchKey, id: u64, posting: Posting) {
    // A 0 byte ends the bucket in a key; no typed term holds one.
    if !k.term.contains('\0') {
        out.insert((k.kind.code(), k.term, id), posting);
    }
}

/// The entries of a household's own terms (names, ID numbers, village).
pub(super) fn household_entries(h: &Household) -> Logical {
    let mut out = Logical::new();
    for k in household_keys(h) {
        let posting = Posting {
            town: h.town.code(),
            member: member_byte(h, k.member),
        };
        push(&mut out, k, h.id.0, posting);
    }
    out
}

/// The entries of a case's number. They name the case's household (format 3; before,
/// the case, whose record had to be read for its household on every hit); which of the
/// household's cases it is, a lookup finds in `idx/household_case`. A number, once given,
/// never changes, so two cases of one household sharing a term (`…-000505` of two
/// years) never lose it to each other's edit.
pub(super) fn case_entries(c: &Case) -> Logical {
    let mut out = Logical::new();
    if let Some(n) = c.number {
        for k in case_keys(n) {
            let posting = Posting {
                town: c.town.code(),
                member: NO_MEMBER,
            };
            push(&mut out, k, c.household.0, posting);
        }
    }
    out
}

/// The bucket and the edit of one entry (`None` for a kind this program does not know).
fn edit_of(
    (code, term, id): &(u8, String, u64),
    posting: Option<Posting>,
) -> Option<(Vec<u8>, Edit)> {
    let kind = KeyKind::from_code(*code)?;
    let at = char_index(term, bucket_chars(kind, term));
    Some((
        head_key(kind, &term[..at]),
        Edit {
            rest: term.as_bytes()[at..].to_vec(),
            id: *id,
            posting,
        },
    ))
}

/// The changes from `old` to `new`, by bucket key.
fn edits(old: &Logical, new: &Logical) -> BTreeMap<Vec<u8>, Vec<Edit>> {
    let mut out: BTreeMap<Vec<u8>, Vec<Edit>> = BTreeMap::new();
    let mut add = |k: &(u8, String, u64), posting: Option<Posting>| {
        if let Some((head, edit)) = edit_of(k, posting) {
            out.entry(head).or_default().push(edit);
        }
    };
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        add(k, None);
    }
    for (k, v) in new {
        if old.get(k) != Some(v) {
            add(k, Some(*v));
        }
    }
    out
}

/// The entries of a bulk load (`generate`, the demo's first run), gathered by bucket in
/// a hash map instead of one ordered map of every term of a batch (whose string
/// comparisons were a third of generating); written bucket by bucket in key order. Each
/// entry is packed as the length of its rest of term and the rest, its id (both varints),
/// town and member byte: about 14 bytes an entry instead of an `Edit`'s 60, so the loader
/// can hold 100,000 households' worth (every write of a bucket rewrites it: see
/// `bulk.rs`).
#[derive(Default)]
pub(super) struct BulkTerms(std::collections::HashMap<Vec<u8>, Vec<u8>>);

impl BulkTerms {
    pub(super) fn add(&mut self, entries: Logical) {
        for (k, p) in entries {
            let Some((head, edit)) = edit_of(&k, Some(p)) else {
                continue;
            };
            let packed = self.0.entry(head).or_default();
            put_varint(packed, edit.rest.len() as u64);
            packed.extend_from_slice(&edit.rest);
            put_varint(packed, edit.id);
            packed.push(p.town);
            packed.push(p.member);
        }
    }

    /// Every bucket's edits, buckets in key order, then nothing is pending.
    pub(super) fn write<K: Kv>(self, kv: &K) -> Result<(), EditError<K::Error>> {
        let mut heads: Vec<(Vec<u8>, Vec<u8>)> = self.0.into_iter().collect();
        heads.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (head, packed) in heads {
            let edits = unpack(&packed).ok_or_else(|| EditError::Corrupt(head.clone()))?;
            postings::edit_bucket(kv, &head, &edits)?;
        }
        Ok(())
    }
}

/// The inverse of the packing in [`BulkTerms::add`].
fn unpack(bytes: &[u8]) -> Option<Vec<Edit>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let len = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
        let rest = bytes.get(at..at.checked_add(len)?)?.to_vec();
        at += len;
        let id = get_varint(bytes, &mut at)?;
        let town = *bytes.get(at)?;
        let member = *bytes.get(at + 1)?;
        at += 2;
        out.push(Edit {
            rest,
            id,
            posting: Some(Posting { town, member }),
        });
    }
    Some(out)
}

/// Replace `old` entries by `new`, touching only the buckets that change. The same code
/// for a write transaction, the bulk loader and the rebuild.
pub(super) fn reindex<K: Kv>(
    kv: &K,
    old: &Logical,
    new: &Logical,
) -> Result<(), EditError<K::Error>> {
    for (head, edits) in edits(old, new) {
        postings::edit_bucket(kv, &head, &edits)?;
    }
    Ok(())
}

/// The lookup index's edits of one write transaction, gathered by bucket, so that a
/// transaction of many changes (an import batch) decodes and re-encodes each bucket once
/// instead of once per household. Edits keep their order within a bucket.
#[derive(Debug, Default)]
pub(super) struct TermEdits(BTreeMap<Vec<u8>, Vec<Edit>>);

impl TermEdits {
    /// Add the changes from `old` to `new`.
    pub(super) fn add(&mut self, old: &Logical, new: &Logical) {
        for (head, edits) in edits(old, new) {
            self.0.entry(head).or_default().extend(edits);
        }
    }

    /// Write every bucket's edits inside the transaction.
    pub(super) fn write_in(
        &self,
        t: &sled::transaction::TransactionalTree,
    ) -> Result<(), super::tx::Abort> {
        for (head, edits) in &self.0 {
            postings::edit_bucket(t, head, edits).map_err(|e| match e {
                EditError::Kv(e) => e.into(),
                EditError::Corrupt(k) => super::tx::abort(corrupt(&k)),
            })?;
        }
        Ok(())
    }
}

fn corrupt(key: &[u8]) -> StoreError {
    StoreError::Corrupt(format!(
        "idx/terms: unreadable bucket {}",
        String::from_utf8_lossy(key)
    ))
}

pub(super) fn from_edit(e: EditError<sled::Error>) -> StoreError {
    match e {
        EditError::Kv(e) => StoreError::Sled(e),
        EditError::Corrupt(k) => corrupt(&k),
    }
}

/// Households per batch when rebuilding.
const BATCH: usize = 20_000;

/// Write the lookup index again from the records (after a crash, by `check --repair`,
/// and when migrating a store of the old format). `progress(done, total)` counts
/// households, then cases.
pub fn rebuild(store: &Store, mut progress: impl FnMut(u64, u64)) -> Result<(), StoreError> {
    store.idx_terms.clear()?;
    let total = (store.households.len() + store.cases.len()) as u64;
    let mut done = 0u64;
    let mut batch = Logical::new();
    let mut flush = |batch: &mut Logical, done: u64| -> Result<(), StoreError> {
        reindex(&store.idx_terms, &Logical::new(), batch).map_err(from_edit)?;
        batch.clear();
        store.flush()?;
        progress(done, total);
        Ok(())
    };
    for (n, kv) in store.households.iter().enumerate() {
        let (_, v) = kv?;
        batch.extend(household_entries(&super::envelope::decode(&v)?));
        done += 1;
        if (n + 1) % BATCH == 0 {
            flush(&mut batch, done)?;
        }
    }
    for (n, kv) in store.cases.iter().enumerate() {
        let (_, v) = kv?;
        batch.extend(case_entries(&super::envelope::decode(&v)?));
        done += 1;
        if (n + 1) % (BATCH * 4) == 0 {
            flush(&mut batch, done)?;
        }
    }
    flush(&mut batch, done)
}

/// How the index compares with its rebuild from the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub expected: u64,
    pub found: u64,
    /// Same entries (compared by count and an order-free digest).
    pub same: bool,
}

fn digest(code: u8, term: &[u8], id: u64, p: Posting) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (code, term, id, p).hash(&mut h);
    h.finish()
}

/// Compare the index with what the records give, in constant memory.
pub fn verify(store: &Store) -> Result<Verified, StoreError> {
    let (mut expected, mut want) = (0u64, 0u64);
    let mut count = |entries: Logical| {
        for ((code, term, id), p) in entries {
            expected += 1;
            want = want.wrapping_add(digest(code, term.as_bytes(), id, p));
        }
    };
    for kv in store.households.iter() {
        let (_, v) = kv?;
        count(household_entries(&super::envelope::decode(&v)?));
    }
    for kv in store.cases.iter() {
        let (_, v) = kv?;
        count(case_entries(&super::envelope::decode(&v)?));
    }
    let (mut found, mut got) = (0u64, 0u64);
    store.each_index_entry(|code, term, id, p| {
        found += 1;
        got = got.wrapping_add(digest(code, term, id, p));
    })?;
    Ok(Verified {
        expected,
        found,
        same: expected == found && want == got,
    })
}

impl Store {
    /// Every entry of the index, decoded: (kind code, term bytes, id, posting).
    fn each_index_entry(
        &self,
        mut f: impl FnMut(u8, &[u8], u64, Posting),
    ) -> Result<(), StoreError> {
        for kv in self.idx_terms.iter() {
            let (k, v) = kv?;
            let Some((code, bucket, chunk)) = split_key(&k) else {
                return Err(corrupt(&k));
            };
            let mut entries = postings::Entries::new();
            if chunk {
                postings::decode_into(&v, &mut entries).ok_or_else(|| corrupt(&k))?;
            } else {
                match postings::decode_head(&v).ok_or_else(|| corrupt(&k))? {
                    postings::Head::Inline(e) => entries = e,
                    postings::Head::Chunked(_) => continue,
                }
            }
            for ((rest, id), p) in entries {
                let mut term = bucket.to_vec();
                term.extend_from_slice(&rest);
                f(code, &term, id, p);
            }
        }
        Ok(())
    }

    /// The whole index as entries (for tests and `check` on small stores).
    pub fn lookup_index_entries(&self) -> Result<Logical, StoreError> {
        let mut out = Logical::new();
        self.each_index_entry(|code, term, id, p| {
            out.insert((code, String::from_utf8_lossy(term).into_owned(), id), p);
        })?;
        Ok(out)
    }

    /// What the index should hold, from the records (for tests).
    pub fn lookup_entries_from_records(&self) -> Result<Logical, StoreError> {
        let mut out = Logical::new();
        for kv in self.households.iter() {
            let (_, v) = kv?;
            out.extend(household_entries(&super::envelope::decode(&v)?));
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            out.extend(case_entries(&super::envelope::decode(&v)?));
        }
        Ok(out)
    }

    /// Per kind of term: buckets, chunk keys and bytes of values in the index.
    pub fn lookup_census(&self) -> Result<Vec<(KeyKind, usize, usize, usize)>, StoreError> {
        let mut out: Vec<(KeyKind, usize, usize, usize)> =
            KeyKind::ALL.iter().map(|k| (*k, 0, 0, 0)).collect();
        for kv in self.idx_terms.iter() {
            let (k, v) = kv?;
            let Some((code, _, chunk)) = split_key(&k) else {
                continue;
            };
            if let Some(row) = out.iter_mut().find(|r| r.0.code() == code) {
                if chunk {
                    row.2 += 1;
                } else {
                    row.1 += 1;
                }
                row.3 += v.len();
            }
        }
        Ok(out)
    }

    /// Keys in the lookup index (for the benchmark and `stats`).
    pub fn lookup_entries(&self) -> usize {
        self.idx_terms.len()
    }
}

/// A key of `idx/terms` as (kind code, bucket, whether it is a chunk).
pub(super) fn split_key(k: &[u8]) -> Option<(u8, &[u8], bool)> {
    let code = *k.first()?;
    let end = 1 + k.get(1..)?.iter().position(|b| *b == 0)?;
    Some((code, &k[1..end], k.len() > end + 1))
}
