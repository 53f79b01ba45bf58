//! Packed posting lists of `idx/terms` (layouts in `keys.rs`): the households (or cases)
//! under one bucket of terms, sorted and delta-encoded, inline in the bucket's own key
//! or, once large, in chunks of consecutive ids with a directory in the bucket's key.
//!
//! One function changes a bucket, [`edit_bucket`], for the write transaction, the bulk
//! loader and the rebuild alike; it works on anything that gets, inserts and removes
//! keys ([`Kv`]).

use std::collections::BTreeMap;

/// A group's entries are sorted by (rest of the term, id).
pub type Entries = BTreeMap<(Vec<u8>, u64), Posting>;

/// What one entry says besides its id: the town, and which member the term is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    pub town: u8,
    /// The member's index with [`HEAD`] set for the head, or [`NO_MEMBER`].
    pub member: u8,
}

pub const HEAD: u8 = 0x80;
pub const NO_MEMBER: u8 = 0x7F;

/// One change to a bucket: `rest` of the term after the bucket, id, and the posting to
/// put there (`None` removes it).
#[derive(Debug, Clone)]
pub struct Edit {
    pub rest: Vec<u8>,
    pub id: u64,
    pub posting: Option<Posting>,
}

/// Inline until the packed list passes this many bytes, then chunked. Small values keep
/// a save cheap: each save rewrites one value per bucket it touches (~30), and sled
/// writes every value whole into its log. Measured at 10,000 households
/// (`cargo bench --bench district -- --quick`): 2 KB / 4 KB gave a save median of 8.9 ms,
/// 512 B / 1 KB 3.3 ms, for 3.35 instead of 3.20 lookup keys per household.
const INLINE_MAX: usize = 512;
/// A chunk is split in two when it passes this many bytes.
const CHUNK_MAX: usize = 1024;
const TAG_INLINE: u8 = 0;
const TAG_CHUNKED: u8 = 1;

/// The key-value operations an edit needs (a transaction's tree, or a plain tree).
pub trait Kv {
    type Error;
    fn get(&self, key: &[u8]) -> Result<Option<sled::IVec>, Self::Error>;
    fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<(), Self::Error>;
    fn remove(&self, key: &[u8]) -> Result<(), Self::Error>;
}

impl Kv for sled::transaction::TransactionalTree {
    type Error = sled::transaction::UnabortableTransactionError;
    fn get(&self, key: &[u8]) -> Result<Option<sled::IVec>, Self::Error> {
        sled::transaction::TransactionalTree::get(self, key)
    }
    fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<(), Self::Error> {
        sled::transaction::TransactionalTree::insert(self, key, value).map(|_| ())
    }
    fn remove(&self, key: &[u8]) -> Result<(), Self::Error> {
        sled::transaction::TransactionalTree::remove(self, key).map(|_| ())
    }
}

impl Kv for sled::Tree {
    type Error = sled::Error;
    fn get(&self, key: &[u8]) -> Result<Option<sled::IVec>, Self::Error> {
        sled::Tree::get(self, key)
    }
    fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<(), Self::Error> {
        sled::Tree::insert(self, key, value).map(|_| ())
    }
    fn remove(&self, key: &[u8]) -> Result<(), Self::Error> {
        sled::Tree::remove(self, key).map(|_| ())
    }
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub(super) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

/// Groups: per distinct rest, its length and bytes, the number of ids, then each id as
/// the difference from the one before (the first from 0), its town and member byte.
pub fn encode(entries: &Entries) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * 4);
    let mut iter = entries.iter().peekable();
    while let Some(((rest, _), _)) = iter.peek() {
        let rest = rest.clone();
        let group: Vec<(u64, Posting)> = std::iter::from_fn(|| {
            iter.next_if(|((r, _), _)| *r == rest)
                .map(|((_, id), p)| (*id, *p))
        })
        .collect();
        put_varint(&mut out, rest.len() as u64);
        out.extend_from_slice(&rest);
        put_varint(&mut out, group.len() as u64);
        let mut last = 0;
        for (id, p) in group {
            put_varint(&mut out, id - last);
            last = id;
            out.push(p.town);
            out.push(p.member);
        }
    }
    out
}

/// The inverse of [`encode`]; `None` for bytes that are not a posting list.
pub fn decode_into(bytes: &[u8], out: &mut Entries) -> Option<()> {
    let mut at = 0;
    while at < bytes.len() {
        let len = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
        let rest = bytes.get(at..at.checked_add(len)?)?.to_vec();
        at += len;
        let n = get_varint(bytes, &mut at)?;
        let mut id = 0u64;
        for _ in 0..n {
            id = id.checked_add(get_varint(bytes, &mut at)?)?;
            let town = *bytes.get(at)?;
            let member = *bytes.get(at + 1)?;
            at += 2;
            out.insert((rest.clone(), id), Posting { town, member });
        }
    }
    Some(())
}

