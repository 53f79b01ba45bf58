//! A new store generated whole or not at all: the district is written into a folder
//! beside the target (`NAME.generating`), finished there (the demo adds its accounts and
//! runs the alert rules), flushed, closed and only then renamed into place. A run killed
//! at any moment leaves no store at the target, only the `.generating` folder, which the
//! next run removes and starts again.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{generate, GenerateOptions};
use crate::app::{AppError, Services};
use crate::domain::caseload::Caseload;
use crate::store::{store_exists, StoreError};

/// The folder a run for `target` writes into before the rename.
pub fn work_folder(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "store".into());
    target.with_file_name(format!("{name}.generating"))
}

fn folder_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::Store(StoreError::Folder {
        path: path.to_path_buf(),
        error: e.to_string(),
    })
}

/// Generate a district into a new store at `target`, then run `finish` on it, all before
/// the store appears at `target`. Refuses a target that already holds a store or files.
pub fn generate_new_store(
    target: &Path,
    fixed_today: Option<NaiveDate>,
    opts: GenerateOptions,
    progress: impl FnMut(u64, u64),
    finish: impl FnOnce(&Services) -> Result<(), AppError>,
) -> Result<Caseload, AppError> {
    let not_empty = || {
        AppError::Store(StoreError::Refused(format!(
            "{} 已有数据，只能向新的空文件夹生成 / {} is not empty; generate into a new folder",
            target.display(),
            target.display()
        )))
    };
    if store_exists(target) {
        return Err(not_empty());
    }
    if target.is_dir()
        && std::fs::read_dir(target)
            .map_err(|e| folder_error(target, e))?
            .next()
            .is_some()
    {
        return Err(not_empty());
    }
    let work = work_folder(target);
    if work.exists() {
        // Another run writing it holds sled's lock; a dead run's leftovers go.
        if let Err(StoreError::Locked(_)) = crate::store::Store::open(&work) {
            return Err(AppError::Store(StoreError::Locked(work)));
        }
        tracing::warn!("removing {} left by an interrupted run", work.display());
        std::fs::remove_dir_all(&work).map_err(|e| folder_error(&work, e))?;
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| folder_error(parent, e))?;
    }
    let written = (|| {
        let mut services = Services::open(&work)?;
        services.fixed_today = fixed_today;
        let load = generate(&services.store, opts, progress)?;
        finish(&services)?;
        services.store.flush()?;
        Ok::<_, AppError>(load)
    })();
    let load = match written {
        Ok(load) => load,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&work);
            return Err(e);
        }
    };
    if target.is_dir() {
        std::fs::remove_dir(target).map_err(|e| folder_error(target, e))?;
    }
    std::fs::rename(&work, target).map_err(|e| folder_error(target, e))?;
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(load)
}
