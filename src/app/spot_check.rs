//! 抽查: the district officer draws a reproducible sample of a town's decisions of a
//! period (the share from `assets/recheck.toml`, the seed from town and period), records
//! each check's outcome, lists them, and exports the list (.csv or .xlsx, ID numbers
//! masked: the list names households, it is not a roster). Every write is audited.

use std::path::Path;

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::access::Permission;
use crate::domain::case::{CaseId, Stage};
use crate::domain::category::Category;
use crate::domain::spot_check::{draw, seed, SpotCheck, SpotOutcome, SpotPeriod};
use crate::domain::town::Town;
use crate::domain::Label;
use crate::store::{AuditEntry, CaseFilter};

/// One drawn decision as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotRow {
    pub check: SpotCheck,
    pub head: String,
    pub head_id_masked: String,
    pub village: String,
    pub category: Option<Category>,
}

/// What a draw did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    pub period: SpotPeriod,
    /// Decisions of the town in the period.
    pub decisions: usize,
    pub share_percent: u32,
    pub seed: u64,
    pub drawn: Vec<SpotCheck>,
    /// The sample had been drawn before: shown again, nothing written.
    pub again: bool,
}

/// List rows read at a time.
const PAGE: usize = 2_000;

fn period_of(text: &str) -> Result<SpotPeriod, AppError> {
    SpotPeriod::parse(text).ok_or_else(|| {
        AppError::Invalid(
            format!("期间“{text}”无法识别：请写成 2026-03、2026Q1 或 2026"),
            format!("period \"{text}\" not understood: write 2026-03, 2026Q1 or 2026"),
        )
    })
}

fn spot_target(town: Town, period: &str) -> String {
    format!("spot:{}:{period}", town.code())
}

/// Draw the sample of `town`'s decisions (confirmed or refused) in `period`. Drawing a
/// period again gives back the sample already drawn.
pub fn draw_sample(
    services: &Services,
    actor: &Actor,
    town: Town,
    period: &str,
) -> Result<Draw, AppError> {
    actor.permit(Permission::DistrictChecks)?;
    let period = period_of(period)?;
    let share = super::recheck::settings(services)?.spot_check.share_percent;
    let the_seed = seed(town, &period.name);
    let store = &services.store;
    let mut decided = Vec::new();
    let filter = CaseFilter {
        town: Some(town),
        stage: None,
    };
    let mut rows = Vec::new();
    loop {
        let page = store.case_rows(filter, rows.len(), PAGE)?;
        let done = page.len() < PAGE;
        rows.extend(page);
        if done {
            break;
        }
    }
    for row in rows {
        let Some(c) = store.case(row.case)? else {
            continue;
        };
        let is_decision = matches!(c.stage, Stage::Confirmed | Stage::Rejected);
        if let Some(d) = c.decided_on.filter(|d| is_decision && period.contains(*d)) {
            decided.push((c, d));
        }
    }
    let existing = store.spot_checks(town, &period.name)?;
    if !existing.is_empty() {
        return Ok(Draw {
            period,
            decisions: decided.len(),
            share_percent: share,
            seed: the_seed,
            drawn: existing,
            again: true,
        });
    }
    let ids: Vec<CaseId> = decided.iter().map(|(c, _)| c.id).collect();
    let picked = draw(&ids, the_seed, share);
    let today = services.today();
    decided.sort_by_key(|(c, _)| c.id);
    let checks: Vec<SpotCheck> = decided
        .iter()
        .filter(|(c, _)| picked.contains(&c.id))
        .map(|(c, d)| SpotCheck {
            rev: 0,
            town,
            period: period.name.clone(),
            case: c.id,
            household: c.household,
            number: c.number,
            stage: c.stage,
            decided_on: *d,
            drawn_on: today,
            drawn_by: actor.user.clone(),
            seed: the_seed,
            outcome: SpotOutcome::Pending,
            note: String::new(),
            checked_by: None,
            checked_on: None,
        })
        .collect();
    if checks.is_empty() {
        return Err(AppError::Invalid(
            format!("{}在 {} 没有审核确认决定，无可抽查", town.zh(), period.name),
            format!(
                "{} made no decisions in {}: nothing to draw",
                town.en(),
                period.name
            ),
        ));
    }
    let audit = AuditEntry::new(
        services.now(),
        &actor.user,
        "case.spot_draw",
        spot_target(town, &period.name),
    )
    .with_note(format!(
        "{} {}：决定 {} 件，抽取 {} 件（{share}%，种子 {the_seed}） / {} {}: {} decisions, {} drawn ({share}%, seed {the_seed})",
        town.zh(),
        period.name,
        decided.len(),
        checks.len(),
        town.en(),
        period.name,
        decided.len(),
        checks.len()
    ));
    let drawn = store.save_spot_checks(&checks, audit)?;
    Ok(Draw {
        period,
        decisions: decided.len(),
        share_percent: share,
        seed: the_seed,
        drawn,
        again: false,
    })
}

