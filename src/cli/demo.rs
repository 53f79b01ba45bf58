//! `safetynet demo`: the demo district in a store of its own, generated on first use.

use std::path::Path;

use safetynet::app::accounts;
use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::AppError;
use safetynet::tui::{self, Theme};

use super::{open, progress_bar, run_tui, text, Cli};

pub fn run(
    cli: &Cli,
    data: &Path,
    real_store: &Path,
    households: u64,
    user: &str,
    theme: Theme,
) -> Result<(), AppError> {
    let path = cli.store.clone().unwrap_or_else(|| data.join("demo"));
    if path == real_store {
        return Err(AppError::Data(text::demo_is_not_real(cli.lang)));
    }
    let services = open(cli, path)?;
    if services.store.household_count()? == 0 {
        let opts = GenerateOptions {
            households,
            seed: 2026,
            as_of: services.today(),
        };
        eprintln!("{}", text::creating_demo(cli.lang, households));
        generate(&services.store, opts, progress_bar(cli.lang))?;
        // A demo with an alerts queue to work: run the alert rules once.
        accounts::ensure_demo_accounts(&services)?;
        let officer = accounts::demo_sign_in(&services, "demo-officer")?;
        safetynet::app::monitoring::reevaluate(&services, &officer)?;
    }
    let actor = accounts::demo_sign_in(&services, user)?;
    run_tui(&services, tui::Start::As(actor), cli.lang, theme)
}
