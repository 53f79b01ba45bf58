//! `safetynet explain` on the example files: the real binary prints the category, the
//! amount and the explanation lines the engine gives the review for the same household.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use safetynet::domain::classify::classify;
use safetynet::domain::household::Household;
use safetynet::domain::standards::Standards;

mod common;

const EXAMPLE: &str = "assets/examples/elder-with-son-elsewhere.toml";

fn explain(args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .arg("explain")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        input.write_all(text.as_bytes()).expect("stdin");
    }
    let out = child.wait_with_output().expect("finishes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn household() -> Household {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    toml::from_str(&text).expect("example parses")
}

#[test]
fn explain_prints_what_the_engine_gives_the_review() {
    let on = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
    let p = classify(&household(), &Standards::bundled().expect("bundled"), on).expect("ok");
    let out = explain(&[EXAMPLE, "--on", "2025-06-01"], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "建议类别：低保对象");
    assert_eq!(lines[2], format!("月待遇：{} 元", p.benefit.total()));
    assert_eq!(lines[3..].to_vec(), p.explanation_zh());
    assert!(out.contains("法定义务人 子女 张大（户外）：有履行义务能力"));
    // The same household on standard input, in English, with a what-if standard.
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let out = explain(
        &[
            "-",
            "--on",
            "2025-06-01",
            "--lang",
            "en",
            "--standard",
            "rural.dibao=7200",
        ],
        Some(&text),
    );
    assert!(out.starts_with("category: dibao"), "{out}");
    assert!(out.contains("monthly benefit: 660.00 yuan"), "{out}");
}

#[test]
fn explain_json_is_the_whole_proposal() {
    let out = explain(&[EXAMPLE, "--on", "2025-06-01", "--json"], None);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["category"], "Dibao");
    assert_eq!(v["benefit"]["base"], 57_600);
}

/// `--store`: the store's standards (as the standards screen edited them), the same the
/// store's review judges by; without it, the bundled ones.
#[test]
fn explain_with_a_store_judges_by_that_stores_standards() {
    use safetynet::domain::standards::FieldRef;
    let f = common::district(5);
    let today = common::today();
    let current = safetynet::app::standards::current(&f.services).expect("standards");
    let from = current.standards.set_on(today).expect("set in force").from;
    let rural_dibao = FieldRef::all()
        .into_iter()
        .find(|r| r.key() == "rural.dibao")
        .expect("field");
    let edited = safetynet::app::standards::edit(
        &f.services,
        &f.actor,
        current.rev,
        from,
        rural_dibao,
        "8400",
        true,
    )
    .expect("edited");
    let review = classify(&household(), &edited.standards, today).expect("ok");
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let store = dir.path().to_str().expect("path").to_string();
    let on = today.to_string();
    let out = explain(&["--store", &store, EXAMPLE, "--on", &on], None);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[2], format!("月待遇：{} 元", review.benefit.total()));
    assert_eq!(lines[3..].to_vec(), review.explanation_zh());
    assert!(out.contains("农村标准：低保 8,400.00 元/人·年"), "{out}");
    // Without --store: the bundled standard, another amount.
    let bundled = explain(&[EXAMPLE, "--on", &on], None);
    assert!(!bundled.contains("8,400.00"), "{bundled}");
    assert_ne!(bundled.lines().nth(2), Some(lines[2]), "{bundled}");
    // An override still applies on top of the store's standards.
    let what_if = explain(
        &[
            "--store",
            &store,
            EXAMPLE,
            "--on",
            &on,
            "--standard",
            "rural.dibao=9000",
        ],
        None,
    );
    assert!(
        what_if.contains("农村标准：低保 9,000.00 元/人·年"),
        "{what_if}"
    );
    // A folder with no store is refused, not made.
    let empty = tempfile::tempdir().expect("dir");
    let o = Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .arg("--store")
        .arg(empty.path())
        .args(["explain", EXAMPLE])
        .output()
        .expect("runs");
    assert!(!o.status.success());
    assert!(!safetynet::store::store_exists(empty.path()));
}

/// A household file needs only where the household is and who is in it: everything else
/// it does not have may be left out (no incomes, no obligors, …), and reads as none.
#[test]
fn a_household_file_may_leave_out_what_it_does_not_have() {
    let minimal = r#"
town = "Chenlu"
village = "陈炉村"
area = "Rural"

[[members]]
name = "王秀兰"
id = "61020319550301011X"
relation = "Head"
area = "Rural"
labour = "None"
health = "Healthy"
employment = "NotWorking"
schooling = "NotInSchool"
carer = false
"#;
    let out = explain(&["-", "--on", "2025-06-01"], Some(minimal));
    // The example without its obligor, as its header says: destitute.
    let mut full = household();
    full.obligors.clear();
    full.indicators = Default::default();
    full.address.clear();
    let on = NaiveDate::from_ymd_opt(2025, 6, 1).expect("date");
    let p = classify(&full, &Standards::bundled().expect("bundled"), on).expect("ok");
    assert_eq!(out.lines().next(), Some("建议类别：特困人员"), "{out}");
    assert_eq!(out.lines().skip(3).collect::<Vec<_>>(), p.explanation_zh());
    // Without members it is refused, naming the field.
    let mut child = Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["explain", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    if let Some(mut input) = child.stdin.take() {
        input
            .write_all(b"town = \"Chenlu\"\nvillage = \"x\"\narea = \"Rural\"\n")
            .expect("stdin");
    }
    let o = child.wait_with_output().expect("finishes");
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("missing field `members`"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
