//! Reading the audit trail: for auditors and the district office, filtered by user,
//! case and date, newest first.

use chrono::NaiveDate;

use super::session::{Actor, Permission};
use super::{AppError, Services};
use crate::store::audit::case_target;
/// An entry of the trail, as screens see it.
pub use crate::store::AuditEntry;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Exact user name.
    pub user: Option<String>,
    /// A case number (`610203-2026-000123`, or its trailing digits) or `case:ID`.
    pub case: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Entries matching the filter, newest first, at most `limit`.
pub fn search(
    services: &Services,
    actor: &Actor,
    filter: &AuditFilter,
    limit: usize,
) -> Result<Vec<AuditEntry>, AppError> {
    actor.permit(Permission::ReadAudit)?;
    let keep = |e: &AuditEntry| {
        filter.user.as_ref().is_none_or(|u| &e.by == u)
            && filter.date.is_none_or(|d| e.at.date() == d)
    };
    if let Some(case) = &filter.case {
        let target = resolve_case(services, actor, case)?;
        let mut entries = services.store.audit_of(&target)?;
        entries.reverse();
        return Ok(entries.into_iter().filter(keep).take(limit).collect());
    }
    let mut out = Vec::new();
    for e in services.store.audit_newest_first() {
        let e = e?;
        if let Some(d) = filter.date {
            // Newest first: once past the day, nothing older can match.
            if e.at.date() < d {
                break;
            }
        }
        if keep(&e) {
            out.push(e);
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}

/// The audit target of a case typed by number.
fn resolve_case(services: &Services, actor: &Actor, text: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.starts_with("case:") {
        return Ok(t.to_string());
    }
    let hits = super::lookup::search(services, actor, t, 20)?;
    hits.iter()
        .map(|h| &h.row)
        .find(|r| {
            r.number.is_some_and(|n| {
                n.to_string() == t || n.to_string().ends_with(&format!("-{t:0>6}"))
            })
        })
        .map(|r| case_target(r.case.0))
        .ok_or_else(|| AppError::NotFound(format!("case {t}")))
}
