//! Accounts in the store: one record per user name, saved with its audit entry in one
//! transaction. Failed sign-ins and lockouts are written the same way.

use sled::transaction::ConflictableTransactionError;
use sled::Transactional;

use super::audit::{append_in, AuditEntry};
use super::envelope::{decode, encode, Record};
use super::{Store, StoreError};
use crate::domain::account::Account;

impl Record for Account {
    const KIND: &'static str = "account";
    const VERSION: u16 = 1;
}

impl Store {
    fn accounts_tree(&self) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree("accounts")?)
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
        let _gate = self.write_gate();
        let saved = trees[..]
            .transaction(|t| {
                let [acc, meta, log, idx] = &t[..] else {
                    return Err(ConflictableTransactionError::Abort(StoreError::Corrupt(
                        "tree set".into(),
                    )));
                };
                let key = account.user.as_bytes();
                let current: Option<Account> = match acc.get(key)? {
                    Some(v) => Some(decode(&v).map_err(ConflictableTransactionError::Abort)?),
                    None => None,
                };
                let current_rev = current.as_ref().map_or(0, |a| a.rev);
                if current_rev != account.rev {
                    return Err(ConflictableTransactionError::Abort(StoreError::Stale {
                        what: format!("account {}", account.user),
                        by: "?".into(),
                    }));
                }
                let mut new = account.clone();
                new.rev += 1;
                acc.insert(
                    key,
                    encode(&new).map_err(ConflictableTransactionError::Abort)?,
                )?;
                append_in(meta, log, idx, &audit)?;
                Ok(new)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }
}
