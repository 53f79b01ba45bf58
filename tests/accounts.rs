//! Accounts and signing in: the first administrator on an empty store, sign-in through the
//! real sign-in and session loops, lockout after wrong passwords, idle sign-out, the
//! `users` command, and the audit entries each of these leaves.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{colour, district, screen_text, Session};
use crossterm::event::Event;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use safetynet::app::accounts::{self, NewAccount, DEMO_PASSWORD};
use safetynet::app::session::Role;
use safetynet::app::Services;
use safetynet::tui::keys::parse_keys;
use safetynet::tui::{event_loop, sessions, Ended, Lang, Start};

fn events(keys: &str) -> Vec<std::io::Result<Option<Event>>> {
    parse_keys(keys)
        .expect("keys")
        .into_iter()
        .map(|k| Ok(Some(Event::Key(k))))
        .collect()
}

fn actions(services: &Services) -> Vec<String> {
    services
        .store
        .audit_trail()
        .map(|e| e.expect("entry").action)
        .collect()
}

#[test]
fn first_start_creates_the_administrator_and_signs_in() {
    let f = district(30);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    // Typed: user, name, password, a different second password (refused), then right.
    let keys = "admin<tab>张科长<tab>secret-2026<tab>secret-2025<ret>\
                <bs><bs>26<ret>q";
    let mut ev = events(keys).into_iter();
    sessions(
        &mut terminal,
        &f.services,
        Start::SignIn { demo: false },
        Lang::Zh,
        colour(),
        &mut ev,
    )
    .expect("sessions");
    let admin = f
        .services
        .store
        .account("admin")
        .expect("read")
        .expect("created");
    assert_eq!(Role::from_code(admin.role), Some(Role::DistrictOfficer));
    assert!(
        admin.password_hash.starts_with("$argon2"),
        "hashed, never plain"
    );
    let log = actions(&f.services);
    for action in ["user.create", "user.sign_in", "user.sign_out"] {
        assert!(
            log.iter().any(|a| a == action),
            "{action} missing from {log:?}"
        );
    }
}

#[test]
fn sign_in_screen_lists_demo_accounts_and_a_clerk_sees_only_her_town() {
    let f = district(200);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut ev = events(&format!("demo-clerk<tab>{DEMO_PASSWORD}<ret>")).into_iter();
    sessions(
        &mut terminal,
        &f.services,
        Start::SignIn { demo: true },
        Lang::Zh,
        colour(),
        &mut ev,
    )
    .expect("sessions");
    let screen = screen_text(terminal.backend().buffer());
    assert!(
        screen.contains("陈炉镇"),
        "the clerk's dashboard is her town's:\n{screen}"
    );
    assert!(screen.contains("陈炉镇民政专干"), "{screen}");

    // The sign-in screen itself, before anything is typed.
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut ev = Vec::new().into_iter();
    sessions(
        &mut terminal,
        &f.services,
        Start::SignIn { demo: true },
        Lang::Zh,
        colour(),
        &mut ev,
    )
    .expect("sessions");
    let screen = screen_text(terminal.backend().buffer());
    insta::assert_snapshot!("sign_in_demo", screen);
    for user in ["demo-officer", "demo-clerk", "demo-auditor", "demo-liaison"] {
        assert!(screen.contains(user), "{user} not listed:\n{screen}");
    }
}

#[test]
fn wrong_passwords_lock_the_account_until_the_time_passes() {
    let mut f = district(10);
    accounts::ensure_demo_accounts(&f.services).expect("demo accounts");
    let policy = accounts::policy().expect("policy");
    for i in 1..policy.max_failures {
        let e = accounts::sign_in(&f.services, "demo-clerk", "wrong").expect_err("refused");
        assert!(
            e.zh()
                .contains(&format!("还可再试 {} 次", policy.max_failures - i)),
            "{}",
            e.zh()
        );
    }
    let e = accounts::sign_in(&f.services, "demo-clerk", "wrong").expect_err("refused");
    assert!(e.zh().contains("锁定"), "{}", e.zh());
    // Even the right password is refused while locked.
    let e = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect_err("locked");
    assert!(e.zh().contains("已锁定"), "{}", e.zh());
    // A day later it opens again.
    f.services.fixed_today = f.services.fixed_today.and_then(|d| d.succ_opt());
    let actor = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect("unlocked");
    assert_eq!(actor.role, Role::TownClerk);
    let failed = actions(&f.services)
        .iter()
        .filter(|a| *a == "user.sign_in_failed")
        .count();
    assert_eq!(failed as u32, policy.max_failures + 1);
    // An unknown user is refused with the same words and audited too.
    let e = accounts::sign_in(&f.services, "nobody", "x").expect_err("refused");
    assert_eq!(e.zh(), "用户名或密码不对");
}

