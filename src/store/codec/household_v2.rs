//! Households as versions 1 and 2 stored them: members' ID numbers and the standing's
//! `since` as text (a frozen copy of those shapes, so that changing today's does not
//! change how old bytes read). Version 3 stores them compactly (`domain::compact`).

use chrono::NaiveDate;
use serde::Deserialize;

use crate::domain::category::{Category, Tag};
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Asset, IncomeItem, RigidExpense};
use crate::domain::indicators::Indicators;
use crate::domain::member::{
    Disability, Employment, Health, LabourCapacity, Member, Relation, Schooling,
};
use crate::domain::need::Need;
use crate::domain::obligor::Obligor;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct MemberV2 {
    name: String,
    id: ResidentId,
    relation: Relation,
    area: Area,
    labour: LabourCapacity,
    health: Health,
    disability: Option<Disability>,
    employment: Employment,
    schooling: Schooling,
    carer: bool,
}

impl From<MemberV2> for Member {
    fn from(m: MemberV2) -> Member {
        Member {
            name: m.name,
            id: m.id,
            relation: m.relation,
            area: m.area,
            labour: m.labour,
            health: m.health,
            disability: m.disability,
            employment: m.employment,
            schooling: m.schooling,
            carer: m.carer,
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
struct StandingV2 {
    category: Option<Category>,
    tags: Vec<Tag>,
    since: Option<NaiveDate>,
    relapse_watch: bool,
    lifted_out_of_poverty: bool,
}

/// A household as version 1 stored it: no legal obligors.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct HouseholdV1 {
    id: HouseholdId,
    rev: u64,
    town: Town,
    village: String,
    address: String,
    phone: String,
    area: Area,
    members: Vec<MemberV2>,
    incomes: Vec<IncomeItem>,
    expenses: Vec<RigidExpense>,
    assets: Vec<Asset>,
    indicators: Indicators,
    needs: Vec<Need>,
    standing: StandingV2,
}

/// A household as version 2 stored it: version 1's fields, then `obligors`.
#[derive(Deserialize)]
#[cfg_attr(test, derive(serde::Serialize))]
pub(in crate::store) struct HouseholdV2 {
    v1: HouseholdV1,
    obligors: Vec<Obligor>,
}

impl HouseholdV1 {
    pub(in crate::store) fn with_obligors(self, obligors: Vec<Obligor>) -> Household {
        let s = self.standing;
        Household {
            id: self.id,
            rev: self.rev,
            town: self.town,
            village: self.village,
            address: self.address,
            phone: self.phone,
            area: self.area,
            members: self.members.into_iter().map(Member::from).collect(),
            incomes: self.incomes,
            expenses: self.expenses,
            assets: self.assets,
            indicators: self.indicators,
            needs: self.needs,
            standing: Standing {
                category: s.category,
                tags: s.tags,
                since: s.since,
                relapse_watch: s.relapse_watch,
                lifted_out_of_poverty: s.lifted_out_of_poverty,
            },
            obligors,
        }
    }
}

impl From<HouseholdV2> for Household {
    fn from(h: HouseholdV2) -> Household {
        h.v1.with_obligors(h.obligors)
    }
}
