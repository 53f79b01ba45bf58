//! Accounts and signing in: the first administrator on an empty store, sign-in through the
//! real sign-in and session loops, lockout after wrong passwords, idle sign-out, the
//! `users` command, and the audit entries each of these leaves.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{colour, demo_district, district, screen_text, Session};
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
    let f = demo_district(200);
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

/// Wrong passwords lock the account; until then (and for anyone without the password)
/// every refusal reads the same: no "tries left". The right password learns the date and
/// time the lockout ends, from the system clock, whatever the working date. (That the
/// lock ends when its time has passed is `domain::account`'s unit test.)
#[test]
fn wrong_passwords_lock_the_account_and_only_the_password_learns_until_when() {
    let mut f = demo_district(10);
    let policy = accounts::policy(&f.services).expect("policy");
    for _ in 0..policy.max_failures {
        let e = accounts::sign_in(&f.services, "demo-clerk", "wrong").expect_err("refused");
        assert_eq!(
            (e.zh(), e.to_string()),
            (
                "用户名或密码不对".to_string(),
                "wrong user name or password".to_string()
            )
        );
    }
    // Locked: a wrong password still reads the same; the right one is told until when.
    let e = accounts::sign_in(&f.services, "demo-clerk", "wrong").expect_err("refused");
    assert_eq!(e.zh(), "用户名或密码不对");
    let e = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect_err("locked");
    let until = chrono::Local::now().naive_local() + chrono::Duration::minutes(policy.lock_minutes);
    assert!(e.zh().contains("已锁定"), "{}", e.zh());
    assert!(
        e.zh().contains(&until.format("%Y-%m-%d").to_string()),
        "the date it ends: {}",
        e.zh()
    );
    // Moving the working date (a demo's --today) does not lift it.
    f.services.fixed_today = f.services.fixed_today.and_then(|d| d.succ_opt());
    let e = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect_err("locked");
    assert!(e.zh().contains("已锁定"), "{}", e.zh());
    let failed = actions(&f.services)
        .iter()
        .filter(|a| *a == "user.sign_in_failed")
        .count();
    assert_eq!(failed as u32, policy.max_failures + 3);
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
    let f = demo_district(10);
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
    assert_eq!(e.zh(), "只有区民政局可以管理账号");
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
    // Listing the accounts is reading them: it needs --as too.
    let out = users(store, &["list"], "");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--as"));
    let out = users(store, &["--as", "admin", "list"], "pw-2026-admin\n");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("admin") && listed.contains("clerk1") && listed.contains("陈炉镇"),
        "{listed}"
    );
}

/// The real binary on `store` with `args`, `stdin` piped in (passwords), on the system
/// clock (a store with accounts refuses `--today`).
fn run_cli(store: &str, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(["--store", store])
        .args(args)
        .env_remove("SAFETYNET_TODAY")
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

/// A store with a district administrator, made through the real binary.
fn store_with_admin(dir: &std::path::Path) -> String {
    let store = dir.join("office").join("store");
    std::fs::create_dir_all(store.parent().expect("parent")).expect("dir");
    let store = store.to_str().expect("path").to_string();
    let out = users(
        &store,
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
    store
}

/// `demo --user admin` on a real store signs nobody in, whichever way its path is
/// written: as given, relative, through `..`, through a symlink.
#[test]
fn the_demo_refuses_a_real_store_under_every_spelling_of_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_admin(dir.path());
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("office"), &link).expect("symlink");
    let spellings = [
        store.clone(),
        "store".to_string(), // relative, run from the office folder
        format!("{}/../office/store", dir.path().join("office").display()),
        format!("{}/store", link.display()),
    ];
    for spelling in &spellings {
        let out = Command::new(BIN)
            .current_dir(dir.path().join("office"))
            .args(["demo", "--store", spelling, "--user", "admin"])
            .env_remove("SAFETYNET_TODAY")
            .env_remove("SAFETYNET_STORE")
            .stdin(Stdio::null())
            .output()
            .expect("demo");
        assert!(!out.status.success(), "{spelling}: let in");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("不是作为演示数据库创建的"),
            "{spelling}: {err}"
        );
    }
    let services = Services::open(std::path::Path::new(&store)).expect("open");
    assert!(!services.store.is_demo().expect("marker"));
    let signed_in = actions(&services)
        .iter()
        .filter(|a| *a == "user.sign_in")
        .count();
    assert_eq!(signed_in, 0, "nobody signed in: {:?}", actions(&services));
    // And the library refuses too, whoever calls it.
    let e = accounts::demo_sign_in(&services, "admin").expect_err("refused");
    assert!(e.zh().contains("不是作为演示数据库创建的"), "{}", e.zh());
}

