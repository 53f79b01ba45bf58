//! Monitoring reads: one household's readings, exits and alerts; the alert queue in
//! severity and age order; and, for the roster and the re-evaluation, every fact the
//! rules need read in one pass per tree (no per-household lookups).

use std::collections::HashMap;

use super::{
    household_key, queue_key, Store, ALERTS, EXITS, IDX_HOUSEHOLD, IDX_QUEUE, READINGS, RECHECKS,
};
use crate::domain::case::{CaseId, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::monitoring::{Alert, AlertId, AlertStatus, Exit, Reading, RuleKind};
use crate::domain::recheck::Recheck;
use crate::domain::town::Town;
use crate::store::envelope::decode;
use crate::store::{keys, StoreError};
use chrono::NaiveDate;

/// The latest alert of one rule for one household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastAlert {
    pub id: AlertId,
    pub status: AlertStatus,
    pub basis: u64,
}

/// Everything the roster and the rules read besides the households themselves.
#[derive(Debug, Default)]
pub struct Facts {
    pub latest_reading: HashMap<HouseholdId, Reading>,
    pub exits: HashMap<HouseholdId, Vec<Exit>>,
    pub last_alert: HashMap<(HouseholdId, RuleKind), LastAlert>,
    pub open_alerts: HashMap<HouseholdId, u32>,
    /// The latest decided case (confirmed or refused) of each household, with its
    /// application date.
    pub decided: HashMap<HouseholdId, (CaseId, Stage, NaiveDate)>,
}

