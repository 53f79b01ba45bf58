//! Every audit action the program writes has a label in both languages
//! (`domain::audit::AuditAction`), so the History tab never falls back to a raw key. The
//! actions are found in the source: string literals such as `"case.submit"` whose first
//! word is a kind of record the trail speaks of.

use std::path::{Path, PathBuf};

use safetynet::domain::audit::{AuditAction, AuditField};

const KINDS: &[&str] = &[
    "alert",
    "case",
    "caseload",
    "draft",
    "household",
    "ledger",
    "meeting",
    "monitoring",
    "referral",
    "roster",
    "staff_relatives",
    "standards",
    "store",
    "user",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `"kind.word"` literals on code lines of `src/`.
fn action_literals() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for lit in code.split('"').skip(1).step_by(2) {
                let Some((kind, word)) = lit.split_once('.') else {
                    continue;
                };
                let is_word =
                    !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                if KINDS.contains(&kind) && is_word {
                    found.push((lit.to_string(), format!("{}:{}", file.display(), n + 1)));
                }
            }
        }
    }
    found
}

#[test]
fn every_action_written_has_a_label() {
    let found = action_literals();
    assert!(
        found.iter().any(|(l, _)| l == "case.submit"),
        "the scan finds nothing: {found:?}"
    );
    // Not actions: a prefix tested with `starts_with` (the hub's "user.sign"), and the
    // unknown keys the label tests feed in on purpose.
    let not_actions = ["user.sign", "case.teleport", "case.unknown"];
    let missing: Vec<_> = found
        .iter()
        .filter(|(l, _)| AuditAction::parse(l).is_none() && !not_actions.contains(&l.as_str()))
        .collect();
    assert!(missing.is_empty(), "actions without a label: {missing:?}");
}

#[test]
fn fields_of_the_workflow_have_labels() {
    for key in [
        "household",
        "applied_on",
        "accepted_on",
        "deadline",
        "stage",
        "decision",
        "category",
        "proposed_benefit",
    ] {
        assert!(AuditField::parse(key).is_some(), "{key}");
    }
}
