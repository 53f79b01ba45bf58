//! The sign-in screen, and on an empty store the form for the first district
//! administrator. The demo lists its accounts (one per role) with their password.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::backend::Backend;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::{Frame, Terminal};

use super::action::Action;
use super::keymap::{self, Context};
use super::text_key::TextKey;
use super::widgets::pad_to;
use super::{Lang, Theme};
use crate::app::accounts::{self, NewAccount, DEMO_PASSWORD};
use crate::app::session::{Actor, Role};
use crate::app::Services;

/// The fields of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    User,
    Display,
    Password,
    Again,
}

pub struct SignIn {
    /// First start: create the administrator instead of signing in.
    first: bool,
    demo: bool,
    fields: Vec<(Field, String)>,
    focus: usize,
    message: Option<String>,
}

pub enum SignInOutcome {
    Stay,
    SignedIn(Actor),
    Quit,
}

impl SignIn {
    pub fn new(services: &Services, demo: bool) -> SignIn {
        let first = !accounts::has_accounts(services).unwrap_or(true);
        let fields: Vec<Field> = if first {
            vec![Field::User, Field::Display, Field::Password, Field::Again]
        } else {
            vec![Field::User, Field::Password]
        };
        SignIn {
            first,
            demo,
            fields: fields.into_iter().map(|f| (f, String::new())).collect(),
            focus: 0,
            message: None,
        }
    }

