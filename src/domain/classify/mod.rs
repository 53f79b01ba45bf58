//! The classification engine: from a household and the standards, propose a category,
//! tags and a benefit, and explain every rule that fired or failed. Pure: no I/O.
//!
//! Order: Destitute > Dibao > DibaoMarginal > RigidExpense > OtherHardship (or none);
//! `RelapseWatch` is added for relapse-watch households (`Standing::relapse_watch`). The review meeting decides.
//!
//! 就高就宽: when two readings are possible — a household with urban and rural members,
//! or a case that straddles a change of standard ([`classify_span`]) — every reading is
//! evaluated and the most generous one is proposed: the more supported category first,
//! then the higher monthly benefit; on a tie the household's own area and the standard
//! of the application date win. The explanation says which readings were compared.

mod assets;
mod destitute;
mod explain;
mod income;
mod labour;
mod obligors;
mod reading;
mod rest;

#[cfg(test)]
mod tests;

pub use explain::{Line, Outcome, Rule};
pub use income::Figures;

use crate::domain::category::{Category, Tag};
use crate::domain::household::Household;
use crate::domain::income::NegativeError;
use crate::domain::label::Label;
use crate::domain::member::{Disability, GradeError};
use crate::domain::money::Money;
use crate::domain::standards::{Standards, StandardsError};
use crate::domain::town::Area;
use chrono::NaiveDate;
use reading::{evaluate, Evaluation};
use serde::{Deserialize, Serialize};

/// Proposed monthly cash: the dibao gap or destitute support, plus classified supplements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Benefit {
    pub base: Money,
    pub supplement: Money,
}

impl Benefit {
    pub fn total(self) -> Money {
        self.base + self.supplement
    }
}

/// Which standards the proposal used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub set_from: NaiveDate,
    pub set_to: NaiveDate,
    pub area: Area,
}

/// What the engine proposes to the review meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub category: Option<Category>,
    pub tags: Vec<Tag>,
    /// Monthly; zero for categories without cash.
    pub benefit: Benefit,
    pub figures: Figures,
    pub reading: Reading,
    /// Members (indexes) meeting the destitute criteria.
    pub destitute_members: Vec<usize>,
    /// Severely ill or disabled members of a marginal household who may be covered alone.
    pub single_person_cover: Vec<usize>,
    pub explanation: Vec<Line>,
}

impl Proposal {
    pub fn explanation_zh(&self) -> Vec<String> {
        self.explanation.iter().map(|l| l.zh.clone()).collect()
    }

    pub fn explanation_en(&self) -> Vec<String> {
        self.explanation.iter().map(|l| l.en.clone()).collect()
    }
}

/// Why a household could not be classified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClassifyError {
    #[error("the household has no members")]
    NoMembers,
    #[error("{what} item {item} belongs to member {member}, but the household has only {members}")]
    NoSuchMember {
        what: &'static str,
        item: usize,
        member: usize,
        members: usize,
    },
    #[error("{what} item {item}: {reason}")]
    Negative {
        what: &'static str,
        item: usize,
        reason: NegativeError,
    },
    #[error("{name} was born on {born}, after {on}: check the ID number")]
    BornAfter {
        name: String,
        born: NaiveDate,
        on: NaiveDate,
    },
    #[error("{name}: {reason}")]
    Grade { name: String, reason: GradeError },
    #[error(transparent)]
    Standards(#[from] StandardsError),
}

impl ClassifyError {
    pub fn zh(&self) -> String {
        match self {
            ClassifyError::NoMembers => "家庭没有成员，无法测算".into(),
            ClassifyError::NoSuchMember {
                what,
                item,
                member,
                members,
            } => {
                let w = if *what == "income" {
                    "收入"
                } else {
                    "刚性支出"
                };
                format!(
                    "第 {} 条{w}记在第 {} 名成员名下，但家庭只有 {members} 人",
                    item + 1,
                    member + 1
                )
            }
            ClassifyError::Negative { what, item, reason } => {
                let w = match *what {
                    "income" => "收入",
                    "expense" => "刚性支出",
                    _ => "财产",
                };
                format!("第 {} 条{w}：{}", item + 1, reason.zh())
            }
            ClassifyError::BornAfter { name, born, on } => {
                format!("{name} 的出生日期 {born} 晚于 {on}，请核对身份证号")
            }
            ClassifyError::Grade { name, reason } => format!("{name}：{}", reason.zh()),
            ClassifyError::Standards(e) => e.zh(),
        }
    }
}

