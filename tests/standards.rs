//! The standards screen: a district officer edits a value through the keyboard; the
//! change is audited with old and new values and moves the proposal for a case applied in
//! that period and for no other. Other roles are refused; bad input keeps the editor open.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::app::session::{Actor, Role};
use safetynet::app::standards;
use safetynet::domain::category::Category;
use safetynet::domain::classify::classify;
use safetynet::domain::household::{Household, HouseholdId, Standing};
use safetynet::domain::income::{Amount, IncomeItem, IncomeKind};
use safetynet::domain::indicators::Indicators;
use safetynet::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use safetynet::domain::money::Money;
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::standards::{AreaField, FieldRef};
use safetynet::domain::town::{Area, Town};
use safetynet::tui::Lang;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// One urban worker of 45 with partial labour capacity, living alone on `monthly` yuan.
fn worker(monthly: Money) -> Household {
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Yintai,
        village: "前进社区".into(),
        address: "东街1号".into(),
        phone: "13800000000".into(),
        area: Area::Urban,
        members: vec![Member {
            name: "王建国".into(),
            id: ResidentId::compose(610203, day(1981, 1, 1), 11).expect("id"),
            relation: Relation::Head,
            area: Area::Urban,
            labour: LabourCapacity::Partial,
            health: Health::Chronic,
            disability: None,
            employment: Employment::Employed,
            schooling: Schooling::NotInSchool,
            carer: false,
        }],
        incomes: vec![IncomeItem {
            kind: IncomeKind::Wages,
            member: Some(0),
            amount: Amount::monthly(monthly),
            note: "打零工".into(),
        }],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

/// Position of a field in the screen's list for the 2026 set.
fn row_of(field: FieldRef) -> usize {
    let s = safetynet::domain::standards::Standards::bundled().expect("bundled");
    let set = s.set_on(day(2026, 3, 2)).expect("2026 set");
    set.fields()
        .iter()
        .position(|(f, _, _)| *f == field)
        .expect("field listed")
}

#[test]
fn officer_edits_a_value_and_it_is_audited_and_moves_only_its_period() {
    let f = district(50);
    let urban_dibao = FieldRef::Area(Area::Urban, AreaField::Dibao);
    let before = standards::current(&f.services)
        .expect("standards")
        .standards;
    let old_2026 = before
        .in_force(day(2026, 3, 2), Area::Urban)
        .expect("2026")
        .standard
        .dibao
        .value;
    // A worker 50 yuan above the 2026 line: not dibao before the edit.
    let h = worker(old_2026 + Money::from_yuan(50));
    let p2025 = classify(&h, &before, day(2025, 6, 1)).expect("2025");
    let p2026 = classify(&h, &before, day(2026, 6, 1)).expect("2026");
    assert_ne!(p2026.category, Some(Category::Dibao));

    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("S");
    let screen = s.screen();
    assert!(
        screen.contains("2026-01-01"),
        "opens on the period in force:\n{screen}"
    );
    insta::assert_snapshot!("standards_screen", screen);
    let down = "<down>".repeat(row_of(urban_dibao));
    let new_value = (old_2026 + Money::from_yuan(100)).plain();
    s.keys(&format!("{down}<ret>{}{new_value}", "<bs>".repeat(12)));
    // Enter saves through the keymap (issue 14: no write from a raw key): the footer and
    // the help say so, and nothing is written before it.
    assert_eq!(s.key_says("Enter"), Some("保存"));
    assert_eq!(s.key_says("Esc"), Some("取消"));
    let footer = s.footer();
    assert!(
        footer.contains("Enter 保存") && footer.contains("Esc 取消"),
        "{footer}"
    );
    assert_eq!(standards::current(&f.services).expect("current").rev, 0);
    s.keys("<ret>");
    let status = s.ui.status().map(str::to_string);
    let status = status.unwrap_or_default();
    assert!(
        status.starts_with("已保存并记入审计"),
        "{status}\n{}",
        s.screen()
    );
    // The monitoring roster was re-evaluated against the new standard straight away.
    let reevaluated = f
        .services
        .store
        .audit_of("monitoring")
        .expect("audit")
        .iter()
        .any(|e| e.action == "monitoring.reevaluate");
    assert!(reevaluated, "no re-evaluation after the edit");

    let after = standards::current(&f.services).expect("standards");
    assert_eq!(after.rev, 1);
    let set = after.standards.set_on(day(2026, 3, 2)).expect("set");
    assert_eq!(
        set.get(urban_dibao),
        (
            safetynet::domain::standards::Value::Money(old_2026 + Money::from_yuan(100)),
            true
        )
    );
    let trail = f.services.store.audit_of("standards").expect("audit");
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].by, "demo-officer");
    let (field, old, new) = &trail[0].changes[0];
    assert!(field.contains("urban.dibao"), "{field}");
    assert!(
        old.contains(&old_2026.to_string())
            && new.contains(&(old_2026 + Money::from_yuan(100)).to_string()),
        "{old} -> {new}"
    );

    // The 2026 proposal moves; the 2025 one does not.
    let q2025 = classify(&h, &after.standards, day(2025, 6, 1)).expect("2025");
    let q2026 = classify(&h, &after.standards, day(2026, 6, 1)).expect("2026");
    assert_eq!(q2026.category, Some(Category::Dibao));
    assert_eq!(q2025.category, p2025.category);
    assert_eq!(q2025.benefit, p2025.benefit);
}

