//! A household (家庭): where it lives, who is in it, what it earns, spends and owns.

use crate::domain::category::{Category, Tag};
use crate::domain::income::{Asset, IncomeItem, RigidExpense};
use crate::domain::indicators::Indicators;
use crate::domain::member::Member;
use crate::domain::money::Money;
use crate::domain::need::Need;
use crate::domain::obligor::Obligor;
use crate::domain::town::{Area, Town};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// `HouseholdId(0)` (the default) is a household not stored yet.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct HouseholdId(pub u64);

/// Where the household stands in the low-income population once a case is decided.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    /// The confirmed category, while support lasts.
    pub category: Option<Category>,
    pub tags: Vec<Tag>,
    #[serde(default, with = "crate::domain::compact::opt")]
    pub since: Option<NaiveDate>,
    /// Marked by agriculture as a relapse-watch household (防返贫监测对象; DESIGN.md's
    /// glossary). Named `monitoring_target` before: household files written then still
    /// read (`alias`); stored records are bincode, where field names are not written.
    #[serde(alias = "monitoring_target")]
    pub relapse_watch: bool,
    /// Lifted out of poverty (脱贫人口).
    pub lifted_out_of_poverty: bool,
}

/// A household file (`safetynet explain`) may leave out what it does not have: the
/// fields marked `default` read as none (0, empty, not checked). Stored records are
/// bincode, which writes every field, so this changes nothing stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Household {
    #[serde(default)]
    pub id: HouseholdId,
    /// Record revision, bumped on every write; a stale write is refused.
    #[serde(default)]
    pub rev: u64,
    pub town: Town,
    pub village: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    pub area: Area,
    pub members: Vec<Member>,
    #[serde(default)]
    pub incomes: Vec<IncomeItem>,
    #[serde(default)]
    pub expenses: Vec<RigidExpense>,
    #[serde(default)]
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub indicators: Indicators,
    #[serde(default)]
    pub needs: Vec<Need>,
    #[serde(default)]
    pub standing: Standing,
    /// Legal obligors of the members (法定义务人), most living elsewhere: not counted in
    /// the household's size; what those living elsewhere pay is income.
    #[serde(default)]
    pub obligors: Vec<Obligor>,
}

impl Household {
    /// The head of household's name, or the first member's; empty for a household with no members yet.
    pub fn head_name(&self) -> &str {
        self.members
            .iter()
            .find(|m| m.relation == crate::domain::member::Relation::Head)
            .or(self.members.first())
            .map(|m| m.name.as_str())
            .unwrap_or("")
    }

    pub fn size(&self) -> usize {
        self.members.len()
    }

    /// Household annual income: the sum of every item annualised, plus the support paid
    /// by obligors living elsewhere, no rounding on the way.
    pub fn annual_income(&self) -> Money {
        self.incomes
            .iter()
            .map(|i| i.amount.annual())
            .sum::<Money>()
            + self.obligor_support()
    }

    /// Support paid per year by the obligors living elsewhere (counted as income).
    pub fn obligor_support(&self) -> Money {
        self.obligors
            .iter()
            .filter(|o| !o.lives_in_household)
            .map(|o| o.paid_yearly())
            .sum()
    }

    pub fn annual_rigid_expense(&self) -> Money {
        self.expenses.iter().map(|e| e.amount.annual()).sum()
    }

    /// Mixed urban and rural members.
    pub fn is_mixed_area(&self) -> bool {
        self.members.iter().any(|m| m.area != self.area)
    }
}
