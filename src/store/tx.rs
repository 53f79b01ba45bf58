//! Helpers for the closures of sled transactions, shared by every write in `store/`:
//! records in and out through the envelope, sequences, the last writer, and turning a
//! transaction's outcome back into a `StoreError`.

use sled::transaction::{
    ConflictableTransactionError, TransactionError, TransactionalTree, UnabortableTransactionError,
};

use super::envelope::{decode, encode, Record};
use super::{keys, StoreError};

pub(super) type Abort = ConflictableTransactionError<StoreError>;

pub(super) fn abort(e: StoreError) -> Abort {
    ConflictableTransactionError::Abort(e)
}

pub(super) fn get<T: Record>(t: &TransactionalTree, key: &[u8]) -> Result<Option<T>, Abort> {
    match t.get(key)? {
        Some(bytes) => decode(&bytes).map(Some).map_err(abort),
        None => Ok(None),
    }
}

pub(super) fn put<T: Record>(t: &TransactionalTree, key: &[u8], value: &T) -> Result<(), Abort> {
    t.insert(key, encode(value).map_err(abort)?)?;
    Ok(())
}

/// `n` numbers of a sequence kept in `meta`, reserved at once outside any transaction
/// (unique, never handed out again, even if the write that uses them fails). The same
/// layout as `next_seq`: the key holds the next number to hand out, starting at 1.
pub(super) fn reserve_seq(
    meta: &sled::Tree,
    key: &[u8],
    n: u64,
) -> Result<std::ops::Range<u64>, StoreError> {
    let next = meta.update_and_fetch(key, |old| {
        let first = old.and_then(keys::read_u64).unwrap_or(1);
        Some(keys::id(first.saturating_add(n)).to_vec())
    })?;
    let end = next.and_then(|v| keys::read_u64(&v)).unwrap_or(n + 1);
    Ok(end.saturating_sub(n)..end)
}

/// The next number of a sequence kept in `meta` (starting at 1), inside a transaction.
pub(super) fn next_seq(meta: &TransactionalTree, key: &[u8]) -> Result<u64, Abort> {
    let n = meta.get(key)?.and_then(|v| keys::read_u64(&v)).unwrap_or(1);
    meta.insert(key, &keys::id(n + 1))?;
    Ok(n)
}

/// Who last wrote `target`, for the stale-write message.
pub(super) fn writer(meta: &TransactionalTree, target: &str) -> Result<String, Abort> {
    Ok(meta
        .get(keys::meta_writer(target))?
        .map(|v| String::from_utf8_lossy(&v).into_owned())
        .unwrap_or_else(|| "?".into()))
}

/// A failed transaction as the store's own error.
pub(super) fn from_tx(e: TransactionError<StoreError>) -> StoreError {
    match e {
        TransactionError::Abort(e) => e,
        TransactionError::Storage(e) => e.into(),
    }
}

/// A record kept with a revision: every write says which revision it was read at.
pub(super) trait Revised: Record + Clone {
    fn rev(&self) -> u64;
    fn set_rev(&mut self, rev: u64);
}

macro_rules! revised {
    ($($t:ty),* $(,)?) => {$(
        impl Revised for $t {
            fn rev(&self) -> u64 {
                self.rev
            }
            fn set_rev(&mut self, rev: u64) {
                self.rev = rev;
            }
        }
    )*};
}

revised!(
    crate::domain::household::Household,
    crate::domain::case::Case,
    crate::domain::monitoring::Alert,
    crate::domain::referral::Referral,
    crate::domain::meeting::Meeting,
    crate::domain::account::Account,
    super::standards::StandardsDoc,
    crate::domain::spot_check::SpotCheck,
);

/// The one way a record is replaced inside a write transaction: read what is stored
/// under `key`; refuse if it was changed since `new` was read (naming who changed it,
/// as `by` finds them) or if `new` says it was read (revision above 0) and nothing is
/// stored; then write `new` with its revision bumped. Returns what was stored before
/// (`None` for a new record) and the record as written.
pub(super) fn replace<T: Revised>(
    tree: &TransactionalTree,
    key: &[u8],
    new: &T,
    what: &str,
    by: impl FnOnce(&T) -> Result<String, Abort>,
) -> Result<(Option<T>, T), Abort> {
    let old: Option<T> = get(tree, key)?;
    match &old {
        Some(old) if old.rev() != new.rev() => {
            return Err(abort(StoreError::Stale {
                what: what.to_string(),
                by: by(old)?,
            }))
        }
        None if new.rev() != 0 => return Err(abort(StoreError::NotFound(what.to_string()))),
        _ => {}
    }
    let mut written = new.clone();
    written.set_rev(new.rev() + 1);
    put(tree, key, &written)?;
    Ok((old, written))
}

/// A kept count (`idx/alert_open`, `idx/deadline_day`): inside a record's write, move one
/// from the key the stored record counted under to the key the new one counts under
/// (`None`: not counted). A count of 0 has no key.
pub(super) fn move_count<K: AsRef<[u8]> + PartialEq>(
    tree: &TransactionalTree,
    was: Option<K>,
    now: Option<K>,
) -> Result<(), UnabortableTransactionError> {
    if was == now {
        return Ok(());
    }
    if let Some(k) = was {
        add_count(tree, k.as_ref(), -1)?;
    }
    if let Some(k) = now {
        add_count(tree, k.as_ref(), 1)?;
    }
    Ok(())
}

fn add_count(
    tree: &TransactionalTree,
    k: &[u8],
    by: i64,
) -> Result<(), UnabortableTransactionError> {
    let n = tree.get(k)?.and_then(|v| keys::read_u64(&v)).unwrap_or(0);
    let n = u64::try_from(i64::try_from(n).unwrap_or(i64::MAX).saturating_add(by)).unwrap_or(0);
    if n == 0 {
        tree.remove(k)?;
    } else {
        tree.insert(k, &keys::id(n))?;
    }
    Ok(())
}
