//! The prompts tests/prompts.rs and tests/prompts_more.rs do not reach (issue 14's
//! Done-when: every prompt over a screen full of Chinese text): the review meeting's
//! decisions and its end, the district check of a relative-of-staff case, and the spot
//! check's draw and outcome. Each is typed through the real event loop at 80x24; every row
//! of the popup starts and ends with its border glyph (`common::popup_rows`), and the
//! whole screen is snapshotted.

mod common;

use common::{colour, district, Session};
use safetynet::app::meeting;
use safetynet::app::session::{Actor, Role};
use safetynet::app::staff_relatives::{self, StaffInput};
use safetynet::domain::case::{Decision, Stage};
use safetynet::domain::staff_relatives::{Kinship, StaffRole};
use safetynet::domain::town::Town;
use safetynet::store::CaseFilter;
use safetynet::tui::prompt::Question;
use safetynet::tui::Lang;

/// Rows of the popup titled `title`, failing when there is none.
fn popup(s: &mut Session, title: &str) -> Vec<String> {
    let rows = s.popup(title);
    assert!(!rows.is_empty(), "no popup {title}:\n{}", s.screen());
    rows
}

#[test]
fn meeting_decisions_and_its_end_ask_over_the_card() {
    let mut f = district(300);
    let officer = Actor::demo_officer();
    let town = Town::ALL
        .iter()
        .copied()
        .max_by_key(|t| meeting::agenda(&f.services, &officer, *t).map_or(0, |a| a.len()))
        .expect("towns");
    f.actor = Actor {
        user: "lijuan".into(),
        display: "李娟".into(),
        role: Role::TownReviewer,
        town: Some(town),
    };
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("M<tab><tab>王芳，李强<ret>");
    assert!(s.screen().contains("审核会议 · 1/"), "{}", s.screen());
    // Reject: the reason prompt names the case and the proposal.
    s.keys("r");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::Decide(Decision::Reject))
    );
    let text = popup(&mut s, "不予认定").join("\n");
    assert!(
        text.contains("系统建议：") && text.contains("理由"),
        "{text}"
    );
    insta::assert_snapshot!("prompt_meeting_reject_zh", s.screen());
    s.keys("<esc>");
    assert!(s.ui.prompt().is_none(), "{}", s.screen());
    // Another category: the category choice and the reason.
    s.keys("o");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::Decide(Decision::ConfirmOther))
    );
    let text = popup(&mut s, "认定为其他类别").join("\n");
    assert!(text.contains("认定类别") && text.contains("理由"), "{text}");
    insta::assert_snapshot!("prompt_meeting_other_zh", s.screen());
    s.keys("<esc>");
    // Send back: the reason prompt.
    s.keys("b");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::Decide(Decision::SendBack))
    );
    let text = popup(&mut s, "退回调查").join("\n");
    assert!(text.contains("理由"), "{text}");
    s.keys("<esc>");
    // Confirm as proposed: a yes/no question restating the proposal.
    s.keys("c");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::Decide(Decision::ConfirmAsProposed))
    );
    let text = popup(&mut s, "按建议认定").join("\n");
    assert!(text.contains("y/Enter"), "{text}");
    insta::assert_snapshot!("prompt_meeting_confirm_zh", s.screen());
    s.keys("n");
    assert!(s.ui.prompt().is_none(), "{}", s.screen());
    // End the meeting: asks; n stays on the card.
    s.keys("e");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::EndMeeting)
    );
    let text = popup(&mut s, "结束会议").join("\n");
    assert!(text.contains("结束会议并生成纪要？"), "{text}");
    insta::assert_snapshot!("prompt_meeting_end_zh", s.screen());
    s.keys("n");
    assert!(s.ui.prompt().is_none());
    assert!(s.screen().contains("审核会议 · 1/"), "{}", s.screen());
}

#[test]
fn the_district_check_asks_over_a_flagged_case() {
    let f = district(300);
    let s = &f.services;
    let row = s
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(Stage::UnderReview),
            },
            0,
            1,
        )
        .expect("rows")
        .into_iter()
        .next()
        .expect("a case under review");
    let case = s.store.case(row.case).expect("read").expect("case");
    let h = s.store.household(case.household).expect("read").expect("h");
    let m = &h.members[0];
    staff_relatives::save_entry(
        s,
        &f.actor,
        StaffInput {
            id: 0,
            rev: 0,
            name: "王建国".into(),
            role: StaffRole::CivilAffairs,
            town: Town::Chenlu,
            post: "陈炉镇民政办".into(),
            relatives: vec![(m.name.clone(), m.id.as_str().to_string(), Kinship::Sibling)],
        },
    )
    .expect("saved");
    let number = case.number.expect("number").to_string();
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys(&format!("/{number}<ret>"));
    k.keys("K");
    assert_eq!(
        k.ui.prompt().map(|p| p.question),
        Some(Question::DistrictCheck)
    );
    let text = popup(&mut k, "区级核查").join("\n");
    assert!(
        text.contains("核查结果") && text.contains("王建国"),
        "{text}"
    );
    insta::assert_snapshot!("prompt_district_check_zh", k.screen());
    k.keys("<esc>");
    assert!(k.ui.prompt().is_none(), "{}", k.screen());
}

#[test]
fn the_spot_check_asks_town_period_and_outcome() {
    let f = district(400);
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys("K");
    k.keys("d");
    assert_eq!(k.ui.prompt().map(|p| p.question), Some(Question::SpotDraw));
    let text = popup(&mut k, "抽查").join("\n");
    assert!(text.contains("镇街") && text.contains("期间"), "{text}");
    insta::assert_snapshot!("prompt_spot_draw_zh", k.screen());
    // Draw the whole year of the demo's decisions in the first town, then ask an outcome.
    k.keys("<tab>");
    for _ in 0..7 {
        k.keys("<bs>");
    }
    k.keys("2026<ret>");
    assert!(k.ui.prompt().is_none(), "{}", k.screen());
    k.keys("<ret>");
    assert_eq!(
        k.ui.prompt().map(|p| p.question),
        Some(Question::SpotOutcome)
    );
    let text = popup(&mut k, "登记抽查结果").join("\n");
    assert!(text.contains("核查结果") && text.contains("说明"), "{text}");
    insta::assert_snapshot!("prompt_spot_outcome_zh", k.screen());
    k.keys("<esc>");
    assert!(k.ui.prompt().is_none());
}
