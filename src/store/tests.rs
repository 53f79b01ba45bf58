use super::*;
use crate::domain::case::{CaseId, Channel, Deadline, Stage};
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};
use chrono::{NaiveDate, NaiveDateTime};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn at() -> NaiveDateTime {
    day(2026, 3, 2).and_hms_opt(9, 30, 0).expect("test time")
}

fn member(name: &str, id: &str, relation: Relation) -> Member {
    Member {
        name: name.into(),
        id: ResidentId::parse(id).expect("test id"),
        relation,
        area: Area::Rural,
        labour: LabourCapacity::Full,
        health: Health::Healthy,
        disability: None,
        employment: Employment::Farming,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

fn household(id: u64) -> Household {
    Household {
        id: HouseholdId(id),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组12号".into(),
        phone: "13812345678".into(),
        area: Area::Rural,
        members: vec![member("张三", "11010519491231002X", Relation::Head)],
        incomes: vec![IncomeItem {
            kind: IncomeKind::Wages,
            member: Some(0),
            amount: Amount::monthly(Money::from_yuan(500)),
            note: String::new(),
        }],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

fn case(id: u64, household: u64, stage: Stage) -> Case {
    Case {
        id: CaseId(id),
        rev: 0,
        number: None,
        household: HouseholdId(household),
        town: Town::Chenlu,
        channel: Channel::OwnApplication,
        stage,
        applied_on: day(2026, 3, 2),
        accepted_on: None,
        deadline: None,
        investigation: None,
        review: None,
        decided_on: None,
        history: vec![],
        procedure: Default::default(),
    }
}

fn new_case(store: &Store, stage: Stage) -> (Household, Case) {
    let hid = store.new_id().expect("id");
    let cid = store.new_id().expect("id");
    let saved = store
        .save(Change {
            household: Some(household(hid)),
            case: Some(case(cid, hid, stage)),
            number_case_in: None,
            audit: AuditEntry::new(at(), "clerk1", "case.create", audit::case_target(cid)),
        })
        .expect("saved");
    (
        saved.household.expect("household"),
        saved.case.expect("case"),
    )
}

#[test]
fn envelope_bytes_are_pinned() {
    // If this fails, the stored format changed: bump `Record::VERSION` and add a migration.
    let h = household(7);
    let bytes = envelope::encode(&h).expect("encode");
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, PINNED_HOUSEHOLD);
    let back: Household = envelope::decode(&bytes).expect("decode");
    assert_eq!(back, h);
    let v2: Household = envelope::decode(&unhex(PINNED_HOUSEHOLD_V2)).expect("version 2");
    assert_eq!(v2, h);
}

/// Version 3: the member's ID number is its first 17 digits as one integer
/// (`fd1a3d1157021e2700`, 9 bytes where the text took 19).
const PINNED_HOUSEHOLD: &str = "534e000307000409e99988e78289e69d910be4b880e7bb843132e58fb70b3133383132333435363738010106e5bca0e4b889fd1a3d1157021e2700000100000001000001000100fca086010000000000000000000000000000";

/// Version 2 (issue 17): `obligors` after `standing` (the trailing 00, an empty list).
/// Pinned by this test before the ID numbers were compact; it must still read.
const PINNED_HOUSEHOLD_V2: &str = "534e000207000409e99988e78289e69d910be4b880e7bb843132e58fb70b3133383132333435363738010106e5bca0e4b88912313130313035313934393132333130303258000100000001000001000100fca086010000000000000000000000000000";

/// Version 1, pinned by this test before obligors were added; it must still read.
const PINNED_HOUSEHOLD_V1: &str = "534e000107000409e99988e78289e69d910be4b880e7bb843132e58fb70b3133383132333435363738010106e5bca0e4b88912313130313035313934393132333130303258000100000001000001000100fca0860100000000000000000000000000";

#[test]
fn case_version_1_reads_as_in_force_since_its_decision() {
    // Version 3's bytes are version 1's followed by `procedure` (four empty lists and two
    // absent dates: six 00s).
    let mut c = case(5, 7, Stage::Confirmed);
    c.decided_on = Some(day(2026, 3, 20));
    let v3 = super::codec::tests::case_record_v3(&c);
    assert_eq!(&v3[2..4], &[0, 3]);
    assert!(v3.ends_with(&[0; 6]));
    let mut v1 = v3[..v3.len() - 6].to_vec();
    v1[3] = 1;
    let back: Case = envelope::decode(&v1).expect("decode v1");
    assert_eq!(back.procedure.effective_on, Some(day(2026, 3, 20)));
    assert_eq!(
        Case {
            procedure: c.procedure.clone(),
            ..back
        },
        c
    );
    // An open version-1 case has nothing in force.
    let open = case(6, 7, Stage::UnderReview);
    let mut v1 = super::codec::tests::case_record_v3(&open);
    v1.truncate(v1.len() - 6);
    v1[3] = 1;
    let back: Case = envelope::decode(&v1).expect("decode v1");
    assert_eq!(back, open);
}

#[test]
fn case_version_2_reads_without_its_flags() {
    // Version 2 had `flags` between `history` and `procedure`: none (00), or the one flag
    // (a list of one, variant 0: 01 00), which nothing wrote but a store could hold.
    let mut c = case(7, 7, Stage::Rejected);
    c.decided_on = Some(day(2026, 3, 20));
    c.procedure.effective_on = Some(day(2026, 3, 20));
    let v3 = super::codec::tests::case_record_v3(&c);
    // The procedure here: four empty lists, effective_on Some(date), no benefit_from.
    let split = v3
        .len()
        .checked_sub(6 + bincode_date_len(&c))
        .expect("split");
    for flags in [vec![0u8], vec![1, 0]] {
        let mut v2 = v3[..split].to_vec();
        v2.extend(&flags);
        v2.extend(&v3[split..]);
        v2[3] = 2;
        let back: Case = envelope::decode(&v2).expect("decode v2");
        assert_eq!(back, c, "flags {flags:?}");
    }
}

/// The bytes of the procedure's `effective_on` date beyond the absent-date 00, in
/// version 3 (text).
fn bincode_date_len(c: &Case) -> usize {
    let with = super::codec::tests::case_record_v3(c).len();
    let mut without = c.clone();
    without.procedure.effective_on = None;
    with - super::codec::tests::case_record_v3(&without).len()
}

#[test]
fn envelope_refuses_foreign_and_newer_bytes() {
    let mut bytes = envelope::encode(&household(1)).expect("encode");
    bytes[3] = 9;
    match envelope::decode::<Household>(&bytes) {
        Err(StoreError::UnsupportedVersion {
            found: 9,
            supported: 3,
            ..
        }) => {}
        other => panic!("expected a version error, got {other:?}"),
    }
    assert!(matches!(
        envelope::decode::<Household>(b"not ours"),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn round_trip_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (h, c) = {
        let store = Store::open(dir.path()).expect("open");
        new_case(&store, Stage::Submitted)
    };
    assert_eq!(h.rev, 1);
    let store = Store::open(dir.path()).expect("reopen");
    assert_eq!(store.household(h.id).expect("read"), Some(h.clone()));
    assert_eq!(store.case(c.id).expect("read"), Some(c.clone()));
    let who = ResidentId::parse("11010519491231002X").expect("id");
    assert_eq!(store.household_of(&who).expect("read"), Some(h.id));
    assert_eq!(store.case_ids_of(h.id).expect("read"), vec![c.id]);
    let load = store.caseload().expect("counters").district();
    assert_eq!((load.households, load.persons), (1, 1));
    assert_eq!(load.stage(Stage::Submitted), 1);
    let history = store.audit_of(&audit::case_target(c.id.0)).expect("audit");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].by, "clerk1");
}

#[test]
fn second_open_is_refused_with_a_plain_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _first = Store::open(dir.path()).expect("open");
    match Store::open(dir.path()) {
        Err(e @ StoreError::Locked(_)) => {
            assert!(e.zh().contains("已在另一个窗口中打开"), "{}", e.zh());
            assert!(e.to_string().contains("already open in another window"));
        }
        Err(other) => panic!("expected Locked, got {other:?}"),
        Ok(_) => panic!("a second open must fail"),
    }
}

#[test]
fn stale_write_is_refused_and_names_the_writer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let (_, c) = new_case(&store, Stage::Submitted);
    let mut mine = c.clone();
    let mut theirs = c.clone();
    theirs.stage = Stage::Accepted;
    store
        .save(Change {
            household: None,
            case: Some(theirs),
            number_case_in: Some(2026),
            audit: AuditEntry::new(at(), "clerk2", "case.accept", audit::case_target(c.id.0)),
        })
        .expect("first write wins");
    mine.stage = Stage::Withdrawn;
    let err = store
        .save(Change {
            household: None,
            case: Some(mine),
            number_case_in: None,
            audit: AuditEntry::new(at(), "clerk1", "case.withdraw", audit::case_target(c.id.0)),
        })
        .expect_err("stale write refused");
    match err {
        StoreError::Stale { by, .. } => assert_eq!(by, "clerk2"),
        other => panic!("expected Stale, got {other:?}"),
    }
    let now = store.case(c.id).expect("read").expect("exists");
    assert_eq!(now.stage, Stage::Accepted);
    assert_eq!(
        now.number.map(|n| n.to_string()).as_deref(),
        Some("610203-2026-000001")
    );
    let load = store.caseload().expect("counters").district();
    assert_eq!(load.stage(Stage::Submitted), 0);
    assert_eq!(load.stage(Stage::Accepted), 1);
    assert_eq!(load.stage(Stage::Withdrawn), 0);
}

#[test]
fn one_resident_one_household() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    new_case(&store, Stage::Submitted);
    let hid = store.new_id().expect("id");
    let err = store
        .save(Change {
            household: Some(household(hid)),
            case: None,
            number_case_in: None,
            audit: AuditEntry::new(
                at(),
                "clerk1",
                "household.create",
                audit::household_target(hid),
            ),
        })
        .expect_err("same person twice");
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    // Nothing of the refused write is left behind.
    assert_eq!(store.household(HouseholdId(hid)).expect("read"), None);
    assert_eq!(store.caseload().expect("counters").district().households, 1);
}

