//! One screen per file, each behind the [`Screen`] trait: it consumes actions and draws
//! itself from its own state.

pub mod audit;
pub mod case_detail;
pub mod case_list;
pub mod dashboard;
pub mod drafts;
pub mod drilldown;
pub mod help;
pub mod intake;
pub mod lookup;
pub mod meeting;
pub mod monitoring;
pub mod notices;
pub mod obligor_form;
pub mod paged;
pub mod recheck;
pub mod referrals;
pub mod relatives;
pub mod rows;
pub mod spot_checks;
pub mod staff_register;
pub mod standards;
pub mod steps;

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use std::any::Any;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::keymap::Context;
use super::prompt::{Answer, Prompt};
use super::Cx;

/// What a screen asks of the session after an action.
pub enum Outcome {
    Stay,
    Push(Box<dyn Screen>),
    Pop,
    /// Close this screen and say what was done (a step form after it wrote).
    PopStatus(String),
    Home,
    Quit,
    Status(String),
    /// Close this screen and open another in its place.
    Replace(Box<dyn Screen>),
    /// Ask the user; the answer comes back to this screen (`Screen::answer`).
    Ask(Box<Prompt>),
}

impl Outcome {
    pub fn ask(prompt: Prompt) -> Outcome {
        Outcome::Ask(Box::new(prompt))
    }

    /// Open `screen` over this one.
    pub fn push(screen: impl Screen) -> Outcome {
        Outcome::Push(Box::new(screen))
    }

    /// Close this screen and open `screen` in its place.
    pub fn replace(screen: impl Screen) -> Outcome {
        Outcome::Replace(Box::new(screen))
    }
}

/// A screen on the session's stack (`tui::ui::Ui`). The session resolves every key through
/// the keymap for [`Screen::context`] and hands the screen the [`Action`]; the screen answers
/// with an [`Outcome`] (stay, push another screen, pop, ask a [`Prompt`], ...).
///
/// To add a screen:
/// 1. write one file under `src/tui/screens/` with a struct holding everything it shows,
///    loaded through `app/` when it opens (and again in `refresh`);
/// 2. add a `Context` for it in `tui/keymap.rs` with its keys and their descriptions (the
///    footer and the help are made from them), or reuse one;
/// 3. `impl Screen for YourScreen`: `title`, `context`, `handle`, `draw` at least;
///    `on_text` if it takes typing, `answer` if it asks a prompt, `refresh`/`error` if it
///    loads data;
/// 4. open it from another screen with `Outcome::push(YourScreen::new(cx)?)`.
///
/// `draw` takes `&self` and a [`DrawCx`] (no services): it draws the state as it is and
/// cannot read the store (load in `new`/`refresh`/`handle` instead). Tests reach the concrete screen with
/// `ui.screen().downcast_ref::<YourScreen>()`.
pub trait Screen: Any {
    /// The header title.
    fn title(&self, cx: &DrawCx) -> String;

    /// Which keymap this screen's keys are resolved in.
    fn context(&self) -> Context;

    /// Do what the user asked.
    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome;

    /// Draw the body (between the header and the footer) from the screen's own state.
    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect);

    /// Typing, for a screen that is taking text: `Some` when the key was consumed.
    /// Called before the keymap, so typing "q" into a field does not quit. Only keys that
    /// edit text arrive here ([`TextKey`]): Enter, Esc, Tab and every command key reach the
    /// screen as an [`Action`] from the keymap of [`Screen::context`] (a screen that is
    /// editing returns an editing context, e.g. `Context::EntryForm`, whose Enter saves),
    /// so nothing is written from a raw key and the footer and help say what Enter does.
    fn on_text(&mut self, _cx: &Cx, _key: &TextKey) -> Option<Outcome> {
        None
    }

    /// The answer to a prompt this screen asked with `Outcome::Ask`.
    fn answer(&mut self, _cx: &Cx, _prompt: Prompt, _answer: Answer) -> Outcome {
        Outcome::Stay
    }

    /// Reload data after returning to this screen, or when another clerk wrote.
    fn refresh(&mut self, _cx: &Cx) {}

    /// An error met while loading, for the status line.
    fn error(&self) -> Option<&str> {
        None
    }

    /// Keep what is typed as a draft: the session is ending without the clerk.
    fn keep_draft(&mut self, _cx: &Cx) -> Result<(), String> {
        Ok(())
    }
}

impl dyn Screen {
    /// The concrete screen, if it is a `T`.
    pub fn downcast_ref<T: Screen>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref::<T>()
    }

    /// Whether this screen is a `T`.
    pub fn is<T: Screen>(&self) -> bool {
        (self as &dyn Any).is::<T>()
    }
}

/// Open a case's detail screen.
pub fn open_case(cx: &Cx, id: crate::domain::case::CaseId) -> Outcome {
    match case_detail::CaseDetailScreen::load(cx, id) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}

/// Move a selection within `0..len` by an action; returns whether it moved.
pub fn move_selection(selected: &mut usize, len: usize, action: Action, page: usize) -> bool {
    if len == 0 {
        return false;
    }
    let before = *selected;
    let last = len - 1;
    *selected = match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (*selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page.max(1)),
        Action::PageDown => (*selected + page.max(1)).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => *selected,
    };
    *selected != before
}
