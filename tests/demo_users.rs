//! `safetynet demo --user x` with a name that is no demo account (issue 14, point 9)
//! names the demo accounts and their roles, in the interface language, and exits 1 —
//! it said only `未找到demo user x`.

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_safetynet");

fn demo_as(dir: &std::path::Path, lang: &str, user: &str) -> Output {
    Command::new(BIN)
        .args([
            "--lang",
            lang,
            "demo",
            "--households",
            "20",
            "--user",
            user,
            "--store",
        ])
        .arg(dir.join("demo"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("SAFETYNET_STORE")
        .output()
        .expect("run safetynet")
}

#[test]
fn an_unknown_demo_user_is_told_the_demo_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = demo_as(dir.path(), "zh", "x");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("没有演示账号 x"), "{err}");
    for name in [
        "demo-officer（区民政局）",
        "demo-clerk（镇民政专干）",
        "demo-auditor（审计人员）",
    ] {
        assert!(err.contains(name), "{name} missing: {err}");
    }
    let out = demo_as(dir.path(), "en", "x");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no demo account x; the demo accounts are: demo-officer (district officer)"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}