/// Record what the check of one drawn case found (read at `rev`).
#[allow(clippy::too_many_arguments)]
pub fn record_outcome(
    services: &Services,
    actor: &Actor,
    town: Town,
    period: &str,
    case: CaseId,
    rev: u64,
    outcome: SpotOutcome,
    note: &str,
) -> Result<SpotCheck, AppError> {
    actor.permit(Permission::DistrictChecks)?;
    let period = period_of(period)?;
    let mut check = services
        .store
        .spot_checks(town, &period.name)?
        .into_iter()
        .find(|c| c.case == case)
        .ok_or_else(|| {
            AppError::NotFound(format!("spot:{}:{}:{}", town.code(), period.name, case.0))
        })?;
    if outcome == SpotOutcome::Pending {
        return Err(AppError::Invalid(
            "请选择核查结果：认定无误或发现问题".into(),
            "choose the outcome: decision upheld or problem found".into(),
        ));
    }
    if outcome == SpotOutcome::Flawed && note.trim().is_empty() {
        return Err(AppError::Invalid(
            "发现问题时请写明问题".into(),
            "say what the problem is".into(),
        ));
    }
    let before = check.outcome;
    check.rev = rev;
    check.outcome = outcome;
    check.note = note.trim().to_string();
    check.checked_by = Some(actor.user.clone());
    check.checked_on = Some(services.today());
    let audit = AuditEntry::new(
        services.now(),
        &actor.user,
        "case.spot_check",
        crate::store::audit::case_target(case.0),
    )
    .with_change("status", before.zh().into(), outcome.zh().into())
    .with_note(check.note.clone());
    let saved = services.store.save_spot_checks(&[check], audit)?;
    saved
        .into_iter()
        .next()
        .ok_or_else(|| AppError::NotFound(format!("case:{}", case.0)))
}

/// The drawn checks of a town (or every town for `None`) and period (or every period),
/// by town, period and case; the actor's own town only for town staff.
pub fn list(
    services: &Services,
    actor: &Actor,
    town: Option<Town>,
    period: Option<&str>,
) -> Result<Vec<SpotRow>, AppError> {
    actor.permit(Permission::DistrictChecks)?;
    let period = period.map(period_of).transpose()?;
    let mut out = Vec::new();
    for c in services.store.all_spot_checks()? {
        if town.is_some_and(|t| t != c.town) || !actor.sees(c.town) {
            continue;
        }
        if period.as_ref().is_some_and(|p| p.name != c.period) {
            continue;
        }
        let h = services.store.household(c.household)?;
        let head = h.as_ref().and_then(|h| {
            h.members
                .iter()
                .find(|m| m.relation == crate::domain::member::Relation::Head)
                .or(h.members.first())
        });
        let category = services
            .store
            .case(c.case)?
            .and_then(|c| c.review.and_then(|r| r.category));
        out.push(SpotRow {
            head: head.map(|m| m.name.clone()).unwrap_or_default(),
            head_id_masked: head.map(|m| m.id.masked()).unwrap_or_default(),
            village: h.map(|h| h.village).unwrap_or_default(),
            category,
            check: c,
        });
    }
    Ok(out)
}

