//! Caseload counters: the figures of the dashboard and `safetynet stats`.
//! Kept per town and maintained on every write (subtract the old record, add the new),
//! so the dashboard never scans the store.

use crate::domain::case::{Case, Stage};
use crate::domain::category::Category;
use crate::domain::drilldown::{figures_of, Figure, MonitoringLines};
use crate::domain::household::Household;
use crate::domain::town::Town;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Applications and confirmations in one calendar month (for the sparkline).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// `year * 12 + month - 1`, see [`month_key`].
    pub month: i32,
    /// Cases applied for in the month (every case past draft, by application date).
    pub applications: i64,
    /// Cases confirmed in the month (by decision date).
    pub confirmations: i64,
}

/// The month of a date as one sortable number.
pub fn month_key(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

/// Figures for one town (or, summed, for the district). Two are equal when they count
/// the same: a record written before a stage or category was added (a shorter list) and
/// a month whose counts went back to zero compare as the recount does.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Figures {
    pub households: i64,
    pub persons: i64,
    /// Cases by stage, indexed by `Stage::index()`.
    pub by_stage: Vec<i64>,
    /// Households in the low-income population by confirmed category, indexed by `Category::index()`.
    pub by_category: Vec<i64>,
    /// Low-income households tagged relapse watch (防返贫监测对象).
    pub relapse_watch: i64,
    /// Monitoring indicators across the low-income population (households).
    pub unsafe_housing: i64,
    pub unsafe_water: i64,
    pub no_labour_capacity: i64,
    pub serious_illness_or_disability: i64,
    /// Low-income households whose per-capita income is below the monitoring line
    /// (counted only while `Caseload::lines` is known).
    pub below_monitoring_line: i64,
    /// Applications and confirmations per month, sorted by month.
    pub months: Vec<MonthFigures>,
}

impl Figures {
    fn ensure_shape(&mut self) {
        self.by_stage.resize(Stage::ALL.len(), 0);
        self.by_category.resize(Category::ALL.len(), 0);
    }

