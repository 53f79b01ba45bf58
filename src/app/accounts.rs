//! Accounts and signing in: argon2 password hashes, lockout after wrong passwords,
//! the first district administrator on an empty store, one demo account per role.
//! Every sign-in, failed sign-in and account change is in the audit trail.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use super::session::{Actor, Role};
use super::{AppError, Services};
use crate::domain::account::{Account, Policy};
use crate::domain::town::Town;
use crate::store::AuditEntry;

/// The password of every demo account (shown on the demo's sign-in screen).
pub const DEMO_PASSWORD: &str = "demo2026";

fn invalid(zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Invalid(zh.into(), en.into())
}

pub fn policy() -> Result<Policy, AppError> {
    Policy::bundled().map_err(AppError::Data)
}

fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Data(format!("password hashing: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

pub fn actor_of(account: &Account) -> Actor {
    Actor {
        user: account.user.clone(),
        display: account.display.clone(),
        role: Role::from_code(account.role).unwrap_or(Role::Auditor),
        town: account.town,
    }
}

/// The department a liaison answers for (`None` for everyone else).
pub fn department_of(services: &Services, user: &str) -> Result<Option<String>, AppError> {
    Ok(services.store.account(user)?.and_then(|a| a.department))
}

fn audit(services: &Services, by: &str, action: &str, user: &str) -> AuditEntry {
    AuditEntry::new(services.now(), by, action, format!("user:{user}"))
}

/// Check a user name and password. Wrong passwords count towards a lockout; the
/// message never says whether the user name exists.
pub fn sign_in(services: &Services, user: &str, password: &str) -> Result<Actor, AppError> {
    let policy = policy()?;
    let now = services.now();
    let wrong = || invalid("用户名或密码不对", "wrong user name or password");
    let Some(mut account) = services.store.account(user)? else {
        services.store.append_audit(
            audit(services, user, "user.sign_in_failed", user).with_note("no such user"),
        )?;
        return Err(wrong());
    };
    if !account.active {
        services.store.append_audit(
            audit(services, user, "user.sign_in_failed", user).with_note("disabled"),
        )?;
        return Err(invalid(
            "该账号已停用，请联系区民政局",
            "this account is disabled; ask the district office",
        ));
    }
    if account.is_locked(now) {
        let until = account
            .locked_until
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_default();
        services
            .store
            .append_audit(audit(services, user, "user.sign_in_failed", user).with_note("locked"))?;
        return Err(invalid(
            format!("密码错误次数过多，账号已锁定，请在 {until} 后再试"),
            format!("too many wrong passwords; the account is locked until {until}"),
        ));
    }
    if !verify_password(password, &account.password_hash) {
        account.failed(now, &policy);
        let locked = account.is_locked(now);
        let left = policy.max_failures.saturating_sub(account.failures);
        services.store.save_account(
            account,
            audit(services, user, "user.sign_in_failed", user).with_note("wrong password"),
        )?;
        return Err(if locked {
            invalid(
                format!("密码错误次数过多，账号锁定 {} 分钟", policy.lock_minutes),
                format!(
                    "too many wrong passwords; locked for {} minutes",
                    policy.lock_minutes
                ),
            )
        } else {
            invalid(
                format!("用户名或密码不对（还可再试 {left} 次）"),
                format!("wrong user name or password ({left} tries left)"),
            )
        });
    }
    account.succeeded();
    let saved = services
        .store
        .save_account(account, audit(services, user, "user.sign_in", user))?;
    Ok(actor_of(&saved))
}

/// A new account as typed by an officer (or at first start).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub user: String,
    pub display: String,
    pub role: Role,
    pub town: Option<Town>,
    pub department: Option<String>,
    pub password: String,
}

/// Whether the store has any account yet (first start asks for the administrator).
pub fn has_accounts(services: &Services) -> Result<bool, AppError> {
    Ok(!services.store.accounts()?.is_empty())
}

/// Add an account. On an empty store the first account must be a district officer and
/// needs no signed-in actor; afterwards only a district officer may add accounts.
pub fn create(
    services: &Services,
    by: Option<&Actor>,
    new: NewAccount,
) -> Result<Account, AppError> {
    let first = !has_accounts(services)?;
    let by_user = match (first, by) {
        (true, _) if new.role != Role::DistrictOfficer => {
            return Err(invalid(
                "第一个账号必须是区民政局管理员",
                "the first account must be a district officer",
            ))
        }
        (true, _) => new.user.clone(),
        (false, Some(actor)) => {
            actor.require(&[Role::DistrictOfficer], "添加账号", "add accounts")?;
            actor.user.clone()
        }
        (false, None) => {
            return Err(invalid("请先登录", "sign in first"));
        }
    };
    let user = new.user.trim();
    if user.is_empty()
        || !user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err(invalid(
            "用户名只能用字母、数字、-、_ 和 .",
            "a user name may use letters, digits, -, _ and . only",
        ));
    }
    let policy = policy()?;
    if new.password.chars().count() < policy.min_password_chars {
        return Err(invalid(
            format!("密码至少 {} 位", policy.min_password_chars),
            format!(
                "a password needs at least {} characters",
                policy.min_password_chars
            ),
        ));
    }
    let town_role = matches!(
        new.role,
        Role::VillageInformant | Role::TownClerk | Role::TownReviewer
    );
    if town_role && new.town.is_none() {
        return Err(invalid(
            "镇街人员的账号要选所属镇街",
            "town staff need their town",
        ));
    }
    if new.role == Role::DepartmentLiaison && new.department.is_none() {
        return Err(invalid(
            "部门联络员要选所属部门",
            "a department liaison needs a department",
        ));
    }
    if services.store.account(user)?.is_some() {
        return Err(invalid(
            format!("用户名 {user} 已存在"),
            format!("the user name {user} is taken"),
        ));
    }
    let account = Account {
        user: user.to_string(),
        display: new.display.trim().to_string(),
        role: new.role.code(),
        town: if town_role { new.town } else { None },
        department: new.department,
        password_hash: hash_password(&new.password)?,
        active: true,
        failures: 0,
        locked_until: None,
        rev: 0,
    };
    let entry = audit(services, &by_user, "user.create", user).with_change(
        "role",
        String::new(),
        new.role.code().to_string(),
    );
    Ok(services.store.save_account(account, entry)?)
}

