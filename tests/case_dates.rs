//! `idx/case_date` (store format 4): cases in notice by the day they take effect, letters
//! not delivered by their due day. After random procedure writes (notices started and
//! objected to, decisions with letters, letters delivered, appeals, withdrawals, batches,
//! the daily run itself) the index equals what the records call for, worked out here from
//! the records on their own; and the daily run, the overdue count and `appeal list` read it.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;

use common::district;
use safetynet::app::workflow;
use safetynet::domain::case::{Case, Deadline, Stage};
use safetynet::domain::procedure::{Appeal, AppealKind, Letter, LetterKind, Notice};
use safetynet::store::{AuditEntry, CaseFilter, Change, Store, APPEAL, LETTER_DUE, NOTICE_ENDS};

fn day(n: u16) -> chrono::NaiveDate {
    common::today() + chrono::Duration::days(i64::from(n))
}

fn cases(store: &Store) -> Vec<Case> {
    store
        .case_rows(CaseFilter::default(), 0, 100_000)
        .expect("rows")
        .iter()
        .map(|r| r.case)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter_map(|c| store.case(c).expect("read"))
        .collect()
}

/// (kind, day, case, letter number) of every entry the records call for, from the rules
/// as the daily run and the overdue list state them.
fn from_records(store: &Store) -> BTreeSet<(u8, chrono::NaiveDate, u64, Option<usize>)> {
    let mut out = BTreeSet::new();
    for c in cases(store) {
        if c.stage == Stage::InNotice {
            if let Some(n) = c.procedure.notices.last() {
                out.insert((NOTICE_ENDS, n.effective_on, c.id.0, None));
            }
        }
        if matches!(c.stage, Stage::Rejected | Stage::Confirmed) {
            for (i, l) in c.procedure.letters.iter().enumerate() {
                if l.delivered_on.is_none() {
                    out.insert((LETTER_DUE, l.due.date, c.id.0, Some(i)));
                }
            }
        }
        for a in &c.procedure.appeals {
            out.insert((APPEAL, a.requested_on, c.id.0, None));
        }
    }
    out
}

fn from_index(store: &Store) -> BTreeSet<(u8, chrono::NaiveDate, u64, Option<usize>)> {
    let mut out = BTreeSet::new();
    for kind in [NOTICE_ENDS, LETTER_DUE, APPEAL] {
        for d in store.case_dates(kind, None, None).expect("index") {
            out.insert((kind, d.day, d.case.0, d.letter.map(|(_, i)| i)));
        }
    }
    out
}

#[derive(Debug, Clone)]
enum Op {
    /// Put the case in public notice from `start` (7 days).
    Notice {
        c: usize,
        start: u16,
    },
    /// An objection ends the notice: back to investigation.
    Object {
        c: usize,
    },
    /// A decision with its letter due on `due`.
    Decide {
        c: usize,
        reject: bool,
        due: u16,
    },
    /// The case's letter number `l` delivered.
    Deliver {
        c: usize,
        l: usize,
    },
    Withdraw {
        c: usize,
    },
    /// The daily run on `on`.
    DailyRun {
        on: u16,
    },
    /// Notices for several cases in one transaction.
    Batch {
        cs: Vec<usize>,
        start: u16,
    },
    /// An appeal received on `on`.
    Appeal {
        c: usize,
        on: u16,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..60usize, 0..40u16).prop_map(|(c, start)| Op::Notice { c, start }),
        (0..60usize).prop_map(|c| Op::Object { c }),
        (0..60usize, any::<bool>(), 0..40u16).prop_map(|(c, reject, due)| Op::Decide {
            c,
            reject,
            due
        }),
        (0..60usize, 0..3usize).prop_map(|(c, l)| Op::Deliver { c, l }),
        (0..60usize).prop_map(|c| Op::Withdraw { c }),
        (0..50u16).prop_map(|on| Op::DailyRun { on }),
        (prop::collection::vec(0..60usize, 1..6), 0..40u16)
            .prop_map(|(cs, start)| Op::Batch { cs, start }),
        (0..60usize, 0..40u16).prop_map(|(c, on)| Op::Appeal { c, on }),
    ]
}

fn change(case: Case) -> Change {
    Change {
        household: None,
        audit: AuditEntry::new(
            common::today().and_hms_opt(9, 0, 0).expect("t"),
            "test",
            "test.edit",
            format!("case:{}", case.id.0),
        ),
        case: Some(case),
        number_case_in: None,
    }
}

fn in_notice(mut c: Case, start: u16) -> Case {
    c.stage = Stage::InNotice;
    c.procedure.notices.push(Notice {
        start: day(start),
        end: day(start + 6),
        effective_on: day(start + 7),
        counts_toward_limit: false,
        objected: false,
    });
    c
}

