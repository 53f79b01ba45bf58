//! Standards in force: the edited document in the store, or the bundled file until the
//! first edit. Editing is for district officers; every change is audited with old and new.

use chrono::NaiveDate;

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::standards::{diff, FieldRef, Standards};
use crate::store::standards::StandardsDoc;
use crate::store::AuditEntry;

/// The standards and the revision they were read at (0 = bundled, never edited).
#[derive(Debug, Clone)]
pub struct Current {
    pub standards: Standards,
    pub rev: u64,
    /// After an edit: new alerts raised by re-evaluating the monitoring roster.
    pub alerts_raised: Option<usize>,
}

fn data_error(e: impl std::fmt::Display) -> AppError {
    AppError::Data(e.to_string())
}

pub fn current(services: &Services) -> Result<Current, AppError> {
    match services.store.standards_doc()? {
        Some(doc) => Ok(Current {
            standards: Standards::from_toml(&doc.toml).map_err(data_error)?,
            rev: doc.rev,
            alerts_raised: None,
        }),
        None => Ok(Current {
            standards: Standards::bundled().map_err(data_error)?,
            rev: 0,
            alerts_raised: None,
        }),
    }
}

/// What the dashboard warns about today: unconfirmed values in force.
pub fn unconfirmed_today(services: &Services) -> Result<Vec<String>, AppError> {
    Ok(current(services)?
        .standards
        .unconfirmed_in_force(services.today()))
}

/// Change one value of the set that starts on `set_from`, as read at `rev`.
pub fn edit(
    services: &Services,
    actor: &Actor,
    rev: u64,
    set_from: NaiveDate,
    field: FieldRef,
    text: &str,
    confirmed: bool,
) -> Result<Current, AppError> {
    actor.permit(crate::domain::access::Permission::EditStandards)?;
    let old = current(services)?;
    if old.rev != rev {
        return Err(crate::store::StoreError::Stale {
            what: "standards".into(),
            by: services
                .store
                .standards_doc()?
                .map(|d| d.edited_by)
                .unwrap_or_default(),
        }
        .into());
    }
    let new = old
        .standards
        .with_value(set_from, field, text, confirmed)
        .map_err(|e| AppError::Invalid(e.zh(), e.to_string()))?;
    let changes = diff(&old.standards, &new);
    if changes.is_empty() {
        return Ok(old);
    }
    let at = services.now();
    let entries = changes
        .iter()
        .map(|c| {
            AuditEntry::new(at, &actor.user, "standards.edit", "standards".into())
                .with_change(
                    &format!("{} {}", c.set, c.field),
                    c.old.clone(),
                    c.new.clone(),
                )
                .with_note(c.zh())
        })
        .collect();
    let doc = services.store.save_standards(
        StandardsDoc {
            rev,
            toml: new.to_toml(),
            edited_by: actor.user.clone(),
        },
        entries,
    )?;
    // A changed line or standard can put households at risk: re-evaluate the roster now
    // (about 1.4 s for 100,000 households). The edit is saved whatever this finds.
    let alerts_raised = match super::monitoring::reevaluate(services, actor) {
        Ok(r) => Some(r.total_raised()),
        Err(e) => {
            tracing::warn!("re-evaluation after a standards edit failed: {e}");
            None
        }
    };
    Ok(Current {
        standards: new,
        rev: doc.rev,
        alerts_raised,
    })
}
