//! One English name per policy term (issue 14): the glossary module, the labels that take
//! their names from it, and the rename of 防返贫监测对象's three code names to one
//! (`Tag::RelapseWatch`, `Standing::relapse_watch`, `Group::RelapseWatch`) without
//! changing what is stored.

use safetynet::domain::category::Tag;
use safetynet::domain::glossary;
use safetynet::domain::household::Household;
use safetynet::domain::monitoring::Group;
use safetynet::domain::Label;

/// A household record as the store kept it before the rename (envelope + bincode, written
/// by `store::envelope::encode` from main at 744baa5, when the field was
/// `Standing.monitoring_target`): household 11 of the seed-7 demo district.
const OLD_RECORD: &[u8] = include_bytes!("fixtures/household-v2-relapse-watch.bin");

/// The rename changed no stored byte: the old record reads with the new name. (It wrote
/// the same bytes until household record version 3 made ID numbers and dates compact;
/// written now, it is version 3 and reads back the same.)
#[test]
fn a_record_stored_before_the_rename_reads_and_writes_back_the_same_household() {
    let h: Household = safetynet::store::envelope::decode(OLD_RECORD).expect("old record reads");
    assert!(h.standing.relapse_watch, "{:?}", h.standing);
    assert_eq!(h.standing.tags, vec![Tag::RelapseWatch]);
    assert!(!h.standing.lifted_out_of_poverty);
    let new = safetynet::store::envelope::encode(&h).expect("encode");
    assert_eq!(&new[..4], b"SN\x00\x03");
    assert!(new.len() < OLD_RECORD.len(), "{} bytes", new.len());
    let back: Household = safetynet::store::envelope::decode(&new).expect("reads");
    assert_eq!(back, h);
}

#[test]
fn a_household_file_with_the_old_field_name_still_reads() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/examples/elder-with-son-elsewhere.toml"
    );
    let text = std::fs::read_to_string(path).expect("example");
    assert!(text.contains("\nrelapse_watch = false"), "{text}");
    let old = text.replace("\nrelapse_watch = false", "\nmonitoring_target = true");
    let h: Household = toml::from_str(&old).expect("old name reads");
    assert!(h.standing.relapse_watch);
    let new: Household = toml::from_str(&text).expect("new name reads");
    assert!(!new.standing.relapse_watch);
}

#[test]
fn the_term_has_one_name_in_every_label() {
    assert_eq!(Tag::RelapseWatch.text(), glossary::RELAPSE_WATCH);
    assert_eq!(Group::RelapseWatch.text(), glossary::RELAPSE_WATCH);
    assert_eq!(Group::LiftedOut.text(), glossary::LIFTED_OUT);
    for c in safetynet::domain::category::Category::ALL {
        assert!(glossary::ALL.contains(&c.text()), "{c:?}: {:?}", c.text());
    }
}

#[test]
fn glossary_terms_are_distinct() {
    for (i, a) in glossary::ALL.iter().enumerate() {
        for b in &glossary::ALL[i + 1..] {
            assert_ne!(a.zh, b.zh);
            assert_ne!(a.en, b.en);
        }
    }
}

/// `("中文", "English")` label pairs and `t("中文", "English")` calls in src/ that name a
/// glossary term in Chinese give it the glossary's English name (case and a plural aside).
#[test]
fn no_label_in_the_source_gives_a_term_another_english_name() {
    let mut wrong = Vec::new();
    let mut files = Vec::new();
    collect(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut files,
    );
    for file in &files {
        let text = std::fs::read_to_string(file).expect("source");
        for (zh, en) in pairs(&text) {
            if let Some(term) = glossary::ALL.iter().find(|t| t.zh == zh) {
                if !names_the_same(en, term.en) {
                    wrong.push(format!(
                        "{}: (\"{zh}\", \"{en}\") — glossary says \"{}\"",
                        file.display(),
                        term.en
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_matcher_finds_pairs_and_tells_names_apart() {
    let src = r#"X => ("防返贫监测对象", "monitoring target"), l.t("预警", "Alerts"), t("a",x)"#;
    assert_eq!(
        pairs(src),
        vec![("防返贫监测对象", "monitoring target"), ("预警", "Alerts")]
    );
    assert!(!names_the_same("monitoring target", "relapse watch"));
    assert!(names_the_same("Alerts", "alert"));
    assert!(names_the_same("Relapse watch", "relapse watch"));
}

fn names_the_same(en: &str, term: &str) -> bool {
    let en = en.to_lowercase();
    en == term || en.strip_suffix('s') == Some(term)
}

/// Every `("…", "…")` with two string literals.
fn pairs(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("(\"") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find('"') else { break };
        let zh = &rest[..end];
        let after = &rest[end + 1..];
        if let Some(tail) = after.strip_prefix(", \"") {
            if let Some(end2) = tail.find('"') {
                if tail[end2 + 1..].starts_with(')') {
                    out.push((zh, &tail[..end2]));
                }
            }
        }
    }
    out
}

fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
