//! Monitoring records: readings, alerts and exits, with their indexes. A monitoring
//! write goes through `Store::save_with`, so the household (its indicators or standing),
//! a new case (an alert turned into an application), these records, their index entries
//! and the audit entry change in ONE sled transaction, flushed before "saved".
//!
//! Trees:
//! - `mon/readings`  household, day, id → Reading (a household's readings in date order)
//! - `mon/alerts`    id → Alert
//! - `mon/exits`     household, id → Exit
//! - `idx/alert_queue`     severity, raised day, id → town (open alerts only, queue order)
//! - `idx/alert_household` household, rule, id → status, basis (latest finding per rule)
//! - `idx/case_alert`      case id → alert id (an application's way back to its alert)
//! - `mon/rechecks`  household, day, id → Recheck (periodic re-checks, 动态管理)

mod check;
mod read;

pub use read::{Facts, LastAlert};

use sled::transaction::TransactionalTree;

use super::audit::AuditEntry;
use super::envelope::Record;
use super::tx::{abort, put, replace, Abort};
use super::write::{Change, Saved};
use super::{keys, Store, StoreError};
use crate::domain::case::{Case, CaseId};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::monitoring::{Alert, AlertId, Exit, Reading, RuleKind, Severity};
use crate::domain::recheck::Recheck;
use chrono::NaiveDate;

impl Record for Reading {
    const KIND: &'static str = "monitoring reading";
    const VERSION: u16 = 1;
}

impl Record for Alert {
    const KIND: &'static str = "alert";
    const VERSION: u16 = 1;
}

impl Record for Exit {
    const KIND: &'static str = "exit";
    const VERSION: u16 = 1;
}

impl Record for Recheck {
    const KIND: &'static str = "re-check";
    /// 2: dates compact and the explanation deflated (`domain::compact`); version 1 is
    /// read from its text and lists.
    const VERSION: u16 = 2;

    fn decode_old(version: u16, payload: &[u8]) -> Option<Result<Recheck, StoreError>> {
        (version == 1).then(|| {
            super::envelope::payload::<super::codec::recheck_v1::RecheckV1>(
                "re-check (version 1)",
                payload,
            )
            .map(Recheck::from)
        })
    }
}

pub(super) const READINGS: &str = "mon/readings";
pub(in crate::store) const ALERTS: &str = "mon/alerts";
pub(super) const EXITS: &str = "mon/exits";
const IDX_QUEUE: &str = "idx/alert_queue";
const IDX_HOUSEHOLD: &str = "idx/alert_household";
const IDX_CASE: &str = "idx/case_alert";
pub(super) const RECHECKS: &str = "mon/rechecks";

pub fn alert_target(id: AlertId) -> String {
    format!("alert:{}", id.0)
}

fn reading_key(r: &Reading) -> Vec<u8> {
    let mut k = Vec::with_capacity(20);
    k.extend_from_slice(&keys::household(r.household));
    k.extend_from_slice(&keys::day(r.date));
    k.extend_from_slice(&keys::id(r.id));
    k
}

fn recheck_key(r: &Recheck) -> Vec<u8> {
    let mut k = Vec::with_capacity(20);
    k.extend_from_slice(&keys::household(r.household));
    k.extend_from_slice(&keys::day(r.date));
    k.extend_from_slice(&keys::id(r.id));
    k
}

fn exit_key(e: &Exit) -> Vec<u8> {
    let mut k = Vec::with_capacity(16);
    k.extend_from_slice(&keys::household(e.household));
    k.extend_from_slice(&keys::id(e.id));
    k
}

fn queue_key(severity: Severity, raised_on: NaiveDate, id: AlertId) -> Vec<u8> {
    let mut k = Vec::with_capacity(13);
    k.push(severity.code());
    k.extend_from_slice(&keys::day(raised_on));
    k.extend_from_slice(&keys::id(id.0));
    k
}

fn household_key(h: HouseholdId, rule: RuleKind, id: AlertId) -> Vec<u8> {
    let mut k = Vec::with_capacity(17);
    k.extend_from_slice(&keys::household(h));
    k.push(rule.code());
    k.extend_from_slice(&keys::id(id.0));
    k
}

/// What one monitoring action writes. Records with `id` 0 are refused: ids come from
/// `Store::new_id` before the write. Alerts carry the `rev` they were read at (0 = new).
#[derive(Debug, Clone)]
pub struct MonitoringChange {
    pub household: Option<Household>,
    pub case: Option<Case>,
    pub readings: Vec<Reading>,
    pub alerts: Vec<Alert>,
    pub exits: Vec<Exit>,
    pub rechecks: Vec<Recheck>,
    pub audit: AuditEntry,
}

impl MonitoringChange {
    pub fn new(audit: AuditEntry) -> MonitoringChange {
        MonitoringChange {
            household: None,
            case: None,
            readings: Vec::new(),
            alerts: Vec::new(),
            exits: Vec::new(),
            rechecks: Vec::new(),
            audit,
        }
    }
}

