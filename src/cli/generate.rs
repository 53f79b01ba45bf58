//! `safetynet generate`: a deterministic synthetic district in a new store, written whole
//! or not at all (see `app::generate::generate_new_store`).

use safetynet::app::generate::{generate_new_store, GenerateOptions};
use safetynet::app::AppError;

use super::{progress_bar, text, Cli};

pub fn run(cli: &Cli, households: u64, seed: u64) -> Result<(), AppError> {
    let path = cli
        .store
        .clone()
        .ok_or_else(|| AppError::Data(text::store_needed(cli.lang)))?;
    let opts = GenerateOptions {
        households,
        seed,
        as_of: super::today(cli),
    };
    let started = std::time::Instant::now();
    let load = generate_new_store(&path, cli.today, opts, progress_bar(cli.lang), |_| Ok(()))?;
    let d = load.district();
    say!(
        "{}",
        text::generated(cli.lang, d.households, d.persons, started.elapsed())
    );
    Ok(())
}
