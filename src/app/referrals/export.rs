//! The quarter's ledger as a file: CSV (UTF-8 with a BOM, so Excel opens it in Chinese)
//! or an .xlsx workbook with a summary sheet and one sheet per department. Resident ID
//! numbers are written as text so no digit is lost. Every export is audited.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::{ledger, LedgerView};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::money::Money;
use crate::domain::referral::ledger::Counts;
use crate::domain::referral::{Quarter, Referral};
use crate::domain::Label;
use crate::store::AuditEntry;

/// The language of the file's headings and labels (the app layer knows no `tui::Lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    fn of(self, value: &dyn Label) -> &'static str {
        match self {
            Lang::Zh => value.zh(),
            Lang::En => value.en(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// From the file name: `.csv` or `.xlsx`.
    pub fn of(path: &Path) -> Result<ExportFormat, AppError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(ExportFormat::Csv),
            Some("xlsx") => Ok(ExportFormat::Xlsx),
            _ => Err(AppError::Invalid(
                format!("导出文件名要以 .xlsx 或 .csv 结尾：{}", path.display()),
                format!(
                    "the export file must end in .xlsx or .csv: {}",
                    path.display()
                ),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub format: ExportFormat,
    pub quarter: Quarter,
    pub referrals: usize,
    pub overdue: u64,
}

/// Columns of the detail rows, in both languages.
const COLUMNS: [(&str, &str); 16] = [
    ("推送编号", "referral"),
    ("推送日期", "pushed on"),
    ("反馈截止", "feedback due"),
    ("镇街", "town"),
    ("村（社区）", "village"),
    ("户主", "head of household"),
    ("身份证号", "resident ID"),
    ("需求", "need"),
    ("部门", "department"),
    ("案件编号", "case"),
    ("状态", "status"),
    ("反馈日期", "answered on"),
    ("反馈内容", "feedback"),
    ("帮扶金额（元）", "amount (yuan)"),
    ("是否逾期", "late"),
    ("代部门录入", "entered on behalf"),
];

/// Column of the resident ID number (written as text).
pub const ID_COLUMN: usize = 6;
/// Column of the referral number.
pub const NUMBER_COLUMN: usize = 0;

fn late_text(lang: Lang, r: &Referral, as_of: chrono::NaiveDate) -> &'static str {
    match r.answered_by(as_of) {
        Some(a) if a.on > r.due() => lang.t("逾期反馈", "answered late"),
        Some(_) => "",
        None if r.is_overdue(as_of) => lang.t("逾期未反馈", "overdue"),
        None => "",
    }
}

/// One referral as the cells of a detail row (amount last as fen, for the caller).
fn cells(lang: Lang, r: &Referral, as_of: chrono::NaiveDate) -> (Vec<String>, Money) {
    let shown: Vec<_> = r.feedback.iter().filter(|f| f.on <= as_of).collect();
    let last = shown.last();
    let amount: Money = shown.iter().filter_map(|f| f.amount).sum();
    let text: Vec<&str> = shown
        .iter()
        .map(|f| f.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    let row = vec![
        r.label(),
        r.pushed_on.to_string(),
        r.due().to_string(),
        lang.of(&r.town).to_string(),
        r.village.clone(),
        r.head_name.clone(),
        r.head_id
            .as_ref()
            .map(|i| i.as_str().to_string())
            .unwrap_or_default(),
        lang.of(&r.need).to_string(),
        lang.of(&r.department).to_string(),
        r.case_number.map(|n| n.to_string()).unwrap_or_default(),
        last.map_or(r.status, |f| f.status).zh().to_string(),
        last.map(|f| f.on.to_string()).unwrap_or_default(),
        text.join("；"),
        if amount == Money::ZERO {
            String::new()
        } else {
            amount.plain()
        },
        late_text(lang, r, as_of).to_string(),
        if shown.iter().any(|f| f.on_behalf) {
            lang.t("是", "yes").into()
        } else {
            String::new()
        },
    ];
    (row, amount)
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// CSV of every referral of the quarter, department by department. The ID number is
/// preceded by a tab, which Excel keeps as text (trim it when importing elsewhere).
pub fn write_csv(view: &LedgerView, lang: Lang, path: &Path) -> Result<(), AppError> {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = COLUMNS
        .iter()
        .map(|(zh, en)| csv_field(lang.t(zh, en)))
        .collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in &view.referrals {
        let (mut row, _) = cells(lang, r, view.ledger.as_of);
        if !row[ID_COLUMN].is_empty() {
            row[ID_COLUMN] = format!("\t{}", row[ID_COLUMN]);
        }
        let row: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    std::fs::write(path, out).map_err(|e| file_error(path, &e.to_string()))
}

fn file_error(path: &Path, e: &str) -> AppError {
    AppError::Invalid(
        format!("无法写入文件 {}：{e}", path.display()),
        format!("cannot write {}: {e}", path.display()),
    )
}

const SUMMARY_COLUMNS: [(&str, &str); 9] = [
    ("部门", "department"),
    ("本期推送", "pushed"),
    ("已接收未反馈", "acknowledged"),
    ("已反馈", "answered"),
    ("其中逾期反馈", "answered late"),
    ("逾期未反馈", "overdue"),
    ("未到期", "not yet due"),
    ("帮扶金额（元）", "amount (yuan)"),
    ("是否逾期", "late"),
];

/// Spreadsheets hold numbers as doubles; a fen count is exact far beyond any amount here.
fn yuan(m: Money) -> f64 {
    m.fen() as f64 / 100.0
}

fn summary_row(
    ws: &mut Worksheet,
    row: u32,
    name: &str,
    c: &Counts,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let style = if c.is_late() { &f.late } else { &f.plain };
    ws.write_string_with_format(row, 0, name, style)?;
    let figures = [
        c.pushed,
        c.acknowledged,
        c.answered,
        c.answered_late,
        c.overdue,
        c.waiting,
    ];
    for (i, n) in figures.iter().enumerate() {
        ws.write_number_with_format(row, (i + 1) as u16, *n as f64, style)?;
    }
    ws.write_number_with_format(row, 7, yuan(c.amount), &f.money)?;
    if c.is_late() {
        ws.write_string_with_format(row, 8, lang.t("逾期", "late"), &f.late)?;
    }
    Ok(())
}

struct Formats {
    head: Format,
    plain: Format,
    late: Format,
    money: Format,
    text: Format,
}

fn build_xlsx(view: &LedgerView, lang: Lang) -> Result<Workbook, XlsxError> {
    let f = Formats {
        head: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7)),
        plain: Format::new(),
        late: Format::new()
            .set_bold()
            .set_font_color(Color::RGB(0xC00000)),
        money: Format::new().set_num_format("0.00"),
        text: Format::new().set_num_format("@"),
    };
    let l = &view.ledger;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(lang.t("汇总", "Summary"))?;
    let title = match lang {
        Lang::Zh => format!(
            "{} 因需推送反馈台账（反馈截止 {}，统计至 {}）",
            l.quarter.zh(),
            l.deadline,
            l.as_of
        ),
        Lang::En => format!(
            "Referral feedback ledger {} (due {}, as of {})",
            l.quarter, l.deadline, l.as_of
        ),
    };
    ws.write_string_with_format(0, 0, title, &f.head)?;
    for (i, (zh, en)) in SUMMARY_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, lang.t(zh, en), &f.head)?;
        ws.set_column_width(i as u16, if i == 0 { 20 } else { 13 })?;
    }
    let mut row = 3;
    for r in &l.rows {
        summary_row(ws, row, lang.of(&r.department), &r.counts, lang, &f)?;
        row += 1;
    }
    summary_row(ws, row, lang.t("合计", "Total"), &l.total, lang, &f)?;
    ws.set_freeze_panes(3, 1)?;
    for r in &l.rows {
        let ws = wb.add_worksheet();
        ws.set_name(lang.of(&r.department))?;
        for (i, (zh, en)) in COLUMNS.iter().enumerate() {
            ws.write_string_with_format(0, i as u16, lang.t(zh, en), &f.head)?;
            ws.set_column_width(i as u16, if i == ID_COLUMN { 21 } else { 12 })?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (n, referral) in view.of(r.department).enumerate() {
            let row = (n + 1) as u32;
            let (cells, amount) = cells(lang, referral, l.as_of);
            for (col, text) in cells.iter().enumerate() {
                let col16 = col as u16;
                if col == 13 && amount != Money::ZERO {
                    ws.write_number_with_format(row, col16, yuan(amount), &f.money)?;
                } else if col == ID_COLUMN || col == NUMBER_COLUMN {
                    // Text, never a number: an 18-digit ID would lose its last digits.
                    ws.write_string_with_format(row, col16, text, &f.text)?;
                } else if !text.is_empty() {
                    ws.write_string(row, col16, text)?;
                }
            }
        }
    }
    Ok(wb)
}

pub fn write_xlsx(view: &LedgerView, lang: Lang, path: &Path) -> Result<(), AppError> {
    build_xlsx(view, lang)
        .and_then(|mut wb| wb.save(path))
        .map_err(|e| file_error(path, &e.to_string()))
}

/// Export the ledger of `quarter` to `path` (.xlsx or .csv), then audit the export.
pub fn export(
    services: &Services,
    actor: &Actor,
    quarter: Quarter,
    path: &Path,
    lang: Lang,
) -> Result<Exported, AppError> {
    // Exports carry full ID numbers: the district office's job (issue 9).
    actor.permit(crate::domain::access::Permission::ExportPersonalData)?;
    let format = ExportFormat::of(path)?;
    let view = ledger(services, actor, quarter)?;
    match format {
        ExportFormat::Csv => write_csv(&view, lang, path)?,
        ExportFormat::Xlsx => write_xlsx(&view, lang, path)?,
    }
    let l = &view.ledger;
    let entry = AuditEntry::new(
        services.now(),
        &actor.user,
        "ledger.export",
        format!("ledger:{quarter}"),
    )
    .with_note(format!(
        "{}：推送{}条，已反馈{}条，逾期{}条",
        path.display(),
        l.total.pushed,
        l.total.answered,
        l.total.overdue
    ));
    services.store.append_audit(entry)?;
    Ok(Exported {
        path: path.to_path_buf(),
        format,
        quarter,
        referrals: view.referrals.len(),
        overdue: l.total.overdue,
    })
}
