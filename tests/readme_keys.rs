//! The README's key table is the keymap (issue 14: it said `q Esc | quit` for home after
//! Esc stopped quitting). The table between the `keys:begin` and `keys:end` markers is
//! made by `keymap::markdown_table`; this test compares, and with `UPDATE_README=1`
//! writes it.

use safetynet::tui::keymap::markdown_table;

const BEGIN: &str = "<!-- keys:begin (generated from src/tui/keymap.rs; tests/readme_keys.rs compares, UPDATE_README=1 writes) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn the_readme_key_table_is_the_keymap() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme.find(BEGIN).expect("the keys:begin marker") + BEGIN.len();
    let end = start + readme[start..].find(END).expect("the keys:end marker");
    let table = markdown_table();
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[start..end] == table,
        "README key table differs from the keymap; run UPDATE_README=1 cargo test --test readme_keys\n{table}"
    );
}

#[test]
fn the_table_says_what_the_issue_found_wrong() {
    let table = markdown_table();
    let row = |screen: &str, key: &str| {
        table
            .lines()
            .find(|l| l.starts_with(&format!("| {screen} |")) && l.contains(&format!("`{key}`")))
            .unwrap_or_else(|| panic!("no {screen} {key} row in\n{table}"))
            .to_string()
    };
    assert!(
        row("home", "q").contains("asks first"),
        "{}",
        row("home", "q")
    );
    assert!(!row("home", "q").contains("`Esc`"), "{}", row("home", "q"));
    assert!(row("home", "o").contains("sign out"));
    assert!(row("everywhere", "^O").contains("sign out"));
    assert!(row("question (y/n)", "y").contains("yes"));
    assert!(row("question (y/n)", "n").contains("`Esc`"));
}
