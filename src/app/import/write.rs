//! Writing a checked plan: households with their confirmed cases, a batch of them per
//! transaction through `Store::save_all` (records, indexes, counters, one audit entry
//! each; all of a batch or none), under an import record
//! so a run cut off half-way is completed by running the same command again.

use chrono::NaiveDateTime;

use super::validate::{Level, Plan, Planned, Problem};
use crate::app::session::Actor;
use crate::app::AppError;
use crate::domain::case::{Case, CaseId, Channel, Decision, Review, Stage, Transition};
use crate::domain::household::{Household, HouseholdId};
use crate::domain::Label;
use crate::store::imports::ImportRecord;
use crate::store::{audit, AuditEntry, Change, Store};

/// What happens to one planned household.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    New,
    /// Already in the store exactly as in the file (a re-run, or a resumed import).
    Unchanged(HouseholdId),
    /// In the store with other details; left as it is (no `--update`).
    Skip(HouseholdId),
    /// Replaced by the file's details (`--update`): the household, and its confirmed
    /// case when it has one (otherwise a new confirmed case is added).
    Update(Box<Household>, Option<Box<Case>>),
}

/// Decide each household's action; a household that cannot be updated is a problem.
pub fn actions(
    store: &Store,
    plan: &Plan,
    update: bool,
) -> Result<(Vec<Action>, Vec<Problem>), AppError> {
    let mut out = Vec::with_capacity(plan.households.len());
    let mut problems = Vec::new();
    for p in &plan.households {
        let Some(hid) = p.existing else {
            out.push(Action::New);
            continue;
        };
        let stored = store
            .household(hid)?
            .ok_or_else(|| AppError::NotFound(audit::household_target(hid.0)))?;
        let mut mine = p.household.clone();
        mine.id = stored.id;
        mine.rev = stored.rev;
        let line = p.lines.first().copied().unwrap_or(0);
        let notice = |zh: String, en: String, level| Problem {
            line,
            column: String::new(),
            value: stored.head_name().to_string(),
            zh,
            en,
            level,
        };
        if mine == stored {
            problems.push(notice(
                format!("已在数据库中（家庭 {}），与文件一致，不再导入", hid.0),
                format!("already in the store (household {}) as in the file", hid.0),
                Level::Notice,
            ));
            out.push(Action::Unchanged(hid));
            continue;
        }
        if !update {
            problems.push(notice(format!("已在数据库中（家庭 {}），内容不同，跳过；要用文件更新请加 --update", hid.0), format!("already in the store (household {}) with other details: skipped; --update replaces them", hid.0), Level::Notice));
            out.push(Action::Skip(hid));
            continue;
        }
        let latest = match store.latest_case_of(hid)? {
            Some(c) => store.case(c)?,
            None => None,
        };
        if let Some(c) = latest.as_ref().filter(|c| c.stage.is_open()) {
            problems.push(notice(
                format!(
                    "家庭 {} 有在办案件（{}），不能用导入更新，请先办结",
                    hid.0,
                    c.stage.zh()
                ),
                format!(
                    "household {} has an open case ({}); finish it before updating by import",
                    hid.0,
                    c.stage.en()
                ),
                Level::Error,
            ));
            out.push(Action::Skip(hid));
            continue;
        }
        // Keep what the roster does not carry.
        mine.expenses = stored.expenses.clone();
        mine.assets = stored.assets.clone();
        mine.indicators = stored.indicators;
        mine.needs = stored.needs.clone();
        if mine.incomes.is_empty() {
            mine.incomes = stored.incomes.clone();
        }
        for m in &mut mine.members {
            if let Some(old) = stored.members.iter().find(|o| o.id == m.id) {
                m.employment = old.employment;
                m.schooling = old.schooling;
                m.carer = old.carer;
            }
        }
        let case = latest.filter(|c| c.stage == Stage::Confirmed).map(|mut c| {
            if let Some(r) = c.review.as_mut() {
                r.category = Some(p.category);
                r.proposed_benefit = p.benefit;
                r.date = p.confirmed_on;
            }
            c.decided_on = Some(p.confirmed_on);
            Box::new(c)
        });
        problems.push(notice(
            format!("已在数据库中（家庭 {}），将按文件更新", hid.0),
            format!(
                "already in the store (household {}): updated from the file",
                hid.0
            ),
            Level::Notice,
        ));
        out.push(Action::Update(Box::new(mine), case));
    }
    Ok((out, problems))
}

