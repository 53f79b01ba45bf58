//! Who the command line acts as. On a store with accounts, commands that export personal
//! data or change records need `--as USER` and that user's password, and the app layer's
//! role checks and audit entries apply to that user. A store without accounts (a generated
//! or demo district) is worked on as "cli", a district officer.

use std::io::{BufRead, IsTerminal, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind};

use safetynet::app::accounts;
use safetynet::app::session::{Actor, Role};
use safetynet::app::{AppError, Services};
use safetynet::tui::Lang;

fn bad(zh: &str, en: &str) -> AppError {
    AppError::Invalid(zh.into(), en.into())
}

/// Ask for a password: hidden on a terminal, a plain line from a pipe.
pub fn ask_password(prompt: &str) -> Result<String, AppError> {
    let io = |e: std::io::Error| AppError::Data(e.to_string());
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(io)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    crossterm::terminal::enable_raw_mode().map_err(io)?;
    let mut out = String::new();
    let result = loop {
        match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(bad("已取消", "cancelled")),
                KeyCode::Backspace => {
                    out.pop();
                }
                KeyCode::Char(c) => out.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(io(e)),
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| out)
}

/// Sign `user` in with a password asked on the terminal (or read from a pipe).
pub fn signed_in(services: &Services, lang: Lang, by: Option<&str>) -> Result<Actor, AppError> {
    let user = by.ok_or_else(|| {
        bad(
            "这个数据库有账号，请用 --as 用户名 指明是谁在操作",
            "this store has accounts: say who you are with --as USER",
        )
    })?;
    let password = ask_password(&format!("{} {user}: ", lang.t("密码", "Password for")))?;
    accounts::sign_in(services, user, &password)
}

/// The actor for a command: the signed-in user, or "cli" on a store without accounts.
pub fn actor(services: &Services, lang: Lang, by: Option<&str>) -> Result<Actor, AppError> {
    if accounts::has_accounts(services)? {
        return signed_in(services, lang, by);
    }
    Ok(Actor {
        user: "cli".into(),
        display: "命令行".into(),
        role: Role::DistrictOfficer,
        town: None,
    })
}
