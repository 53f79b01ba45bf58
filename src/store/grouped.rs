//! Trees whose logical entries (key → value) are kept several to a sled key (issue 16:
//! sled costs ~100 bytes of disk and a resident page-table entry per key, whatever its
//! size). The physical key is the logical key's first [`Grouped::prefix`] bytes (all of
//! it when shorter), the last of them masked by [`Grouped::mask`] (so a group can be an
//! id's high bits: `>> 12` is 7 bytes and a mask of `0xF0` on the 8th, whose whole byte
//! then begins the rest); its value the group's entries, sorted by the rest of the key:
//! a tag byte, then per entry the rest's length and bytes and the value's length and
//! bytes (lengths as varints). Logical key order is kept: groups sort as their keys do,
//! and entries within a group by the rest.
//!
//! One API over logical entries — [`Grouped::get`], [`Grouped::insert`],
//! [`Grouped::remove`] on anything that is [`Kv`] (a transaction's tree or a plain
//! tree), [`Grouped::scan_prefix`] on a plain tree in both directions, [`Pending`] for
//! the bulk loader and rebuilds, and [`Grouped::physical`] for `check`, which compares
//! groups (what the records call for, grouped the same way) with the tree.

use std::collections::{BTreeMap, VecDeque};

use sled::transaction::UnabortableTransactionError;

use super::lookup::Entries;
pub use super::postings::Kv;
use super::postings::{get_varint, put_varint};
use super::StoreError;

const TAG: u8 = 0;

/// How one tree groups its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grouped {
    /// Bytes of the logical key that name its group.
    pub prefix: usize,
    /// The bits of the prefix's last byte that name the group (`0xFF`: all of it).
    pub mask: u8,
}

/// A grouped tree's failure: the store's, or a group value that does not decode.
#[derive(Debug)]
pub enum Error<E> {
    Kv(E),
    Corrupt,
}

impl<E> From<E> for Error<E> {
    fn from(e: E) -> Self {
        Error::Kv(e)
    }
}

impl From<Error<sled::Error>> for StoreError {
    fn from(e: Error<sled::Error>) -> Self {
        match e {
            Error::Kv(e) => e.into(),
            Error::Corrupt => StoreError::Corrupt("grouped index value".into()),
        }
    }
}

/// Inside a write transaction.
pub(super) fn tx_err(e: Error<UnabortableTransactionError>) -> super::tx::Abort {
    match e {
        Error::Kv(e) => e.into(),
        Error::Corrupt => super::tx::abort(StoreError::Corrupt("grouped index value".into())),
    }
}

fn take<'a>(bytes: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let n = usize::try_from(get_varint(bytes, at)?).ok()?;
    let out = bytes.get(*at..at.checked_add(n)?)?;
    *at += n;
    Some(out)
}

/// One logical entry, or one entry of a group: key (or rest of it), value.
type Entry = (Vec<u8>, Vec<u8>);
/// Changes to one group: rest of the key, new value (`None` removes it).
type Edits<'a> = Vec<(&'a [u8], Option<&'a [u8]>)>;

/// One group's entries: rest of the key → value.
pub type Group = BTreeMap<Vec<u8>, Vec<u8>>;

/// A group's value (entries in order).
pub fn encode<'a>(entries: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> Vec<u8> {
    let mut out = vec![TAG];
    for (rest, value) in entries {
        put_varint(&mut out, rest.len() as u64);
        out.extend_from_slice(rest);
        put_varint(&mut out, value.len() as u64);
        out.extend_from_slice(value);
    }
    out
}

/// A group's entries; `None` when the bytes are not a group.
pub fn decode(bytes: &[u8]) -> Option<Vec<Entry>> {
    let mut out = Vec::new();
    for_each(bytes, |rest, value| {
        out.push((rest.to_vec(), value.to_vec()));
        true
    })?;
    Some(out)
}

/// Give a group's entries (rest of key, value) as they lie in its bytes, nothing copied,
/// until `each` says stop; `None` when the bytes are not a group. The read path: a
/// lookup hit reads one entry of a group of dozens.
fn for_each<'a>(bytes: &'a [u8], mut each: impl FnMut(&'a [u8], &'a [u8]) -> bool) -> Option<()> {
    if bytes.first() != Some(&TAG) {
        return None;
    }
    let mut at = 1;
    while at < bytes.len() {
        let rest = take(bytes, &mut at)?;
        let value = take(bytes, &mut at)?;
        if !each(rest, value) {
            break;
        }
    }
    Some(())
}

impl Grouped {
    /// Whether the group's last byte is masked (and so begins the rest too).
    fn masked(&self, group_len: usize) -> bool {
        self.mask != 0xFF && self.prefix > 0 && group_len == self.prefix
    }

