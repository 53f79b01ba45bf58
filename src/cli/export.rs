//! `safetynet export --out FILE.xlsx`: confirmed households in the import template's layout.

use std::path::Path;
use std::time::Instant;

use safetynet::app::{export, AppError, Services};
use safetynet::tui::Lang;

use super::progress_bar_for;

pub fn run(services: &Services, lang: Lang, by: Option<&str>, out: &Path) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let started = Instant::now();
    let total = services.store.household_count()?.max(0) as u64;
    let mut bar = progress_bar_for(lang, "导出中", "exporting");
    let done = export::export(services, &actor, out, |n| bar(n, total.max(n)))?;
    bar(total, total);
    match lang {
        Lang::Zh => say!(
            "已导出 {} 户 {} 人到 {}（未认定的 {} 户不在其中），用时 {:.1} 秒",
            done.households,
            done.persons,
            done.path.display(),
            done.left_out,
            started.elapsed().as_secs_f64()
        ),
        Lang::En => say!(
            "exported {} households, {} persons to {} ({} not confirmed left out) in {:.1} s",
            done.households,
            done.persons,
            done.path.display(),
            done.left_out,
            started.elapsed().as_secs_f64()
        ),
    }
    Ok(())
}
