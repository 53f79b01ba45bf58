//! What `check` expects in the monitoring indexes, from the alerts themselves: the open
//! alerts' queue and every alert under its household, as `write_alert` writes them.

use super::{household_key, queue_key, Store, StoreError, ALERTS, IDX_HOUSEHOLD, IDX_QUEUE};
use crate::domain::monitoring::Alert;
use crate::store::envelope::decode;
use crate::store::lookup::Entries;

impl Store {
    /// `idx/alert_queue` and `idx/alert_household` as the alerts call for them.
    /// (`idx/case_alert` is not compared: several alerts may name one case, and the
    /// index keeps the one written last, which the records alone do not tell.)
    pub(in crate::store) fn monitoring_indexes_expected(
        &self,
    ) -> Result<[(&'static str, sled::Tree, Entries); 2], StoreError> {
        let mut queue = Entries::new();
        let mut by_household = Entries::new();
        for kv in self.named(ALERTS)?.iter() {
            let (_, v) = kv?;
            let Ok(a) = decode::<Alert>(&v) else {
                continue;
            };
            if a.status.is_open() {
                queue.insert(
                    queue_key(a.severity, a.raised_on, a.id),
                    vec![a.town.code()],
                );
            }
            let mut summary = vec![a.status.code()];
            summary.extend_from_slice(&a.basis.to_be_bytes());
            by_household.insert(household_key(a.household, a.rule, a.id), summary);
        }
        Ok([
            (IDX_QUEUE, self.named(IDX_QUEUE)?, queue),
            (IDX_HOUSEHOLD, self.named(IDX_HOUSEHOLD)?, by_household),
        ])
    }
}
