//! One screen per file. Each consumes actions and draws itself from its own state.

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
pub mod paged;
pub mod referrals;
pub mod standards;
pub mod steps;

use ratatui::layout::Rect;
use ratatui::Frame;

use super::action::Action;
use super::keymap::Context;
use super::prompt::{Answer, Prompt};
use super::Cx;

/// What a screen asks of the session after an action.
pub enum Outcome {
    Stay,
    Push(Box<Screen>),
    Pop,
    /// Close this screen and say what was done (a step form after it wrote).
    PopStatus(String),
    Home,
    Quit,
    Status(String),
    /// Close this screen and open another in its place.
    Replace(Box<Screen>),
    /// Ask the user; the answer comes back to this screen (`Screen::answer`).
    Ask(Box<Prompt>),
}

impl Outcome {
    pub fn ask(prompt: Prompt) -> Outcome {
        Outcome::Ask(Box::new(prompt))
    }
}

pub enum Screen {
    Dashboard(dashboard::DashboardScreen),
    CaseList(case_list::CaseListScreen),
    CaseDetail(Box<case_detail::CaseDetailScreen>),
    Lookup(lookup::LookupScreen),
    Drilldown(drilldown::DrilldownScreen),
    Standards(standards::StandardsScreen),
    Audit(audit::AuditScreen),
    Intake(Box<intake::IntakeScreen>),
    Drafts(drafts::DraftsScreen),
    Step(Box<steps::StepScreen>),
    Referrals(Box<referrals::ReferralScreen>),
    Monitoring(Box<monitoring::MonitoringScreen>),
    Meeting(Box<meeting::MeetingScreen>),
}

impl Screen {
    pub fn context(&self) -> Context {
        match self {
            Screen::Dashboard(_) => Context::Dashboard,
            Screen::CaseList(_) => Context::CaseList,
            Screen::CaseDetail(_) => Context::CaseDetail,
            Screen::Lookup(_) => Context::Lookup,
            Screen::Drilldown(_) => Context::Drilldown,
            Screen::Standards(_) => Context::Standards,
            Screen::Audit(_) => Context::Audit,
            Screen::Intake(_) => Context::Intake,
            Screen::Drafts(_) => Context::Drafts,
            Screen::Step(_) => Context::StepForm,
            Screen::Referrals(s) => s.context(),
            Screen::Monitoring(s) => s.context(),
            Screen::Meeting(s) => s.context(),
        }
    }

