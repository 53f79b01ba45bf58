//! Accounts and signing in: argon2 password hashes, lockout after wrong passwords,
//! the first district administrator on an empty store, one demo account per role.
//! Every sign-in, failed sign-in and account change is in the audit trail.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use super::session::{Actor, Permission, Role};
use super::{AppError, Services};
use crate::domain::account::{Account, Policy};
use crate::domain::town::Town;
use crate::store::AuditEntry;

/// The password of every demo account (shown on the demo's sign-in screen).
pub const DEMO_PASSWORD: &str = "demo2026";

fn invalid(zh: impl Into<String>, en: impl Into<String>) -> AppError {
    AppError::Invalid(zh.into(), en.into())
}

/// The settings in force: `settings.toml` in the store folder when the district has put
/// one there, else the bundled `assets/settings.toml`. Read on every call, so an edit
/// counts from the next sign-in; a wrong file is an error naming the file and line.
pub fn policy(services: &Services) -> Result<Policy, AppError> {
    let own = services.store.path().join("settings.toml");
    if own.exists() {
        let text = std::fs::read_to_string(&own)
            .map_err(|e| AppError::Data(format!("{}: {e}", own.display())))?;
        return Policy::from_toml(&text).map_err(|e| {
            AppError::Invalid(
                format!("设置文件 {} 有误：{e}", own.display()),
                format!("the settings file {} is wrong: {e}", own.display()),
            )
        });
    }
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

/// A hash of a random password, made once: an unknown user name is checked against it,
/// so that it costs the same time as a known one with a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let mut bytes = [0u8; 16];
        argon2::password_hash::rand_core::RngCore::fill_bytes(&mut OsRng, &mut bytes);
        let random: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        hash_password(&random).unwrap_or_default()
    })
}

pub fn actor_of(account: &Account) -> Actor {
    Actor {
        user: account.user.clone(),
        display: account.display.clone(),
        role: Role::from_code(account.role).unwrap_or(Role::Auditor),
        town: account.town,
    }
}

/// The account of a user name, whatever its case (user names are case-insensitive).
pub fn find(services: &Services, user: &str) -> Result<Option<Account>, AppError> {
    let store = &services.store;
    if let Some(a) = store.account(user)? {
        return Ok(Some(a));
    }
    Ok(store
        .accounts()?
        .into_iter()
        .find(|a| a.user.eq_ignore_ascii_case(user)))
}

/// The department a liaison answers for (`None` for everyone else).
pub fn department_of(services: &Services, user: &str) -> Result<Option<String>, AppError> {
    Ok(find(services, user)?.and_then(|a| a.department))
}

fn audit(services: &Services, by: &str, action: &str, user: &str) -> AuditEntry {
    AuditEntry::new(services.now(), by, action, format!("user:{user}"))
}

/// Record that `user` left the session (`note`: quit, idle, sign_out, ...), flushed.
pub fn record_sign_out(services: &Services, user: &str, note: &str) -> Result<(), AppError> {
    services
        .store
        .append_audit(audit(services, user, "user.sign_out", user).with_note(note))?;
    Ok(())
}

/// The one answer to a refused sign-in, whatever the reason, so that nobody learns
/// whether a user name exists, is disabled or is locked without its password.
pub fn refused() -> AppError {
    invalid("用户名或密码不对", "wrong user name or password")
}

/// A user name as it may be audited: printable characters only, at most 64.
fn audited_name(user: &str) -> String {
    user.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(64)
        .collect()
}

/// Check a user name and password: the one sign-in of the program (terminal, command
/// line, and the SSH server through `peer`, e.g. `ssh 10.0.0.7`, written to the audit
/// entry). An unknown user, a wrong password, a disabled or locked account all get
/// [`refused`] after the same password check; only the right password learns that its
/// account is disabled or locked (and until when). Wrong passwords count towards the
/// lockout; lockout times come from the system clock. Safe to call from any thread.
pub fn sign_in_from(
    services: &Services,
    user: &str,
    password: &str,
    peer: Option<&str>,
) -> Result<Actor, AppError> {
    let policy = policy(services)?;
    let now = services.clock();
    let name = audited_name(user);
    let note = |why: &str| match peer {
        Some(p) => format!("{why}; from {p}"),
        None => why.to_string(),
    };
    let Some(mut account) = find(services, user)? else {
        let _ = verify_password(password, decoy_hash());
        services.store.append_audit(
            audit(services, &name, "user.sign_in_failed", &name).with_note(note("no such user")),
        )?;
        return Err(refused());
    };
    let user = account.user.clone();
    let right = verify_password(password, &account.password_hash);
    if !right {
        let why = if account.is_locked(now) {
            "wrong password while locked"
        } else {
            account.failed(now, &policy);
            "wrong password"
        };
        services.store.save_account(
            account,
            audit(services, &user, "user.sign_in_failed", &user).with_note(note(why)),
        )?;
        return Err(refused());
    }
    if !account.active {
        services.store.append_audit(
            audit(services, &user, "user.sign_in_failed", &user).with_note(note("disabled")),
        )?;
        return Err(invalid(
            "该账号已停用，请联系区民政局",
            "this account is disabled; ask the district office",
        ));
    }
    if let Some(until) = account.locked_until.filter(|_| account.is_locked(now)) {
        services.store.append_audit(
            audit(services, &user, "user.sign_in_failed", &user).with_note(note("locked")),
        )?;
        let until = until.format("%Y-%m-%d %H:%M");
        return Err(invalid(
            format!("密码错误次数过多，账号已锁定，请在 {until} 后再试"),
            format!("too many wrong passwords; the account is locked until {until}"),
        ));
    }
    account.succeeded();
    let entry = audit(services, &user, "user.sign_in", &user);
    let entry = match peer {
        Some(p) => entry.with_note(format!("from {p}")),
        None => entry,
    };
    let saved = services.store.save_account(account, entry)?;
    Ok(actor_of(&saved))
}

