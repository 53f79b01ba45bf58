//! An import killed half-way (`kill -9` from inside, after some households) is found by
//! the next run, which completes it: nothing duplicated, nothing left half in.

mod import_fixture;

use import_fixture::{household_count, run, text, Roster};
use safetynet::store::Store;

#[test]
fn a_killed_import_is_completed_by_running_it_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let file = dir.path().join("big.xlsx");
    let roster = Roster::clean(1200);
    roster.write_xlsx(&file);
    let f = file.to_str().expect("path");
    let out = run(
        &store,
        &["import", f],
        &[("SAFETYNET_IMPORT_ABORT_AFTER", "500")],
    );
    assert!(
        !out.status.success(),
        "the process was killed: {}",
        text(&out)
    );
    assert_eq!(household_count(&store), 500);

    // Another file may not start while this one is half in.
    let other = dir.path().join("other.xlsx");
    Roster::clean(3).write_xlsx(&other);
    let out = run(&store, &["import", other.to_str().expect("path")], &[]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("big.xlsx") && text(&out).contains("没有完成"),
        "{}",
        text(&out)
    );
    assert_eq!(household_count(&store), 500);

    let out = run(&store, &["import", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("已续完上次中断的导入") && said.contains("新增 700 户"),
        "{said}"
    );
    assert_eq!(household_count(&store), 1200);

    // Every person once, in one household; the counters agree.
    let s = Store::open(&store).expect("open");
    let mut persons = 0;
    s.for_each_household(|h| -> Result<(), safetynet::store::StoreError> {
        for m in &h.members {
            assert_eq!(s.household_of(&m.id)?, Some(h.id));
        }
        persons += h.members.len();
        assert_eq!(s.case_ids_of(h.id)?.len(), 1, "one case per household");
        Ok(())
    })
    .expect("walk");
    assert_eq!(persons, roster.rows.len());
    assert!(s.unfinished_imports().expect("records").is_empty());
    let district = s.caseload().expect("caseload").district();
    assert_eq!(district.persons as usize, roster.rows.len());
    let confirmed = district.households;
    assert_eq!(confirmed, 1200);
}
