//! One row of the roster read into a member and, from the head's row, the household's
//! facts; every refusal becomes a report line for that row and column.

use chrono::NaiveDate;

use super::cells::{self, Wrong};
use super::map::{pick, yes_no, Columns, Field, Mapping};
use super::read::{Cell, Row};
use super::validate::{Level, Problem};
use crate::domain::category::Category;
use crate::domain::member::{Disability, DisabilityKind, Health, LabourCapacity, Member, Relation};
use crate::domain::money::Money;
use crate::domain::town::{Area, Town};
use crate::domain::villages::{town_key, Villages};
use crate::domain::Label;

pub struct Ctx<'a> {
    pub map: &'a Mapping,
    pub cols: &'a Columns,
    pub villages: &'a Villages,
    pub today: NaiveDate,
    pub problems: Vec<Problem>,
}

impl Ctx<'_> {
    pub fn cell<'r>(&self, row: &'r Row, f: Field) -> &'r Cell {
        self.cols.of(f).map_or(&Cell::Empty, |c| row.cell(c))
    }

    pub fn report(&mut self, row: &Row, f: Field, (zh, en): Wrong) {
        self.problems.push(Problem {
            line: row.line,
            column: self.cols.header(f),
            value: self.cell(row, f).shown(),
            zh,
            en,
            level: Level::Error,
        });
    }

    /// The cell's text with the mapping's word for it.
    pub fn word(&self, row: &Row, f: Field) -> String {
        self.map
            .word(f, &cells::text(self.cell(row, f)))
            .to_string()
    }

    /// A labelled value; empty gives `default` (an error when `None`).
    fn choice<T: Label + Copy + std::fmt::Debug>(
        &mut self,
        row: &Row,
        f: Field,
        all: &[T],
        default: Option<T>,
    ) -> Option<T> {
        let w = self.word(row, f);
        if w.is_empty() {
            if default.is_none() {
                self.report(
                    row,
                    f,
                    (
                        format!("{}不能为空", f.header()),
                        format!("{} is empty", f.key()),
                    ),
                );
            }
            return default;
        }
        let found = pick(all, &w);
        if found.is_none() {
            let known: Vec<&str> = all.iter().map(|v| v.zh()).collect();
            self.report(
                row,
                f,
                (
                    format!(
                        "“{w}”不是可用的{}（可填：{}）",
                        f.header(),
                        known.join("、")
                    ),
                    format!("'{w}' is not a known {} ({})", f.key(), known.join(", ")),
                ),
            );
        }
        found
    }

    fn flag(&mut self, row: &Row, f: Field) -> bool {
        let w = self.word(row, f);
        yes_no(&w).unwrap_or_else(|| {
            self.report(
                row,
                f,
                (
                    format!("“{w}”应为 是 或 否"),
                    format!("'{w}' should be yes or no"),
                ),
            );
            false
        })
    }
}

/// Household-level facts as read from one row.
#[derive(Debug, Clone, PartialEq)]
pub struct HouseholdFacts {
    pub town: Town,
    pub village: String,
    pub area: Area,
    pub address: String,
    pub phone: String,
    pub category: Category,
    pub relapse_watch: bool,
    pub lifted: bool,
    pub confirmed_on: NaiveDate,
    pub benefit: Option<Money>,
    pub income: Option<Money>,
}

fn town_of(word: &str) -> Option<Town> {
    pick(Town::ALL, word).or_else(|| {
        Town::ALL.iter().copied().find(|t| {
            town_key(*t) == word || t.zh().trim_end_matches("街道").trim_end_matches('镇') == word
        })
    })
}