#[test]
fn a_batch_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let change = |_: u64, _: u64, id: &str| {
        let (hid, cid) = (store.new_id().expect("id"), store.new_id().expect("id"));
        let mut h = household(hid);
        h.members[0].id = ResidentId::parse(id).expect("test id");
        Change {
            household: Some(h),
            case: Some(case(cid, hid, Stage::Confirmed)),
            number_case_in: None,
            audit: AuditEntry::new(
                at(),
                "clerk1",
                "household.import",
                audit::household_target(hid),
            ),
        }
    };
    let ids = [
        "110105194912310038",
        "11010519491231002X",
        "110105194912310046",
    ];
    let good: Vec<Change> = (0..3u64)
        .map(|n| change(10 + n, 20 + n, ids[n as usize]))
        .collect();
    let saved = store.save_all(&good).expect("batch saved");
    assert_eq!(saved.len(), 3);
    assert_eq!(store.caseload().expect("counters").district().households, 3);
    let audit_before = store.audit_newest_first().count();
    // The third household repeats a person already stored: the whole batch is refused.
    let bad = vec![
        change(30, 40, "110105195001010012"),
        change(31, 41, "110105195001010039"),
        change(32, 42, ids[1]),
    ];
    let err = store.save_all(&bad).expect_err("a stored person again");
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    for hid in bad
        .iter()
        .filter_map(|c| c.household.as_ref().map(|h| h.id.0))
    {
        assert_eq!(
            store.household(HouseholdId(hid)).expect("read"),
            None,
            "household {hid}"
        );
    }
    assert_eq!(store.caseload().expect("counters").district().households, 3);
    assert_eq!(store.audit_newest_first().count(), audit_before);
    // Each saved change kept its own audit entry, and the derived trees agree.
    assert_eq!(audit_before, 3);
    let report = store.check().expect("check");
    assert!(report.is_clean(), "{report:?}");
}

