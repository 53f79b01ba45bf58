//! On a terminal the import shows a progress bar, then its summary; piped, only the summary.

mod common;
mod import_fixture;

use std::time::Duration;

use common::pty::Pty;
use import_fixture::{run, text, Roster};

#[test]
fn a_progress_bar_on_a_terminal_and_none_when_piped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("r.xlsx");
    Roster::clean(600).write_xlsx(&file);
    let f = file.to_str().expect("path");
    let store = dir.path().join("tty");
    let s = store.to_str().expect("path");
    let mut pty = Pty::spawn(&["--store", s, "--create", "import", f]);
    let status = pty.wait_exit(Duration::from_secs(60));
    assert!(status.success(), "{}", pty.screen());
    let raw = String::from_utf8_lossy(&pty.raw).into_owned();
    assert!(
        raw.contains("导入中 [") && raw.contains("600/600 100%"),
        "{raw}"
    );
    assert!(pty.screen().contains("新增 600 户"), "{}", pty.screen());

    let out = run(&dir.path().join("piped"), &["import", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains("导入中"), "{}", text(&out));
    assert!(text(&out).contains("新增 600 户"), "{}", text(&out));
}