/// What the import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub households: u64,
    pub persons: u64,
    pub updated: u64,
    pub skipped: u64,
    pub unchanged: u64,
    /// New confirmed cases per category, in `Category::ALL` order.
    pub by_category: Vec<u64>,
    /// This run completed an import that an earlier run had started.
    pub resumed: bool,
}

/// Where the rows came from, as each case and audit entry records it.
fn source(file: &str, lines: &[u32]) -> String {
    let (lo, hi) = (lines.iter().min(), lines.iter().max());
    match (lo, hi) {
        (Some(lo), Some(hi)) if lo == hi => format!("{file} 第{lo}行"),
        (Some(lo), Some(hi)) if (hi - lo) as usize + 1 == lines.len() => {
            format!("{file} 第{lo}–{hi}行")
        }
        _ => {
            let l: Vec<String> = lines.iter().map(u32::to_string).collect();
            format!("{file} 第{}行", l.join("、"))
        }
    }
}

/// The confirmed case of an imported household.
pub fn confirmed_case(
    p: &Planned,
    household: HouseholdId,
    id: u64,
    by: &str,
    at: NaiveDateTime,
    from: &str,
) -> Case {
    let tags = p.household.standing.tags.clone();
    Case {
        id: CaseId(id),
        rev: 0,
        number: None,
        household,
        town: p.household.town,
        channel: Channel::OwnApplication,
        stage: Stage::Confirmed,
        applied_on: p.confirmed_on,
        accepted_on: Some(p.confirmed_on),
        deadline: None,
        investigation: None,
        review: Some(Review {
            proposed: Some(p.category),
            proposed_tags: tags,
            proposed_benefit: p.benefit,
            explanation: vec![format!("导入：{from}")],
            explanation_en: vec![format!("imported from {from}")],
            decision: Decision::ConfirmAsProposed,
            category: Some(p.category),
            reason: String::new(),
            date: p.confirmed_on,
        }),
        decided_on: Some(p.confirmed_on),
        history: vec![Transition {
            from: Stage::Draft,
            to: Stage::Confirmed,
            by: by.to_string(),
            at,
            reason: format!("批量导入：{from}"),
        }],
        // An imported roster entry is in force from its confirmation date.
        procedure: crate::domain::procedure::Procedure {
            effective_on: Some(p.confirmed_on),
            ..Default::default()
        },
    }
}

pub struct Job<'a> {
    pub store: &'a Store,
    pub actor: &'a Actor,
    pub now: NaiveDateTime,
    pub file: &'a str,
    pub sha256: &'a str,
}

/// Households written per transaction and flush: a flush costs about 3 ms on an
/// office disk, one per household made a 100,000-household import take minutes.
const BATCH: usize = 100;

/// For the process test: stop dead (as a kill would) after this many households.
fn abort_after() -> Option<u64> {
    std::env::var("SAFETYNET_IMPORT_ABORT_AFTER")
        .ok()?
        .parse()
        .ok()
}