/// Classify by the standards in force on the application date.
pub fn classify(
    household: &Household,
    standards: &Standards,
    application_date: NaiveDate,
) -> Result<Proposal, ClassifyError> {
    classify_span(household, standards, application_date, application_date)
}

/// Classify a case applied for on `applied_on` and judged on `judged_on` (e.g. the review
/// date): the standard of the application date must exist; any later standard in force
/// up to `judged_on` is compared too, and the more generous reading is proposed.
pub fn classify_span(
    household: &Household,
    standards: &Standards,
    applied_on: NaiveDate,
    judged_on: NaiveDate,
) -> Result<Proposal, ClassifyError> {
    check(household, applied_on)?;
    let first = standards.set_on(applied_on)?;
    let until = judged_on.max(applied_on);
    let mut sets = vec![first];
    sets.extend(
        standards
            .sets_between(applied_on, until)
            .into_iter()
            .filter(|s| s.from > first.from),
    );
    let mut areas = vec![household.area];
    for m in &household.members {
        if !areas.contains(&m.area) {
            areas.push(m.area);
        }
    }
    let figures = income::figures(household);
    let mut readings: Vec<Evaluation> = Vec::new();
    for set in &sets {
        for a in &areas {
            readings.push(evaluate(
                household,
                &figures,
                set,
                standards.clauses(),
                *a,
                applied_on,
            ));
        }
    }
    let best = pick(&readings);
    let mut explanation = income::figure_lines(household, &figures);
    explanation.extend(generous_lines(
        household,
        &readings,
        best,
        (applied_on, until),
        standards,
    ));
    // There is always at least one reading: one set and the household's own area.
    let Some(chosen) = readings.get(best) else {
        return Err(ClassifyError::NoMembers);
    };
    explanation.extend(chosen.lines.iter().cloned());
    let mut tags = Vec::new();
    if household.standing.relapse_watch {
        tags.push(Tag::RelapseWatch);
    }
    Ok(Proposal {
        category: chosen.category,
        tags,
        benefit: chosen.benefit,
        figures,
        reading: Reading {
            set_from: chosen.set.from,
            set_to: chosen.set.to,
            area: chosen.area,
        },
        destitute_members: chosen.destitute_members.clone(),
        single_person_cover: chosen.single_person_cover.clone(),
        explanation,
    })
}

fn check(h: &Household, on: NaiveDate) -> Result<(), ClassifyError> {
    let members = h.size();
    if members == 0 {
        return Err(ClassifyError::NoMembers);
    }
    for m in &h.members {
        if m.birth_date() > on {
            return Err(ClassifyError::BornAfter {
                name: m.name.clone(),
                born: m.birth_date(),
                on,
            });
        }
        if let Some(d) = m.disability {
            Disability::new(d.kind, d.grade).map_err(|reason| ClassifyError::Grade {
                name: m.name.clone(),
                reason,
            })?;
        }
    }
    let negative = |what, item, r: Result<(), NegativeError>| {
        r.map_err(|reason| ClassifyError::Negative { what, item, reason })
    };
    for (i, x) in h.incomes.iter().enumerate() {
        negative("income", i, x.validate())?;
    }
    for (i, x) in h.expenses.iter().enumerate() {
        negative("expense", i, x.validate())?;
    }
    for (i, x) in h.assets.iter().enumerate() {
        negative("asset", i, x.validate())?;
    }
    let incomes = h.incomes.iter().map(|i| i.member);
    let expenses = h.expenses.iter().map(|e| e.member);
    for (what, list) in [
        ("income", incomes.collect::<Vec<_>>()),
        ("expense", expenses.collect()),
    ] {
        for (item, member) in list.into_iter().enumerate() {
            if let Some(member) = member.filter(|m| *m >= members) {
                return Err(ClassifyError::NoSuchMember {
                    what,
                    item,
                    member,
                    members,
                });
            }
        }
    }
    Ok(())
}

