//! Reading one term's entries out of `idx/terms`: the buckets that can hold terms beginning
//! with it, each bucket's entries exact first, then the head's, then by term and id. No
//! allocation per entry: an entry is its place in the bucket's values, which are kept
//! while the bucket is sorted (a common bucket holds tens of thousands of entries).

use sled::IVec;

use super::super::lookup::{bucket_lengths, char_index, head_key, split_key};
use super::super::postings::{self, Posting, HEAD};
use super::super::{Store, StoreError};
use crate::domain::search_keys::{id_tail_prefix, KeyKind};
use crate::domain::town::Town;

/// One entry found for a term, before its household's record is read (if ever).
#[derive(Debug, Clone, Copy)]
pub(super) struct Found {
    pub kind: KeyKind,
    pub exact: bool,
    /// The household (a case number's entry names its household too).
    pub id: u64,
    pub posting: Posting,
}

/// In what order a read gives a bucket's entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// Exact first, then the head's, then by term and id: the order hits are shown in.
    Relevance,
    /// As stored: a read that only marks which candidates a word matches (sorting was a
    /// third of `sh 005` at 100,000 households).
    Any,
}

/// An entry of one bucket: its group (the entries with one rest of term) and its place.
#[derive(Clone, Copy)]
struct Row {
    not_exact: bool,
    not_head: bool,
    group: u32,
    id: u64,
    posting: Posting,
}

/// Where a group's rest of term lies in the bucket's values: (value, start, length).
type Group = (u32, u32, u32);

/// The entries of one bucket gathered so far, with the values they point into.
#[derive(Default)]
struct Bucket {
    values: Vec<IVec>,
    groups: Vec<Group>,
    rows: Vec<Row>,
}

impl Bucket {
    fn rest(&self, (value, start, len): Group) -> &[u8] {
        let v = &self.values[value as usize];
        &v[start as usize..(start + len) as usize]
    }

    /// Give the entries in order: exact first, then the head's, then by term and id.
    /// Each value gives its entries sorted by term and id already (a posting list is
    /// stored in that order), so nothing is sorted: each of the four classes (exact or
    /// not, the head's or not) is a merge of the values' runs, lazily, so a sink that
    /// wants 50 of a bucket's thousands pays for about 50. A chunked bucket repeats a
    /// rest of term in each chunk, with the ids of each chunk after the one before.
    fn emit(self, kind: KeyKind, order: Order, sink: &mut impl FnMut(Found) -> bool) -> bool {
        let found = |r: &Row| Found {
            kind,
            exact: !r.not_exact,
            id: r.id,
            posting: r.posting,
        };
        if order == Order::Any {
            return self.rows.iter().all(|r| sink(found(r)));
        }
        // Where each value's rows begin (rows are gathered value by value).
        let mut runs: Vec<usize> = Vec::with_capacity(self.values.len() + 1);
        for (i, r) in self.rows.iter().enumerate() {
            let v = self.groups[r.group as usize].0 as usize;
            if runs.len() <= v {
                runs.resize(v + 1, i);
            }
        }
        runs.push(self.rows.len());
        for class in [(false, false), (false, true), (true, false), (true, true)] {
            let in_class = |r: &Row| (r.not_exact, r.not_head) == class;
            if runs.len() <= 2 {
                if !self
                    .rows
                    .iter()
                    .filter(|r| in_class(r))
                    .all(|r| sink(found(r)))
                {
                    return false;
                }
                continue;
            }
            // The next row of `class` at or after `at` in the run ending at `end`.
            let next = |mut at: usize, end: usize| {
                while at < end && !in_class(&self.rows[at]) {
                    at += 1;
                }
                (at < end).then_some(at)
            };
            let key = |at: usize| {
                let r = &self.rows[at];
                std::cmp::Reverse((self.rest(self.groups[r.group as usize]), r.id, at))
            };
            let mut heap = std::collections::BinaryHeap::with_capacity(runs.len());
            for w in runs.windows(2) {
                if let Some(at) = next(w[0], w[1]) {
                    heap.push((key(at), w[1]));
                }
            }
            while let Some((std::cmp::Reverse((_, _, at)), end)) = heap.pop() {
                if !sink(found(&self.rows[at])) {
                    return false;
                }
                if let Some(at) = next(at + 1, end) {
                    heap.push((key(at), end));
                }
            }
        }
        true
    }
}

