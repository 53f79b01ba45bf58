//! Local standards as data (`assets/standards.toml`), effective-dated.
//!
//! A [`StandardSet`] covers one period (`from`..=`to`, both inclusive) and holds the
//! common rules plus one [`AreaStandard`] for urban and one for rural registration.
//! Every value is a [`Setting`] that says whether the district has confirmed it; values
//! the seed document does not give ship as illustrative (`confirmed = false`).
//! A case is judged by the set in force on its application date; a date no set covers
//! is an error the clerk sees, never a silent default.

mod access;
mod clauses;
mod diff;
mod error;
mod fields;
mod text;

#[cfg(test)]
mod tests;

pub use clauses::{Cite, Clause, Clauses};
pub use diff::{diff, Change};
pub use error::{Problem, StandardsError};
pub use fields::{AreaField, FieldRef, Rounding, RuleField, Value};

use crate::domain::income::Period;
use crate::domain::label::Label;
use crate::domain::money::Money;
use crate::domain::town::Area;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The standards file shipped with the program.
pub const BUNDLED_TOML: &str = include_str!("../../../assets/standards.toml");

/// One value and whether the district has confirmed it (illustrative values are not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Setting<T> {
    pub value: T,
    pub confirmed: bool,
}

impl<T> Setting<T> {
    pub fn confirmed(value: T) -> Setting<T> {
        Setting {
            value,
            confirmed: true,
        }
    }

    pub fn illustrative(value: T) -> Setting<T> {
        Setting {
            value,
            confirmed: false,
        }
    }
}

/// Rules that do not depend on urban/rural registration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// 60: this age and over counts as elderly (no labour, destitute criterion).
    pub elderly_age: Setting<u32>,
    /// 18: under this age counts as a minor (no labour, destitute criterion).
    pub minor_age: Setting<u32>,
    /// Rigid spending above this share (percent) of household income.
    pub rigid_share_percent: Setting<u32>,
    /// Taper period (渐退期) in months after income rises above the dibao standard.
    pub taper_months: Setting<u32>,
    /// Review within this many working days of acceptance.
    pub review_working_days: Setting<u32>,
    /// Refuse dibao to households with an able working-age member and no severe
    /// illness or disability (a local practice).
    pub refuse_able_working_age: Setting<bool>,
    /// A member caring for a severely ill or disabled relative is not counted as labour.
    pub exempt_carers: Setting<bool>,
    /// How the monthly dibao gap is rounded.
    pub benefit_rounding: Setting<Rounding>,
    /// The destitute test (特困人员认定办法, 民发〔2021〕43号), kept apart from the dibao
    /// labour count above.
    pub destitute: DestituteRules,
}

/// The thresholds of 《特困人员认定办法》（民发〔2021〕43号）, each a setting: the national
/// values ship confirmed; a province may add cases (第五条（四）、第八条（六）).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestituteRules {
    /// 60: elderly (第四条; no labour capacity, 第五条（一）).
    pub elderly_age: Setting<u32>,
    /// 18: a minor (第四条; support lasts to 18, 第十条).
    pub minor_age: Setting<u32>,
    /// 16: under this age no labour capacity (第五条（二）).
    pub child_no_labour_age: Setting<u32>,
    /// Per disability kind, grades 1 to this mean no labour capacity; 0 = never
    /// (第五条（三）: intellectual and mental 1–3, physical 1–2, visual 1).
    pub grade_intellectual: Setting<u32>,
    pub grade_mental: Setting<u32>,
    pub grade_physical: Setting<u32>,
    pub grade_visual: Setting<u32>,
    pub grade_hearing: Setting<u32>,
    pub grade_speech: Setting<u32>,
    pub grade_multiple: Setting<u32>,
    /// A member recorded "no labour capacity" counts as such (a provincial case,
    /// 第五条（四）).
    pub recorded_no_labour: Setting<bool>,
    /// 60: a dibao recipient from this age is unable to support (第八条（二）).
    pub obligor_dibao_age: Setting<u32>,
    /// 70: from this age, own income below last year's disposable income and assets
    /// within limits, unable to support (第八条（三）).
    pub obligor_elderly_age: Setting<u32>,
}

impl DestituteRules {
    /// The national values of 民发〔2021〕43号, for a standards file written before these
    /// settings existed (the bundled file states them; see `assets/standards.toml`).
    pub fn national() -> DestituteRules {
        let n = Setting::confirmed;
        DestituteRules {
            elderly_age: n(60),
            minor_age: n(18),
            child_no_labour_age: n(16),
            grade_intellectual: n(3),
            grade_mental: n(3),
            grade_physical: n(2),
            grade_visual: n(1),
            grade_hearing: n(0),
            grade_speech: n(0),
            grade_multiple: n(0),
            recorded_no_labour: Setting::illustrative(true),
            obligor_dibao_age: n(60),
            obligor_elderly_age: n(70),
        }
    }

