//! Drafts of the intake wizard: the fields exactly as typed (a half-typed or wrong ID
//! number included), and where the clerk was, so a saved draft reopens at that step and
//! field. Saved on every committed field; listed on the home screen and the case list.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::session::Actor;
use super::{AppError, Services};
use crate::store::envelope::Record;
use crate::store::AuditEntry;

/// One unfinished application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// 0 until first saved.
    pub id: u64,
    pub saved_at: Option<NaiveDateTime>,
    /// What the list shows: the head's name and the village, as far as typed.
    pub title: String,
    /// Where the clerk was: wizard step, row of a table step, field.
    pub step: u16,
    pub row: u16,
    pub field: u16,
    /// Per step, rows of field texts as typed (choices as their index).
    pub pages: Vec<Vec<Vec<String>>>,
}

impl Record for Draft {
    const KIND: &'static str = "draft";
    const VERSION: u16 = 1;
}

fn target(actor: &Actor, id: u64) -> String {
    format!("draft:{}/{id}", actor.user)
}

/// Write the draft and flush; a new draft gets an id and an audit entry.
pub fn save(services: &Services, actor: &Actor, draft: &mut Draft) -> Result<(), AppError> {
    // The auditor changes nothing, drafts included; a liaison records no applications.
    actor.permit(crate::domain::access::Permission::Submit)?;
    let store = &services.store;
    let new = draft.id == 0;
    if new {
        draft.id = store.new_id()?;
    }
    draft.saved_at = Some(services.now());
    store.put_draft(&actor.user, draft.id, draft)?;
    if new {
        store.append_audit(AuditEntry::new(
            services.now(),
            &actor.user,
            "draft.create",
            target(actor, draft.id),
        ))?;
    }
    Ok(())
}

/// The actor's drafts, most recently saved first.
pub fn list(services: &Services, actor: &Actor) -> Result<Vec<Draft>, AppError> {
    let mut all: Vec<Draft> = services.store.drafts(&actor.user)?;
    all.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(b.id.cmp(&a.id)));
    Ok(all)
}

pub fn load(services: &Services, actor: &Actor, id: u64) -> Result<Draft, AppError> {
    services
        .store
        .draft(&actor.user, id)?
        .ok_or_else(|| AppError::NotFound(format!("draft {id}")))
}

/// Remove a draft. `discarded` (the clerk threw it away) is audited; a draft removed
/// because its application was submitted is not (the submission is).
pub fn remove(
    services: &Services,
    actor: &Actor,
    id: u64,
    discarded: bool,
) -> Result<(), AppError> {
    services.store.remove_draft(&actor.user, id)?;
    if discarded {
        services.store.append_audit(AuditEntry::new(
            services.now(),
            &actor.user,
            "draft.discard",
            target(actor, id),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::calendar::Calendar;
    use crate::store::Store;

    #[test]
    fn drafts_survive_reopening_and_stay_per_user() {
        let dir = tempfile::tempdir().unwrap();
        let open = || Services {
            store: Store::open(dir.path()).unwrap(),
            calendar: Calendar::bundled().unwrap(),
            fixed_today: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
        };
        let me = Actor::demo_officer();
        let other = Actor {
            user: "someone-else".into(),
            ..Actor::demo_officer()
        };
        let mut d = Draft {
            title: "张三".into(),
            step: 1,
            row: 2,
            field: 1,
            pages: vec![vec![vec!["610203198004".into()]]],
            ..Draft::default()
        };
        {
            let s = open();
            save(&s, &me, &mut d).unwrap();
            assert!(d.id > 0);
            d.field = 3;
            save(&s, &me, &mut d).unwrap();
        }
        let s = open();
        let mine = list(&s, &me).unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].field, 3);
        assert_eq!(mine[0].pages, d.pages);
        assert!(list(&s, &other).unwrap().is_empty());
        remove(&s, &me, d.id, true).unwrap();
        assert!(list(&s, &me).unwrap().is_empty());
        let actions: Vec<String> = s.store.audit_trail().map(|e| e.unwrap().action).collect();
        assert_eq!(actions, ["draft.create", "draft.discard"]);
    }
}
