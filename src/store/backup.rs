//! Backup and restore: one file holding every tree of the store, versioned and
//! checksummed, taken while the store is open and in use.
//!
//! Layout: `SNBACKUP`, format version (u16 BE), then a JSON header (length u32 BE);
//! per tree a `1` byte, its name (u16 BE length) and its entries, each a `2` byte, key
//! and value (u32 BE lengths); a `0` byte; a JSON trailer (u32 BE length) with the
//! entries per tree and the audit chain's head; then the SHA-256 of everything before.
//!
//! Consistency: every write transaction holds the store's write gate shared; the export
//! holds it exclusively, so writes wait (they are not refused) while the trees are read
//! and the file holds one state of every tree. It is written to `FILE.partial` and
//! renamed at the end, so a backup file is whole or absent.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{keys, store_exists, Store, StoreError};

const MAGIC: &[u8; 8] = b"SNBACKUP";
/// The backup format this program writes and reads.
pub const FORMAT: u16 = 1;

/// What a backup holds, from its header and trailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSummary {
    pub format: u16,
    pub created: String,
    pub program: String,
    /// Entries per tree.
    pub trees: Vec<(String, u64)>,
    /// SHA-256 of each tree's entries (hex), in the order of `trees`: a restored store's
    /// [`Store::tree_digests`] equal these when every record came back as it was.
    pub digests: Vec<String>,
    pub audit_entries: u64,
    /// SHA-256 of the last audit entry (hex): a later store whose trail does not contain
    /// this head has been rolled back or rewritten.
    pub audit_head: String,
}

#[derive(Serialize, Deserialize)]
struct Header {
    created: String,
    program: String,
}

#[derive(Serialize, Deserialize)]
struct Trailer {
    trees: Vec<(String, u64)>,
    digests: Vec<String>,
    audit_entries: u64,
    audit_head: String,
}

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |e| {
        if super::open::disk_full(&e) {
            StoreError::DiskFull
        } else {
            StoreError::Folder {
                path: path.to_path_buf(),
                error: e.to_string(),
            }
        }
    }
}

fn damaged(path: &Path, why: &str) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        why: why.to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes through a SHA-256 of everything written.
struct Hashing<W: Write> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn entry_digest(hash: &mut Sha256, k: &[u8], v: &[u8]) {
    hash.update((k.len() as u32).to_be_bytes());
    hash.update(k);
    hash.update((v.len() as u32).to_be_bytes());
    hash.update(v);
}

fn put_bytes(w: &mut impl Write, b: &[u8]) -> std::io::Result<()> {
    w.write_all(&(b.len() as u32).to_be_bytes())?;
    w.write_all(b)
}

fn put_json<T: Serialize>(w: &mut impl Write, value: &T) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    put_bytes(w, &bytes)
}

impl Store {
    /// The audit trail's length and the hash of its last entry (the chain's head).
    pub fn audit_head(&self) -> Result<(u64, [u8; 32]), StoreError> {
        let n = self
            .meta
            .get(keys::META_NEXT_AUDIT)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(1)
            - 1;
        let head = match self.audit.last()? {
            Some((_, v)) => Sha256::digest(&v).into(),
            None => [0; 32],
        };
        Ok((n, head))
    }