const COLUMNS: [(&str, &str); 12] = [
    ("镇街", "town"),
    ("期间", "period"),
    ("案件编号", "case number"),
    ("村（社区）", "village"),
    ("户主", "head"),
    ("户主身份证号（隐去）", "head's ID (masked)"),
    ("决定", "decision"),
    ("认定类别", "category"),
    ("决定日期", "decided on"),
    ("核查结果", "outcome"),
    ("说明", "note"),
    ("核查人/日期", "checked by / on"),
];

fn cells(r: &SpotRow, english: bool) -> Vec<String> {
    let label = |l: &dyn Label| if english { l.en() } else { l.zh() }.to_string();
    let c = &r.check;
    vec![
        label(&c.town),
        c.period.clone(),
        c.number
            .map_or_else(|| format!("#{}", c.case.0), |n| n.to_string()),
        r.village.clone(),
        r.head.clone(),
        r.head_id_masked.clone(),
        label(&c.stage),
        r.category.map(|k| label(&k)).unwrap_or_default(),
        c.decided_on.to_string(),
        label(&c.outcome),
        c.note.clone(),
        match (&c.checked_by, c.checked_on) {
            (Some(by), Some(on)) => format!("{by} {on}"),
            _ => String::new(),
        },
    ]
}

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Write the list to FILE.csv (UTF-8 with a BOM) or FILE.xlsx; returns the rows written.
pub fn export(
    services: &Services,
    actor: &Actor,
    town: Option<Town>,
    period: Option<&str>,
    path: &Path,
    english: bool,
) -> Result<usize, AppError> {
    let rows = list(services, actor, town, period)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = |c: &(&'static str, &'static str)| -> &'static str {
        if english {
            c.1
        } else {
            c.0
        }
    };
    let io = |e: &dyn std::fmt::Display| AppError::Data(format!("{}: {e}", path.display()));
    match ext.as_str() {
        "csv" => {
            let mut out = String::from("\u{feff}");
            let h: Vec<String> = COLUMNS.iter().map(|c| csv_field(head(c))).collect();
            out.push_str(&h.join(","));
            out.push_str("\r\n");
            for r in &rows {
                let c: Vec<String> = cells(r, english).iter().map(|c| csv_field(c)).collect();
                out.push_str(&c.join(","));
                out.push_str("\r\n");
            }
            std::fs::write(path, out.as_bytes()).map_err(|e| io(&e))?;
        }
        "xlsx" => {
            use rust_xlsxwriter::{Format, Workbook};
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            let bold = Format::new().set_bold();
            let text = Format::new().set_num_format("@");
            for (i, c) in COLUMNS.iter().enumerate() {
                let col = u16::try_from(i).unwrap_or(0);
                ws.write_string_with_format(0, col, head(c), &bold)
                    .map_err(|e| io(&e))?;
                ws.set_column_width(col, 14).map_err(|e| io(&e))?;
            }
            for (n, r) in rows.iter().enumerate() {
                let row = u32::try_from(n + 1).unwrap_or(u32::MAX);
                for (i, v) in cells(r, english).iter().enumerate() {
                    let col = u16::try_from(i).unwrap_or(0);
                    ws.write_string_with_format(row, col, v, &text)
                        .map_err(|e| io(&e))?;
                }
            }
            wb.save(path).map_err(|e| io(&e))?;
        }
        _ => {
            return Err(AppError::Invalid(
                "抽查清单只能导出为 .csv 或 .xlsx".into(),
                "the spot-check list is written as .csv or .xlsx".into(),
            ))
        }
    }
    services.store.append_audit(
        AuditEntry::new(
            services.now(),
            &actor.user,
            "case.spot_export",
            "spot".into(),
        )
        .with_note(format!("{}: {} rows", path.display(), rows.len())),
    )?;
    Ok(rows.len())
}
