//! The case list and the case detail.

use super::session::{Actor, Permission};
use super::{AppError, Services};
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::household::Household;
use crate::domain::town::Town;
use crate::store::AuditEntry;
/// Which cases a list shows (stage, town, ...), as screens pass it.
pub use crate::store::CaseFilter;

/// Village informants only record discovered households; department liaisons see only
/// what is referred to their department: neither lists or opens cases.
fn may_read(actor: &Actor) -> Result<(), AppError> {
    actor.permit(Permission::ReadCases)
}

/// A page of the case list, newest first, within the actor's towns.
pub fn list(
    services: &Services,
    actor: &Actor,
    mut filter: CaseFilter,
    offset: usize,
    limit: usize,
) -> Result<Vec<CaseRow>, AppError> {
    may_read(actor)?;
    if let Some(t) = actor.town {
        filter.town = Some(t);
    }
    Ok(services.store.case_rows(filter, offset, limit)?)
}

/// How many cases the filter matches (from the counters).
pub fn count(services: &Services, actor: &Actor, filter: CaseFilter) -> Result<i64, AppError> {
    may_read(actor)?;
    let caseload = services.store.caseload()?;
    let town = actor.town.or(filter.town);
    let towns: Vec<Town> = town.map_or_else(|| Town::ALL.to_vec(), |t| vec![t]);
    let stages: Vec<Stage> = filter
        .stage
        .map_or_else(|| Stage::ALL.to_vec(), |s| vec![s]);
    Ok(towns
        .iter()
        .map(|t| {
            let f = caseload.town(*t);
            stages.iter().map(|s| f.stage(*s)).sum::<i64>()
        })
        .sum())
}

/// Everything the case detail shows.
#[derive(Debug, Clone)]
pub struct CaseDetail {
    pub case: Case,
    pub household: Household,
    pub audit: Vec<AuditEntry>,
    /// Working days left until the deadline (negative when overdue), while the clock runs.
    pub days_left: Option<i64>,
    /// Members found in the register of relatives of staff (近亲属备案), with the
    /// district-level check if one is recorded.
    pub staff_relative: crate::app::staff_relatives::CaseFlag,
}

/// Open a case: its detail shows full ID and phone numbers, so the opening is audited.
pub fn open(services: &Services, actor: &Actor, id: CaseId) -> Result<CaseDetail, AppError> {
    let detail = detail(services, actor, id)?;
    services.store.append_audit(
        AuditEntry::new(
            services.now(),
            &actor.user,
            "case.view",
            crate::store::audit::case_target(id.0),
        )
        .with_note("显示了完整身份证号 / unmasked personal data shown"),
    )?;
    Ok(detail)
}

/// The case as it stands (for redrawing an open case; not audited again).
pub fn detail(services: &Services, actor: &Actor, id: CaseId) -> Result<CaseDetail, AppError> {
    may_read(actor)?;
    let store = &services.store;
    let not_found = || AppError::NotFound(format!("case {}", id.0));
    let case = store.case(id)?.ok_or_else(not_found)?;
    if !actor.sees(case.town) {
        return Err(not_found());
    }
    let household = store
        .household(case.household)?
        .ok_or_else(|| AppError::NotFound(format!("household {}", case.household.0)))?;
    let audit = store.audit_of(&crate::store::audit::case_target(id.0))?;
    let days_left = case.deadline.filter(|_| case.stage.clock_runs()).map(|d| {
        services
            .calendar
            .working_days_between(services.today(), d.date)
    });
    let staff_relative = crate::app::staff_relatives::case_flag(services, &case)?;
    Ok(CaseDetail {
        case,
        household,
        audit,
        days_left,
        staff_relative,
    })
}
