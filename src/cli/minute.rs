//! `safetynet minute --meeting ID --out FILE.csv|.txt`: a review meeting's minute as a
//! file (CSV with a BOM, one row per decision; or the text minute), and a line saying
//! where it went. Acts as the district office; the export is audited.

use std::io::Write;
use std::path::Path;

use safetynet::app::meeting;
use safetynet::app::referrals::Lang as FileLang;
use safetynet::app::{AppError, Services};
use safetynet::domain::meeting::MeetingId;
use safetynet::tui::Lang;

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    id: u64,
    out: &Path,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let file_lang = match lang {
        Lang::Zh => FileLang::Zh,
        Lang::En => FileLang::En,
    };
    let done = meeting::export(services, &actor, MeetingId(id), out, file_lang)?;
    let line = match lang {
        Lang::Zh => format!(
            "会议 {id} 的纪要已写入 {}（{} 项决定）",
            done.path.display(),
            done.decisions
        ),
        Lang::En => format!(
            "minute of meeting {id} written to {} ({} decisions)",
            done.path.display(),
            done.decisions
        ),
    };
    let _ = writeln!(std::io::stdout().lock(), "{line}");
    Ok(())
}