/// Higher is more supported: Destitute 5 … OtherHardship 1, none 0.
fn rank(c: Option<Category>) -> usize {
    c.map_or(0, |c| Category::ALL.len() - c.index())
}

/// The most generous reading; the first one wins ties.
fn pick(readings: &[Evaluation]) -> usize {
    let mut best = 0;
    for (i, r) in readings.iter().enumerate() {
        let b = &readings[best];
        let key = (rank(r.category), r.benefit.total());
        if key > (rank(b.category), b.benefit.total()) {
            best = i;
        }
    }
    best
}

fn outcome(e: &Evaluation) -> (String, String) {
    let (zh, en) = e
        .category
        .map_or(("不符合四类条件", "none of the categories"), |c| {
            (c.zh(), c.en())
        });
    (
        format!(
            "{} {}标准：{zh}，月待遇 {} 元",
            e.set.span(),
            e.area.zh(),
            e.benefit.total()
        ),
        format!(
            "{} {} standards: {en}, {} yuan a month",
            e.set.span(),
            e.area.en(),
            e.benefit.total()
        ),
    )
}

fn generous_lines(
    h: &Household,
    readings: &[Evaluation],
    best: usize,
    (applied_on, until): (NaiveDate, NaiveDate),
    standards: &Standards,
) -> Vec<Line> {
    let mut lines = Vec::new();
    let mixed = readings.iter().any(|r| r.area != h.area);
    let straddles = readings.iter().any(|r| r.set.from != readings[0].set.from);
    if until > applied_on && standards.set_on(until).is_err() {
        lines.push(Line::note(
            Rule::Generous,
            format!("{until} 没有生效的标准，仅按已有标准比较"),
            format!(
                "no standard is in force on {until}; only the standards available were compared"
            ),
        ));
    }
    if readings.len() < 2 {
        return lines;
    }
    let Some(chosen) = readings.get(best) else {
        return lines;
    };
    if mixed {
        let urban = h.members.iter().filter(|m| m.area == Area::Urban).count();
        let rural = h.size() - urban;
        lines.push(Line::note(
            Rule::Generous,
            format!(
                "城乡户籍混合家庭（城市 {urban} 人、农村 {rural} 人），按就高就宽原则分别以城市、农村标准测算，采用较优的{}标准",
                chosen.area.zh()
            ),
            format!(
                "mixed household ({urban} urban, {rural} rural): judged by both urban and rural standards, the more generous {} reading is used",
                chosen.area.en()
            ),
        ));
    }
    if straddles {
        lines.push(Line::note(
            Rule::Generous,
            format!(
                "申请日 {applied_on} 至 {until} 跨越标准调整，按就高就宽原则采用较优的 {} 起标准",
                chosen.set.from
            ),
            format!(
                "the case straddles a change of standard ({applied_on} to {until}): the more generous standard from {} is used",
                chosen.set.from
            ),
        ));
    }
    let key = |r: &Evaluation| (rank(r.category), r.benefit.total());
    if readings.iter().all(|r| key(r) == key(chosen)) {
        lines.push(Line::note(
            Rule::Generous,
            "各口径结果相同，按户籍所在地和申请日的标准列示",
            "every reading gives the same result; the household's own area and the application-date standard are shown",
        ));
    }
    for (i, r) in readings.iter().enumerate() {
        let (zh, en) = outcome(r);
        let mark = if i == best {
            ("（采用）", " (used)")
        } else {
            ("（比较）", " (compared)")
        };
        lines.push(Line::note(
            Rule::Generous,
            format!("{zh}{}", mark.0),
            format!("{en}{}", mark.1),
        ));
    }
    lines
}