/// Disable an account (district officer only); it can no longer sign in.
pub fn disable(services: &Services, by: &Actor, user: &str) -> Result<Account, AppError> {
    by.require(&[Role::DistrictOfficer], "停用账号", "disable accounts")?;
    let mut account = services
        .store
        .account(user)?
        .ok_or_else(|| AppError::NotFound(format!("user {user}")))?;
    account.active = false;
    let entry = audit(services, &by.user, "user.disable", user).with_change(
        "active",
        "true".into(),
        "false".into(),
    );
    Ok(services.store.save_account(account, entry)?)
}

/// Set a new password and lift any lockout (district officer only).
pub fn reset_password(
    services: &Services,
    by: &Actor,
    user: &str,
    password: &str,
) -> Result<Account, AppError> {
    by.require(&[Role::DistrictOfficer], "重置密码", "reset passwords")?;
    let policy = policy()?;
    if password.chars().count() < policy.min_password_chars {
        return Err(invalid(
            format!("密码至少 {} 位", policy.min_password_chars),
            format!(
                "a password needs at least {} characters",
                policy.min_password_chars
            ),
        ));
    }
    let mut account = services
        .store
        .account(user)?
        .ok_or_else(|| AppError::NotFound(format!("user {user}")))?;
    account.password_hash = hash_password(password)?;
    account.succeeded();
    account.active = true;
    Ok(services.store.save_account(
        account,
        audit(services, &by.user, "user.reset_password", user),
    )?)
}

/// The demo accounts: one per role, all with `DEMO_PASSWORD`.
pub fn demo_accounts() -> Vec<NewAccount> {
    let a = |user: &str, display: &str, role, town, department: Option<&str>| NewAccount {
        user: user.into(),
        display: display.into(),
        role,
        town,
        department: department.map(str::to_string),
        password: DEMO_PASSWORD.into(),
    };
    vec![
        a(
            "demo-officer",
            "区民政局（演示）",
            Role::DistrictOfficer,
            None,
            None,
        ),
        a(
            "demo-clerk",
            "陈炉镇民政专干（演示）",
            Role::TownClerk,
            Some(Town::Chenlu),
            None,
        ),
        a(
            "demo-reviewer",
            "陈炉镇审核（演示）",
            Role::TownReviewer,
            Some(Town::Chenlu),
            None,
        ),
        a(
            "demo-informant",
            "陈炉村信息员（演示）",
            Role::VillageInformant,
            Some(Town::Chenlu),
            None,
        ),
        a(
            "demo-liaison",
            "医保局联络员（演示）",
            Role::DepartmentLiaison,
            None,
            Some("medical_insurance"),
        ),
        a("demo-auditor", "审计（演示）", Role::Auditor, None, None),
    ]
}

/// Create the demo accounts on a demo store that has none.
pub fn ensure_demo_accounts(services: &Services) -> Result<(), AppError> {
    if has_accounts(services)? {
        return Ok(());
    }
    let mut officer: Option<Actor> = None;
    for new in demo_accounts() {
        let account = create(services, officer.as_ref(), new)?;
        if officer.is_none() {
            officer = Some(actor_of(&account));
        }
    }
    Ok(())
}

/// Sign in as a demo account without a password (`safetynet demo --user NAME`), audited.
pub fn demo_sign_in(services: &Services, user: &str) -> Result<Actor, AppError> {
    ensure_demo_accounts(services)?;
    let account = services
        .store
        .account(user)?
        .filter(|a| a.active)
        .ok_or_else(|| AppError::NotFound(format!("demo user {user}")))?;
    services
        .store
        .append_audit(audit(services, user, "user.sign_in", user).with_note("demo"))?;
    Ok(actor_of(&account))
}
