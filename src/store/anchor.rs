//! The audit trail's anchor outside the store: signed checkpoints of the chain's head.
//!
//! The hash chain inside the store finds an edited or deleted entry, but someone who can
//! write the store's files can edit an entry and re-link every later one and the head, or
//! put back an older copy of the whole store; the chain is whole again either way. So
//! after every write the store appends a checkpoint (how many entries, the hash of the
//! last) to a file in another folder, signed with HMAC-SHA256 under a key kept beside it
//! (`audit.key`, made at first start, mode 0600). `check` then verifies every checkpoint
//! against the store: a rewritten or rolled-back trail no longer matches one it signed.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{keys, Store, StoreError};

/// HMAC-SHA256 (RFC 2104).
pub fn hmac(key: &[u8; 32], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    block[..32].copy_from_slice(key);
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner: [u8; 32] = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize()
        .into();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

fn folder_error(path: &Path, e: &std::io::Error) -> StoreError {
    StoreError::Corrupt(format!("audit anchor {}: {e}", path.display()))
}

/// The key and the checkpoint file of one store.
#[derive(Debug, Clone)]
pub struct Anchor {
    key: [u8; 32],
    store_id: String,
    /// `<folder>/<store id>.checkpoints`, one signed line per checkpoint, appended.
    pub log: PathBuf,
}

/// One line of the checkpoint file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checkpoint {
    pub entries: u64,
    pub head: [u8; 32],
}

impl Anchor {
    /// The anchor in `folder` for `store`, making the folder (0700) and the key (0600)
    /// on first use. The folder must not be inside the store's folder.
    pub fn open(folder: &Path, store: &Store) -> Result<Anchor, StoreError> {
        let inside = match (folder.canonicalize(), store.path().canonicalize()) {
            (Ok(f), Ok(s)) => f.starts_with(&s),
            _ => folder.starts_with(store.path()),
        };
        if inside {
            return Err(StoreError::Refused(format!(
                "审计锚点文件夹 {} 不能放在数据库文件夹里 / the audit anchor folder {} must be outside the store folder",
                folder.display(),
                folder.display()
            )));
        }
        make_private_dir(folder)?;
        let key = load_or_make_key(&folder.join("audit.key"))?;
        // One log per store and folder: a copy restored elsewhere starts its own, while an
        // older copy put back in the same place meets the checkpoints it fell behind.
        let at = store
            .path()
            .canonicalize()
            .unwrap_or_else(|_| store.path().to_path_buf());
        // Named by the store's place only: opening a store to check it writes nothing in it.
        let store_id = hex(&Sha256::digest(at.to_string_lossy().as_bytes())[..12]);
        Ok(Anchor {
            key,
            log: folder.join(format!("{store_id}.checkpoints")),
            store_id,
        })
    }

    fn mac(&self, c: Checkpoint) -> [u8; 32] {
        let mut message = b"safetynet audit checkpoint\0".to_vec();
        message.extend_from_slice(self.store_id.as_bytes());
        message.extend_from_slice(&c.entries.to_be_bytes());
        message.extend_from_slice(&c.head);
        hmac(&self.key, &message)
    }

    /// Append a signed checkpoint.
    pub fn append(&self, c: Checkpoint) -> Result<(), StoreError> {
        let line = format!("{} {} {}\n", c.entries, hex(&c.head), hex(&self.mac(c)));
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .map_err(|e| folder_error(&self.log, &e))?;
        file.write_all(line.as_bytes())
            .map_err(|e| folder_error(&self.log, &e))
    }

    /// Every checkpoint in the file, in order; `Err(line number)` for a line that is not
    /// one this key signed.
    pub fn read(&self) -> Result<Vec<Result<Checkpoint, usize>>, StoreError> {
        let text = match std::fs::read_to_string(&self.log) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(folder_error(&self.log, &e)),
        };
        Ok(text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                let mut parts = line.split(' ');
                let parsed = (|| {
                    let entries = parts.next()?.parse().ok()?;
                    let head = unhex(parts.next()?)?;
                    let mac = unhex(parts.next()?)?;
                    Some((Checkpoint { entries, head }, mac))
                })();
                match parsed {
                    Some((c, mac)) if mac == self.mac(c) => Ok(c),
                    _ => Err(i + 1),
                }
            })
            .collect())
    }
}

#[cfg(unix)]
fn make_private_dir(folder: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::DirBuilderExt;
    if folder.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
        .map_err(|e| folder_error(folder, &e))
}

#[cfg(not(unix))]
fn make_private_dir(folder: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(folder).map_err(|e| folder_error(folder, &e))
}

fn load_or_make_key(path: &Path) -> Result<[u8; 32], StoreError> {
    match std::fs::read(path) {
        Ok(bytes) => {
            restrict(path)?;
            <[u8; 32]>::try_from(bytes.as_slice()).map_err(|_| {
                StoreError::Corrupt(format!(
                    "审计密钥 {} 已损坏 / the audit key {} is damaged",
                    path.display(),
                    path.display()
                ))
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; 32];
            rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut key);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = match options.open(path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    // Another copy of the program made it this instant.
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    return load_or_make_key(path);
                }
                Err(e) => return Err(folder_error(path, &e)),
            };
            file.write_all(&key)
                .and_then(|()| file.sync_all())
                .map_err(|e| folder_error(path, &e))?;
            Ok(key)
        }
        Err(e) => Err(folder_error(path, &e)),
    }
}

