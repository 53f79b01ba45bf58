//! Monitoring writes: record + indexes + household + audit in one transaction, stale
//! alerts refused with who changed them, and nothing written when any part fails.

use super::*;
use crate::domain::household::Standing;
use crate::domain::indicators::{Indicators, Safety};
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::monitoring::{AlertAction, AlertStatus, Snapshot};
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};
use chrono::NaiveDateTime;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn at() -> NaiveDateTime {
    day(2026, 3, 2).and_hms_opt(9, 30, 0).expect("test time")
}

fn household(id: u64) -> Household {
    Household {
        id: HouseholdId(id),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组12号".into(),
        phone: String::new(),
        area: Area::Rural,
        members: vec![Member {
            name: "张三".into(),
            id: ResidentId::parse("11010519491231002X").expect("test id"),
            relation: Relation::Head,
            area: Area::Rural,
            labour: LabourCapacity::Full,
            health: Health::Healthy,
            disability: None,
            employment: Employment::Farming,
            schooling: Schooling::NotInSchool,
            carer: false,
        }],
        incomes: vec![],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    (dir, store)
}

fn audit(action: &str, target: String) -> AuditEntry {
    AuditEntry::new(at(), "clerk-a", action, target)
}

fn stored_household(store: &Store) -> Household {
    let mut h = household(store.new_id().expect("id"));
    h.standing.category = Some(crate::domain::category::Category::Dibao);
    let saved = store
        .save(Change {
            household: Some(h),
            case: None,
            number_case_in: None,
            audit: audit("household.create", "household:1".into()),
        })
        .expect("save");
    saved.household.expect("household")
}

fn alert(store: &Store, h: &Household, reading: u64) -> Alert {
    Alert {
        id: AlertId(store.new_id().expect("id")),
        rev: 0,
        household: h.id,
        town: h.town,
        rule: RuleKind::HousingUnsafe,
        severity: Severity::High,
        raised_on: day(2026, 3, 2),
        raised_by: "clerk-a".into(),
        figures: vec![],
        basis: 7,
        reading: Some(reading),
        status: AlertStatus::Raised,
        reason: String::new(),
        case: None,
        history: vec![],
    }
}

/// A reading that finds the housing unsafe, the household's indicator updated and a
/// housing alert raised: one write.
fn visit(store: &Store) -> (Household, MonitoringSaved) {
    let h = stored_household(store);
    let mut r = Snapshot::of_household(&h).to_reading(h.id, day(2026, 3, 2), "clerk-a");
    r.id = store.new_id().expect("id");
    r.housing = Safety::Unsafe;
    let mut updated = h.clone();
    updated.indicators.housing = Safety::Unsafe;
    let mut change =
        MonitoringChange::new(audit("monitoring.reading", format!("household:{}", h.id.0)));
    change.household = Some(updated);
    change.alerts.push(alert(store, &h, r.id));
    change.readings.push(r);
    let saved = store.save_monitoring(change).expect("saved");
    (h, saved)
}

#[test]
fn a_reading_its_alert_and_the_household_are_written_together() {
    let (_dir, store) = store();
    let (h, saved) = visit(&store);
    let readings = store.readings_of(h.id).expect("readings");
    assert_eq!(readings.len(), 1);
    let stored = store.household(h.id).expect("read").expect("household");
    assert_eq!(stored.indicators.housing, Safety::Unsafe);
    assert_eq!(stored.rev, 2);
    // The caseload counters follow the household's indicators.
    assert_eq!(
        store
            .caseload()
            .expect("caseload")
            .district()
            .unsafe_housing,
        1
    );
    let a = &saved.alerts[0];
    assert_eq!(a.rev, 1);
    assert_eq!(store.alert(a.id).expect("read").as_ref(), Some(a));
    assert_eq!(store.alert_index_keys(a).expect("idx"), (true, true));
    assert_eq!(store.open_alert_counts(&[]).expect("counts"), [1, 0, 0]);
    assert_eq!(
        store.open_alert_counts(&[Town::Hongtu]).expect("counts"),
        [0, 0, 0]
    );
    assert_eq!(store.open_alerts(&[], 0, 10).expect("queue").len(), 1);
    let trail = store
        .audit_of(&format!("household:{}", h.id.0))
        .expect("audit");
    assert!(trail.iter().any(|e| e.action == "monitoring.reading"));
}

#[test]
fn closing_an_alert_takes_it_off_the_queue_and_links_the_case() {
    let (_dir, store) = store();
    let (_, saved) = visit(&store);
    let a = &saved.alerts[0];
    let verifying = a
        .apply(&AlertAction::Verify, "clerk-a", at())
        .expect("verify");
    let mut change = MonitoringChange::new(audit("alert.verify", alert_target(a.id)));
    change.alerts.push(verifying);
    let v = store
        .save_monitoring(change)
        .expect("saved")
        .alerts
        .remove(0);
    assert_eq!(store.open_alert_counts(&[]).expect("counts"), [1, 0, 0]);
    let done = v
        .apply(
            &AlertAction::ToApplication { case: CaseId(99) },
            "clerk-a",
            at(),
        )
        .expect("to application");
    let mut change = MonitoringChange::new(audit("alert.to_application", alert_target(a.id)));
    change.alerts.push(done);
    let done = store
        .save_monitoring(change)
        .expect("saved")
        .alerts
        .remove(0);
    assert_eq!(store.open_alert_counts(&[]).expect("counts"), [0, 0, 0]);
    assert_eq!(store.alert_index_keys(&done).expect("idx"), (false, true));
    assert_eq!(store.alert_of_case(CaseId(99)).expect("link"), Some(a.id));
    let facts = store.monitoring_facts().expect("facts");
    let last = facts.last_alert[&(done.household, RuleKind::HousingUnsafe)];
    assert_eq!((last.status, last.basis), (AlertStatus::ToApplication, 7));
    assert!(facts.open_alerts.is_empty());
}

#[test]
fn a_stale_alert_is_refused_with_who_changed_it_and_nothing_is_written() {
    let (_dir, store) = store();
    let (h, saved) = visit(&store);
    let a = saved.alerts[0].clone();
    // Clerk B verifies first.
    let b = a
        .apply(&AlertAction::Verify, "clerk-b", at())
        .expect("verify");
    let mut change = MonitoringChange::new(audit("alert.verify", alert_target(a.id)));
    change.alerts.push(b);
    store.save_monitoring(change).expect("saved");
    // Clerk A, still holding the old copy, records a reading and verifies too.
    let mut r = Snapshot::of_household(&h).to_reading(h.id, day(2026, 3, 3), "clerk-a");
    r.id = store.new_id().expect("id");
    let mut change = MonitoringChange::new(audit("alert.verify", alert_target(a.id)));
    change.readings.push(r);
    change.alerts.push(
        a.apply(&AlertAction::Verify, "clerk-a", at())
            .expect("verify"),
    );
    let err = store.save_monitoring(change).expect_err("stale");
    assert!(
        matches!(&err, StoreError::Stale { by, .. } if by == "clerk-b"),
        "{err:?}"
    );
    assert!(err.zh().contains("clerk-b"), "{}", err.zh());
    // The reading of the refused write is not there either.
    assert_eq!(store.readings_of(h.id).expect("readings").len(), 1);
}

#[test]
fn records_without_ids_are_refused() {
    let (_dir, store) = store();
    let h = stored_household(&store);
    let mut change = MonitoringChange::new(audit("monitoring.reading", "household:1".into()));
    change
        .readings
        .push(Snapshot::of_household(&h).to_reading(h.id, day(2026, 3, 2), "clerk-a"));
    assert!(store.save_monitoring(change).is_err());
    assert!(store.readings_of(h.id).expect("readings").is_empty());
}

#[test]
fn reading_record_bytes_are_pinned() {
    let h = household(5);
    let mut r = Snapshot::of_household(&h).to_reading(h.id, day(2026, 3, 2), "c");
    r.id = 9;
    r.annual_income = Money::from_yuan(1);
    let bytes = crate::store::envelope::encode(&r).expect("encode");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    // SN, version 1, then bincode: id 9, household 5, "2026-03-02", "c", 1 member,
    // 100 fen (zigzag varint c801), 1 able, 1 working, 0 ill, unknown housing and water,
    // no earner event, no new spending, no note. Change it only with a new VERSION.
    assert_eq!(
        hex,
        "534e000109050a323032362d30332d3032016301c8010100000000000000"
    );
    assert_eq!(
        crate::store::envelope::decode::<Reading>(&bytes).expect("decode"),
        r
    );
}

#[test]
fn reserved_ids_never_meet_new_ids() {
    let (_dir, store) = store();
    let a = store.new_id().expect("id");
    let block = store.reserve_ids(1000).expect("block");
    assert_eq!(block.clone().count(), 1000);
    assert!(block.start > a);
    let b = store.new_id().expect("id");
    assert!(b >= block.end, "{b} inside {block:?}");
    assert!(store.reserve_ids(0).expect("empty").is_empty());
}
