//! `safetynet stats`: the caseload figures the dashboard shows, as text or JSON.

use safetynet::app::session::Actor;
use safetynet::app::stats::Stats;
use safetynet::app::{dashboard, AppError, Services};
use safetynet::tui::Lang;

use super::text;

pub fn run(services: &Services, lang: Lang, json: bool) -> Result<(), AppError> {
    let board = dashboard::dashboard_read_only(services, &Actor::demo_officer())?;
    let stats = Stats::of(&board);
    if json {
        let text =
            serde_json::to_string_pretty(&stats).map_err(|e| AppError::Data(e.to_string()))?;
        say!("{text}");
    } else {
        say_raw!("{}", text::stats_table(lang, &stats));
    }
    Ok(())
}
