//! Accounts in the store: one record per user name, saved with its audit entry in one
//! transaction. Failed sign-ins and lockouts are written the same way.

use sled::transaction::ConflictableTransactionError;
use sled::Transactional;

use super::audit::{append_in, AuditEntry};
use super::envelope::{decode, Record};
use super::tx::replace;
use super::{Store, StoreError};
use crate::domain::account::Account;

impl Record for Account {
    const KIND: &'static str = "account";
    const VERSION: u16 = 1;
}

impl Store {
    fn accounts_tree(&self) -> Result<sled::Tree, StoreError> {
        self.named("accounts")
    }

    pub fn account(&self, user: &str) -> Result<Option<Account>, StoreError> {
        self.accounts_tree()?
            .get(user.as_bytes())?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Every account, by user name.
    pub fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let mut out = Vec::new();
        for kv in self.accounts_tree()?.iter() {
            let (_, v) = kv?;
            out.push(decode(&v)?);
        }
        Ok(out)
    }

    /// Write an account read at `account.rev` (0 = new), with its audit entry, and flush.
    pub fn save_account(&self, account: Account, audit: AuditEntry) -> Result<Account, StoreError> {
        let accounts = self.accounts_tree()?;
        let trees = [&accounts, &self.meta, &self.audit, &self.idx_audit_target];
        let _gate = self.write_gate()?;
        let saved = trees[..]
            .transaction(|t| {
                let [acc, meta, log, idx] = &t[..] else {
                    return Err(ConflictableTransactionError::Abort(StoreError::Corrupt(
                        "tree set".into(),
                    )));
                };
                let what = format!("account {}", account.user);
                let (_, new) = replace(acc, account.user.as_bytes(), &account, &what, |_| {
                    Ok("?".into())
                })?;
                append_in(meta, log, idx, &audit)?;
                Ok(new)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }
}

/// Set once, when a store is created as a demo: its accounts may be signed in without a
/// password and `--today` may move its clock. Never set on an existing store.
const META_DEMO: &[u8] = b"store/demo";

impl Store {
    /// Mark a store nobody has worked in (no account; no audit entry but the generator's)
    /// as a demo, with an audit entry saying so, in one transaction; refused on any store
    /// that has been used.
    pub fn mark_demo(&self, audit: AuditEntry) -> Result<(), StoreError> {
        let untouched = self.is_untouched()?;
        let trees = [&self.meta, &self.audit, &self.idx_audit_target];
        trees[..]
            .transaction(|t| {
                let [meta, log, idx] = &t[..] else {
                    return Err(ConflictableTransactionError::Abort(StoreError::Corrupt(
                        "tree set".into(),
                    )));
                };
                if !untouched {
                    return Err(ConflictableTransactionError::Abort(StoreError::Refused(
                        "this store is in use; only a new store can become a demo".into(),
                    )));
                }
                meta.insert(META_DEMO, &[1u8])?;
                append_in(meta, log, idx, &audit)?;
                Ok(())
            })
            .map_err(super::tx::from_tx)?;
        self.flush()
    }

    /// Whether this store was created as a demo (the marker, not its folder's name).
    pub fn is_demo(&self) -> Result<bool, StoreError> {
        Ok(self.meta.get(META_DEMO)?.is_some())
    }

    /// Whether nobody has worked in this store: no account, and no audit entry but the
    /// synthetic district's generation (`store.generate`).
    pub fn is_untouched(&self) -> Result<bool, StoreError> {
        if !self.accounts()?.is_empty() {
            return Ok(false);
        }
        for e in self.audit_trail() {
            if e?.action != "store.generate" {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