/// `--today` (and `SAFETYNET_TODAY`) move the clock of a demo store only.
#[test]
fn today_is_refused_on_a_store_with_accounts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store_with_admin(dir.path());
    let out = run_cli(&store, &["--today", "2030-01-01", "stats"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("只能用于演示数据库"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(BIN)
        .args(["--store", &store, "stats"])
        .env("SAFETYNET_TODAY", "2030-01-01")
        .output()
        .expect("stats");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    // On the system clock the same command answers.
    let out = run_cli(&store, &["stats"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A user name that exists and one that does not get the same answer, in the same time.
#[test]
fn unknown_user_and_wrong_password_are_told_the_same_in_the_same_time() {
    let f = demo_district(10);
    let time = |user: &str| {
        let started = std::time::Instant::now();
        let e = accounts::sign_in(&f.services, user, "not-the-password").expect_err("refused");
        (started.elapsed(), e.zh(), e.to_string())
    };
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    // Interleaved, so both see the same machine load (past the lockout a wrong password
    // takes the same path and answer).
    for _ in 0..8 {
        known.push(time("demo-clerk"));
        unknown.push(time("no-such-user"));
    }
    for (k, u) in known.iter().zip(&unknown) {
        assert_eq!((&k.1, &k.2), (&u.1, &u.2));
    }
    // The fastest of each: what the work costs, with the other tests' load taken out.
    let fastest = |v: &[(Duration, String, String)]| v.iter().map(|x| x.0).min().expect("timed");
    let (k, u) = (fastest(&known), fastest(&unknown));
    // Without the decoy check an unknown name answers some thirty times sooner (no
    // argon2); the margin allows for the other tests running beside this one.
    let (fast, slow) = if k < u { (k, u) } else { (u, k) };
    assert!(
        slow.as_secs_f64() < fast.as_secs_f64() * 2.0 + 0.02,
        "known {k:?} vs unknown {u:?}"
    );
}

/// `Admin` and `admin` are one account; names with control characters are refused.
#[test]
fn user_names_are_case_insensitive_and_names_hold_no_control_characters() {
    let f = demo_district(10);
    let officer = accounts::sign_in(&f.services, "demo-officer", DEMO_PASSWORD).expect("officer");
    let new = |user: &str, display: &str| NewAccount {
        user: user.into(),
        display: display.into(),
        role: Role::Auditor,
        town: None,
        department: None,
        password: "long-enough".into(),
    };
    let e =
        accounts::create(&f.services, Some(&officer), new("Demo-Officer", "x")).expect_err("taken");
    assert!(e.zh().contains("已存在"), "{}", e.zh());
    for display in ["\u{1b}[2J张三", "张三\u{7}", "张\n三"] {
        let e = accounts::create(&f.services, Some(&officer), new("zhang", display))
            .expect_err("control characters");
        assert!(e.zh().contains("控制字符"), "{}", e.zh());
    }
    // Signing in does not depend on case either.
    let a = accounts::sign_in(&f.services, "DEMO-CLERK", DEMO_PASSWORD).expect("signed in");
    assert_eq!(a.user, "demo-clerk");
}

/// The store folder's settings.toml counts at the next sign-in; a wrong one names its line.
#[test]
fn settings_are_read_from_the_store_folder_at_run_time() {
    let f = demo_district(10);
    let bundled = accounts::policy(&f.services).expect("bundled");
    let own = f.services.store.path().join("settings.toml");
    std::fs::write(
        &own,
        "[accounts]\nmax_failures = 2\nlock_minutes = 60\nidle_minutes = 5\nmin_password_chars = 8\n",
    )
    .expect("write");
    let p = accounts::policy(&f.services).expect("own");
    assert_ne!(p, bundled);
    assert_eq!((p.max_failures, p.lock_minutes, p.idle_minutes), (2, 60, 5));
    for _ in 0..2 {
        accounts::sign_in(&f.services, "demo-clerk", "wrong").expect_err("refused");
    }
    let e = accounts::sign_in(&f.services, "demo-clerk", DEMO_PASSWORD).expect_err("locked");
    assert!(e.zh().contains("已锁定"), "{}", e.zh());
    std::fs::write(&own, "[accounts]\nmax_failures = 2\nlock_minutes = soon\n").expect("write");
    let e = accounts::policy(&f.services).expect_err("wrong file");
    assert!(
        e.zh().contains("settings.toml") && e.zh().contains("line 3"),
        "{}",
        e.zh()
    );
}

/// The sign-in form's keys come from the keymap (issue 14: no key read raw): Ctrl-U
/// clears the field (it typed a "u" before), a Ctrl chord types nothing, and the hint
/// under the form is the keymap's.
#[test]
fn sign_in_keys_come_from_the_keymap() {
    let f = demo_district(20);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let keys = format!("demo-clerkx<c-u>demo-officer<c-b><tab>{DEMO_PASSWORD}<ret>");
    let mut ev = events(&keys).into_iter();
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
        screen.contains("区民政局（演示）"),
        "signed in as demo-officer:\n{screen}"
    );
    // The hint under the empty form, from the keymap's sign-in bindings.
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    let mut ev = Vec::new().into_iter();
    sessions(
        &mut terminal,
        &f.services,
        Start::SignIn { demo: true },
        Lang::En,
        colour(),
        &mut ev,
    )
    .expect("sessions");
    let screen = screen_text(terminal.backend().buffer());
    let hint: String =
        safetynet::tui::keymap::hints(safetynet::tui::keymap::Context::SignIn, Lang::En)
            .iter()
            .map(|(k, d)| format!("{k} {d}"))
            .collect::<Vec<_>>()
            .join("  ");
    assert!(
        screen.contains(&hint),
        "{hint:?} not under the form:\n{screen}"
    );
}