    /// Every stage and category slot present, months with no count left out.
    fn normalised(&self) -> Figures {
        let mut f = self.clone();
        f.ensure_shape();
        f.months
            .retain(|m| m.applications != 0 || m.confirmations != 0);
        f
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

    /// The count behind a drill-down figure.
    pub fn figure(&self, f: Figure) -> i64 {
        match f {
            Figure::Destitute => self.category(Category::Destitute),
            Figure::Dibao => self.category(Category::Dibao),
            Figure::DibaoMarginal => self.category(Category::DibaoMarginal),
            Figure::RigidExpense => self.category(Category::RigidExpense),
            Figure::OtherHardship => self.category(Category::OtherHardship),
            Figure::RelapseWatch => self.relapse_watch,
            Figure::UnsafeHousing => self.unsafe_housing,
            Figure::UnsafeWater => self.unsafe_water,
            Figure::NoLabourCapacity => self.no_labour_capacity,
            Figure::SeriousIllnessOrDisability => self.serious_illness_or_disability,
            Figure::BelowMonitoringLine => self.below_monitoring_line,
        }
    }

    fn figure_mut(&mut self, f: Figure) -> &mut i64 {
        match f {
            Figure::Destitute => &mut self.by_category[Category::Destitute.index()],
            Figure::Dibao => &mut self.by_category[Category::Dibao.index()],
            Figure::DibaoMarginal => &mut self.by_category[Category::DibaoMarginal.index()],
            Figure::RigidExpense => &mut self.by_category[Category::RigidExpense.index()],
            Figure::OtherHardship => &mut self.by_category[Category::OtherHardship.index()],
            Figure::RelapseWatch => &mut self.relapse_watch,
            Figure::UnsafeHousing => &mut self.unsafe_housing,
            Figure::UnsafeWater => &mut self.unsafe_water,
            Figure::NoLabourCapacity => &mut self.no_labour_capacity,
            Figure::SeriousIllnessOrDisability => &mut self.serious_illness_or_disability,
            Figure::BelowMonitoringLine => &mut self.below_monitoring_line,
        }
    }

    fn month_mut(&mut self, month: i32) -> &mut MonthFigures {
        let i = match self.months.binary_search_by_key(&month, |m| m.month) {
            Ok(i) => i,
            Err(i) => {
                self.months.insert(
                    i,
                    MonthFigures {
                        month,
                        ..MonthFigures::default()
                    },
                );
                i
            }
        };
        &mut self.months[i]
    }

    /// `n` months ending with the month of `last`, oldest first (zero where none).
    pub fn month_series(&self, last: NaiveDate, n: usize) -> Vec<MonthFigures> {
        let end = month_key(last);
        (0..n as i32)
            .rev()
            .map(|back| {
                let month = end - back;
                self.months
                    .iter()
                    .find(|m| m.month == month)
                    .copied()
                    .unwrap_or(MonthFigures {
                        month,
                        ..MonthFigures::default()
                    })
            })
            .collect()
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
        self.below_monitoring_line += other.below_monitoring_line;
        for m in &other.months {
            let mine = self.month_mut(m.month);
            mine.applications += m.applications;
            mine.confirmations += m.confirmations;
        }
    }
}

impl PartialEq for Figures {
    fn eq(&self, other: &Figures) -> bool {
        let view = |f: &Figures| {
            let f = f.normalised();
            (
                [
                    f.households,
                    f.persons,
                    f.relapse_watch,
                    f.unsafe_housing,
                    f.unsafe_water,
                    f.no_labour_capacity,
                    f.serious_illness_or_disability,
                    f.below_monitoring_line,
                ],
                f.by_stage,
                f.by_category,
                f.months,
            )
        };
        view(self) == view(other)
    }
}

impl Eq for Figures {}

/// Counters for every town of the district (equal when every town's figures are).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Caseload {
    pub towns: Vec<Figures>,
    /// The monitoring line the income figure was counted by; `None` until known.
    /// When the line in force changes, the store recounts (`Store::recount_caseload`).
    pub lines: Option<MonitoringLines>,
}

impl Default for Caseload {
    fn default() -> Self {
        let mut f = Figures::default();
        f.ensure_shape();
        Caseload {
            towns: vec![f; Town::ALL.len()],
            lines: None,
        }
    }
}

impl PartialEq for Caseload {
    fn eq(&self, other: &Caseload) -> bool {
        self.lines == other.lines && Town::ALL.iter().all(|t| self.town(*t) == other.town(*t))
    }
}

impl Eq for Caseload {}

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
        let figures = figures_of(h, self.lines.as_ref());
        let f = self.town_mut(h.town);
        f.households += sign;
        f.persons += sign * h.members.len() as i64;
        for figure in figures {
            *f.figure_mut(figure) += sign;
        }
    }

    /// Count (`sign` = 1) or uncount (`sign` = -1) a case.
    pub fn apply_case(&mut self, c: &Case, sign: i64) {
        let f = self.town_mut(c.town);
        f.by_stage[c.stage.index()] += sign;
        if c.stage != Stage::Draft {
            f.month_mut(month_key(c.applied_on)).applications += sign;
        }
        if let Some(d) = c.decided_on.filter(|_| c.stage == Stage::Confirmed) {
            f.month_mut(month_key(d)).confirmations += sign;
        }
    }
}

