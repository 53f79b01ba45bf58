//! Periodic re-checks (动态管理, issue 18): the "due for re-check" queue (overdue first,
//! then due this month) and the re-check of one household (a monitoring reading, then
//! the engine's proposal — keep / 增发 / 减发 / change / taper / end — to confirm or
//! override with a reason). The dashboard's line is [`panel::dashboard_line`].

pub mod panel;
mod queue;
mod visit;

pub use queue::RecheckQueueScreen;
pub use visit::RecheckScreen;

use super::Outcome;
use crate::domain::household::HouseholdId;
use crate::tui::Cx;

/// The queue, from the dashboard.
pub fn open_queue(cx: &Cx) -> Outcome {
    Outcome::push(RecheckQueueScreen::new(cx))
}

/// The re-check of one household.
pub fn open_recheck(cx: &Cx, id: HouseholdId) -> Outcome {
    match RecheckScreen::load(cx, id) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}
