//! Drill-down: the list behind a dashboard figure, read from indexes kept on write
//! (the figure index, the list index), never by scanning records. The count is the
//! dashboard's own counter, so a figure and its list agree.

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::case::Stage;
use crate::domain::case_row::CaseRow;
use crate::domain::drilldown::Figure;
use crate::domain::town::Town;

/// What a drill-down list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Households of a category or a monitoring indicator (the newest case of each).
    Figure(Figure),
    /// A town's open cases (draft to under review), newest first.
    OpenCases(Town),
}

fn open_stages() -> Vec<Stage> {
    Stage::ALL.iter().copied().filter(|s| s.is_open()).collect()
}

/// How many the list holds (from the counters), within the actor's towns.
pub fn count(services: &Services, actor: &Actor, source: Source) -> Result<i64, AppError> {
    let caseload = services.store.caseload()?;
    Ok(match source {
        Source::Figure(f) => match actor.town {
            Some(t) => caseload.town(t).figure(f),
            None => caseload.district().figure(f),
        },
        Source::OpenCases(t) if !actor.sees(t) => 0,
        Source::OpenCases(t) => caseload.town(t).open_cases(),
    })
}

/// A page of the list, within the actor's towns. Rows are masked list rows.
pub fn rows(
    services: &Services,
    actor: &Actor,
    source: Source,
    offset: usize,
    limit: usize,
) -> Result<Vec<CaseRow>, AppError> {
    actor.permit(crate::domain::access::Permission::ReadCases)?;
    let store = &services.store;
    Ok(match source {
        Source::Figure(f) => store.figure_rows(f, actor.town, offset, limit)?,
        Source::OpenCases(t) if !actor.sees(t) => Vec::new(),
        Source::OpenCases(t) => store.case_rows_at(t, &open_stages(), offset, limit)?,
    })
}
