//! Reading records written by earlier schema versions.

use serde::Deserialize;

use super::envelope::payload;
use super::StoreError;
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Asset, IncomeItem, RigidExpense};
use crate::domain::indicators::Indicators;
use crate::domain::member::Member;
use crate::domain::need::Need;
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
