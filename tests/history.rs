//! The History tab reads as sentences (issue 14, point 10): an application typed through
//! the real event loop, then its trail on the case — no raw keys (`case.submit`,
//! `applied_on:`, `household:  → household:8504`) in either language.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::domain::resident_id::ResidentId;
use safetynet::tui::screens::case_detail::CaseDetailScreen;
use safetynet::tui::Lang;

fn id(birth: (i32, u32, u32), seq: u16) -> String {
    let d = NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).expect("date");
    ResidentId::compose(610222, d, seq)
        .expect("id")
        .as_str()
        .to_string()
}

/// Submit a two-person application and open its History tab.
fn submitted_history(lang: Lang) -> String {
    let f = district(40);
    let mut s = Session::new(f.cx(lang, colour()));
    s.keys("n<tab><tab>一组12号<tab>13812345678<tab><tab><tab><tab>");
    s.keys(&format!(
        "张三<tab>{}<tab><c-n>李四<tab>{}<tab><left><pgdn>",
        id((1980, 4, 1), 11),
        id((1982, 6, 2), 22)
    ));
    // Income, expenses, assets, needs, obligors: on to the confirmation.
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn><ret>");
    assert!(s.ui.screen().is::<CaseDetailScreen>(), "{}", s.screen());
    s.keys("<tab><tab><tab><tab><tab>");
    s.screen()
}

/// What the tab showed before: the action key, field keys, the target key as a value.
const RAW: &[&str] = &["case.submit", "applied_on", "household:8", "household:  →"];

#[test]
fn history_in_chinese_is_sentences() {
    let screen = submitted_history(Lang::Zh);
    assert!(screen.contains("审计记录"), "{screen}");
    assert!(screen.contains("提交了申请"), "{screen}");
    assert!(screen.contains("申请日期：2026-"), "{screen}");
    assert!(screen.contains("家庭：#"), "{screen}");
    assert!(screen.contains("阶段：草稿 → 已申请"), "{screen}");
    assert!(!screen.contains("household"), "{screen}");
    for raw in RAW {
        assert!(!screen.contains(raw), "{raw} on screen:\n{screen}");
    }
}

#[test]
fn history_in_english_is_sentences() {
    let screen = submitted_history(Lang::En);
    assert!(screen.contains("submitted the application"), "{screen}");
    assert!(screen.contains("applied on: 2026-"), "{screen}");
    assert!(screen.contains("stage: draft → submitted"), "{screen}");
    assert!(screen.contains("household: #"), "{screen}");
    assert!(screen.contains("channel: own application"), "{screen}");
    for raw in RAW {
        assert!(!screen.contains(raw), "{raw} on screen:\n{screen}");
    }
}
