//! Reading records written by earlier schema versions.

use serde::Deserialize;

use super::envelope::payload;
use super::StoreError;
use crate::domain::case::{
    Case, CaseId, CaseNumber, Channel, Deadline, Investigation, Review, Stage, Transition,
};
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Asset, IncomeItem, RigidExpense};
use crate::domain::indicators::Indicators;
use crate::domain::member::Member;
use crate::domain::need::Need;
use crate::domain::procedure::Procedure;
use crate::domain::town::{Area, Town};

/// A household as version 1 stored it: no legal obligors.
#[derive(Deserialize)]
struct HouseholdV1 {
    id: HouseholdId,
    rev: u64,
    town: Town,
    village: String,
    address: String,
    phone: String,
    area: Area,
    members: Vec<Member>,
    incomes: Vec<IncomeItem>,
    expenses: Vec<RigidExpense>,
    assets: Vec<Asset>,
    indicators: Indicators,
    needs: Vec<Need>,
    standing: Standing,
}

/// Version 1 → 2: the same household with no obligors recorded.
pub(super) fn household_v1(bytes: &[u8]) -> Result<Household, StoreError> {
    let h: HouseholdV1 = payload("household (version 1)", bytes)?;
    Ok(Household {
        id: h.id,
        rev: h.rev,
        town: h.town,
        village: h.village,
        address: h.address,
        phone: h.phone,
        area: h.area,
        members: h.members,
        incomes: h.incomes,
        expenses: h.expenses,
        assets: h.assets,
        indicators: h.indicators,
        needs: h.needs,
        standing: h.standing,
        obligors: Vec::new(),
    })
}

/// A case as version 1 stored it: no flags, no procedure after the decision.
#[derive(Deserialize)]
struct CaseV1 {
    id: CaseId,
    rev: u64,
    number: Option<CaseNumber>,
    household: HouseholdId,
    town: Town,
    channel: Channel,
    stage: Stage,
    applied_on: chrono::NaiveDate,
    accepted_on: Option<chrono::NaiveDate>,
    deadline: Option<Deadline>,
    investigation: Option<Investigation>,
    review: Option<Review>,
    decided_on: Option<chrono::NaiveDate>,
    history: Vec<Transition>,
}

/// Version 1 → 2: no flags; a decided case took effect on its decision date (version 1
/// had no public notice), with no letter on record.
pub(super) fn case_v1(bytes: &[u8]) -> Result<Case, StoreError> {
    let c: CaseV1 = payload("case (version 1)", bytes)?;
    let decided = matches!(c.stage, Stage::Confirmed | Stage::Rejected);
    let procedure = Procedure {
        effective_on: c.decided_on.filter(|_| decided),
        ..Procedure::default()
    };
    Ok(with_procedure(c, procedure))
}

fn with_procedure(c: CaseV1, procedure: Procedure) -> Case {
    Case {
        id: c.id,
        rev: c.rev,
        number: c.number,
        household: c.household,
        town: c.town,
        channel: c.channel,
        stage: c.stage,
        applied_on: c.applied_on,
        accepted_on: c.accepted_on,
        deadline: c.deadline,
        investigation: c.investigation,
        review: c.review,
        decided_on: c.decided_on,
        history: c.history,
        procedure,
    }
}

/// The one mark a version-2 case could carry (nothing wrote it).
#[derive(Deserialize)]
enum CaseFlagV2 {
    #[allow(dead_code)]
    RelativeOfStaff,
}

/// A case as version 2 stored it: version 1's fields, `flags`, then `procedure` (bincode
/// is positional and frames no struct, so version 1's fields read as one nested struct).
#[derive(Deserialize)]
struct CaseV2 {
    v1: CaseV1,
    #[allow(dead_code)]
    flags: Vec<CaseFlagV2>,
    procedure: Procedure,
}

/// Version 2 → 3: the same case without `flags`.
pub(super) fn case_v2(bytes: &[u8]) -> Result<Case, StoreError> {
    let c: CaseV2 = payload("case (version 2)", bytes)?;
    Ok(with_procedure(c.v1, c.procedure))
}
