//! Drafts (草稿): a clerk's unfinished forms, one sled tree keyed by user and draft id.
//! A draft is written and flushed on every committed field, so killing the program loses
//! at most the field being typed. Drafts are per-user scratch, not records: writing one
//! is a single-key insert (atomic in sled) plus a flush; creating and discarding one are
//! audited by the app layer.

use super::envelope::{decode, encode, Record};
use super::{keys, Store, StoreError};

pub(super) const TREE: &str = "drafts";

fn key(user: &str, id: u64) -> Vec<u8> {
    let mut k = prefix(user);
    k.extend_from_slice(&keys::id(id));
    k
}

fn prefix(user: &str) -> Vec<u8> {
    let mut k = user.as_bytes().to_vec();
    k.push(0);
    k
}

impl Store {
    fn drafts_tree(&self) -> Result<sled::Tree, StoreError> {
        self.named(TREE)
    }

    /// Write `user`'s draft `id` and flush it to disk.
    pub fn put_draft<T: Record>(&self, user: &str, id: u64, draft: &T) -> Result<(), StoreError> {
        let _gate = self.write_gate()?;
        self.drafts_tree()?.insert(key(user, id), encode(draft)?)?;
        self.flush()
    }

    pub fn draft<T: Record>(&self, user: &str, id: u64) -> Result<Option<T>, StoreError> {
        self.drafts_tree()?
            .get(key(user, id))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// `user`'s drafts, oldest first.
    pub fn drafts<T: Record>(&self, user: &str) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for kv in self.drafts_tree()?.scan_prefix(prefix(user)) {
            let (_, v) = kv?;
            out.push(decode(&v)?);
        }
        Ok(out)
    }

    /// Remove a draft (submitted or discarded) and flush.
    pub fn remove_draft(&self, user: &str, id: u64) -> Result<(), StoreError> {
        let _gate = self.write_gate()?;
        self.drafts_tree()?.remove(key(user, id))?;
        self.flush()
    }
}
