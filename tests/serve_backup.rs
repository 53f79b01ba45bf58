//! Backups taken by a running `safetynet serve` (issue 13): on a schedule while a clerk
//! is signed in, the newest N kept, and at once on SIGUSR1; each restores to a store
//! that checks clean with the records of the original.

mod sshclient;

use std::path::Path;
use std::time::{Duration, Instant};

use safetynet::app::{maintenance, Services};
use sshclient::{demo_store, Server, Term};

fn backups(dir: &Path) -> Vec<std::path::PathBuf> {
    safetynet::serve::backups::files(dir)
}

fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + limit;
    while Instant::now() < end {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    done()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_backups_while_a_clerk_works_keep_the_newest_and_restore_clean() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    std::fs::create_dir(&store).expect("store dir");
    demo_store(&store, 200);
    let kept = dir.path().join("kept");
    let kept_arg = kept.to_string_lossy().into_owned();
    let mut server = Server::start_with(
        &store,
        &[
            "--backup-every",
            "1s",
            "--backup-dir",
            &kept_arg,
            "--backup-keep",
            "2",
        ],
    );
    let mut term = Term::open(&server, "demo-clerk", 80, 24).await;
    assert!(term.wait_for("低保").await, "dashboard:\n{}", term.text());
    // At least three backups are taken while the clerk is signed in; two are kept.
    tokio::time::sleep(Duration::from_millis(3600)).await;
    term.disconnect().await;
    assert!(server.terminate().success());
    let files = backups(&kept);
    assert_eq!(files.len(), 2, "{files:?}");

    let services = Services::open(&store).expect("reopen");
    let taken = services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .filter(|e| e.action == "store.backup" && e.by == "serve")
        .count();
    assert!(taken >= 3, "only {taken} backups recorded");
    drop(services);

    let newest = files.last().expect("a backup");
    let restored = dir.path().join("restored");
    let (summary, report) = maintenance::restore(newest, &restored).expect("restore");
    assert!(report.is_clean(), "{report:?}");
    assert!(
        summary
            .trees
            .iter()
            .any(|(name, n)| name == "households" && *n == 200),
        "{:?}",
        summary.trees
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigusr1_takes_a_backup_at_once_into_the_default_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("office");
    std::fs::create_dir(&store).expect("store dir");
    demo_store(&store, 50);
    let mut server = Server::start(&store);
    let folder = dir.path().join("office.backups");
    assert!(backups(&folder).is_empty());
    let pid = server.child.id().to_string();
    let sent = std::process::Command::new("kill")
        .args(["-USR1", &pid])
        .status()
        .expect("kill");
    assert!(sent.success());
    assert!(
        wait_for(Duration::from_secs(20), || backups(&folder).len() == 1),
        "no backup in {}",
        folder.display()
    );
    assert!(
        server.terminate().success(),
        "the server kept running after SIGUSR1"
    );
    let restored = dir.path().join("restored");
    let (_, report) = maintenance::restore(&backups(&folder)[0], &restored).expect("restore");
    assert!(report.is_clean(), "{report:?}");
}
