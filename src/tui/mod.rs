//! The terminal front end: screens draw state and turn keys into actions; all data comes
//! through `app`. Nothing here touches sled.

pub mod action;
pub mod audit_text;
pub mod form;
pub mod gate;
pub mod keymap;
pub mod keys;
pub mod lang;
pub mod popup;
pub mod prompt;
pub mod screens;
pub mod signin;
mod stop;
pub mod text_key;
pub mod text_view;
pub mod theme;
mod ui;
pub mod widgets;
pub mod wrap;

use std::time::Duration;

use crossterm::event::Event;
use ratatui::backend::Backend;
use ratatui::Terminal;

use crate::app::session::Actor;
use crate::app::Services;
pub use lang::Lang;
pub use theme::Theme;
pub use ui::{Flow, Ui};

/// What a screen reads while handling a key: the services (the store, through `app/`)
/// and everything drawing reads ([`DrawCx`], reached through `Deref`: `cx.lang`).
pub struct Cx<'a> {
    pub services: &'a Services,
    pub draw: DrawCx<'a>,
}

/// What a screen reads while drawing: who is signed in, the language and the colours,
/// and no services — "no store reads while drawing" is kept by the type. A `&Cx` passes
/// where a `&DrawCx` is asked for.
///
/// Drawing can read the date and the language:
/// ```
/// fn draw(cx: &safetynet::tui::DrawCx) -> String {
///     format!("{} {}", cx.lang.t("今天", "today"), cx.today())
/// }
/// ```
/// but not the store (this must not compile):
/// ```compile_fail
/// fn draw(cx: &safetynet::tui::DrawCx) -> String {
///     format!("{} {}", cx.lang.t("今天", "today"), cx.services.today())
/// }
/// ```
#[derive(Clone, Copy)]
pub struct DrawCx<'a> {
    pub actor: &'a Actor,
    pub lang: Lang,
    pub theme: Theme,
    /// The working date fixed on the services (a demo or test store), if any.
    fixed_today: Option<chrono::NaiveDate>,
}

impl DrawCx<'_> {
    /// Today's date as the services tell it (`Services::today`).
    pub fn today(&self) -> chrono::NaiveDate {
        self.fixed_today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

impl<'a> Cx<'a> {
    pub fn new(services: &'a Services, actor: &'a Actor, lang: Lang, theme: Theme) -> Cx<'a> {
        Cx {
            services,
            draw: DrawCx {
                actor,
                lang,
                theme,
                fixed_today: services.fixed_today,
            },
        }
    }
}

impl<'a> std::ops::Deref for Cx<'a> {
    type Target = DrawCx<'a>;
    fn deref(&self) -> &DrawCx<'a> {
        &self.draw
    }
}

/// How the program starts: at the sign-in screen, or already signed in (the demo).
pub enum Start {
    SignIn { demo: bool },
    As(Actor),
}

/// Why a session's event loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit.
    Quit,
    /// No key for longer than the idle limit: signed out.
    Idle,
    /// The user signed out (`o` on the home screen, Ctrl-O anywhere).
    SignedOut,
    /// The scripted events ran out (tests).
    RanOut,
}

/// Take over the terminal, run sign-in and sessions until the user quits, and give the
/// terminal back — on quit, on error and on panic (ratatui's hook restores it first), and
/// on SIGTERM, SIGHUP or SIGINT or a terminal gone (the session signs out first).
pub fn run(services: &Services, start: Start, lang: Lang, theme: Theme) -> anyhow::Result<()> {
    let stop = stop::Stop::on_signals();
    // We choose colours ourselves (see theme.rs); stop crossterm from swallowing
    // attribute sequences under NO_COLOR.
    crossterm::style::force_color_output(true);
    let mut terminal = ratatui::try_init()?;
    let result = sessions(
        &mut terminal,
        services,
        start,
        lang,
        theme,
        &mut stop::TerminalEvents { stop },
    );
    ratatui::restore();
    result
}

/// Sign in, run a session, and after an idle sign-out ask for the password again.
pub fn sessions<B: Backend>(
    terminal: &mut Terminal<B>,
    services: &Services,
    start: Start,
    lang: Lang,
    theme: Theme,
    events: &mut dyn Iterator<Item = std::io::Result<Option<Event>>>,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let (mut preset, demo) = match start {
        Start::As(actor) => (Some(actor), true),
        Start::SignIn { demo } => (None, demo),
    };
    let idle = crate::app::accounts::policy(services)
        .ok()
        .map(|p| p.idle_minutes)
        .filter(|m| *m > 0)
        .map(|m| Duration::from_secs(m * 60));
    loop {
        let actor = match preset.take() {
            Some(a) => a,
            None => {
                match signin::sign_in_loop(terminal, services, lang, theme, demo, &mut *events)? {
                    Some(a) => a,
                    None => return Ok(()),
                }
            }
        };
        let cx = Cx::new(services, &actor, lang, theme);
        let mut ui = Ui::new(&cx);
        ui.idle_limit = idle;
        let ended = event_loop(terminal, &cx, &mut ui, &mut *events)?;
        let note = match ended {
            Ended::Idle => "idle",
            Ended::Quit => "quit",
            Ended::SignedOut => "sign_out",
            Ended::RanOut => "terminal closed or signal",
        };
        let _ = crate::app::accounts::record_sign_out(services, &actor.user, note);
        if !matches!(ended, Ended::Idle | Ended::SignedOut) {
            return Ok(());
        }
    }
}

/// The event loop of a signed-in session: draw when something changed, then wait for
/// the next event. The program runs it on the terminal; tests run the same loop on a
/// `TestBackend` with scripted events (`None` is a tick with no input).
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    cx: &Cx,
    ui: &mut Ui,
    events: impl IntoIterator<Item = std::io::Result<Option<Event>>>,
) -> anyhow::Result<Ended>
where
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|f| ui.draw(f, cx))?;
    for event in events {
        let Some(event) = event? else {
            if ui.idle_expired() {
                return Ok(Ended::Idle);
            }
            continue;
        };
        match ui.handle_event(&event, cx) {
            Flow::Quit => return Ok(Ended::Quit),
            Flow::SignOut => return Ok(Ended::SignedOut),
            Flow::Redraw => {
                terminal.draw(|f| ui.draw(f, cx))?;
            }
            Flow::Idle => {}
        }
    }
    Ok(Ended::RanOut)
}