/// What was written, with the revisions the store assigned.
#[derive(Debug, Clone)]
pub struct MonitoringSaved {
    pub household: Option<Household>,
    pub case: Option<Case>,
    pub alerts: Vec<Alert>,
    pub audit_seq: u64,
}

fn write_alert(t: &[TransactionalTree], new: &Alert) -> Result<(), Abort> {
    let [_, alerts, _, queue, by_household, by_case, _, open_counts] = t else {
        return Err(abort(StoreError::Corrupt("monitoring tree set".into())));
    };
    let key = keys::id(new.id.0);
    // Who changed it since: the alert's own history says.
    let (old, stored) = replace(alerts, &key, new, &alert_target(new.id), |old: &Alert| {
        Ok(old
            .history
            .last()
            .map_or(old.raised_by.clone(), |s| s.by.clone()))
    })?;
    if let Some(old) = &old {
        queue.remove(queue_key(old.severity, old.raised_on, old.id))?;
    }
    super::alert_counts::count_in(open_counts, old.as_ref(), &stored)?;
    if stored.status.is_open() {
        queue.insert(
            queue_key(stored.severity, stored.raised_on, stored.id),
            &[stored.town.code()],
        )?;
    }
    let mut summary = vec![stored.status.code()];
    summary.extend_from_slice(&stored.basis.to_be_bytes());
    by_household.insert(
        household_key(stored.household, stored.rule, stored.id),
        summary,
    )?;
    if let Some(case) = stored.case {
        by_case.insert(&keys::case(case), &keys::id(stored.id.0))?;
    }
    Ok(())
}

impl Store {
    fn mon_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        self.named(name)
    }

    /// The monitoring trees, in the order `write_alert` expects.
    fn mon_trees(&self) -> Result<[sled::Tree; 8], StoreError> {
        Ok([
            self.mon_tree(READINGS)?,
            self.mon_tree(ALERTS)?,
            self.mon_tree(EXITS)?,
            self.mon_tree(IDX_QUEUE)?,
            self.mon_tree(IDX_HOUSEHOLD)?,
            self.mon_tree(IDX_CASE)?,
            self.mon_tree(RECHECKS)?,
            self.mon_tree(super::alert_counts::TREE)?,
        ])
    }

    /// Write a monitoring change atomically (with the household and case, if any) and
    /// flush it to disk.
    pub fn save_monitoring(&self, change: MonitoringChange) -> Result<MonitoringSaved, StoreError> {
        let unnumbered = change.readings.iter().any(|r| r.id == 0)
            || change.alerts.iter().any(|a| a.id.0 == 0)
            || change.exits.iter().any(|e| e.id == 0)
            || change.rechecks.iter().any(|r| r.id == 0);
        if unnumbered {
            return Err(StoreError::Corrupt(
                "monitoring record without an id".into(),
            ));
        }
        let trees = self.mon_trees()?;
        let extra: Vec<&sled::Tree> = trees.iter().collect();
        let MonitoringChange {
            household,
            case,
            readings,
            alerts,
            exits,
            rechecks,
            audit,
        } = change;
        let saved: Saved = self.save_with(
            Change {
                household,
                case,
                number_case_in: None,
                audit,
            },
            &extra,
            |t, _, _| {
                let [readings_t, _, exits_t, _, _, _, rechecks_t, _] = t else {
                    return Err(abort(StoreError::Corrupt("monitoring tree set".into())));
                };
                for r in &readings {
                    put(readings_t, &reading_key(r), r)?;
                }
                for e in &exits {
                    put(exits_t, &exit_key(e), e)?;
                }
                for r in &rechecks {
                    put(rechecks_t, &recheck_key(r), r)?;
                }
                for a in &alerts {
                    write_alert(t, a)?;
                }
                Ok(())
            },
        )?;
        Ok(MonitoringSaved {
            household: saved.household,
            case: saved.case,
            alerts: alerts
                .into_iter()
                .map(|mut a| {
                    a.rev += 1;
                    a
                })
                .collect(),
            audit_seq: saved.audit_seq,
        })
    }

    /// `n` fresh ids in one step (the same sequence as `new_id`), for bulk writes.
    pub fn reserve_ids(&self, n: u64) -> Result<std::ops::Range<u64>, StoreError> {
        super::tx::reserve_seq(&self.meta, keys::META_NEXT_ID, n)
    }

    /// The alert an application came from, if it came from one.
    pub fn alert_of_case(&self, case: CaseId) -> Result<Option<AlertId>, StoreError> {
        Ok(self
            .mon_tree(IDX_CASE)?
            .get(keys::case(case))?
            .and_then(|v| keys::read_u64(&v))
            .map(AlertId))
    }
}

#[cfg(test)]
mod tests;
