//! The meeting minute (会议纪要): as text (what the minute screen shows) and as CSV, UTF-8
//! with a BOM so Excel opens it in Chinese, one row per decision. No ID numbers: the
//! minute names cases by number and head of household. Every export is audited.

use std::path::{Path, PathBuf};

use crate::app::referrals::Lang;
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::case::{CaseId, CaseNumber, Decision};
use crate::domain::meeting::{Meeting, MeetingId};
use crate::domain::Label;
use crate::store::AuditEntry;

fn t<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn of(lang: Lang, value: &dyn Label) -> &'static str {
    match lang {
        Lang::Zh => value.zh(),
        Lang::En => value.en(),
    }
}

fn label(case: CaseId, number: Option<CaseNumber>) -> String {
    number.map_or(format!("#{}", case.0), |n| n.to_string())
}

/// The minute as lines of text, in `lang`.
pub fn minute_text(m: &Meeting, lang: Lang) -> Vec<String> {
    let mut out = vec![
        format!(
            "{} {}",
            of(lang, &m.town),
            t(lang, "审核确认专班会议纪要", "review meeting minute")
        ),
        format!(
            "{}{}  {}{}  {}{}",
            t(lang, "会议编号：", "Meeting: "),
            m.id.0,
            t(lang, "日期：", "Date: "),
            m.date,
            t(lang, "状态：", "Status: "),
            of(lang, &m.status)
        ),
        format!("{}{}", t(lang, "主持：", "Chaired by: "), m.chaired_by),
        format!(
            "{}{}",
            t(lang, "参会人员：", "Attendees: "),
            m.attendees.join(t(lang, "、", ", "))
        ),
    ];
    let count = |d: Decision| m.decisions.iter().filter(|x| x.decision == d).count();
    let counts: Vec<String> = Decision::ALL
        .iter()
        .map(|d| format!("{} {}", of(lang, d), count(*d)))
        .collect();
    out.push(format!(
        "{}{}{}  {}",
        t(lang, "决定 ", "Decisions: "),
        m.decisions.len(),
        t(lang, " 件", ""),
        counts.join(t(lang, "，", ", "))
    ));
    out.push(String::new());
    for (i, d) in m.decisions.iter().enumerate() {
        let mut line = format!(
            "{}. {} {}  {}",
            i + 1,
            label(d.case, d.number),
            d.head,
            of(lang, &d.decision)
        );
        if let Some(c) = d.category {
            line.push_str(&format!("：{}", of(lang, &c)));
        }
        if let Some(p) = d
            .proposed
            .filter(|_| d.decision != Decision::ConfirmAsProposed)
        {
            line.push_str(&format!(
                "（{}{}）",
                t(lang, "建议", "proposed "),
                of(lang, &p)
            ));
        }
        out.push(line);
        if !d.reason.is_empty() {
            out.push(format!("   {}{}", t(lang, "理由：", "Reason: "), d.reason));
        }
    }
    if !m.deferred.is_empty() {
        out.push(String::new());
        out.push(t(lang, "留待下次会议审议：", "Left for the next meeting:").to_string());
        for d in &m.deferred {
            out.push(format!("   {} {}", label(d.case, d.number), d.head));
        }
    }
    out
}

const COLUMNS: [(&str, &str); 11] = [
    ("会议编号", "meeting"),
    ("镇街", "town"),
    ("会议日期", "date"),
    ("序号", "no."),
    ("案件编号", "case"),
    ("户主", "head of household"),
    ("系统建议", "proposed"),
    ("会议决定", "decision"),
    ("认定类别", "category"),
    ("理由", "reason"),
    ("记录时间", "recorded at"),
];

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The minute as CSV: a BOM, a header row, then one row per decision.
pub fn minute_csv(m: &Meeting, lang: Lang) -> String {
    let mut out = String::from("\u{feff}");
    let head: Vec<String> = COLUMNS
        .iter()
        .map(|(zh, en)| csv_field(t(lang, zh, en)))
        .collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for (i, d) in m.decisions.iter().enumerate() {
        let row = [
            m.id.0.to_string(),
            of(lang, &m.town).to_string(),
            m.date.to_string(),
            (i + 1).to_string(),
            label(d.case, d.number),
            d.head.clone(),
            d.proposed.map_or("", |c| of(lang, &c)).to_string(),
            of(lang, &d.decision).to_string(),
            d.category.map_or("", |c| of(lang, &c)).to_string(),
            d.reason.clone(),
            d.at.format("%Y-%m-%d %H:%M").to_string(),
        ];
        let row: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinuteFormat {
    Csv,
    Text,
}

impl MinuteFormat {
    /// From the file name: `.csv` or `.txt`.
    pub fn of(path: &Path) -> Result<MinuteFormat, AppError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(MinuteFormat::Csv),
            Some("txt") => Ok(MinuteFormat::Text),
            _ => Err(AppError::Invalid(
                format!("纪要文件名要以 .csv 或 .txt 结尾：{}", path.display()),
                format!(
                    "the minute file must end in .csv or .txt: {}",
                    path.display()
                ),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub path: PathBuf,
    pub format: MinuteFormat,
    pub decisions: usize,
}

/// Write the minute of meeting `id` to `path` (.csv or .txt), then audit the export.
pub fn export(
    services: &Services,
    actor: &Actor,
    id: MeetingId,
    path: &Path,
    lang: Lang,
) -> Result<Exported, AppError> {
    let format = MinuteFormat::of(path)?;
    let m = super::load(services, actor, id)?;
    let body = match format {
        MinuteFormat::Csv => minute_csv(&m, lang),
        MinuteFormat::Text => {
            let mut s = String::from("\u{feff}");
            for line in minute_text(&m, lang) {
                s.push_str(&line);
                s.push_str("\r\n");
            }
            s
        }
    };
    std::fs::write(path, body).map_err(|e| {
        AppError::Invalid(
            format!("无法写入文件 {}：{e}", path.display()),
            format!("cannot write {}: {e}", path.display()),
        )
    })?;
    let entry = AuditEntry::new(
        services.now(),
        &actor.user,
        "meeting.export",
        crate::store::meetings::meeting_target(m.id),
    )
    .with_note(format!("{}：决定{}件", path.display(), m.decisions.len()));
    services.store.append_audit(entry)?;
    Ok(Exported {
        path: path.to_path_buf(),
        format,
        decisions: m.decisions.len(),
    })
}