/// Read a posting list without building it: `keep(rest)` decides per group of entries
/// with the same rest of term (a group it refuses is skipped, nothing allocated), and
/// `each(rest, id, posting)` is given every entry of a kept group in order. The lookup's
/// read path: a bucket of thousands of entries is mostly groups the query does not match.
pub fn decode_filtered(
    bytes: &[u8],
    mut keep: impl FnMut(&[u8]) -> bool,
    mut each: impl FnMut(&[u8], u64, Posting),
) -> Option<()> {
    let mut at = 0;
    while at < bytes.len() {
        let len = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
        let rest = bytes.get(at..at.checked_add(len)?)?;
        at += len;
        let n = get_varint(bytes, &mut at)?;
        let wanted = keep(rest);
        let mut id = 0u64;
        for _ in 0..n {
            id = id.checked_add(get_varint(bytes, &mut at)?)?;
            let town = *bytes.get(at)?;
            let member = *bytes.get(at + 1)?;
            at += 2;
            if wanted {
                each(rest, id, Posting { town, member });
            }
        }
    }
    Some(())
}

/// The posting list a bucket's value holds: a chunk's whole value, or an inline head's
/// value after its tag; `None` for a chunked head (its directory holds no entries) and
/// `Some(Err)` for bytes that are not a head.
pub fn list_of(value: &[u8], is_chunk: bool) -> Option<Result<&[u8], ()>> {
    if is_chunk {
        return Some(Ok(value));
    }
    match value.first() {
        Some(&TAG_INLINE) => Some(Ok(&value[1..])),
        Some(&TAG_CHUNKED) => None,
        _ => Some(Err(())),
    }
}

/// What the bucket's own key holds.
pub enum Head {
    Inline(Entries),
    /// The first id of every chunk, ascending (the first is 0).
    Chunked(Vec<u64>),
}

pub fn decode_head(bytes: &[u8]) -> Option<Head> {
    match *bytes.first()? {
        TAG_INLINE => {
            let mut e = Entries::new();
            decode_into(&bytes[1..], &mut e)?;
            Some(Head::Inline(e))
        }
        TAG_CHUNKED => {
            let mut at = 1;
            let mut starts = Vec::new();
            let mut last = 0u64;
            while at < bytes.len() {
                last = last.checked_add(get_varint(bytes, &mut at)?)?;
                starts.push(last);
            }
            Some(Head::Chunked(starts))
        }
        _ => None,
    }
}

fn encode_dir(starts: &[u64]) -> Vec<u8> {
    let mut out = vec![TAG_CHUNKED];
    let mut last = 0;
    for s in starts {
        put_varint(&mut out, s - last);
        last = *s;
    }
    out
}

/// The key of the chunk starting at `start` of the bucket whose key is `head`.
pub fn chunk_key(head: &[u8], start: u64) -> Vec<u8> {
    let mut k = Vec::with_capacity(head.len() + 8);
    k.extend_from_slice(head);
    k.extend_from_slice(&start.to_be_bytes());
    k
}

/// A bucket's value that `decode_head` or `decode_into` could not read.
#[derive(Debug)]
pub enum EditError<E> {
    Kv(E),
    Corrupt(Vec<u8>),
}

impl<E> From<E> for EditError<E> {
    fn from(e: E) -> Self {
        EditError::Kv(e)
    }
}

fn apply(entries: &mut Entries, edits: &[&Edit]) {
    // A new bucket filled in one go (a bulk load): one sort and a bulk build instead of
    // an insert per entry. The sort is stable and the build keeps the last of equal keys,
    // as inserting one by one would.
    if entries.is_empty() && edits.iter().all(|e| e.posting.is_some()) {
        *entries = edits
            .iter()
            .filter_map(|e| e.posting.map(|p| ((e.rest.clone(), e.id), p)))
            .collect();
        return;
    }
    for e in edits {
        match e.posting {
            Some(p) => entries.insert((e.rest.clone(), e.id), p),
            None => entries.remove(&(e.rest.clone(), e.id)),
        };
    }
}

/// Split entries into pieces of consecutive ids of about `target` bytes each.
fn split_by_id(entries: Entries, target: usize) -> Vec<(u64, Entries)> {
    let bytes = encode(&entries).len();
    let pieces = bytes.div_ceil(target).max(1);
    let mut by_id: Vec<((Vec<u8>, u64), Posting)> = entries.into_iter().collect();
    by_id.sort_by_key(|((_, id), _)| *id);
    let per = by_id.len().div_ceil(pieces).max(1);
    let mut out: Vec<(u64, Entries)> = Vec::new();
    let mut last_id = None;
    for item in by_id {
        let id = item.0 .1;
        let full = out.last().is_some_and(|(_, e)| e.len() >= per);
        // Entries of one id stay in one chunk.
        if out.is_empty() || (full && last_id != Some(id)) {
            out.push((id, Entries::new()));
        }
        last_id = Some(id);
        if let Some((_, e)) = out.last_mut() {
            e.insert(item.0, item.1);
        }
    }
    out
}

