//! The "due for re-check" queue: confirmed households whose re-check is overdue or due
//! this month, overdue first, each by due date. Enter starts the re-check of the
//! selected household; `m` opens its monitoring record.

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::open_recheck;
use crate::app::recheck::{self, DueRow};
use crate::domain::recheck::DueState;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::monitoring::say;
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome, Screen};
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub struct RecheckQueueScreen {
    rows: Vec<DueRow>,
    overdue: usize,
    this_month: usize,
    selected: usize,
    pub error: Option<String>,
}

impl RecheckQueueScreen {
    pub fn new(cx: &Cx) -> RecheckQueueScreen {
        let mut s = RecheckQueueScreen {
            rows: Vec::new(),
            overdue: 0,
            this_month: 0,
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }

    /// The rows as loaded (for tests).
    pub fn rows(&self) -> &[DueRow] {
        &self.rows
    }

    fn current(&self) -> Option<&DueRow> {
        self.rows.get(self.selected)
    }
}

impl Screen for RecheckQueueScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("定期复核", "Re-checks due").to_string()
    }

    fn context(&self) -> Context {
        Context::RecheckQueue
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.current() {
                Some(row) => open_recheck(cx, row.household),
                None => Outcome::Stay,
            },
            Action::MonitoringRecord => match self.current() {
                Some(row) => crate::tui::screens::monitoring::open_visit(cx, row.household),
                None => Outcome::Stay,
            },
            other => {
                move_selection(&mut self.selected, self.rows.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(2),
        ])
        .areas(area);
        let late = if self.overdue > 0 {
            cx.theme.warn()
        } else {
            cx.theme.label()
        };
        let head = Line::from(vec![
            Span::styled(
                format!(" {} {} ", lang.t("待复核", "Due"), self.rows.len()),
                cx.theme.title(),
            ),
            Span::styled(
                format!(" {} {} ", lang.t("已逾期", "overdue"), self.overdue),
                late,
            ),
            Span::styled(
                format!(" {} {} ", lang.t("本月到期", "this month"), self.this_month),
                cx.theme.label(),
            ),
        ]);
        frame.render_widget(Paragraph::new(head), top);
        let row = |r: &DueRow| {
            let state = match (lang, r.state) {
                (crate::tui::Lang::En, DueState::ThisMonth) => "this month",
                _ => lang.of(&r.state),
            };
            let text = format!(
                "{} {} {} {} {} {}",
                pad_to(state, 10),
                r.due,
                pad_to(lang.of(&r.category), 16),
                pad_to(&r.head, 8),
                pad_to(lang.of(&r.town), 10),
                pad_to(&r.village, 12),
            );
            let style = if r.state == DueState::Overdue {
                cx.theme.warn()
            } else {
                ratatui::style::Style::default()
            };
            ListLine::new(text, style)
        };
        let empty = lang.t(
            " 本月没有到期或逾期的复核",
            " No re-check overdue or due this month",
        );
        draw_list(
            frame,
            list,
            cx,
            &self.rows,
            self.selected,
            row,
            Some((empty, cx.theme.ok())),
        );
        if let Some(r) = self.current() {
            let detail = vec![
                Line::from(Span::styled(
                    pad_to(
                        &format!(
                            " {}：{} · {} {}",
                            lang.t("复核周期", "period"),
                            lang.of(&r.basis),
                            lang.t("上次", "last"),
                            r.last
                        ),
                        usize::from(bottom.width),
                    ),
                    cx.theme.value(),
                )),
                Line::from(Span::styled(
                    lang.t(
                        " Enter 开始复核  m 监测记录",
                        " Enter start the re-check  m monitoring record",
                    ),
                    cx.theme.dim(),
                )),
            ];
            frame.render_widget(Paragraph::new(detail), bottom);
        }
    }

    fn refresh(&mut self, cx: &Cx) {
        match recheck::due_queue(cx.services, cx.actor, None) {
            Ok(q) => {
                self.rows = q.rows;
                self.overdue = q.overdue;
                self.this_month = q.this_month;
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
