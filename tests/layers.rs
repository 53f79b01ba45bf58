//! The layers are kept by the code, not only by convention: `tui/` reads and writes
//! through `app/` and never names `store/` (no `crate::store` paths, no `.store` field of
//! the services). A grep over the source, so a new import fails here.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).expect("read src dir");
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code lines of `src/<layer>/` that name the store: `(file:line, text)`.
fn store_uses(layer: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(layer);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 20, "too few files under {}", root.display());
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            if names_store(code) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
            }
        }
    }
    found
}

/// `crate::store`, `super::store`, `use store`, or a `.store` field (`services.store`,
/// a `.store` on its own line in a method chain).
fn names_store(code: &str) -> bool {
    if code.contains("::store") || code.trim_start().starts_with("use store") {
        return true;
    }
    code.match_indices(".store").any(|(i, _)| {
        let next = code[i + ".store".len()..].chars().next();
        !next.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn the_terminal_front_end_never_names_the_store() {
    let found = store_uses("tui");
    assert!(found.is_empty(), "tui/ names store/:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_what_it_looks_for() {
    for bad in [
        "use crate::store::AuditEntry;",
        "    crate::store::AuditEntry::new(",
        "let _ = services.store.append_audit(",
        "            .store",
        "use super::store::CaseFilter;",
    ] {
        assert!(names_store(bad), "{bad}");
    }
    for fine in [
        "ratatui::restore();",
        "s.restore(&d);",
        "\"Discard this draft? It cannot be restored.\",",
        "let stored = 1;",
    ] {
        assert!(!names_store(fine), "{fine}");
    }
}
