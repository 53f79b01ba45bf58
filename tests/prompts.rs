//! Every question is the one prompt, drawn by the one popup widget: each is typed
//! through the real event loop at 80x24 over a screen full of Chinese text, and every
//! row of the popup must start and end with its border glyph as the terminal shows it.
//! Also: Esc never quits, `q` asks, keys wait while the size note shows, sign-out.

mod common;

use common::{colour, district, Fixture, Session};
use safetynet::app::workflow;
use safetynet::domain::case::{CaseId, Stage};
use safetynet::store::CaseFilter;
use safetynet::tui::prompt::Question;
use safetynet::tui::{Ended, Lang};

/// Open a numbered case through the quick lookup, as a clerk would.
fn open_by_number(s: &mut Session, number: &str) {
    s.keys(&format!("/{number}<ret>"));
    assert!(
        s.ui.screen()
            .is::<safetynet::tui::screens::case_detail::CaseDetailScreen>(),
        "{}",
        s.screen()
    );
}

#[test]
fn esc_never_quits_and_q_asks_first() {
    let f = district(60);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("<esc><esc><esc>");
    assert!(!s.quit, "Esc on the home screen ended the program");
    s.keys("q");
    let rows = s.popup("退出");
    assert!(
        rows.iter().any(|r| r.contains("退出 safetynet？")),
        "{rows:?}"
    );
    assert!(s.screen().contains("y 是  n 否"), "{}", s.screen());
    s.keys("n");
    assert!(!s.quit && s.ui.prompt().is_none());
    s.keys("q<esc>");
    assert!(!s.quit && s.ui.prompt().is_none());
    s.keys("qy");
    assert!(s.quit);
}

#[test]
fn keys_wait_while_the_window_is_too_small() {
    let f = district(60);
    let mut s = Session::sized(f.cx(Lang::Zh, colour()), 60, 20);
    s.keys("c");
    assert!(
        s.ui.screen()
            .is::<safetynet::tui::screens::dashboard::DashboardScreen>(),
        "c opened a screen behind the size note"
    );
    s.terminal.backend_mut().resize(80, 24);
    s.keys("c");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::case_list::CaseListScreen>());
}

#[test]
fn the_sign_out_key_ends_the_session() {
    let f = district(60);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("o");
    assert_eq!(s.ended, Some(Ended::SignedOut));
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("c<c-o>");
    assert_eq!(s.ended, Some(Ended::SignedOut));
}

const HOUSEHOLD: &str = "<tab><tab>一组12号<tab>13812345678<tab><tab><tab><tab>";

#[test]
fn intake_questions_over_the_member_table() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n").keys(HOUSEHOLD);
    s.keys("张三<tab>");
    // Delete the row: the question sits over the member table's Chinese labels.
    s.keys("<c-d>");
    let rows = s.popup("删除");
    assert!(rows.iter().any(|r| r.contains("删除这一行？")), "{rows:?}");
    insta::assert_snapshot!("prompt_delete_row", s.screen());
    s.keys("n");
    assert!(s.ui.prompt().is_none());
    // Leave: from the first step Esc asks; n stays, d discards.
    s.keys("<esc><esc>");
    let rows = s.popup("离开新申请");
    assert!(rows.iter().any(|r| r.contains("d 删除草稿")), "{rows:?}");
    insta::assert_snapshot!("prompt_leave_intake", s.screen());
    s.keys("n");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::intake::IntakeScreen>());
    s.keys("<esc>d");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
}

#[test]
fn step_questions_restate_what_will_be_written() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // A submitted case: accept asks, restating the deadline.
    s.keys("css<ret>");
    s.keys("a<ret>");
    let rows = s.popup("受理");
    assert!(rows.iter().any(|r| r.contains("审核期限")), "{rows:?}");
    insta::assert_snapshot!("prompt_accept", s.screen());
    s.keys("y");
    assert!(s.screen().contains("已保存：受理"), "{}", s.screen());
    // Starting the investigation asks on the case itself.
    s.keys("a");
    let rows = s.popup("开始调查");
    assert!(
        rows.iter().any(|r| r.contains("确认开始调查核实")),
        "{rows:?}"
    );
    s.keys("y");
    let stage = match s
        .ui
        .screen()
        .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    {
        Some(d) => d.detail().case.stage,
        _ => panic!("not on the case"),
    };
    assert_eq!(stage, Stage::Investigating, "{}", s.screen());
}

/// An under-review case whose proposal is dibao with a classified supplement.
fn dibao_with_supplement(f: &Fixture) -> Option<(CaseId, String)> {
    let rows = f
        .services
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(Stage::UnderReview),
            },
            0,
            500,
        )
        .expect("rows");
    rows.into_iter().find_map(|r| {
        let p = workflow::propose(&f.services, &f.actor, r.case, common::today()).ok()?;
        let n = r.number?;
        (p.benefit.supplement > safetynet::domain::money::Money::ZERO)
            .then(|| (r.case, n.to_string()))
    })
}

#[test]
fn the_review_reads_to_its_last_line_and_the_confirmation_restates_it() {
    let f = district(600);
    let (_, number) = dibao_with_supplement(&f).expect("a dibao case with a supplement");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    open_by_number(&mut s, &number);
    s.keys("a");
    assert!(
        s.ui.screen()
            .is::<safetynet::tui::screens::steps::StepScreen>(),
        "{}",
        s.screen()
    );
    // PgDn to the end: the formula and the supplement are on screen.
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn><pgdn>");
    let end = s.screen();
    assert!(end.contains("月低保金 ="), "{end}");
    assert!(end.contains("分类施保"), "{end}");
    assert!(end.contains("已到末行"), "{end}");
    insta::assert_snapshot!("review_scrolled_to_the_end", end);
    // Every wrapped line stays inside the border.
    for line in end.lines().skip(1).take(20) {
        assert!(
            line.ends_with('│') || line.ends_with('┐') || line.ends_with('┘'),
            "{line}\n{end}"
        );
    }
    // Enter through the form: the confirmation restates decision, category, tags, amount.
    s.keys("<ret><ret><ret><ret>");
    let rows = s.popup("审核确认");
    let text = rows.join("\n");
    assert!(text.contains("按建议认定"), "{text}");
    assert!(text.contains("低保对象"), "{text}");
    assert!(text.contains("月保障金"), "{text}");
    assert!(text.contains("标识"), "{text}");
    assert!(text.contains("元"), "{text}");
    insta::assert_snapshot!("prompt_review_confirm", s.screen());
    assert_eq!(s.ui.prompt().map(|p| p.question), Some(Question::Step));
}

#[test]
fn help_scrolls_and_any_letter_closes_it() {
    let f = district(60);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("?");
    let first = s.popup("按键帮助");
    assert!(first.iter().any(|r| r.contains("下面还有")), "{first:?}");
    s.keys("<end>");
    let last = s.popup("按键帮助");
    assert!(last.iter().any(|r| r.contains("帮助")), "{last:?}");
    assert!(last.iter().any(|r| r.contains("已到末行")), "{last:?}");
    // A letter closes it and does nothing else.
    s.keys("z");
    assert!(!s.screen().contains("按键帮助"));
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
}
