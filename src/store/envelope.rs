//! Every stored value is wrapped: magic `SN`, a u16 schema version (big-endian), then the
//! bincode payload. A record written by a later release, or bytes that are not ours, are
//! refused with a clear error rather than misread.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::StoreError;

pub const MAGIC: [u8; 2] = *b"SN";

/// A value kept in the store, with the schema version its bytes follow.
pub trait Record: Serialize + DeserializeOwned {
    /// What the record is, for error messages.
    const KIND: &'static str;
    /// Bump on any change to the serialised shape, and add a migration for the old one.
    const VERSION: u16;

    /// Read a payload written under an older `version` (the bincode after the header);
    /// `None` when this kind has no such version.
    fn decode_old(version: u16, payload: &[u8]) -> Option<Result<Self, StoreError>> {
        let _ = (version, payload);
        None
    }
}

/// Decode a bincode payload as `T` (for migrations of old versions).
pub fn payload<T: DeserializeOwned>(kind: &str, bytes: &[u8]) -> Result<T, StoreError> {
    let (value, _) = bincode::serde::decode_from_slice(bytes, config())
        .map_err(|e| StoreError::Corrupt(format!("{kind}: {e}")))?;
    Ok(value)
}

fn config() -> bincode::config::Configuration {
    bincode::config::standard()
}

pub fn encode<T: Record>(value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = Vec::with_capacity(64);
    out.extend_from_slice(&MAGIC);
    out.extend_from_slice(&T::VERSION.to_be_bytes());
    bincode::serde::encode_into_std_write(value, &mut out, config())
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", T::KIND)))?;
    Ok(out)
}

pub fn decode<T: Record>(bytes: &[u8]) -> Result<T, StoreError> {
    if bytes.len() < 4 || bytes[..2] != MAGIC {
        return Err(StoreError::Corrupt(format!(
            "{}: not a safetynet record",
            T::KIND
        )));
    }
    let version = u16::from_be_bytes([bytes[2], bytes[3]]);
    if version < T::VERSION {
        if let Some(old) = T::decode_old(version, &bytes[4..]) {
            return old;
        }
    }
    if version != T::VERSION {
        return Err(StoreError::UnsupportedVersion {
            kind: T::KIND,
            found: version,
            supported: T::VERSION,
        });
    }
    let (value, _) = bincode::serde::decode_from_slice(&bytes[4..], config())
        .map_err(|e| StoreError::Corrupt(format!("{}: {e}", T::KIND)))?;
    Ok(value)
}