#[test]
fn list_rows_filter_and_deadlines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    let mut ids = Vec::new();
    for (i, stage) in [Stage::Submitted, Stage::Accepted, Stage::Accepted]
        .iter()
        .enumerate()
    {
        let hid = store.new_id().expect("id");
        let cid = store.new_id().expect("id");
        let mut h = household(hid);
        h.members[0] = member(
            "李四",
            ResidentId::compose(610203, day(1980, 1, 1), i as u16)
                .expect("id")
                .as_str(),
            Relation::Head,
        );
        let mut c = case(cid, hid, *stage);
        if *stage == Stage::Accepted {
            c.deadline = Some(Deadline {
                date: day(2026, 3, 10 + i as u32),
                provisional: false,
            });
        }
        store
            .save(Change {
                household: Some(h),
                case: Some(c),
                number_case_in: None,
                audit: AuditEntry::new(at(), "clerk1", "case.create", audit::case_target(cid)),
            })
            .expect("saved");
        ids.push(CaseId(cid));
    }
    let all = store.case_rows(CaseFilter::default(), 0, 10).expect("rows");
    let listed: Vec<CaseId> = all.iter().map(|r| r.case).collect();
    assert_eq!(listed, vec![ids[2], ids[1], ids[0]], "newest first");
    assert_eq!(all[0].head_id_masked, "610203********0025");
    let accepted = CaseFilter {
        town: Some(Town::Chenlu),
        stage: Some(Stage::Accepted),
    };
    assert_eq!(store.case_rows(accepted, 1, 10).expect("rows").len(), 1);
    let other_town = CaseFilter {
        town: Some(Town::Hongtu),
        stage: None,
    };
    assert!(store.case_rows(other_town, 0, 10).expect("rows").is_empty());
    let due = store
        .cases_due(day(2026, 3, 1), day(2026, 3, 11), &[], 10)
        .expect("due");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].case, ids[1]);
    assert_eq!(
        store
            .count_due(day(2026, 1, 1), day(2026, 12, 31), &[Town::Chenlu])
            .expect("n"),
        2
    );
    assert_eq!(
        store
            .count_due(day(2026, 1, 1), day(2026, 12, 31), &[Town::Hongtu])
            .expect("n"),
        0
    );
}

