//! A monitoring visit: record a reading of a household's indicators. The rules run on
//! it at once; the reading, the household's housing and water indicators, the alerts it
//! raises and the overdue alert it settles are written in one transaction.

use chrono::NaiveDate;

use super::{last_by_rule, load_household, new_alert, rules, should_raise, standards};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::monitoring::{
    changes, income_test, membership, on_reading, Alert, AlertAction, Change, Exit, ExitFact,
    Membership, Reading, RosterFacts, RuleKind, Snapshot,
};
use crate::domain::Label;
use crate::store::monitoring::MonitoringChange;
use crate::store::AuditEntry;

/// What the visit screen shows for one household.
#[derive(Debug, Clone)]
pub struct HouseholdView {
    pub household: Household,
    pub membership: Membership,
    /// Newest first.
    pub readings: Vec<Reading>,
    /// The indicators now: the latest reading, or the household as registered.
    pub latest: Snapshot,
    /// What the latest reading changed from the one before it (or from registration).
    pub changed: Vec<Change>,
    pub alerts: Vec<Alert>,
    pub exits: Vec<Exit>,
}

pub fn household_view(
    services: &Services,
    actor: &Actor,
    id: HouseholdId,
) -> Result<HouseholdView, AppError> {
    actor.permit(Permission::ReadMonitoring)?;
    let store = &services.store;
    let household = load_household(services, actor, id)?;
    let mut readings = store.readings_of(id)?;
    let baseline = Snapshot::of_household(&household);
    let changed = match readings.as_slice() {
        [.., prev, last] => changes(&prev.snapshot(), last),
        [only] => changes(&baseline, only),
        [] => Vec::new(),
    };
    let latest = readings.last().map_or(baseline, Reading::snapshot);
    readings.reverse();
    let exits = store.exits_of(id)?;
    let rejected = match store.latest_decision_of(id)? {
        Some(stage) => stage == crate::domain::case::Stage::Rejected,
        None => false,
    };
    let facts: Vec<ExitFact> = exits.iter().map(exit_fact).collect();
    let membership = membership(
        RosterFacts {
            standing: &household.standing,
            rejected,
            exits: &facts,
        },
        services.today(),
    );
    let mut alerts = store.alerts_of(id)?;
    alerts.sort_by_key(|a| std::cmp::Reverse(a.id));
    Ok(HouseholdView {
        household,
        membership,
        readings,
        latest,
        changed,
        alerts,
        exits,
    })
}

pub(crate) fn exit_fact(e: &Exit) -> ExitFact {
    ExitFact {
        category: e.category,
        support_ends: e.support_ends,
        taper: e.taper_months > 0,
    }
}

#[derive(Debug, Clone)]
pub struct ReadingOutcome {
    pub reading: Reading,
    pub raised: Vec<Alert>,
    /// Overdue alerts this reading settled.
    pub settled: usize,
    /// A rule that could not run, in the clerk's words (e.g. no standard in force).
    pub warning: Option<(String, String)>,
}

fn check(r: &Reading, today: NaiveDate) -> Result<(), AppError> {
    let bad = |zh: &str, en: &str| Err(AppError::Invalid(zh.into(), en.into()));
    if r.date > today {
        return bad(
            "监测日期不能晚于今天",
            "the reading cannot be dated after today",
        );
    }
    if r.members == 0 {
        return bad("家庭人口至少为 1", "a household has at least one member");
    }
    if r.able > r.members || r.working > r.members || r.seriously_ill > r.members {
        return bad(
            "劳动能力、就业、重病重残人数不能超过家庭人口",
            "able, working and ill members cannot exceed the household's members",
        );
    }
    if r.annual_income.is_negative()
        || r.new_medical.is_negative()
        || r.new_other_rigid.is_negative()
    {
        return bad("金额不能为负数", "amounts cannot be negative");
    }
    if r.by.trim().is_empty() {
        return bad("请填写监测人", "say who took the reading");
    }
    Ok(())
}

/// Record `reading` for its household, read at `household_rev`.
pub fn record_reading(
    services: &Services,
    actor: &Actor,
    household_rev: u64,
    reading: Reading,
) -> Result<ReadingOutcome, AppError> {
    let (change, mut outcome) = prepare_reading(services, actor, household_rev, reading)?;
    let n = outcome.raised.len();
    let saved = services.store.save_monitoring(change)?;
    outcome.raised = saved.alerts.into_iter().take(n).collect();
    Ok(outcome)
}

/// Every check of [`record_reading`] and the write it would make, not yet saved: for a
/// caller that writes more in the same transaction (a re-check). The outcome's alerts
/// are as they will be written (before the store bumps their revision).
pub(crate) fn prepare_reading(
    services: &Services,
    actor: &Actor,
    household_rev: u64,
    mut reading: Reading,
) -> Result<(MonitoringChange, ReadingOutcome), AppError> {
    actor.permit(Permission::RecordReadings)?;
    check(&reading, services.today())?;
    let store = &services.store;
    let mut h = load_household(services, actor, reading.household)?;
    h.rev = household_rev;
    let previous = store
        .readings_of(h.id)?
        .last()
        .map_or_else(|| Snapshot::of_household(&h), Reading::snapshot);
    reading.id = store.new_id()?;
    let rules = rules(services)?;
    let mut findings = on_reading(&rules, &previous, &reading);
    let mut warning = None;
    if rules.income_below_line.enabled {
        match income_test(
            &rules,
            &standards(services)?,
            &h,
            &reading.snapshot(),
            reading.date,
        ) {
            Ok(found) => findings.extend(found),
            Err(e) => warning = Some((format!("收入预警未测算：{}", e.zh()), e.to_string())),
        }
    }
    let existing = store.alerts_of(h.id)?;
    let last = last_by_rule(&existing);
    let mut alerts = Vec::new();
    for f in findings {
        if should_raise(last.get(&f.rule), &f) {
            let id = store.new_id()?;
            alerts.push(new_alert(
                id,
                &h,
                f,
                reading.date,
                &actor.user,
                Some(reading.id),
            ));
        }
    }
    let raised = alerts.clone();
    let now = services.now();
    let settle = AlertAction::Superseded {
        reason: "已录入新的监测记录 / a new reading was recorded".into(),
    };
    let mut settled = 0;
    for a in existing
        .iter()
        .filter(|a| a.rule == RuleKind::ReadingOverdue && a.status.is_open())
    {
        if let Ok(done) = a.apply(&settle, &actor.user, now) {
            alerts.push(done);
            settled += 1;
        }
    }
    let mut entry = AuditEntry::new(
        now,
        &actor.user,
        "monitoring.reading",
        crate::store::audit::household_target(h.id.0),
    )
    .with_change("reading", String::new(), reading.date.to_string());
    for c in changes(&previous, &reading) {
        entry = entry.with_change(c.indicator.zh(), c.old_zh, c.new_zh);
    }
    if !raised.is_empty() {
        let rules: Vec<&str> = raised.iter().map(|a| a.rule.zh()).collect();
        entry = entry.with_note(format!("预警：{}", rules.join("、")));
    }
    let mut change = MonitoringChange::new(entry);
    if h.indicators.housing != reading.housing
        || h.indicators.drinking_water != reading.drinking_water
    {
        h.indicators.housing = reading.housing;
        h.indicators.drinking_water = reading.drinking_water;
        change.household = Some(h);
    }
    change.readings.push(reading.clone());
    change.alerts = alerts;
    Ok((
        change,
        ReadingOutcome {
            reading,
            raised,
            settled,
            warning,
        },
    ))
}
