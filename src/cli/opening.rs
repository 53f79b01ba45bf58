//! Opening the store for a command: where data lives, the log, a missing store (asked
//! or refused), the anchor, the upgrade of an older format, `--today`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use chrono::NaiveDate;

use super::{migrate, Cli};
use safetynet::app::{AppError, Services};
use safetynet::store::StoreError;
use safetynet::tui::Lang;

pub fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("cn", "safetynet", "safetynet")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".safetynet"))
}

pub(super) fn init_log(dir: &std::path::Path) {
    let _ = std::fs::create_dir_all(dir);
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("safetynet.log"))
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}

/// Open an existing store. A folder without one is refused unless `--create` says to make
/// it, or (the office's own store, on a terminal) the clerk answers yes when asked.
/// `--today` is applied, and refused unless the store is a demo.
pub fn open(cli: &Cli, path: PathBuf) -> Result<Services, AppError> {
    if !safetynet::store::store_exists(&path) && !cli.create {
        let default = cli.store.is_none();
        if !(default && ask_create(cli.lang, &path)) {
            return Err(StoreError::Missing(path).into());
        }
    }
    let mut services = open_untimed(path)?;
    anchor(cli, &services)?;
    services.set_today(cli.today)?;
    Ok(services)
}

/// Sign the audit trail's head into the anchor folder (`--anchor`) from now on.
pub fn anchor(cli: &Cli, services: &Services) -> Result<(), AppError> {
    let folder = cli
        .anchor
        .clone()
        .unwrap_or_else(|| data_dir().join("anchor"));
    let anchor = safetynet::store::anchor::Anchor::open(&folder, &services.store)?;
    services.store.anchor_to(anchor)?;
    Ok(())
}

/// Open the store at `path` on the system clock (`--today` not applied), making it when
/// there is none (the demo, `--create`).
pub fn open_untimed(path: PathBuf) -> Result<Services, AppError> {
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    // One open, through the upgrade: an old store's message and bar come as soon as
    // sled has it open, and a slow open is said while it runs.
    let (store, _) = migrate::upgrade(&path)?;
    let services = Services::with_store(store)?;
    // A wrong settings.toml is said at once, naming the file and line.
    safetynet::app::accounts::policy(&services)?;
    Ok(services)
}

/// Today as the command sees it (`--today` for training and tests).
pub fn today(cli: &Cli) -> NaiveDate {
    cli.today
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The first start on the office's own store: ask before making it (a terminal only).
fn ask_create(lang: Lang, path: &std::path::Path) -> bool {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return false;
    }
    let _ = write!(
        std::io::stderr(),
        "{} [y/N] ",
        match lang {
            Lang::Zh => format!(
                "{} 还没有数据库。要在那里新建一个空数据库吗？",
                path.display()
            ),
            Lang::En => format!(
                "There is no store at {} yet. Make a new, empty store there?",
                path.display()
            ),
        }
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim(), "y" | "Y" | "yes" | "是")
}