/// [`sign_in_from`] at this terminal.
pub fn sign_in(services: &Services, user: &str, password: &str) -> Result<Actor, AppError> {
    sign_in_from(services, user, password, None)
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

/// Every account, by user name (a district officer or an auditor).
pub fn list(services: &Services, by: &Actor) -> Result<Vec<Account>, AppError> {
    by.permit(Permission::ReadAccounts)?;
    Ok(services.store.accounts()?)
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
            actor.permit(Permission::ManageAccounts)?;
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
    let policy = policy(services)?;
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
    let display = new.display.trim();
    if display.is_empty() || display.chars().any(char::is_control) {
        return Err(invalid(
            "姓名不能为空，也不能含控制字符",
            "a full name may not be empty or hold control characters",
        ));
    }
    // User names are case-insensitive: `Admin` and `admin` are one account.
    if let Some(taken) = find(services, user)? {
        return Err(invalid(
            format!("用户名 {} 已存在（不分大小写）", taken.user),
            format!(
                "the user name {} is taken (case does not matter)",
                taken.user
            ),
        ));
    }
    let account = Account {
        user: user.to_string(),
        display: display.to_string(),
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
    by.permit(Permission::ManageAccounts)?;
    let mut account =
        find(services, user)?.ok_or_else(|| AppError::NotFound(format!("user {user}")))?;
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
    by.permit(Permission::ManageAccounts)?;
    let policy = policy(services)?;
    if password.chars().count() < policy.min_password_chars {
        return Err(invalid(
            format!("密码至少 {} 位", policy.min_password_chars),
            format!(
                "a password needs at least {} characters",
                policy.min_password_chars
            ),
        ));
    }
    let mut account =
        find(services, user)?.ok_or_else(|| AppError::NotFound(format!("user {user}")))?;
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

fn not_a_demo() -> AppError {
    AppError::Invalid(
        "这个数据库不是作为演示数据库创建的：演示（免密码登录、--today）只能用于新建的演示数据库，请换一个 --store 路径（旧版本建的演示文件夹可删除后重新运行）".into(),
        "this store was not created as a demo: the demo (sign-in without a password, --today) works only on a store created as one; choose another --store (a demo folder made by an older version may be deleted and made again)".into(),
    )
}

/// Refuse unless the store was created as a demo (its marker, never its path).
pub fn require_demo(services: &Services) -> Result<(), AppError> {
    if services.store.is_demo()? {
        Ok(())
    } else {
        Err(not_a_demo())
    }
}

/// Make a store being created for the demo one: a store created as a demo stays one; a
/// new store nobody has worked in (only generated) becomes one (the marker and its audit
/// entry, then the demo accounts); any other store is refused, whatever its path.
/// Returns whether the marker was written now.
pub fn prepare_demo(services: &Services) -> Result<bool, AppError> {
    let store = &services.store;
    if store.is_demo()? {
        ensure_demo_accounts(services)?;
        return Ok(false);
    }
    if !store.is_untouched()? {
        return Err(not_a_demo());
    }
    store.mark_demo(
        AuditEntry::new(services.now(), "demo", "store.demo", "store".into())
            .with_note("created as a demo store"),
    )?;
    ensure_demo_accounts(services)?;
    Ok(true)
}

/// Create the demo accounts on a demo store that has none.
pub fn ensure_demo_accounts(services: &Services) -> Result<(), AppError> {
    if !services.store.is_demo()? {
        return Err(not_a_demo());
    }
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

/// `demo --user NAME` with a name that is not a demo account: the names there are.
fn no_demo_user(user: &str) -> AppError {
    use crate::domain::Label;
    let accounts = demo_accounts();
    let zh: Vec<String> = accounts
        .iter()
        .map(|a| format!("{}（{}）", a.user, a.role.zh()))
        .collect();
    let en: Vec<String> = accounts
        .iter()
        .map(|a| format!("{} ({})", a.user, a.role.en()))
        .collect();
    AppError::Invalid(
        format!("没有演示账号 {user}。演示账号有：{}", zh.join("、")),
        format!(
            "no demo account {user}; the demo accounts are: {}",
            en.join(", ")
        ),
    )
}

/// Sign in as a demo account without a password (`safetynet demo --user NAME`), audited.
/// Only on a store created as a demo (its marker, never its path).
pub fn demo_sign_in(services: &Services, user: &str) -> Result<Actor, AppError> {
    ensure_demo_accounts(services)?;
    let account = find(services, user)?
        .filter(|a| a.active)
        .ok_or_else(|| no_demo_user(user))?;
    services
        .store
        .append_audit(audit(services, user, "user.sign_in", user).with_note("demo"))?;
    Ok(actor_of(&account))
}
