//! 近亲属备案: the district officer keeps the register of staff and village cadres with
//! their close relatives; an application is matched against it by resident ID number (at
//! intake, on the case, in the case list, at review); the workflow refuses a decision
//! before the district-level check, and a home visit by the related staff member.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::resident_id::ResidentId;
use crate::domain::staff_relatives::{
    check_step, matches, DistrictCheck, Kinship, Relative, RelativeMatch, StaffEntry, StaffRole,
};
use crate::domain::town::Town;
use crate::domain::workflow::{Step, WorkflowError};
use crate::domain::Label;
use crate::store::staff::staff_target;
use crate::store::AuditEntry;

/// A register entry as the form hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffInput {
    /// 0 for a new entry.
    pub id: u64,
    /// The revision as read (0 for a new entry).
    pub rev: u64,
    pub name: String,
    pub role: StaffRole,
    pub town: Town,
    pub post: String,
    /// (name, ID number as typed, kinship)
    pub relatives: Vec<(String, String, Kinship)>,
}

fn invalid(zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Invalid(zh.into(), en.into())
}

/// The whole register (district officers and auditors only: it names relatives).
pub fn register(services: &Services, actor: &Actor) -> Result<Vec<StaffEntry>, AppError> {
    if !actor.may(Permission::ReadAudit) {
        actor.permit(Permission::EditStaffRelatives)?;
    }
    Ok(services.store.staff_entries()?)
}

/// Add or change a register entry: every relative's ID number is checked (GB 11643).
pub fn save_entry(
    services: &Services,
    actor: &Actor,
    input: StaffInput,
) -> Result<StaffEntry, AppError> {
    actor.permit(Permission::EditStaffRelatives)?;
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(invalid(
            "请填写工作人员姓名",
            "give the staff member's name",
        ));
    }
    if input.relatives.is_empty() {
        return Err(invalid(
            "请至少登记一名近亲属",
            "register at least one close relative",
        ));
    }
    let today = services.today();
    let mut relatives = Vec::new();
    for (i, (rname, id, kinship)) in input.relatives.iter().enumerate() {
        let rname = rname.trim();
        if rname.is_empty() {
            return Err(invalid(
                format!("第 {} 名近亲属：请填写姓名", i + 1),
                format!("relative {}: give the name", i + 1),
            ));
        }
        let id = ResidentId::parse_on(id, today).map_err(|e| {
            invalid(
                format!("第 {} 名近亲属 {rname}：{}", i + 1, e.zh()),
                format!("relative {} {rname}: {e}", i + 1),
            )
        })?;
        if relatives.iter().any(|r: &Relative| r.id == id) {
            return Err(invalid(
                format!("近亲属 {rname} 的身份证号重复登记"),
                format!("relative {rname}'s ID number is registered twice"),
            ));
        }
        relatives.push(Relative {
            name: rname.to_string(),
            id,
            kinship: *kinship,
        });
    }
    let store = &services.store;
    let (id, registered_on, old) = if input.id == 0 {
        (store.new_id()?, today, None)
    } else {
        let old = store
            .staff_entry(input.id)?
            .ok_or_else(|| AppError::NotFound(staff_target(input.id)))?;
        (old.id, old.registered_on, Some(old))
    };
    let entry = StaffEntry {
        id,
        rev: input.rev,
        name,
        role: input.role,
        town: input.town,
        post: input.post.trim().to_string(),
        relatives,
        registered_on,
    };
    let names = |e: &StaffEntry| {
        e.relatives
            .iter()
            .map(|r| format!("{}（{}，{}）", r.name, r.kinship.zh(), r.id.masked()))
            .collect::<Vec<_>>()
            .join("、")
    };
    let audit = AuditEntry::new(
        services.now(),
        &actor.user,
        "staff_relatives.save",
        staff_target(id),
    )
    .with_change(
        "staff",
        old.as_ref().map_or(String::new(), |o| o.name.clone()),
        format!("{}（{}，{}）", entry.name, entry.role.zh(), entry.town.zh()),
    )
    .with_change(
        "relatives",
        old.as_ref().map_or(String::new(), names),
        names(&entry),
    );
    Ok(store.save_staff_entry(&entry, audit)?)
}

/// Take an entry off the register (read at `rev`), audited.
pub fn remove_entry(services: &Services, actor: &Actor, id: u64, rev: u64) -> Result<(), AppError> {
    actor.permit(Permission::EditStaffRelatives)?;
    let old = services
        .store
        .staff_entry(id)?
        .ok_or_else(|| AppError::NotFound(staff_target(id)))?;
    let audit = AuditEntry::new(
        services.now(),
        &actor.user,
        "staff_relatives.remove",
        staff_target(id),
    )
    .with_change("staff", old.name.clone(), String::new());
    Ok(services.store.remove_staff_entry(id, rev, audit)?)
}

/// The members of `household` found in the register (by ID number).
pub fn matches_of(services: &Services, h: &Household) -> Result<Vec<RelativeMatch>, AppError> {
    let ids: Vec<&ResidentId> = h.members.iter().map(|m| &m.id).collect();
    let entries = services.store.staff_entries_with_relative(&ids)?;
    let members: Vec<(String, ResidentId)> = h
        .members
        .iter()
        .map(|m| (m.name.clone(), m.id.clone()))
        .collect();
    Ok(matches(&entries, &members))
}

