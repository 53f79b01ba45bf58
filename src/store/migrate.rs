//! Reading records written by earlier schema versions. The old shapes are frozen copies
//! in `codec/`: `case_v3` and `household_v2` with dates and ID numbers as text, `case_v4`
//! with the explanation not deflated.

use serde::Deserialize;

use super::codec::case_v3::{CaseV1, CaseV3};
use super::codec::household_v2::{HouseholdV1, HouseholdV2};
use super::envelope::payload;
use super::StoreError;
use crate::domain::case::{Case, Stage};
use crate::domain::household::Household;
use crate::domain::procedure::Procedure;

/// Version 1 → 3: the same household with no obligors recorded.
pub(super) fn household_v1(bytes: &[u8]) -> Result<Household, StoreError> {
    let h: HouseholdV1 = payload("household (version 1)", bytes)?;
    Ok(h.with_obligors(Vec::new()))
}

/// Version 2 → 3: the same household, its dates and ID numbers read as text.
pub(super) fn household_v2(bytes: &[u8]) -> Result<Household, StoreError> {
    let h: HouseholdV2 = payload("household (version 2)", bytes)?;
    Ok(h.into())
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
        investigation: c.investigation.map(Into::into),
        review: c.review.map(Into::into),
        decided_on: c.decided_on,
        history: c.history.into_iter().map(Into::into).collect(),
        procedure,
    }
}

/// The one mark a version-2 case could carry (nothing wrote it).
#[derive(Deserialize)]
enum CaseFlagV2 {
    #[allow(dead_code)]
    RelativeOfStaff,
}

/// A case as version 2 stored it: version 1's fields, `flags`, then `procedure`.
#[derive(Deserialize)]
struct CaseV2 {
    v1: CaseV1,
    #[allow(dead_code)]
    flags: Vec<CaseFlagV2>,
    procedure: super::codec::case_v3::ProcedureV3,
}

/// Version 2 → 3: the same case without `flags`.
pub(super) fn case_v2(bytes: &[u8]) -> Result<Case, StoreError> {
    let c: CaseV2 = payload("case (version 2)", bytes)?;
    Ok(with_procedure(c.v1, c.procedure.into()))
}

/// Version 4 → 5: the same case, its explanation read as plain lists.
pub(super) fn case_v4(bytes: &[u8]) -> Result<Case, StoreError> {
    let c: super::codec::case_v4::CaseV4 = payload("case (version 4)", bytes)?;
    Ok(c.into())
}

/// Version 3 → 4: the same case, its dates and times read as text.
pub(super) fn case_v3(bytes: &[u8]) -> Result<Case, StoreError> {
    let c: CaseV3 = payload("case (version 3)", bytes)?;
    Ok(with_procedure(c.v1, c.procedure.into()))
}
