//! `safetynet serve` end to end: the real binary on 127.0.0.1, an SSH client in the test.

mod sshclient;

use std::time::Duration;

use safetynet::app::Services;
use sshclient::{demo_store, sign_in, Server, Term};

fn store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    demo_store(dir.path(), 300);
    dir
}

/// Quit from the home screen (answering the question if one is asked).
async fn quit(term: &mut Term) {
    term.send(b"q").await;
    if !term.wait_closed(Duration::from_millis(1500)).await {
        term.send(b"y").await;
        assert!(
            term.wait_closed(Duration::from_secs(5)).await,
            "quitting did not close the connection:\n{}",
            term.text()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_signs_in_over_ssh_sees_the_dashboard_looks_up_and_quits() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let mut term = Term::open(&server, "demo-clerk", 80, 24).await;
    assert!(
        term.wait_for("案件阶段").await,
        "no dashboard:\n{}",
        term.text()
    );
    // Signed in as the clerk: her name is on the header line, no second sign-in.
    assert!(
        term.text().contains("陈炉镇民政专干（演示）"),
        "{}",
        term.text()
    );
    // Lookup, with three Chinese characters in one packet (an input method's commit).
    term.send(b"/").await;
    assert!(term.wait_for("查找:").await, "{}", term.text());
    term.send("陈炉村".as_bytes()).await;
    assert!(term.wait_for("查找: 陈炉村").await, "{}", term.text());
    assert!(term.wait_for("找到").await, "{}", term.text());
    // A lone Esc closes the lookup.
    term.send(b"\x1b").await;
    assert!(term.wait_for("首页").await, "{}", term.text());
    assert!(!term.text().contains("查找:"), "{}", term.text());
    quit(&mut term).await;
    assert_eq!(server.terminate().code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_session_has_its_own_language_from_the_clients_lang() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let handle = sign_in(&server, "demo-clerk", "demo2026")
        .await
        .expect("sign in");
    let mut english = Term::shell_with_env(handle, 80, 24, &[("LANG", "en_US.UTF-8")]).await;
    let mut chinese = Term::open(&server, "demo-clerk", 80, 24).await;
    assert!(
        english.wait_for("Cases by stage").await,
        "{}",
        english.text()
    );
    assert!(chinese.wait_for("案件阶段").await, "{}", chinese.text());
    assert!(!english.text().contains("案件阶段"), "{}", english.text());
    english.disconnect().await;
    chinese.disconnect().await;
    assert_eq!(server.terminate().code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_like_an_unknown_user_and_audited_with_the_peer() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let started = std::time::Instant::now();
    let wrong = sign_in(&server, "demo-clerk", "not-the-password").await;
    let wrong_took = started.elapsed();
    let started = std::time::Instant::now();
    let unknown = sign_in(&server, "nobody-here", "not-the-password").await;
    let unknown_took = started.elapsed();
    assert_eq!(wrong.err().as_deref(), Some("refused"));
    assert_eq!(unknown.err().as_deref(), Some("refused"));
    // Both answered after the same fixed time (1 s), whatever the reason.
    for took in [wrong_took, unknown_took] {
        assert!(took >= Duration::from_millis(950), "{took:?}");
        assert!(took < Duration::from_millis(2500), "{took:?}");
    }
    let right = sign_in(&server, "demo-clerk", "demo2026").await;
    assert!(right.is_ok(), "the right password after two wrong ones");
    drop(right);
    assert_eq!(server.terminate().code(), Some(0));
    let services = Services::open(dir.path()).expect("reopen");
    let failed: Vec<_> = services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .filter(|e| e.action == "user.sign_in_failed")
        .collect();
    // One entry per attempt (the accounts' own), naming the SSH peer.
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(
        failed
            .iter()
            .all(|e| e.note.contains("; from ssh 127.0.0.1:")),
        "{failed:?}"
    );
    assert!(failed.iter().any(|e| e.by == "demo-clerk"));
    assert!(failed.iter().any(|e| e.by == "nobody-here"));
    let signed_in: Vec<_> = services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .filter(|e| e.action.contains("sign_in") && e.action != "user.sign_in_failed")
        .collect();
    assert_eq!(
        signed_in.len(),
        1,
        "one entry for the one sign-in: {signed_in:?}"
    );
    assert_eq!(signed_in[0].action, "user.sign_in");
    assert!(
        signed_in[0].note.starts_with("from ssh 127.0.0.1:"),
        "{signed_in:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resize_paste_and_the_enlarge_note() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let mut term = Term::open(&server, "demo-clerk", 80, 24).await;
    assert!(term.wait_for("案件阶段").await, "{}", term.text());
    // Wider: the header's right end moves to column 100.
    term.resize(100, 30).await;
    let wide = |t: &Term| {
        t.screen
            .screen()
            .cell(1, 99)
            .is_some_and(|c| c.contents() == "┐")
    };
    assert!(
        term.read_until(Duration::from_secs(5), wide).await,
        "{}",
        term.text()
    );
    // A paste with a line break into the lookup: typed, not submitted.
    term.send(b"/").await;
    assert!(term.wait_for("查找:").await, "{}", term.text());
    term.send(b"\x1b[200~chen\r\nlu\x1b[201~").await;
    assert!(term.wait_for("查找: chen lu").await, "{}", term.text());
    assert!(!term.text().contains("案件详情"), "{}", term.text());
    // Too small: the note, and keys are not acted on while it shows.
    term.resize(60, 20).await;
    assert!(term.wait_for("窗口太小").await, "{}", term.text());
    term.send(b"\x1b").await;
    term.settle(Duration::from_millis(300)).await;
    term.resize(80, 24).await;
    assert!(term.wait_for("查找: chen lu").await, "{}", term.text());
    term.disconnect().await;
    assert_eq!(server.terminate().code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_tells_every_session_and_the_server_exits_cleanly() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let mut a = Term::open(&server, "demo-clerk", 80, 24).await;
    let mut b = Term::open(&server, "demo-officer", 80, 24).await;
    assert!(a.wait_for("案件阶段").await, "{}", a.text());
    assert!(b.wait_for("案件阶段").await, "{}", b.text());
    let pid = server.child.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    for term in [&mut a, &mut b] {
        assert!(
            term.wait_closed(Duration::from_secs(10)).await,
            "{}",
            term.text()
        );
        assert!(term.text().contains("服务器正在停止"), "{}", term.text());
    }
    assert_eq!(server.terminate().code(), Some(0));
    // The store is free again and the marker gone.
    assert!(!dir.path().join("serve.port").exists());
    let services = Services::open(dir.path()).expect("reopen");
    let ends = services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .filter(|e| e.action == "user.sign_out" && e.note.starts_with("ssh server stopped"))
        .count();
    assert_eq!(ends, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_local_command_on_a_served_store_names_the_port() {
    let dir = store();
    let mut server = Server::start(dir.path());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["--lang", "en", "stats", "--store"])
        .arg(dir.path())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "this store is served by `safetynet serve` on port {0}: connect with `ssh -p {0} USER@HOST`",
            server.port
        )),
        "{err}"
    );
    // A connection without a pty gets one line and is closed; exec is refused.
    let handle = sign_in(&server, "demo-clerk", "demo2026")
        .await
        .expect("sign in");
    let mut channel = handle.channel_open_session().await.expect("channel");
    channel.request_shell(false).await.expect("shell");
    let mut text = Vec::new();
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), channel.wait()).await {
        match msg {
            russh::ChannelMsg::Data { data } => text.extend_from_slice(&data),
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    let text = String::from_utf8_lossy(&text);
    assert!(text.contains("safetynet 需要一个终端窗口"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    let exec = handle.channel_open_session().await.expect("channel");
    exec.exec(true, "cat /etc/passwd").await.expect("send exec");
    let mut exec = exec;
    let mut refused = false;
    while let Ok(Some(msg)) = tokio::time::timeout(Duration::from_secs(5), exec.wait()).await {
        match msg {
            russh::ChannelMsg::Failure => refused = true,
            russh::ChannelMsg::Data { data } => panic!("exec ran: {data:?}"),
            russh::ChannelMsg::Close => break,
            _ => {}
        }
    }
    assert!(refused);
    assert_eq!(server.terminate().code(), Some(0));
}
