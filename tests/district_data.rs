//! The district edits its own thresholds: a data file in the store folder replaces the
//! shipped one, and a wrong file is refused with the reason instead of silently ignored.

mod common;

use common::district;
use safetynet::app::monitoring;
use safetynet::domain::money::Money;

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
    let e = monitoring::rules(&f.services).expect_err("a broken file is refused");
    assert!(!e.zh().is_empty());
}
