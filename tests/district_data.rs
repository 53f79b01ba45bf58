//! The district edits its own thresholds: a data file in the store folder replaces the
//! shipped one, and a wrong file is refused with the reason instead of silently ignored.

mod common;

use common::district;
use safetynet::app::{monitoring, AppError};
use safetynet::domain::money::Money;

fn text_of_rules() -> String {
    include_str!("../assets/alert_rules.toml").to_string()
}

#[test]
fn alert_rules_in_the_store_folder_replace_the_shipped_ones() {
    let f = district(10);
    let shipped = monitoring::rules(&f.services).expect("shipped rules");
    assert_eq!(shipped.rigid_amount, Money::from_yuan(10_000));
    let text = include_str!("../assets/alert_rules.toml")
        .replace("amount = \"10000\"", "amount = \"8000\"");
    std::fs::write(f.dir.path().join("alert_rules.toml"), text).expect("write");
    let own = monitoring::rules(&f.services).expect("district rules");
    assert_eq!(own.rigid_amount, Money::from_yuan(8_000));
    std::fs::write(
        f.dir.path().join("alert_rules.toml"),
        "[income_below_line]\nenabled = maybe\n",
    )
    .expect("write");
    // A file that is not TOML: refused with where it broke, in the clerk's words.
    let e = monitoring::rules(&f.services).expect_err("a broken file is refused");
    let AppError::Invalid(zh, en) = &e else {
        panic!("{e:?}")
    };
    // Before: "预警规则 [] ：TOML parse error at line 2, …" (an empty rule, English text).
    assert!(
        zh.starts_with("预警规则文件：第 2 行第 11 列格式有误"),
        "{zh}"
    );
    assert!(zh.contains("enabled = maybe") && !zh.contains("[]"), "{zh}");
    assert!(!zh.contains("TOML parse error"), "{zh}");
    assert!(
        en.starts_with("alert rules file: line 2, column 11"),
        "{en}"
    );
    assert!(!en.contains("[]"), "{en}");
    std::fs::write(
        f.dir.path().join("alert_rules.toml"),
        text_of_rules().replace("amount = \"10000\"", "amount = \"ten thousand\""),
    )
    .expect("write");
    // A value that is not a number: the rule and the key are named.
    let e = monitoring::rules(&f.services).expect_err("a bad amount is refused");
    let AppError::Invalid(zh, en) = &e else {
        panic!("{e:?}")
    };
    // Before: "“t”不是数字" (only the first character quoted).
    assert!(
        zh.contains("[rigid_spending] amount") && zh.contains("“ten thousand”不是数字"),
        "{zh}"
    );
    assert!(
        en.contains("[rigid_spending] amount") && en.contains("'ten thousand' is not a number"),
        "{en}"
    );
}

#[test]
fn roster_export_is_the_district_offices_keeps_id_digits_and_is_audited() {
    use safetynet::app::monitoring::{export_roster, roster, RosterFilter};
    use safetynet::app::session::{Actor, Role};
    use safetynet::domain::town::Town;
    let f = district(150);
    let clerk = Actor {
        user: "clerk".into(),
        display: "clerk".into(),
        role: Role::TownClerk,
        town: Some(Town::Chenlu),
    };
    let path = f.dir.path().join("roster.csv");
    let e = export_roster(&f.services, &clerk, RosterFilter::default(), &path, false)
        .expect_err("a clerk does not export");
    assert_eq!(e.zh(), "只有区民政局可以导出含身份证号的数据");
    let n = export_roster(&f.services, &f.actor, RosterFilter::default(), &path, false)
        .expect("exported");
    let rows = roster(&f.services, &f.actor, RosterFilter::default())
        .expect("roster")
        .rows;
    assert_eq!(n, rows.len());
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(text.lines().count(), n + 1);
    // The first row's ID is the household head's full number, as text.
    let h = f
        .services
        .store
        .household(rows[0].household)
        .expect("read")
        .expect("household");
    assert!(
        text.contains(&format!("\"\t{}\"", h.members[0].id)),
        "{}",
        &text[..300.min(text.len())]
    );
    let exports = f.services.store.audit_of("roster").expect("audit");
    assert_eq!(exports.len(), 1);
    assert_eq!(exports[0].action, "roster.export");
}
