//! An audit entry as sentences in the interface language: "2026-02-09 10:02 clerk1
//! 提交了申请" and one line per change ("申请日期：2026-02-09", "阶段：待受理 → 调查中"),
//! for the case's History tab and the audit trail screen. Keys the store keeps
//! (`case.submit`, `applied_on`, `household:8504`) never reach the screen when known.

use crate::app::audit::AuditEntry;
use crate::domain::audit::{AuditAction, AuditField};
use crate::domain::case::{Channel, Decision, Stage};
use crate::domain::category::Category;
use crate::domain::Label;
use crate::tui::Lang;

/// "<who> <did what>" ("clerk1 提交了申请"); an unknown action keeps its key.
pub fn sentence(lang: Lang, e: &AuditEntry) -> String {
    let did = AuditAction::parse(&e.action).map_or(e.action.as_str(), |a| lang.of(&a));
    if e.note.is_empty() {
        format!("{} {did}", e.by)
    } else {
        let (open, close) = match lang {
            Lang::Zh => ("（", "）"),
            Lang::En => (" (", ")"),
        };
        format!("{} {did}{open}{}{close}", e.by, note(lang, &e.note))
    }
}

/// What an entry was done to, in words: "案件 #200", "household #7", "账号 clerk1".
pub fn target(lang: Lang, target: &str) -> String {
    let kinds = [
        ("case:", "案件 #", "case #"),
        ("household:", "家庭 #", "household #"),
        ("alert:", "预警 #", "alert #"),
        ("referral:", "推送 #", "referral #"),
        ("meeting:", "会议 #", "meeting #"),
        ("user:", "账号 ", "account "),
        ("draft:", "草稿 ", "draft "),
    ];
    for (prefix, zh, en) in kinds {
        if let Some(id) = target.strip_prefix(prefix) {
            return format!("{}{id}", lang.t(zh, en));
        }
    }
    match target {
        "store" => lang.t("数据库", "store").to_string(),
        "standards" => lang.t("认定标准", "standards").to_string(),
        other => other.to_string(),
    }
}

/// One line per change: "field：new" for a value set, "field：old → new" for a change.
pub fn changes(lang: Lang, e: &AuditEntry) -> Vec<String> {
    e.changes
        .iter()
        .map(|(field, old, new)| {
            let f = AuditField::parse(field);
            let name = f.map_or(field.as_str(), |f| lang.of(&f));
            let sep = lang.t("：", ": ");
            let (old, new) = (value(lang, f, old), value(lang, f, new));
            match (old.is_empty(), new.is_empty()) {
                (true, _) => format!("{name}{sep}{new}"),
                (false, true) => format!("{name}{sep}{old} → {}", lang.t("（无）", "(none)")),
                (false, false) => format!("{name}{sep}{old} → {new}"),
            }
        })
        .collect()
}

/// A stored value in the interface language: targets as "#8504", labels the store kept in
/// Chinese under their English name.
fn value(lang: Lang, field: Option<AuditField>, v: &str) -> String {
    for prefix in ["household:", "case:", "alert:", "user:"] {
        if let Some(id) = v.strip_prefix(prefix) {
            return format!("#{id}");
        }
    }
    if lang == Lang::Zh {
        return v.to_string();
    }
    let en = match field {
        Some(AuditField::Stage) => english(Stage::ALL, v),
        Some(AuditField::Category | AuditField::Standing) => english(Category::ALL, v),
        Some(AuditField::Decision) => english(Decision::ALL, v),
        Some(AuditField::Channel) => english(Channel::ALL, v),
        _ => None,
    };
    en.map_or_else(|| v.to_string(), str::to_string)
}

fn english<T: Label>(all: &[T], zh: &str) -> Option<&'static str> {
    all.iter().find(|x| x.zh() == zh).map(Label::en)
}

/// Notes written in both languages ("导入 / import: …") show the half of this language.
fn note(lang: Lang, note: &str) -> String {
    match note.split_once(" / ") {
        Some((zh, en)) if !zh.is_ascii() && !zh.contains('/') => match lang {
            Lang::Zh => zh.to_string(),
            Lang::En => en.to_string(),
        },
        _ => note.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: &str) -> AuditEntry {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 2, 9)
            .and_then(|d| d.and_hms_opt(10, 2, 0))
            .unwrap_or_default();
        AuditEntry::new(at, "clerk1", action, "case:7".into())
    }

    #[test]
    fn submit_reads_as_sentences_in_both_languages() {
        let e = entry("case.submit")
            .with_change("household", String::new(), "household:8504".into())
            .with_change("applied_on", String::new(), "2026-02-09".into())
            .with_change("stage", "草稿".into(), "已申请".into());
        assert_eq!(sentence(Lang::Zh, &e), "clerk1 提交了申请");
        assert_eq!(sentence(Lang::En, &e), "clerk1 submitted the application");
        assert_eq!(
            changes(Lang::Zh, &e),
            ["家庭：#8504", "申请日期：2026-02-09", "阶段：草稿 → 已申请"]
        );
        let en = changes(Lang::En, &e);
        assert_eq!(en[0], "household: #8504");
        assert_eq!(en[1], "applied on: 2026-02-09");
        assert_eq!(en[2], "stage: draft → submitted");
    }

    #[test]
    fn targets_in_words() {
        assert_eq!(target(Lang::Zh, "case:200"), "案件 #200");
        assert_eq!(target(Lang::En, "household:7"), "household #7");
        assert_eq!(target(Lang::En, "user:clerk1"), "account clerk1");
        assert_eq!(target(Lang::Zh, "store"), "数据库");
        assert_eq!(target(Lang::En, "odd:1"), "odd:1");
    }

    #[test]
    fn unknown_keys_are_shown_as_they_are_and_notes_split_by_language() {
        let e = entry("case.teleport").with_note("导入 / import: a.csv:3");
        assert_eq!(sentence(Lang::Zh, &e), "clerk1 case.teleport（导入）");
        assert_eq!(
            sentence(Lang::En, &e),
            "clerk1 case.teleport (import: a.csv:3)"
        );
        let e = entry("case.accept").with_change("wormhole", "a".into(), "b".into());
        assert_eq!(changes(Lang::En, &e), ["wormhole: a → b"]);
    }
}
