//! The alert rules as data (`assets/alert_rules.toml`): whether each rule is on, its
//! severity and its thresholds. A file with a missing or wrong value is refused with the
//! rule and the key named, never read with a silent default.

use serde::{Deserialize, Serialize};

use super::{RuleKind, Severity};
use crate::domain::money::Money;
use crate::domain::Label;

/// The rules file shipped with the program.
pub const BUNDLED_RULES: &str = include_str!("../../../assets/alert_rules.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetting {
    pub enabled: bool,
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertRules {
    pub income_below_line: RuleSetting,
    /// Fire below this percentage of the line (100 = the line itself).
    pub line_percent: u32,
    pub rigid_spending: RuleSetting,
    /// Fire when new rigid spending reaches this amount...
    pub rigid_amount: Money,
    /// ...or this share (percent) of the household's annual income.
    pub rigid_share_percent: u32,
    pub housing_unsafe: RuleSetting,
    pub water_unsafe: RuleSetting,
    pub labour_lost: RuleSetting,
    pub main_earner: RuleSetting,
    pub reading_overdue: RuleSetting,
    /// A reading is overdue this many months after the last one.
    pub overdue_months: u32,
}

/// What is wrong with a rules file, naming the table and key (both empty when the file
/// is not TOML at all: then the message names the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    pub table: String,
    pub key: String,
    pub zh: String,
    pub en: String,
}

impl RulesError {
    fn new(table: &str, key: &str, zh: impl Into<String>, en: impl Into<String>) -> RulesError {
        RulesError {
            table: table.into(),
            key: key.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn zh(&self) -> String {
        match (self.table.is_empty(), self.key.is_empty()) {
            (true, _) => format!("预警规则文件：{}", self.zh),
            (false, true) => format!("预警规则 [{}]：{}", self.table, self.zh),
            (false, false) => format!("预警规则 [{}] {}：{}", self.table, self.key, self.zh),
        }
    }

    /// A file that does not parse as TOML: the line and column, the line's text and the
    /// parser's message.
    fn syntax(text: &str, e: &toml::de::Error) -> RulesError {
        let at = e.span().map_or(0, |s| s.start).min(text.len());
        let before = text.get(..at).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let shown = text.lines().nth(line - 1).unwrap_or("").trim();
        let message = e.message().trim().replace('\n', "; ");
        RulesError::new(
            "",
            "",
            format!("第 {line} 行第 {column} 列格式有误：{shown}（{message}）"),
            format!("line {line}, column {column} is not valid TOML: {shown} ({message})"),
        )
    }
}

impl std::fmt::Display for RulesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.table.is_empty(), self.key.is_empty()) {
            (true, _) => write!(f, "alert rules file: {}", self.en),
            (false, true) => write!(f, "alert rules, [{}]: {}", self.table, self.en),
            (false, false) => write!(f, "alert rules, [{}] {}: {}", self.table, self.key, self.en),
        }
    }
}

impl std::error::Error for RulesError {}

/// The table name of a rule in the file.
pub fn table_of(rule: RuleKind) -> &'static str {
    match rule {
        RuleKind::IncomeBelowLine => "income_below_line",
        RuleKind::RigidSpending => "rigid_spending",
        RuleKind::HousingUnsafe => "housing_unsafe",
        RuleKind::WaterUnsafe => "water_unsafe",
        RuleKind::LabourLost => "labour_lost",
        RuleKind::MainEarner => "main_earner",
        RuleKind::ReadingOverdue => "reading_overdue",
    }
}

struct Table<'a> {
    name: &'static str,
    t: &'a toml::Table,
}

