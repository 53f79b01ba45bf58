//! Keeping a store whole: `check` (the whole store), `repair` (derived trees rebuilt
//! from the records), backup and restore. The CLI calls these; the server can too.
//! A panic inside sled while it reads a damaged file is caught here and reported as
//! damage, never shown to the clerk as a crash.

use super::session::Actor;
use super::{AppError, Services};
use std::path::Path;

use crate::store::backup::BackupSummary;
use crate::store::check::{CheckReport, Repaired};
use crate::store::{quiet_catch, AuditEntry, StoreError};

/// Run `f` on the store; a panic inside sled becomes "the store is damaged".
pub fn guarded<T>(
    services: &Services,
    f: impl FnOnce() -> Result<T, StoreError>,
) -> Result<T, AppError> {
    let path = || services.store.path().to_path_buf();
    match quiet_catch(f) {
        Ok(Err(StoreError::Sled(sled::Error::Corruption { .. }))) => {
            Err(AppError::Store(StoreError::Damaged {
                path: path(),
                why: "part of it does not read back as written".into(),
            }))
        }
        Ok(result) => Ok(result?),
        Err(why) => Err(AppError::Store(StoreError::Damaged {
            path: path(),
            why: format!("sled stopped while reading it ({why})"),
        })),
    }
}

/// Check the whole store (read-only).
pub fn check(services: &Services) -> Result<CheckReport, AppError> {
    guarded(services, || services.store.check())
}

/// Check, then rebuild every derived tree that differs from the records, audited as
/// done by `actor`. Returns the check before the repair and what was fixed.
pub fn repair(services: &Services, actor: &Actor) -> Result<(CheckReport, Repaired), AppError> {
    let before = check(services)?;
    let repaired = guarded(services, || {
        services.store.repair(&before, services.now(), &actor.user)
    })?;
    Ok((before, repaired))
}

/// Write a backup of the open store to `out` (a new file) while it stays in use, then
/// record it in the audit trail (the backup holds the trail up to before that entry).
pub fn backup(services: &Services, actor: &Actor, out: &Path) -> Result<BackupSummary, AppError> {
    let created = services.now().format("%Y-%m-%d %H:%M:%S").to_string();
    let summary = guarded(services, || services.store.backup_to(out, &created))?;
    services.store.append_audit(
        AuditEntry::new(services.now(), &actor.user, "store.backup", "store".into()).with_note(
            format!(
                "backup written to {} ({} audit entries, head {})",
                out.display(),
                summary.audit_entries,
                summary.audit_head
            ),
        ),
    )?;
    Ok(summary)
}

/// Restore a backup into a new store at `target`, then check the restored store.
pub fn restore(file: &Path, target: &Path) -> Result<(BackupSummary, CheckReport), AppError> {
    let summary = crate::store::backup::restore(file, target)?;
    let services = Services::open(target)?;
    let report = check(&services)?;
    let (entries, head) = services.store.audit_head()?;
    let head: String = head.iter().map(|b| format!("{b:02x}")).collect();
    let restored: Vec<(String, u64, String)> = services.store.tree_digests()?;
    let backed_up: Vec<(String, u64, String)> = summary
        .trees
        .iter()
        .zip(&summary.digests)
        .map(|((name, n), d)| (name.clone(), *n, d.clone()))
        .collect();
    let same = |(name, n, d): &(String, u64, String)| {
        // Opening a store may add its own empty trees; those are not differences.
        *n == 0
            || backed_up
                .iter()
                .any(|(bn, bc, bd)| bn == name && bc == n && bd == d)
    };
    if !restored.iter().all(same) || backed_up.iter().any(|b| b.1 > 0 && !restored.contains(b)) {
        return Err(AppError::Store(StoreError::Damaged {
            path: target.to_path_buf(),
            why: "the restored records differ from the backup's".into(),
        }));
    }
    if entries != summary.audit_entries || head != summary.audit_head {
        return Err(AppError::Store(StoreError::Damaged {
            path: target.to_path_buf(),
            why: "the restored audit trail does not end where the backup's did".into(),
        }));
    }
    Ok((summary, report))
}
