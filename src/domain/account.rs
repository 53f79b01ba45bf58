//! Accounts: who may sign in, with which role and town, and the lockout rule.
//! Passwords are kept only as argon2 hashes (made in `app::accounts`).

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use crate::domain::town::Town;

/// The role names of `app::session::Role`, kept here as a code so the domain has no
/// dependency on the app layer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user: String,
    pub display: String,
    /// `Role::code()`.
    pub role: u8,
    /// One town, or the whole district.
    pub town: Option<Town>,
    /// For department liaisons: the department key from `assets/departments.toml`.
    pub department: Option<String>,
    pub password_hash: String,
    pub active: bool,
    pub failures: u32,
    pub locked_until: Option<NaiveDateTime>,
    pub rev: u64,
}

/// The lockout and idle rules, from `assets/settings.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Policy {
    pub max_failures: u32,
    pub lock_minutes: i64,
    pub idle_minutes: u64,
    pub min_password_chars: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_failures: 5,
            lock_minutes: 15,
            idle_minutes: 15,
            min_password_chars: 8,
        }
    }
}

#[derive(Deserialize)]
struct SettingsFile {
    accounts: Policy,
}

impl Policy {
    /// Read the settings; an error says the line (1-based) and what is wrong there.
    pub fn from_toml(text: &str) -> Result<Policy, String> {
        let policy = toml::from_str::<SettingsFile>(text)
            .map(|f| f.accounts)
            .map_err(|e| {
                let line = e.span().map_or(1, |s| {
                    text[..s.start.min(text.len())].matches('\n').count() + 1
                });
                format!("line {line}: {}", e.message().trim())
            })?;
        if policy.max_failures == 0 || policy.lock_minutes <= 0 || policy.min_password_chars == 0 {
            return Err(
                "[accounts]: max_failures, lock_minutes and min_password_chars must be above 0"
                    .into(),
            );
        }
        Ok(policy)
    }

    pub fn bundled() -> Result<Policy, String> {
        Policy::from_toml(include_str!("../../assets/settings.toml"))
    }
}

impl Account {
    pub fn is_locked(&self, now: NaiveDateTime) -> bool {
        self.locked_until.is_some_and(|t| now < t)
    }

    /// A wrong password: count it, and lock at the limit.
    pub fn failed(&mut self, now: NaiveDateTime, policy: &Policy) {
        self.failures += 1;
        if self.failures >= policy.max_failures {
            self.locked_until = Some(now + Duration::minutes(policy.lock_minutes));
            self.failures = 0;
        }
    }

    pub fn succeeded(&mut self) {
        self.failures = 0;
        self.locked_until = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, minute, 0))
            .expect("time")
    }

    #[test]
    fn locks_after_the_limit_and_unlocks_after_the_time() {
        let policy = Policy::bundled().expect("settings");
        let mut a = Account {
            user: "u".into(),
            display: "u".into(),
            role: 1,
            town: None,
            department: None,
            password_hash: String::new(),
            active: true,
            failures: 0,
            locked_until: None,
            rev: 0,
        };
        for _ in 0..policy.max_failures - 1 {
            a.failed(at(0), &policy);
        }
        assert!(!a.is_locked(at(0)));
        a.failed(at(0), &policy);
        assert!(a.is_locked(at(0)));
        assert!(a.is_locked(at(14)));
        assert!(!a.is_locked(at(15)));
        a.succeeded();
        assert_eq!(a.failures, 0);
    }

    #[test]
    fn a_wrong_settings_file_names_the_line() {
        let text = "[accounts]\nmax_failures = 5\nlock_minutes = \"soon\"\n";
        let e = Policy::from_toml(text).expect_err("refused");
        assert!(e.starts_with("line 3:"), "{e}");
        let e = Policy::from_toml("[accounts]\nmax_failures = 5\n").expect_err("refused");
        assert!(e.starts_with("line 1:"), "{e}");
        let ok = "[accounts]\nmax_failures = 3\nlock_minutes = 1\nidle_minutes = 0\nmin_password_chars = 8\n";
        assert_eq!(Policy::from_toml(ok).map(|p| p.max_failures), Ok(3));
    }
}
