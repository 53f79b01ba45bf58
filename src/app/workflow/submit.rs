//! 申请 and 受理: a new application creates (or renews) the household and opens its one
//! case; acceptance numbers the case inside the write and sets the review deadline.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::{audit, check_role, load, review_limit, standards, FlowError};
use crate::app::session::{Actor, Role};
use crate::app::Services;
use crate::domain::case::{Case, CaseId, CaseNumber, Channel, Stage};
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::member::Relation;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::DISTRICT_CODE;
use crate::domain::workflow::{self, Step, StepKind};
use crate::domain::Label;
use crate::store::Change;

/// What the intake wizard hands over: the household as typed (its `id`, `rev` and
/// `standing` are ignored), how the case came in, and the application date.
#[derive(Debug, Clone)]
pub struct Application {
    pub household: Household,
    pub channel: Channel,
    pub applied_on: NaiveDate,
}

/// Check the household as typed; each problem in the clerk's words.
pub fn check_household(h: &Household) -> Result<(), FlowError> {
    if h.members.is_empty() {
        return Err(FlowError::invalid(
            "请至少登记一名家庭成员",
            "register at least one household member",
        ));
    }
    let heads = h
        .members
        .iter()
        .filter(|m| m.relation == Relation::Head)
        .count();
    if heads != 1 {
        return Err(FlowError::invalid(
            format!("家庭应有且只有一名户主，现在有{heads}名"),
            format!("a household has exactly one head; {heads} are marked"),
        ));
    }
    let mut seen = BTreeSet::new();
    for m in &h.members {
        if m.name.trim().is_empty() {
            return Err(FlowError::invalid(
                "每名成员都要填写姓名",
                "every member needs a name",
            ));
        }
        if !seen.insert(m.id.as_str()) {
            return Err(FlowError::invalid(
                format!("身份证号{}登记了两次", m.id.masked()),
                format!("ID number {} is entered twice", m.id.masked()),
            ));
        }
    }
    if h.address.trim().is_empty() || h.village.trim().is_empty() {
        return Err(FlowError::invalid(
            "请填写村（社区）和地址",
            "fill in the village and the address",
        ));
    }
    let n = h.members.len();
    let bad = h
        .incomes
        .iter()
        .filter_map(|i| i.member)
        .chain(h.expenses.iter().filter_map(|e| e.member))
        .find(|i| *i >= n);
    if let Some(i) = bad {
        return Err(FlowError::invalid(
            format!("有收入或支出记在第{}名成员名下，但家庭只有{n}人", i + 1),
            format!(
                "an income or expense belongs to member {}, but there are {n}",
                i + 1
            ),
        ));
    }
    Ok(())
}

/// 一门入库: the earlier household these members belong to, if any and if it may apply
/// again; refuses when one of them is in an open case, or in a confirmed household —
/// unless this is a `reassessment` (an application transferred from a monitoring alert:
/// a confirmed household whose situation changed is assessed again, keeping its support
/// until the new decision).
pub fn earlier_household(
    services: &Services,
    h: &Household,
    reassessment: bool,
) -> Result<Option<Household>, FlowError> {
    let mut earlier: Vec<Household> = Vec::new();
    for m in &h.members {
        let Some(old) = member_household(services, &m.id, &m.name, reassessment)? else {
            continue;
        };
        if !earlier.iter().any(|e| e.id == old.id) {
            earlier.push(old);
        }
    }
    match earlier.len() {
        0 => Ok(None),
        1 => Ok(earlier.pop()),
        _ => Err(FlowError::SeveralHouseholds(
            earlier.iter().map(|e| e.id).collect(),
        )),
    }
}

/// 一门入库 for one person as the clerk types them: the earlier household this ID number
/// belongs to (if it may apply again); refused when it is in an open case or a confirmed
/// household, naming the person on record — and the name typed, when it is another.
pub fn member_household(
    services: &Services,
    id: &ResidentId,
    typed_name: &str,
    reassessment: bool,
) -> Result<Option<Household>, FlowError> {
    let store = &services.store;
    let Some(hid) = store.household_of(id)? else {
        return Ok(None);
    };
    let Some(old) = store.household(hid)? else {
        return Ok(None);
    };
    let recorded = old
        .members
        .iter()
        .find(|p| p.id == *id)
        .map_or_else(|| typed_name.to_string(), |p| p.name.clone());
    let typed = Some(typed_name.trim())
        .filter(|t| !t.is_empty() && *t != recorded)
        .map(str::to_string);
    let mut confirmed_case: Option<CaseId> = None;
    for cid in store.case_ids_of(hid)? {
        let Some(c) = store.case(cid)? else { continue };
        if c.stage.is_open() {
            return Err(FlowError::OpenCase {
                name: recorded,
                typed,
                id_masked: id.masked(),
                case: c.id,
                number: c.number,
                stage: c.stage,
            });
        }
        if c.stage == Stage::Confirmed {
            confirmed_case = Some(c.id);
        }
    }
    if let Some(category) = old.standing.category.filter(|_| !reassessment) {
        return Err(FlowError::Confirmed {
            name: recorded,
            typed,
            id_masked: id.masked(),
            household: hid,
            category,
            case: confirmed_case,
        });
    }
    Ok(Some(old))
}

