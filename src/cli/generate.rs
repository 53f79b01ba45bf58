//! `safetynet generate`: a deterministic synthetic district in a new, empty store.

use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::AppError;

use super::{open, progress_bar, text, Cli};

pub fn run(cli: &Cli, households: u64, seed: u64) -> Result<(), AppError> {
    let path = cli
        .store
        .clone()
        .ok_or_else(|| AppError::Data(text::store_needed(cli.lang)))?;
    let services = open(cli, path)?;
    let opts = GenerateOptions {
        households,
        seed,
        as_of: services.today(),
    };
    let started = std::time::Instant::now();
    let load = generate(&services.store, opts, progress_bar(cli.lang))?;
    let d = load.district();
    println!(
        "{}",
        text::generated(cli.lang, d.households, d.persons, started.elapsed())
    );
    Ok(())
}
