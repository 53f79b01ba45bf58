//! The audit trail's hash chain: a whole trail checks, an edited, removed or relinked
//! entry is found.

use super::*;

fn store_with_entries(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    for i in 0..n {
        store
            .append_audit(AuditEntry::new(
                at(),
                &format!("clerk{i}"),
                "user.sign_in",
                "user".into(),
            ))
            .expect("append");
    }
    (dir, store)
}

#[test]
fn untouched_trail_passes() {
    let (_d, store) = store_with_entries(5);
    new_case(&store, Stage::Submitted);
    let report = store.check_audit_chain().expect("check");
    assert_eq!(report.entries, 6);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[test]
fn an_edited_entry_is_found() {
    let (_d, store) = store_with_entries(5);
    let key = keys::id(3);
    let mut e: AuditEntry =
        envelope::decode(&store.audit.get(key).expect("read").expect("entry 3")).expect("decode");
    e.by = "someone-else".into();
    store
        .audit
        .insert(key, envelope::encode(&e).expect("encode"))
        .expect("tamper");
    let report = store.check_audit_chain().expect("check");
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].0.contains("第 4 条"),
        "{:?}",
        report.problems
    );
}

#[test]
fn a_deleted_entry_is_found_in_the_middle_and_at_the_end() {
    let (_d, store) = store_with_entries(5);
    store.audit.remove(keys::id(2)).expect("delete");
    let report = store.check_audit_chain().expect("check");
    assert!(!report.problems.is_empty());
    assert!(
        report.problems.iter().any(|p| p.1.contains("missing")),
        "{:?}",
        report.problems
    );

    let (_d2, store) = store_with_entries(5);
    store.audit.remove(keys::id(5)).expect("delete last");
    let report = store.check_audit_chain().expect("check");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.1.contains("last audit entry")),
        "{:?}",
        report.problems
    );
}