    /// Write a backup of the whole store to `out` (a new file) while the store stays in
    /// use. Refuses to overwrite a file.
    pub fn backup_to(&self, out: &Path, created: &str) -> Result<BackupSummary, StoreError> {
        if out.exists() {
            return Err(StoreError::Refused(format!(
                "{} 已存在，不会覆盖；请换一个文件名 / {} exists and is not overwritten; choose another file name",
                out.display(),
                out.display()
            )));
        }
        let partial = PathBuf::from(format!("{}.partial", out.display()));
        // Writes wait while the trees are read: one consistent state of all of them.
        let result = {
            let _all = self.gate.write().unwrap_or_else(|p| p.into_inner());
            self.audit_head()
                .and_then(|head| self.export(&partial, created, head))
        };
        let trailer = match result {
            Ok(t) => t,
            Err(e) => {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        std::fs::rename(&partial, out).map_err(file_error(out))?;
        Ok(BackupSummary {
            format: FORMAT,
            created: created.to_string(),
            program: env!("CARGO_PKG_VERSION").to_string(),
            trees: trailer.trees,
            digests: trailer.digests,
            audit_entries: trailer.audit_entries,
            audit_head: trailer.audit_head,
        })
    }

    /// Every tree with its entry count and the SHA-256 of its entries, in name order.
    pub fn tree_digests(&self) -> Result<Vec<(String, u64, String)>, StoreError> {
        let mut names = self.db.tree_names();
        names.sort();
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let mut hash = Sha256::new();
            let mut n = 0u64;
            for kv in self.db.open_tree(&name)?.iter() {
                let (k, v) = kv?;
                entry_digest(&mut hash, &k, &v);
                n += 1;
            }
            out.push((
                String::from_utf8_lossy(&name).into_owned(),
                n,
                hex(&hash.finalize()),
            ));
        }
        Ok(out)
    }

    fn export(
        &self,
        file: &Path,
        created: &str,
        (audit_entries, head): (u64, [u8; 32]),
    ) -> Result<Trailer, StoreError> {
        let io = file_error(file);
        let f = File::create(file).map_err(&io)?;
        let mut w = Hashing {
            inner: BufWriter::new(f),
            hash: Sha256::new(),
        };
        w.write_all(MAGIC).map_err(&io)?;
        w.write_all(&FORMAT.to_be_bytes()).map_err(&io)?;
        let header = Header {
            created: created.to_string(),
            program: env!("CARGO_PKG_VERSION").to_string(),
        };
        put_json(&mut w, &header).map_err(&io)?;
        let mut trees = Vec::new();
        let mut digests = Vec::new();
        let mut names: Vec<_> = self.db.tree_names();
        names.sort();
        for name in names {
            let tree = self.db.open_tree(&name)?;
            w.write_all(&[1]).map_err(&io)?;
            w.write_all(&(name.len() as u16).to_be_bytes())
                .map_err(&io)?;
            w.write_all(&name).map_err(&io)?;
            let mut n = 0u64;
            let mut hash = Sha256::new();
            for kv in tree.iter() {
                let (k, v) = kv?;
                w.write_all(&[2]).map_err(&io)?;
                put_bytes(&mut w, &k).map_err(&io)?;
                put_bytes(&mut w, &v).map_err(&io)?;
                entry_digest(&mut hash, &k, &v);
                n += 1;
            }
            trees.push((String::from_utf8_lossy(&name).into_owned(), n));
            digests.push(hex(&hash.finalize()));
        }
        w.write_all(&[0]).map_err(&io)?;
        let trailer = Trailer {
            trees,
            digests,
            audit_entries,
            audit_head: hex(&head),
        };
        put_json(&mut w, &trailer).map_err(&io)?;
        let digest: [u8; 32] = w.hash.finalize_reset().into();
        let mut inner = w.inner.into_inner().map_err(|e| io(e.into_error()))?;
        inner.write_all(&digest).map_err(&io)?;
        inner.sync_all().map_err(&io)?;
        Ok(trailer)
    }
}

/// Reads a backup, checking its checksum as it goes.
struct Reader<R: Read> {
    inner: R,
    hash: Sha256,
}

impl<R: Read> Reader<R> {
    fn exact(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0; n];
        self.inner.read_exact(&mut buf)?;
        self.hash.update(&buf);
        Ok(buf)
    }
    fn u32(&mut self) -> std::io::Result<usize> {
        let b = self.exact(4)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn bytes(&mut self) -> std::io::Result<Vec<u8>> {
        let n = self.u32()?;
        if n > 1 << 30 {
            return Err(std::io::Error::other("a length beyond any record"));
        }
        self.exact(n)
    }
}

/// Read `file` through, handing every (tree, key, value) to `each`, and verify the
/// checksum at the end. `each` sees the entries before the checksum is known: callers
/// write into a folder that is thrown away unless this returns `Ok`.
fn read_backup(
    file: &Path,
    mut each: impl FnMut(&[u8], Vec<u8>, Vec<u8>) -> Result<(), StoreError>,
) -> Result<BackupSummary, StoreError> {
    let bad = |why: &str| damaged(file, why);
    let truncated = |_: std::io::Error| bad("the file ends early (incomplete or damaged)");
    let f = File::open(file).map_err(file_error(file))?;
    let mut r = Reader {
        inner: BufReader::new(f),
        hash: Sha256::new(),
    };
    if r.exact(8).map_err(truncated)? != MAGIC {
        return Err(bad("this is not a safetynet backup"));
    }
    let v = r.exact(2).map_err(truncated)?;
    let format = u16::from_be_bytes([v[0], v[1]]);
    if format != FORMAT {
        return Err(StoreError::UnsupportedVersion {
            kind: "backup",
            found: format,
            supported: FORMAT,
        });
    }
    let header: Header = serde_json::from_slice(&r.bytes().map_err(truncated)?)
        .map_err(|_| bad("its header does not read"))?;
    let mut tree: Vec<u8> = Vec::new();
    loop {
        match r.exact(1).map_err(truncated)?[0] {
            0 => break,
            1 => {
                let n = r.exact(2).map_err(truncated)?;
                tree = r
                    .exact(usize::from(u16::from_be_bytes([n[0], n[1]])))
                    .map_err(truncated)?;
            }
            2 => {
                let k = r.bytes().map_err(truncated)?;
                let v = r.bytes().map_err(truncated)?;
                each(&tree, k, v)?;
            }
            _ => return Err(bad("its contents do not read (damaged)")),
        }
    }
    let trailer: Trailer = serde_json::from_slice(&r.bytes().map_err(truncated)?)
        .map_err(|_| bad("its trailer does not read"))?;
    let computed: [u8; 32] = r.hash.finalize_reset().into();
    let mut stored = [0u8; 32];
    r.inner.read_exact(&mut stored).map_err(truncated)?;
    if computed != stored {
        return Err(bad(
            "its checksum does not match (the file was changed or damaged)",
        ));
    }
    Ok(BackupSummary {
        format,
        created: header.created,
        program: header.program,
        trees: trailer.trees,
        digests: trailer.digests,
        audit_entries: trailer.audit_entries,
        audit_head: trailer.audit_head,
    })
}

/// Verify a backup file without restoring it.
pub fn verify(file: &Path) -> Result<BackupSummary, StoreError> {
    read_backup(file, |_, _, _| Ok(()))
}

/// Restore `file` into a new store at `target`: written into `TARGET.restoring`, checked
/// against the checksum, flushed, then renamed into place. Refuses a target that holds a
/// store or any file.
pub fn restore(file: &Path, target: &Path) -> Result<BackupSummary, StoreError> {
    let occupied = store_exists(target)
        || (target.is_dir()
            && std::fs::read_dir(target)
                .map_err(file_error(target))?
                .next()
                .is_some())
        || target.is_file();
    if occupied {
        return Err(StoreError::Refused(format!(
            "{} 已有数据，恢复不会覆盖它；请恢复到一个新的文件夹 / {} is not empty; a restore never overwrites: restore into a new folder",
            target.display(),
            target.display()
        )));
    }
    let work = PathBuf::from(format!("{}.restoring", target.display()));
    if work.exists() {
        std::fs::remove_dir_all(&work).map_err(file_error(&work))?;
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(file_error(parent))?;
    }
    let written = (|| {
        let db = super::open::open_db(&work)?;
        let mut current: Option<(Vec<u8>, sled::Tree)> = None;
        let summary = read_backup(file, |name, k, v| {
            if current.as_ref().map(|(n, _)| n.as_slice()) != Some(name) {
                current = Some((name.to_vec(), db.open_tree(name)?));
            }
            if let Some((_, tree)) = &current {
                tree.insert(k, v)?;
            }
            Ok(())
        })?;
        db.flush()?;
        Ok::<_, StoreError>(summary)
    })();
    let summary = match written {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&work);
            return Err(e);
        }
    };
    if target.is_dir() {
        std::fs::remove_dir(target).map_err(file_error(target))?;
    }
    std::fs::rename(&work, target).map_err(file_error(target))?;
    Ok(summary)
}
