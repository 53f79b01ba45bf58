//! The re-evaluation of every alert after a standards change, on a district of 100,000
//! households. Not a timed test: run it by hand in release mode and read the figures:
//!
//!     cargo test --release --test monitoring_scale -- --ignored --nocapture
//!
//! With `SAFETYNET_BENCH_STORE=PATH` it uses (a copy of) an existing generated store;
//! otherwise it generates 100,000 households first (seed 2026, as of 2026-03-02).

use std::time::Instant;

use chrono::NaiveDate;
use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::monitoring::{reevaluate, roster, RosterFilter};
use safetynet::app::session::Actor;
use safetynet::app::Services;
use safetynet::domain::standards::{AreaField, FieldRef};
use safetynet::domain::town::Area;

#[test]
#[ignore = "measurement: run by hand in release mode"]
fn reevaluate_a_district_of_100k_after_a_standards_change() {
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("store");
    match std::env::var("SAFETYNET_BENCH_STORE") {
        Ok(src) => {
            let status = std::process::Command::new("cp")
                .args(["-a", &src, path.to_str().expect("path")])
                .status()
                .expect("cp");
            assert!(status.success());
        }
        Err(_) => {
            let s = Services::open(&path).expect("open");
            let opts = GenerateOptions {
                households: 100_000,
                seed: 2026,
                as_of: today,
            };
            generate(&s.store, opts, |_, _| {}).expect("generate");
        }
    }
    let mut s = Services::open(&path).expect("open");
    s.fixed_today = Some(today);
    let officer = Actor::demo_officer();

    let t = Instant::now();
    let r = roster(&s, &officer, RosterFilter::default()).expect("roster");
    println!(
        "roster: {} households on it, {:.2} s",
        r.total,
        t.elapsed().as_secs_f64()
    );

    let first = reevaluate(&s, &officer).expect("first");
    println!(
        "first evaluation (no alerts yet): {} on roster, {} alerts raised, {:.2} s",
        first.on_roster,
        first.total_raised(),
        first.elapsed.as_secs_f64()
    );
    let same = reevaluate(&s, &officer).expect("again");
    println!(
        "again, nothing changed: {} raised, {:.2} s",
        same.total_raised(),
        same.elapsed.as_secs_f64()
    );
    // The district raises the 2026 monitoring lines by 5%: 1027 → 1078 urban, 9230 → 9692 rural.
    let cur = safetynet::app::standards::current(&s).expect("standards");
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let cur = safetynet::app::standards::edit(
        &s,
        &officer,
        cur.rev,
        from,
        FieldRef::Area(Area::Urban, AreaField::Marginal),
        "1078",
        true,
    )
    .expect("edit urban");
    safetynet::app::standards::edit(
        &s,
        &officer,
        cur.rev,
        from,
        FieldRef::Area(Area::Rural, AreaField::Marginal),
        "9692",
        true,
    )
    .expect("edit rural");
    let after = reevaluate(&s, &officer).expect("after the change");
    println!(
        "after the standards change: {} raised, {:.2} s",
        after.total_raised(),
        after.elapsed.as_secs_f64()
    );
    assert!(after.total_raised() > 0);
}
