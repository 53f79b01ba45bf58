//! Screens at 80x24, drawn by the real event loop on a TestBackend, and key sequences
//! typed the way a clerk types them.

mod common;

use common::{colour, district, Session};
use safetynet::domain::case::Stage;
use safetynet::tui::{Lang, Theme};

#[test]
fn dashboard_at_80x24() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("");
    let screen = s.screen();
    insta::assert_snapshot!("dashboard_zh", screen);
    // The figures on screen are the counters in the store.
    let d = f.services.store.caseload().expect("caseload").district();
    let line = screen
        .lines()
        .find(|l| l.contains("户数"))
        .expect("households line");
    let cell = line.split('│').nth(1).expect("first panel");
    assert!(cell.trim_start().starts_with("户数"), "{line}");
    assert!(
        cell.trim_end().ends_with(&d.households.to_string()),
        "{line}"
    );
    let persons = screen
        .lines()
        .find(|l| l.contains("人数"))
        .expect("persons");
    assert!(persons.contains(&d.persons.to_string()), "{persons}");
}

#[test]
fn dashboard_in_english_ascii_without_colour() {
    let f = district(400);
    let theme = Theme {
        color: false,
        ascii: true,
    };
    let mut s = Session::new(f.cx(Lang::En, theme));
    s.keys("");
    let screen = s.screen();
    insta::assert_snapshot!("dashboard_en_ascii", screen);
    assert!(!screen.contains('─') && !screen.contains('█'), "{screen}");
    // Without colour the selection is still visible: reversed and bold.
    let buf = s.terminal.backend().buffer();
    let reversed = buf
        .content()
        .iter()
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(reversed > 0);
    assert!(buf
        .content()
        .iter()
        .all(|c| c.fg == ratatui::style::Color::Reset));
}

#[test]
fn case_list_filters_and_opens_a_case() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("c");
    insta::assert_snapshot!("case_list", s.screen());
    // Filter to the second stage (submitted), open the second row.
    s.keys("ss<down><ret>");
    let Some(detail) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    else {
        panic!("expected the case detail, got:\n{}", s.screen());
    };
    assert_eq!(detail.detail().case.stage, Stage::Submitted);
    let screen = s.screen();
    assert!(screen.contains("已申请"), "{screen}");
    // Full ID numbers appear in the detail, on the members tab.
    s.keys("<tab>");
    let id = detail_first_id(&s);
    assert!(s.screen().contains(&id), "{}", s.screen());
    // Esc twice goes home, a third Esc does nothing; q asks, y quits.
    s.keys("<esc><esc><esc>");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
    assert!(!s.quit);
    s.keys("qy");
    assert!(s.quit);
}

fn detail_first_id(s: &Session) -> String {
    match s
        .ui
        .screen()
        .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    {
        Some(d) => d.detail().household.members[0].id.to_string(),
        _ => panic!("not on a case detail"),
    }
}

#[test]
fn case_list_masks_id_numbers() {
    let f = district(200);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("c");
    let screen = s.screen();
    let Some(list) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_list::CaseListScreen>()
    else {
        panic!("not on the list");
    };
    let row = list.selected_row().expect("a row");
    let h = f
        .services
        .store
        .household(row.household)
        .expect("read")
        .expect("exists");
    let full = h.members[0].id.to_string();
    assert!(!screen.contains(&full), "{screen}");
    assert!(screen.contains(&h.members[0].id.masked()), "{screen}");
}

#[test]
fn paging_to_the_end_of_a_long_list() {
    let f = district(450);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("cG");
    let Some(list) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_list::CaseListScreen>()
    else {
        panic!("not on the list");
    };
    assert_eq!(list.total(), 450);
    let last = list.selected_row().expect("last row").case;
    // Newest first: the last row is the oldest case.
    let oldest = f
        .services
        .store
        .case_rows(Default::default(), 449, 1)
        .expect("rows")[0]
        .case;
    assert_eq!(last, oldest);
    s.keys("g<pgdn>");
    assert!(s.screen().contains(">"), "{}", s.screen());
}

#[test]
fn case_detail_tabs_and_help() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // Open the first overdue-or-due case from the dashboard.
    s.keys("<ret>");
    assert!(
        s.ui.screen()
            .is::<safetynet::tui::screens::case_detail::CaseDetailScreen>(),
        "{}",
        s.screen()
    );
    insta::assert_snapshot!("case_detail_summary", s.screen());
    s.keys("<s-tab>");
    insta::assert_snapshot!("case_detail_history", s.screen());
    s.keys("?");
    let screen = s.screen();
    assert!(
        screen.contains("按键帮助") && screen.contains("下一页签"),
        "{screen}"
    );
    insta::assert_snapshot!("case_detail_help", screen);
    // Any key closes help and does nothing else.
    s.keys("<esc>");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::case_detail::CaseDetailScreen>());
    assert!(!s.screen().contains("按键帮助"));
}

#[test]
fn small_terminal_gets_a_note() {
    let f = district(50);
    let mut s = Session::sized(f.cx(Lang::Zh, colour()), 60, 20);
    s.keys("");
    let screen = s.screen();
    assert!(
        screen.contains("窗口太小") && screen.contains("80x24"),
        "{screen}"
    );
}

#[test]
fn review_tab_explains_the_proposal_in_the_chosen_language() {
    use safetynet::app::workflow::{decide, DecisionInput};
    use safetynet::domain::case::Decision;
    use safetynet::domain::category::Category;
    use safetynet::store::CaseFilter;
    let f = district(300);
    let row = f
        .services
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
        .remove(0);
    let case = f
        .services
        .store
        .case(row.case)
        .expect("read")
        .expect("case");
    let input = DecisionInput {
        decision: Decision::ConfirmOther,
        category: Some(Category::OtherHardship),
        reason: "会议认定".into(),
        date: common::today(),
    };
    let decided = decide(&f.services, &f.actor, case.id, case.rev, input).expect("decided");
    let review = decided.review.expect("review");
    assert_eq!(review.explanation.len(), review.explanation_en.len());
    assert!(!review.explanation_en.is_empty());
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("c");
    // Walk the list to the decided case.
    for _ in 0..300 {
        let Some(list) =
            s.ui.screen()
                .downcast_ref::<safetynet::tui::screens::case_list::CaseListScreen>()
        else {
            panic!("not on the list")
        };
        if list.selected_row().map(|r| r.case) == Some(decided.id) {
            break;
        }
        s.keys("<down>");
    }
    s.keys("<ret><s-tab><s-tab>");
    let screen = s.screen();
    assert!(screen.contains("Why the engine proposed this"), "{screen}");
    let first: String = review.explanation_en[0].chars().take(20).collect();
    assert!(screen.contains(&first), "{first}\n{screen}");
}
