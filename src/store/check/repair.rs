//! `check --repair`: every derived tree (indexes, list rows, counters, sequences) rebuilt
//! from the records, in ONE transaction with its audit entry, then flushed. Only what
//! differs is written. Damaged records are not guessed at: the repair is refused and the
//! clerk is sent to the last backup.

use chrono::NaiveDateTime;
use sled::Transactional;

use super::super::audit::{append_in, AuditEntry};
use super::super::envelope::encode;
use super::super::{keys, Store, StoreError};
use super::{diff, CheckReport, FindingKind};

/// What the repair changed, by tree (entries written or removed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repaired {
    pub fixed: Vec<(String, u64)>,
    /// The audit entry recording the repair (none when nothing needed fixing).
    pub audit_seq: Option<u64>,
}

impl Store {
    /// Rebuild what `check` found wrong in the derived trees. `before` is the check just
    /// run (its findings decide whether a repair is safe).
    pub fn repair(
        &self,
        before: &CheckReport,
        at: NaiveDateTime,
        by: &str,
    ) -> Result<Repaired, StoreError> {
        if before.findings.iter().any(|f| {
            matches!(
                f.kind,
                FindingKind::UnreadableRecord | FindingKind::UnknownVersion
            )
        }) {
            return Err(StoreError::Refused(
                "有记录已损坏，无法据此重建索引；请恢复最近的备份 / some records are damaged, so the indexes cannot be rebuilt from them; restore the last backup".into(),
            ));
        }
        let mut diffs = Vec::new();
        for (name, tree, expected) in self.derived_expected()? {
            let d = diff(expected, &tree)?;
            if !d.is_empty() {
                diffs.push((name, tree, d));
            }
        }
        // The lookup index: the buckets that differ, removed and written as a rebuild would.
        let terms = self.lookup_check()?;
        let terms_wrong = (terms.missing.len() + terms.wrong.len() + terms.stray.len()) as u64;
        let stored = self.caseload().ok();
        let recount = self.count_caseload(stored.as_ref().and_then(|c| c.lines))?;
        let counters_wrong = stored.as_ref() != Some(&recount);
        let sequences: Vec<(Vec<u8>, u64)> = self
            .sequences(before.max_id)?
            .into_iter()
            .filter(|(_, used, next)| next <= used)
            .map(|(key, used, _)| (key, used + 1))
            .collect();
        let mut fixed: Vec<(String, u64)> = diffs
            .iter()
            .map(|(name, _, d)| {
                (
                    name.to_string(),
                    (d.missing.len() + d.wrong.len() + d.stray.len()) as u64,
                )
            })
            .collect();
        if terms_wrong > 0 {
            fixed.push(("idx/terms".into(), terms_wrong));
        }
        if counters_wrong {
            fixed.push(("meta/caseload".into(), 1));
        }
        for (key, _) in &sequences {
            fixed.push((String::from_utf8_lossy(key).into_owned(), 1));
        }
        if fixed.is_empty() {
            return Ok(Repaired::default());
        }
        let note = fixed
            .iter()
            .map(|(name, n)| format!("{name}: {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let entry = AuditEntry::new(at, by, "store.repair", "store".into())
            .with_note(format!("derived trees rebuilt from the records ({note})"));
        let caseload = encode(&recount)?;
        // The audit trees first; the audit target index is one of the repaired trees too.
        let mut trees: Vec<&sled::Tree> = vec![&self.meta, &self.audit, &self.idx_audit_target];
        let mut plan = Vec::new();
        for (_, tree, d) in &diffs {
            let slot = if tree.name() == self.idx_audit_target.name() {
                2
            } else {
                trees.push(tree);
                trees.len() - 1
            };
            plan.push((slot, d));
        }
        let terms_slot = (terms_wrong > 0).then(|| {
            trees.push(&self.idx_terms);
            trees.len() - 1
        });
        let _gate = self.write_gate()?;
        let seq = trees[..]
            .transaction(|t| {
                let (meta, audit, idx_audit) = (&t[0], &t[1], &t[2]);
                for (slot, d) in &plan {
                    let tree = &t[*slot];
                    for k in &d.stray {
                        tree.remove(k.as_slice())?;
                    }
                    for (k, v) in d.missing.iter().chain(&d.wrong) {
                        tree.insert(k.as_slice(), v.as_slice())?;
                    }
                }
                if let Some(slot) = terms_slot {
                    for k in &terms.remove {
                        t[slot].remove(k.as_slice())?;
                    }
                    for (k, v) in &terms.write {
                        t[slot].insert(k.as_slice(), v.as_slice())?;
                    }
                }
                if counters_wrong {
                    meta.insert(keys::META_CASELOAD, caseload.as_slice())?;
                }
                for (key, next) in &sequences {
                    meta.insert(key.as_slice(), &keys::id(*next))?;
                }
                append_in(meta, audit, idx_audit, &entry)
            })
            .map_err(super::super::tx::from_tx)?;
        self.flush()?;
        Ok(Repaired {
            fixed,
            audit_seq: Some(seq),
        })
    }
}
