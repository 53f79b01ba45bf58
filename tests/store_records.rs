//! Smaller stored records (issue 16, the disk at 1,000,000 households): a store of format
//! 4 (cases and households with dates and ID numbers as text), written by the program at
//! afda533 (`safetynet generate --households 30`), is refused, upgraded to today's format
//! with its records rewritten in their new versions, reads the same values, takes fewer
//! bytes, and checks clean.

use std::collections::BTreeMap;
use std::path::Path;

use safetynet::domain::case::Case;
use safetynet::domain::household::Household;
use safetynet::store::envelope::{decode, Record};
use safetynet::store::upgrade::CURRENT;
use safetynet::store::{Store, StoreError};

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v4");
    for name in ["conf", "db"] {
        std::fs::copy(from.join(name), dir.path().join(name)).expect("copy");
    }
    std::fs::create_dir_all(dir.path().join("blobs")).expect("blobs");
    dir
}

/// Every record of `tree` by key: its version, its size and what it decodes to.
type Records<T> = BTreeMap<Vec<u8>, (u16, usize, T)>;

fn records<T: Record>(db: &sled::Db, tree: &str) -> Records<T> {
    let tree = db.open_tree(tree).expect("tree");
    tree.iter()
        .map(|kv| {
            let (k, v) = kv.expect("entry");
            let version = u16::from_be_bytes([v[2], v[3]]);
            let value: T = decode(&v).expect("decodes");
            (k.to_vec(), (version, v.len(), value))
        })
        .collect()
}

fn read_all(path: &Path) -> (Records<Case>, Records<Household>) {
    let db = sled::open(path).expect("sled");
    let out = (records(&db, "cases"), records(&db, "households"));
    drop(db);
    out
}

fn bytes<T>(r: &Records<T>) -> usize {
    r.values().map(|(_, n, _)| n).sum()
}

#[test]
fn a_format_4_store_is_upgraded_to_compact_records_that_read_the_same() {
    let dir = fixture_copy();
    let (cases, homes) = read_all(dir.path());
    assert_eq!((cases.len(), homes.len()), (30, 30));
    assert!(cases.values().all(|(v, _, _)| *v == 3));
    assert!(homes.values().all(|(v, _, _)| *v == 2));

    let err = Store::open(dir.path()).err().expect("refused");
    assert!(
        matches!(
            err,
            StoreError::NeedsMigration {
                found: 4,
                current: CURRENT,
                ..
            }
        ),
        "{err:?}"
    );
    let mut steps = Vec::new();
    let (store, migrated) =
        Store::migrate(dir.path(), |done, total| steps.push((done, total))).expect("migrate");
    let m = migrated.expect("upgraded");
    assert_eq!((m.from, m.to), (4, CURRENT));
    // The rewrite counts cases and households together.
    assert!(steps.contains(&(60, 60)), "{steps:?}");
    let report = store.check().expect("check");
    assert!(report.is_clean(), "{:#?}", report.findings);
    drop(store);

    let (new_cases, new_homes) = read_all(dir.path());
    assert!(new_cases.values().all(|(v, _, _)| *v == Case::VERSION));
    assert!(new_homes.values().all(|(v, _, _)| *v == Household::VERSION));
    let same = |a: &Records<Case>, b: &Records<Case>| {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|((ka, a), (kb, b))| ka == kb && a.2 == b.2)
    };
    assert!(
        same(&cases, &new_cases),
        "cases read differently after the upgrade"
    );
    assert!(
        homes.len() == new_homes.len()
            && homes
                .iter()
                .zip(&new_homes)
                .all(|((ka, a), (kb, b))| ka == kb && a.2 == b.2),
        "households read differently after the upgrade"
    );
    let (before, after) = (bytes(&cases), bytes(&new_cases));
    assert!(after * 10 < before * 8, "cases: {before} → {after} bytes");
    let (before, after) = (bytes(&homes), bytes(&new_homes));
    assert!(
        after * 100 < before * 95,
        "households: {before} → {after} bytes"
    );

    // Upgraded once: it opens plainly, and migrating again does nothing.
    let (store, again) = Store::migrate(dir.path(), |_, _| {}).expect("open");
    assert!(again.is_none());
    drop(store);
    assert!(Store::open(dir.path()).is_ok());
}

/// Keys and bytes of every tree of the store at `$SIZES_STORE`, read with sled alone (any
/// format, nothing upgraded):
/// `SIZES_STORE=/path cargo test --test store_records -- --ignored --nocapture`.
#[test]
#[ignore = "a measuring tool: needs SIZES_STORE"]
fn tree_bytes_of_a_store() {
    let Ok(path) = std::env::var("SIZES_STORE") else {
        return;
    };
    let db = sled::open(&path).expect("sled");
    let mut names: Vec<_> = db.tree_names();
    names.sort();
    for name in names {
        let tree = db.open_tree(&name).expect("tree");
        let (mut n, mut kb, mut vb) = (0u64, 0u64, 0u64);
        for kv in tree.iter() {
            let (k, v) = kv.expect("entry");
            n += 1;
            kb += k.len() as u64;
            vb += v.len() as u64;
        }
        println!(
            "{:<28} {n:>9} keys {kb:>11} key bytes {vb:>12} value bytes",
            String::from_utf8_lossy(&name)
        );
    }
}
