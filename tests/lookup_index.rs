//! The lookup index (issue 16): it equals a rebuild from the records after random saves,
//! withdrawals and edits; queries of several words; which member matched; an exact ID
//! ending of the head before a member's; a store of the old format upgraded.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;

use common::district;
use safetynet::app::lookup::search;
use safetynet::domain::case::{Case, CaseId, Stage};
use safetynet::domain::household::{Household, HouseholdId};
use safetynet::domain::member::Relation;
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::search_keys::{
    case_keys, household_keys, key_matches, query_terms, KeyKind,
};
use safetynet::store::{lookup, AuditEntry, CaseFilter, Change, Store};

fn audit(target: String) -> AuditEntry {
    AuditEntry::new(
        common::today().and_hms_opt(9, 0, 0).expect("t"),
        "test",
        "test.edit",
        target,
    )
}

fn households(store: &Store) -> Vec<Household> {
    store
        .case_rows(CaseFilter::default(), 0, 100_000)
        .expect("rows")
        .iter()
        .map(|r| r.household)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|h| store.household(h).expect("read"))
        .collect()
}

fn assert_index_is_rebuild(store: &Store) {
    let want = store.lookup_entries_from_records().expect("records");
    let got = store.lookup_index_entries().expect("index");
    let missing: Vec<_> = want
        .iter()
        .filter(|(k, _)| !got.contains_key(*k))
        .take(5)
        .collect();
    let extra: Vec<_> = got
        .iter()
        .filter(|(k, _)| !want.contains_key(*k))
        .take(5)
        .collect();
    assert!(
        want == got,
        "index differs from the records: missing {missing:?}, extra {extra:?}"
    );
    let v = lookup::verify(store).expect("verify");
    assert!(v.same, "{v:?}");
}

/// One random change a clerk could make.
#[derive(Debug, Clone)]
enum Op {
    Rename { h: usize, m: usize, name: usize },
    AddMember { h: usize, name: usize, day: u16 },
    RemoveMember { h: usize, m: usize },
    Village { h: usize, v: usize },
    Withdraw { h: usize },
    Accept { h: usize },
}

const NAMES: &[&str] = &[
    "王永红",
    "曾小龙",
    "单芳",
    "李娟",
    "解放",
    "张三丰",
    "陈炉",
    "欧阳修",
];
const VILLAGES: &[&str] = &["永红村", "陈炉村", "新村社区", "红土村"];

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..50usize, 0..6usize, 0..NAMES.len()).prop_map(|(h, m, name)| Op::Rename { h, m, name }),
        (0..50usize, 0..NAMES.len(), 0..3000u16).prop_map(|(h, name, day)| Op::AddMember {
            h,
            name,
            day
        }),
        (0..50usize, 0..6usize).prop_map(|(h, m)| Op::RemoveMember { h, m }),
        (0..50usize, 0..VILLAGES.len()).prop_map(|(h, v)| Op::Village { h, v }),
        (0..50usize).prop_map(|h| Op::Withdraw { h }),
        (0..50usize).prop_map(|h| Op::Accept { h }),
    ]
}

fn newest_case(store: &Store, h: HouseholdId) -> Option<Case> {
    let id: CaseId = store.latest_case_of(h).expect("read")?;
    store.case(id).expect("read")
}

