//! Periodic re-checks (issue 18) through the real event loop at 80x24: the dashboard's
//! line, the queue showing a household on its due date, and the re-check visit typed
//! in the reading form, whose proposal (减发 by the exact amount) is recorded by Enter.

mod common;

use chrono::{Datelike, Months};
use common::{colour, district, Fixture, Session};
use safetynet::app::monitoring;
use safetynet::app::recheck::{self, RecheckInput};
use safetynet::app::AppError;
use safetynet::domain::category::Category;
use safetynet::domain::household::{Household, HouseholdId};
use safetynet::domain::money::Money;
use safetynet::domain::recheck::{DueState, Outcome};
use safetynet::tui::screens::recheck::{RecheckQueueScreen, RecheckScreen};
use safetynet::tui::Lang;

/// A dibao household the engine also finds dibao (with cash), given a first re-check on
/// 2026-03-02 that records its amount; returns it with its next due date.
fn rechecked_once(f: &Fixture) -> (HouseholdId, chrono::NaiveDate, Money) {
    let s = &f.services;
    let mut found = Vec::new();
    s.store
        .for_each_household(|h: Household| -> Result<(), AppError> {
            if h.standing.category == Some(Category::Dibao) {
                found.push(h);
            }
            Ok(())
        })
        .expect("households");
    for h in found {
        let view = monitoring::household_view(s, &f.actor, h.id).expect("view");
        let r = view.latest.to_reading(h.id, s.today(), "demo-officer");
        let p = recheck::propose_recheck(s, &f.actor, &r).expect("proposal");
        if p.found.category != Some(Category::Dibao) || p.found.benefit < Money::from_yuan(300) {
            continue;
        }
        let saved = recheck::record_recheck(
            s,
            &f.actor,
            RecheckInput {
                household_rev: view.household.rev,
                reading: r,
                decided: p.outcome,
                reason: String::new(),
            },
        )
        .expect("first re-check");
        let due = saved.recheck.next_due.expect("next due");
        return (h.id, due, p.found.benefit);
    }
    panic!("no dibao household found dibao");
}

