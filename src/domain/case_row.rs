//! The one line a case takes in a list: everything a list shows, nothing it must not.
//! ID numbers are masked here, so no list can show a full number by mistake.

use crate::domain::case::{Case, CaseId, CaseNumber, Deadline, Stage};
use crate::domain::category::Category;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::town::Town;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub case: CaseId,
    pub number: Option<CaseNumber>,
    pub household: HouseholdId,
    pub town: Town,
    pub village: String,
    pub stage: Stage,
    pub head: String,
    pub head_id_masked: String,
    pub size: u32,
    pub applied_on: NaiveDate,
    pub deadline: Option<Deadline>,
    pub category: Option<Category>,
}

impl CaseRow {
    pub fn of(case: &Case, household: &Household) -> CaseRow {
        let head = household
            .members
            .iter()
            .find(|m| m.relation == crate::domain::member::Relation::Head)
            .or(household.members.first());
        CaseRow {
            case: case.id,
            number: case.number,
            household: household.id,
            town: case.town,
            village: household.village.clone(),
            stage: case.stage,
            head: household.head_name().to_string(),
            head_id_masked: head.map(|m| m.id.masked()).unwrap_or_default(),
            size: household.members.len() as u32,
            applied_on: case.applied_on,
            deadline: case.deadline,
            category: case.confirmed_category(),
        }
    }

    /// Case number once accepted, otherwise the internal id.
    pub fn label(&self) -> String {
        match self.number {
            Some(n) => n.to_string(),
            None => format!("#{}", self.case.0),
        }
    }
}