/// Apply `edits` to the bucket whose key is `head`, inline or chunked.
pub fn edit_bucket<K: Kv>(kv: &K, head: &[u8], edits: &[Edit]) -> Result<(), EditError<K::Error>> {
    let current = match kv.get(head)? {
        Some(v) => decode_head(&v).ok_or_else(|| EditError::Corrupt(head.to_vec()))?,
        None => Head::Inline(Entries::new()),
    };
    match current {
        Head::Inline(mut entries) => {
            apply(&mut entries, &edits.iter().collect::<Vec<_>>());
            if entries.is_empty() {
                kv.remove(head)?;
                return Ok(());
            }
            let packed = encode(&entries);
            if packed.len() <= INLINE_MAX {
                let mut v = Vec::with_capacity(packed.len() + 1);
                v.push(TAG_INLINE);
                v.extend_from_slice(&packed);
                kv.insert(head, v)?;
                return Ok(());
            }
            let mut starts = Vec::new();
            for (i, (start, piece)) in split_by_id(entries, INLINE_MAX).into_iter().enumerate() {
                let start = if i == 0 { 0 } else { start };
                kv.insert(&chunk_key(head, start), encode(&piece))?;
                starts.push(start);
            }
            kv.insert(head, encode_dir(&starts))?;
        }
        Head::Chunked(mut starts) => {
            let mut by_chunk: BTreeMap<u64, Vec<&Edit>> = BTreeMap::new();
            for e in edits {
                let i = starts.partition_point(|s| *s <= e.id).saturating_sub(1);
                by_chunk
                    .entry(starts.get(i).copied().unwrap_or(0))
                    .or_default()
                    .push(e);
            }
            let mut dir_changed = false;
            for (start, edits) in by_chunk {
                let key = chunk_key(head, start);
                let mut entries = Entries::new();
                if let Some(v) = kv.get(&key)? {
                    decode_into(&v, &mut entries).ok_or_else(|| EditError::Corrupt(key.clone()))?;
                }
                apply(&mut entries, &edits);
                if entries.is_empty() && start != 0 {
                    kv.remove(&key)?;
                    starts.retain(|s| *s != start);
                    dir_changed = true;
                    continue;
                }
                let packed = encode(&entries);
                if packed.len() <= CHUNK_MAX {
                    kv.insert(&key, packed)?;
                    continue;
                }
                for (i, (s, piece)) in split_by_id(entries, CHUNK_MAX / 2).into_iter().enumerate() {
                    let s = if i == 0 { start } else { s };
                    kv.insert(&chunk_key(head, s), encode(&piece))?;
                    if i > 0 {
                        starts.push(s);
                        dir_changed = true;
                    }
                }
            }
            if dir_changed {
                starts.sort_unstable();
                kv.insert(head, encode_dir(&starts))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(town: u8) -> Posting {
        Posting { town, member: 1 }
    }

    #[test]
    fn encode_decode_round_trip() {
        let mut e = Entries::new();
        e.insert((b"".to_vec(), 5), p(1));
        e.insert((b"".to_vec(), 300), p(2));
        e.insert((b"ab".to_vec(), 7), p(3));
        let mut back = Entries::new();
        decode_into(&encode(&e), &mut back).expect("decodes");
        assert_eq!(back, e);
        assert!(decode_into(&[5, b'a'], &mut Entries::new()).is_none());
    }

    #[test]
    fn a_growing_bucket_is_chunked_and_reads_back_whole() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = sled::Config::new()
            .temporary(true)
            .path(dir.path())
            .open()
            .expect("db");
        let tree = db.open_tree("t").expect("tree");
        let head = b"\x01ab\x00".to_vec();
        let mut want = Entries::new();
        for round in 0..40u64 {
            let edits: Vec<Edit> = (0..100u64)
                .map(|i| Edit {
                    rest: vec![b'a' + (i % 3) as u8],
                    id: (i * 40 + round) * 7,
                    posting: Some(p((i % 9) as u8)),
                })
                .collect();
            for e in &edits {
                want.insert((e.rest.clone(), e.id), e.posting.expect("added"));
            }
            edit_bucket(&tree, &head, &edits).expect("edit");
        }
        // Remove a third of them again.
        let gone: Vec<Edit> = want
            .keys()
            .step_by(3)
            .map(|(rest, id)| Edit {
                rest: rest.clone(),
                id: *id,
                posting: None,
            })
            .collect();
        for e in &gone {
            want.remove(&(e.rest.clone(), e.id));
        }
        edit_bucket(&tree, &head, &gone).expect("remove");
        let mut got = Entries::new();
        let mut chunks = 0;
        for kv in tree.scan_prefix(&head) {
            let (k, v) = kv.expect("kv");
            if k.len() == head.len() {
                assert!(matches!(decode_head(&v), Some(Head::Chunked(_))));
            } else {
                chunks += 1;
                assert!(v.len() <= CHUNK_MAX, "chunk of {} bytes", v.len());
                decode_into(&v, &mut got).expect("chunk");
            }
        }
        assert!(chunks > 2, "{chunks} chunks");
        assert_eq!(got, want);
    }
}
