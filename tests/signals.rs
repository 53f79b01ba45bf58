//! SIGTERM and SIGHUP (an SSH connection dropping) on the real program in a pty: the
//! terminal is given back (alternate screen left, cursor shown), the sign-out is in the
//! audit trail, the process exits and the store opens again.

use std::process::Command;
use std::time::Duration;

mod common;
use common::pty::Pty;
use safetynet::app::Services;

fn signal_ends_the_session(signal: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("demo");
    let s = store.to_str().expect("utf-8 path");
    let mut pty = Pty::spawn(&["demo", "--store", s, "--households", "50"]);
    pty.settle_on("户数", Duration::from_secs(60));
    let pid = pty.child.process_id().expect("pid");
    let sent = Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .expect("kill");
    assert!(sent.success());
    let status = pty.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{signal}: exit status {status:?}");
    let raw = String::from_utf8_lossy(&pty.raw);
    let tail = &raw[raw.rfind("户数").unwrap_or(0)..];
    assert!(
        tail.contains("\x1b[?1049l"),
        "{signal}: alternate screen not left"
    );
    assert!(
        tail.contains("\x1b[?25h"),
        "{signal}: cursor not shown again"
    );

    let services = Services::open(&store).expect("the store opens again");
    let last = services
        .store
        .audit_newest_first()
        .next()
        .expect("an entry")
        .expect("readable");
    assert_eq!(last.action, "user.sign_out", "{signal}: {last:?}");
    assert_eq!(last.by, "demo-officer");
}

#[test]
fn sigterm_restores_the_terminal_and_signs_out() {
    signal_ends_the_session("-TERM");
}

#[test]
fn sighup_restores_the_terminal_and_signs_out() {
    signal_ends_the_session("-HUP");
}