    fn value(&self, field: Field) -> &str {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, v)| v.as_str())
    }

    fn focus_on(&mut self, field: Field) {
        self.focus = self
            .fields
            .iter()
            .position(|(f, _)| *f == field)
            .unwrap_or(0);
    }

    /// Typing edits the focused field ([`TextKey`]); every other key is the keymap's
    /// (`Context::SignIn`), as on the screens after it.
    pub fn handle_key(&mut self, key: &KeyEvent, services: &Services, lang: Lang) -> SignInOutcome {
        let n = self.fields.len();
        if let Some(text) = TextKey::of(key) {
            if let Some((_, value)) = self.fields.get_mut(self.focus) {
                match text.code {
                    KeyCode::Backspace => {
                        value.pop();
                    }
                    KeyCode::Char('u') if text.modifiers.contains(KeyModifiers::CONTROL) => {
                        value.clear()
                    }
                    KeyCode::Char(c) => value.push(c),
                    _ => {}
                }
            }
            return SignInOutcome::Stay;
        }
        match keymap::resolve(Context::SignIn, key) {
            Some(Action::Quit) => return SignInOutcome::Quit,
            Some(Action::NextField) => self.focus = (self.focus + 1) % n,
            Some(Action::PrevField) => self.focus = (self.focus + n - 1) % n,
            Some(Action::SignIn) if self.focus + 1 < n => self.focus += 1,
            Some(Action::SignIn) => return self.submit(services, lang),
            _ => {}
        }
        SignInOutcome::Stay
    }

    fn submit(&mut self, services: &Services, lang: Lang) -> SignInOutcome {
        let say = |e: crate::app::AppError| match lang {
            Lang::Zh => e.zh(),
            Lang::En => e.to_string(),
        };
        let user = self.value(Field::User).trim().to_string();
        let password = self.value(Field::Password).to_string();
        if self.first {
            if password != self.value(Field::Again) {
                self.message = Some(
                    lang.t("两次输入的密码不一样", "the passwords differ")
                        .into(),
                );
                self.focus_on(Field::Again);
                return SignInOutcome::Stay;
            }
            let new = NewAccount {
                user: user.clone(),
                display: self.value(Field::Display).trim().to_string(),
                role: Role::DistrictOfficer,
                town: None,
                department: None,
                password: password.clone(),
            };
            if let Err(e) = accounts::create(services, None, new) {
                self.message = Some(say(e));
                self.focus_on(Field::User);
                return SignInOutcome::Stay;
            }
        }
        match accounts::sign_in(services, &user, &password) {
            Ok(actor) => SignInOutcome::SignedIn(actor),
            Err(e) => {
                self.message = Some(say(e));
                // Keep the user name; the password is typed again.
                if let Some((_, v)) = self.fields.iter_mut().find(|(f, _)| *f == Field::Password) {
                    v.clear();
                }
                self.focus_on(Field::Password);
                SignInOutcome::Stay
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, lang: Lang, theme: Theme) {
        let area = frame.area();
        let demo_rows = if self.demo { 8 } else { 0 };
        let height = (self.fields.len() as u16 * 2 + 5 + demo_rows).min(area.height);
        let [popup] = Layout::vertical([Constraint::Length(height)])
            .flex(Flex::Center)
            .areas(area);
        let [popup] = Layout::horizontal([Constraint::Length(64.min(area.width))])
            .flex(Flex::Center)
            .areas(popup);
        let mut lines = Vec::new();
        if self.first {
            lines.push(Line::from(Span::styled(
                lang.t(
                    "首次使用：请创建区民政局管理员账号",
                    "First start: create the district administrator",
                ),
                theme.notice(),
            )));
        }
        for (i, (field, value)) in self.fields.iter().enumerate() {
            let label = match field {
                Field::User => lang.t("用户名", "User name"),
                Field::Display => lang.t("姓名", "Full name"),
                Field::Password => lang.t("密码", "Password"),
                Field::Again => lang.t("再输一次密码", "Password again"),
            };
            let shown = if matches!(field, Field::Password | Field::Again) {
                "*".repeat(value.chars().count())
            } else {
                value.clone()
            };
            let focused = i == self.focus;
            let cursor = if focused { "_" } else { "" };
            lines.push(Line::from(vec![
                Span::styled(pad_to(label, 14), theme.label()),
                Span::styled(
                    pad_to(&format!("{shown}{cursor}"), 40),
                    if focused {
                        theme.selected()
                    } else {
                        theme.value()
                    },
                ),
            ]));
            lines.push(Line::from(""));
        }
        match &self.message {
            Some(m) => lines.push(Line::from(Span::styled(m.clone(), theme.warn()))),
            None => {
                let hint: Vec<String> = keymap::hints(Context::SignIn, lang)
                    .iter()
                    .map(|(k, d)| format!("{k} {d}"))
                    .collect();
                lines.push(Line::from(Span::styled(hint.join("  "), theme.dim())))
            }
        }
        if self.demo {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                format!(
                    "{} {DEMO_PASSWORD}",
                    lang.t("演示账号，密码均为", "Demo accounts, password")
                ),
                theme.title(),
            )));
            for a in accounts::demo_accounts() {
                lines.push(Line::from(format!(
                    "  {} {}",
                    pad_to(&a.user, 16),
                    lang.of(&a.role)
                )));
            }
        }
        let title = format!(" safetynet · {} ", lang.t("登录", "Sign in"));
        frame.render_widget(Clear, popup);
        frame.render_widget(Paragraph::new(lines).block(theme.block(&title)), popup);
    }
}

/// Run the sign-in screen until someone signs in (`Some`) or quits (`None`).
pub fn sign_in_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    services: &Services,
    lang: Lang,
    theme: Theme,
    demo: bool,
    events: &mut dyn Iterator<Item = std::io::Result<Option<Event>>>,
) -> anyhow::Result<Option<Actor>>
where
    B::Error: Send + Sync + 'static,
{
    if demo {
        accounts::ensure_demo_accounts(services)?;
    }
    let mut screen = SignIn::new(services, demo);
    terminal.draw(|f| screen.draw(f, lang, theme))?;
    for event in events {
        let Some(Event::Key(key)) = event? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match screen.handle_key(&key, services, lang) {
            SignInOutcome::SignedIn(actor) => return Ok(Some(actor)),
            SignInOutcome::Quit => return Ok(None),
            SignInOutcome::Stay => {}
        }
        terminal.draw(|f| screen.draw(f, lang, theme))?;
    }
    Ok(None)
}
