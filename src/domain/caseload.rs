//! Caseload counters: the figures of the dashboard and `safetynet stats`.
//! Kept per town and maintained on every write (subtract the old record, add the new),
//! so the dashboard never scans the store.

use crate::domain::case::{Case, Stage};
use crate::domain::category::{Category, Tag};
use crate::domain::household::Household;
use crate::domain::indicators::Safety;
use crate::domain::member::LabourCapacity;
use crate::domain::town::Town;
use serde::{Deserialize, Serialize};

/// Figures for one town (or, summed, for the district).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub households: i64,
    pub persons: i64,
    /// Cases by stage, indexed by `Stage::index()`.
    pub by_stage: Vec<i64>,
    /// Households in the low-income population by confirmed category, indexed by `Category::index()`.
    pub by_category: Vec<i64>,
    /// Low-income households tagged as monitoring targets.
    pub relapse_watch: i64,
    /// Monitoring indicators across the low-income population (households).
    pub unsafe_housing: i64,
    pub unsafe_water: i64,
    pub no_labour_capacity: i64,
    pub serious_illness_or_disability: i64,
}

impl Figures {
    fn ensure_shape(&mut self) {
        self.by_stage.resize(Stage::ALL.len(), 0);
        self.by_category.resize(Category::ALL.len(), 0);
    }

    pub fn stage(&self, s: Stage) -> i64 {
        self.by_stage.get(s.index()).copied().unwrap_or(0)
    }

    pub fn category(&self, c: Category) -> i64 {
        self.by_category.get(c.index()).copied().unwrap_or(0)
    }

    /// Households in the low-income population (any confirmed category).
    pub fn low_income(&self) -> i64 {
        self.by_category.iter().sum()
    }

    /// Cases still open (draft to under review).
    pub fn open_cases(&self) -> i64 {
        Stage::ALL
            .iter()
            .filter(|s| s.is_open())
            .map(|s| self.stage(*s))
            .sum()
    }

    fn add(&mut self, other: &Figures) {
        self.ensure_shape();
        self.households += other.households;
        self.persons += other.persons;
        for (a, b) in self.by_stage.iter_mut().zip(&other.by_stage) {
            *a += b;
        }
        for (a, b) in self.by_category.iter_mut().zip(&other.by_category) {
            *a += b;
        }
        self.relapse_watch += other.relapse_watch;
        self.unsafe_housing += other.unsafe_housing;
        self.unsafe_water += other.unsafe_water;
        self.no_labour_capacity += other.no_labour_capacity;
        self.serious_illness_or_disability += other.serious_illness_or_disability;
    }
}

/// Counters for every town of the district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caseload {
    pub towns: Vec<Figures>,
}

impl Default for Caseload {
    fn default() -> Self {
        let mut f = Figures::default();
        f.ensure_shape();
        Caseload {
            towns: vec![f; Town::ALL.len()],
        }
    }
}

impl Caseload {
    fn town_mut(&mut self, town: Town) -> &mut Figures {
        if self.towns.len() < Town::ALL.len() {
            self.towns.resize(Town::ALL.len(), Figures::default());
        }
        let f = &mut self.towns[town.index()];
        f.ensure_shape();
        f
    }

    pub fn town(&self, town: Town) -> Figures {
        let mut f = self.towns.get(town.index()).cloned().unwrap_or_default();
        f.ensure_shape();
        f
    }

    /// The district: every town summed.
    pub fn district(&self) -> Figures {
        let mut total = Figures::default();
        total.ensure_shape();
        for f in &self.towns {
            total.add(f);
        }
        total
    }

    /// Count (`sign` = 1) or uncount (`sign` = -1) a household.
    pub fn apply_household(&mut self, h: &Household, sign: i64) {
        let f = self.town_mut(h.town);
        f.households += sign;
        f.persons += sign * h.members.len() as i64;
        let Some(category) = h.standing.category else {
            return;
        };
        f.by_category[category.index()] += sign;
        if h.standing.tags.contains(&Tag::RelapseWatch) {
            f.relapse_watch += sign;
        }
        if h.indicators.housing == Safety::Unsafe {
            f.unsafe_housing += sign;
        }
        if h.indicators.drinking_water == Safety::Unsafe {
            f.unsafe_water += sign;
        }
        if h.members.iter().any(|m| m.labour == LabourCapacity::None) {
            f.no_labour_capacity += sign;
        }
        if h.members
            .iter()
            .any(|m| m.seriously_ill() || m.severely_disabled())
        {
            f.serious_illness_or_disability += sign;
        }
    }

    /// Count (`sign` = 1) or uncount (`sign` = -1) a case.
    pub fn apply_case(&mut self, c: &Case, sign: i64) {
        let f = self.town_mut(c.town);
        f.by_stage[c.stage.index()] += sign;
    }
}
