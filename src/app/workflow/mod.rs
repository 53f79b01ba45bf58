//! The single application flow (一次申请、一次受理、一次调查核实、分类审核确认): one
//! function per user action. Each checks who may act, runs the pure state machine
//! (`domain::workflow::apply`), and writes the case (and the household where it changes)
//! with one audit entry through `Store::save`: one transaction, flushed. Errors are values
//! with a message for the clerk in both languages.

mod appeals;
mod decide;
mod effect;
mod error;
mod investigate;
mod letters;
mod notice;
mod papers;
mod settings;
mod submit;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_after;

pub use appeals::{appeal_rows, AppealRow};
pub use decide::{decide, prepare_decide, propose, withdraw, DecisionInput};
pub use effect::{cases_in_notice, daily_run, daily_run_logged, daily_run_on, DailyRun, DAILY_RUN};
pub use error::FlowError;
pub use investigate::{finish_investigation, start_investigation, Fix, InvestigationInput};
pub use letters::{overdue_letter_count, overdue_letters, OverdueLetter};
pub use notice::{
    record_letter, record_objection, request_appeal, resolve_appeal, AppealOutcomeInput,
    LetterEvent, ObjectionInput,
};
pub use papers::{export_notice_list, notice_rows, produce_letter};
pub use settings::procedure_settings;
pub use submit::{accept, member_household, prepare_submit, submit, Application};

use super::session::{Actor, Role};
use super::Services;
use crate::domain::case::{Case, CaseId};
use crate::domain::household::Household;
use crate::domain::standards::Standards;
use crate::domain::workflow::StepKind;
use crate::store::audit::case_target;
use crate::store::AuditEntry;

/// The review limit in working days when no standard in force says otherwise (seed §6).
pub const REVIEW_LIMIT_DAYS: u32 = 15;

/// The standards in force: the district's edited copy in the store, else the bundled file.
pub fn standards(services: &Services) -> Result<Standards, FlowError> {
    super::standards::current(services)
        .map(|c| c.standards)
        .map_err(|e| FlowError::Standards(e.zh(), e.to_string()))
}

/// The review limit in force on `accepted_on`, from the standards; the seed's 15 otherwise.
pub fn review_limit(standards: &Standards, accepted_on: chrono::NaiveDate) -> u32 {
    standards
        .set_on(accepted_on)
        .map(|s| s.rules.review_working_days.value)
        .unwrap_or(REVIEW_LIMIT_DAYS)
}

/// Whether `role` may take `step` at all (town scope is checked separately), from the
/// access table (`domain::access`): village informants record discovered households;
/// town clerks take a case through intake, acceptance and investigation; town reviewers
/// decide; the district office does all.
pub fn may(role: Role, step: StepKind) -> bool {
    crate::domain::access::may(role, crate::domain::access::step_permission(step))
}

/// The roles that may take `step`, for the refusal message.
pub fn roles_for(step: StepKind) -> Vec<Role> {
    crate::domain::access::roles_for(crate::domain::access::step_permission(step))
}

fn check_role(actor: &Actor, step: StepKind) -> Result<(), FlowError> {
    if may(actor.role, step) {
        Ok(())
    } else {
        Err(FlowError::NotPermitted {
            role: actor.role,
            step,
        })
    }
}

/// The case and its household, as stored, if the actor may see them. The case carries
/// `expected_rev` so that the store refuses the write when someone changed it since.
fn load(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
) -> Result<(Case, Household), FlowError> {
    let store = &services.store;
    let mut case = store
        .case(id)?
        .filter(|c| actor.sees(c.town))
        .ok_or(FlowError::NotFound(case_target(id.0)))?;
    let household = store
        .household(case.household)?
        .ok_or(FlowError::NotFound(format!(
            "household:{}",
            case.household.0
        )))?;
    case.rev = expected_rev;
    Ok((case, household))
}

/// The audit entry of a step: who, when, stage old → new, plus the step's own changes.
fn audit(services: &Services, actor: &Actor, action: &str, old: &Case, new: &Case) -> AuditEntry {
    use crate::domain::Label;
    let mut e = AuditEntry::new(services.now(), &actor.user, action, case_target(new.id.0));
    if old.stage != new.stage {
        e = e.with_change(
            "stage",
            old.stage.zh().to_string(),
            new.stage.zh().to_string(),
        );
    }
    if let Some(t) = new.history.last() {
        if !t.reason.is_empty() {
            e = e.with_note(t.reason.clone());
        }
    }
    e
}
