//! `safetynet check`: verify the audit trail's hash chain.

use safetynet::app::{AppError, Services};
use safetynet::tui::Lang;

use super::text;

pub fn run(services: &Services, lang: Lang) -> Result<(), AppError> {
    let report = services.store.check_audit_chain()?;
    if report.problems.is_empty() {
        say!("{}", text::chain_ok(lang, report.entries));
        return Ok(());
    }
    for (zh, en) in &report.problems {
        say!("{}", lang.t(zh, en));
    }
    Err(AppError::Invalid(
        "审计记录被改动，请联系区民政局".into(),
        "the audit trail has been tampered with; tell the district office".into(),
    ))
}
