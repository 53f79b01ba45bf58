//! Dynamic monitoring through the real event loop at 80x24: the alerts queue (one alert
//! resolved as no risk, another turned into an application, by keys), the roster with
//! its filters, and a monitoring visit typed in the quick-entry form.

mod common;

use common::{colour, district, Fixture, Session};
use safetynet::app::monitoring::{self, RosterFilter};
use safetynet::domain::case::{Channel, Stage};
use safetynet::domain::indicators::Safety;
use safetynet::domain::monitoring::{AlertStatus, Group, RuleKind};
use safetynet::tui::Lang;

/// A household on the roster because its application was refused (not confirmed, so
/// it may apply again), with a reading that finds its housing unsafe.
fn refused_household_with_unsafe_housing(f: &Fixture) -> safetynet::domain::household::HouseholdId {
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
    let out = monitoring::record_reading(s, &f.actor, view.household.rev, r).expect("reading");
    assert!(out.raised.iter().any(|a| a.rule == RuleKind::HousingUnsafe));
    id
}

#[test]
fn an_alert_resolved_as_no_risk_by_keys() {
    let f = district(300);
    let id = refused_household_with_unsafe_housing(&f);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("a");
    let screen = s.screen();
    insta::assert_snapshot!("monitoring_alerts_queue", screen);
    assert!(screen.contains("住房变为不安全"), "{screen}");
    // No risk before verification is refused with the reason on the status line.
    s.keys("n已修缮<ret>");
    assert!(s.screen().contains("请先开始核实"), "{}", s.screen());
    s.keys("v");
    assert!(s.screen().contains("已开始核实"), "{}", s.screen());
    // An empty reason is refused on the spot; then the reason is typed.
    s.keys("n<ret>");
    assert!(
        s.screen().contains("请填写核实无风险的理由"),
        "{}",
        s.screen()
    );
    s.keys("已电话核实，房屋已修缮<ret>");
    assert!(s.screen().contains("已核实无风险"), "{}", s.screen());
    let alerts = f.services.store.alerts_of(id).expect("alerts");
    let done: Vec<_> = alerts
        .iter()
        .filter(|a| a.status == AlertStatus::NoRisk)
        .collect();
    assert_eq!(done.len(), 1, "{alerts:?}");
    assert_eq!(done[0].reason, "已电话核实，房屋已修缮");
    assert_eq!(done[0].history.len(), 2);
}

#[test]
fn an_alert_turned_into_an_application_by_keys() {
    let f = district(300);
    let id = refused_household_with_unsafe_housing(&f);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // Verify, then `a` asks to confirm; any key but y cancels, y confirms.
    s.keys("avaq");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::monitoring::AlertsScreen>());
    s.keys("ay");
    let screen = s.screen();
    assert!(screen.contains("已转入申请"), "{screen}");
    let alerts = f.services.store.alerts_of(id).expect("alerts");
    let turned = alerts
        .iter()
        .find(|a| a.status == AlertStatus::ToApplication)
        .expect("an alert turned into an application");
    let case_id = turned.case.expect("linked case");
    let case = f.services.store.case(case_id).expect("read").expect("case");
    assert_eq!(case.channel, Channel::MonitoringAlert);
    assert_eq!(case.stage, Stage::Submitted);
    assert_eq!(case.household, id);
    assert_eq!(
        f.services.store.alert_of_case(case_id).expect("link"),
        Some(turned.id)
    );
    // The queue no longer holds it.
    let open = monitoring::queue(&f.services, &f.actor, 0, 1000).expect("queue");
    assert!(open.iter().all(|r| r.alert.id != turned.id));
}

#[test]
fn the_roster_filters_and_a_visit_by_keys() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("m");
    let screen = s.screen();
    insta::assert_snapshot!("monitoring_roster", screen);
    let all = monitoring::roster(&f.services, &f.actor, RosterFilter::default()).expect("roster");
    assert!(
        screen.contains(&format!("监测对象 {} 户", all.rows.len())),
        "{screen}"
    );
    // s cycles the group: the first is "confirmed"; then "relapse watch".
    s.keys("ss");
    let targets = all.by_group[Group::RelapseWatch.index()];
    assert!(
        s.screen().contains(&format!("监测对象 {targets} 户")),
        "{}",
        s.screen()
    );
    s.keys("x");
    // Open the first household's visit and type a new reading: Tab to the income (the
    // first character typed replaces the old figure), Enter saves.
    s.keys("<ret>");
    insta::assert_snapshot!("monitoring_visit", s.screen());
    s.keys("e<tab>12345");
    // Enter saves through the keymap (issue 14: no write from a raw key): the footer and
    // the help say so, and nothing is written before it.
    assert_eq!(s.key_says("Enter"), Some("保存"));
    assert_eq!(s.key_says("Esc"), Some("取消"));
    let footer = s.footer();
    assert!(
        footer.contains("Tab 下一项") && footer.contains("Enter 保存"),
        "{footer}"
    );
    assert!(f
        .services
        .store
        .readings_of(all.rows[0].household)
        .expect("readings")
        .is_empty());
    s.keys("<ret>");
    let screen = s.screen();
    assert!(screen.contains("监测记录已保存"), "{screen}");
    let id = all.rows[0].household;
    let readings = f.services.store.readings_of(id).expect("readings");
    assert_eq!(readings.len(), 1);
    assert_eq!(
        readings[0].annual_income,
        safetynet::domain::money::Money::from_yuan(12_345)
    );
    // The visit now shows what changed since the household as registered.
    let registered = f
        .services
        .store
        .household(id)
        .expect("read")
        .expect("household")
        .annual_income();
    assert!(
        screen.contains(&format!("家庭年收入：{registered} 元 → 12,345.00 元")),
        "{screen}"
    );
    // The same change in English: the label apart from its value, no full-width colon.
    {
        let mut en = Session::new(f.cx(Lang::En, colour()));
        en.keys("m<ret>");
        let screen = en.screen();
        assert!(
            screen.contains("household income a year: ") && !screen.contains('：'),
            "{screen}"
        );
    }
    // A wrong figure is refused in the form, with the field named.
    s.keys("e<tab>12x");
    assert!(s.screen().contains("只能输入"), "{}", s.screen());
    s.keys("<esc>");
    // The exit form saves the same way.
    s.keys("X");
    assert!(s.screen().contains("办理退出"), "{}", s.screen());
    assert_eq!(s.key_says("Enter"), Some("保存"));
    s.keys("<esc>");
    assert_eq!(s.key_says("Enter"), None, "the visit itself has no Enter");
}
