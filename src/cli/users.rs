//! `safetynet users`: accounts from the command line, for the district administrator.
//! Passwords are asked without echo on a terminal, or read as lines from a pipe.

use clap::Subcommand;

use safetynet::app::accounts::{self, NewAccount};
use safetynet::app::session::Role;
use safetynet::app::{AppError, Services};
use safetynet::domain::town::Town;
use safetynet::domain::villages::town_key;
use safetynet::domain::Label;
use safetynet::tui::Lang;

#[derive(Subcommand, Debug)]
pub enum UsersAction {
    /// List the accounts
    List,
    /// Add an account (the first account of a new store: the district administrator)
    Add {
        /// User name (letters, digits, - _ .)
        user: String,
        /// Full name shown on screen
        #[arg(long)]
        name: String,
        /// village-informant, town-clerk, town-reviewer, district-officer,
        /// department-liaison or auditor
        #[arg(long)]
        role: String,
        /// Town for town staff: chengguan, yintai, sanlidong, wangshiao, chenlu, hongtu,
        /// azhuang, guangyang, jinsuoguan
        #[arg(long)]
        town: Option<String>,
        /// Department for a liaison (a key of assets/departments.toml, e.g. medical_insurance)
        #[arg(long)]
        department: Option<String>,
    },
    /// Disable an account
    Disable { user: String },
    /// Set a new password and lift a lockout
    Reset { user: String },
}

const ROLE_KEYS: [(&str, Role); 6] = [
    ("village-informant", Role::VillageInformant),
    ("town-clerk", Role::TownClerk),
    ("town-reviewer", Role::TownReviewer),
    ("district-officer", Role::DistrictOfficer),
    ("department-liaison", Role::DepartmentLiaison),
    ("auditor", Role::Auditor),
];

/// A name as it may reach the terminal: control characters (escape codes, BEL, line
/// breaks) written by an older version are shown as `\u{..}`, never sent raw.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn bad(zh: String, en: String) -> AppError {
    AppError::Invalid(zh, en)
}

fn new_password(lang: Lang) -> Result<String, AppError> {
    let first = super::auth::ask_password(lang.t("新密码：", "New password: "))?;
    let again = super::auth::ask_password(lang.t("再输一次：", "Again: "))?;
    if first != again {
        return Err(bad(
            "两次输入的密码不一样".into(),
            "the passwords differ".into(),
        ));
    }
    Ok(first)
}

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    action: &UsersAction,
) -> Result<(), AppError> {
    match action {
        UsersAction::List => {
            // The accounts are personal data: a signed-in district officer or auditor.
            let actor = super::auth::actor(services, lang, by)?;
            for a in accounts::list(services, &actor)? {
                let role = Role::from_code(a.role).map_or("?", |r| {
                    if lang == Lang::Zh {
                        r.zh()
                    } else {
                        r.en()
                    }
                });
                let town = a
                    .town
                    .map_or("", |t| if lang == Lang::Zh { t.zh() } else { t.en() });
                let state = if a.active {
                    ""
                } else {
                    lang.t("（已停用）", " (disabled)")
                };
                say!(
                    "{:<18} {:<12} {} {}{}",
                    printable(&a.user),
                    role,
                    printable(&a.display),
                    town,
                    state
                );
            }
            Ok(())
        }
        UsersAction::Add {
            user,
            name,
            role,
            town,
            department,
        } => {
            let role = ROLE_KEYS
                .iter()
                .find(|(k, _)| k == role)
                .map(|(_, r)| *r)
                .ok_or_else(|| {
                    bad(
                        format!("没有这个角色：{role}"),
                        format!("no such role: {role}"),
                    )
                })?;
            let town = match town {
                Some(t) => Some(
                    Town::ALL
                        .iter()
                        .copied()
                        .find(|x| town_key(*x) == t)
                        .ok_or_else(|| {
                            bad(format!("没有这个镇街：{t}"), format!("no such town: {t}"))
                        })?,
                ),
                None => None,
            };
            let actor = if accounts::has_accounts(services)? {
                Some(super::auth::signed_in(services, lang, by)?)
            } else {
                None
            };
            let password = new_password(lang)?;
            let account = accounts::create(
                services,
                actor.as_ref(),
                NewAccount {
                    user: user.clone(),
                    display: name.clone(),
                    role,
                    town,
                    department: department.clone(),
                    password,
                },
            )?;
            say!("{} {}", lang.t("已添加账号", "added account"), account.user);
            Ok(())
        }
        UsersAction::Disable { user } => {
            let actor = super::auth::signed_in(services, lang, by)?;
            accounts::disable(services, &actor, user)?;
            say!("{} {user}", lang.t("已停用账号", "disabled account"));
            Ok(())
        }
        UsersAction::Reset { user } => {
            let actor = super::auth::signed_in(services, lang, by)?;
            let password = new_password(lang)?;
            accounts::reset_password(services, &actor, user, &password)?;
            say!("{} {user}", lang.t("已重置密码", "password reset for"));
            Ok(())
        }
    }
}
