//! Any re-check round-trips through today's record version and reads from version 1;
//! the upgrade rewrites a stored version-1 re-check.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::recheck_v1::RecheckV1;
use super::tests::{day, in_old_shape, old_record, pick, text, version_of};
use crate::domain::category::Category;
use crate::domain::household::HouseholdId;
use crate::domain::money::Money;
use crate::domain::recheck::{Basis, Outcome, Recheck, Support};
use crate::domain::town::Town;
use crate::store::envelope::{self, Record};

fn support() -> impl Strategy<Value = Support> {
    (prop::option::of(pick(Category::ALL)), any::<i64>()).prop_map(|(c, b)| Support {
        category: c,
        benefit: Money::from_fen(b),
    })
}

fn recheck() -> impl Strategy<Value = Recheck> {
    (
        (
            any::<u64>(),
            any::<u64>(),
            pick(Town::ALL),
            day(),
            text(),
            any::<u64>(),
        ),
        (
            support(),
            support(),
            pick(Outcome::ALL),
            pick(Outcome::ALL),
            text(),
        ),
        (
            prop::collection::vec(text(), 0..4),
            prop::collection::vec(text(), 0..4),
            prop::option::of(pick(Basis::ALL)),
            prop::option::of(day()),
        ),
    )
        .prop_map(|((id, h, town, date, by, reading), s, e)| Recheck {
            id,
            household: HouseholdId(h),
            town,
            date,
            by,
            reading,
            before: s.0,
            found: s.1,
            proposed: s.2,
            decided: s.3,
            reason: s.4,
            explanation: e.0,
            explanation_en: e.1,
            basis: e.2,
            next_due: e.3,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_recheck_round_trips_and_reads_from_version_1(r in recheck()) {
        let bytes = envelope::encode(&r).expect("encode");
        prop_assert_eq!(version_of(&bytes), Recheck::VERSION);
        let back: Recheck = envelope::decode(&bytes).expect("decode");
        prop_assert_eq!(&back, &r);
        let old = old_record(1, &[in_old_shape::<RecheckV1>(&r)]);
        let read: Recheck = envelope::decode(&old).expect("decode version 1");
        prop_assert_eq!(&read, &r);
    }
}

/// A re-check stored in version 1 (text dates, plain explanation) is rewritten by the
/// upgrade in version 2, reads the same, and the store checks clean.
#[test]
fn the_upgrade_rewrites_a_version_1_recheck() {
    use crate::app::generate::{generate, GenerateOptions};
    use crate::store::monitoring::{MonitoringChange, RECHECKS};
    use crate::store::{keys, AuditEntry, Store};
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("s");
    let on = NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
    let line =
        "家庭人均月收入 249.33 元 < 城市低保标准 790.00 元/人·月〔《社会救助暂行办法》第九条〕";
    let r = {
        let store = Store::open(&path).expect("store");
        let opts = GenerateOptions {
            households: 20,
            seed: 9,
            as_of: on,
        };
        generate(&store, opts, |_, _| {}).expect("generate");
        let r = Recheck {
            id: store.new_id().expect("id"),
            household: HouseholdId(1),
            town: Town::ALL[0],
            date: on,
            by: "demo-clerk".into(),
            reading: 0,
            before: Support {
                category: Some(Category::ALL[0]),
                benefit: Money::from_fen(50_000),
            },
            found: Support {
                category: Some(Category::ALL[0]),
                benefit: Money::from_fen(60_000),
            },
            proposed: Outcome::Increase,
            decided: Outcome::Increase,
            reason: String::new(),
            explanation: vec![line.into(); 6],
            explanation_en: vec!["per-capita monthly income 249.33 < dibao 790.00".into(); 6],
            basis: Some(Basis::ALL[0]),
            next_due: on.checked_add_days(chrono::Days::new(365)),
        };
        let at = on.and_hms_opt(9, 0, 0).expect("time");
        let mut change = MonitoringChange::new(AuditEntry::new(
            at,
            "demo-clerk",
            "monitoring.recheck",
            "household:1".into(),
        ));
        change.rechecks.push(r.clone());
        store.save_monitoring(change).expect("saved");
        let tree = store.named(RECHECKS).expect("tree");
        let (k, v) = tree.iter().next().expect("one").expect("entry");
        let v1 = old_record(1, &[in_old_shape::<RecheckV1>(&r)]);
        assert!(v1.len() > v.len() + 300, "{} against {}", v1.len(), v.len());
        tree.insert(k, v1).expect("old bytes");
        store
            .meta
            .insert(keys::META_SCHEMA, &7u16.to_be_bytes())
            .expect("schema");
        store.flush().expect("flush");
        r
    };
    let (store, migrated) = Store::migrate(&path, |_, _| {}).expect("migrate");
    assert!(migrated.is_some());
    let tree = store.named(RECHECKS).expect("tree");
    let (_, v) = tree.iter().next().expect("one").expect("entry");
    assert_eq!(version_of(&v), Recheck::VERSION);
    assert_eq!(envelope::decode::<Recheck>(&v).expect("reads"), r);
    let report = store.check().expect("check");
    assert!(report.is_clean(), "{:#?}", report.findings);
}
