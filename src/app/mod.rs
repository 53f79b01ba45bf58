//! Use cases: one function per user action. The TUI and the CLI both call these;
//! neither touches the store's trees directly.

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod dashboard;
pub mod drafts;
pub mod drilldown;
pub mod export;
pub mod figure_cache;
pub mod generate;
pub mod import;
pub mod indicators;
pub mod lookup;
pub mod maintenance;
pub mod meeting;
pub mod monitoring;
pub mod recheck;
pub mod referrals;
pub mod session;
pub mod spot_check;
pub mod staff_relatives;
pub mod standards;
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
    /// The signed-in role may not do this; says which roles may.
    #[error("only {} may {action_en}", roles_en(roles))]
    Denied {
        action_zh: &'static str,
        action_en: &'static str,
        roles: Vec<session::Role>,
    },
    /// Input the clerk must correct: (Chinese, English).
    #[error("{1}")]
    Invalid(String, String),
}

fn roles_en(roles: &[session::Role]) -> String {
    use crate::domain::Label;
    roles
        .iter()
        .map(|r| r.en())
        .collect::<Vec<_>>()
        .join(" or ")
}

fn roles_zh(roles: &[session::Role]) -> String {
    use crate::domain::Label;
    roles.iter().map(|r| r.zh()).collect::<Vec<_>>().join("或")
}

impl AppError {
    pub fn zh(&self) -> String {
        match self {
            AppError::Store(e) => e.zh(),
            AppError::Data(e) => format!("数据文件有误：{e}"),
            AppError::NotFound(what) => format!("未找到{what}"),
            AppError::Denied {
                action_zh, roles, ..
            } => format!("只有{}可以{action_zh}", roles_zh(roles)),
            AppError::Invalid(zh, _) => zh.clone(),
        }
    }
}

/// What every use case needs: the store, the calendar, and the clock.
pub struct Services {
    pub store: Store,
    pub calendar: Calendar,
    /// Fixed working date for tests and demos; `None` reads the system clock. The
    /// command line sets it only through [`Services::set_today`] (demo stores only);
    /// lockouts and audit times never use it.
    pub fixed_today: Option<NaiveDate>,
}

impl Services {
    /// The store's folder: exports written "next to the data" go here or beside it.
    pub fn store_path(&self) -> &Path {
        self.store.path()
    }

    pub fn open(path: &Path) -> Result<Services, AppError> {
        Services::with_store(Store::open(path)?)
    }

    /// The services over a store already open (the command line opens it through the
    /// upgrade, `Store::migrate`).
    pub fn with_store(store: Store) -> Result<Services, AppError> {
        let calendar = Calendar::bundled().map_err(|e| AppError::Data(e.to_string()))?;
        Ok(Services {
            store,
            calendar,
            fixed_today: None,
        })
    }

    /// Move the working date (`--today`, `SAFETYNET_TODAY`): for training on a store
    /// created as a demo only, never on a store with real accounts.
    pub fn set_today(&mut self, today: Option<NaiveDate>) -> Result<(), AppError> {
        if today.is_some() && !self.store.is_demo()? {
            return Err(AppError::Invalid(
                "--today（SAFETYNET_TODAY）只能用于演示数据库，正式数据库按系统日期".into(),
                "--today (SAFETYNET_TODAY) works on demo stores only; a real store uses the system clock".into(),
            ));
        }
        self.fixed_today = today;
        Ok(())
    }

    pub fn today(&self) -> NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| Local::now().date_naive())
    }

    /// The working time of a step (the fixed date at 09:00 on a demo store).
    pub fn now(&self) -> NaiveDateTime {
        match self.fixed_today {
            Some(d) => d.and_hms_opt(9, 0, 0).unwrap_or_default(),
            None => Local::now().naive_local(),
        }
    }

    /// The system clock, for lockouts (the store stamps audit entries with it too): a
    /// fixed working date never moves it.
    pub fn clock(&self) -> NaiveDateTime {
        Local::now().naive_local()
    }
}