fn apply(store: &Store, op: &Op, fresh: &mut u16) {
    let all = households(store);
    let pick = |i: usize| all[i % all.len()].clone();
    let mut change = Change {
        household: None,
        case: None,
        number_case_in: None,
        audit: audit("test".into()),
    };
    match *op {
        Op::Rename { h, m, name } => {
            let mut hh = pick(h);
            let n = hh.members.len();
            hh.members[m % n].name = NAMES[name].into();
            change.household = Some(hh);
        }
        Op::AddMember { h, name, day } => {
            let mut hh = pick(h);
            let mut m = hh.members[0].clone();
            m.relation = Relation::Child;
            m.name = NAMES[name].into();
            *fresh += 1;
            let birth = chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("date")
                + chrono::Duration::days(i64::from(day));
            // Sequences above 900 are not used by the generator: the number is new.
            m.id = ResidentId::compose(610203, birth, 900 + *fresh % 100).expect("id");
            if store.household_of(&m.id).expect("read").is_some() {
                return;
            }
            hh.members.push(m);
            change.household = Some(hh);
        }
        Op::RemoveMember { h, m } => {
            let mut hh = pick(h);
            let i = m % hh.members.len();
            if hh.members.len() < 2 || hh.members[i].relation == Relation::Head {
                return;
            }
            hh.members.remove(i);
            change.household = Some(hh);
        }
        Op::Village { h, v } => {
            let mut hh = pick(h);
            hh.village = VILLAGES[v].into();
            change.household = Some(hh);
        }
        Op::Withdraw { h } => {
            let Some(mut c) = newest_case(store, pick(h).id) else {
                return;
            };
            c.stage = Stage::Withdrawn;
            change.case = Some(c);
        }
        Op::Accept { h } => {
            let Some(mut c) = newest_case(store, pick(h).id) else {
                return;
            };
            if c.number.is_some() {
                return;
            }
            c.stage = Stage::Accepted;
            change.case = Some(c);
            change.number_case_in = Some(2026);
        }
    }
    store.save(change).expect("save");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_index_equals_a_rebuild_after_random_changes(ops in prop::collection::vec(op(), 1..40)) {
        let f = district(40);
        let store = &f.services.store;
        let mut fresh = 0;
        for op in &ops {
            apply(store, op, &mut fresh);
        }
        assert_index_is_rebuild(store);
        // And a rebuild from the records gives the same index.
        let before = store.lookup_index_entries().expect("index");
        lookup::rebuild(store, |_, _| {}).expect("rebuild");
        prop_assert_eq!(before, store.lookup_index_entries().expect("index"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, ..ProptestConfig::default() })]

    /// One transaction of many changes (an import batch) gathers its lookup edits per
    /// bucket and writes each bucket once: the result is still the rebuild's, also when
    /// several households of the batch land in one bucket (the same name or village) and a
    /// household's record and its case change in the same batch.
    #[test]
    fn a_batch_of_changes_in_one_transaction_equals_a_rebuild(
        edits in prop::collection::vec((0..40usize, 0..NAMES.len(), 0..VILLAGES.len(), any::<bool>()), 1..30)
    ) {
        let f = district(40);
        let store = &f.services.store;
        let all = households(store);
        let mut seen = BTreeSet::new();
        let mut changes = Vec::new();
        for (h, name, village, accept) in edits {
            let mut hh = all[h % all.len()].clone();
            if !seen.insert(hh.id) {
                continue;
            }
            hh.members[0].name = NAMES[name].into();
            hh.village = VILLAGES[village].into();
            let case = newest_case(store, hh.id)
                .filter(|c| accept && c.number.is_none())
                .map(|mut c| {
                    c.stage = Stage::Accepted;
                    c
                });
            changes.push(Change {
                number_case_in: case.as_ref().map(|_| 2026),
                household: Some(hh),
                case,
                audit: audit("test".into()),
            });
        }
        store.save_all(&changes).expect("save_all");
        assert_index_is_rebuild(store);
    }
}

#[test]
fn a_large_bucket_is_chunked_and_still_equals_the_rebuild() {
    // 2,000 households: surnames, villages and ID endings fill buckets past one chunk.
    let f = district(2000);
    let store = &f.services.store;
    let census = store.lookup_census().expect("census");
    assert!(
        census.iter().any(|(_, _, chunks, _)| *chunks > 0),
        "{census:?}"
    );
    assert_index_is_rebuild(store);
    // Edit every tenth household's village: chunks change in place.
    for h in households(store).into_iter().step_by(10) {
        let mut h = h;
        h.village = "永红村".into();
        let target = format!("household:{}", h.id.0);
        store
            .save(Change {
                household: Some(h),
                case: None,
                number_case_in: None,
                audit: audit(target),
            })
            .expect("save");
    }
    assert_index_is_rebuild(store);
    let keys = store.lookup_entries();
    assert!(keys < 2000 * 8, "{keys} keys for 2,000 households");
}

/// Every household matching every word of `query`, from the records alone.
fn brute_force(store: &Store, query: &str) -> BTreeSet<HouseholdId> {
    let terms = query_terms(query);
    households(store)
        .into_iter()
        .filter(|h| {
            let mut keys = household_keys(h);
            for c in store.case_ids_of(h.id).expect("cases") {
                if let Some(n) = store.case(c).expect("case").and_then(|c| c.number) {
                    keys.extend(case_keys(n));
                }
            }
            terms.iter().all(|t| keys.iter().any(|k| key_matches(k, t)))
        })
        .map(|h| h.id)
        .collect()
}

