//! Every row checked before anything is written: each value through the domain's
//! parsers, then the households (one head, the same town and category on every row),
//! then ID numbers unique in the file and against the store.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::map::{pick, Columns, Field, Mapping};
use super::read::{Row, Table};
use super::row::{facts, key_of, member, Ctx};
use crate::domain::category::{Category, Tag};
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::indicators::Indicators;
use crate::domain::member::Relation;
use crate::domain::money::Money;
use crate::domain::villages::Villages;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Stops the import.
    Error,
    /// Reported only (a household already in the store).
    Notice,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: u32,
    pub column: String,
    pub value: String,
    pub zh: String,
    pub en: String,
    pub level: Level,
}

/// A household ready to be written (its id is given when it is).
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    pub household: Household,
    pub category: Category,
    pub confirmed_on: NaiveDate,
    pub benefit: Option<Money>,
    /// File lines of its members.
    pub lines: Vec<u32>,
    /// The store's household holding its members, if any.
    pub existing: Option<HouseholdId>,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub households: Vec<Planned>,
    pub problems: Vec<Problem>,
    /// Persons in the households ready to be written.
    pub persons: usize,
    /// Households and person rows in the file, with errors or without.
    pub file_households: usize,
    pub file_rows: usize,
}

impl Plan {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.level == Level::Error)
            .count()
    }
}

/// Check every row of `table`; nothing is written.
pub fn validate(
    table: &Table,
    map: &Mapping,
    cols: &Columns,
    villages: &Villages,
    store: &Store,
    today: NaiveDate,
) -> Result<Plan, StoreError> {
    let mut ctx = Ctx {
        map,
        cols,
        villages,
        today,
        problems: Vec::new(),
    };
    // Households in order of their first row.
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Vec<&Row>> = HashMap::new();
    for row in &table.rows {
        match key_of(&ctx, row) {
            Some(k) => {
                let g = groups.entry(k.clone()).or_default();
                if g.is_empty() {
                    order.push(k);
                }
                g.push(row);
            }
            None => ctx.report(
                row,
                Field::HouseholdKey,
                (
                    "无法确定属于哪一户：户编号和户主身份证号都为空".into(),
                    "no household number and no head's ID number".into(),
                ),
            ),
        }
    }
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut plan = Plan {
        file_households: order.len(),
        file_rows: table.rows.len(),
        ..Plan::default()
    };
    for key in order {
        let rows = groups.remove(&key).unwrap_or_default();
        if let Some(p) = household(&mut ctx, &rows, &mut seen, store)? {
            plan.persons += p.household.members.len();
            plan.households.push(p);
        }
    }
    ctx.problems.sort_by_key(|p| (p.line, p.level));
    plan.problems = ctx.problems;
    Ok(plan)
}

fn household(
    ctx: &mut Ctx<'_>,
    rows: &[&Row],
    seen: &mut HashMap<String, u32>,
    store: &Store,
) -> Result<Option<Planned>, StoreError> {
    let heads: Vec<&&Row> = rows
        .iter()
        .filter(|r| pick(Relation::ALL, &ctx.word(r, Field::Relation)) == Some(Relation::Head))
        .collect();
    let first = rows.first().copied();
    let Some(head_row) = heads.first().copied().copied().or(first) else {
        return Ok(None);
    };
    let before = ctx.problems.len();
    if heads.len() > 1 {
        let lines: Vec<String> = heads.iter().map(|r| r.line.to_string()).collect();
        for r in &heads {
            ctx.report(
                r,
                Field::Relation,
                (
                    format!(
                        "同一户有{}个户主（第{}行），每户只能有一个",
                        heads.len(),
                        lines.join("、")
                    ),
                    format!(
                        "the household has {} heads (lines {}); it may have one",
                        heads.len(),
                        lines.join(", ")
                    ),
                ),
            );
        }
    } else if heads.is_empty() {
        ctx.report(
            head_row,
            Field::Relation,
            (
                "这一户没有户主（与户主关系须有一行为“户主”）".into(),
                "the household has no head".into(),
            ),
        );
    }
    let facts = facts(ctx, head_row);
    // Household-level columns on the other rows: empty or the same as the head's.
    for r in rows.iter().filter(|r| r.line != head_row.line) {
        for f in Field::ALL.iter().filter(|f| f.household_level()) {
            let mine = ctx.word(r, *f);
            let heads = ctx.word(head_row, *f);
            if !mine.is_empty() && mine != heads {
                ctx.report(
                    r,
                    *f,
                    (
                        format!("与本户户主行（第{}行）的“{heads}”不一致", head_row.line),
                        format!("differs from the head's line {} ('{heads}')", head_row.line),
                    ),
                );
            }
        }
    }
    let area = facts.as_ref().map(|f| f.area);
    let mut members = Vec::new();
    let mut holders = BTreeSet::new();
    for r in rows {
        let Some(m) = member(ctx, r, area) else {
            continue;
        };
        if let Some(line) = seen.get(m.id.as_str()) {
            ctx.report(
                r,
                Field::Id,
                (
                    format!("与第{line}行是同一人（身份证号重复）"),
                    format!("the same person as line {line} (repeated ID number)"),
                ),
            );
            continue;
        }
        seen.insert(m.id.as_str().to_string(), r.line);
        if let Some(h) = store.household_of(&m.id)? {
            holders.insert(h);
        }
        members.push(m);
    }
    if holders.len() > 1 {
        let ids: Vec<String> = holders.iter().map(|h| h.0.to_string()).collect();
        ctx.report(
            head_row,
            Field::Id,
            (
                format!(
                    "本户成员已分属数据库中不同的家庭（{}），请核对",
                    ids.join("、")
                ),
                format!(
                    "members are already in different households of the store ({})",
                    ids.join(", ")
                ),
            ),
        );
    }
    if ctx.problems.len() > before {
        return Ok(None);
    }
    let Some(f) = facts else { return Ok(None) };
    let incomes = f
        .income
        .map(|m| IncomeItem {
            kind: IncomeKind::Other,
            member: None,
            amount: Amount::yearly(m),
            note: String::new(),
        })
        .into_iter()
        .collect();
    let household = Household {
        id: HouseholdId(0),
        rev: 0,
        town: f.town,
        village: f.village,
        address: f.address,
        phone: f.phone,
        area: f.area,
        members,
        incomes,
        expenses: Vec::new(),
        assets: Vec::new(),
        indicators: Indicators::default(),
        needs: Vec::new(),
        standing: Standing {
            category: Some(f.category),
            tags: if f.relapse_watch {
                vec![Tag::RelapseWatch]
            } else {
                Vec::new()
            },
            since: Some(f.confirmed_on),
            relapse_watch: f.relapse_watch,
            lifted_out_of_poverty: f.lifted,
        },
        obligors: Vec::new(),
    };
    Ok(Some(Planned {
        household,
        category: f.category,
        confirmed_on: f.confirmed_on,
        benefit: f.benefit,
        lines: rows.iter().map(|r| r.line).collect(),
        existing: holders.first().copied(),
    }))
}
