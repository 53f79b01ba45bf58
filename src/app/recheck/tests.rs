#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::{Datelike, Days, NaiveDate};

use super::*;
use crate::app::generate::{generate, GenerateOptions};
use crate::app::monitoring::household_view;
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::calendar::Calendar;
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::monitoring::Reading;
use crate::domain::recheck::{DueState, Outcome};
use crate::store::Store;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn district(n: u64) -> (tempfile::TempDir, Services) {
    let dir = tempfile::tempdir().unwrap();
    let s = Services {
        store: Store::open(dir.path()).unwrap(),
        calendar: Calendar::bundled().unwrap(),
        fixed_today: Some(d(2026, 3, 2)),
    };
    let opts = GenerateOptions {
        households: n,
        seed: 7,
        as_of: d(2026, 3, 2),
    };
    generate(&s.store, opts, |_, _| {}).unwrap();
    (dir, s)
}

fn officer() -> Actor {
    Actor::demo_officer()
}

fn dibao_households(s: &Services) -> Vec<Household> {
    let mut out = Vec::new();
    s.store
        .for_each_household(|h: Household| -> Result<(), AppError> {
            if h.standing.category == Some(Category::Dibao) && h.standing.since.is_some() {
                out.push(h);
            }
            Ok(())
        })
        .unwrap();
    out
}

fn reading(s: &Services, h: &Household) -> Reading {
    let v = household_view(s, &officer(), h.id).unwrap();
    v.latest.to_reading(h.id, s.today(), "demo-officer")
}

/// A dibao household found dibao with unchanged income, after a first re-check that
/// recorded its amount (generated cases carry no proposed benefit): the re-check now
/// proposes "keep".
fn kept(s: &Services) -> (Household, RecheckProposal) {
    for h in dibao_households(s) {
        let r = reading(s, &h);
        let p = propose_recheck(s, &officer(), &r).unwrap();
        if p.found.category != Some(Category::Dibao) || p.found.benefit.fen() < 20_000 {
            continue;
        }
        record_recheck(
            s,
            &officer(),
            RecheckInput {
                household_rev: h.rev,
                reading: r,
                decided: p.outcome,
                reason: String::new(),
            },
        )
        .unwrap();
        let h = s.store.household(h.id).unwrap().unwrap();
        let p = propose_recheck(s, &officer(), &reading(s, &h)).unwrap();
        assert_eq!(p.outcome, Outcome::Keep, "{:?}", p.explanation);
        return (h, p);
    }
    panic!("no dibao household found dibao");
}

#[test]
fn the_queue_shows_a_household_from_its_due_month_and_overdue_after_its_due_date() {
    let (_dir, mut s) = district(200);
    let h = dibao_households(&s).remove(0);
    let st = settings(&s).unwrap();
    let standards = crate::app::monitoring::standards(&s).unwrap();
    let due = schedule_of(&st, &standards, &h, None).unwrap().due;
    let first_of_month = due.with_day0(0).unwrap();
    let state_on = |s: &mut Services, day: NaiveDate| {
        s.fixed_today = Some(day);
        due_queue(s, &officer(), None)
            .unwrap()
            .rows
            .iter()
            .find(|r| r.household == h.id)
            .map(|r| (r.state, r.due))
    };
    assert_eq!(state_on(&mut s, first_of_month.pred_opt().unwrap()), None);
    assert_eq!(
        state_on(&mut s, first_of_month),
        Some((DueState::ThisMonth, due))
    );
    assert_eq!(state_on(&mut s, due), Some((DueState::ThisMonth, due)));
    assert_eq!(
        state_on(&mut s, due + Days::new(1)),
        Some((DueState::Overdue, due))
    );
    let q = due_queue(&s, &officer(), None).unwrap();
    assert_eq!(q.overdue + q.this_month, q.rows.len());
    assert!(q
        .rows
        .windows(2)
        .all(|w| (w[0].state, w[0].due) <= (w[1].state, w[1].due)));
    let counts = due_counts(&s, &officer()).unwrap().expect("counts");
    assert_eq!(
        (counts.overdue, counts.this_month),
        (q.overdue, q.this_month)
    );
}

