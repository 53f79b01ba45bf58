//! The monitoring line the dashboard's income figure is counted by. The counters are kept
//! on write with the line they were counted by; when the line in force today differs
//! (a new year's standard, or a district officer's edit), everything is recounted once
//! from the records and the recount is audited.

use super::{AppError, Services};
use crate::domain::caseload::Caseload;
use crate::domain::drilldown::MonitoringLines;
use crate::store::AuditEntry;

/// The line in force today, from the standards in force (edited or bundled); `None`
/// when no standard is in force today or the standards cannot be read.
pub fn lines_today(services: &Services) -> Option<MonitoringLines> {
    let current = super::standards::current(services).ok()?;
    let set = current.standards.set_on(services.today()).ok()?;
    Some(MonitoringLines::of(set))
}

/// The caseload by today's line without writing anything: the stored counters, or a
/// recount in memory when they were counted by another line (read-only commands).
pub fn caseload_today(services: &Services) -> Result<Caseload, AppError> {
    let caseload = services.store.caseload()?;
    let lines = lines_today(services);
    if caseload.lines == lines {
        return Ok(caseload);
    }
    Ok(services.store.count_caseload(lines)?)
}

/// The caseload, recounted first when it was counted by another line than today's.
pub fn sync_monitoring_lines(services: &Services) -> Result<Caseload, AppError> {
    let store = &services.store;
    let caseload = store.caseload()?;
    let lines = lines_today(services);
    if caseload.lines == lines {
        return Ok(caseload);
    }
    let recounted = store.recount_caseload(lines)?;
    let describe = |l: Option<MonitoringLines>| match l {
        Some(l) => format!(
            "from {}: urban {} / rural {} yuan per person per year",
            l.from, l.urban_yearly, l.rural_yearly
        ),
        None => "none".to_string(),
    };
    store.append_audit(
        AuditEntry::new(
            services.now(),
            "system",
            "caseload.recount",
            "caseload".into(),
        )
        .with_change("monitoring_line", describe(caseload.lines), describe(lines))
        .with_note("monitoring line in force changed; counters recounted from the records"),
    )?;
    Ok(recounted)
}
