//! The terminal front end: screens draw state and turn keys into actions; all data comes
//! through `app`. Nothing here touches sled.

pub mod action;
pub mod keymap;
pub mod keys;
pub mod lang;
pub mod screens;
pub mod theme;
mod ui;
pub mod widgets;

use std::time::Duration;

use crossterm::event;

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
    let result = event_loop(&mut terminal, services, actor, lang, theme);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    services: &Services,
    actor: &Actor,
    lang: Lang,
    theme: Theme,
) -> anyhow::Result<()> {
    let cx = Cx {
        services,
        actor,
        lang,
        theme,
    };
    let mut ui = Ui::new(&cx);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| ui.draw(f, &cx))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(1000))? {
            continue;
        }
        match ui.handle_event(&event::read()?, &cx) {
            Flow::Quit => return Ok(()),
            Flow::Redraw => dirty = true,
            Flow::Idle => {}
        }
    }
}