/// 提交申请: write the household and its new case (stage 已申请) in one transaction.
/// A household that applied before (case closed, not confirmed) is renewed, keeping its
/// id and its monitoring marks.
pub fn submit(services: &Services, actor: &Actor, app: Application) -> Result<Case, FlowError> {
    let change = prepare_submit(services, actor, app)?;
    let saved = services.store.save(change)?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}

/// Every check of [`submit`] and the write it would make, not yet saved: for a caller
/// that writes more in the same transaction (an alert turned into an application).
pub fn prepare_submit(
    services: &Services,
    actor: &Actor,
    app: Application,
) -> Result<Change, FlowError> {
    check_role(actor, StepKind::Submit)?;
    if actor.role == Role::VillageInformant && app.channel != Channel::FoundByVillageStaff {
        return Err(FlowError::invalid(
            "村信息员只能登记主动发现的困难家庭（来源选“主动发现”）",
            "a village informant records households found by village staff only",
        ));
    }
    let mut h = app.household;
    if !actor.sees(h.town) {
        return Err(FlowError::invalid(
            format!("您只能为{}登记申请", actor.town.map_or("", |t| t.zh())),
            format!(
                "you can register applications for {} only",
                actor.town.map_or("", |t| t.en())
            ),
        ));
    }
    check_household(&h)?;
    let store = &services.store;
    let reassessment = app.channel == Channel::MonitoringAlert;
    let renewed = earlier_household(services, &h, reassessment)?;
    match &renewed {
        Some(old) if reassessment && old.standing.category.is_some() => {
            // A confirmed household assessed again: its support stands until decided.
            h.id = old.id;
            h.rev = old.rev;
            h.standing = old.standing.clone();
        }
        Some(old) => {
            h.id = old.id;
            h.rev = old.rev;
            h.standing = Standing {
                category: None,
                tags: Vec::new(),
                since: None,
                ..old.standing.clone()
            };
        }
        None => {
            h.id = HouseholdId(store.new_id()?);
            h.rev = 0;
            h.standing = Standing::default();
        }
    }
    let draft = Case {
        id: CaseId(store.new_id()?),
        rev: 0,
        number: None,
        household: h.id,
        town: h.town,
        channel: app.channel,
        stage: Stage::Draft,
        applied_on: app.applied_on,
        accepted_on: None,
        deadline: None,
        investigation: None,
        review: None,
        decided_on: None,
        history: Vec::new(),
        procedure: Default::default(),
    };
    let case = workflow::apply(&draft, &Step::Submit, &actor.user, services.now())?;
    let mut entry = audit(services, actor, "case.submit", &draft, &case)
        .with_change("household", String::new(), format!("household:{}", h.id.0))
        .with_change("members", String::new(), h.members.len().to_string())
        .with_change("applied_on", String::new(), app.applied_on.to_string())
        .with_change("channel", String::new(), app.channel.zh().to_string());
    if renewed.is_some() {
        entry = entry.with_note("原家庭再次申请 / earlier household applies again");
    }
    Ok(Change {
        household: Some(h),
        case: Some(case),
        number_case_in: None,
        audit: entry,
    })
}

/// 受理: number the case (the store takes the next number of the acceptance year inside
/// the write) and set the review deadline, `limit` working days from the standards.
pub fn accept(
    services: &Services,
    actor: &Actor,
    id: CaseId,
    expected_rev: u64,
    on: NaiveDate,
) -> Result<Case, FlowError> {
    check_role(actor, StepKind::Accept)?;
    let (old, _) = load(services, actor, id, expected_rev)?;
    let limit = review_limit(&standards(services)?, on);
    let deadline = services.calendar.deadline(on, limit);
    let step = Step::Accept {
        // The store replaces the sequence inside the transaction.
        number: CaseNumber {
            district: DISTRICT_CODE,
            year: on.year(),
            seq: 0,
        },
        on,
        deadline,
    };
    let new = workflow::apply(&old, &step, &actor.user, services.now())?;
    let provisional = if deadline.provisional {
        "（暂定 / provisional）"
    } else {
        ""
    };
    let entry = audit(services, actor, "case.accept", &old, &new)
        .with_change("accepted_on", String::new(), on.to_string())
        .with_change(
            "deadline",
            String::new(),
            format!("{}{provisional}", deadline.date),
        )
        .with_note(format!("审核时限 {limit} 个工作日 / {limit} working days"));
    let saved = services.store.save(Change {
        household: None,
        case: Some(new),
        number_case_in: Some(on.year()),
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}
