//! Written notices overdue on the dashboard (issue 18): the count line, `l` to the list
//! (the head's ID masked), Enter to the case, its letter produced and delivered there,
//! and the count falls; and the daily run at program start, on the real binary in a pty:
//! approvals whose notice is over take effect before the dashboard shows, audited as the
//! daily run, once.

mod common;

use std::time::Duration;

use common::cases::{d, under_review};
use common::pty::{Pty, BIN};
use common::{colour, demo_district, district, Session};
use safetynet::app::workflow::{self, DecisionInput};
use safetynet::app::Services;
use safetynet::domain::case::{Decision, Stage};
use safetynet::domain::procedure::LetterKind;
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::CaseFilter;
use safetynet::tui::Lang;

#[test]
fn the_dashboard_counts_overdue_letters_and_l_leads_to_them() {
    let mut f = district(40);
    let id = under_review(&f);
    let c = f.services.store.case(id).expect("read").expect("case");
    let input = DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "家庭人均收入高于当地低保标准".into(),
        date: d("2026-03-02"),
    };
    workflow::decide(&f.services, &f.actor, id, c.rev, input).expect("reject");
    // Due within 3 working days: 03-05. On 03-09 it is 4 days late.
    let letter = f
        .services
        .store
        .case(id)
        .expect("read")
        .expect("case")
        .procedure
        .letter(LetterKind::Refusal)
        .cloned()
        .expect("letter");
    assert_eq!(letter.due.date, d("2026-03-05"));
    f.services.fixed_today = Some(d("2026-03-09"));
    let all = workflow::overdue_letters(&f.services, &f.actor).expect("list");
    assert!(
        all.iter().any(|r| r.case == id && r.days_late == 4),
        "{all:?}"
    );
    let n = all.len();

    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let home = s.screen();
    assert!(home.contains(&format!("l 告知书逾期未送达 {n}")), "{home}");
    s.keys("l");
    let list = s.screen();
    assert!(list.contains(&format!("告知书逾期未送达 {n}")), "{list}");
    assert!(list.contains("张大山"), "{list}");
    let head = ResidentId::compose(610222, d("1980-04-01"), 21).expect("id");
    assert!(list.contains(&head.masked()), "{list}");
    assert!(!list.contains(head.as_str()), "masked: {list}");
    assert!(list.contains("不予确认告知书"), "{list}");
    // The last column's heading whole ("逾期天数" was cut at 80 columns).
    assert!(list.contains("应送达     逾期"), "{list}");
    insta::assert_snapshot!("overdue_letters_list", list);
    // The selected row is ours: move to it, open the case, produce and deliver.
    let row = all.iter().position(|r| r.case == id).expect("row");
    for _ in 0..row {
        s.keys("j");
    }
    s.keys("<ret>");
    assert!(s.screen().contains("不予认定"), "{}", s.screen());
    s.keys("ld");
    assert!(
        s.screen().contains("已登记送达：2026-03-09"),
        "{}",
        s.screen()
    );
    // Back home: one fewer.
    s.keys("<esc><esc><esc>");
    let home = s.screen();
    assert!(
        home.contains(&format!("l 告知书逾期未送达 {}", n - 1)),
        "{home}"
    );
    let still = workflow::overdue_letters(&f.services, &f.actor).expect("list");
    assert!(!still.iter().any(|r| r.case == id), "{still:?}");
    // The list in English fits 80 columns too.
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("l");
    let list = s.screen();
    assert!(list.contains("Written notices overdue"), "{list}");
    // The last column's heading whole: the row layout fits the 80 columns.
    assert!(list.contains(" Late"), "{list}");
}

#[test]
fn the_daily_run_at_program_start_lets_quiet_notices_take_effect() {
    let f = demo_district(300);
    // The cases in notice and the day the first of them takes effect.
    let filter = CaseFilter {
        town: None,
        stage: Some(Stage::InNotice),
    };
    let in_notice: Vec<_> = f
        .services
        .store
        .case_rows(filter, 0, 1_000)
        .expect("rows")
        .into_iter()
        .map(|r| f.services.store.case(r.case).expect("read").expect("case"))
        .collect();
    assert!(!in_notice.is_empty());
    let effective =
        |c: &safetynet::domain::case::Case| c.procedure.notice().expect("notice").effective_on;
    let day = in_notice.iter().map(effective).min().expect("a day");
    let due: Vec<_> = in_notice
        .iter()
        .filter(|c| effective(c) <= day)
        .map(|c| c.id)
        .collect();
    assert!(!due.is_empty());
    let before = in_notice.len();
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let store = dir.path().to_str().expect("utf-8 path").to_string();

    let start = |expect_in_notice: usize| {
        let mut pty = Pty::spawn_sh(&format!(
            "SAFETYNET_TODAY={day} exec '{BIN}' demo --store '{store}'"
        ));
        let screen = pty.settle_on("户数", Duration::from_secs(60));
        assert!(screen.contains(&day.to_string()), "{screen}");
        // The stages panel's "公示中  N" (the next panel follows on the same line).
        let shown: String = screen
            .split("公示中")
            .nth(1)
            .unwrap_or_default()
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert_eq!(shown, expect_in_notice.to_string(), "{screen}");
        pty.send("q");
        pty.wait_for("退出 safetynet", Duration::from_secs(10));
        pty.send("y");
        let status = pty.wait_exit(Duration::from_secs(10));
        assert!(status.success(), "exit status {status:?}");
    };
    start(before - due.len());
    let services = Services::open(dir.path()).expect("reopen");
    let count_runs = |s: &Services| {
        s.store
            .audit_newest_first()
            .filter_map(Result::ok)
            .filter(|e| e.action == "case.take_effect" && e.by == workflow::DAILY_RUN)
            .count()
    };
    for id in &due {
        let c = services.store.case(*id).expect("read").expect("case");
        assert_eq!(c.stage, Stage::Confirmed, "case {}", id.0);
        assert_eq!(
            c.procedure.effective_on,
            c.procedure.notice().map(|n| n.effective_on)
        );
        assert!(c.procedure.benefit_from.is_some());
        let h = services
            .store
            .household(c.household)
            .expect("r")
            .expect("h");
        assert_eq!(h.standing.category, c.confirmed_category());
    }
    assert_eq!(count_runs(&services), due.len());
    drop(services);
    // Started again the same day: nothing more takes effect, nothing more is written.
    start(before - due.len());
    let services = Services::open(dir.path()).expect("reopen");
    assert_eq!(count_runs(&services), due.len());
}