pub fn facts(ctx: &mut Ctx<'_>, row: &Row) -> Option<HouseholdFacts> {
    let tw = ctx.word(row, Field::Town);
    let town = town_of(&tw);
    if town.is_none() {
        let known: Vec<&str> = Town::ALL.iter().map(|t| t.zh()).collect();
        ctx.report(
            row,
            Field::Town,
            (
                format!("“{tw}”不是本区的镇或街道（{}）", known.join("、")),
                format!("'{tw}' is not a town or street of the district"),
            ),
        );
    }
    let village = ctx.word(row, Field::Village);
    if let Some(t) = town {
        if !ctx.villages.of(t).contains(&village) {
            ctx.report(
                row,
                Field::Village,
                (
                    format!(
                        "“{village}”不在{}的村（社区）名单中（assets/villages.toml）",
                        t.zh()
                    ),
                    format!(
                        "'{village}' is not a village of {} (assets/villages.toml)",
                        t.en()
                    ),
                ),
            );
        }
    }
    let area = ctx.choice(row, Field::Area, Area::ALL, None);
    let category = ctx.choice(row, Field::Category, Category::ALL, None);
    let relapse_watch = ctx.flag(row, Field::RelapseWatch);
    let lifted = ctx.flag(row, Field::Lifted);
    let confirmed_on = match cells::date(ctx.cell(row, Field::ConfirmedOn), ctx.today) {
        Ok(d) => Some(d),
        Err(w) => {
            ctx.report(row, Field::ConfirmedOn, w);
            None
        }
    };
    let mut amount = |f: Field| match cells::money(ctx.cell(row, f)) {
        Ok(m) => Some(m),
        Err(w) => {
            ctx.report(row, f, w);
            None
        }
    };
    let benefit = amount(Field::Benefit);
    let income = amount(Field::AnnualIncome);
    Some(HouseholdFacts {
        town: town?,
        village: village.clone(),
        area: area?,
        address: cells::text(ctx.cell(row, Field::Address)),
        phone: cells::text(ctx.cell(row, Field::Phone)),
        category: category?,
        relapse_watch,
        lifted,
        confirmed_on: confirmed_on?,
        benefit: benefit?,
        income: income?,
    })
}

pub fn member(ctx: &mut Ctx<'_>, row: &Row, area: Option<Area>) -> Option<Member> {
    let name = cells::text(ctx.cell(row, Field::Name));
    if name.is_empty() {
        ctx.report(
            row,
            Field::Name,
            ("姓名不能为空".into(), "the name is empty".into()),
        );
    }
    let id = match cells::resident_id(ctx.cell(row, Field::Id)) {
        Ok(id) => Some(id),
        Err(w) => {
            ctx.report(row, Field::Id, w);
            None
        }
    };
    let relation = ctx.choice(row, Field::Relation, Relation::ALL, None);
    let default_labour = id.as_ref().map(|id| {
        let age = id.age_on(ctx.today);
        if (18..60).contains(&age) {
            LabourCapacity::Full
        } else {
            LabourCapacity::None
        }
    });
    let labour = ctx.choice(
        row,
        Field::Labour,
        LabourCapacity::ALL,
        default_labour.or(Some(LabourCapacity::None)),
    );
    let health = ctx.choice(row, Field::Health, Health::ALL, Some(Health::Healthy));
    let kind = if ctx.word(row, Field::DisabilityKind).is_empty() {
        None
    } else {
        ctx.choice(row, Field::DisabilityKind, DisabilityKind::ALL, None)
    };
    let grade_word = ctx.word(row, Field::DisabilityGrade);
    let grade = match grade_word.parse::<u8>() {
        Ok(g) if (1..=4).contains(&g) => Some(g),
        _ if grade_word.is_empty() => None,
        _ => {
            ctx.report(
                row,
                Field::DisabilityGrade,
                (
                    format!("残疾等级“{grade_word}”应为 1–4"),
                    "the disability grade must be 1 to 4".into(),
                ),
            );
            None
        }
    };
    let disability = match (kind, grade) {
        (Some(kind), Some(grade)) => Some(Disability { kind, grade }),
        (None, None) => None,
        (Some(_), None) if grade_word.is_empty() => {
            ctx.report(
                row,
                Field::DisabilityGrade,
                (
                    "填了残疾类别，也要填残疾等级".into(),
                    "a disability needs its grade".into(),
                ),
            );
            None
        }
        (None, Some(_)) => {
            ctx.report(
                row,
                Field::DisabilityKind,
                (
                    "填了残疾等级，也要填残疾类别".into(),
                    "a disability grade needs its kind".into(),
                ),
            );
            None
        }
        _ => None,
    };
    Some(Member {
        name: (!name.is_empty()).then_some(name)?,
        id: id?,
        relation: relation?,
        area: area?,
        labour: labour?,
        health: health?,
        disability,
        employment: crate::domain::member::Employment::NotWorking,
        schooling: crate::domain::member::Schooling::NotInSchool,
        carer: false,
    })
}

/// The household a row belongs to: its household number, or the head's ID number.
pub fn key_of(ctx: &Ctx<'_>, row: &Row) -> Option<String> {
    let own = cells::text(ctx.cell(row, Field::HouseholdKey));
    if !own.is_empty() {
        return Some(format!("k:{own}"));
    }
    let head = cells::id_text(ctx.cell(row, Field::HeadId)).ok()?;
    (!head.is_empty()).then(|| format!("h:{}", head.to_ascii_uppercase()))
}