mod audit_chain;
mod bulk_spans;

fn unhex(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Issue 17: adding obligors changed the household's layout; version 1 still reads.
#[test]
fn a_version_1_household_reads_with_no_obligors() {
    let old: Household = envelope::decode(&unhex(PINNED_HOUSEHOLD_V1)).expect("version 1 decodes");
    assert_eq!(old, household(7));
    assert!(old.obligors.is_empty());
    let new = envelope::encode(&old).expect("encodes");
    assert_eq!(&new[..4], b"SN\x00\x03");
    assert_eq!(envelope::decode::<Household>(&new).ok(), Some(old));
}

/// Issue 17 point 4: a stored record whose ID number does not validate is a store
/// error, never a panic later.
#[test]
fn a_record_with_an_invalid_id_number_is_a_store_error() {
    let mut bytes = unhex(PINNED_HOUSEHOLD_V1);
    // The member's ID number "11010519491231002X": change its check character.
    let at = bytes
        .windows(18)
        .position(|w| w == b"11010519491231002X")
        .expect("the ID is in the record");
    bytes[at + 17] = b'1';
    match envelope::decode::<Household>(&bytes) {
        Err(StoreError::Corrupt(why)) => assert!(why.contains("household"), "{why}"),
        other => panic!("expected a store error, got {other:?}"),
    }
}

#[test]
fn a_page_of_every_row_does_not_reserve_the_limit() {
    // `case_rows(.., usize::MAX)` ("all of them") reserved usize::MAX rows and panicked.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let (h, first) = new_case(&store, Stage::Submitted);
    let cid = store.new_id().expect("id");
    let second = store
        .save(Change {
            household: None,
            case: Some(case(cid, h.id.0, Stage::Accepted)),
            number_case_in: None,
            audit: AuditEntry::new(at(), "clerk1", "case.create", audit::case_target(cid)),
        })
        .expect("saved")
        .case
        .expect("case");
    let rows = store
        .case_rows(CaseFilter::default(), 0, usize::MAX)
        .unwrap();
    let ids: Vec<_> = rows.iter().map(|r| r.case).collect();
    assert_eq!(ids, vec![second.id, first.id]);
}
