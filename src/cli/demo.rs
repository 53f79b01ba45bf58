//! `safetynet demo`: the demo district in a store of its own, generated on first use,
//! whole or not at all: an interrupted first run is simply started again. Signing in
//! without a password and `--today` work only on a store created as a demo (a marker
//! written when the demo store is generated); any other store is refused, however its
//! path is spelt.

use std::io::Write;
use std::path::Path;

use safetynet::app::accounts;
use safetynet::app::generate::{generate_new_store, GenerateOptions};
use safetynet::app::{AppError, Services};
use safetynet::store::StoreError;
use safetynet::tui::{self, Theme};

use super::{open_untimed, progress_bar, run_tui, text, Cli};

pub fn run(
    cli: &Cli,
    data: &Path,
    households: u64,
    user: &str,
    theme: Theme,
) -> Result<(), AppError> {
    let services = prepare(cli, data, households)?;
    let actor = accounts::demo_sign_in(&services, user)?;
    run_tui(&services, tui::Start::As(actor), cli.lang, theme)
}

/// Open the demo store, generating the demo district on first use (also for `serve
/// --demo`); refused unless the store was created as a demo.
pub fn prepare(cli: &Cli, data: &Path, households: u64) -> Result<Services, AppError> {
    let path = cli.store.clone().unwrap_or_else(|| data.join("demo"));
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
            // The marker first: this new store is a demo. Then an alerts queue to work.
            accounts::prepare_demo(services)?;
            let officer = accounts::demo_sign_in(services, "demo-officer")?;
            safetynet::app::monitoring::reevaluate(services, &officer)?;
            Ok(())
        })?;
    }
    let mut services = match open_untimed(path.clone()) {
        Err(AppError::Store(StoreError::Incomplete(_))) => {
            // A demo half-written by an older release: it is synthetic, write it again.
            std::fs::remove_dir_all(&path).map_err(|e| StoreError::Folder {
                path: path.clone(),
                error: e.to_string(),
            })?;
            return prepare(cli, data, households);
        }
        other => other?,
    };
    accounts::require_demo(&services)?;
    super::anchor(cli, &services)?;
    services.set_today(cli.today)?;
    accounts::ensure_demo_accounts(&services)?;
    Ok(services)
}