#[test]
fn several_words_find_the_households_matching_every_one() {
    let f = district(600);
    let store = &f.services.store;
    let all = households(store);
    let h = all
        .iter()
        .find(|h| h.members.len() >= 2 && h.head_name().chars().count() == 3)
        .expect("a household of two with a three-character head");
    let head = h
        .members
        .iter()
        .find(|m| m.relation == Relation::Head)
        .expect("head");
    let initials = safetynet::domain::search_keys::name_pinyin(&head.name).1[0].clone();
    let tail = &head.id.as_str()[14..];
    let surname: String = head.name.chars().take(1).collect();
    let row = store
        .case_rows(CaseFilter::default(), 0, 100_000)
        .expect("rows")
        .into_iter()
        .find(|r| r.number.is_some())
        .expect("a numbered case");
    let number = row.number.expect("number");
    let number_prefix = format!("{}-{:04}", number.year, number.seq / 100);
    let town_village = store
        .household(row.household)
        .expect("read")
        .expect("household")
        .village;
    for query in [
        format!("{initials} {tail}"),
        format!("{surname} {}", h.village),
        format!("{number_prefix} {town_village}"),
        format!("{}　{tail}", head.name),
    ] {
        let hits = search(&f.services, &f.actor, &query, 1000).expect("search");
        let got: BTreeSet<HouseholdId> = hits.iter().map(|x| x.row.household).collect();
        let want = brute_force(store, &query);
        assert!(!want.is_empty(), "{query}: nothing to find");
        assert_eq!(got, want, "{query}");
        for x in &hits {
            assert_eq!(x.matched.len(), query_terms(&query).len(), "{query}: {x:?}");
        }
    }
    // The household itself: initials and the tail of the head's ID number.
    let hits = search(&f.services, &f.actor, &format!("{initials} {tail}"), 50).expect("search");
    let hit = hits
        .iter()
        .find(|x| x.row.household == h.id)
        .expect("found by initials and ID ending");
    assert_eq!(hit.matched[0].kind, KeyKind::HeadPinyin);
    assert_eq!(hit.matched[1].kind, KeyKind::HeadIdTail);
    assert_eq!(hit.matched[1].member.as_deref(), Some(head.name.as_str()));
    // A word nobody has empties the result.
    assert!(
        search(&f.services, &f.actor, &format!("{initials} zzzz"), 50)
            .expect("search")
            .is_empty()
    );
}

#[test]
fn a_member_match_names_the_member_and_the_heads_ending_ranks_first() {
    let f = district(600);
    let store = &f.services.store;
    let all = households(store);
    // A non-head member; search the last six characters of their ID number.
    let (h, m) = all
        .iter()
        .find_map(|h| {
            h.members
                .iter()
                .find(|m| m.relation != Relation::Head)
                .map(|m| (h.clone(), m.clone()))
        })
        .expect("a household with a member besides the head");
    let tail6 = &m.id.as_str()[12..];
    let hits = search(&f.services, &f.actor, tail6, 1000).expect("search");
    let hit = hits
        .iter()
        .find(|x| x.row.household == h.id)
        .expect("found by the member's ID ending");
    assert_eq!(hit.matched[0].member.as_deref(), Some(m.name.as_str()));
    assert!(!hit.matched[0].head);
    let (zh, en) = hit.matched_text();
    assert_eq!(zh, format!("{}·身份证尾号", m.name));
    assert_eq!(en, format!("{}·ID number ending", m.name));
    // Four characters match many people: the heads' endings come before the members'.
    let tails = |head: bool| -> BTreeSet<String> {
        all.iter()
            .flat_map(|h| h.members.iter())
            .filter(|m| (m.relation == Relation::Head) == head)
            .map(|m| m.id.as_str()[14..].to_string())
            .collect()
    };
    let shared: Vec<String> = tails(true)
        .intersection(&tails(false))
        .take(4)
        .cloned()
        .collect();
    assert!(shared.len() >= 2, "{shared:?}");
    for query in &shared {
        let hits = search(&f.services, &f.actor, query, 1000).expect("search");
        let heads: Vec<bool> = hits
            .iter()
            .filter(|x| x.kind.is_id_tail())
            .map(|x| x.matched[0].head)
            .collect();
        assert!(
            heads.contains(&true) && heads.contains(&false),
            "{query}: {heads:?}"
        );
        let first_member = heads.iter().position(|h| !h).expect("a member");
        assert!(
            heads[first_member..].iter().all(|h| !h),
            "{query}: a head's ending after a member's"
        );
    }
}