    pub fn title(&self, cx: &Cx) -> String {
        match self {
            Screen::Dashboard(_) => cx.lang.t("首页", "Home").to_string(),
            Screen::CaseList(_) => cx.lang.t("案件列表", "Cases").to_string(),
            Screen::CaseDetail(s) => s.title(cx),
            Screen::Lookup(_) => cx.lang.t("查找", "Look up").to_string(),
            Screen::Drilldown(s) => s.title(cx),
            Screen::Standards(_) => cx.lang.t("认定标准", "Standards").to_string(),
            Screen::Audit(_) => cx.lang.t("审计记录", "Audit trail").to_string(),
            Screen::Intake(s) => s.title(cx),
            Screen::Drafts(_) => cx.lang.t("我的草稿", "My drafts").to_string(),
            Screen::Step(s) => s.title(cx),
            Screen::Referrals(s) => s.title(cx),
            Screen::Monitoring(s) => s.title(cx),
            Screen::Meeting(s) => s.title(cx),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match self {
            Screen::Dashboard(s) => s.handle(action, cx),
            Screen::CaseList(s) => s.handle(action, cx),
            Screen::CaseDetail(s) => s.handle(action, cx),
            Screen::Lookup(s) => s.handle(action, cx),
            Screen::Drilldown(s) => s.handle(action, cx),
            Screen::Standards(s) => s.handle(action, cx),
            Screen::Audit(s) => s.handle(action, cx),
            Screen::Intake(s) => s.handle(action, cx),
            Screen::Drafts(s) => s.handle(action, cx),
            Screen::Step(s) => s.handle(action, cx),
            Screen::Referrals(s) => s.handle(action, cx),
            Screen::Monitoring(s) => s.handle(action, cx),
            Screen::Meeting(s) => s.handle(action, cx),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        match self {
            Screen::Dashboard(s) => s.draw(frame, area, cx),
            Screen::CaseList(s) => s.draw(frame, area, cx),
            Screen::CaseDetail(s) => s.draw(frame, area, cx),
            Screen::Lookup(s) => s.draw(frame, area, cx),
            Screen::Drilldown(s) => s.draw(frame, area, cx),
            Screen::Standards(s) => s.draw(frame, area, cx),
            Screen::Audit(s) => s.draw(frame, area, cx),
            Screen::Intake(s) => s.draw(frame, area, cx),
            Screen::Drafts(s) => s.draw(frame, area, cx),
            Screen::Step(s) => s.draw(frame, area, cx),
            Screen::Referrals(s) => s.draw(frame, area, cx),
            Screen::Monitoring(s) => s.draw(frame, area, cx),
            Screen::Meeting(s) => s.draw(frame, area, cx),
        }
    }

    /// Raw keys for a screen that is taking text: `Some` when the key was consumed.
    /// Called before the keymap, so typing "q" into a field does not quit.
    pub fn capture_key(&mut self, key: &crossterm::event::KeyEvent, cx: &Cx) -> Option<Outcome> {
        match self {
            Screen::Standards(s) => s.capture_key(key, cx),
            Screen::Audit(s) => s.capture_key(key, cx),
            Screen::Lookup(s) => s.capture_key(key, cx),
            Screen::Intake(s) => s.capture_key(key, cx),
            Screen::Drafts(s) => s.capture_key(key, cx),
            Screen::Step(s) => s.capture_key(key, cx),
            Screen::Referrals(s) => s.capture_key(key, cx),
            Screen::Monitoring(s) => s.capture_key(key, cx),
            Screen::Meeting(s) => s.capture_key(key, cx),
            _ => None,
        }
    }

    /// The answer to a prompt this screen asked.
    pub fn answer(&mut self, prompt: Prompt, answer: Answer, cx: &Cx) -> Outcome {
        match self {
            Screen::Dashboard(_) => super::ui::quit_answer(answer),
            Screen::CaseDetail(s) => s.answer(prompt, answer, cx),
            Screen::Intake(s) => s.answer(prompt, answer, cx),
            Screen::Drafts(s) => s.answer(prompt, answer, cx),
            Screen::Step(s) => s.answer(prompt, answer, cx),
            Screen::Monitoring(s) => s.answer(prompt, answer, cx),
            Screen::Meeting(s) => s.answer(prompt, answer, cx),
            _ => Outcome::Stay,
        }
    }

    /// Reload data after returning to this screen.
    pub fn refresh(&mut self, cx: &Cx) {
        match self {
            Screen::Dashboard(s) => s.refresh(cx),
            Screen::CaseList(s) => s.refresh(cx),
            Screen::CaseDetail(s) => s.refresh(cx),
            Screen::Lookup(s) => s.refresh(cx),
            Screen::Drilldown(s) => s.refresh(cx),
            Screen::Standards(s) => s.refresh(cx),
            Screen::Audit(s) => s.refresh(cx),
            Screen::Intake(s) => s.refresh(cx),
            Screen::Drafts(s) => s.refresh(cx),
            Screen::Step(s) => s.refresh(cx),
            Screen::Referrals(s) => s.refresh(cx),
            Screen::Monitoring(s) => s.refresh(cx),
            Screen::Meeting(s) => s.refresh(cx),
        }
    }

    /// An error met while loading, for the status line.
    pub fn error(&self) -> Option<&str> {
        match self {
            Screen::Dashboard(s) => s.error.as_deref(),
            Screen::CaseList(s) => s.error.as_deref(),
            Screen::CaseDetail(s) => s.error.as_deref(),
            Screen::Lookup(s) => s.error.as_deref(),
            Screen::Drilldown(s) => s.error.as_deref(),
            Screen::Standards(s) => s.error.as_deref(),
            Screen::Audit(s) => s.error.as_deref(),
            Screen::Intake(s) => s.error.as_deref(),
            Screen::Drafts(s) => s.error.as_deref(),
            Screen::Step(s) => s.error.as_deref(),
            Screen::Referrals(s) => s.error(),
            Screen::Monitoring(s) => s.error(),
            Screen::Meeting(s) => s.error(),
        }
    }
}

/// Open a case's detail screen.
pub fn open_case(cx: &Cx, id: crate::domain::case::CaseId) -> Outcome {
    match case_detail::CaseDetailScreen::load(cx, id) {
        Ok(s) => Outcome::Push(Box::new(Screen::CaseDetail(Box::new(s)))),
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
