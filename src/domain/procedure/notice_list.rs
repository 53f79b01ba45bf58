//! The notice list (公示名单) of a village or a town: the households now in public notice,
//! with the head of household's name, the people covered, the category and the proposed
//! amount, and the head's ID number masked — never in full. The text form is laid out for
//! A4 with a title, the period, the office and the hotline.

use chrono::NaiveDate;

use super::layout::{centred, paragraph, right};
use super::settings::Office;
use crate::domain::case::{Case, Stage};
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::member::Relation;
use crate::domain::money::Money;
use crate::domain::town::Town;
use crate::domain::Label;

/// One household on the notice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRow {
    pub number: String,
    pub village: String,
    pub head: String,
    /// `610203********123X`.
    pub id_masked: String,
    pub persons: usize,
    pub category: Option<Category>,
    pub benefit: Option<Money>,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// The row of a case in public notice; `None` for any other case.
pub fn notice_row(case: &Case, h: &Household) -> Option<NoticeRow> {
    if case.stage != Stage::InNotice {
        return None;
    }
    let notice = case.procedure.notice()?;
    let review = case.review.as_ref();
    let head = h
        .members
        .iter()
        .find(|m| m.relation == Relation::Head)
        .or(h.members.first());
    let category = review.and_then(|r| r.category);
    Some(NoticeRow {
        number: case
            .number
            .map_or(format!("#{}", case.id.0), |n| n.to_string()),
        village: h.village.clone(),
        head: h.head_name().to_string(),
        id_masked: head.map(|m| m.id.masked()).unwrap_or_default(),
        persons: h.size(),
        category,
        // The engine's amount stands only where the meeting kept its category.
        benefit: review
            .filter(|r| r.category == r.proposed)
            .and_then(|r| r.proposed_benefit),
        start: notice.start,
        end: notice.end,
    })
}

/// The columns of the list (zh, en).
pub const COLUMNS: [(&str, &str); 9] = [
    ("案件编号", "Case"),
    ("村（社区）", "Village"),
    ("户主", "Head"),
    ("身份证号", "ID number"),
    ("保障人数", "People"),
    ("拟认定类别", "Category"),
    ("拟月保障金（元）", "Proposed monthly amount"),
    ("公示开始", "Notice from"),
    ("公示结束", "Notice until"),
];

/// The cells of a row, in the order of [`COLUMNS`].
pub fn cells(r: &NoticeRow, english: bool) -> [String; 9] {
    [
        r.number.clone(),
        r.village.clone(),
        r.head.clone(),
        r.id_masked.clone(),
        r.persons.to_string(),
        r.category.map_or(String::new(), |c| {
            if english { c.en() } else { c.zh() }.to_string()
        }),
        r.benefit.map_or(String::new(), |b| b.plain()),
        r.start.to_string(),
        r.end.to_string(),
    ]
}

/// The notice to post: title, the households (one line each), the period, the office and
/// the hotline, dated `on`.
pub fn notice_text(
    town: Town,
    village: Option<&str>,
    rows: &[NoticeRow],
    office: &Office,
    on: NaiveDate,
) -> Vec<String> {
    let place = format!("{}{}", town.zh(), village.unwrap_or(""));
    let mut out = vec![centred("最低生活保障等社会救助审核确认公示"), String::new()];
    let first = rows.iter().map(|r| r.start).min();
    let last = rows.iter().map(|r| r.end).max();
    let period = match (first, last) {
        (Some(a), Some(b)) => format!("{a}至{b}"),
        _ => "—".to_string(),
    };
    out.extend(paragraph(
        &format!(
            "经入户调查、家庭经济状况核对和审核，{place}下列家庭拟确认为社会救助对象，现予公示。公示期：{period}。对公示对象有异议的，请在公示期内向{}反映，监督电话：{}。",
            office.name, office.hotline
        ),
        4,
        0,
    ));
    out.push(String::new());
    let line = |cols: [&str; 7]| {
        let widths: [usize; 7] = [4, 8, 10, 18, 4, 16, 10];
        let mut l = String::new();
        for (i, (c, w)) in cols.iter().zip(widths).enumerate() {
            if i > 0 {
                l.push(' ');
            }
            if i == 4 || i == 6 {
                use unicode_width::UnicodeWidthStr;
                l.push_str(&" ".repeat(w.saturating_sub(c.width())));
                l.push_str(c);
            } else {
                l.push_str(&pad(c, w));
            }
        }
        l.trim_end().to_string()
    };
    out.push(line([
        "序号",
        "户主",
        "村（社区）",
        "身份证号",
        "人数",
        "拟认定类别",
        "拟月保障金",
    ]));
    for (i, r) in rows.iter().enumerate() {
        let n = (i + 1).to_string();
        let persons = r.persons.to_string();
        let amount = r.benefit.map_or(String::new(), |b| b.to_string());
        out.push(line([
            &n,
            &r.head,
            &r.village,
            &r.id_masked,
            &persons,
            r.category.map_or("", |c| c.zh()),
            &amount,
        ]));
    }
    if rows.is_empty() {
        out.push("（目前没有公示中的家庭）".into());
    }
    out.push(String::new());
    out.extend(paragraph(&format!("共 {} 户。", rows.len()), 4, 0));
    out.push(String::new());
    out.push(right(&office.name));
    out.push(right(&format!("{on}")));
    out
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}
