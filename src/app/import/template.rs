//! The import template: one sheet with the Chinese column headers (ID numbers and phones
//! formatted as text, so Excel keeps every digit), and a notes sheet that says what each
//! column takes. Export writes the same layout.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::map::Field;
use crate::app::AppError;

/// The data sheet's name.
pub const SHEET: &str = "花名册";

pub fn failed(path: &Path, e: XlsxError) -> AppError {
    AppError::Invalid(
        format!("无法写入 {}：{e}", path.display()),
        format!("cannot write {}: {e}", path.display()),
    )
}

/// Bold headers on line 1, text format on the ID and phone columns, a frozen header.
pub fn header(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold().set_text_wrap();
    let text = Format::new().set_num_format("@");
    for (c, f) in Field::ALL.iter().enumerate() {
        let c = c as u16;
        sheet.write_string_with_format(0, c, f.header(), &bold)?;
        let width = match f {
            Field::Id | Field::HeadId => 21.0,
            Field::Address => 24.0,
            Field::Village | Field::Category => 14.0,
            _ => 11.0,
        };
        if matches!(
            f,
            Field::Id | Field::HeadId | Field::Phone | Field::HouseholdKey
        ) {
            sheet.set_column_format(c, &text)?;
        }
        sheet.set_column_width(c, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// `safetynet import --template FILE.xlsx`.
pub fn write_template(path: &Path) -> Result<(), AppError> {
    let e = |x| failed(path, x);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(SHEET).map_err(e)?;
    header(sheet).map_err(e)?;
    let notes = book.add_worksheet();
    notes.set_name("填写说明").map_err(e)?;
    let bold = Format::new().set_bold();
    for (c, h) in ["列名", "必填", "每户填一次", "说明"].iter().enumerate() {
        notes
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(e)?;
    }
    for (r, f) in Field::ALL.iter().enumerate() {
        let r = r as u32 + 1;
        notes.write_string(r, 0, f.header()).map_err(e)?;
        notes
            .write_string(r, 1, if f.required() { "是" } else { "" })
            .map_err(e)?;
        notes
            .write_string(
                r,
                2,
                if f.household_level() {
                    "是（户主行）"
                } else {
                    ""
                },
            )
            .map_err(e)?;
        notes.write_string(r, 3, f.note()).map_err(e)?;
    }
    let tail = Field::ALL.len() as u32 + 2;
    for (i, line) in [
        "每行一个人；同一户的成员用同一个“户编号”（或同一个“户主身份证号”）连在一起。",
        "“每户填一次”的列只看户主那一行；其他成员行可以不填，填了须与户主行相同。",
        "先运行 safetynet import 文件.xlsx --dry-run --as 用户名 检查，检查报告写在文件旁边（文件名.report.xlsx）；有任何错误都不会导入。",
        "身份证号码列已设为文本格式；从别处粘贴时请用“选择性粘贴 → 数值”，不要让 Excel 把号码变成 6.10203E+17。",
    ]
    .iter()
    .enumerate()
    {
        notes.write_string(tail + i as u32, 0, *line).map_err(e)?;
    }
    notes.set_column_width(0, 16.0).map_err(e)?;
    notes.set_column_width(3, 80.0).map_err(e)?;
    book.save(path).map_err(e)?;
    Ok(())
}
