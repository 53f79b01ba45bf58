//! The terminal front end: screens draw state and turn keys into actions; all data comes
//! through `app`. Nothing here touches sled.

pub mod action;
pub mod form;
pub mod keymap;
pub mod keys;
pub mod lang;
pub mod screens;
pub mod theme;
mod ui;
pub mod widgets;

use std::time::Duration;

use crossterm::event::{self, Event};
use ratatui::backend::Backend;
use ratatui::Terminal;

use crate::app::session::Actor;
use crate::app::Services;
pub use lang::Lang;
pub use theme::Theme;
pub use ui::{Flow, Ui};

/// What every screen reads while handling a key or drawing.
pub struct Cx<'a> {
    pub services: &'a Services,
    pub actor: &'a Actor,
    pub lang: Lang,
    pub theme: Theme,
}

/// Take over the terminal, run until the user quits, and give the terminal back —
/// on quit, on error and on panic (ratatui's hook restores it before the panic message).
pub fn run(services: &Services, actor: &Actor, lang: Lang, theme: Theme) -> anyhow::Result<()> {
    // We choose colours ourselves (see theme.rs); stop crossterm from swallowing
    // attribute sequences under NO_COLOR.
    crossterm::style::force_color_output(true);
    let mut terminal = ratatui::try_init()?;
    let cx = Cx {
        services,
        actor,
        lang,
        theme,
    };
    let mut ui = Ui::new(&cx);
    let result = event_loop(&mut terminal, &cx, &mut ui, TerminalEvents);
    ratatui::restore();
    result.map(|_| ())
}

/// Events from the real terminal: blocks until the next one.
struct TerminalEvents;

impl Iterator for TerminalEvents {
    type Item = std::io::Result<Event>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match event::poll(Duration::from_millis(1000)) {
                Ok(true) => return Some(event::read()),
                Ok(false) => continue,
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

/// The event loop: draw when something changed, then wait for the next event.
/// The program runs it on the terminal; tests run the same loop on a `TestBackend`
/// with scripted events. Returns `true` when the user quit, `false` when the events ran out.
pub fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    cx: &Cx,
    ui: &mut Ui,
    events: impl IntoIterator<Item = std::io::Result<Event>>,
) -> anyhow::Result<bool>
where
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|f| ui.draw(f, cx))?;
    for event in events {
        match ui.handle_event(&event?, cx) {
            Flow::Quit => return Ok(true),
            Flow::Redraw => {
                terminal.draw(|f| ui.draw(f, cx))?;
            }
            Flow::Idle => {}
        }
    }
    Ok(false)
}
