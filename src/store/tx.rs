//! Helpers for the closures of sled transactions, shared by every write in `store/`:
//! records in and out through the envelope, sequences, the last writer, and turning a
//! transaction's outcome back into a `StoreError`.

use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

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

/// The next number of a sequence kept in `meta` (starting at 1).
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