#[test]
fn an_idle_session_signs_out() {
    let f = district(10);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.ui.idle_limit = Some(Duration::ZERO);
    let ticks: Vec<std::io::Result<Option<Event>>> = vec![Ok(None)];
    let ended = event_loop(&mut s.terminal, &s.cx, &mut s.ui, ticks).expect("loop");
    assert_eq!(ended, Ended::Idle);
    // Without a limit a tick changes nothing.
    s.ui.idle_limit = None;
    let ticks: Vec<std::io::Result<Option<Event>>> = vec![Ok(None), Ok(None)];
    let ended = event_loop(&mut s.terminal, &s.cx, &mut s.ui, ticks).expect("loop");
    assert_eq!(ended, Ended::RanOut);
}

#[test]
fn only_a_district_officer_adds_accounts() {
    let f = district(10);
    accounts::ensure_demo_accounts(&f.services).expect("demo accounts");
    let clerk = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect("clerk");
    let new = NewAccount {
        user: "x".into(),
        display: "x".into(),
        role: Role::Auditor,
        town: None,
        department: None,
        password: "long-enough".into(),
    };
    let e = accounts::create(&f.services, Some(&clerk), new.clone()).expect_err("refused");
    assert_eq!(e.zh(), "只有区民政局可以添加账号");
    let officer = accounts::sign_in(&f.services, "demo-officer", DEMO_PASSWORD).expect("officer");
    let short = NewAccount {
        password: "short".into(),
        ..new.clone()
    };
    assert!(accounts::create(&f.services, Some(&officer), short).is_err());
    accounts::create(&f.services, Some(&officer), new).expect("created");
    accounts::disable(&f.services, &officer, "x").expect("disabled");
    let e = accounts::sign_in(&f.services, "x", "long-enough").expect_err("disabled");
    assert!(e.zh().contains("停用"), "{}", e.zh());
}

const BIN: &str = env!("CARGO_BIN_EXE_safetynet");

/// `safetynet users ARGS` on `store`, with `stdin` typed at its password prompts.
fn users(store: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut all = vec!["users"];
    all.extend_from_slice(args);
    run_cli(store, &all, stdin)
}

#[test]
fn users_command_bootstraps_and_manages_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("s");
    let store = store.to_str().expect("path");
    let out = users(
        store,
        &[
            "add",
            "admin",
            "--name",
            "张科长",
            "--role",
            "district-officer",
            "--create",
        ],
        "pw-2026-admin\npw-2026-admin\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Later accounts need the administrator's password.
    let out = users(
        store,
        &[
            "--as",
            "admin",
            "add",
            "clerk1",
            "--name",
            "李娟",
            "--role",
            "town-clerk",
            "--town",
            "chenlu",
        ],
        "pw-2026-admin\nclerk-pass-1\nclerk-pass-1\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = users(
        store,
        &["--as", "admin", "disable", "clerk1"],
        "wrong-password\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("用户名或密码不对"));
    let out = users(store, &["list"], "");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("admin") && listed.contains("clerk1") && listed.contains("陈炉镇"),
        "{listed}"
    );
}

/// The real binary on `store` with `args`, `stdin` piped in (passwords), today fixed.
fn run_cli(store: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(["--store", store])
        .args(args)
        .env("SAFETYNET_TODAY", "2026-03-02")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn exports_from_the_command_line_need_a_signed_in_district_officer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("s");
    let store = store.to_str().expect("path");
    let gen = run_cli(store, &["generate", "--households", "200"], "");
    assert!(
        gen.status.success(),
        "{}",
        String::from_utf8_lossy(&gen.stderr)
    );
    let out = run_cli(
        store,
        &[
            "users",
            "add",
            "admin",
            "--name",
            "张科长",
            "--role",
            "district-officer",
        ],
        "pw-2026-admin\npw-2026-admin\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = dir.path().join("roster.csv");
    let csv = csv.to_str().expect("path");
    // Without --as: refused, nothing written.
    let out = run_cli(store, &["monitor", "--export", csv], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--as"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!std::path::Path::new(csv).exists());
    // With the administrator's password: written, and the audit trail names them.
    let out = run_cli(
        store,
        &["monitor", "--export", csv, "--as", "admin"],
        "pw-2026-admin\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::path::Path::new(csv).exists());
    let ledger = dir.path().join("ledger.xlsx");
    let out = run_cli(
        store,
        &[
            "--as",
            "admin",
            "ledger",
            "--quarter",
            "2026Q1",
            "--out",
            ledger.to_str().expect("path"),
        ],
        "pw-2026-admin\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let services = Services::open(std::path::Path::new(store)).expect("open");
    let exports: Vec<_> = services
        .store
        .audit_trail()
        .map(|e| e.expect("entry"))
        .filter(|e| e.action.ends_with(".export"))
        .collect();
    assert_eq!(exports.len(), 2);
    assert!(exports.iter().all(|e| e.by == "admin"));
    // The chain is whole after all of that.
    assert!(services
        .store
        .check_audit_chain()
        .expect("check")
        .problems
        .is_empty());
}
