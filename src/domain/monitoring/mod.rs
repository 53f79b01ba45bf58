//! Dynamic monitoring (动态监测, seed §8): who is watched (the roster, derived from the
//! store, never kept by hand), readings of the indicators over time, the alert rules
//! (data in `assets/alert_rules.toml`), the life of an alert, and exits from support
//! with the taper period. Pure: no I/O.

mod alert;
mod evaluate;
mod exit;
mod reading;
mod roster;
mod rules;

#[cfg(test)]
mod tests;

pub use alert::{Alert, AlertAction, AlertError, AlertId, AlertStatus, AlertStep, Figure};
pub use evaluate::{income_test, on_date, on_reading, overdue_test, Raised};
pub use exit::{leaves_roster_on, support_ends, taper_applies, Exit, ExitReason, WATCH_YEARS};
pub use reading::{changes, Change, EarnerEvent, Indicator, Reading, Snapshot};
pub use roster::{membership, ExitFact, Flag, Group, Membership, RosterFacts};
pub use rules::{AlertRules, RuleSetting, RulesError, BUNDLED_RULES};

use crate::labelled_enum;

labelled_enum! {
    /// How urgent an alert is; the queue shows high first.
    pub enum Severity {
        High => ("高", "high"),
        Medium => ("中", "medium"),
        Low => ("低", "low"),
    }
}

labelled_enum! {
    /// The alert rules of the issue, in the order the rules file lists them.
    pub enum RuleKind {
        IncomeBelowLine => ("人均收入低于监测线", "income below the monitoring line"),
        RigidSpending => ("新增大额刚性支出", "large new rigid spending"),
        HousingUnsafe => ("住房变为不安全", "housing became unsafe"),
        WaterUnsafe => ("饮水变为不安全", "drinking water became unsafe"),
        LabourLost => ("劳动能力丧失", "loss of labour capacity"),
        MainEarner => ("主要劳动力死亡或重病", "main earner died or fell seriously ill"),
        ReadingOverdue => ("监测数据逾期未更新", "reading overdue"),
    }
}
