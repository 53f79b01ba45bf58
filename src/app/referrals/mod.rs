//! 因需推送、结果反馈: propose referrals for a confirmed household's needs, push the ones
//! the clerk keeps, take the departments' feedback, draw up the quarter's ledger and
//! export it. Every write goes through `Store::save_referrals` (one transaction with its
//! audit entries, flushed); the export is audited too.

mod export;
mod ledger;

#[cfg(test)]
mod tests;

pub use export::{
    export, write_csv, write_xlsx, ExportFormat, Exported, Lang, ID_COLUMN, NUMBER_COLUMN,
};
pub use ledger::{ledger, quarter_status, LedgerView, QuarterStatus};

use super::session::{Actor, Permission, Role};
use super::{AppError, Services};
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::household::Household;
use crate::domain::need::Need;
use crate::domain::referral::{
    self, Department, DepartmentMap, Event, Referral, ReferralId, ReferralNumber, Status,
};
use crate::domain::Label;
use crate::store::audit::case_target;
use crate::store::referrals::{target, ReferralWrite};
use crate::store::AuditEntry;

/// The district's department table: `departments.toml` in the store folder when the
/// district has put one there, else the one shipped with the program.
pub fn department_map(services: &Services) -> Result<DepartmentMap, AppError> {
    let own = services.store.path().join("departments.toml");
    let parsed = if own.exists() {
        let text = std::fs::read_to_string(&own)
            .map_err(|e| AppError::Data(format!("{}: {e}", own.display())))?;
        DepartmentMap::from_toml(&text)
    } else {
        DepartmentMap::bundled()
    };
    parsed.map_err(|e| AppError::Invalid(e.zh(), e.to_string()))
}

fn invalid(e: referral::ReferralError) -> AppError {
    AppError::Invalid(e.zh(), e.to_string())
}

/// One line of the proposal: a need, the department it goes to, whether it will be pushed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedReferral {
    pub need: Need,
    pub department: Department,
    /// Ticked: pushed when the clerk confirms.
    pub push: bool,
    /// One of the household's recorded needs (not added by the clerk).
    pub recorded: bool,
    /// An open referral for the same need and department already exists.
    pub open: Option<ReferralNumber>,
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub case: Case,
    pub household: Household,
    /// The household's needs first (ticked), then every other need (unticked), so the
    /// clerk can add one; already-open referrals are shown and cannot be pushed again.
    pub rows: Vec<ProposedReferral>,
}

fn confirmed_case(
    services: &Services,
    actor: &Actor,
    id: CaseId,
) -> Result<(Case, Household), AppError> {
    let store = &services.store;
    let case = store
        .case(id)?
        .filter(|c| actor.sees(c.town))
        .ok_or_else(|| AppError::NotFound(case_target(id.0)))?;
    if case.stage != Stage::Confirmed {
        return Err(AppError::Invalid(
            format!("案件处于“{}”，认定后才能因需推送", case.stage.zh()),
            format!(
                "the case is {}; referrals follow confirmation",
                case.stage.en()
            ),
        ));
    }
    let household = store
        .household(case.household)?
        .ok_or_else(|| AppError::NotFound(format!("household:{}", case.household.0)))?;
    Ok((case, household))
}

/// What the program proposes to push for a confirmed case.
pub fn propose(services: &Services, actor: &Actor, id: CaseId) -> Result<Proposal, AppError> {
    actor.permit(Permission::PushReferrals)?;
    let (case, household) = confirmed_case(services, actor, id)?;
    let map = department_map(services)?;
    let existing = services.store.referrals_of(household.id)?;
    let open = |need: Need, d: Department| {
        existing
            .iter()
            .find(|r| r.need == need && r.department == d && r.status.is_open())
            .and_then(|r| r.number)
    };
    let others: Vec<Need> = Need::ALL
        .iter()
        .copied()
        .filter(|n| !household.needs.contains(n))
        .collect();
    let mut rows = Vec::new();
    for (recorded, needs) in [
        (true, household.needs.as_slice()),
        (false, others.as_slice()),
    ] {
        for (need, department) in map.propose(needs) {
            let open = open(need, department);
            rows.push(ProposedReferral {
                need,
                department,
                push: recorded && open.is_none(),
                recorded,
                open,
            });
        }
    }
    Ok(Proposal {
        case,
        household,
        rows,
    })
}

