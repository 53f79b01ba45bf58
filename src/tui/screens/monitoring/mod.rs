//! Dynamic monitoring (issue 8): the alerts queue, the roster with its filters, and the
//! monitoring visit of one household (readings, what changed, exit). One `Screen`
//! variant holds them; the dashboard's panel is [`panel::dashboard_lines`].

mod alerts;
mod forms;
pub mod panel;
mod roster;
mod visit;

use ratatui::layout::Rect;
use ratatui::Frame;

pub use alerts::AlertsScreen;
pub use roster::RosterScreen;
pub use visit::VisitScreen;

use super::{Outcome, Screen};
use crate::app::AppError;
use crate::domain::household::HouseholdId;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::{Cx, Lang};

pub enum MonitoringScreen {
    Alerts(AlertsScreen),
    Roster(RosterScreen),
    Visit(Box<VisitScreen>),
}

fn push(s: MonitoringScreen) -> Outcome {
    Outcome::Push(Box::new(Screen::Monitoring(Box::new(s))))
}

/// The alerts queue, from the dashboard.
pub fn open_alerts(cx: &Cx) -> Outcome {
    push(MonitoringScreen::Alerts(AlertsScreen::new(cx)))
}

/// The roster, from the dashboard.
pub fn open_roster(cx: &Cx) -> Outcome {
    push(MonitoringScreen::Roster(RosterScreen::new(cx)))
}

/// The monitoring visit screen of one household.
pub fn open_visit(cx: &Cx, id: HouseholdId) -> Outcome {
    match VisitScreen::load(cx, id) {
        Ok(s) => push(MonitoringScreen::Visit(Box::new(s))),
        Err(msg) => Outcome::Status(msg),
    }
}

pub(crate) fn say(lang: Lang, e: &AppError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

impl MonitoringScreen {
    pub fn answer(
        &mut self,
        prompt: crate::tui::prompt::Prompt,
        answer: crate::tui::prompt::Answer,
        cx: &Cx,
    ) -> Outcome {
        match self {
            MonitoringScreen::Alerts(s) => s.answer(prompt, answer, cx),
            _ => Outcome::Stay,
        }
    }

    pub fn context(&self) -> Context {
        match self {
            MonitoringScreen::Alerts(_) => Context::Alerts,
            MonitoringScreen::Roster(_) => Context::Roster,
            MonitoringScreen::Visit(_) => Context::Visit,
        }
    }

    pub fn title(&self, cx: &Cx) -> String {
        match self {
            MonitoringScreen::Alerts(_) => cx.lang.t("预警队列", "Alerts").into(),
            MonitoringScreen::Roster(_) => cx.lang.t("监测对象", "Monitoring roster").into(),
            MonitoringScreen::Visit(s) => s.title(cx),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match self {
            MonitoringScreen::Alerts(s) => s.handle(action, cx),
            MonitoringScreen::Roster(s) => s.handle(action, cx),
            MonitoringScreen::Visit(s) => s.handle(action, cx),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        match self {
            MonitoringScreen::Alerts(s) => s.draw(frame, area, cx),
            MonitoringScreen::Roster(s) => s.draw(frame, area, cx),
            MonitoringScreen::Visit(s) => s.draw(frame, area, cx),
        }
    }

    pub fn capture_key(&mut self, key: &crossterm::event::KeyEvent, cx: &Cx) -> Option<Outcome> {
        match self {
            MonitoringScreen::Alerts(s) => s.capture_key(key, cx),
            MonitoringScreen::Roster(_) => None,
            MonitoringScreen::Visit(s) => s.capture_key(key, cx),
        }
    }

    pub fn refresh(&mut self, cx: &Cx) {
        match self {
            MonitoringScreen::Alerts(s) => s.refresh(cx),
            MonitoringScreen::Roster(s) => s.refresh(cx),
            MonitoringScreen::Visit(s) => s.refresh(cx),
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            MonitoringScreen::Alerts(s) => s.error.as_deref(),
            MonitoringScreen::Roster(s) => s.error.as_deref(),
            MonitoringScreen::Visit(s) => s.error.as_deref(),
        }
    }
}