#[test]
fn a_small_rise_in_income_proposes_a_decrease_and_recording_sets_the_next_date() {
    let (_dir, s) = district(300);
    let (h, p0) = kept(&s);
    let mut r = reading(&s, &h);
    // 1,200 yuan more a year: the dibao gap is 100 yuan a month less.
    r.annual_income += crate::domain::money::Money::from_yuan(1200);
    let p = propose_recheck(&s, &officer(), &r).unwrap();
    assert_eq!(p.outcome, Outcome::Decrease, "{:?}", p.explanation);
    assert_eq!(
        p.found.benefit.fen(),
        p0.found.benefit.fen() - 10_000,
        "{:?}",
        p.explanation
    );
    assert!(
        p.explanation[0].starts_with("复核建议：减发"),
        "{:?}",
        p.explanation
    );
    // Another outcome without a reason is refused, in the clerk's words.
    let refused = record_recheck(
        &s,
        &officer(),
        RecheckInput {
            household_rev: h.rev,
            reading: r.clone(),
            decided: Outcome::Keep,
            reason: String::new(),
        },
    );
    assert!(
        matches!(&refused, Err(AppError::Invalid(zh, _)) if zh.contains("请填写理由")),
        "{refused:?}"
    );
    let saved = record_recheck(
        &s,
        &officer(),
        RecheckInput {
            household_rev: h.rev,
            reading: r,
            decided: Outcome::Decrease,
            reason: String::new(),
        },
    )
    .unwrap();
    let st = settings(&s).unwrap();
    let months = st.period(saved.recheck.basis.unwrap()).months;
    assert_eq!(
        saved.recheck.next_due,
        s.today().checked_add_months(chrono::Months::new(months))
    );
    let stored = s.store.household(h.id).unwrap().unwrap();
    assert_eq!(stored.standing.category, Some(Category::Dibao));
    assert_eq!(
        s.store.rechecks_of(h.id).unwrap().last(),
        Some(&saved.recheck)
    );
    assert_eq!(s.store.readings_of(h.id).unwrap().len(), 2);
    let audit = s
        .store
        .audit_of(&crate::store::audit::household_target(h.id.0))
        .unwrap();
    assert!(audit.iter().any(|e| e.action == "monitoring.recheck"));
    // The new support is the one the next re-check starts from.
    let again = propose_recheck(&s, &officer(), &reading(&s, &stored)).unwrap();
    assert_eq!(again.before.benefit, p.found.benefit);
}

#[test]
fn income_far_above_the_standard_tapers_a_dibao_household_off() {
    let (_dir, s) = district(300);
    let (h, _) = kept(&s);
    let mut r = reading(&s, &h);
    r.annual_income = crate::domain::money::Money::from_yuan(200_000);
    let p = propose_recheck(&s, &officer(), &r).unwrap();
    assert_eq!(p.outcome, Outcome::Taper, "{:?}", p.explanation);
    let saved = record_recheck(
        &s,
        &officer(),
        RecheckInput {
            household_rev: h.rev,
            reading: r,
            decided: Outcome::Taper,
            reason: String::new(),
        },
    )
    .unwrap();
    let exit = saved.exit.expect("an exit");
    assert_eq!(exit.taper_months, 6);
    assert_eq!(
        exit.support_ends,
        s.today()
            .checked_add_months(chrono::Months::new(6))
            .unwrap()
    );
    assert_eq!(saved.recheck.next_due, None);
    let stored = s.store.household(h.id).unwrap().unwrap();
    assert_eq!(stored.standing.category, None);
    assert_eq!(s.store.exits_of(h.id).unwrap(), vec![exit]);
    // Off the queue: no longer confirmed.
    let q = due_queue(&s, &officer(), None).unwrap();
    assert!(q.rows.iter().all(|row| row.household != h.id));
}

