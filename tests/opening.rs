//! Opening a store from the command line: one open through the upgrade (issue 16: "never
//! a silent rebuild behind a blank screen"), and an open that takes long is said while
//! it runs instead of leaving the terminal blank.

mod common;

use std::process::Command;
use std::time::Duration;

fn stats(path: &std::path::Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["--lang", "en", "stats", "--json", "--store"])
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run")
}

/// The store held by this test process makes the program's open wait for sled's lock
/// (it waits up to 3 s for a store just let go of): the wait is said on stderr, and the
/// command goes on once the store is free. A quick open says nothing.
#[test]
fn a_slow_open_is_said_while_it_runs() {
    let f = common::district(12);
    let path = f.dir.path().to_path_buf();
    let held = f.services;
    let child = stats(&path);
    std::thread::sleep(Duration::from_millis(1200));
    drop(held);
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("Opening the store"), "{err}");
    assert!(err.contains("正在打开数据库"), "{err}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["households"], 12);

    let out = stats(&path).wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        !err.contains("Opening the store"),
        "a quick open said: {err}"
    );
}