    /// The logical key's group and the rest.
    pub fn split<'a>(&self, key: &'a [u8]) -> (Vec<u8>, &'a [u8]) {
        let n = self.prefix.min(key.len());
        if !self.masked(n) {
            let (g, r) = key.split_at(n);
            return (g.to_vec(), r);
        }
        let mut group = key[..n].to_vec();
        group[n - 1] &= self.mask;
        (group, &key[n - 1..])
    }

    /// The logical key of a group's entry.
    fn join(&self, group: &[u8], rest: &[u8]) -> Vec<u8> {
        let keep = match self.masked(group.len()) {
            true => group.len() - 1,
            false => group.len(),
        };
        let mut key = Vec::with_capacity(keep + rest.len());
        key.extend_from_slice(&group[..keep]);
        key.extend_from_slice(rest);
        key
    }

    fn read<K: Kv>(&self, kv: &K, group: &[u8]) -> Result<Group, Error<K::Error>> {
        match kv.get(group)? {
            Some(v) => Ok(decode(&v).ok_or(Error::Corrupt)?.into_iter().collect()),
            None => Ok(Group::new()),
        }
    }

    fn write<K: Kv>(&self, kv: &K, group: &[u8], entries: &Group) -> Result<(), Error<K::Error>> {
        if entries.is_empty() {
            kv.remove(group)?;
        } else {
            let value = encode(entries.iter().map(|(r, v)| (r.as_slice(), v.as_slice())));
            kv.insert(group, value)?;
        }
        Ok(())
    }

    /// The value of a logical key.
    pub fn get<K: Kv>(&self, kv: &K, key: &[u8]) -> Result<Option<Vec<u8>>, Error<K::Error>> {
        let (group, rest) = self.split(key);
        let Some(bytes) = kv.get(&group)? else {
            return Ok(None);
        };
        let mut found = None;
        for_each(&bytes, |r, v| {
            if r == rest {
                found = Some(v.to_vec());
                return false;
            }
            true
        })
        .ok_or(Error::Corrupt)?;
        Ok(found)
    }

    /// Put a logical entry (its group rewritten only when it changes).
    #[cfg_attr(not(test), allow(dead_code))] // used by the trees grouped next
    pub fn insert<K: Kv>(&self, kv: &K, key: &[u8], value: &[u8]) -> Result<(), Error<K::Error>> {
        let (group, rest) = self.split(key);
        let mut entries = self.read(kv, &group)?;
        if entries.get(rest).map(Vec::as_slice) == Some(value) {
            return Ok(());
        }
        entries.insert(rest.to_vec(), value.to_vec());
        self.write(kv, &group, &entries)
    }

    /// Remove a logical entry; the group's key goes with its last entry.
    #[cfg_attr(not(test), allow(dead_code))] // used by the trees grouped next
    pub fn remove<K: Kv>(&self, kv: &K, key: &[u8]) -> Result<(), Error<K::Error>> {
        let (group, rest) = self.split(key);
        let mut entries = self.read(kv, &group)?;
        if entries.remove(rest).is_some() {
            self.write(kv, &group, &entries)?;
        }
        Ok(())
    }

    /// Replace the logical entries `old` by `new`, each group read and written once.
    pub fn reindex<K: Kv>(
        &self,
        kv: &K,
        old: &Entries,
        new: &Entries,
    ) -> Result<(), Error<K::Error>> {
        let mut edits: BTreeMap<Vec<u8>, Edits> = BTreeMap::new();
        for k in old.keys().filter(|k| !new.contains_key(*k)) {
            let (g, r) = self.split(k);
            edits.entry(g).or_default().push((r, None));
        }
        for (k, v) in new.iter().filter(|(k, v)| old.get(*k) != Some(v)) {
            let (g, r) = self.split(k);
            edits.entry(g).or_default().push((r, Some(v.as_slice())));
        }
        for (group, edits) in edits {
            let mut entries = self.read(kv, &group)?;
            for (rest, value) in edits {
                match value {
                    Some(v) => entries.insert(rest.to_vec(), v.to_vec()),
                    None => entries.remove(rest),
                };
            }
            self.write(kv, &group, &entries)?;
        }
        Ok(())
    }

    /// The logical entries under `prefix`, in key order (both ends).
    #[cfg_attr(not(test), allow(dead_code))] // used by the trees grouped next
    pub fn scan_prefix(&self, tree: &sled::Tree, prefix: &[u8]) -> Scan {
        // A prefix shorter than a group is a prefix of its groups' keys as it is.
        let group = match prefix.len() < self.prefix {
            true => prefix.to_vec(),
            false => self.split(prefix).0,
        };
        let mut scan = Scan {
            grouped: *self,
            prefix: prefix.to_vec(),
            iter: None,
            front: VecDeque::new(),
            back: VecDeque::new(),
            failed: None,
        };
        if prefix.len() < self.prefix {
            scan.iter = Some(tree.scan_prefix(group));
            return scan;
        }
        // The prefix names one group: one read of it, not an iterator over sled's tree
        // (a household's cases, a case's list row).
        let read = tree
            .get(&group)
            .map(|v| v.map(|v| (sled::IVec::from(group), v)));
        match scan.expand(read.transpose()) {
            Some(Ok(entries)) => scan.front = entries,
            Some(Err(e)) => scan.failed = Some(e),
            None => {}
        }
        scan
    }

    /// Logical entries grouped into the physical keys and values a tree should hold.
    pub fn physical(&self, logical: Entries) -> Entries {
        let mut groups: BTreeMap<Vec<u8>, Vec<Entry>> = BTreeMap::new();
        for (k, v) in logical {
            let (g, r) = self.split(&k);
            groups.entry(g).or_default().push((r.to_vec(), v));
        }
        groups
            .into_iter()
            .map(|(g, e)| {
                (
                    g,
                    encode(e.iter().map(|(r, v)| (r.as_slice(), v.as_slice()))),
                )
            })
            .collect()
    }

    /// Every logical entry of a tree, in key order (for tests and `check`).
    #[cfg_attr(not(test), allow(dead_code))] // used by the trees grouped next
    pub fn logical(&self, tree: &sled::Tree) -> Result<Entries, StoreError> {
        self.scan_prefix(tree, &[]).collect()
    }
}

