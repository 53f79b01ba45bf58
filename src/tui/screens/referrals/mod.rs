//! Referrals (因需推送、结果反馈): the proposal after confirmation, the quick feedback
//! screen of one department, and the quarterly ledger. Each is a screen of its own.

mod feedback;
mod ledger;
mod proposal;
mod status;

pub use feedback::FeedbackScreen;
pub use ledger::LedgerScreen;
pub use proposal::ProposalScreen;
pub use status::{dashboard_line, dashboard_strip, QuarterLine};

use super::Outcome;
use crate::domain::case::CaseId;
use crate::domain::referral::Department;
use crate::tui::Cx;

/// The referral proposal of a confirmed case (after confirmation, or `p` on the case).
pub fn open_proposal(cx: &Cx, case: CaseId) -> Outcome {
    match ProposalScreen::load(cx, case) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}

/// The quick feedback screen, on `department` or the first with open referrals.
pub fn open_feedback(cx: &Cx, department: Option<Department>) -> Outcome {
    match FeedbackScreen::load(cx, department) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}

/// The ledger of the quarter whose feedback is due next.
pub fn open_ledger(cx: &Cx) -> Outcome {
    match LedgerScreen::load(cx) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}
