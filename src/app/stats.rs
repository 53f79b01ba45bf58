//! `safetynet stats`: the dashboard's figures for scripts, with stable snake_case keys.

use std::collections::BTreeMap;

use serde::Serialize;

use super::dashboard::Dashboard;
use crate::domain::case::Stage;
use crate::domain::category::Category;
use crate::domain::villages::town_key;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub as_of: String,
    pub households: i64,
    pub persons: i64,
    pub cases_by_stage: BTreeMap<&'static str, i64>,
    pub cases_by_town: BTreeMap<&'static str, i64>,
    pub confirmed_by_category: BTreeMap<&'static str, i64>,
    pub low_income_households: i64,
    pub relapse_watch: i64,
    pub open_cases: i64,
    pub overdue: u64,
    pub due_soon: u64,
    pub unsafe_housing: i64,
    pub unsafe_drinking_water: i64,
    pub no_labour_capacity: i64,
    pub serious_illness_or_disability: i64,
    pub below_monitoring_line: i64,
}

pub fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Draft => "draft",
        Stage::Submitted => "submitted",
        Stage::Accepted => "accepted",
        Stage::Investigating => "investigating",
        Stage::UnderReview => "under_review",
        Stage::Confirmed => "confirmed",
        Stage::Rejected => "rejected",
        Stage::Withdrawn => "withdrawn",
        Stage::InNotice => "in_notice",
    }
}

pub fn category_key(c: Category) -> &'static str {
    match c {
        Category::Destitute => "destitute",
        Category::Dibao => "dibao",
        Category::DibaoMarginal => "dibao_marginal",
        Category::RigidExpense => "rigid_expense",
        Category::OtherHardship => "other_hardship",
    }
}

impl Stats {
    pub fn of(d: &Dashboard) -> Stats {
        let f = &d.figures;
        Stats {
            as_of: d.today.to_string(),
            households: f.households,
            persons: f.persons,
            cases_by_stage: Stage::ALL
                .iter()
                .map(|s| (stage_key(*s), f.stage(*s)))
                .collect(),
            cases_by_town: d
                .by_town
                .iter()
                .map(|(t, tf)| (town_key(*t), tf.by_stage.iter().sum()))
                .collect(),
            confirmed_by_category: Category::ALL
                .iter()
                .map(|c| (category_key(*c), f.category(*c)))
                .collect(),
            low_income_households: f.low_income(),
            relapse_watch: f.relapse_watch,
            open_cases: f.open_cases(),
            overdue: d.overdue,
            due_soon: d.due_soon,
            unsafe_housing: f.unsafe_housing,
            unsafe_drinking_water: f.unsafe_water,
            no_labour_capacity: f.no_labour_capacity,
            serious_illness_or_disability: f.serious_illness_or_disability,
            below_monitoring_line: f.below_monitoring_line,
        }
    }
}
