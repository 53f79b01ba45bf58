//! Referrals (因需推送、结果反馈): the proposal after confirmation, the quick feedback
//! screen of one department, and the quarterly ledger. One `Screen` variant holds them.

mod feedback;
mod ledger;
mod proposal;
mod status;

use ratatui::layout::Rect;
use ratatui::Frame;

pub use feedback::FeedbackScreen;
pub use ledger::LedgerScreen;
pub use proposal::ProposalScreen;
pub use status::{dashboard_line, dashboard_strip, QuarterLine};

use super::{Outcome, Screen};
use crate::domain::case::CaseId;
use crate::domain::referral::Department;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::Cx;

pub enum ReferralScreen {
    Proposal(Box<ProposalScreen>),
    Feedback(FeedbackScreen),
    Ledger(LedgerScreen),
}

impl ReferralScreen {
    pub fn context(&self) -> Context {
        match self {
            ReferralScreen::Proposal(_) => Context::Referrals,
            ReferralScreen::Feedback(_) => Context::Feedback,
            ReferralScreen::Ledger(_) => Context::Ledger,
        }
    }

    pub fn title(&self, cx: &Cx) -> String {
        match self {
            ReferralScreen::Proposal(s) => s.title(cx),
            ReferralScreen::Feedback(_) => cx.lang.t("部门反馈", "Department feedback").into(),
            ReferralScreen::Ledger(_) => cx.lang.t("反馈台账", "Feedback ledger").into(),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match self {
            ReferralScreen::Proposal(s) => s.handle(action, cx),
            ReferralScreen::Feedback(s) => s.handle(action, cx),
            ReferralScreen::Ledger(s) => s.handle(action, cx),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        match self {
            ReferralScreen::Proposal(s) => s.draw(frame, area, cx),
            ReferralScreen::Feedback(s) => s.draw(frame, area, cx),
            ReferralScreen::Ledger(s) => s.draw(frame, area, cx),
        }
    }

    pub fn capture_key(&mut self, key: &crossterm::event::KeyEvent, cx: &Cx) -> Option<Outcome> {
        match self {
            ReferralScreen::Feedback(s) => s.capture_key(key, cx),
            _ => None,
        }
    }

    pub fn refresh(&mut self, cx: &Cx) {
        match self {
            ReferralScreen::Proposal(s) => s.refresh(cx),
            ReferralScreen::Feedback(s) => s.refresh(cx),
            ReferralScreen::Ledger(s) => s.refresh(cx),
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            ReferralScreen::Proposal(s) => s.error.as_deref(),
            ReferralScreen::Feedback(s) => s.error.as_deref(),
            ReferralScreen::Ledger(s) => s.error.as_deref(),
        }
    }
}

fn push(screen: ReferralScreen) -> Outcome {
    Outcome::Push(Box::new(Screen::Referrals(Box::new(screen))))
}

/// The referral proposal of a confirmed case (after confirmation, or `p` on the case).
pub fn open_proposal(cx: &Cx, case: CaseId) -> Outcome {
    match ProposalScreen::load(cx, case) {
        Ok(s) => push(ReferralScreen::Proposal(Box::new(s))),
        Err(msg) => Outcome::Status(msg),
    }
}

/// The quick feedback screen, on `department` or the first with open referrals.
pub fn open_feedback(cx: &Cx, department: Option<Department>) -> Outcome {
    match FeedbackScreen::load(cx, department) {
        Ok(s) => push(ReferralScreen::Feedback(s)),
        Err(msg) => Outcome::Status(msg),
    }
}

/// The ledger of the quarter whose feedback is due next.
pub fn open_ledger(cx: &Cx) -> Outcome {
    match LedgerScreen::load(cx) {
        Ok(s) => push(ReferralScreen::Ledger(s)),
        Err(msg) => Outcome::Status(msg),
    }
}
