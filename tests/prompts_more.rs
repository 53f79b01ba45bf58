//! The prompts tests/prompts.rs does not reach, each typed through the real event loop at
//! 80x24 over a screen full of Chinese text: every row of the popup starts and ends with
//! its border glyph (`common::popup_rows`), and a snapshot of the whole screen.

mod common;

use common::{colour, district, Fixture, Session};
use safetynet::app::monitoring::{self, RosterFilter};
use safetynet::domain::household::HouseholdId;
use safetynet::domain::indicators::Safety;
use safetynet::domain::monitoring::Group;
use safetynet::tui::prompt::Question;
use safetynet::tui::Lang;

/// A refused household on the roster with a reading that finds its housing unsafe.
fn unsafe_housing_alert(f: &Fixture) -> HouseholdId {
    let s = &f.services;
    let filter = RosterFilter {
        group: Some(Group::Rejected),
        ..RosterFilter::default()
    };
    let roster = monitoring::roster(s, &f.actor, filter).expect("roster");
    let id = roster.rows.first().expect("a refused household").household;
    let view = monitoring::household_view(s, &f.actor, id).expect("view");
    let mut r = view.latest.to_reading(id, s.today(), "demo-officer");
    r.housing = Safety::Unsafe;
    monitoring::record_reading(s, &f.actor, view.household.rev, r).expect("reading");
    id
}

#[test]
fn alert_questions_over_the_queue() {
    let f = district(300);
    unsafe_housing_alert(&f);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // Verify, then the no-risk question with its reason field.
    s.keys("av");
    s.keys("n");
    assert_eq!(s.ui.prompt().map(|p| p.question), Some(Question::NoRisk));
    let rows = s.popup("核实无风险");
    assert!(!rows.is_empty());
    insta::assert_snapshot!("prompt_alert_no_risk", s.screen());
    s.keys("<esc>");
    assert!(s.ui.prompt().is_none(), "{}", s.screen());
    // Turning it into an application asks first.
    s.keys("a");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::ToApplication)
    );
    let text = s.popup("转入申请").join("\n");
    assert!(text.contains('y') && text.contains('n'), "{text}");
    insta::assert_snapshot!("prompt_alert_to_application", s.screen());
    s.keys("n");
    assert!(s.ui.prompt().is_none());
}

#[test]
fn discarding_a_draft_asks_over_the_drafts_list() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // A draft: the household step typed, then leave the wizard keeping it.
    s.keys("n<tab><tab>一组12号<tab>13812345678<tab><esc>y");
    s.keys("d");
    s.keys("x");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(Question::DiscardDraft)
    );
    let text = s.popup("删除草稿").join("\n");
    assert!(text.contains("不能恢复"), "{text}");
    insta::assert_snapshot!("prompt_discard_draft", s.screen());
    s.keys("y");
    assert!(s.ui.prompt().is_none());
    assert!(safetynet::app::drafts::list(&f.services, &f.actor)
        .expect("drafts")
        .is_empty());
}