/// At intake: the members of an application being typed (name, ID number) found in the
/// register; numbers that do not parse yet are skipped.
pub fn matches_at_intake(
    services: &Services,
    members: &[(String, String)],
) -> Result<Vec<RelativeMatch>, AppError> {
    let parsed: Vec<(String, ResidentId)> = members
        .iter()
        .filter_map(|(n, id)| ResidentId::parse(id).ok().map(|id| (n.clone(), id)))
        .collect();
    let ids: Vec<&ResidentId> = parsed.iter().map(|(_, id)| id).collect();
    let entries = services.store.staff_entries_with_relative(&ids)?;
    Ok(matches(&entries, &parsed))
}

/// The households with a registered relative of staff, among every household: the
/// register's ID numbers through the resident-ID index (a few reads per relative).
pub fn flagged_households(services: &Services) -> Result<HashSet<HouseholdId>, AppError> {
    let mut out = HashSet::new();
    for id in services.store.registered_relative_ids()? {
        let Ok(id) = ResidentId::parse(&id) else {
            continue;
        };
        if let Some(h) = services.store.household_of(&id)? {
            out.insert(h);
        }
    }
    Ok(out)
}

/// What the case screen and the review show of a case's register match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFlag {
    pub matches: Vec<RelativeMatch>,
    pub district_check: Option<DistrictCheck>,
}

impl CaseFlag {
    pub fn flagged(&self) -> bool {
        !self.matches.is_empty()
    }
}

pub fn case_flag(services: &Services, case: &Case) -> Result<CaseFlag, AppError> {
    let Some(h) = services.store.household(case.household)? else {
        return Ok(CaseFlag::default());
    };
    let matches = matches_of(services, &h)?;
    if matches.is_empty() {
        return Ok(CaseFlag::default());
    }
    Ok(CaseFlag {
        matches,
        district_check: services.store.district_check(case.id)?,
    })
}

/// The hook of the workflow: the checks a relative-of-staff case may not skip, run
/// before `domain::workflow::apply` on the step.
pub fn guard(services: &Services, case: &Case, step: &Step) -> Result<(), WorkflowError> {
    let relevant = matches!(step, Step::FinishInvestigation(_) | Step::Decide(..));
    if !relevant {
        return Ok(());
    }
    // A store that cannot be read here refuses the step rather than skipping the check.
    let flag = case_flag(services, case).map_err(|_| {
        WorkflowError::StaffRelative(
            crate::domain::staff_relatives::RelativeRefusal::NoDistrictCheck,
        )
    })?;
    check_step(&flag.matches, flag.district_check.as_ref(), step)?;
    Ok(())
}

/// Record the district-level check (区级核查) of a relative-of-staff case under review
/// or investigation.
pub fn record_district_check(
    services: &Services,
    actor: &Actor,
    case: CaseId,
    on: NaiveDate,
    in_order: bool,
    note: &str,
) -> Result<DistrictCheck, AppError> {
    actor.permit(Permission::DistrictChecks)?;
    let c = services
        .store
        .case(case)?
        .filter(|c| actor.sees(c.town))
        .ok_or_else(|| AppError::NotFound(format!("case:{}", case.0)))?;
    let flag = case_flag(services, &c)?;
    if !flag.flagged() {
        return Err(invalid(
            "本案申请人不在近亲属备案中，无需区级核查",
            "the applicant is not on the register of relatives of staff; no district check is needed",
        ));
    }
    if !matches!(
        c.stage,
        Stage::Accepted | Stage::Investigating | Stage::UnderReview
    ) {
        return Err(invalid(
            format!("案件处于“{}”，不能登记区级核查", c.stage.zh()),
            format!(
                "the case is {}: no district check can be recorded",
                c.stage.en()
            ),
        ));
    }
    if on > services.today() {
        return Err(invalid(
            "核查日期不能晚于今天",
            "the check cannot be dated after today",
        ));
    }
    if !in_order && note.trim().is_empty() {
        return Err(invalid(
            "核查发现问题时请写明情况",
            "say what the check found when it found a problem",
        ));
    }
    let check = DistrictCheck {
        by: actor.user.clone(),
        on,
        in_order,
        note: note.trim().to_string(),
    };
    let audit = AuditEntry::new(
        services.now(),
        &actor.user,
        "case.district_check",
        crate::store::audit::case_target(case.0),
    )
    .with_change(
        "district_check",
        String::new(),
        format!("{} {}", on, if in_order { "无误" } else { "发现问题" }),
    )
    .with_note(check.note.clone());
    services.store.save_district_check(case, &check, audit)?;
    Ok(check)
}

/// For the case list: which of `households` are flagged, looked up once per list.
pub fn flags_for(
    services: &Services,
    households: &[HouseholdId],
) -> Result<HashMap<HouseholdId, bool>, AppError> {
    let flagged = flagged_households(services)?;
    Ok(households
        .iter()
        .map(|h| (*h, flagged.contains(h)))
        .collect())
}