impl Store {
    /// Every entry of every kind whose term begins with `q`, kinds in order of relevance,
    /// until `sink` says stop (a household may come more than once). Returns whether
    /// every entry was given.
    pub(super) fn each_found(
        &self,
        q: &str,
        town: Option<Town>,
        order: Order,
        mut sink: impl FnMut(Found) -> bool,
    ) -> Result<bool, StoreError> {
        for kind in KeyKind::ALL {
            if !self.scan_term(*kind, q, town, order, &mut sink)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The entries of `kind` whose term begins with `q`: buckets shorter than the query
    /// first (one read each), then every bucket beginning with it. Returns whether `sink`
    /// took them all.
    fn scan_term(
        &self,
        kind: KeyKind,
        q: &str,
        town: Option<Town>,
        order: Order,
        sink: &mut impl FnMut(Found) -> bool,
    ) -> Result<bool, StoreError> {
        let tq = if kind.is_id_tail() {
            id_tail_prefix(q)
        } else {
            q.to_string()
        };
        let chars = tq.chars().count();
        let exact_len = |len: usize| match kind {
            k if k.is_id_tail() => (4..=6).contains(&chars),
            _ => len == tq.len(),
        };
        let bad = |k: &[u8]| {
            StoreError::Corrupt(format!(
                "idx/terms: unreadable bucket {}",
                String::from_utf8_lossy(k)
            ))
        };
        // Add the entries of one value of `bucket` that match the query.
        let gather = |bucket: &[u8], value: IVec, chunk: bool, into: &mut Bucket| -> Option<()> {
            let Some(list) = postings::list_of(&value, chunk) else {
                return Some(());
            };
            let list = list.ok()?;
            // The term is bucket + rest: it begins with the query when the bucket does,
            // or when the bucket is the query's beginning and the rest goes on with it.
            let whole = bucket.starts_with(tq.as_bytes());
            let after = tq.as_bytes().strip_prefix(bucket);
            if !whole && after.is_none() {
                return Some(());
            }
            let base = value.as_ptr() as usize;
            let index = u32::try_from(into.values.len()).ok()?;
            let mut added = false;
            let mut last: Option<(usize, u32)> = None;
            postings::decode_filtered(
                list,
                |rest| whole || after.is_some_and(|a| rest.starts_with(a)),
                |rest, id, p| {
                    if town.is_some_and(|t| t.code() != p.town) {
                        return;
                    }
                    // `rest` lies inside `value`: its group is its place there, not a copy.
                    let at = rest.as_ptr() as usize;
                    let group = match last {
                        Some((a, g)) if a == at => g,
                        _ => {
                            let (Ok(start), Ok(len), Ok(g)) = (
                                u32::try_from(at - base),
                                u32::try_from(rest.len()),
                                u32::try_from(into.groups.len()),
                            ) else {
                                return;
                            };
                            into.groups.push((index, start, len));
                            last = Some((at, g));
                            g
                        }
                    };
                    added = true;
                    into.rows.push(Row {
                        not_exact: !exact_len(bucket.len() + rest.len()),
                        not_head: p.member & HEAD == 0,
                        group,
                        id,
                        posting: p,
                    });
                },
            )?;
            if added {
                into.values.push(value);
            }
            Some(())
        };
        for l in bucket_lengths(kind).iter().filter(|l| **l < chars) {
            let bucket = &tq[..char_index(&tq, *l)];
            let head = head_key(kind, bucket);
            let mut found = Bucket::default();
            for kv in self.idx_terms.scan_prefix(&head) {
                let (k, v) = kv?;
                let chunk = k.len() > head.len();
                gather(bucket.as_bytes(), v, chunk, &mut found).ok_or_else(|| bad(&k))?;
            }
            if !found.rows.is_empty() && !found.emit(kind, order, sink) {
                return Ok(false);
            }
        }
        let mut prefix = vec![kind.code()];
        prefix.extend_from_slice(tq.as_bytes());
        let mut current: Option<(Vec<u8>, Bucket)> = None;
        for kv in self.idx_terms.scan_prefix(&prefix) {
            let (k, v) = kv?;
            let Some((_, bucket, chunk)) = split_key(&k) else {
                continue;
            };
            if current.as_ref().is_some_and(|(b, _)| b != bucket) {
                if let Some((_, found)) = current.take() {
                    if !found.emit(kind, order, sink) {
                        return Ok(false);
                    }
                }
            }
            let (b, found) = current.get_or_insert_with(|| (bucket.to_vec(), Bucket::default()));
            gather(b, v, chunk, found).ok_or_else(|| bad(&k))?;
        }
        if let Some((_, found)) = current {
            return Ok(found.emit(kind, order, sink));
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bucket of thousands of entries in three values (a chunked bucket repeats rests,
    /// each chunk holding later ids than the one before), each value's entries in the
    /// order its posting list gives them: the entries come in exactly the order of one
    /// full sort, and a sink that stops early gets exactly the first of them.
    #[test]
    fn a_bucket_given_in_parts_is_in_the_order_of_a_full_sort() {
        let rests: Vec<&[u8]> = vec![b"b", b"a", b"ab", b"", b"ba", b"a"];
        let mut values = Vec::new();
        let mut groups = Vec::new();
        for chunk in 0..3u32 {
            let mut bytes = Vec::new();
            for r in &rests {
                groups.push((chunk, bytes.len() as u32, r.len() as u32));
                bytes.extend_from_slice(r);
            }
            values.push(IVec::from(bytes));
        }
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut rows = Vec::new();
        for chunk in 0..3u64 {
            let mut run = Vec::new();
            for i in 0..2000u64 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                run.push(Row {
                    not_exact: !x.is_multiple_of(3),
                    not_head: !x.is_multiple_of(5),
                    group: (chunk * rests.len() as u64 + x % rests.len() as u64) as u32,
                    id: chunk * 10_000 + i * 7 % 1013,
                    posting: Posting {
                        town: 1,
                        member: (x % 4) as u8,
                    },
                });
            }
            // As decoded: by rest of term, then id.
            run.sort_by_key(|r| (rests[r.group as usize % rests.len()], r.id));
            rows.extend(run);
        }
        let bucket = || Bucket {
            values: values.clone(),
            groups: groups.clone(),
            rows: rows.clone(),
        };
        let b = bucket();
        let mut want: Vec<(bool, bool, Vec<u8>, u64)> = rows
            .iter()
            .map(|r| {
                (
                    r.not_exact,
                    r.not_head,
                    b.rest(b.groups[r.group as usize]).to_vec(),
                    r.id,
                )
            })
            .collect();
        want.sort();
        let want: Vec<(bool, u64)> = want.into_iter().map(|(e, _, _, id)| (!e, id)).collect();
        let mut got = Vec::new();
        assert!(bucket().emit(KeyKind::IdTail, Order::Relevance, &mut |f| {
            got.push((f.exact, f.id));
            true
        }));
        assert_eq!(got, want);
        for stop in [1, 50, 256, 300, 1500, 4999] {
            let mut got = Vec::new();
            let all = bucket().emit(KeyKind::IdTail, Order::Relevance, &mut |f| {
                got.push((f.exact, f.id));
                got.len() < stop
            });
            assert!(!all);
            assert_eq!(got[..], want[..stop], "stopped at {stop}");
        }
    }
}
