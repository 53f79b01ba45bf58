//! Several clerks on one served store: a stale write refused with who changed it, the
//! typed text kept; every other session shows a write within a second; a dropped
//! connection ends its session and keeps its draft.

mod sshclient;

use std::time::{Duration, Instant};

use safetynet::app::Services;
use safetynet::domain::case::Stage;
use safetynet::domain::town::Town;
use safetynet::store::CaseFilter;
use sshclient::{demo_store, Server, Term};

/// The number after `label` on the screen (a dashboard count).
fn count_after(term: &Term, label: &str) -> Option<u64> {
    let text = term.text();
    let line = text.lines().find(|l| l.contains(label))?;
    let rest = &line[line.find(label)? + label.len()..];
    rest.split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())?
        .parse()
        .ok()
}

async fn open_case(term: &mut Term, number: &str) {
    term.send(b"/").await;
    assert!(term.wait_for("查找:").await, "{}", term.text());
    term.send(number.as_bytes()).await;
    assert!(term.wait_for("找到 1").await, "{}", term.text());
    term.send(b"\r").await;
    assert!(term.wait_for("概况").await, "{}", term.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clerks_on_one_case_one_is_refused_as_stale_and_keeps_her_text_and_a_third_sees_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    demo_store(dir.path(), 300);
    let (case, number) = {
        let services = Services::open(dir.path()).expect("open");
        let filter = CaseFilter {
            town: Some(Town::Chenlu),
            stage: Some(Stage::Accepted),
        };
        let row = services
            .store
            .case_rows(filter, 0, 1)
            .expect("rows")
            .pop()
            .expect("an accepted case in 陈炉镇");
        (row.case, row.number.expect("number").to_string())
    };
    let mut server = Server::start(dir.path());
    let mut officer = Term::open(&server, "demo-officer", 80, 24).await;
    let mut clerk = Term::open(&server, "demo-clerk", 80, 24).await;
    let mut watcher = Term::open(&server, "demo-reviewer", 80, 24).await;
    assert!(watcher.wait_for("案件阶段").await, "{}", watcher.text());
    let before = count_after(&watcher, "调查核实").expect("count");
    open_case(&mut officer, &number).await;
    open_case(&mut clerk, &number).await;
    // The clerk starts a withdrawal and types her reason...
    clerk.send(b"w").await;
    assert!(clerk.wait_for("撤回理由").await, "{}", clerk.text());
    clerk.send("家中情况有变".as_bytes()).await;
    assert!(clerk.wait_for("家中情况有变").await, "{}", clerk.text());
    // ...while the district officer starts the investigation.
    officer.send(b"a").await;
    assert!(officer.wait_for("y/Enter 是").await, "{}", officer.text());
    officer.send(b"y").await;
    let written = Instant::now();
    assert!(officer.wait_for("调查核实").await, "{}", officer.text());
    // The reviewer's dashboard shows it within a second, without a key.
    let shown = watcher
        .read_until(Duration::from_secs(3), |t| {
            count_after(t, "调查核实") == Some(before + 1)
        })
        .await;
    assert!(shown, "{}", watcher.text());
    assert!(
        written.elapsed() < Duration::from_millis(1500),
        "{:?}",
        written.elapsed()
    );
    // The clerk confirms: refused, told who changed the case, her text still there.
    clerk.send(b"\r").await;
    assert!(clerk.wait_for("y/Enter 是").await, "{}", clerk.text());
    clerk.send(b"y").await;
    assert!(
        clerk.wait_for("在您打开后已被demo-officer修改").await,
        "{}",
        clerk.text()
    );
    assert!(clerk.text().contains("家中情况有变"), "{}", clerk.text());
    for term in [officer, clerk, watcher] {
        term.disconnect().await;
    }
    assert_eq!(server.terminate().code(), Some(0));
    let services = Services::open(dir.path()).expect("reopen");
    let stored = services.store.case(case).expect("read").expect("case");
    assert_eq!(
        stored.stage,
        Stage::Investigating,
        "nothing lost, nothing overwritten"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_client_ends_its_session_and_keeps_what_was_typed_as_a_draft() {
    let dir = tempfile::tempdir().expect("tempdir");
    demo_store(dir.path(), 100);
    let drafts_before = {
        let services = Services::open(dir.path()).expect("open");
        let actor = safetynet::app::accounts::demo_sign_in(&services, "demo-clerk").expect("actor");
        safetynet::app::drafts::list(&services, &actor)
            .expect("drafts")
            .len()
    };
    let mut server = Server::start(dir.path());
    let mut clerk = Term::open(&server, "demo-clerk", 80, 24).await;
    assert!(clerk.wait_for("案件阶段").await, "{}", clerk.text());
    clerk.send(b"n").await;
    assert!(clerk.wait_for("地址").await, "{}", clerk.text());
    // Down to the address field and type, without moving on (nothing saved yet).
    clerk.send(b"\x1b[B").await;
    clerk.send(b"\x1b[B").await;
    clerk.send("北街12号".as_bytes()).await;
    assert!(clerk.wait_for("北街12号").await, "{}", clerk.text());
    // The client vanishes: no goodbye, the socket just closes.
    drop(clerk);
    // Its session ends on its own (the stop below would otherwise note "server stopped").
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(server.terminate().code(), Some(0));
    let services = Services::open(dir.path()).expect("reopen");
    let lost = services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .find(|e| e.action == "user.sign_out")
        .expect("a sign-out");
    assert!(lost.note.starts_with("ssh connection lost"), "{lost:?}");
    let actor = safetynet::app::accounts::demo_sign_in(&services, "demo-clerk").expect("actor");
    let drafts = safetynet::app::drafts::list(&services, &actor).expect("drafts");
    assert_eq!(drafts.len(), drafts_before + 1, "{drafts:?}");
}
