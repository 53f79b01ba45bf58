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
