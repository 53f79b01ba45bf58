//! The review step through the real event loop (issue 14, point 7 and the review half of
//! point 4): a role that may not decide is told so before any form opens, and when the
//! engine proposes no category the decision defaults to 不予认定 (not low-income) and the
//! confirmation says so.

mod common;

use common::{colour, district, Fixture, Session};
use safetynet::app::session::{Actor, Role};
use safetynet::app::workflow;
use safetynet::domain::case::{CaseId, Stage};
use safetynet::domain::case_row::CaseRow;
use safetynet::store::CaseFilter;
use safetynet::tui::screens::case_detail::CaseDetailScreen;
use safetynet::tui::screens::steps::StepScreen;
use safetynet::tui::{Cx, Lang};

fn under_review(f: &Fixture) -> Vec<CaseRow> {
    let filter = CaseFilter {
        town: None,
        stage: Some(Stage::UnderReview),
    };
    f.services.store.case_rows(filter, 0, 500).expect("rows")
}

fn open(s: &mut Session, r: &CaseRow) {
    let number = r.number.expect("numbered").to_string();
    s.keys(&format!("/{number}<ret>"));
    assert!(s.ui.screen().is::<CaseDetailScreen>(), "{}", s.screen());
}

#[test]
fn a_town_clerk_is_told_before_the_review_form_opens() {
    let f = district(200);
    let r = under_review(&f)
        .into_iter()
        .next()
        .expect("a case under review");
    let clerk = Actor {
        user: "clerk".into(),
        display: "clerk".into(),
        role: Role::TownClerk,
        town: Some(r.town),
    };
    let cx = Cx::new(&f.services, &clerk, Lang::Zh, colour());
    let mut s = Session::new(cx);
    open(&mut s, &r);
    s.keys("a");
    assert!(s.ui.screen().is::<CaseDetailScreen>(), "{}", s.screen());
    let status = s.ui.status().unwrap_or_default().to_string();
    assert!(status.contains("“镇民政专干”不能审核确认"), "{status}");
    assert!(status.contains("镇审核人员"), "{status}");
}

/// An under-review case the engine proposes no category for.
fn no_proposal(f: &Fixture) -> Option<CaseId> {
    under_review(f).into_iter().find_map(|r| {
        let p = workflow::propose(&f.services, &f.actor, r.case, common::today()).ok()?;
        p.category.is_none().then_some(r.case)
    })
}

#[test]
fn without_a_proposed_category_the_decision_defaults_to_not_low_income() {
    let f = district(600);
    let case = no_proposal(&f).expect("an under-review case with no proposed category");
    let rows = under_review(&f);
    let r = rows.iter().find(|r| r.case == case).expect("row");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    open(&mut s, r);
    s.keys("a");
    assert!(s.ui.screen().is::<StepScreen>(), "{}", s.screen());
    let screen = s.screen();
    let decision = screen
        .lines()
        .find(|l| l.contains("决定"))
        .unwrap_or_else(|| panic!("no decision field:\n{screen}"));
    assert!(decision.contains("不予认定"), "{decision}");
    assert!(!decision.contains("按建议认定"), "{decision}");
    // A refusal needs its reason; then the question restates it, no category or amount.
    s.keys("<c-s>");
    assert!(s.screen().contains("请填写理由"), "{}", s.screen());
    s.keys("<tab><tab>存款超过上限<c-s>");
    let text = s.popup("审核确认").join("\n");
    assert!(text.contains("不予认定"), "{text}");
    assert!(!text.contains("月保障金"), "{text}");
    assert!(text.contains("存款超过上限"), "{text}");
}
