//! `safetynet notice --town T [--village V] --out FILE.xlsx|.csv|.txt`: the notice list
//! (公示名单) of the households now in public notice, ID numbers masked; the .txt is laid
//! out for A4 with the title, the period, the office and the hotline. Signs in like every
//! command (`--as`); the town clerk sees her own town only; the export is audited.

use std::io::Write;
use std::path::Path;

use safetynet::app::workflow;
use safetynet::app::{AppError, Services};
use safetynet::domain::town::Town;
use safetynet::domain::villages::town_key;
use safetynet::domain::Label;
use safetynet::tui::Lang;

fn town_of(text: &str) -> Result<Town, AppError> {
    Town::ALL
        .iter()
        .copied()
        .find(|t| town_key(*t) == text || t.zh() == text)
        .ok_or_else(|| {
            AppError::Invalid(
                format!("没有这个镇街：{text}"),
                format!("no such town: {text}"),
            )
        })
}

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    town: &str,
    village: Option<&str>,
    out: &Path,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let town = town_of(town)?;
    let n = workflow::export_notice_list(services, &actor, town, village, out, lang == Lang::En)
        .map_err(|e| AppError::Invalid(e.zh(), e.to_string()))?;
    let _ = writeln!(
        std::io::stdout(),
        "{}",
        match lang {
            Lang::Zh => format!("已写入 {}：公示中 {n} 户", out.display()),
            Lang::En => format!("wrote {}: {n} households in public notice", out.display()),
        }
    );
    Ok(())
}