    /// The highest grade of `kind` that means no labour capacity (0: none).
    pub fn no_labour_grade(&self, kind: crate::domain::member::DisabilityKind) -> u32 {
        use crate::domain::member::DisabilityKind as K;
        match kind {
            K::Intellectual => self.grade_intellectual.value,
            K::Mental => self.grade_mental.value,
            K::Physical => self.grade_physical.value,
            K::Visual => self.grade_visual.value,
            K::Hearing => self.grade_hearing.value,
            K::Speech => self.grade_speech.value,
            K::Multiple => self.grade_multiple.value,
        }
    }
}

/// Money standards for one registration area. `dibao` and `marginal` are per person and
/// stated per `basis` (urban per month, rural per year); the other amounts say their
/// period in their name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaStandard {
    pub basis: Setting<Period>,
    pub dibao: Setting<Money>,
    /// Marginal-family standard = the monitoring line (监测线).
    pub marginal: Setting<Money>,
    /// The marginal standard as a percentage of the dibao standard (130 = 1.3 ×).
    pub marginal_multiplier_percent: Setting<u32>,
    /// Last year's local per-capita disposable income, per year.
    pub disposable_income_yearly: Setting<Money>,
    /// Deposits and securities per person up to this many months of the dibao standard.
    pub deposit_months: Setting<u32>,
    /// Total value of the household's vehicles allowed (0: no vehicle allowed).
    pub vehicle_value_limit: Setting<Money>,
    /// Dwellings allowed (a second dwelling fails the asset test when this is 1).
    pub dwellings_allowed: Setting<u32>,
    pub destitute_scattered_monthly: Setting<Money>,
    pub destitute_centralised_monthly: Setting<Money>,
    /// Classified supplement (分类施保) per eligible dibao member per month.
    pub classified_supplement_monthly: Setting<Money>,
}

impl AreaStandard {
    /// A per-person standard stated per `basis`, as a yearly total for `members` people.
    /// Comparing the household's annual income with this keeps every test in whole fen.
    pub fn yearly_total(&self, per_person: Money, members: i64) -> Money {
        match self.basis.value {
            Period::Monthly => per_person.times(12).times(members),
            Period::Yearly => per_person.times(members),
        }
    }

    /// "每月" / "每年" of the basis.
    pub fn basis_label(&self) -> (&'static str, &'static str) {
        match self.basis.value {
            Period::Monthly => ("月", "monthly"),
            Period::Yearly => ("年", "yearly"),
        }
    }
}

/// The standards in force for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardSet {
    pub from: NaiveDate,
    /// Last day in force (inclusive).
    pub to: NaiveDate,
    pub note: String,
    pub rules: Rules,
    pub urban: AreaStandard,
    pub rural: AreaStandard,
}

impl StandardSet {
    pub fn area(&self, area: Area) -> &AreaStandard {
        match area {
            Area::Urban => &self.urban,
            Area::Rural => &self.rural,
        }
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// "2025-01-01–2025-12-31".
    pub fn span(&self) -> String {
        format!("{}–{}", self.from, self.to)
    }

    /// Every field with its value and confirmation, rules first, then urban, then rural.
    pub fn fields(&self) -> Vec<(FieldRef, Value, bool)> {
        FieldRef::all()
            .into_iter()
            .map(|f| {
                let (v, c) = self.get(f);
                (f, v, c)
            })
            .collect()
    }

    /// The fields not yet confirmed by the district.
    pub fn unconfirmed(&self) -> Vec<FieldRef> {
        self.fields()
            .into_iter()
            .filter(|(_, _, confirmed)| !confirmed)
            .map(|(f, _, _)| f)
            .collect()
    }
}

/// The standard for one area on one date, with the set it comes from.
#[derive(Debug, Clone, Copy)]
pub struct InForce<'a> {
    pub set: &'a StandardSet,
    pub area: Area,
    pub standard: &'a AreaStandard,
}

impl InForce<'_> {
    pub fn rules(&self) -> &Rules {
        &self.set.rules
    }
}

/// All standard sets, sorted by date and checked not to overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standards {
    sets: Vec<StandardSet>,
    /// The clauses the explanation cites (`[clauses]`).
    clauses: Clauses,
}

