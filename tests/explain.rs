//! `safetynet explain` on the example files: the real binary prints the category, the
//! amount and the explanation lines the engine gives the review for the same household.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use safetynet::domain::classify::classify;
use safetynet::domain::household::Household;
use safetynet::domain::standards::Standards;

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
