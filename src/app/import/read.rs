//! Reading a roster file into rows of cells: `.xlsx` through calamine (streamed cell by
//! cell, so a 300,000-row sheet never sits in memory twice), `.csv` through the csv crate
//! in UTF-8 (with or without a BOM) or GBK/GB18030, which Excel on a Chinese Windows writes.

use std::path::Path;

use calamine::{open_workbook, DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use crate::app::AppError;

/// One cell as the file holds it. Numbers stay numbers so an ID number stored as a
/// number can be recognised (and refused when digits were lost).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as the report shows it.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

/// A data row with its line number in the file (1-based, as Excel shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
    Xlsx,
}

impl Encoding {
    pub fn zh(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GBK/GB18030",
            Encoding::Xlsx => "Excel 工作簿",
        }
    }
}

/// A sheet: the header row and the data rows under it (blank rows dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub encoding: Encoding,
    pub sheet: Option<String>,
}

fn bad(zh: String, en: String) -> AppError {
    AppError::Invalid(zh, en)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Csv,
}

impl Format {
    pub fn of(path: &Path) -> Result<Format, AppError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("xlsx") => Ok(Format::Xlsx),
            Some("csv") => Ok(Format::Csv),
            _ => Err(bad(
                format!("只能导入 .xlsx 或 .csv 文件：{}", path.display()),
                format!(
                    "only .xlsx or .csv files can be imported: {}",
                    path.display()
                ),
            )),
        }
    }
}

/// Read `path`; `header_row` is the 1-based line of the column headers.
pub fn read(path: &Path, sheet: Option<&str>, header_row: u32) -> Result<Table, AppError> {
    let rows = match Format::of(path)? {
        Format::Xlsx => read_xlsx(path, sheet)?,
        Format::Csv => {
            let bytes = std::fs::read(path).map_err(|e| cannot_read(path, &e.to_string()))?;
            read_csv(&bytes)?
        }
    };
    split_header(rows.0, rows.1, rows.2, header_row)
}

fn cannot_read(path: &Path, why: &str) -> AppError {
    bad(
        format!("无法读取文件 {}：{why}", path.display()),
        format!("cannot read {}: {why}", path.display()),
    )
}

type Raw = (Vec<Row>, Encoding, Option<String>);

fn split_header(
    rows: Vec<Row>,
    encoding: Encoding,
    sheet: Option<String>,
    header_row: u32,
) -> Result<Table, AppError> {
    let mut headers = None;
    let mut data = Vec::with_capacity(rows.len());
    for row in rows {
        if row.line < header_row {
            continue;
        }
        if row.line == header_row {
            headers = Some(
                row.cells
                    .iter()
                    .map(|c| c.shown().trim().to_string())
                    .collect::<Vec<_>>(),
            );
            continue;
        }
        if row.cells.iter().all(Cell::is_empty) {
            continue;
        }
        data.push(row);
    }
    let headers = headers
        .filter(|h| h.iter().any(|c| !c.is_empty()))
        .ok_or_else(|| {
            bad(
                format!("第{header_row}行没有表头（列名）"),
                format!("line {header_row} holds no column headers"),
            )
        })?;
    Ok(Table {
        headers,
        rows: data,
        encoding,
        sheet,
    })
}

fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Raw, AppError> {
    let mut book: Xlsx<_> =
        open_workbook(path).map_err(|e: calamine::XlsxError| cannot_read(path, &e.to_string()))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                bad(
                    format!("工作簿里没有名为“{s}”的工作表（有：{}）", names.join("、")),
                    format!(
                        "the workbook has no sheet '{s}' (it has: {})",
                        names.join(", ")
                    ),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            bad(
                "工作簿里没有工作表".into(),
                "the workbook has no sheets".into(),
            )
        })?,
    };
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|e| cannot_read(path, &e.to_string()))?;
    let mut rows: Vec<Row> = Vec::new();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|e| cannot_read(path, &e.to_string()))?
    {
        let (r, c) = cell.get_position();
        let value = from_xlsx(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let line = r + 1;
        if rows.last().map(|row| row.line) != Some(line) {
            rows.push(Row {
                line,
                cells: Vec::new(),
            });
        }
        if let Some(row) = rows.last_mut() {
            let c = c as usize;
            if row.cells.len() <= c {
                row.cells.resize(c + 1, Cell::Empty);
            }
            row.cells[c] = value;
        }
    }
    Ok((rows, Encoding::Xlsx, Some(name)))
}

fn from_xlsx(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(dt) if !d.is_duration() => Cell::Date(dt.date()),
            _ => Cell::Number(d.as_f64()),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// Decode CSV bytes: UTF-8 (a BOM is dropped), else GB18030 (a superset of GBK).
pub fn decode_csv(bytes: &[u8]) -> Result<(String, Encoding), AppError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok((text.to_string(), Encoding::Utf8));
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(body);
    if had_errors {
        return Err(bad(
            "CSV 文件既不是 UTF-8 也不是 GBK/GB18030 编码，请在 Excel 中另存为“CSV UTF-8”后再导入".into(),
            "the CSV file is neither UTF-8 nor GBK/GB18030; save it from Excel as 'CSV UTF-8' and import again".into(),
        ));
    }
    Ok((text.into_owned(), Encoding::Gb18030))
}

fn read_csv(bytes: &[u8]) -> Result<Raw, AppError> {
    let (text, encoding) = decode_csv(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            bad(
                format!("CSV 文件格式有误：{e}"),
                format!("the CSV file is malformed: {e}"),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line()) as u32;
        let cells = record
            .iter()
            .map(|s| {
                // A tab before an ID number keeps Excel from turning it into a number.
                let s = s.trim_start_matches('\t');
                if s.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect();
        rows.push(Row { line, cells });
    }
    Ok((rows, encoding, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_utf8_with_bom_and_in_gbk() {
        let text = "姓名,身份证号码\n张三,\t610203199001011234\n";
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(text.as_bytes());
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        for (bytes, enc) in [
            (text.as_bytes().to_vec(), Encoding::Utf8),
            (bom, Encoding::Utf8),
            (gbk.into_owned(), Encoding::Gb18030),
        ] {
            let (rows, e, _) = read_csv(&bytes).expect("reads");
            let t = split_header(rows, e, None, 1).expect("header");
            assert_eq!(t.encoding, enc);
            assert_eq!(t.headers, vec!["姓名", "身份证号码"]);
            assert_eq!(t.rows[0].line, 2);
            assert_eq!(t.rows[0].cells[1], Cell::Text("610203199001011234".into()));
        }
    }

    #[test]
    fn undecodable_csv_is_refused() {
        let bytes = [b'a', 0x81, 0x7F, b'b', 0x81];
        assert!(
            matches!(decode_csv(&bytes), Err(AppError::Invalid(zh, _)) if zh.contains("UTF-8"))
        );
    }

    #[test]
    fn missing_header_row_is_named() {
        let (rows, e, _) = read_csv("a,b\n".as_bytes()).expect("reads");
        assert!(
            matches!(split_header(rows, e, None, 3), Err(AppError::Invalid(zh, _)) if zh.contains("第3行"))
        );
    }
}
