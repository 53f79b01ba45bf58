//! Home: caseload, stages, categories, monitoring indicators (income below the monitoring
//! line included), caseload by town as a bar chart, applications and confirmations per
//! month as sparklines, the unconfirmed-standards warning, and the cases that are overdue
//! or due within three working days. Tab moves between panels; Enter on a figure opens
//! the list it counts (drill-down), on a case opens the case.

mod panels;

use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt};
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::Frame;

use super::{move_selection, open_case, Outcome};
use crate::app::cases::CaseFilter;
use crate::app::dashboard::{self, Dashboard};
use crate::domain::case::{CaseId, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::drilldown::Figure;
use crate::domain::town::Town;
use crate::tui::action::Action;
use crate::tui::Cx;
pub use panels::{short_town, town_cell, town_column, town_within};

/// The panel the selection is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Stages,
    Figures,
    Towns,
    Due,
}

impl Focus {
    const ALL: [Focus; 4] = [Focus::Stages, Focus::Figures, Focus::Towns, Focus::Due];

    fn index(self) -> usize {
        self as usize
    }

    fn next(self) -> Focus {
        Focus::ALL[(self.index() + 1) % 4]
    }

    fn prev(self) -> Focus {
        Focus::ALL[(self.index() + 3) % 4]
    }
}

/// What Enter on the selection opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Stage(Stage),
    Figure(Figure),
    Town(Town),
    Case(CaseId),
}

pub struct DashboardScreen {
    /// Boxed: the screen stack keeps every screen small.
    data: Option<Box<Dashboard>>,
    focus: Focus,
    /// The selection in each panel.
    selected: [usize; 4],
    /// The current quarter's department feedback (issue 7).
    quarter: super::referrals::QuarterLine,
    /// The monitoring strip's figures, loaded with the rest (drawing reads nothing).
    monitoring: Option<crate::app::monitoring::MonitoringFigures>,
    /// Re-checks overdue and due this month, loaded with the rest.
    rechecks: Option<crate::app::recheck::DueCounts>,
    /// Written notices overdue (issue 18), loaded with the rest.
    letters_overdue: Option<usize>,
    pub error: Option<String>,
}