/// A key file readable by others is put back to 0600 (and said in the log).
fn restrict(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| folder_error(path, &e))?;
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!("{} was readable by others; set to 0600", path.display());
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| folder_error(path, &e))?;
        }
    }
    let _ = path;
    Ok(())
}

/// What `check` found against the checkpoints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnchorReport {
    /// Checkpoints that match the store.
    pub verified: usize,
    /// Clerk-readable problems (Chinese, English); empty when the trail matches them all.
    pub problems: Vec<(String, String)>,
}

const STORE_ID: &[u8] = b"store/id";

impl Store {
    /// This store's random id, made at first use; an older copy of the store keeps it.
    pub fn store_id(&self) -> Result<String, StoreError> {
        if let Some(v) = self.meta.get(STORE_ID)? {
            return Ok(String::from_utf8_lossy(&v).into_owned());
        }
        let mut id = [0u8; 16];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut id);
        let id = hex(&id);
        // Two first openings at once: the first id written wins.
        let _ = self
            .meta
            .compare_and_swap(STORE_ID, None as Option<&[u8]>, Some(id.as_bytes()))?;
        self.meta.flush()?;
        Ok(self
            .meta
            .get(STORE_ID)?
            .map_or(id, |v| String::from_utf8_lossy(&v).into_owned()))
    }

    /// The trail's length and head as a checkpoint.
    fn head_checkpoint(&self) -> Result<Checkpoint, StoreError> {
        let (entries, head) = self.audit_head()?;
        Ok(Checkpoint { entries, head })
    }

    /// Sign the trail's head into the anchor from now on, and at once.
    pub fn anchor_to(&self, anchor: Anchor) -> Result<(), StoreError> {
        let head = self.head_checkpoint()?;
        anchor.append(head)?;
        if let Ok(mut slot) = self.anchor.lock() {
            *slot = Some((anchor, head.entries));
        }
        Ok(())
    }

    /// After a flush: a checkpoint when the trail has grown since the last one. A failure
    /// is logged, not returned: the write itself is already safely on disk.
    pub(super) fn checkpoint(&self) {
        let Ok(mut slot) = self.anchor.lock() else {
            return;
        };
        let Some((anchor, last)) = slot.as_mut() else {
            return;
        };
        match self.head_checkpoint() {
            Ok(head) if head.entries > *last => match anchor.append(head) {
                Ok(()) => *last = head.entries,
                Err(e) => tracing::error!("audit checkpoint not written: {e}"),
            },
            Ok(_) => {}
            Err(e) => tracing::error!("audit checkpoint not read: {e}"),
        }
    }

    /// Verify the trail against every checkpoint in the anchor: each must name an entry
    /// the store still holds, with the same hash. `None` when no anchor is attached.
    pub fn check_audit_anchor(&self) -> Result<Option<AnchorReport>, StoreError> {
        let anchor = match self.anchor.lock() {
            Ok(slot) => slot.as_ref().map(|(a, _)| a.clone()),
            Err(_) => None,
        };
        let Some(anchor) = anchor else {
            return Ok(None);
        };
        let now = self.head_checkpoint()?;
        let mut report = AnchorReport::default();
        let mut bad_lines = Vec::new();
        let mut first_mismatch: Option<Checkpoint> = None;
        let mut longest = 0u64;
        for c in anchor.read()? {
            let c = match c {
                Ok(c) => c,
                Err(line) => {
                    bad_lines.push(line);
                    continue;
                }
            };
            longest = longest.max(c.entries);
            let held = if c.entries == 0 {
                Some([0; 32])
            } else {
                self.audit
                    .get(keys::id(c.entries))?
                    .map(|b| Sha256::digest(&b).into())
            };
            if c.entries <= now.entries && held == Some(c.head) {
                report.verified += 1;
            } else if first_mismatch.is_none() && c.entries <= now.entries {
                first_mismatch = Some(c);
            }
        }
        if !bad_lines.is_empty() {
            let lines = bad_lines
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            report.problems.push((
                format!("审计检查点文件 {} 第 {lines} 行不是本机密钥签的（被改动）", anchor.log.display()),
                format!(
                    "line(s) {lines} of the audit checkpoint file {} were not signed with this key (altered)",
                    anchor.log.display()
                ),
            ));
        }
        if longest > now.entries {
            report.problems.push((
                format!(
                    "审计记录只有 {} 条，但检查点记录过 {longest} 条：数据库被换回了旧副本（回滚或从备份恢复）",
                    now.entries
                ),
                format!(
                    "the trail holds {} entries but a checkpoint saw {longest}: the store was put back to an older copy (rolled back or restored from a backup)",
                    now.entries
                ),
            ));
        }
        if let Some(c) = first_mismatch {
            report.problems.push((
                format!(
                    "审计记录第 {} 条与签名检查点不符：此前的记录被改写后重新衔接",
                    c.entries
                ),
                format!(
                    "audit entry {} differs from its signed checkpoint: the trail up to it was rewritten and re-linked",
                    c.entries
                ),
            ));
        }
        Ok(Some(report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2 (key "Jefe"), with the key zero-padded to 32 bytes as HMAC does.
        let mut key = [0u8; 32];
        key[..4].copy_from_slice(b"Jefe");
        assert_eq!(
            hex(&hmac(&key, b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
