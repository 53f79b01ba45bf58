use super::*;
use crate::app::generate::{generate, GenerateOptions};
use crate::store::envelope::encode;
use chrono::NaiveDate;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

fn district(dir: &std::path::Path, households: u64) -> Store {
    let store = Store::open(dir).expect("open");
    let opts = GenerateOptions {
        households,
        seed: 11,
        as_of: as_of(),
    };
    generate(&store, opts, |_, _| {}).expect("generate");
    store
}

fn count(report: &CheckReport, kind: FindingKind) -> u64 {
    report.by_kind().get(&kind).copied().unwrap_or(0)
}

fn at() -> chrono::NaiveDateTime {
    as_of().and_hms_opt(10, 0, 0).expect("time")
}

#[test]
fn a_generated_store_checks_clean_with_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = district(dir.path(), 200);
    let report = store.check().expect("check");
    assert_eq!(report.findings, vec![], "{report:?}");
    assert!(report.records.contains(&("households", 200)));
    assert!(report.records.contains(&("cases", 200)));
    let lookup = report.index_entries.iter().find(|(n, _)| *n == "idx/terms");
    assert!(lookup.is_some_and(|(_, n)| *n > 2000), "{lookup:?}");
    assert_eq!(report.audit_entries, 1);
}

#[test]
fn deleted_index_entries_are_found_and_repaired() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = district(dir.path(), 200);
    let term = "张";
    let before = store.lookup(term, None, 50).expect("lookup").len();
    assert!(before > 0);
    // Delete every tenth lookup entry and resident entry, three list rows; add a stray
    // deadline; break the counters and the id sequence.
    // Every tenth bucket held inline in its own key (a key of idx/terms is a bucket of
    // entries; the check counts entries).
    let entries_before = store.lookup_index_entries().expect("entries").len();
    let lookup_keys: Vec<_> = store
        .idx_terms
        .iter()
        .filter_map(|kv| kv.ok())
        .filter(|(k, v)| {
            super::super::lookup::split_key(k).is_some_and(|(_, _, chunk)| !chunk)
                && v.first() == Some(&0)
        })
        .map(|(k, _)| Ok::<_, sled::Error>(k))
        .step_by(10)
        .collect();
    for k in &lookup_keys {
        store
            .idx_terms
            .remove(k.as_ref().expect("key"))
            .expect("remove");
    }
    let resident_keys: Vec<_> = store.idx_resident.iter().keys().step_by(10).collect();
    for k in &resident_keys {
        store
            .idx_resident
            .remove(k.as_ref().expect("key"))
            .expect("remove");
    }
    for _ in 0..3 {
        let (k, _) = store.idx_case_list.first().expect("first").expect("row");
        store.idx_case_list.remove(k).expect("remove");
    }
    store
        .idx_deadline
        .insert(
            keys::deadline(as_of(), crate::domain::case::CaseId(999_999)),
            &[1, 1],
        )
        .expect("stray");
    let zeroed = crate::domain::caseload::Caseload {
        lines: store.caseload().expect("caseload").lines,
        ..Default::default()
    };
    store
        .meta
        .insert(keys::META_CASELOAD, encode(&zeroed).expect("encode"))
        .expect("counters");
    store
        .meta
        .insert(keys::META_NEXT_ID, &keys::id(5))
        .expect("sequence");

    let lost = entries_before - store.lookup_index_entries().expect("entries").len();
    assert!(lost >= lookup_keys.len());
    let report = store.check().expect("check");
    assert_eq!(
        count(&report, FindingKind::MissingIndexEntry),
        (lost + resident_keys.len() + 3) as u64,
        "{report:#?}"
    );
    assert_eq!(count(&report, FindingKind::StrayIndexEntry), 1);
    assert_eq!(count(&report, FindingKind::Counters), 1);
    // The finding names a counter that differs, with both values.
    let counters = report
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::Counters)
        .expect("counters finding");
    assert!(
        counters.en.contains(": stored 0, recount ") && counters.en.contains("households"),
        "{}",
        counters.en
    );
    assert_eq!(count(&report, FindingKind::Sequence), 1);
    assert_eq!(count(&report, FindingKind::AuditChain), 0);

    let repaired = store.repair(&report, at(), "admin").expect("repair");
    assert!(repaired.audit_seq.is_some());
    let after = store.check().expect("check again");
    assert_eq!(after.findings, vec![], "{after:#?}");
    assert_eq!(store.lookup(term, None, 50).expect("lookup").len(), before);
    assert!(store.new_id().expect("id") > report.max_id);
    let last = store
        .audit_newest_first()
        .next()
        .expect("entry")
        .expect("decodes");
    assert_eq!(last.action, "store.repair");
    assert!(last.note.contains("idx/terms"), "{}", last.note);
    // Nothing left to do: a second repair writes nothing.
    assert_eq!(
        store.repair(&after, at(), "admin").expect("again"),
        Repaired::default()
    );
}

