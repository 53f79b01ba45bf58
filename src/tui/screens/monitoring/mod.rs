//! Dynamic monitoring (issue 8): the alerts queue, the roster with its filters, and the
//! monitoring visit of one household (readings, what changed, exit). Each is a screen
//! of its own; the dashboard's panel is [`panel::dashboard_lines`].

mod alerts;
pub(crate) mod forms;
pub mod panel;
mod roster;
mod visit;

pub use alerts::AlertsScreen;
pub use roster::RosterScreen;
pub use visit::VisitScreen;

use super::Outcome;
use crate::app::AppError;
use crate::domain::household::HouseholdId;
use crate::tui::{Cx, Lang};

/// The alerts queue, from the dashboard.
pub fn open_alerts(cx: &Cx) -> Outcome {
    Outcome::push(AlertsScreen::new(cx))
}

/// The roster, from the dashboard.
pub fn open_roster(cx: &Cx) -> Outcome {
    Outcome::push(RosterScreen::new(cx))
}

/// The monitoring visit screen of one household.
pub fn open_visit(cx: &Cx, id: HouseholdId) -> Outcome {
    match VisitScreen::load(cx, id) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}

pub(crate) fn say(lang: Lang, e: &AppError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}
