//! One cell to one value, through the domain's parsers. Every refusal says what is wrong
//! in the clerk's words, in Chinese and English.

use chrono::{Duration, NaiveDate};

use super::read::Cell;
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;

/// Why a cell was refused: (Chinese, English).
pub type Wrong = (String, String);

fn wrong(zh: impl Into<String>, en: impl Into<String>) -> Wrong {
    (zh.into(), en.into())
}

/// The largest integer an f64 holds exactly (2^53): 16 digits, never an 18-digit ID number.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// The cell as text: whole numbers without a decimal point, dates as YYYY-MM-DD.
pub fn text(cell: &Cell) -> String {
    match cell {
        Cell::Number(f) if f.fract() == 0.0 && f.abs() < EXACT => format!("{}", *f as i64),
        other => other.shown().trim().to_string(),
    }
}

/// Text like `6.10203E+17`: Excel showed or saved an ID number in scientific notation.
fn scientific(t: &str) -> bool {
    let upper = t.to_ascii_uppercase();
    let Some((mantissa, exp)) = upper.split_once('E') else {
        return false;
    };
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && exp
            .trim_start_matches('+')
            .chars()
            .all(|c| c.is_ascii_digit())
        && !exp.trim_start_matches('+').is_empty()
}

fn digits_lost(shown: &str) -> Wrong {
    wrong(
        format!(
            "身份证号被存成了数字（{shown}）：Excel 的数字只有15位有效数字，18位号码超出数字精度，后几位已丢失，无法恢复；请把该列设为“文本”后重新填写"
        ),
        format!(
            "the ID number was stored as a number ({shown}): a number keeps 15 significant digits and an 18-digit ID never fits exactly, so its last digits are lost; format the column as text and type it again"
        ),
    )
}

/// The ID number text of a cell: text as typed; a number only when it holds every digit
/// exactly (a 15-digit first-generation number does; an 18-digit one never does).
pub fn id_text(cell: &Cell) -> Result<String, Wrong> {
    match cell {
        Cell::Number(f) if f.fract() == 0.0 && *f >= 0.0 && *f < EXACT => {
            Ok(format!("{}", *f as u64))
        }
        Cell::Number(f) => Err(digits_lost(&format!("{f:E}"))),
        other => {
            let t = other.shown().trim().to_string();
            if scientific(&t) {
                return Err(digits_lost(&t));
            }
            Ok(t)
        }
    }
}

/// A resident ID number through the domain parser.
pub fn resident_id(cell: &Cell) -> Result<ResidentId, Wrong> {
    let t = id_text(cell)?;
    if t.is_empty() {
        return Err(wrong("身份证号码不能为空", "the ID number is empty"));
    }
    ResidentId::parse(&t).map_err(|e| (e.zh(), e.to_string()))
}

/// An amount in yuan (at most two decimals), never negative.
pub fn money(cell: &Cell) -> Result<Option<Money>, Wrong> {
    if cell.is_empty() {
        return Ok(None);
    }
    let t = match cell {
        // Rust prints the shortest text that reads back as the same number: 998.5, not 998.4999.
        Cell::Number(f) => format!("{f}"),
        other => text(other),
    };
    let t = t.trim_end_matches('元').trim();
    let m = Money::parse(t).map_err(|e| (e.zh(), e.to_string()))?;
    if m.is_negative() {
        return Err(wrong("金额不能为负数", "the amount cannot be negative"));
    }
    Ok(Some(m))
}

/// A date: a date cell, YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, or an
/// Excel day number; not after `today` and not before 1950.
pub fn date(cell: &Cell, today: NaiveDate) -> Result<NaiveDate, Wrong> {
    let d = match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(f) if f.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(f) => {
            parse_date(&format!("{}", *f as u64))
        }
        Cell::Number(f) if f.fract() == 0.0 && (1.0..=2_958_465.0).contains(f) => {
            NaiveDate::from_ymd_opt(1899, 12, 30).map(|base| base + Duration::days(*f as i64))
        }
        other => parse_date(&text(other)),
    };
    let shown = cell.shown();
    let d = d.ok_or_else(|| {
        wrong(
            format!("“{shown}”不是日期，请写成 2025-03-01"),
            format!("'{shown}' is not a date; write it as 2025-03-01"),
        )
    })?;
    if d > today {
        return Err(wrong(
            format!("日期 {d} 晚于今天"),
            format!("the date {d} is after today"),
        ));
    }
    if d < NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(d) {
        return Err(wrong(
            format!("日期 {d} 太早，请核对"),
            format!("the date {d} is too early; check it"),
        ));
    }
    Ok(d)
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    let t = t.split_whitespace().next().unwrap_or("");
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn id_numbers_as_numbers_are_recovered_only_when_exact() {
        // A 15-digit first-generation number fits an f64 exactly.
        assert_eq!(
            id_text(&Cell::Number(610203900101123.0)),
            Ok("610203900101123".into())
        );
        // 18 digits never do: refused, saying so, instead of guessing the last digits.
        let lost = id_text(&Cell::Number(610203199001011234.0));
        assert!(
            matches!(&lost, Err((zh, _)) if zh.contains("超出数字精度") && zh.contains("6.10203199001011"))
        );
        let text = id_text(&Cell::Text("6.10203E+17".into()));
        assert!(matches!(&text, Err((zh, _)) if zh.contains("6.10203E+17")));
        assert_eq!(
            id_text(&Cell::Text(" 61020319900101123X ".into())),
            Ok("61020319900101123X".into())
        );
    }

    #[test]
    fn money_and_dates_in_their_usual_spellings() {
        assert_eq!(
            money(&Cell::Number(998.5)),
            Ok(Some(Money::from_fen(99850)))
        );
        assert_eq!(
            money(&Cell::Text("1,234.56元".into())),
            Ok(Some(Money::from_fen(123456)))
        );
        assert_eq!(money(&Cell::Empty), Ok(None));
        assert!(matches!(money(&Cell::Text("-3".into())), Err((zh, _)) if zh.contains("负")));
        assert!(matches!(money(&Cell::Number(1.234)), Err((zh, _)) if zh.contains("两位")));
        let today = day(2026, 3, 2);
        for (cell, want) in [
            (Cell::Text("2025-03-01".into()), day(2025, 3, 1)),
            (Cell::Text("2025/3/1".into()), day(2025, 3, 1)),
            (Cell::Text("2025年3月1日".into()), day(2025, 3, 1)),
            (Cell::Number(20250301.0), day(2025, 3, 1)),
            (Cell::Number(45717.0), day(2025, 3, 1)),
            (Cell::Date(day(2025, 3, 1)), day(2025, 3, 1)),
        ] {
            assert_eq!(date(&cell, today), Ok(want), "{cell:?}");
        }
        assert!(
            matches!(date(&Cell::Text("2027-01-01".into()), today), Err((zh, _)) if zh.contains("晚于今天"))
        );
        assert!(
            matches!(date(&Cell::Text("去年".into()), today), Err((zh, _)) if zh.contains("不是日期"))
        );
    }
}
