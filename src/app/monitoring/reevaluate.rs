//! Re-evaluate every household on the roster (after a standards change, or on a
//! schedule): the standing tests (income against the line in force today, reading
//! overdue) run for each, and new findings are raised as alerts — never twice for an
//! open alert, never again for a finding already resolved unchanged. Alerts are written
//! in batches, each batch one transaction with its audit entry, flushed.

use std::time::{Duration, Instant};

use super::{new_alert, rules, standards, standards_error};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::monitoring::{on_date, Alert, RuleKind};
use crate::store::monitoring::MonitoringChange;
use crate::store::AuditEntry;

/// Alerts per transaction.
pub const BATCH: usize = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reevaluation {
    pub households: usize,
    pub on_roster: usize,
    /// New alerts by rule, indexed by `RuleKind::index()`.
    pub raised: Vec<usize>,
    pub elapsed: Duration,
}

impl Reevaluation {
    pub fn total_raised(&self) -> usize {
        self.raised.iter().sum()
    }
}

pub fn reevaluate(services: &Services, actor: &Actor) -> Result<Reevaluation, AppError> {
    actor.permit(crate::domain::access::Permission::Reevaluate)?;
    let started = Instant::now();
    let store = &services.store;
    let today = services.today();
    let rules = rules(services)?;
    let standards = standards(services)?;
    // A missing standard is the clerk's to see, before anything is written.
    standards.set_on(today).map_err(standards_error)?;
    let facts = store.monitoring_facts()?;
    let mut report = Reevaluation {
        households: usize::try_from(store.household_count()?).unwrap_or(0),
        raised: vec![0; RuleKind::ALL.len()],
        ..Reevaluation::default()
    };
    let mut pending: Vec<Alert> = Vec::new();
    super::roster::walk(services, &facts, today, |seen| {
        report.on_roster += 1;
        let h = &seen.household;
        let found = on_date(&rules, &standards, h, &seen.latest, seen.reference, today)
            .map_err(standards_error)?;
        for f in found {
            if super::should_raise(facts.last_alert.get(&(h.id, f.rule)), &f) {
                report.raised[f.rule.index()] += 1;
                // Ids are given out below, in one step for all.
                pending.push(new_alert(0, h, f, today, &actor.user, None));
            }
        }
        Ok(())
    })?;
    let ids = store.reserve_ids(pending.len() as u64)?;
    for (a, id) in pending.iter_mut().zip(ids) {
        a.id = crate::domain::monitoring::AlertId(id);
    }
    let batches = pending.len().div_ceil(BATCH);
    for (i, chunk) in pending.chunks(BATCH).enumerate() {
        let entry = AuditEntry::new(
            services.now(),
            &actor.user,
            "monitoring.reevaluate",
            "monitoring".into(),
        )
        .with_note(format!(
            "重新评估：新增预警 {} 条（第 {}/{batches} 批） / re-evaluation: {} new alerts (batch {}/{batches})",
            chunk.len(),
            i + 1,
            chunk.len(),
            i + 1
        ));
        let mut change = MonitoringChange::new(entry);
        change.alerts = chunk.to_vec();
        store.save_monitoring(change)?;
    }
    if pending.is_empty() {
        store.append_audit(
            AuditEntry::new(
                services.now(),
                &actor.user,
                "monitoring.reevaluate",
                "monitoring".into(),
            )
            .with_note(format!(
                "重新评估：{} 户在册，无新增预警 / re-evaluation: {} on the roster, no new alerts",
                report.on_roster, report.on_roster
            )),
        )?;
    }
    report.elapsed = started.elapsed();
    Ok(report)
}
