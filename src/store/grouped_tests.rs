//! The group code on a plain tree and inside a transaction.

use super::*;
use sled::Transactional;
use std::collections::BTreeSet;

const G: Grouped = Grouped {
    prefix: 3,
    mask: 0xFF,
};
/// Groups of 16 ids: 7 bytes of a big-endian id and the high half of the 8th.
const IDS: Grouped = Grouped {
    prefix: 8,
    mask: 0xF0,
};

fn tree() -> (tempfile::TempDir, sled::Tree) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = sled::open(dir.path().join("db")).expect("open");
    // The default tree (trees by name are opened through store/schema.rs only).
    let t: sled::Tree = (*db).clone();
    (dir, t)
}

fn keys_of(t: &sled::Tree) -> Vec<Vec<u8>> {
    t.iter().keys().map(|k| k.expect("key").to_vec()).collect()
}

#[test]
fn entries_share_their_groups_key_and_read_back() {
    let (_d, t) = tree();
    for k in ["abc1", "abc2", "abd1", "ab"] {
        G.insert(&t, k.as_bytes(), k.to_uppercase().as_bytes())
            .expect("insert");
    }
    assert_eq!(
        keys_of(&t),
        vec![b"ab".to_vec(), b"abc".to_vec(), b"abd".to_vec()]
    );
    assert_eq!(G.get(&t, b"abc2").expect("get"), Some(b"ABC2".to_vec()));
    assert_eq!(G.get(&t, b"ab").expect("get"), Some(b"AB".to_vec()));
    assert_eq!(G.get(&t, b"abc3").expect("get"), None);
    // Overwrite keeps one entry.
    G.insert(&t, b"abc2", b"x").expect("insert");
    assert_eq!(G.get(&t, b"abc2").expect("get"), Some(b"x".to_vec()));
    assert_eq!(G.logical(&t).expect("all").len(), 4);
}

#[test]
fn removing_a_groups_last_entry_removes_its_key() {
    let (_d, t) = tree();
    G.insert(&t, b"abc1", b"1").expect("insert");
    G.insert(&t, b"abc2", b"2").expect("insert");
    G.remove(&t, b"abc1").expect("remove");
    assert_eq!(keys_of(&t), vec![b"abc".to_vec()]);
    G.remove(&t, b"abc9").expect("remove absent");
    G.remove(&t, b"abc2").expect("remove");
    assert!(keys_of(&t).is_empty());
}

#[test]
fn scans_keep_key_order_across_groups_from_both_ends() {
    let (_d, t) = tree();
    let mut want = Entries::new();
    for i in 0u16..300 {
        let k = format!("{:02}{:03}", i % 7, i).into_bytes();
        G.insert(&t, &k, &i.to_be_bytes()).expect("insert");
        want.insert(k, i.to_be_bytes().to_vec());
    }
    let fwd: Vec<_> = G.scan_prefix(&t, b"").map(|e| e.expect("entry")).collect();
    assert_eq!(fwd, want.clone().into_iter().collect::<Vec<_>>());
    let back: Vec<_> = G
        .scan_prefix(&t, b"")
        .rev()
        .map(|e| e.expect("entry"))
        .collect();
    assert_eq!(back, want.clone().into_iter().rev().collect::<Vec<_>>());
    // A prefix longer than the group filters within the group; shorter spans groups.
    for p in ["03", "031", "0312", "06299", "9"] {
        let got: Vec<_> = G
            .scan_prefix(&t, p.as_bytes())
            .map(|e| e.expect("entry").0)
            .collect();
        let exp: Vec<_> = want
            .keys()
            .filter(|k| k.starts_with(p.as_bytes()))
            .cloned()
            .collect();
        assert_eq!(got, exp, "prefix {p}");
    }
    // Taking from both ends meets in the middle without loss or repeat.
    let mut scan = G.scan_prefix(&t, b"");
    let mut seen = Vec::new();
    loop {
        let (Some(a), b) = (scan.next(), scan.next_back()) else {
            break;
        };
        seen.push(a.expect("front").0);
        if let Some(b) = b {
            seen.push(b.expect("back").0);
        }
    }
    seen.sort();
    assert_eq!(seen, want.keys().cloned().collect::<Vec<_>>());
}