impl DashboardScreen {
    pub fn new(cx: &Cx) -> DashboardScreen {
        let mut s = DashboardScreen {
            data: None,
            quarter: Default::default(),
            monitoring: None,
            rechecks: None,
            letters_overdue: None,
            // The cases that need attention first.
            focus: Focus::Due,
            selected: [0; 4],
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn data(&self) -> Option<&Dashboard> {
        self.data.as_deref()
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// What Enter would open now.
    pub fn selection(&self) -> Option<Pick> {
        let d = self.data.as_ref()?;
        panels::pick(
            d,
            &self.rows(),
            self.focus,
            self.selected[self.focus.index()],
        )
    }

    fn len(&self) -> usize {
        self.data
            .as_ref()
            .map_or(0, |d| panels::len(d, self.rows().len(), self.focus))
    }

    fn clamp(&mut self) {
        let len = self.len();
        let i = self.focus.index();
        self.selected[i] = self.selected[i].min(len.saturating_sub(1));
    }

    /// Overdue cases first, then those due soon.
    fn rows(&self) -> Vec<&CaseRow> {
        self.data
            .as_ref()
            .map(|d| d.overdue_rows.iter().chain(&d.due_rows).collect())
            .unwrap_or_default()
    }

    fn open(&self, cx: &Cx) -> Outcome {
        use super::drilldown::{open, Source};
        match self.selection() {
            Some(Pick::Case(id)) => open_case(cx, id),
            Some(Pick::Stage(stage)) => Outcome::push(super::case_list::CaseListScreen::new(
                cx,
                CaseFilter {
                    stage: Some(stage),
                    ..CaseFilter::default()
                },
            )),
            Some(Pick::Figure(f)) => open(cx, Source::Figure(f)),
            Some(Pick::Town(t)) => open(cx, Source::OpenCases(t)),
            None => Outcome::Status(
                cx.lang
                    .t("没有逾期或即将到期的案件", "No case is overdue or due soon")
                    .into(),
            ),
        }
    }
}

impl Screen for DashboardScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("首页", "Home").to_string()
    }

    fn context(&self) -> Context {
        Context::Dashboard
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            // Leaving the program asks first; Esc never quits (it is "back" everywhere).
            Action::Quit => Outcome::ask(crate::tui::ui::quit_prompt(cx)),
            Action::NewApplication | Action::Drafts => super::intake::open(action, cx),
            Action::Ledger => super::referrals::open_ledger(cx),
            Action::Feedback => super::referrals::open_feedback(cx, None),
            Action::AuditTrail => Outcome::push(super::audit::AuditScreen::new(cx)),
            Action::Alerts => super::monitoring::open_alerts(cx),
            Action::Roster => super::monitoring::open_roster(cx),
            Action::Rechecks => super::recheck::open_queue(cx),
            Action::NoticeList => super::notices::list::NoticeListScreen::open(cx),
            Action::StaffRegister => super::staff_register::open(cx),
            Action::OverdueLetters => super::notices::overdue::OverdueLettersScreen::open(cx),
            Action::SpotChecks => {
                match cx
                    .actor
                    .permit(crate::domain::access::Permission::DistrictChecks)
                {
                    Ok(()) => Outcome::push(super::spot_checks::SpotChecksScreen::new(cx)),
                    Err(e) => Outcome::Status(cx.lang.say(&e)),
                }
            }
            Action::Meeting => super::meeting::open(cx),
            Action::Standards => Outcome::push(super::standards::StandardsScreen::new(cx)),
            Action::Cases => Outcome::push(super::case_list::CaseListScreen::new(
                cx,
                Default::default(),
            )),
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => self.open(cx),
            Action::NextTab => {
                self.focus = self.focus.next();
                self.clamp();
                Outcome::Stay
            }
            Action::PrevTab => {
                self.focus = self.focus.prev();
                self.clamp();
                Outcome::Stay
            }
            other => {
                let len = self.len();
                move_selection(&mut self.selected[self.focus.index()], len, other, 5);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let Some(d) = &self.data else {
            return;
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Length(12), Constraint::Min(0)]).areas(area);
        let [overview, stages, figures] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Length(26),
            Constraint::Min(0),
        ])
        .areas(top);
        let [towns, due] =
            Layout::horizontal([Constraint::Length(36), Constraint::Min(0)]).areas(bottom);
        let due = super::referrals::dashboard_strip(frame, due, cx, &self.quarter);
        let due =
            super::monitoring::panel::dashboard_strip(frame, due, cx, self.monitoring.as_ref());
        let due = super::recheck::panel::dashboard_line(frame, due, cx, self.rechecks.as_ref());
        let due = super::notices::panel::dashboard_line(frame, due, cx, self.letters_overdue);
        let sel = panels::Selection {
            focus: self.focus,
            index: self.selected[self.focus.index()],
        };
        panels::overview(frame, overview, cx, d);
        panels::stages(frame, stages, cx, d, &sel);
        panels::figures(frame, figures, cx, d, &sel);
        panels::towns(frame, towns, cx, d, &sel);
        panels::due(frame, due, cx, d, &self.rows(), &sel);
    }

    fn refresh(&mut self, cx: &Cx) {
        self.quarter = super::referrals::QuarterLine::load(cx);
        self.monitoring = crate::app::monitoring::dashboard_figures(cx.services, cx.actor).ok();
        self.rechecks = crate::app::recheck::due_counts(cx.services, cx.actor)
            .ok()
            .flatten();
        self.letters_overdue = crate::app::workflow::overdue_letter_count(cx.services, cx.actor)
            .ok()
            .flatten();
        match dashboard::dashboard(cx.services, cx.actor) {
            Ok(d) => {
                self.data = Some(Box::new(d));
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.clamp();
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn answer(&mut self, _cx: &Cx, _prompt: Prompt, answer: Answer) -> Outcome {
        crate::tui::ui::quit_answer(answer)
    }
}
