//! The check report beside the input: row, column, value, what is wrong (in Chinese,
//! with the English beside it). `.xlsx` for a workbook, `.csv` (UTF-8 with a BOM, so
//! Excel opens it in Chinese) for a CSV file.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook};

use super::read::Format as FileFormat;
use super::validate::{Level, Problem};
use crate::app::AppError;

const HEADERS: [&str; 6] = ["行号", "列", "值", "问题", "级别", "English"];

/// `roster.xlsx` → `roster.report.xlsx`, in the same folder.
pub fn path_for(input: &Path, format: FileFormat) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let ext = match format {
        FileFormat::Xlsx => "xlsx",
        FileFormat::Csv => "csv",
    };
    input.with_file_name(format!("{stem}.report.{ext}"))
}

fn level(l: Level) -> &'static str {
    match l {
        Level::Error => "错误",
        Level::Notice => "提示",
    }
}

fn rows(problems: &[Problem]) -> Vec<[String; 6]> {
    if problems.is_empty() {
        return vec![[
            String::new(),
            String::new(),
            String::new(),
            "没有发现问题，可以导入".into(),
            level(Level::Notice).into(),
            "no problems found; ready to import".into(),
        ]];
    }
    problems
        .iter()
        .map(|p| {
            [
                if p.line == 0 {
                    String::new()
                } else {
                    p.line.to_string()
                },
                p.column.clone(),
                p.value.clone(),
                p.zh.clone(),
                level(p.level).into(),
                p.en.clone(),
            ]
        })
        .collect()
}

fn failed(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(
        format!("无法写入检查报告 {}：{e}", path.display()),
        format!("cannot write the report {}: {e}", path.display()),
    )
}

/// Write the report; returns its path.
pub fn write(input: &Path, format: FileFormat, problems: &[Problem]) -> Result<PathBuf, AppError> {
    let path = path_for(input, format);
    match format {
        FileFormat::Csv => {
            let mut bytes = b"\xEF\xBB\xBF".to_vec();
            {
                let mut w = csv::Writer::from_writer(&mut bytes);
                w.write_record(HEADERS).map_err(|e| failed(&path, e))?;
                for r in rows(problems) {
                    w.write_record(&r).map_err(|e| failed(&path, e))?;
                }
                w.flush().map_err(|e| failed(&path, e))?;
            }
            std::fs::write(&path, bytes).map_err(|e| failed(&path, e))?;
        }
        FileFormat::Xlsx => {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("检查报告").map_err(|e| failed(&path, e))?;
            let bold = Format::new().set_bold();
            for (c, h) in HEADERS.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(|e| failed(&path, e))?;
            }
            for (r, row) in rows(problems).iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    let at = (r + 1) as u32;
                    match (c, v.parse::<u32>()) {
                        (0, Ok(n)) => sheet.write_number(at, 0, f64::from(n)),
                        _ => sheet.write_string(at, c as u16, v),
                    }
                    .map_err(|e| failed(&path, e))?;
                }
            }
            for (c, w) in [6.0, 16.0, 22.0, 60.0, 6.0, 60.0].iter().enumerate() {
                sheet
                    .set_column_width(c as u16, *w)
                    .map_err(|e| failed(&path, e))?;
            }
            book.save(&path).map_err(|e| failed(&path, e))?;
        }
    }
    Ok(path)
}
