//! The home screen's figures: counters maintained on write, plus two index range scans
//! for deadlines. Nothing here reads every record.

use chrono::NaiveDate;

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::case_row::CaseRow;
use crate::domain::caseload::{Figures, MonthFigures};
use crate::domain::town::Town;

/// Cases shown per deadline list on the dashboard.
pub const DUE_ROWS: usize = 50;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// The towns the figures cover (one, or all nine).
    pub scope: Option<Town>,
    pub figures: Figures,
    pub by_town: Vec<(Town, Figures)>,
    pub overdue: u64,
    /// Due today or within the next 3 working days.
    pub due_soon: u64,
    pub due_soon_until: NaiveDate,
    pub overdue_rows: Vec<CaseRow>,
    pub due_rows: Vec<CaseRow>,
    /// Applications and confirmations of the last [`MONTHS`] months, oldest first.
    pub months: Vec<MonthFigures>,
    /// Standards values in force today that the district has not confirmed yet
    /// (or why the standards cannot be read).
    pub unconfirmed: Vec<String>,
    /// Whether the income figure is counted (a monitoring line is in force today).
    pub monitoring_line_known: bool,
}

/// Months the sparkline shows.
pub const MONTHS: usize = 12;

/// Working days ahead that count as "due soon".
pub const DUE_SOON_WORKING_DAYS: u32 = 3;

pub fn dashboard(services: &Services, actor: &Actor) -> Result<Dashboard, AppError> {
    let caseload = super::indicators::sync_monitoring_lines(services)?;
    dashboard_of(services, actor, caseload)
}

/// The same figures without writing anything (for read-only commands such as `stats`).
pub fn dashboard_read_only(services: &Services, actor: &Actor) -> Result<Dashboard, AppError> {
    dashboard_of(
        services,
        actor,
        super::indicators::caseload_today(services)?,
    )
}

fn dashboard_of(
    services: &Services,
    actor: &Actor,
    caseload: crate::domain::caseload::Caseload,
) -> Result<Dashboard, AppError> {
    let store = &services.store;
    let today = services.today();
    let unconfirmed = match super::standards::unconfirmed_today(services) {
        Ok(list) => list,
        Err(e) => vec![format!("{} / {e}", e.zh())],
    };
    let towns = actor.towns();
    let may_list = actor.may(crate::domain::access::Permission::ReadCases);
    let figures = match actor.town {
        Some(t) => caseload.town(t),
        None => caseload.district(),
    };
    let by_town = Town::ALL
        .iter()
        .filter(|t| towns.is_empty() || towns.contains(t))
        .map(|t| (*t, caseload.town(*t)))
        .collect();
    let long_ago = NaiveDate::MIN;
    let yesterday = today.pred_opt().unwrap_or(today);
    let until = services
        .calendar
        .deadline(today, DUE_SOON_WORKING_DAYS)
        .date;
    Ok(Dashboard {
        today,
        scope: actor.town,
        figures: figures.clone(),
        by_town,
        overdue: store.count_due(long_ago, yesterday, &towns)?,
        due_soon: store.count_due(today, until, &towns)?,
        due_soon_until: until,
        // Names and case numbers: only for those who may read cases.
        overdue_rows: if may_list {
            store.cases_due(long_ago, yesterday, &towns, DUE_ROWS)?
        } else {
            Vec::new()
        },
        due_rows: if may_list {
            store.cases_due(today, until, &towns, DUE_ROWS)?
        } else {
            Vec::new()
        },
        months: figures.month_series(today, MONTHS),
        unconfirmed,
        monitoring_line_known: caseload.lines.is_some(),
    })
}
