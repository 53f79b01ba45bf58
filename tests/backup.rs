//! Backup while a session holds the store (and keeps writing), restore into a new store,
//! `check` passes and every record is equal; damaged or truncated backups, and restores
//! over an existing store, are refused; the real binary's `backup` and `restore`.

use std::path::Path;
use std::process::Command;

mod common;
use safetynet::app::{maintenance, Services};
use safetynet::domain::household::HouseholdId;
use safetynet::store::{AuditEntry, Change, StoreError};

/// A write that changes a household (its records, lookup terms, list rows, counters and
/// its audit entry in one transaction), as a clerk's edit does.
fn edit_phone(services: &Services, id: u64, n: u64) {
    let store = &services.store;
    let Some(mut h) = store.household(HouseholdId(id)).expect("read") else {
        return;
    };
    h.phone = format!("1390000{n:04}");
    store
        .save(Change {
            household: Some(h),
            case: None,
            number_case_in: None,
            audit: AuditEntry::new(
                services.now(),
                "clerk",
                "household.edit",
                format!("household:{id}"),
            ),
        })
        .expect("save");
}

fn digests(services: &Services) -> Vec<(String, u64, String)> {
    services
        .store
        .tree_digests()
        .expect("digests")
        .into_iter()
        .filter(|(_, n, _)| *n > 0)
        .collect()
}

#[test]
fn backup_of_an_open_store_restores_equal_and_checks_clean() {
    let f = common::district(300);
    let actor = f.actor.clone();
    edit_phone(&f.services, 1, 1);
    let before = digests(&f.services);
    let out = f.dir.path().join("backup.snb");
    let summary = maintenance::backup(&f.services, &actor, &out).expect("backup");
    assert_eq!(summary.format, 1);
    let (n, _) = f.services.store.audit_head().expect("head");
    assert_eq!(
        summary.audit_entries + 1,
        n,
        "the backup itself is audited after it"
    );
    let last = f
        .services
        .store
        .audit_newest_first()
        .next()
        .expect("entry")
        .expect("readable");
    assert_eq!(last.action, "store.backup");

    let new = tempfile::tempdir().expect("tempdir");
    let target = new.path().join("restored");
    let (restored, report) = maintenance::restore(&out, &target).expect("restore");
    assert_eq!(restored, summary);
    assert_eq!(report.findings, vec![], "{report:#?}");
    let services = Services::open(&target).expect("open restored");
    assert_eq!(
        digests(&services),
        before,
        "every tree equal to the original's"
    );

    // Never over an existing store, and not from a damaged or cut-off file.
    match maintenance::restore(&out, &target) {
        Err(safetynet::app::AppError::Store(StoreError::Refused(why))) => {
            assert!(why.contains("never overwrites"), "{why}")
        }
        other => panic!("restored over a store: {:?}", other.map(|_| ())),
    }
    let bytes = std::fs::read(&out).expect("read backup");
    let flipped = new.path().join("flipped.snb");
    let mut b = bytes.clone();
    let mid = b.len() / 2;
    b[mid] ^= 0x01;
    std::fs::write(&flipped, &b).expect("write");
    let cut = new.path().join("cut.snb");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).expect("write");
    for (file, says) in [(&flipped, "checksum"), (&cut, "ends early")] {
        let t = new
            .path()
            .join(format!("from-{}", file.display().to_string().len()));
        match maintenance::restore(file, &t) {
            Err(e) => assert!(
                e.to_string().contains(says) || e.to_string().contains("damaged"),
                "{e}"
            ),
            Ok(_) => panic!("restored a damaged backup {}", file.display()),
        }
        assert!(!t.exists(), "a refused restore left {}", t.display());
        assert!(!Path::new(&format!("{}.restoring", t.display())).exists());
    }
}

#[test]
fn backup_while_the_session_keeps_writing_is_consistent() {
    let f = common::district(300);
    let actor = f.actor.clone();
    let out = f.dir.path().join("busy.snb");
    let summary = std::thread::scope(|s| {
        let writer = s.spawn(|| {
            for n in 0..40u64 {
                edit_phone(&f.services, 2 * (n % 150) + 1, n);
            }
        });
        let summary = maintenance::backup(&f.services, &actor, &out).expect("backup");
        writer.join().expect("writer");
        summary
    });
    let new = tempfile::tempdir().expect("tempdir");
    let target = new.path().join("restored");
    let (_, report) = maintenance::restore(&out, &target).expect("restore");
    assert_eq!(
        report.findings,
        vec![],
        "an inconsistent snapshot: {report:#?}"
    );
    // The restored trail is the original's up to the backup.
    let services = Services::open(&target).expect("open");
    let restored: Vec<_> = services
        .store
        .audit_trail()
        .map(|e| e.expect("entry"))
        .collect();
    let original: Vec<_> = f
        .services
        .store
        .audit_trail()
        .map(|e| e.expect("entry"))
        .collect();
    assert_eq!(restored.len() as u64, summary.audit_entries);
    assert_eq!(&original[..restored.len()], &restored[..]);
}

const BIN: &str = env!("CARGO_BIN_EXE_safetynet");

#[test]
fn the_commands_back_up_and_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("s");
    let s = store.to_str().expect("path");
    let run = |args: &[&str]| {
        let mut c = Command::new(BIN);
        c.args(args).env_remove("SAFETYNET_STORE");
        // The date the district is generated as of; a store that is not a demo runs on
        // the system clock.
        if args.contains(&"generate") {
            c.env("SAFETYNET_TODAY", "2026-03-02");
        } else {
            c.env_remove("SAFETYNET_TODAY");
        }
        c.output().expect("run")
    };
    assert!(run(&["generate", "--store", s, "--households", "100"])
        .status
        .success());
    let file = dir.path().join("b.snb");
    let f = file.to_str().expect("path");
    let out = run(&["--lang", "en", "backup", "--store", s, "--out", f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("backup written to"));
    // A second backup to the same file is refused, the first kept.
    let again = run(&["--lang", "en", "backup", "--store", s, "--out", f]);
    assert_eq!(again.status.code(), Some(1));
    let new = dir.path().join("new");
    let n = new.to_str().expect("path");
    let out = run(&["--lang", "en", "restore", f, "--store", n]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the restored store checks clean"), "{text}");
    let check = run(&["check", "--store", n]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let over = run(&["--lang", "en", "restore", f, "--store", s]);
    assert_eq!(over.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&over.stderr).contains("never overwrites"));
}
