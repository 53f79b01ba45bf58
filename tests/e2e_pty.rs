//! The real binary in a pseudo-terminal: the demo opens on the dashboard, `q` quits with
//! exit code 0, the terminal is given back, and a second copy on the same store is told
//! plainly that the store is in use.

use std::io::Write;
use std::process::Command;
use std::time::Duration;

mod common;
use common::pty::{Pty, BIN};

#[test]
fn demo_opens_on_the_dashboard_and_quits_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("demo");
    let store = store.to_str().expect("utf-8 path");
    let mut pty = Pty::spawn(&["demo", "--store", store, "--households", "300"]);
    let screen = pty.settle_on("户数", Duration::from_secs(60));
    assert!(screen.contains("案件阶段"), "{screen}");
    assert!(screen.contains("300"), "{screen}");

    // While it runs, a second copy on the same store gets a plain message, not a panic.
    let second = Command::new(BIN)
        .args(["stats", "--store", store])
        .output()
        .expect("run second copy");
    assert_eq!(second.status.code(), Some(3));
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("已在另一个窗口中打开"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    // Into the case list and back, then quit.
    pty.send("c");
    pty.wait_for("案件编号", Duration::from_secs(10));
    pty.send("\x1b");
    pty.wait_for("户数", Duration::from_secs(10));
    pty.send("q");
    pty.wait_for("退出 safetynet", Duration::from_secs(10));
    pty.send("y");
    let status = pty.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "exit status {status:?}");
    // The alternate screen was left and the cursor shown again.
    let tail = String::from_utf8_lossy(&pty.raw);
    assert!(tail.contains("\x1b[?1049l"), "alternate screen not left");
    assert!(tail.contains("\x1b[?25h"), "cursor not shown again");
}

#[test]
fn generate_then_stats_agree_with_the_dashboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("s");
    let store = store.to_str().expect("utf-8 path");
    let gen = Command::new(BIN)
        .args([
            "generate",
            "--store",
            store,
            "--households",
            "500",
            "--seed",
            "3",
            "--today",
            "2026-03-02",
        ])
        .env_remove("SAFETYNET_TODAY")
        .output()
        .expect("generate");
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    // Piped: no progress bar on stderr.
    assert!(
        gen.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    let stats = Command::new(BIN)
        .args(["stats", "--json", "--store", store])
        .env_remove("SAFETYNET_TODAY")
        .output()
        .expect("stats");
    assert!(stats.status.success());
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("json");
    assert_eq!(json["households"], 500);
    let by_stage: i64 = json["cases_by_stage"]
        .as_object()
        .expect("object")
        .values()
        .filter_map(|v| v.as_i64())
        .sum();
    assert_eq!(by_stage, 500);

    // An administrator for the new store, then sign in at the real sign-in screen.
    let mut add = Command::new(BIN)
        .args(["users", "--store", store, "add", "admin", "--name", "Admin"])
        .args(["--role", "district-officer"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("users add");
    add.stdin
        .take()
        .expect("stdin")
        .write_all(b"admin-pass-1\nadmin-pass-1\n")
        .expect("password");
    assert!(add.wait().expect("wait").success());
    let mut pty = Pty::spawn(&["--store", store, "--lang", "en"]);
    pty.wait_for("Sign in", Duration::from_secs(30));
    pty.send("admin\tadmin-pass-1\r");
    let screen = pty.settle_on("households", Duration::from_secs(30));
    for key in ["persons", "overdue"] {
        let line = screen
            .lines()
            .find(|l| l.contains(key))
            .expect("figure line");
        let shown = line
            .split('│')
            .nth(1)
            .and_then(|c| c.split_whitespace().last())
            .expect("figure")
            .replace(',', "");
        assert_eq!(shown, json[key].to_string(), "{key}: {line}");
    }
    pty.send("qy");
    assert!(pty.wait_exit(Duration::from_secs(10)).success());
}

/// Kill -9 the real program in the middle of the intake wizard: what was committed with
/// Tab is on disk, the store opens again (the lock died with the process), and the draft
/// resumes with the fields as typed.
#[test]
fn a_killed_program_keeps_its_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("demo");
    let store = store.to_str().expect("utf-8 path");
    let mut pty = Pty::spawn(&["demo", "--store", store, "--households", "50"]);
    pty.settle_on("户数", Duration::from_secs(60));
    pty.send("n");
    pty.settle_on("申请日期", Duration::from_secs(10));
    // Town and village as offered, then the address and the phone, each committed by Tab.
    pty.send("\t\t一组12号\t13812345678\t");
    pty.settle_on("13812345678", Duration::from_secs(10));
    let pid = pty.child.process_id().expect("pid");
    let killed = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = pty.wait_exit(Duration::from_secs(10));
    assert!(!status.success(), "killed, not exited: {status:?}");

    let mut again = Pty::spawn(&["demo", "--store", store]);
    again.settle_on("户数", Duration::from_secs(60));
    again.send("d");
    again.settle_on("北关社区", Duration::from_secs(10));
    again.send("\r");
    let screen = again.settle_on("一组12号", Duration::from_secs(10));
    assert!(screen.contains("13812345678"), "{screen}");
    again.send("\x1b");
    again.settle_on("", Duration::from_secs(2));
    let _ = again.child.kill();
}
