//! `safetynet migrate`: upgrade a store of an older format (issue 16: the lookup index
//! is rebuilt from the records in its new layout). Opening such a store from the
//! command line or the program does the same, with the same message and progress bar,
//! before anything else is on the screen.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use safetynet::app::AppError;
use safetynet::store::upgrade::{Migrated, CURRENT};
use safetynet::store::Store;
use safetynet::tui::Lang;

/// How long an open may take before the clerk is told the store is being opened (sled
/// replays its log on open: seconds on a large store first opened after a copy).
const SLOW_OPEN: Duration = Duration::from_millis(500);

/// Open the store at `path`, upgrading it first if it needs it, saying what happens on
/// stderr (in both languages: the store is opened before the language of a session is
/// known): an open slower than [`SLOW_OPEN`] is said while it runs, an upgrade as soon as
/// the store is open, then its bar.
pub fn upgrade(path: &Path) -> Result<(Store, Option<Migrated>), AppError> {
    let mut said = false;
    let tty = std::io::stderr().is_terminal();
    let (opened, wait) = mpsc::channel::<()>();
    let shown = path.display().to_string();
    let notice = std::thread::spawn(move || {
        if wait.recv_timeout(SLOW_OPEN) == Err(mpsc::RecvTimeoutError::Timeout) {
            let _ = writeln!(
                std::io::stderr(),
                "正在打开数据库 {shown} …\nOpening the store {shown} …"
            );
        }
    });
    let mut notice = Some((opened, notice));
    // The notice is over (said or not) before anything else is written.
    let mut end_notice = move || {
        if let Some((opened, notice)) = notice.take() {
            drop(opened);
            let _ = notice.join();
        }
    };
    let result = Store::migrate(path, |done, total| {
        end_notice();
        let mut err = std::io::stderr();
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
    });
    end_notice();
    let (store, migrated) = result?;
    let mut err = std::io::stderr();
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
    Ok((store, migrated))
}

pub fn run(path: &Path, lang: Lang) -> Result<(), AppError> {
    if !safetynet::store::store_exists(path) {
        return Err(safetynet::store::StoreError::Missing(path.to_path_buf()).into());
    }
    if upgrade(path)?.1.is_none() {
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