impl Standards {
    /// Check and sort the sets: dates in order, no two sets overlapping, at least one set.
    pub fn new(mut sets: Vec<StandardSet>) -> Result<Standards, StandardsError> {
        if sets.is_empty() {
            return Err(StandardsError::NoSets);
        }
        for s in &sets {
            if s.to < s.from {
                return Err(StandardsError::Set {
                    set: s.from.to_string(),
                    problem: Problem::DatesReversed {
                        from: s.from,
                        to: s.to,
                    },
                });
            }
            for f in FieldRef::all() {
                let (value, _) = s.get(f);
                fields::check_range(f, &value).map_err(|problem| StandardsError::Set {
                    set: s.from.to_string(),
                    problem,
                })?;
            }
        }
        sets.sort_by_key(|s| s.from);
        for pair in sets.windows(2) {
            if let [a, b] = pair {
                if b.from <= a.to {
                    return Err(StandardsError::Overlap {
                        first: a.span(),
                        second: b.span(),
                    });
                }
            }
        }
        Ok(Standards {
            sets,
            clauses: Clauses::default(),
        })
    }

    /// The clauses the explanation cites.
    pub fn clauses(&self) -> &Clauses {
        &self.clauses
    }

    /// A copy citing `clauses`.
    pub fn with_clauses(mut self, clauses: Clauses) -> Standards {
        self.clauses = clauses;
        self
    }

    /// Parse a standards file; errors name the set, the field and what is wrong.
    pub fn from_toml(text: &str) -> Result<Standards, StandardsError> {
        text::parse(text)
    }

    /// The standards shipped in `assets/standards.toml`.
    pub fn bundled() -> Result<Standards, StandardsError> {
        Standards::from_toml(BUNDLED_TOML)
    }

    /// Write the standards back as a commented TOML file that `from_toml` reads.
    pub fn to_toml(&self) -> String {
        text::write(self)
    }

    pub fn sets(&self) -> &[StandardSet] {
        &self.sets
    }

    /// The set in force on `date`.
    pub fn set_on(&self, date: NaiveDate) -> Result<&StandardSet, StandardsError> {
        self.sets
            .iter()
            .find(|s| s.covers(date))
            .ok_or(StandardsError::NotInForce { date, area: None })
    }

    /// The standard for `area` in force on `date`.
    pub fn in_force(&self, date: NaiveDate, area: Area) -> Result<InForce<'_>, StandardsError> {
        let set = self
            .sets
            .iter()
            .find(|s| s.covers(date))
            .ok_or(StandardsError::NotInForce {
                date,
                area: Some(area),
            })?;
        Ok(InForce {
            set,
            area,
            standard: set.area(area),
        })
    }

    /// Sets in force on any day from `from` to `to` (inclusive), in date order.
    pub fn sets_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<&StandardSet> {
        self.sets
            .iter()
            .filter(|s| s.from <= to && from <= s.to)
            .collect()
    }

    /// What the dashboard warns about on `date`: each unconfirmed value in force, in
    /// Chinese and English ("2025-01-01–2025-12-31 城市·低保标准 / urban · dibao standard"),
    /// or one line saying no standard is in force at all.
    pub fn unconfirmed_in_force(&self, date: NaiveDate) -> Vec<String> {
        match self.set_on(date) {
            Err(e) => vec![format!("{} / {}", e.zh(), e)],
            Ok(set) => set
                .unconfirmed()
                .into_iter()
                .map(|f| format!("{} {} / {}", set.span(), f.zh(), f.en()))
                .collect(),
        }
    }

    /// A copy with one value changed, for the standards screen. `text` is what the
    /// officer typed ("768", "768.50", "60", "是", "ceil_yuan"); the result is checked
    /// like a loaded file. Marks the value confirmed when `confirmed` says so.
    pub fn with_value(
        &self,
        set_from: NaiveDate,
        field: FieldRef,
        text: &str,
        confirmed: bool,
    ) -> Result<Standards, StandardsError> {
        let mut sets = self.sets.clone();
        let set = sets
            .iter_mut()
            .find(|s| s.from == set_from)
            .ok_or(StandardsError::NoSuchSet(set_from))?;
        let value = field
            .parse_text(text)
            .map_err(|problem| StandardsError::Set {
                set: set_from.to_string(),
                problem,
            })?;
        set.put(field, value, confirmed)
            .map_err(|problem| StandardsError::Set {
                set: set_from.to_string(),
                problem,
            })?;
        Ok(Standards::new(sets)?.with_clauses(self.clauses.clone()))
    }

    /// A copy with one more set (e.g. next year's, copied from this year's and edited).
    pub fn with_set(&self, set: StandardSet) -> Result<Standards, StandardsError> {
        let mut sets = self.sets.clone();
        sets.push(set);
        Ok(Standards::new(sets)?.with_clauses(self.clauses.clone()))
    }
}

/// "城市" / "urban" for error messages.
pub(crate) fn area_words(area: Area) -> (&'static str, &'static str) {
    (area.zh(), area.en())
}