#[test]
fn bad_input_keeps_the_editor_open_with_the_reason() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let row = row_of(FieldRef::Area(Area::Urban, AreaField::Dibao));
    s.keys(&format!(
        "S{}<ret>{}8a0<ret>",
        "<down>".repeat(row),
        "<bs>".repeat(12)
    ));
    let screen = s.screen();
    assert!(screen.contains("新值：8a0_"), "{screen}");
    assert!(screen.contains("不是数字"), "{screen}");
    assert_eq!(standards::current(&f.services).expect("current").rev, 0);
    // Esc leaves the editor, a second Esc the screen.
    s.keys("<esc><esc>");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
}

#[test]
fn a_town_clerk_may_look_but_not_edit() {
    let mut f = district(20);
    f.actor = Actor {
        user: "clerk-yintai".into(),
        display: "印台街道民政专干".into(),
        role: Role::TownClerk,
        town: Some(Town::Yintai),
    };
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("S<ret>");
    assert_eq!(s.ui.status(), Some("只有区民政局可以修改认定标准"));
    s.keys("y");
    assert!(
        s.screen().contains("只有区民政局可以修改认定标准"),
        "{}",
        s.screen()
    );
    assert_eq!(standards::current(&f.services).expect("current").rev, 0);
    assert!(f
        .services
        .store
        .audit_of("standards")
        .expect("audit")
        .is_empty());
}

/// While a value is typed the selection stays on its row: ↑ (a global key, now that Enter
/// and the arrows reach the screen through the keymap) does not move the edit to another
/// value, and Enter writes the row the editor was opened on.
#[test]
fn the_arrows_do_not_move_a_value_being_typed() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let field = FieldRef::Area(Area::Urban, AreaField::Dibao);
    let row = row_of(field);
    let before = standards::current(&f.services).expect("current").standards;
    let old = before
        .in_force(day(2026, 3, 2), Area::Urban)
        .expect("2026")
        .standard
        .dibao
        .value;
    let new_value = (old + Money::from_yuan(7)).plain();
    s.keys(&format!(
        "S{}<ret><c-u>{new_value}<up><up><pgdn>",
        "<down>".repeat(row)
    ));
    assert!(
        s.screen().contains(&format!("新值：{new_value}_")),
        "{}",
        s.screen()
    );
    s.keys("<ret>");
    let after = standards::current(&f.services).expect("current");
    assert_eq!(after.rev, 1, "{}", s.screen());
    let set = after.standards.set_on(day(2026, 3, 2)).expect("set");
    assert_eq!(
        set.get(field),
        (
            safetynet::domain::standards::Value::Money(old + Money::from_yuan(7)),
            true
        )
    );
}

/// In English the standards list's labels are longer than their column: each row keeps a
/// blank between label, value and mark, and a label or value cut short ends in "…" (it ran
/// into its value: "(not counted as labo60", "round up to the yUNCONFIRMED").
#[test]
fn english_labels_and_values_stay_apart() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("S");
    let screen = s.screen();
    let set = safetynet::domain::standards::Standards::bundled()
        .expect("bundled")
        .set_on(day(2026, 12, 1))
        .expect("2026 set")
        .clone();
    let mut rows = 0;
    for (field, value, _) in set.fields() {
        let label = field.en();
        let start: String = label.chars().take(20).collect();
        let Some(line) = screen
            .lines()
            .find(|l| l.get(1..).is_some_and(|t| t.starts_with(&start)))
        else {
            continue;
        };
        let text: Vec<char> = line.chars().skip(1).collect();
        let cell =
            |from: usize, to: usize| -> String { text[from..to.min(text.len())].iter().collect() };
        let label_cell = cell(0, 44);
        let value_cell = cell(44, 61);
        assert!(
            label_cell.ends_with(' '),
            "no blank after the label: {line:?}"
        );
        assert!(
            value_cell.ends_with(' '),
            "no blank after the value: {line:?}"
        );
        let shown = label_cell.trim_end();
        assert!(
            shown == label
                || (shown.ends_with('…') && label.starts_with(shown.trim_end_matches('…'))),
            "label {label:?} shown as {shown:?}"
        );
        let v = value.en();
        let vs = value_cell.trim_end();
        assert!(
            vs == v || (vs.ends_with('…') && v.starts_with(vs.trim_end_matches('…'))),
            "value {v:?} shown as {vs:?} in {line:?}"
        );
        rows += 1;
    }
    assert!(rows >= 10, "only {rows} rows found:\n{screen}");
}