/// The counters of `stored` that differ from `recount`, named for `check` (Chinese,
/// English): the town, the counter, both values. Months are named `YYYY-MM`.
pub fn differences(stored: &Caseload, recount: &Caseload) -> Vec<(String, String)> {
    use crate::domain::label::Label;
    let mut out = Vec::new();
    if stored.lines != recount.lines {
        out.push((
            "监测线不同".to_string(),
            "the monitoring line differs".to_string(),
        ));
    }
    for town in Town::ALL {
        let (a, b) = (stored.town(*town), recount.town(*town));
        let mut say = |zh: &str, en: &str, x: i64, y: i64| {
            if x != y {
                out.push((
                    format!("{} {zh}：记录 {x}，重新计数 {y}", town.zh()),
                    format!("{} {en}: stored {x}, recount {y}", town.en()),
                ));
            }
        };
        say("户数", "households", a.households, b.households);
        say("人数", "persons", a.persons, b.persons);
        for s in Stage::ALL {
            say(s.zh(), s.en(), a.stage(*s), b.stage(*s));
        }
        for (i, c) in Category::ALL.iter().enumerate() {
            let get = |f: &Figures| f.by_category.get(i).copied().unwrap_or(0);
            say(c.zh(), c.en(), get(&a), get(&b));
        }
        say(
            "防返贫监测对象",
            "monitoring targets",
            a.relapse_watch,
            b.relapse_watch,
        );
        say(
            "住房不安全",
            "unsafe housing",
            a.unsafe_housing,
            b.unsafe_housing,
        );
        say("饮水不安全", "unsafe water", a.unsafe_water, b.unsafe_water);
        say(
            "无劳动能力",
            "no labour capacity",
            a.no_labour_capacity,
            b.no_labour_capacity,
        );
        say(
            "重病重残",
            "serious illness or disability",
            a.serious_illness_or_disability,
            b.serious_illness_or_disability,
        );
        say(
            "低于监测线",
            "below the monitoring line",
            a.below_monitoring_line,
            b.below_monitoring_line,
        );
        let months: std::collections::BTreeSet<i32> =
            a.months.iter().chain(&b.months).map(|m| m.month).collect();
        for m in months {
            let of = |f: &Figures| {
                f.months
                    .iter()
                    .find(|x| x.month == m)
                    .copied()
                    .unwrap_or(MonthFigures {
                        month: m,
                        ..MonthFigures::default()
                    })
            };
            let (x, y) = (of(&a), of(&b));
            let month = format!("{}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1);
            say(
                &format!("{month} 申请"),
                &format!("{month} applications"),
                x.applications,
                y.applications,
            );
            say(
                &format!("{month} 认定"),
                &format!("{month} confirmations"),
                x.confirmations,
                y.confirmations,
            );
        }
    }
    out
}

#[cfg(test)]
mod difference_tests {
    use super::*;
    use crate::domain::label::Label;

    #[test]
    fn counters_written_before_a_stage_was_added_equal_their_recount() {
        // A store written before 公示中 (InNotice) was added holds one slot fewer per
        // town; `check` took that for a drift ("统计数字与重新计数不符 1").
        let recount = Caseload::default();
        let mut stored = Caseload::default();
        for t in &mut stored.towns {
            t.by_stage.pop();
        }
        stored.towns.pop();
        assert_eq!(stored, recount);
        assert!(differences(&stored, &recount).is_empty());
        // A month whose counts went back to zero is no difference either.
        stored.town_mut(Town::ALL[0]).month_mut(24300).applications = 0;
        assert_eq!(stored, recount);
        // A real difference is one.
        stored.town_mut(Town::ALL[1]).persons = 1;
        assert_ne!(stored, recount);
        assert_eq!(differences(&stored, &recount).len(), 1);
    }

    #[test]
    fn each_differing_counter_is_named_with_its_town_and_both_values() {
        let mut stored = Caseload::default();
        let recount = Caseload::default();
        assert!(differences(&stored, &recount).is_empty());
        let town = Town::ALL[0];
        stored.town_mut(town).by_stage[Stage::Confirmed.index()] = 3;
        stored
            .town_mut(town)
            .month_mut(month_key(
                NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
            ))
            .confirmations = 1;
        let d = differences(&stored, &recount);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[0].1,
            format!(
                "{} {}: stored 3, recount 0",
                town.en(),
                Stage::Confirmed.en()
            )
        );
        assert_eq!(
            d[1].1,
            format!("{} 2026-03 confirmations: stored 1, recount 0", town.en())
        );
    }
}