#[test]
fn damaged_records_are_reported_and_not_repaired_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = district(dir.path(), 50);
    let (k, v) = store.households.first().expect("first").expect("record");
    let mut v = v.to_vec();
    let last = v.len() - 1;
    v[last] ^= 0xff;
    v.truncate(last / 2);
    store.households.insert(&k, v).expect("overwrite");
    let (k2, v2) = store.cases.last().expect("last").expect("record");
    let mut newer = v2.to_vec();
    newer[2..4].copy_from_slice(&99u16.to_be_bytes());
    store.cases.insert(k2, newer).expect("overwrite");

    let report = store.check().expect("check");
    assert_eq!(
        count(&report, FindingKind::UnreadableRecord),
        1,
        "{report:#?}"
    );
    assert_eq!(
        count(&report, FindingKind::UnknownVersion),
        1,
        "{report:#?}"
    );
    match store.repair(&report, at(), "admin") {
        Err(StoreError::Refused(why)) => assert!(why.contains("restore the last backup")),
        other => panic!("repair over damaged records: {other:?}"),
    }
}

#[test]
fn the_register_index_of_relatives_of_staff_is_checked_and_repaired() {
    use crate::domain::resident_id::ResidentId;
    use crate::domain::staff_relatives::{Kinship, Relative, StaffEntry, StaffRole};
    let dir = tempfile::tempdir().expect("tempdir");
    let store = district(dir.path(), 20);
    let id = ResidentId::compose(610203, as_of() - chrono::Duration::days(12_000), 5).expect("id");
    let entry = StaffEntry {
        id: store.new_id().expect("id"),
        rev: 0,
        name: "王建国".into(),
        role: StaffRole::CivilAffairs,
        town: crate::domain::town::Town::Chenlu,
        post: "陈炉镇民政办".into(),
        relatives: vec![Relative {
            name: "王小红".into(),
            id: id.clone(),
            kinship: Kinship::Sibling,
        }],
        registered_on: as_of(),
    };
    let audit = crate::store::AuditEntry::new(at(), "t", "staff_relatives.save", "staff:1".into());
    store.save_staff_entry(&entry, audit).expect("saved");
    assert_eq!(store.check().expect("check").findings, vec![]);
    let idx = store.named("idx/staff_relative").expect("tree");
    idx.clear().expect("clear");
    let report = store.check().expect("check");
    // This entry's and the generated relative of staff's.
    assert_eq!(
        count(&report, FindingKind::MissingIndexEntry),
        2,
        "{report:?}"
    );
    store.repair(&report, at(), "t").expect("repair");
    assert_eq!(store.check().expect("check").findings, vec![]);
    assert_eq!(
        store
            .staff_entries_with_relative(&[&id])
            .expect("read")
            .len(),
        1
    );
}

/// One logical entry taken out of a grouped tree (its group's other entries kept) is
/// found by `check` and put back by `check --repair`, for every tree kept grouped.
#[test]
fn a_logical_entry_removed_from_a_group_is_found_and_repaired() {
    use crate::store::grouped::Grouped;
    let dir = tempfile::tempdir().expect("tempdir");
    let store = district(dir.path(), 300);
    let grouped: Vec<(&str, &sled::Tree, Grouped)> = vec![
        (
            "idx/resident",
            &store.idx_resident,
            crate::store::case_index::RESIDENT,
        ),
        (
            "idx/figure",
            &store.idx_figure,
            crate::store::figures::FIGURE,
        ),
        (
            "idx/case_list",
            &store.idx_case_list,
            crate::store::case_index::CASE_LIST,
        ),
        (
            "idx/household_case",
            &store.idx_household_case,
            crate::store::case_index::HOUSEHOLD_CASE,
        ),
    ];
    for (name, tree, layout) in grouped {
        let all = layout.logical(tree).expect("entries");
        // An entry whose group holds others too.
        let (key, value) = all
            .iter()
            .find(|(k, _)| {
                let (g, _) = layout.split(k);
                all.keys().filter(|o| layout.split(o).0 == g).count() > 1
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap_or_else(|| panic!("{name}: no group of two"));
        layout.remove(tree, &key).expect("remove");
        assert_eq!(layout.logical(tree).expect("entries").len(), all.len() - 1);
        let report = store.check().expect("check");
        let found: Vec<_> = report.findings.iter().filter(|f| f.place == name).collect();
        assert_eq!(found.len(), 1, "{name}: {:#?}", report.findings);
        assert_eq!(report.findings.len(), 1, "{name}: {:#?}", report.findings);
        store.repair(&report, at(), "admin").expect("repair");
        assert_eq!(layout.get(tree, &key).expect("get"), Some(value), "{name}");
        assert_eq!(layout.logical(tree).expect("entries"), all, "{name}");
        assert!(store.check().expect("check").is_clean(), "{name}");
    }
}
