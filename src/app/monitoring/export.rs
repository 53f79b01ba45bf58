//! The monitoring roster as a CSV file (UTF-8 with a BOM, so Excel opens it in Chinese),
//! for the provincial dynamic-monitoring platform. It carries full ID numbers, so it is
//! the district office's to make, and every export is in the audit trail.

use std::path::Path;

use super::roster::{roster, RosterFilter};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::Label;
use crate::store::AuditEntry;

const COLUMNS: [(&str, &str); 12] = [
    ("户号", "household"),
    ("镇街", "town"),
    ("村（社区）", "village"),
    ("户主", "head"),
    ("户主身份证号", "head's ID number"),
    ("人数", "members"),
    ("认定类别", "category"),
    ("监测分组", "groups"),
    ("风险指标", "indicators"),
    ("渐退期至", "taper until"),
    ("出列日期", "leaves the roster"),
    ("最近监测", "last reading"),
];

fn field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Write the roster rows the filter keeps to `path`; returns how many were written.
pub fn export_roster(
    services: &Services,
    actor: &Actor,
    filter: RosterFilter,
    path: &Path,
    english: bool,
) -> Result<usize, AppError> {
    actor.permit(crate::domain::access::Permission::ExportPersonalData)?;
    let t = |zh: &'static str, en: &'static str| if english { en } else { zh };
    let label = |l: &dyn Label| if english { l.en() } else { l.zh() };
    let r = roster(services, actor, filter)?;
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = COLUMNS.iter().map(|(zh, en)| field(t(zh, en))).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in &r.rows {
        let h = services.store.household(row.household)?;
        // A tab before the number keeps every digit as text in Excel.
        let id = h
            .as_ref()
            .and_then(|h| h.members.first().map(|m| format!("\t{}", m.id)))
            .unwrap_or_default();
        let join = |items: Vec<&str>| items.join("、");
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let cells = [
            row.household.0.to_string(),
            label(&row.town).to_string(),
            row.village.clone(),
            row.head.clone(),
            id,
            row.size.to_string(),
            row.category
                .map(|c| label(&c).to_string())
                .unwrap_or_default(),
            join(row.groups.iter().map(|g| label(g)).collect()),
            join(row.flags.iter().map(|f| label(f)).collect()),
            date(row.taper_until),
            date(row.leaves_on),
            date(row.last_reading),
        ];
        let cells: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    std::fs::write(path, out.as_bytes())
        .map_err(|e| AppError::Data(format!("{}: {e}", path.display())))?;
    services.store.append_audit(
        AuditEntry::new(
            services.now(),
            &actor.user,
            "roster.export",
            "roster".into(),
        )
        .with_note(format!("{}: {} rows", path.display(), r.rows.len())),
    )?;
    Ok(r.rows.len())
}
