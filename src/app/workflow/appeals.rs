//! The appeals (复核 / 行政复议) on record: of one case, or of every case the actor sees,
//! newest request first. Reading only (ReadCases and the actor's town); the writes are
//! `request_appeal` and `resolve_appeal` in `notice.rs`.

use super::FlowError;
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::access::Permission;
use crate::domain::case::{Case, CaseId, CaseNumber, Stage};
use crate::domain::procedure::Appeal;
use crate::domain::town::Town;
use crate::store::audit::case_target;
use crate::store::APPEAL;

/// One appeal with the case it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealRow {
    pub case: CaseId,
    pub number: Option<CaseNumber>,
    pub town: Town,
    /// The case's stage now (an upheld appeal has reopened it).
    pub stage: Stage,
    pub appeal: Appeal,
}

fn rows_of(case: &Case) -> impl Iterator<Item = AppealRow> + '_ {
    case.procedure.appeals.iter().map(|a| AppealRow {
        case: case.id,
        number: case.number,
        town: case.town,
        stage: case.stage,
        appeal: a.clone(),
    })
}

/// The appeals of `case`, or of every case the actor sees when `None` (the cases that
/// `idx/case_date` lists with an appeal, each read once).
pub fn appeal_rows(
    services: &Services,
    actor: &Actor,
    case: Option<CaseId>,
) -> Result<Vec<AppealRow>, FlowError> {
    if !actor.may(Permission::ReadCases) {
        return Err(FlowError::Denied(Permission::ReadCases));
    }
    let store = &services.store;
    let mut out: Vec<AppealRow> = Vec::new();
    if let Some(id) = case {
        let c = store
            .case(id)?
            .filter(|c| actor.sees(c.town))
            .ok_or(FlowError::NotFound(case_target(id.0)))?;
        out.extend(rows_of(&c));
    } else {
        // `idx/case_date` holds every appeal by the day it was received: only the cases
        // with appeals are read.
        let mut seen = std::collections::BTreeSet::new();
        for d in store.case_dates(APPEAL, None, actor.town)? {
            if !actor.sees(d.town) || !seen.insert(d.case) {
                continue;
            }
            if let Some(c) = store.case(d.case)?.filter(|c| actor.sees(c.town)) {
                out.extend(rows_of(&c));
            }
        }
    }
    out.sort_by(|a, b| {
        b.appeal
            .requested_on
            .cmp(&a.appeal.requested_on)
            .then(b.case.0.cmp(&a.case.0))
    });
    Ok(out)
}