#[test]
fn the_matched_column_names_the_member_on_screen() {
    use common::{colour, Session};
    use safetynet::tui::Lang;
    let f = district(400);
    let store = &f.services.store;
    let (m, tail6) = households(store)
        .iter()
        .find_map(|h| {
            let m = h.members.iter().find(|m| m.relation != Relation::Head)?;
            let tail6 = m.id.as_str()[12..].to_string();
            let hits = search(&f.services, &f.actor, &tail6, 50).ok()?;
            (hits.len() == 1 && hits[0].row.household == h.id).then(|| (m.clone(), tail6))
        })
        .expect("a member whose ID ending is unique");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys(&format!("/{tail6}"));
    let screen = s.screen();
    let row = screen
        .lines()
        .find(|l| l.starts_with('>'))
        .unwrap_or_else(|| panic!("no selected row:\n{screen}"));
    assert!(row.contains(&m.name), "{screen}");
}

fn fixture_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-v1");
    for entry in std::fs::read_dir(&from).expect("fixture") {
        let entry = entry.expect("entry");
        if entry.file_type().expect("type").is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
        }
    }
    std::fs::create_dir_all(dir.path().join("blobs")).expect("blobs");
    dir
}

#[test]
fn a_store_of_the_old_format_is_refused_then_upgraded() {
    let dir = fixture_copy();
    let err = Store::open(dir.path()).err().expect("refused");
    assert!(
        matches!(
            err,
            safetynet::store::StoreError::NeedsMigration {
                found: 1,
                current: safetynet::store::upgrade::CURRENT,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("safetynet migrate"), "{err}");
    assert!(err.zh().contains("safetynet migrate"), "{}", err.zh());
    let mut steps = Vec::new();
    let (store, migrated) =
        Store::migrate(dir.path(), |done, total| steps.push((done, total))).expect("migrate");
    let m = migrated.expect("upgraded");
    assert_eq!((m.from, m.to), (1, safetynet::store::upgrade::CURRENT));
    assert!(m.old_keys > m.new_keys, "{m:?}");
    assert!(
        steps.last().is_some_and(|(d, t)| d == t && *t > 0),
        "{steps:?}"
    );
    assert_index_is_rebuild(&store);
    assert!(store
        .tree_keys()
        .expect("trees")
        .iter()
        .all(|(name, _)| name != "idx/lookup"));
    drop(store);
    // Opens plainly now; every head is found by name.
    let services = safetynet::app::Services::open(dir.path()).expect("open after migrate");
    let actor = safetynet::app::session::Actor::demo_officer();
    let rows = services
        .store
        .case_rows(CaseFilter::default(), 0, 100)
        .expect("rows");
    assert_eq!(rows.len(), 16);
    for r in &rows {
        let hits = search(&services, &actor, &r.head, 50).expect("search");
        assert!(
            hits.iter().any(|x| x.row.household == r.household),
            "{}",
            r.head
        );
    }
    drop(services);
    let (_, again) = Store::migrate(dir.path(), |_, _| {}).expect("migrate again");
    assert!(again.is_none());
}

#[test]
fn the_program_upgrades_an_old_store_with_a_message() {
    let dir = fixture_copy();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["--lang", "en", "stats", "--json", "--store"])
        .arg(dir.path())
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let current = safetynet::store::upgrade::CURRENT;
    assert!(
        err.contains(&format!("Upgrading the store to format {current}")),
        "{err}"
    );
    assert!(
        err.contains(&format!("Upgraded: format 1 → {current}")),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json["households"], 16);
    // `safetynet migrate` on the upgraded store has nothing to do.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["--lang", "en", "migrate", "--store"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains(&format!("already in the current format {current}")));
}

/// A short number after initials (`wj 0`, the keystroke before the ID ending is typed
/// out) matches most of the initials' households; checking stops once `limit` of them
/// match, and every hit given matches both words, the first word's best matches first.
#[test]
fn a_short_number_after_initials_gives_the_limit_of_true_matches() {
    let f = district(600);
    let store = &f.services.store;
    let all = households(store);
    let head = all[0]
        .members
        .iter()
        .find(|m| m.relation == Relation::Head)
        .expect("head");
    let initials: String = safetynet::domain::search_keys::name_pinyin(&head.name).1[0]
        .chars()
        .take(1)
        .collect();
    let query = format!("{initials} 0");
    let want = brute_force(store, &query);
    assert!(want.len() > 10, "{} households match {query}", want.len());
    let hits = search(&f.services, &f.actor, &query, 10).expect("search");
    assert_eq!(hits.len(), 10, "{query}");
    for hit in &hits {
        assert!(want.contains(&hit.row.household), "{query}: {:?}", hit.row);
    }
    // With room for all (600 households: fewer than the checks allowed), all of them.
    let every = search(&f.services, &f.actor, &query, 100_000).expect("search");
    let got: BTreeSet<HouseholdId> = every.iter().map(|x| x.row.household).collect();
    assert_eq!(got.len(), every.len());
    assert_eq!(got, want);
}

/// The most relevant kind of term of household `h` answering the word `q`, from its
/// record and its cases' numbers alone.
fn best_kind(store: &Store, h: &Household, q: &str) -> Option<KeyKind> {
    let mut keys = household_keys(h);
    for c in store.case_ids_of(h.id).expect("cases") {
        if let Some(n) = store.case(c).expect("case").and_then(|c| c.number) {
            keys.extend(case_keys(n));
        }
    }
    keys.into_iter()
        .filter(|k| key_matches(k, q))
        .map(|k| k.kind)
        .min()
}

/// Two words of every shape a clerk types — initials or a surname with an ID ending of
/// one to four characters, a three-digit number first, a number after a number — give
/// exactly the households matching both (read, read with a filter, or checked on the
/// records, whichever the lookup chose), and each word's match has the kind the records
/// give (the check of a number on the records agrees with a read of the index).
#[test]
fn two_words_of_every_shape_equal_the_records() {
    let f = district(600);
    let store = &f.services.store;
    let all = households(store);
    let mut queries = BTreeSet::new();
    for h in all.iter().step_by(120) {
        let head = h
            .members
            .iter()
            .find(|m| m.relation == Relation::Head)
            .expect("head");
        let initials = safetynet::domain::search_keys::name_pinyin(&head.name).1[0].clone();
        let first: String = initials.chars().take(1).collect();
        let surname: String = head.name.chars().take(1).collect();
        let id = head.id.as_str();
        for n in 1..=4 {
            let tail = &id[18 - n..];
            queries.insert(format!("{initials} {tail}"));
            queries.insert(format!("{first} {tail}"));
            queries.insert(format!("{surname} {tail}"));
        }
        queries.insert(format!("{} {initials}", &id[15..]));
        queries.insert(format!("{} {}", &id[15..], &id[17..]));
    }
    let mut checked = 0;
    for query in &queries {
        let hits = search(&f.services, &f.actor, query, 100_000).expect("search");
        let got: BTreeSet<HouseholdId> = hits.iter().map(|x| x.row.household).collect();
        assert_eq!(got.len(), hits.len(), "{query}: a household twice");
        assert_eq!(got, brute_force(store, query), "{query}");
        let terms = query_terms(query);
        for hit in &hits {
            let h = all
                .iter()
                .find(|h| h.id == hit.row.household)
                .expect("household");
            for (t, m) in terms.iter().zip(&hit.matched) {
                assert_eq!(
                    Some(m.kind),
                    best_kind(store, h, t),
                    "{query}: {t} in {:?}",
                    h.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} matches compared");
}

/// A two-digit ending after a word hundreds of households share (`zh 37`): checked one
/// household at a time it is rare, so after a few hundred the lookup reads it from the
/// index instead — and still gives exactly the households matching both words, and the
/// limit of them when the limit is small.
#[test]
fn a_rare_two_digit_ending_after_a_common_word_is_read_and_exact() {
    let f = district(1500);
    let store = &f.services.store;
    // Two letters, as specific as two digits: the word is read first, the number after.
    let common = ["zh", "li", "wa", "ch", "sh"]
        .into_iter()
        .max_by_key(|w| brute_force(store, w).len())
        .expect("a letter");
    assert!(
        brute_force(store, common).len() > 300,
        "{common}: too few households to check past the first few hundred"
    );
    let mut compared = 0;
    for tail in ["37", "58", "0x", "91"] {
        let query = format!("{common} {tail}");
        let want = brute_force(store, &query);
        let hits = search(&f.services, &f.actor, &query, 100_000).expect("search");
        let got: BTreeSet<HouseholdId> = hits.iter().map(|x| x.row.household).collect();
        assert_eq!(got.len(), hits.len(), "{query}: a household twice");
        assert_eq!(got, want, "{query}");
        let few = search(&f.services, &f.actor, &query, 5).expect("search");
        assert_eq!(few.len(), want.len().min(5), "{query}");
        assert!(
            few.iter().all(|x| want.contains(&x.row.household)),
            "{query}"
        );
        compared += want.len();
    }
    assert!(compared > 10, "only {compared} households matched");
}