impl Store {
    /// A household's readings, oldest first.
    pub fn readings_of(&self, h: HouseholdId) -> Result<Vec<Reading>, StoreError> {
        let mut out = Vec::new();
        for kv in self.mon_tree(READINGS)?.scan_prefix(keys::household(h)) {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }

    /// A household's re-checks, oldest first.
    pub fn rechecks_of(&self, h: HouseholdId) -> Result<Vec<Recheck>, StoreError> {
        let mut out = Vec::new();
        for kv in self.mon_tree(RECHECKS)?.scan_prefix(keys::household(h)) {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }

    /// The latest re-check of every household that has one (one pass over the tree).
    pub fn latest_rechecks(&self) -> Result<HashMap<HouseholdId, Recheck>, StoreError> {
        let mut out = HashMap::new();
        for kv in self.mon_tree(RECHECKS)?.iter() {
            let r: Recheck = decode(&kv?.1)?;
            // Keys sort by household, then day, then id: the last one wins.
            out.insert(r.household, r);
        }
        Ok(out)
    }

    pub fn exits_of(&self, h: HouseholdId) -> Result<Vec<Exit>, StoreError> {
        let mut out = Vec::new();
        for kv in self.mon_tree(EXITS)?.scan_prefix(keys::household(h)) {
            out.push(decode(&kv?.1)?);
        }
        Ok(out)
    }

    pub fn alert(&self, id: AlertId) -> Result<Option<Alert>, StoreError> {
        self.mon_tree(ALERTS)?
            .get(keys::id(id.0))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// A household's alerts, by rule then age.
    pub fn alerts_of(&self, h: HouseholdId) -> Result<Vec<Alert>, StoreError> {
        let mut out = Vec::new();
        for kv in self
            .mon_tree(IDX_HOUSEHOLD)?
            .scan_prefix(keys::household(h))
        {
            let (k, _) = kv?;
            if let Some(a) = k.get(9..).and_then(keys::read_u64) {
                out.extend(self.alert(AlertId(a))?);
            }
        }
        Ok(out)
    }

    /// Open alerts in `towns` (all when empty), high severity first, oldest first.
    pub fn open_alerts(
        &self,
        towns: &[Town],
        offset: usize,
        limit: usize,
    ) -> Result<Vec<Alert>, StoreError> {
        let mut out = Vec::new();
        let mut skipped = 0;
        for kv in self.mon_tree(IDX_QUEUE)?.iter() {
            let (k, v) = kv?;
            let town = v.first().and_then(|c| Town::from_code(*c));
            if !towns.is_empty() && !town.is_some_and(|t| towns.contains(&t)) {
                continue;
            }
            if skipped < offset {
                skipped += 1;
                continue;
            }
            if let Some(id) = k.get(5..).and_then(keys::read_u64) {
                out.extend(self.alert(AlertId(id))?);
            }
            if out.len() >= limit {
                break;
            }
        }
        Ok(out)
    }

    /// Open alerts in `towns` (all when empty) by severity, indexed by `Severity::index()`
    /// (from the kept counts, `idx/alert_open`: not a walk of the queue).
    pub fn open_alert_counts(&self, towns: &[Town]) -> Result<[u64; 3], StoreError> {
        self.open_alert_counts_kept(towns)
    }

    /// Visit every household (in id order); `f` may stop the walk with its own error.
    pub fn for_each_household<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(Household) -> Result<(), E>,
    ) -> Result<(), E> {
        for kv in self.households.iter() {
            let (_, v) = kv.map_err(StoreError::from)?;
            f(decode(&v)?)?;
        }
        Ok(())
    }

    /// A number that moves with every write of data (the audit sequence of the newest
    /// entry that changed a record; sign-ins, case views and exports leave it), so a
    /// figure derived from the whole store can be kept until the data changes.
    pub fn data_version(&self) -> Result<u64, StoreError> {
        Ok(self
            .meta
            .get(keys::META_DATA_WRITE)?
            .and_then(|v| keys::read_u64(&v))
            .unwrap_or(0))
    }

    /// The monitoring facts of the whole store, one pass per tree.
    pub fn monitoring_facts(&self) -> Result<Facts, StoreError> {
        let mut facts = Facts::default();
        // Keys sort by household, then date: the last one per household is the latest.
        for kv in self.mon_tree(READINGS)?.iter() {
            let r: Reading = decode(&kv?.1)?;
            facts.latest_reading.insert(r.household, r);
        }
        for kv in self.mon_tree(EXITS)?.iter() {
            let e: Exit = decode(&kv?.1)?;
            facts.exits.entry(e.household).or_default().push(e);
        }
        for kv in self.mon_tree(IDX_HOUSEHOLD)?.iter() {
            let (k, v) = kv?;
            let (Some(h), Some(rule), Some(id)) = (
                keys::read_u64(&k),
                k.get(8).and_then(|c| RuleKind::from_code(*c)),
                k.get(9..).and_then(keys::read_u64),
            ) else {
                continue;
            };
            let (Some(status), Some(basis)) = (
                v.first().and_then(|c| AlertStatus::from_code(*c)),
                v.get(1..).and_then(keys::read_u64),
            ) else {
                continue;
            };
            let h = HouseholdId(h);
            if status.is_open() {
                *facts.open_alerts.entry(h).or_default() += 1;
            }
            // Ids ascend within (household, rule): the last one seen is the latest.
            facts.last_alert.insert(
                (h, rule),
                LastAlert {
                    id: AlertId(id),
                    status,
                    basis,
                },
            );
        }
        for town in Town::ALL {
            for stage in [Stage::Confirmed, Stage::Rejected] {
                let prefix = keys::case_list_prefix(*town, stage);
                for kv in
                    super::super::case_index::CASE_LIST.scan_prefix(&self.idx_case_list, &prefix)
                {
                    let row: CaseRow = decode(&kv?.1)?;
                    let newer = facts
                        .decided
                        .get(&row.household)
                        .is_none_or(|(c, _, _)| row.case > *c);
                    if newer {
                        facts
                            .decided
                            .insert(row.household, (row.case, stage, row.applied_on));
                    }
                }
            }
        }
        Ok(facts)
    }

    /// The stage of a household's latest decided case (confirmed or refused), if any.
    pub fn latest_decision_of(&self, h: HouseholdId) -> Result<Option<Stage>, StoreError> {
        let mut last = None;
        for id in self.case_ids_of(h)? {
            if let Some(c) = self.case(id)? {
                if matches!(c.stage, Stage::Confirmed | Stage::Rejected) {
                    last = Some(c.stage);
                }
            }
        }
        Ok(last)
    }

    /// The keys of an alert in the queue and household indexes (for tests and checks).
    pub fn alert_index_keys(&self, a: &Alert) -> Result<(bool, bool), StoreError> {
        let queued =
            self.mon_tree(IDX_QUEUE)?
                .contains_key(queue_key(a.severity, a.raised_on, a.id))?;
        let listed =
            self.mon_tree(IDX_HOUSEHOLD)?
                .contains_key(household_key(a.household, a.rule, a.id))?;
        Ok((queued, listed))
    }
}
