//! `safetynet demo`: the demo district in a store of its own, generated on first use,
//! whole or not at all: an interrupted first run is simply started again.

use std::io::Write;
use std::path::Path;

use safetynet::app::accounts;
use safetynet::app::generate::{generate_new_store, GenerateOptions};
use safetynet::app::{AppError, Services};
use safetynet::store::StoreError;
use safetynet::tui::{self, Theme};

use super::{open_or_create, progress_bar, run_tui, text, Cli};

pub fn run(
    cli: &Cli,
    data: &Path,
    real_store: &Path,
    households: u64,
    user: &str,
    theme: Theme,
) -> Result<(), AppError> {
    let services = prepare(cli, data, real_store, households)?;
    let actor = accounts::demo_sign_in(&services, user)?;
    run_tui(&services, tui::Start::As(actor), cli.lang, theme)
}

/// Open the demo store, generating the demo district on first use (also for `serve --demo`).
pub fn prepare(
    cli: &Cli,
    data: &Path,
    real_store: &Path,
    households: u64,
) -> Result<Services, AppError> {
    let path = cli.store.clone().unwrap_or_else(|| data.join("demo"));
    if path == real_store {
        return Err(AppError::Data(text::demo_is_not_real(cli.lang)));
    }
    if !safetynet::store::store_exists(&path) {
        let opts = GenerateOptions {
            households,
            seed: 2026,
            as_of: super::today(cli),
        };
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            text::creating_demo(cli.lang, households)
        );
        generate_new_store(&path, cli.today, opts, progress_bar(cli.lang), |services| {
            // A demo with an alerts queue to work: run the alert rules once.
            accounts::ensure_demo_accounts(services)?;
            let officer = accounts::demo_sign_in(services, "demo-officer")?;
            safetynet::app::monitoring::reevaluate(services, &officer)?;
            Ok(())
        })?;
    }
    let services = match open_or_create(cli, path.clone()) {
        Err(AppError::Store(StoreError::Incomplete(_))) => {
            // A demo half-written by an older release: it is synthetic, write it again.
            std::fs::remove_dir_all(&path).map_err(|e| StoreError::Folder {
                path: path.clone(),
                error: e.to_string(),
            })?;
            return prepare(cli, data, real_store, households);
        }
        other => other?,
    };
    accounts::ensure_demo_accounts(&services)?;
    Ok(services)
}