/// A logical prefix scan: groups read from sled in order, their entries handed out one
/// by one from either end.
#[cfg_attr(not(test), allow(dead_code))] // used by the trees grouped next
pub struct Scan {
    grouped: Grouped,
    prefix: Vec<u8>,
    /// Over the groups under the prefix; `None` when the prefix names one group, read
    /// whole into `front` when the scan began.
    iter: Option<sled::Iter>,
    front: VecDeque<Entry>,
    back: VecDeque<Entry>,
    /// That one read's failure, given as the scan's first item.
    failed: Option<StoreError>,
}

#[cfg_attr(not(test), allow(dead_code))]
impl Scan {
    /// A group's entries under the prefix, as logical keys.
    fn expand(
        &self,
        kv: Option<sled::Result<(sled::IVec, sled::IVec)>>,
    ) -> Option<Result<VecDeque<Entry>, StoreError>> {
        let (group, value) = match kv? {
            Ok(kv) => kv,
            Err(e) => return Some(Err(e.into())),
        };
        // The logical key is the group's kept part and the rest: whether it begins with
        // the prefix is known before anything is copied.
        let keep = match self.grouped.masked(group.len()) {
            true => group.len() - 1,
            false => group.len(),
        };
        let kept = &group[..keep];
        let shared = self.prefix.len().min(keep);
        let mut out = VecDeque::new();
        if kept[..shared] != self.prefix[..shared] {
            return Some(Ok(out));
        }
        let after = &self.prefix[shared..];
        let read = for_each(&value, |rest, v| {
            if rest.starts_with(after) {
                out.push_back((self.grouped.join(&group, rest), v.to_vec()));
            }
            true
        });
        match read {
            Some(()) => Some(Ok(out)),
            None => Some(Err(Error::<sled::Error>::Corrupt.into())),
        }
    }
}

impl Iterator for Scan {
    type Item = Result<Entry, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            return Some(Err(e));
        }
        loop {
            if let Some(e) = self.front.pop_front() {
                return Some(Ok(e));
            }
            let next = self.iter.as_mut().and_then(Iterator::next);
            if next.is_none() {
                return self.back.pop_front().map(Ok);
            }
            match self.expand(next)? {
                Ok(entries) => self.front = entries,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl DoubleEndedIterator for Scan {
    fn next_back(&mut self) -> Option<Self::Item> {
        if let Some(e) = self.failed.take() {
            return Some(Err(e));
        }
        loop {
            if let Some(e) = self.back.pop_back() {
                return Some(Ok(e));
            }
            let next = self.iter.as_mut().and_then(DoubleEndedIterator::next_back);
            if next.is_none() {
                return self.front.pop_back().map(Ok);
            }
            match self.expand(next)? {
                Ok(entries) => self.back = entries,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// Logical entries waiting to be written to a grouped tree by the bulk loader or a
/// rebuild: each group is merged with what the tree already holds of it.
#[derive(Default)]
pub struct Pending(Entries);

impl Pending {
    pub fn insert(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) {
        self.0
            .insert(key.as_ref().to_vec(), value.as_ref().to_vec());
    }

    /// Plain inserts in key order, one per group (see `bulk::Pending::write`).
    pub fn write(self, grouped: Grouped, tree: &sled::Tree) -> Result<(), StoreError> {
        for (group, value) in grouped.physical(self.0) {
            let value = match tree.get(&group)? {
                None => value,
                Some(old) => {
                    let mut merged: Group = decode(&old)
                        .ok_or(Error::<sled::Error>::Corrupt)?
                        .into_iter()
                        .collect();
                    merged.extend(decode(&value).unwrap_or_default());
                    encode(merged.iter().map(|(r, v)| (r.as_slice(), v.as_slice())))
                }
            };
            tree.insert(group, value)?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "grouped_tests.rs"]
mod tests;