#[test]
fn the_queue_shows_a_household_at_its_due_date_and_the_recheck_proposes_a_decrease() {
    let mut f = district(300);
    let (id, due, benefit) = rechecked_once(&f);
    let months = recheck::settings(&f.services)
        .expect("settings")
        .period(safetynet::domain::recheck::Basis::DibaoIrregular)
        .months;
    assert!(
        due == common::today()
            .checked_add_months(Months::new(months))
            .expect("date")
            || due
                == common::today()
                    .checked_add_months(Months::new(12))
                    .expect("date")
    );
    // The day before its month it is not in the queue; on its due date it is.
    f.services.fixed_today = Some(due.with_day(1).expect("first").pred_opt().expect("day"));
    let before = recheck::due_queue(&f.services, &f.actor, None).expect("queue");
    assert!(before.rows.iter().all(|r| r.household != id));
    f.services.fixed_today = Some(due);
    let queue = recheck::due_queue(&f.services, &f.actor, None).expect("queue");
    let at = queue
        .rows
        .iter()
        .position(|r| r.household == id)
        .expect("in the queue on its due date");
    assert_eq!(queue.rows[at].state, DueState::ThisMonth);
    let head = f.services.store.household(id).expect("read").expect("h");
    let registered = monitoring::household_view(&f.services, &f.actor, id)
        .expect("view")
        .latest
        .annual_income;

    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // The dashboard's line counts it.
    let home = s.screen();
    assert!(
        home.contains(&format!(
            "R 定期复核 逾期 {} 本月到期 {}",
            queue.overdue, queue.this_month
        )),
        "{home}"
    );
    s.keys("R");
    let screen = s.screen();
    assert!(
        screen.contains(&format!("本月到期 {}", queue.this_month)),
        "{screen}"
    );
    // Down to the household, Enter: the re-check visit's reading form.
    s.keys(&"j".repeat(at));
    let shown =
        s.ui.screen()
            .downcast_ref::<RecheckQueueScreen>()
            .expect("queue");
    assert_eq!(shown.rows()[at].household, id);
    assert!(
        s.screen().contains(&format!("本月到期   {due}")),
        "{}",
        s.screen()
    );
    s.keys("<ret>");
    assert!(s.ui.screen().is::<RecheckScreen>());
    // The income found is 1,200 yuan a year more: Tab to it, type, Enter proposes.
    let higher = registered + Money::from_yuan(1200);
    s.keys(&format!("<tab>{}", higher.plain()));
    // Enter works out the proposal, through the keymap (issue 14); the footer says so.
    assert_eq!(s.key_says("Enter"), Some("测算"));
    assert!(s.footer().contains("Enter 测算"), "{}", s.footer());
    s.keys("<ret>");
    let screen = s.screen();
    let less = Money::from_fen(benefit.fen() - 10_000);
    assert!(
        screen.contains(&format!("复核建议：减发，每月 {benefit} 元 → {less} 元")),
        "{screen}"
    );
    insta::assert_snapshot!("recheck_proposal", screen);
    // The whole explanation is there: PgDn scrolls it to its last line.
    s.keys("<pgdn><pgdn><pgdn><pgdn>");
    assert!(s.screen().contains("已到末行"), "{}", s.screen());
    // Home and End too, as the hint says ("End 到底"), with the outcome's choice focused.
    s.keys("<home>");
    assert!(!s.screen().contains("已到末行"), "{}", s.screen());
    s.keys("<end>");
    assert!(s.screen().contains("已到末行"), "{}", s.screen());
    let p =
        s.ui.screen()
            .downcast_ref::<RecheckScreen>()
            .and_then(|r| r.proposal().cloned())
            .expect("proposal");
    assert_eq!(p.outcome, Outcome::Decrease);
    // Enter records the proposal (the keymap's save, in the footer); the queue no longer
    // holds the household.
    assert_eq!(s.key_says("Enter"), Some("保存"));
    assert!(s.footer().contains("Enter 保存"), "{}", s.footer());
    assert_eq!(f.services.store.rechecks_of(id).expect("rechecks").len(), 1);
    s.keys("<ret>");
    let screen = s.screen();
    assert!(screen.contains("复核已保存：减发"), "{screen}");
    assert!(s.ui.screen().is::<RecheckQueueScreen>());
    let checks = f.services.store.rechecks_of(id).expect("rechecks");
    assert_eq!(checks.len(), 2);
    let last = checks.last().expect("last");
    assert_eq!(
        (last.proposed, last.decided),
        (Outcome::Decrease, Outcome::Decrease)
    );
    assert_eq!(last.found.benefit, less);
    assert_eq!(last.date, due);
    assert!(last.next_due.is_some_and(|n| n > due));
    let after = recheck::due_queue(&f.services, &f.actor, None).expect("queue");
    assert!(after.rows.iter().all(|r| r.household != id));
    assert_eq!(
        f.services
            .store
            .household(id)
            .expect("read")
            .expect("h")
            .standing
            .category,
        head.standing.category
    );
}

#[test]
fn another_outcome_needs_a_reason_and_esc_returns_to_the_reading() {
    let mut f = district(300);
    let (id, due, _) = rechecked_once(&f);
    f.services.fixed_today = Some(due);
    let queue = recheck::due_queue(&f.services, &f.actor, None).expect("queue");
    let at = queue
        .rows
        .iter()
        .position(|r| r.household == id)
        .expect("due");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("R");
    s.keys(&"j".repeat(at));
    // Enter opens the re-check; with the income unchanged Enter proposes "keep"; → moves
    // the outcome (a choice, the first field) to the next one (增发), and Enter without a
    // reason is refused.
    s.keys("<ret><ret>");
    assert!(s.screen().contains("复核建议：维持"), "{}", s.screen());
    s.keys("<right><ret>");
    assert!(s.screen().contains("请填写理由"), "{}", s.screen());
    assert!(s.ui.screen().is::<RecheckScreen>());
    s.keys("<esc>");
    assert!(s.screen().contains("复核入户：录入监测"), "{}", s.screen());
    assert_eq!(f.services.store.rechecks_of(id).expect("rechecks").len(), 1);
}

#[test]
fn the_queue_in_english_at_80x24() {
    let mut f = district(300);
    f.services.fixed_today = Some(common::today());
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("R");
    let screen = s.screen();
    insta::assert_snapshot!("recheck_queue_en", screen);
    for line in screen.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    assert!(screen.contains("overdue"), "{screen}");
}