#[test]
fn a_stale_household_is_refused_and_nothing_is_written() {
    let (_dir, s) = district(200);
    let (h, p) = kept(&s);
    let r = reading(&s, &h);
    let got = record_recheck(
        &s,
        &officer(),
        RecheckInput {
            household_rev: h.rev + 5,
            reading: r,
            decided: p.outcome,
            reason: String::new(),
        },
    );
    assert!(
        matches!(
            got,
            Err(AppError::Store(crate::store::StoreError::Stale { .. }))
        ),
        "{got:?}"
    );
    assert_eq!(s.store.rechecks_of(h.id).unwrap().len(), 1);
    assert_eq!(s.store.readings_of(h.id).unwrap().len(), 1);
}

#[test]
fn a_confirmation_after_the_last_recheck_starts_the_count_again() {
    use crate::domain::recheck::{Recheck, Support};
    let (_dir, s) = district(60);
    let mut h = dibao_households(&s).remove(0);
    let st = settings(&s).unwrap();
    let standards = crate::app::monitoring::standards(&s).unwrap();
    let support = Support {
        category: Some(Category::Dibao),
        benefit: crate::domain::money::Money::ZERO,
    };
    let old = Recheck {
        id: 9,
        household: h.id,
        town: h.town,
        date: d(2025, 1, 10),
        by: "x".into(),
        reading: 8,
        before: support,
        found: support,
        proposed: Outcome::Keep,
        decided: Outcome::Keep,
        reason: String::new(),
        explanation: vec![],
        explanation_en: vec![],
        basis: None,
        next_due: Some(d(2025, 7, 10)),
    };
    h.standing.since = Some(d(2024, 12, 1));
    let kept = schedule_of(&st, &standards, &h, Some(&old)).unwrap();
    assert_eq!((kept.last, kept.due), (d(2025, 1, 10), d(2025, 7, 10)));
    h.standing.since = Some(d(2025, 6, 1));
    let again = schedule_of(&st, &standards, &h, Some(&old)).unwrap();
    assert_eq!(again.last, d(2025, 6, 1));
    assert!(again.due > d(2025, 7, 10), "{again:?}");
}

#[test]
fn a_town_clerk_sees_her_own_towns_queue_and_may_not_record_for_another() {
    use crate::domain::access::Role;
    use crate::domain::town::Town;
    let (_dir, s) = district(200);
    let clerk = Actor {
        user: "clerk".into(),
        display: "clerk".into(),
        role: Role::TownClerk,
        town: Some(Town::Chenlu),
    };
    let all = due_queue(&s, &officer(), None).unwrap();
    let own = due_queue(&s, &clerk, None).unwrap();
    assert!(!own.rows.is_empty());
    assert!(own.rows.iter().all(|r| r.town == Town::Chenlu));
    assert_eq!(
        own.rows.len(),
        all.rows.iter().filter(|r| r.town == Town::Chenlu).count()
    );
    // Another town's household is not found for her.
    let other = all
        .rows
        .iter()
        .find(|r| r.town != Town::Chenlu)
        .expect("another town");
    let h = s.store.household(other.household).unwrap().unwrap();
    let r = reading(&s, &h);
    let got = propose_recheck(&s, &clerk, &r);
    assert!(matches!(got, Err(AppError::NotFound(_))), "{got:?}");
    // A village informant may read the queue but not record a re-check.
    let informant = Actor {
        role: Role::VillageInformant,
        ..clerk
    };
    let got = record_recheck(
        &s,
        &informant,
        RecheckInput {
            household_rev: h.rev,
            reading: r,
            decided: Outcome::Keep,
            reason: String::new(),
        },
    );
    assert!(matches!(got, Err(AppError::Denied { .. })), "{got:?}");
}