/// Write every household of `plan` by its action; `progress(done, total)`.
pub fn write(
    job: &Job<'_>,
    plan: &Plan,
    actions: Vec<Action>,
    mut progress: impl FnMut(u64, u64),
) -> Result<Written, AppError> {
    let store = job.store;
    let record = store.import_record(job.sha256)?;
    let resumed = record.as_ref().is_some_and(|r| r.finished.is_none());
    if !resumed {
        if let Some(other) = store.unfinished_imports()?.into_iter().next() {
            return Err(AppError::Invalid(
                format!("上次导入的文件 {}（{} 由 {} 开始）没有完成：请先用同一文件再运行一次导入，把它导完", other.file, other.started.format("%Y-%m-%d %H:%M"), other.by),
                format!("the import of {} (started {} by {}) did not finish: run it again with the same file first", other.file, other.started.format("%Y-%m-%d %H:%M"), other.by),
            ));
        }
        store.put_import_record(&ImportRecord {
            sha256: job.sha256.to_string(),
            file: job.file.to_string(),
            by: job.actor.user.clone(),
            started: job.now,
            planned: plan.households.len() as u64,
            finished: None,
        })?;
    }
    let mut w = Written {
        resumed,
        by_category: vec![0; crate::domain::category::Category::ALL.len()],
        ..Written::default()
    };
    let total = plan.households.len() as u64;
    let stop = abort_after();
    let by = job.actor.user.as_str();
    let mut batch: Vec<Change> = Vec::with_capacity(BATCH);
    for (n, (p, action)) in plan.households.iter().zip(actions).enumerate() {
        let from = source(job.file, &p.lines);
        let entry = |action: &str, target: u64| {
            AuditEntry::new(job.now, by, action, audit::household_target(target))
                .with_note(format!("导入 / import: {from}"))
        };
        match action {
            Action::New => {
                let mut h = p.household.clone();
                h.id = HouseholdId(store.new_id()?);
                let case = confirmed_case(p, h.id, store.new_id()?, by, job.now, &from);
                let audit = entry("household.import", h.id.0);
                batch.push(Change {
                    household: Some(h),
                    case: Some(case),
                    number_case_in: None,
                    audit,
                });
                w.households += 1;
                w.persons += p.household.members.len() as u64;
                w.by_category[p.category.index()] += 1;
            }
            Action::Unchanged(_) => w.unchanged += 1,
            Action::Skip(_) => w.skipped += 1,
            Action::Update(h, case) => {
                let hid = h.id;
                let case = match case {
                    Some(c) => *c,
                    None => {
                        w.by_category[p.category.index()] += 1;
                        confirmed_case(p, hid, store.new_id()?, by, job.now, &from)
                    }
                };
                batch.push(Change {
                    household: Some(*h),
                    case: Some(case),
                    number_case_in: None,
                    audit: entry("household.import-update", hid.0),
                });
                w.updated += 1;
            }
        }
        let done = n as u64 + 1;
        if batch.len() >= BATCH || done == total {
            // One transaction and one flush for the whole batch: all or none.
            store.save_all(&batch)?;
            batch.clear();
            if stop.is_some_and(|s| w.households + w.updated >= s) {
                // As `kill -9` would: no cleanup, no flush beyond what each save did.
                let pid = std::process::id().to_string();
                let _ = std::process::Command::new("kill")
                    .args(["-KILL", &pid])
                    .status();
                std::process::abort();
            }
        }
        if done.is_multiple_of(200) || done == total {
            progress(done, total);
        }
    }
    Ok(w)
}

/// Mark the import finished and add its one summary entry to the audit trail.
pub fn finish(
    job: &Job<'_>,
    w: &Written,
    persons_in_file: usize,
    seconds: f64,
) -> Result<(), AppError> {
    let store = job.store;
    if let Some(mut r) = store.import_record(job.sha256)? {
        if r.finished.is_none() {
            r.finished = Some(job.now);
            store.put_import_record(&r)?;
        }
    }
    let cats: Vec<String> = crate::domain::category::Category::ALL
        .iter()
        .zip(&w.by_category)
        .map(|(c, n)| format!("{} {n}", c.zh()))
        .collect();
    let entry = AuditEntry::new(job.now, &job.actor.user, "store.import", "store".into())
        .with_change("sha256", String::new(), job.sha256.to_string())
        .with_change("households", String::new(), w.households.to_string())
        .with_change("persons", String::new(), w.persons.to_string())
        .with_change("updated", String::new(), w.updated.to_string())
        .with_change("skipped", String::new(), (w.skipped + w.unchanged).to_string())
        .with_note(format!(
            "导入 {}：新增 {} 户 {} 人（{}），更新 {} 户，跳过 {} 户；文件共 {} 户 {} 人；{}用时 {seconds:.1} 秒；SHA-256 {}",
            job.file,
            w.households,
            w.persons,
            cats.join("，"),
            w.updated,
            w.skipped + w.unchanged,
            w.households + w.updated + w.skipped + w.unchanged,
            persons_in_file,
            if w.resumed { "续完上次中断的导入，" } else { "" },
            job.sha256
        ));
    store.append_audit(entry)?;
    Ok(())
}
