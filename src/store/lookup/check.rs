//! `check` and `check --repair` of the lookup index: its entries against what the
//! records call for, and the buckets to write again (laid out as a rebuild does).

use std::collections::BTreeMap;

use super::*;

/// What `check` and `check --repair` need of the lookup index: its entries against the
/// records', and per bucket that differs, the keys to remove and the ones to write.
pub(in crate::store) struct LookupCheck {
    pub missing: Vec<(Vec<u8>, Vec<u8>)>,
    pub wrong: Vec<(Vec<u8>, Vec<u8>)>,
    pub stray: Vec<Vec<u8>>,
    /// Entries in the index.
    pub present: u64,
    /// Keys of the buckets that differ, then those buckets as a rebuild writes them.
    pub remove: Vec<Vec<u8>>,
    pub write: Vec<(Vec<u8>, Vec<u8>)>,
}

/// An in-memory tree, to lay buckets out exactly as a rebuild does.
struct MemKv(std::cell::RefCell<BTreeMap<Vec<u8>, Vec<u8>>>);

impl Kv for MemKv {
    type Error = std::convert::Infallible;
    fn get(&self, key: &[u8]) -> Result<Option<sled::IVec>, Self::Error> {
        Ok(self
            .0
            .borrow()
            .get(key)
            .map(|v| sled::IVec::from(v.as_slice())))
    }
    fn insert(&self, key: &[u8], value: Vec<u8>) -> Result<(), Self::Error> {
        self.0.borrow_mut().insert(key.to_vec(), value);
        Ok(())
    }
    fn remove(&self, key: &[u8]) -> Result<(), Self::Error> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }
}

/// An entry as bytes for a finding: kind, term, 0, id → town, member.
fn entry_bytes(code: u8, term: &str, id: u64, p: Posting) -> (Vec<u8>, Vec<u8>) {
    let mut k = vec![code];
    k.extend_from_slice(term.as_bytes());
    k.push(0);
    k.extend_from_slice(&id.to_be_bytes());
    (k, vec![p.town, p.member])
}

fn head_of(code: u8, term: &str) -> Option<Vec<u8>> {
    let kind = KeyKind::from_code(code)?;
    Some(head_key(
        kind,
        &term[..char_index(term, bucket_chars(kind, term))],
    ))
}

impl Store {
    /// The index's entries against what the readable records call for (both held in
    /// memory), and how to repair the buckets that differ.
    pub(in crate::store) fn lookup_check(&self) -> Result<LookupCheck, StoreError> {
        let mut want = Logical::new();
        for kv in self.households.iter() {
            let (_, v) = kv?;
            if let Ok(h) = crate::store::envelope::decode::<Household>(&v) {
                want.extend(household_entries(&h));
            }
        }
        for kv in self.cases.iter() {
            let (_, v) = kv?;
            if let Ok(c) = crate::store::envelope::decode::<Case>(&v) {
                want.extend(case_entries(&c));
            }
        }
        let have = self.lookup_index_entries()?;
        let mut out = LookupCheck {
            missing: Vec::new(),
            wrong: Vec::new(),
            stray: Vec::new(),
            present: have.len() as u64,
            remove: Vec::new(),
            write: Vec::new(),
        };
        let mut heads = std::collections::BTreeSet::new();
        for ((code, term, id), p) in &want {
            match have.get(&(*code, term.clone(), *id)) {
                Some(q) if q == p => continue,
                Some(_) => out.wrong.push(entry_bytes(*code, term, *id, *p)),
                None => out.missing.push(entry_bytes(*code, term, *id, *p)),
            }
            heads.extend(head_of(*code, term));
        }
        for ((code, term, id), p) in &have {
            if !want.contains_key(&(*code, term.clone(), *id)) {
                out.stray.push(entry_bytes(*code, term, *id, *p).0);
                heads.extend(head_of(*code, term));
            }
        }
        // Unreadable keys, and chunks their bucket's directory does not list, are stray.
        let mut dir: Option<(Vec<u8>, Vec<u64>)> = None;
        for kv in self.idx_terms.iter() {
            let (k, v) = kv?;
            let ok = match split_key(&k) {
                Some((_, bucket, true)) => {
                    let head = k[..bucket.len() + 2].to_vec();
                    let start = k.get(head.len()..).and_then(crate::store::keys::read_u64);
                    let listed = dir.as_ref().is_some_and(|(h, starts)| {
                        *h == head && start.is_some_and(|s| starts.contains(&s))
                    });
                    listed && postings::decode_into(&v, &mut Default::default()).is_some()
                }
                Some((_, _, false)) => match postings::decode_head(&v) {
                    Some(postings::Head::Chunked(starts)) => {
                        dir = Some((k.to_vec(), starts));
                        true
                    }
                    Some(postings::Head::Inline(_)) => {
                        dir = None;
                        true
                    }
                    None => false,
                },
                None => false,
            };
            if !ok {
                out.stray.push(k.to_vec());
                match split_key(&k) {
                    Some((_, bucket, _)) => {
                        heads.insert(k[..bucket.len() + 2].to_vec());
                    }
                    None => out.remove.push(k.to_vec()),
                }
            }
        }
        let mut buckets: BTreeMap<Vec<u8>, Logical> = BTreeMap::new();
        for ((code, term, id), p) in want {
            if let Some(head) = head_of(code, &term).filter(|h| heads.contains(h)) {
                buckets.entry(head).or_default().insert((code, term, id), p);
            }
        }
        let mem = MemKv(Default::default());
        for head in &heads {
            for kv in self.idx_terms.scan_prefix(head) {
                out.remove.push(kv?.0.to_vec());
            }
            if let Some(bucket) = buckets.get(head) {
                if reindex(&mem, &Logical::new(), bucket).is_err() {
                    return Err(corrupt(head));
                }
            }
        }
        out.write = mem.0.into_inner().into_iter().collect();
        Ok(out)
    }
}