#[test]
fn edits_in_one_transaction_see_each_other() {
    let (_d, t) = tree();
    G.insert(&t, b"abc0", b"0").expect("insert");
    [&t][..]
        .transaction(|tx| {
            let tx = &tx[0];
            G.insert(tx, b"abc1", b"1").map_err(tx_err)?;
            G.insert(tx, b"abc2", b"2").map_err(tx_err)?;
            G.remove(tx, b"abc0").map_err(tx_err)?;
            assert_eq!(G.get(tx, b"abc1").map_err(tx_err)?, Some(b"1".to_vec()));
            Ok::<_, super::super::tx::Abort>(())
        })
        .expect("tx");
    let all: Vec<_> = G.logical(&t).expect("all").into_keys().collect();
    assert_eq!(all, vec![b"abc1".to_vec(), b"abc2".to_vec()]);
}

#[test]
fn reindex_and_bulk_writes_equal_the_physical_grouping() {
    let (_d, t) = tree();
    let mut first = Pending::default();
    let mut second = Pending::default();
    let mut all = Entries::new();
    for i in 0u32..200 {
        let k = format!("k{:04}", i * 7 % 1000).into_bytes();
        let pending = if i % 2 == 0 { &mut first } else { &mut second };
        pending.insert(&k, i.to_be_bytes());
        all.insert(k, i.to_be_bytes().to_vec());
    }
    // Two batches that share groups: the second merges into the first's.
    first.write(G, &t).expect("first");
    second.write(G, &t).expect("second");
    assert_eq!(G.logical(&t).expect("all"), all);
    let stored: Entries = t
        .iter()
        .map(|kv| kv.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("kv"))
        .collect();
    assert_eq!(stored, G.physical(all.clone()));
    let mut new = all.clone();
    let gone: Vec<_> = new.keys().step_by(3).cloned().collect();
    for k in gone {
        new.remove(&k);
    }
    new.insert(b"k0001".to_vec(), b"changed".to_vec());
    new.insert(b"zzz".to_vec(), Vec::new());
    G.reindex(&t, &all, &new).expect("reindex");
    assert_eq!(G.logical(&t).expect("all"), new);
}

#[test]
fn a_value_that_is_not_a_group_is_an_error_not_a_panic() {
    let (_d, t) = tree();
    t.insert(b"abc", &[9, 9, 9]).expect("raw");
    assert!(matches!(G.get(&t, b"abc1"), Err(Error::Corrupt)));
    assert!(G.scan_prefix(&t, b"").next().expect("item").is_err());
    assert_eq!(decode(&[TAG, 5, 1]), None);
}

#[test]
fn a_masked_group_holds_an_ids_high_bits_and_keeps_id_order() {
    let (_d, t) = tree();
    let ids: Vec<u64> = (0..200u64).map(|i| i * 7 + 250).collect();
    for id in &ids {
        IDS.insert(&t, &id.to_be_bytes(), &[id.to_be_bytes()[7]])
            .expect("insert");
    }
    let groups: BTreeSet<u64> = ids.iter().map(|id| id >> 4).collect();
    assert_eq!(t.len(), groups.len());
    for k in keys_of(&t) {
        assert_eq!(k.len(), 8);
        assert_eq!(k[7] & 0x0F, 0, "{k:?}");
    }
    fn read(s: impl Iterator<Item = Result<Entry, StoreError>>) -> Vec<u64> {
        s.map(|e| u64::from_be_bytes(e.expect("entry").0.try_into().expect("8 bytes")))
            .collect()
    }
    assert_eq!(read(IDS.scan_prefix(&t, &[])), ids);
    let mut back = read(IDS.scan_prefix(&t, &[]).rev());
    back.reverse();
    assert_eq!(back, ids);
    // A whole key as the prefix: its own entry only.
    assert_eq!(
        read(IDS.scan_prefix(&t, &ids[5].to_be_bytes())),
        vec![ids[5]]
    );
    assert_eq!(
        IDS.get(&t, &ids[9].to_be_bytes()).expect("get"),
        Some(vec![ids[9].to_be_bytes()[7]])
    );
    assert_eq!(IDS.get(&t, &(ids[9] + 1).to_be_bytes()).expect("get"), None);
    for id in &ids[..100] {
        IDS.remove(&t, &id.to_be_bytes()).expect("remove");
    }
    assert_eq!(read(IDS.scan_prefix(&t, &[])), ids[100..].to_vec());
    let left: BTreeSet<u64> = ids[100..].iter().map(|id| id >> 4).collect();
    assert_eq!(t.len(), left.len());
}
