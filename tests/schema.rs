//! The store's one list of trees (`store/schema.rs`): the README's table is generated
//! from it, and a store the program has worked on holds no tree missing from it.

mod common;

use safetynet::store::schema;

#[test]
fn the_readme_table_of_trees_is_the_schema() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = readme
        .find("<!-- trees:start -->\n")
        .expect("trees:start marker")
        + 21;
    let end = readme.find("<!-- trees:end -->").expect("trees:end marker");
    let table = schema::markdown_table();
    assert!(
        readme[start..end] == table,
        "README's table of trees is out of date; put this between the markers:\n{table}"
    );
}

#[test]
fn a_worked_store_holds_only_listed_trees() {
    let f = common::demo_district(200);
    // Alerts, readings and meetings on top of the generated district.
    safetynet::app::monitoring::reevaluate(&f.services, &f.actor).expect("monitoring");
    let trees = f.services.store.tree_keys().expect("trees");
    assert!(
        trees.iter().any(|(n, k)| n == "mon/alerts" && *k > 0),
        "{trees:?}"
    );
    let unlisted: Vec<&String> = trees
        .iter()
        .map(|(n, _)| n)
        .filter(|n| schema::spec(n).is_none())
        .collect();
    assert!(
        unlisted.is_empty(),
        "trees missing from store/schema.rs: {unlisted:?}"
    );
}

/// The monitoring indexes are derived trees too: `check` finds entries lost from them
/// and `repair` puts them back (issue 13: every index entry points to a record and every
/// record is indexed).
#[test]
fn lost_alert_index_entries_are_found_and_repaired() {
    let f = common::demo_district(200);
    safetynet::app::monitoring::reevaluate(&f.services, &f.actor).expect("monitoring");
    assert!(f.services.store.check().expect("check").is_clean());
    let dir = f.dir.path().to_path_buf();
    let common::Fixture {
        dir: keep,
        services,
        actor,
    } = f;
    drop(services);
    let mut removed = std::collections::BTreeMap::new();
    {
        let db = common::sled_open(&dir);
        for name in ["idx/alert_queue", "idx/alert_household"] {
            let tree = db.open_tree(name).expect("tree");
            let keys: Vec<_> = tree
                .iter()
                .keys()
                .step_by(3)
                .map(|k| k.expect("key"))
                .collect();
            assert!(!keys.is_empty(), "{name} is empty");
            for k in &keys {
                tree.remove(k).expect("remove");
            }
            removed.insert(name, keys.len() as u64);
        }
        db.flush().expect("flush");
    }
    let services = safetynet::app::Services::open(&dir).expect("reopen");
    let report = services.store.check().expect("check");
    for (name, n) in &removed {
        let found: u64 = report
            .findings
            .iter()
            .filter(|x| x.place == *name)
            .map(|x| x.count)
            .sum();
        assert_eq!(found, *n, "{name}: {:?}", report.findings);
    }
    safetynet::app::maintenance::repair(&services, &actor).expect("repair");
    assert!(services.store.check().expect("check").is_clean());
    drop(keep);
}
