//! `safetynet migrate`: upgrade a store of an older format (issue 16: the lookup index
//! is rebuilt from the records in its new layout). Opening such a store from the
//! command line or the program does the same, with the same message and progress bar,
//! before anything else is on the screen.

use std::io::{IsTerminal, Write};
use std::path::Path;

use safetynet::app::AppError;
use safetynet::store::upgrade::{Migrated, CURRENT};
use safetynet::store::Store;
use safetynet::tui::Lang;

/// Upgrade the store at `path` if it needs it, saying what happens on stderr (in both
/// languages: the store is opened before the language of a session is known).
pub fn upgrade(path: &Path) -> Result<Option<Migrated>, AppError> {
    let mut said = false;
    let mut err = std::io::stderr();
    let tty = err.is_terminal();
    let (store, migrated) = Store::migrate(path, |done, total| {
        if !said {
            said = true;
            let _ = writeln!(
                err,
                "正在把数据库升级到格式 {CURRENT}（按记录重建索引，只需一次，请勿关闭）：{}\nUpgrading the store to format {CURRENT} (rebuilding indexes from the records, once; do not close): {}",
                path.display(),
                path.display()
            );
        }
        if tty && total > 0 {
            let filled = (done * 30 / total) as usize;
            let _ = write!(
                err,
                "\r[{}{}] {done}/{total}",
                "#".repeat(filled),
                ".".repeat(30 - filled.min(30))
            );
        }
    })?;
    drop(store);
    if let Some(m) = &migrated {
        // The old lookup tree exists only in format 1.
        let (zh, en) = match m.from {
            1 => (
                format!("，查找索引 {} 个键 → {} 个键", m.old_keys, m.new_keys),
                format!(", lookup index {} keys → {} keys", m.old_keys, m.new_keys),
            ),
            _ => (String::new(), String::new()),
        };
        let _ = writeln!(
            err,
            "{}升级完成：格式 {} → {}{zh}\nUpgraded: format {} → {}{en}",
            if tty { "\n" } else { "" },
            m.from,
            m.to,
            m.from,
            m.to
        );
    }
    Ok(migrated)
}

pub fn run(path: &Path, lang: Lang) -> Result<(), AppError> {
    if !safetynet::store::store_exists(path) {
        return Err(safetynet::store::StoreError::Missing(path.to_path_buf()).into());
    }
    if upgrade(path)?.is_none() {
        println!(
            "{}",
            lang.t(
                &format!("数据库已是当前格式 {CURRENT}，无需升级"),
                &format!("The store is already in the current format {CURRENT}; nothing to do"),
            )
        );
    }
    Ok(())
}