/// Push the referrals the clerk kept: one transaction, one audit entry per referral and
/// one on the case. Returns them numbered.
pub fn push(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    picks: &[(Need, Department)],
) -> Result<Vec<Referral>, AppError> {
    actor.permit(Permission::PushReferrals)?;
    let (case, household) = confirmed_case(services, actor, id)?;
    if picks.is_empty() {
        return Err(AppError::Invalid(
            "没有勾选要推送的需求".into(),
            "no referral is ticked".into(),
        ));
    }
    let existing = services.store.referrals_of(household.id)?;
    let today = services.today();
    let now = services.now();
    let head = household
        .members
        .iter()
        .find(|m| m.relation == crate::domain::member::Relation::Head)
        .or(household.members.first());
    let mut write = ReferralWrite {
        referrals: Vec::new(),
        audit: Vec::new(),
    };
    for (i, (need, department)) in picks.iter().enumerate() {
        let twice = picks[..i].contains(&(*need, *department));
        let open = existing
            .iter()
            .find(|r| r.need == *need && r.department == *department && r.status.is_open());
        if twice || open.is_some() {
            let number = open.map(Referral::label).unwrap_or_default();
            return Err(AppError::Invalid(
                format!(
                    "“{}”已推送给{}（{number}），尚未反馈",
                    need.zh(),
                    department.zh()
                ),
                format!(
                    "\"{}\" is already pushed to {} ({number}) and not yet answered",
                    need.en(),
                    department.en()
                ),
            ));
        }
        let referral = Referral {
            id: services.store.new_referral_id()?,
            rev: 0,
            number: None,
            pushed_on: today,
            pushed_by: actor.user.clone(),
            department: *department,
            need: *need,
            household: household.id,
            case: case.id,
            case_number: case.number,
            town: household.town,
            village: household.village.clone(),
            head_name: household.head_name().to_string(),
            head_id: head.map(|m| m.id.clone()),
            status: Status::Pushed,
            feedback: Vec::new(),
        };
        write.audit.push(
            AuditEntry::new(now, &actor.user, "referral.push", target(referral.id))
                .with_change("department", String::new(), department.zh().into())
                .with_change("need", String::new(), need.zh().into())
                .with_change("status", String::new(), Status::Pushed.zh().into())
                .with_note(format!(
                    "案件{}，反馈截止{}",
                    case.number
                        .map_or_else(|| format!("#{}", case.id.0), |n| n.to_string()),
                    referral.due()
                )),
        );
        write.referrals.push(referral);
    }
    let summary: Vec<String> = picks
        .iter()
        .map(|(n, d)| format!("{}（{}）", d.zh(), n.zh()))
        .collect();
    write.audit.push(
        AuditEntry::new(now, &actor.user, "case.refer", case_target(case.id.0))
            .with_note(format!("因需推送：{}", summary.join("、"))),
    );
    Ok(services.store.save_referrals(write)?)
}

/// A department's open referrals (pushed or acknowledged), oldest first.
pub fn open_referrals(
    services: &Services,
    actor: &Actor,
    department: Department,
) -> Result<Vec<Referral>, AppError> {
    actor.permit(Permission::EnterFeedback)?;
    check_department(services, actor, department)?;
    let mut out = services.store.referrals_in(department, Status::Pushed)?;
    out.extend(
        services
            .store
            .referrals_in(department, Status::Acknowledged)?,
    );
    out.sort_by_key(|r| (r.pushed_on, r.id));
    Ok(out)
}

/// A department liaison answers for their own department only (issue 9); everyone
/// else allowed by the role check may act for any department.
pub fn check_department(
    services: &Services,
    actor: &Actor,
    department: Department,
) -> Result<(), AppError> {
    if actor.role != Role::DepartmentLiaison {
        return Ok(());
    }
    let own = super::accounts::department_of(services, &actor.user)?;
    if own.as_deref() == Some(department.key()) {
        Ok(())
    } else {
        Err(AppError::Invalid(
            format!(
                "部门联络员只能办理本部门的推送，不能办理{}的",
                department.zh()
            ),
            format!(
                "a department liaison works on their own department's referrals only, not {}'s",
                department.en()
            ),
        ))
    }
}

/// The department a liaison answers for, if the actor is one.
pub fn own_department(services: &Services, actor: &Actor) -> Option<Department> {
    if actor.role != Role::DepartmentLiaison {
        return None;
    }
    let key = super::accounts::department_of(services, &actor.user).ok()??;
    Department::ALL.iter().copied().find(|d| d.key() == key)
}

/// A household's referrals, oldest first (for the case detail).
pub fn referrals_of_case(
    services: &Services,
    actor: &Actor,
    id: CaseId,
) -> Result<Vec<Referral>, AppError> {
    actor.permit(Permission::ReadCases)?;
    let case = services
        .store
        .case(id)?
        .filter(|c| actor.sees(c.town))
        .ok_or_else(|| AppError::NotFound(case_target(id.0)))?;
    Ok(services.store.referrals_of(case.household)?)
}

fn action_of(status: Status) -> &'static str {
    match status {
        Status::Acknowledged => "referral.acknowledge",
        Status::AssistanceGiven => "referral.assistance",
        Status::NotEligible => "referral.not_eligible",
        Status::Pushed => "referral.push",
    }
}

/// Record a department's feedback on a referral read at `expected_rev`.
pub fn feedback(
    services: &Services,
    actor: &Actor,
    id: ReferralId,
    expected_rev: u64,
    event: Event,
) -> Result<Referral, AppError> {
    actor.permit(Permission::EnterFeedback)?;
    let mut old = services
        .store
        .referral(id)?
        .ok_or_else(|| AppError::NotFound(target(id)))?;
    check_department(services, actor, old.department)?;
    old.rev = expected_rev;
    let on_behalf = actor.role != Role::DepartmentLiaison;
    let new =
        referral::apply(&old, &event, &actor.user, on_behalf, services.now()).map_err(invalid)?;
    let mut entry = AuditEntry::new(
        services.now(),
        &actor.user,
        action_of(new.status),
        target(id),
    )
    .with_change("status", old.status.zh().into(), new.status.zh().into());
    if let Some(f) = new.feedback.last() {
        if let Some(a) = f.amount {
            entry = entry.with_change("amount", String::new(), a.plain());
        }
        let who = if on_behalf {
            "（代部门录入）"
        } else {
            ""
        };
        entry = entry.with_note(format!(
            "{}{}{who}",
            f.on,
            if f.text.is_empty() {
                String::new()
            } else {
                format!("：{}", f.text)
            }
        ));
    }
    let saved = services.store.save_referrals(ReferralWrite {
        referrals: vec![new],
        audit: vec![entry],
    })?;
    saved
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound(target(id)))
}
