//! 告知书逾期未送达 (`l` on the home screen): every decided case whose written notice was
//! not delivered by its due day, the longest overdue first, with the head's ID masked.
//! Enter opens the case (there `l` shows the letter and `d` records its delivery).

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::workflow::{self, OverdueLetter};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, open_case, Outcome, Screen};
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

pub struct OverdueLettersScreen {
    rows: Vec<OverdueLetter>,
    selected: usize,
    pub error: Option<String>,
}

impl OverdueLettersScreen {
    pub fn open(cx: &Cx) -> Outcome {
        let mut s = OverdueLettersScreen {
            rows: Vec::new(),
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        match s.error.take() {
            Some(msg) => Outcome::Status(msg),
            None => Outcome::push(s),
        }
    }

    pub fn rows(&self) -> &[OverdueLetter] {
        &self.rows
    }
}

impl Screen for OverdueLettersScreen {
    fn title(&self, cx: &DrawCx) -> String {
        format!(
            "{} {}",
            cx.lang.t("告知书逾期未送达", "Written notices overdue"),
            self.rows.len()
        )
    }

    fn context(&self) -> Context {
        // Enter opens the case, Esc goes back: the drill-down's keys.
        Context::Drilldown
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Open => match self.rows.get(self.selected) {
                Some(r) => open_case(cx, r.case),
                None => Outcome::Stay,
            },
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            other => {
                move_selection(&mut self.selected, self.rows.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let l = cx.lang;
        let [head, list] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        // 80 columns: "不予确认告知书" is 14 wide; in English the kind's first word.
        let kind_w = if l == Lang::Zh { 14 } else { 12 };
        let columns = format!(
            " {} {} {} {} {} {}",
            pad_to(l.t("案件编号", "Case"), 18),
            pad_to(l.t("户主", "Head"), 8),
            pad_to(l.t("身份证号", "ID number"), 18),
            pad_to(l.t("告知书", "Letter"), kind_w),
            pad_to(l.t("应送达", "Due"), 10),
            l.t("逾期", "Late")
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(columns, cx.theme.label()))),
            head,
        );
        if self.rows.is_empty() {
            let msg = l.t(" 没有逾期未送达的告知书", " No written notice is overdue");
            frame.render_widget(Paragraph::new(msg).style(cx.theme.dim()), list);
            return;
        }
        let row = |r: &OverdueLetter| {
            let number = r
                .number
                .map_or_else(|| format!("#{}", r.case.0), |n| n.to_string());
            ListLine::new(
                format!(
                    "{} {} {} {} {} {}",
                    pad_to(&number, 18),
                    pad_to(&r.head, 8),
                    pad_to(&r.head_id_masked, 18),
                    pad_to(kind_name(l, r.kind), kind_w),
                    r.due,
                    r.days_late
                ),
                cx.theme.warn(),
            )
        };
        draw_list(frame, list, cx, &self.rows, self.selected, row, None);
    }

    fn refresh(&mut self, cx: &Cx) {
        match workflow::overdue_letters(cx.services, cx.actor) {
            Ok(rows) => {
                self.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.t(&e.zh(), &e.to_string()).into()),
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// The letter's name in the list: its label in Chinese, its first word in English.
fn kind_name(l: Lang, kind: crate::domain::procedure::LetterKind) -> &'static str {
    let full = l.of(&kind);
    match l {
        Lang::Zh => full,
        Lang::En => full.split(' ').next().unwrap_or(full),
    }
}