fn apply(f: &common::Fixture, op: &Op) {
    let store = &f.services.store;
    let all = cases(store);
    let pick = |i: usize| all[i % all.len()].clone();
    let one = match op {
        Op::Notice { c, start } => Some(in_notice(pick(*c), *start)),
        Op::Object { c } => {
            let mut c = pick(*c);
            if c.stage != Stage::InNotice {
                return;
            }
            if let Some(n) = c.procedure.notices.last_mut() {
                n.objected = true;
            }
            c.stage = Stage::Investigating;
            Some(c)
        }
        Op::Decide { c, reject, due } => {
            let mut c = pick(*c);
            let (stage, kind) = match reject {
                true => (Stage::Rejected, LetterKind::Refusal),
                false => (Stage::Confirmed, LetterKind::Approval),
            };
            c.stage = stage;
            c.procedure.letters.push(Letter::new(
                kind,
                Deadline {
                    date: day(*due),
                    provisional: false,
                },
            ));
            Some(c)
        }
        Op::Deliver { c, l } => {
            let mut c = pick(*c);
            let Some(letter) = c.procedure.letters.get_mut(*l) else {
                return;
            };
            letter.delivered_on = Some(day(3));
            Some(c)
        }
        Op::Appeal { c, on } => {
            let mut c = pick(*c);
            c.procedure.appeals.push(Appeal {
                kind: AppealKind::Review,
                requested_on: day(*on),
                applicant: "申请人".into(),
                grounds: "认为收入计算有误".into(),
                handled_by: "王芳".into(),
                recorded_by: "test".into(),
                outcome: None,
            });
            Some(c)
        }
        Op::Withdraw { c } => {
            let mut c = pick(*c);
            c.stage = Stage::Withdrawn;
            Some(c)
        }
        Op::DailyRun { on } => {
            let run = workflow::daily_run_on(&f.services, day(*on)).expect("daily run");
            // What the run left in notice is what the index still holds after `on`.
            let left = from_records(store)
                .iter()
                .filter(|(k, d, _, _)| *k == NOTICE_ENDS && *d > day(*on))
                .count();
            assert_eq!(run.still_in_notice, left);
            None
        }
        Op::Batch { cs, start } => {
            let mut seen = BTreeSet::new();
            let changes: Vec<Change> = cs
                .iter()
                .map(|i| pick(*i))
                .filter(|c| seen.insert(c.id))
                .map(|c| change(in_notice(c, *start)))
                .collect();
            store.save_all(&changes).expect("save_all");
            None
        }
    };
    if let Some(c) = one {
        store.save(change(c)).expect("save");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn the_case_date_index_equals_the_records_after_random_writes(
        ops in prop::collection::vec(op(), 1..30)
    ) {
        let f = district(40);
        for op in &ops {
            apply(&f, op);
        }
        let store = &f.services.store;
        prop_assert_eq!(from_index(store), from_records(store));
        // `appeal list` (every case the officer sees) lists every appeal on record.
        let listed = workflow::appeal_rows(&f.services, &f.actor, None).expect("appeals");
        let on_record: usize = cases(store).iter().map(|c| c.procedure.appeals.len()).sum();
        prop_assert_eq!(listed.len(), on_record);
        let report = store.check().expect("check");
        prop_assert!(report.is_clean(), "{:#?}", report.findings);
    }
}

/// The daily run takes effect exactly for the cases the records say are due, and the
/// overdue count is the number of letters the list shows (both read the index).
#[test]
fn the_daily_run_and_the_overdue_count_follow_the_index() {
    let mut f = district(60);
    let store = &f.services.store;
    let all = cases(store);
    // Three notices ending on day 7 (effective day 8), two on day 27.
    for (i, start) in [(0, 1), (1, 1), (2, 1), (3, 21), (4, 21)] {
        store
            .save(change(in_notice(all[i].clone(), start)))
            .expect("save");
    }
    let due: BTreeSet<u64> = from_records(store)
        .iter()
        .filter(|(k, d, _, _)| *k == NOTICE_ENDS && *d <= day(8))
        .map(|(_, _, c, _)| *c)
        .collect();
    assert!(due.len() >= 3, "{due:?}");
    let run = workflow::daily_run_on(&f.services, day(8)).expect("run");
    let took: BTreeSet<u64> = run.took_effect.iter().map(|c| c.0).collect();
    assert_eq!(took, due);
    assert!(run.failed.is_empty(), "{:?}", run.failed);
    for c in &run.took_effect {
        let c = store.case(*c).expect("read").expect("case");
        assert_eq!(c.stage, Stage::Confirmed);
    }
    // Each took effect with a confirmation letter due; nothing more on a second run.
    let again = workflow::daily_run_on(&f.services, day(8)).expect("run");
    assert!(again.took_effect.is_empty());
    assert_eq!(again.still_in_notice, run.still_in_notice);

    f.services.fixed_today = Some(day(45));
    let store = &f.services.store;
    let list = workflow::overdue_letters(&f.services, &f.actor).expect("list");
    let count = workflow::overdue_letter_count(&f.services, &f.actor).expect("count");
    assert_eq!(count, Some(list.len()));
    for c in &took {
        assert!(list
            .iter()
            .any(|r| r.case.0 == *c && r.kind == LetterKind::Approval));
    }
    let letters_due = from_records(store)
        .iter()
        .filter(|(k, d, _, _)| *k == LETTER_DUE && *d < day(45))
        .count();
    assert_eq!(list.len(), letters_due);
}
