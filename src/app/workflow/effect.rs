//! 公示期满生效: the daily run. Every case whose public notice is over with no objection
//! takes effect: the case is confirmed as of the day after the notice's last day, the
//! household enters the low-income population (its standing: category, tags, since),
//! payment starts from the month after the decision and the confirmation notice is due.
//! Each case is one transaction with its audit entry, written by [`DAILY_RUN`]. Run at
//! program start and once a day by `serve`; running it twice changes nothing.

use chrono::NaiveDate;

use super::{procedure_settings, FlowError};
use crate::app::Services;
use crate::domain::case::{Case, CaseId, Stage};
use crate::domain::procedure::dates::{approval_letter_due, benefit_from};
use crate::domain::procedure::ProcedureSettings;
use crate::domain::workflow::{self, Step};
use crate::domain::Label;
use crate::store::audit::case_target;
use crate::store::{AuditEntry, CaseFilter, Change, NOTICE_ENDS};

/// The name the daily run writes under in the history and the audit trail.
pub const DAILY_RUN: &str = "daily-run";

/// What one daily run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DailyRun {
    pub on: Option<NaiveDate>,
    /// Cases that took effect.
    pub took_effect: Vec<CaseId>,
    /// Cases still in notice (their notice has not ended).
    pub still_in_notice: usize,
    /// Cases that could not be written, with the reason (zh, en); the next run tries again.
    pub failed: Vec<(CaseId, String, String)>,
}

/// Every case in public notice, any town (from the case list; the daily run reads only
/// the cases due, from `idx/case_date`).
pub fn cases_in_notice(services: &Services) -> Result<Vec<CaseId>, FlowError> {
    const PAGE: usize = 500;
    let filter = CaseFilter {
        town: None,
        stage: Some(Stage::InNotice),
    };
    let mut out = Vec::new();
    loop {
        let page = services.store.case_rows(filter, out.len(), PAGE)?;
        let done = page.len() < PAGE;
        out.extend(page.into_iter().map(|r| r.case));
        if done {
            return Ok(out);
        }
    }
}

/// Let every case whose notice is over take effect, as of `services.today()`.
pub fn daily_run(services: &Services) -> Result<DailyRun, FlowError> {
    daily_run_on(services, services.today())
}

/// The daily run as of `today` (the server's day when it runs past midnight).
pub fn daily_run_on(services: &Services, today: NaiveDate) -> Result<DailyRun, FlowError> {
    let settings = procedure_settings(services)?;
    let mut run = DailyRun {
        on: Some(today),
        ..DailyRun::default()
    };
    // `idx/case_date` holds every case in notice by the day it takes effect: only those
    // due are read; the rest are counted from the index.
    let after = today.succ_opt().unwrap_or(today);
    for due in services.store.case_dates(NOTICE_ENDS, Some(after), None)? {
        let Some(case) = services.store.case(due.case)? else {
            continue;
        };
        // The record decides (the index only finds it).
        let due = case.stage == Stage::InNotice
            && case
                .procedure
                .notice()
                .is_some_and(|n| n.effective_on <= today);
        if !due {
            continue;
        }
        match take_effect(services, &settings, &case, today) {
            Ok(_) => run.took_effect.push(case.id),
            Err(e) => run.failed.push((case.id, e.zh(), e.to_string())),
        }
    }
    run.still_in_notice = services.store.count_case_dates_from(NOTICE_ENDS, after)?;
    if !run.took_effect.is_empty() || !run.failed.is_empty() {
        tracing::info!(
            took_effect = run.took_effect.len(),
            failed = run.failed.len(),
            "daily run"
        );
    }
    Ok(run)
}

/// The daily run at program start or in the server: what it did goes to the log (every
/// case that took effect has its own audit entry); a failure is logged and tried again on
/// the next run, never in the clerk's way.
pub fn daily_run_logged(services: &Services) {
    match daily_run(services) {
        Ok(run) => {
            for (id, _, en) in &run.failed {
                tracing::warn!("daily run: case {} did not take effect: {en}", id.0);
            }
        }
        Err(e) => tracing::warn!("daily run failed: {e}"),
    }
}

/// One case: confirmed with its household's standing, in one write.
fn take_effect(
    services: &Services,
    settings: &ProcedureSettings,
    case: &Case,
    today: NaiveDate,
) -> Result<Case, FlowError> {
    let now = services.now();
    let at = if now.date() == today {
        now
    } else {
        today.and_hms_opt(0, 0, 0).unwrap_or(now)
    };
    let notice = case.procedure.notice().ok_or(FlowError::Workflow(
        crate::domain::workflow::WorkflowError::NoNotice,
    ))?;
    let decided = case.decided_on.unwrap_or(notice.start);
    let step = Step::TakeEffect {
        benefit_from: benefit_from(settings, decided),
        letter_due: approval_letter_due(&services.calendar, settings, notice.effective_on),
    };
    let new = workflow::apply(case, &step, DAILY_RUN, at)?;
    let mut household = services
        .store
        .household(case.household)?
        .ok_or_else(|| FlowError::NotFound(format!("household:{}", case.household.0)))?;
    let review = new.review.as_ref();
    let old_cat = household
        .standing
        .category
        .map_or(String::new(), |c| c.zh().to_string());
    household.standing.category = review.and_then(|r| r.category);
    household.standing.tags = review.map(|r| r.proposed_tags.clone()).unwrap_or_default();
    household.standing.since = new.procedure.effective_on;
    let mut entry = AuditEntry::new(at, DAILY_RUN, "case.take_effect", case_target(new.id.0))
        .with_change(
            "stage",
            case.stage.zh().to_string(),
            new.stage.zh().to_string(),
        )
        .with_change(
            "standing",
            old_cat,
            household
                .standing
                .category
                .map_or(String::new(), |c| c.zh().to_string()),
        );
    if let Some(from) = new.procedure.benefit_from {
        entry = entry.with_change(
            "benefit_from",
            String::new(),
            from.format("%Y-%m").to_string(),
        );
    }
    if let Some(t) = new.history.last() {
        entry = entry.with_note(t.reason.clone());
    }
    let saved = services.store.save(Change {
        household: Some(household),
        case: Some(new),
        number_case_in: None,
        audit: entry,
    })?;
    saved.case.ok_or_else(|| FlowError::NotFound("case".into()))
}
