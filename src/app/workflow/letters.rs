//! Written notices overdue (告知书逾期未送达): a decided case's letter not delivered by its
//! due day (a refusal's within 3 working days, a confirmation's after the decision takes
//! effect). The list for the actor's town or the district, and its count for the
//! dashboard, kept until the next write or the next day. Both read `idx/case_date`
//! (letters not delivered by due day), not every decided case.

use chrono::NaiveDate;

use super::FlowError;
use crate::app::figure_cache::{self, FigureCache};
use crate::app::session::Actor;
use crate::app::Services;
use crate::domain::access::Permission;
use crate::domain::case::{CaseId, CaseNumber, Stage};
use crate::domain::procedure::LetterKind;
use crate::domain::town::Town;
use crate::store::{CaseDate, LETTER_DUE};

/// One overdue letter, with what the list shows of its case (the head's ID masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueLetter {
    pub case: CaseId,
    pub number: Option<CaseNumber>,
    pub town: Town,
    pub village: String,
    pub head: String,
    pub head_id_masked: String,
    pub kind: LetterKind,
    pub due: NaiveDate,
    pub produced_on: Option<NaiveDate>,
    /// Calendar days past the due day.
    pub days_late: i64,
}

static COUNTS: FigureCache<usize> = FigureCache::new();

/// Every overdue letter the actor sees on `today`, the longest overdue first.
pub fn overdue_letters(
    services: &Services,
    actor: &Actor,
) -> Result<Vec<OverdueLetter>, FlowError> {
    if !actor.may(Permission::ReadCases) {
        return Err(FlowError::Denied(Permission::ReadCases));
    }
    // Taken before the walk: a write during it makes the next look miss.
    let stamp = figure_cache::stamp(services).map_err(app)?;
    let today = services.today();
    let mut out = Vec::new();
    // `idx/case_date` holds every letter not delivered of a decided case by its due day:
    // those due before today are read, nothing else.
    for due in overdue_entries(services, actor, today)? {
        let Some(case) = services.store.case(due.case)? else {
            continue;
        };
        if !matches!(case.stage, Stage::Rejected | Stage::Confirmed) {
            continue;
        }
        let Some(l) = due
            .letter
            .and_then(|(_, i)| case.procedure.letters.get(i))
            .filter(|l| l.is_overdue(today))
        else {
            continue;
        };
        let Some(row) = services.store.case_row(&case)? else {
            continue;
        };
        out.push(OverdueLetter {
            case: case.id,
            number: case.number,
            town: case.town,
            village: row.village.clone(),
            head: row.head.clone(),
            head_id_masked: row.head_id_masked.clone(),
            kind: l.kind,
            due: l.due.date,
            produced_on: l.produced_on,
            days_late: (today - l.due.date).num_days(),
        });
    }
    out.sort_by(|a, b| a.due.cmp(&b.due).then(a.case.0.cmp(&b.case.0)));
    COUNTS.put(services, actor.town, stamp, out.len());
    Ok(out)
}

fn app(e: crate::app::AppError) -> FlowError {
    FlowError::Invalid(e.zh(), e.to_string())
}

/// The `idx/case_date` entries of letters due before `today` that the actor sees.
fn overdue_entries(
    services: &Services,
    actor: &Actor,
    today: NaiveDate,
) -> Result<Vec<CaseDate>, FlowError> {
    let mut entries = services
        .store
        .case_dates(LETTER_DUE, Some(today), actor.town)?;
    entries.retain(|d| actor.sees(d.town));
    Ok(entries)
}

/// How many letters are overdue, for the dashboard: counted from `idx/case_date` (one
/// key per letter not delivered, no case read), so shown at any size; kept until the
/// next write or the next day. `None` for a role that may not read cases.
pub fn overdue_letter_count(
    services: &Services,
    actor: &Actor,
) -> Result<Option<usize>, FlowError> {
    if !actor.may(Permission::ReadCases) {
        return Ok(None);
    }
    let stamp = figure_cache::stamp(services).map_err(app)?;
    if let Some(n) = COUNTS.get(services, actor.town, stamp) {
        return Ok(Some(n));
    }
    let n = overdue_entries(services, actor, services.today())?.len();
    COUNTS.put(services, actor.town, stamp, n);
    Ok(Some(n))
}
