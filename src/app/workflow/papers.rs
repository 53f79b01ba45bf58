//! The papers of the procedure: the notice list of a town or village (公示名单) as .xlsx,
//! .csv or .txt (A4), with masked ID numbers only, and the written notices of a decision
//! produced as text (recording the day they were produced). Through the access table and
//! the actor's town; exports audited.

use std::path::Path;

use super::{load, procedure_settings, record_letter, FlowError, LetterEvent};
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::access::Permission;
use crate::domain::case::{CaseId, Stage};
use crate::domain::procedure::letter::{letter_text, LetterFacts};
use crate::domain::procedure::notice_list::{cells, notice_row, notice_text, NoticeRow, COLUMNS};
use crate::domain::procedure::LetterKind;
use crate::domain::town::Town;
use crate::domain::Label;
use crate::store::{AuditEntry, CaseFilter};

fn scope(actor: &Actor, town: Town) -> Result<(), FlowError> {
    if !actor.may(Permission::ReadCases) {
        return Err(FlowError::Denied(Permission::ReadCases));
    }
    match actor.town {
        Some(own) if own != town => Err(FlowError::Invalid(
            format!("您只能查看{}的公示名单", own.zh()),
            format!("you may see the notice list of {} only", own.en()),
        )),
        _ => Ok(()),
    }
}

/// The households of `town` (and `village`, if given) now in public notice, by village and
/// case number.
pub fn notice_rows(
    services: &Services,
    actor: &Actor,
    town: Town,
    village: Option<&str>,
) -> Result<Vec<NoticeRow>, FlowError> {
    scope(actor, town)?;
    let filter = CaseFilter {
        town: Some(town),
        stage: Some(Stage::InNotice),
    };
    const PAGE: usize = 500;
    let mut ids = Vec::new();
    loop {
        let page = services.store.case_rows(filter, ids.len(), PAGE)?;
        let done = page.len() < PAGE;
        ids.extend(page.into_iter().map(|r| (r.case, r.household)));
        if done {
            break;
        }
    }
    let mut rows = Vec::new();
    for (case, household) in ids {
        let (Some(c), Some(h)) = (
            services.store.case(case)?,
            services.store.household(household)?,
        ) else {
            continue;
        };
        if village.is_some_and(|v| v.trim() != h.village) {
            continue;
        }
        rows.extend(notice_row(&c, &h));
    }
    rows.sort_by(|a, b| (&a.village, &a.number).cmp(&(&b.village, &b.number)));
    Ok(rows)
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Write the notice list to `path` (.xlsx, .csv or .txt, by its extension); audited.
pub fn export_notice_list(
    services: &Services,
    actor: &Actor,
    town: Town,
    village: Option<&str>,
    path: &Path,
    english: bool,
) -> Result<usize, FlowError> {
    let rows = notice_rows(services, actor, town, village)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = |c: &(&'static str, &'static str)| if english { c.1 } else { c.0 };
    let io = |e: &dyn std::fmt::Display| {
        FlowError::Invalid(
            format!("无法写入 {}：{e}", path.display()),
            format!("cannot write {}: {e}", path.display()),
        )
    };
    match ext.as_str() {
        "csv" => {
            let mut out = String::from("\u{feff}");
            let h: Vec<String> = COLUMNS.iter().map(|c| csv_field(head(c))).collect();
            out.push_str(&h.join(","));
            out.push_str("\r\n");
            for r in &rows {
                let c: Vec<String> = cells(r, english).iter().map(|c| csv_field(c)).collect();
                out.push_str(&c.join(","));
                out.push_str("\r\n");
            }
            std::fs::write(path, out.as_bytes()).map_err(|e| io(&e))?;
        }
        "xlsx" => {
            use rust_xlsxwriter::{Format, Workbook};
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            let bold = Format::new().set_bold();
            let text = Format::new().set_num_format("@");
            for (i, c) in COLUMNS.iter().enumerate() {
                let col = u16::try_from(i).unwrap_or(0);
                ws.write_string_with_format(0, col, head(c), &bold)
                    .map_err(|e| io(&e))?;
                ws.set_column_width(col, 16).map_err(|e| io(&e))?;
            }
            for (n, r) in rows.iter().enumerate() {
                let row = u32::try_from(n + 1).unwrap_or(u32::MAX);
                for (i, v) in cells(r, english).iter().enumerate() {
                    let col = u16::try_from(i).unwrap_or(0);
                    ws.write_string_with_format(row, col, v, &text)
                        .map_err(|e| io(&e))?;
                }
            }
            wb.save(path).map_err(|e| io(&e))?;
        }
        "txt" => {
            let settings = procedure_settings(services)?;
            let lines = notice_text(
                town,
                village,
                &rows,
                &settings.office(town),
                services.today(),
            );
            let mut text = lines.join("\r\n");
            text.push_str("\r\n");
            std::fs::write(path, text.as_bytes()).map_err(|e| io(&e))?;
        }
        _ => {
            return Err(FlowError::Invalid(
                "公示名单只能导出为 .xlsx、.csv 或 .txt".into(),
                "the notice list is written as .xlsx, .csv or .txt".into(),
            ))
        }
    }
    services.store.append_audit(
        AuditEntry::new(
            services.now(),
            &actor.user,
            "case.notice_list",
            "notice".into(),
        )
        .with_change("town", String::new(), town.zh().to_string())
        .with_note(format!("{}: {} rows", path.display(), rows.len())),
    )?;
    Ok(rows.len())
}

/// Produce the written notice of `kind` for a case: the day is recorded on the case (the
/// first time), and the text comes back for printing.
pub fn produce_letter(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    kind: LetterKind,
) -> Result<(crate::domain::case::Case, Vec<String>), FlowError> {
    let today = services.today();
    let saved = record_letter(
        services,
        actor,
        id,
        expected_rev,
        kind,
        LetterEvent::Produced(today),
    )?;
    let (case, h) = load(services, actor, id, saved.rev)?;
    let facts = LetterFacts {
        head: h.head_name().to_string(),
        town: h.town,
        village: h.village.clone(),
        persons: h.size(),
    };
    let settings = procedure_settings(services)?;
    let text = letter_text(&case, &facts, &settings, kind, today).ok_or_else(|| {
        FlowError::Workflow(crate::domain::workflow::WorkflowError::NoLetter(kind))
    })?;
    Ok((saved, text))
}
