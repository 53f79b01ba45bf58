//! Use cases: one function per user action. The TUI and the CLI both call these;
//! neither touches the store's trees directly.

pub mod cases;
pub mod dashboard;
pub mod drafts;
pub mod generate;
pub mod session;
pub mod stats;
pub mod workflow;

use std::path::Path;

use chrono::{Local, NaiveDate, NaiveDateTime};

use crate::domain::calendar::Calendar;
use crate::store::{Store, StoreError};

/// An error a use case reports, with a message for the clerk in either language.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("a data file is wrong: {0}")]
    Data(String),
    #[error("{0} was not found")]
    NotFound(String),
}

impl AppError {
    pub fn zh(&self) -> String {
        match self {
            AppError::Store(e) => e.zh(),
            AppError::Data(e) => format!("数据文件有误：{e}"),
            AppError::NotFound(what) => format!("未找到{what}"),
        }
    }
}

/// What every use case needs: the store, the calendar, and the clock.
pub struct Services {
    pub store: Store,
    pub calendar: Calendar,
    /// Fixed date for tests and demos; `None` reads the system clock.
    pub fixed_today: Option<NaiveDate>,
}

impl Services {
    pub fn open(path: &Path) -> Result<Services, AppError> {
        let store = Store::open(path)?;
        let calendar = Calendar::bundled().map_err(|e| AppError::Data(e.to_string()))?;
        Ok(Services {
            store,
            calendar,
            fixed_today: None,
        })
    }

    pub fn today(&self) -> NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| Local::now().date_naive())
    }

    pub fn now(&self) -> NaiveDateTime {
        match self.fixed_today {
            Some(d) => d.and_hms_opt(9, 0, 0).unwrap_or_default(),
            None => Local::now().naive_local(),
        }
    }
}