impl Table<'_> {
    fn value(&self, key: &str) -> Result<&toml::Value, RulesError> {
        self.t
            .get(key)
            .ok_or_else(|| RulesError::new(self.name, key, "缺少此项", "missing"))
    }

    fn bool(&self, key: &str) -> Result<bool, RulesError> {
        self.value(key)?.as_bool().ok_or_else(|| {
            RulesError::new(
                self.name,
                key,
                "应为 true 或 false",
                "must be true or false",
            )
        })
    }

    fn percent(&self, key: &str, max: i64) -> Result<u32, RulesError> {
        self.value(key)?
            .as_integer()
            .filter(|n| (1..=max).contains(n))
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| {
                RulesError::new(
                    self.name,
                    key,
                    format!("应为 1 到 {max} 之间的整数"),
                    format!("must be a whole number from 1 to {max}"),
                )
            })
    }

    fn money(&self, key: &str) -> Result<Money, RulesError> {
        let v = self.value(key)?;
        let m = match v {
            toml::Value::Integer(n) => Ok(Money::from_yuan(*n)),
            toml::Value::String(s) => {
                Money::parse(s).map_err(|e| RulesError::new(self.name, key, e.zh(), e.to_string()))
            }
            _ => Err(RulesError::new(
                self.name,
                key,
                "金额应写成带引号的元（\"10000\"）或整数元",
                "money must be quoted yuan (\"10000\") or whole yuan",
            )),
        }?;
        if m <= Money::ZERO {
            return Err(RulesError::new(
                self.name,
                key,
                "金额应大于 0",
                "must be more than zero",
            ));
        }
        Ok(m)
    }

    fn setting(&self) -> Result<RuleSetting, RulesError> {
        let word = self.value("severity")?.as_str().unwrap_or("");
        let severity = match word {
            "high" | "高" => Severity::High,
            "medium" | "中" => Severity::Medium,
            "low" | "低" => Severity::Low,
            _ => {
                return Err(RulesError::new(
                    self.name,
                    "severity",
                    "应为 \"high\"、\"medium\" 或 \"low\"",
                    "must be \"high\", \"medium\" or \"low\"",
                ))
            }
        };
        Ok(RuleSetting {
            enabled: self.bool("enabled")?,
            severity,
        })
    }
}

impl AlertRules {
    pub fn bundled() -> Result<AlertRules, RulesError> {
        AlertRules::from_toml(BUNDLED_RULES)
    }

    pub fn from_toml(text: &str) -> Result<AlertRules, RulesError> {
        let doc: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| RulesError::syntax(text, &e))?;
        let table = |rule: RuleKind| -> Result<Table<'_>, RulesError> {
            let name = table_of(rule);
            doc.get(name)
                .and_then(toml::Value::as_table)
                .map(|t| Table { name, t })
                .ok_or_else(|| {
                    RulesError::new(
                        name,
                        "",
                        format!("缺少规则“{}”", rule.zh()),
                        format!("the rule \"{}\" is missing", rule.en()),
                    )
                })
        };
        let income = table(RuleKind::IncomeBelowLine)?;
        let rigid = table(RuleKind::RigidSpending)?;
        let overdue = table(RuleKind::ReadingOverdue)?;
        Ok(AlertRules {
            income_below_line: income.setting()?,
            line_percent: income.percent("line_percent", 300)?,
            rigid_spending: rigid.setting()?,
            rigid_amount: rigid.money("amount")?,
            rigid_share_percent: rigid.percent("share_percent", 1000)?,
            housing_unsafe: table(RuleKind::HousingUnsafe)?.setting()?,
            water_unsafe: table(RuleKind::WaterUnsafe)?.setting()?,
            labour_lost: table(RuleKind::LabourLost)?.setting()?,
            main_earner: table(RuleKind::MainEarner)?.setting()?,
            reading_overdue: overdue.setting()?,
            overdue_months: overdue.percent("months", 60)?,
        })
    }

    pub fn setting(&self, rule: RuleKind) -> RuleSetting {
        match rule {
            RuleKind::IncomeBelowLine => self.income_below_line,
            RuleKind::RigidSpending => self.rigid_spending,
            RuleKind::HousingUnsafe => self.housing_unsafe,
            RuleKind::WaterUnsafe => self.water_unsafe,
            RuleKind::LabourLost => self.labour_lost,
            RuleKind::MainEarner => self.main_earner,
            RuleKind::ReadingOverdue => self.reading_overdue,
        }
    }
}
