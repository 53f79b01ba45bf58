//! Opening the sled folder safely. Before sled reads it: a leftover `snap.*.generating`
//! (a snapshot that was being written when the disk filled or the program died) and an
//! empty or unreadable newest snapshot are moved aside into `set-aside/` and logged, so
//! sled rebuilds from its log instead of refusing the store (sled issues #1527, #1533).
//! A panic inside sled while it reads a damaged file is caught and reported as damage.

use std::io::Read;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

use super::{StoreError, CACHE_BYTES};

/// Where files moved out of sled's way go, inside the store folder.
pub const SET_ASIDE: &str = "set-aside";

/// ENOSPC, and EFBIG (a file-size limit reached) which leaves the disk just as unusable.
pub(super) fn disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::FileTooLarge
        || matches!(e.raw_os_error(), Some(27 | 28))
}

/// Whether `path` holds a sled store (its `db` file or its `conf`).
pub fn store_exists(path: &Path) -> bool {
    path.join("db").is_file() || path.join("conf").is_file()
}

/// Open sled, waiting up to a second for the lock: a copy of the program that has just
/// quit may still be releasing it (sled's flusher thread ends shortly after the last
/// handle). Still locked after that: another window really has the store open.
pub(super) fn open_db(path: &Path) -> Result<sled::Db, StoreError> {
    let folder = |e: std::io::Error| {
        if disk_full(&e) {
            StoreError::DiskFull
        } else {
            StoreError::Folder {
                path: path.to_path_buf(),
                error: e.to_string(),
            }
        }
    };
    if path.exists() && !path.is_dir() {
        return Err(StoreError::Folder {
            path: path.to_path_buf(),
            error: "this is a file, not a folder".into(),
        });
    }
    set_aside_bad_snapshots(path).map_err(folder)?;
    let mut tries = 0;
    loop {
        let opened = quiet_catch(|| {
            sled::Config::new()
                .path(path)
                .cache_capacity(CACHE_BYTES)
                .open()
        });
        match opened {
            Err(why) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    why: format!("sled stopped while reading it ({why})"),
                })
            }
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(sled::Error::Io(ref io)))
                if io.to_string().contains("could not acquire lock") =>
            {
                // sled lets go of the lock a moment after a store of this process is
                // dropped (its flusher thread ends on its own): wait up to 3 s before
                // saying another window holds it.
                tries += 1;
                if tries >= 30 {
                    return Err(StoreError::Locked(path.to_path_buf()));
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            Ok(Err(sled::Error::Io(io))) => return Err(folder(io)),
            Ok(Err(sled::Error::Corruption { .. })) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    why: "its files do not read back as written".into(),
                })
            }
            Ok(Err(other)) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    why: other.to_string(),
                })
            }
        }
    }
}

/// Move aside every `snap.*.generating`, then the newest snapshot while it is empty or its
/// checksum is wrong (sled would refuse the store; without it sled replays its log).
pub(super) fn set_aside_bad_snapshots(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut moved = Vec::new();
    if !path.is_dir() {
        return Ok(moved);
    }
    let mut snaps = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("snap.") || !entry.file_type()?.is_file() {
            continue;
        }
        if name.ends_with(".generating") {
            moved.push(set_aside(path, &name, "an unfinished snapshot")?);
        } else {
            snaps.push(name);
        }
    }
    snaps.sort();
    while let Some(newest) = snaps.pop() {
        if snapshot_reads(&path.join(&newest))? {
            break;
        }
        moved.push(set_aside(path, &newest, "an empty or damaged snapshot")?);
    }
    Ok(moved)
}

/// sled's snapshot layout: the bytes, their length (8 bytes) and their CRC-32 (4 bytes).
fn snapshot_reads(file: &Path) -> std::io::Result<bool> {
    let mut buf = Vec::new();
    std::fs::File::open(file)?.read_to_end(&mut buf)?;
    let len = buf.len();
    if len <= 12 {
        return Ok(false);
    }
    let mut crc = [0u8; 4];
    crc.copy_from_slice(&buf[len - 4..]);
    Ok(crc32fast::hash(&buf[..len - 12]) == u32::from_le_bytes(crc))
}

fn set_aside(path: &Path, name: &str, what: &str) -> std::io::Result<PathBuf> {
    let dir = path.join(SET_ASIDE);
    std::fs::create_dir_all(&dir)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let to = dir.join(format!("{name}.{stamp}"));
    std::fs::rename(path.join(name), &to)?;
    tracing::warn!(
        "store {}: moved {what} {name} aside to {} before opening",
        path.display(),
        to.display()
    );
    Ok(to)
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, turning a panic into `Err(message)`. While it runs, this thread's panics are
/// not printed (the clerk gets our message instead); other threads' still are.
pub fn quiet_catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if QUIET.with(|q| q.get()) {
                tracing::error!("caught inside the store: {info}");
            } else {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an internal error".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn raw_open(path: &Path) -> sled::Result<sled::Db> {
        sled::Config::new().path(path).open()
    }

    /// The measured failure first: sled alone refuses a store with an empty snapshot in
    /// progress; through `Store::open` it opens with its data, the file set aside.
    #[test]
    fn an_empty_snapshot_is_set_aside_and_the_data_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = Store::open(dir.path()).expect("open");
            store.meta.insert(b"probe", b"kept").expect("insert");
            store.flush().expect("flush");
        }
        std::fs::write(dir.path().join("snap.0000000000ABCDEF.generating"), b"").expect("plant");
        // sled's flusher thread lets go of the file lock a moment after the store is
        // dropped; on a busy machine the first try can still find it held.
        let mut opened = raw_open(dir.path());
        for _ in 0..50 {
            match &opened {
                Err(sled::Error::Io(e)) if e.to_string().contains("could not acquire lock") => {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    opened = raw_open(dir.path());
                }
                _ => break,
            }
        }
        match opened {
            Err(sled::Error::Corruption { .. }) => {}
            other => panic!(
                "sled itself should refuse this store: {:?}",
                other.map(|_| ())
            ),
        }
        let store = Store::open(dir.path()).expect("opens after setting aside");
        assert_eq!(
            store.meta.get(b"probe").expect("get").as_deref(),
            Some(&b"kept"[..])
        );
        assert_eq!(
            std::fs::read_dir(dir.path().join(SET_ASIDE))
                .expect("set-aside")
                .count(),
            1
        );
    }

    #[test]
    fn a_good_snapshot_stays() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut bytes = b"snapshot bytes".to_vec();
        let crc = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&(14u64).to_le_bytes());
        bytes.extend_from_slice(&crc.to_le_bytes());
        std::fs::write(dir.path().join("snap.0000000000000010"), &bytes).expect("write");
        std::fs::write(dir.path().join("snap.0000000000000020"), b"short").expect("write");
        let moved = set_aside_bad_snapshots(dir.path()).expect("set aside");
        assert_eq!(moved.len(), 1);
        assert!(dir.path().join("snap.0000000000000010").exists());
        assert!(!dir.path().join("snap.0000000000000020").exists());
    }

    #[test]
    fn a_panic_is_caught_quietly() {
        let r: Result<(), String> = quiet_catch(|| panic!("index out of bounds"));
        assert_eq!(r, Err("index out of bounds".to_string()));
        assert_eq!(quiet_catch(|| 7), Ok(7));
    }
}
