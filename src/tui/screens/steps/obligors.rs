//! The investigation's second page: the household's legal obligors as found on the home
//! visit. Each recorded obligor is a row to correct (able or not and the reason of
//! 《特困人员认定办法》第八条, what they pay); Ctrl-N adds one the visit found. The rows
//! are the wizard's obligor rows (`screens::obligor_form`), in the same list widget.

use crate::tui::DrawCx;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::workflow::Fix;
use crate::domain::household::Household;
use crate::domain::obligor::Obligor;
use crate::tui::form::{Complaint, Form};
use crate::tui::screens::obligor_form;
use crate::tui::screens::rows::Table;
use crate::tui::Cx;

pub struct ObligorsPage {
    pub table: Table,
    /// The household's obligors as recorded: the first rows are theirs, the rest new.
    recorded: Vec<Obligor>,
    names: Vec<String>,
}

/// Where the cursor went after Tab on the page.
#[derive(Debug, PartialEq, Eq)]
pub enum Moved {
    Stayed,
    /// Tab on the last field of the last row.
    PastTheEnd,
}

impl ObligorsPage {
    pub fn new(h: &Household) -> ObligorsPage {
        let names: Vec<String> = h.members.iter().map(|m| m.name.clone()).collect();
        let rows = h
            .obligors
            .iter()
            .map(|o| obligor_form::row_of(&names, o))
            .collect();
        ObligorsPage {
            table: Table::new(rows),
            recorded: h.obligors.clone(),
            names,
        }
    }

    pub fn form(&self) -> Option<&Form> {
        self.table.current()
    }

    /// Whether anything differs from the household's record: a row added, or a recorded
    /// row changed (as typed, even if not yet valid).
    pub fn touched(&self, today: NaiveDate) -> bool {
        self.table.rows.len() != self.recorded.len()
            || self
                .table
                .rows
                .iter()
                .zip(&self.recorded)
                .any(|(row, was)| obligor_form::obligor(row, today).map_or(true, |o| o != *was))
    }

    /// Ctrl-N: a new obligor, found on the visit.
    pub fn add(&mut self) {
        self.table.add(obligor_form::row(&self.names));
    }

    /// Whether the selected row is one the visit added (only those may be deleted: a
    /// recorded obligor is corrected, with the original kept on the case).
    pub fn selected_is_new(&self) -> bool {
        !self.table.rows.is_empty() && self.table.row >= self.recorded.len()
    }

    pub fn delete(&mut self) {
        if self.selected_is_new() {
            self.table.delete();
        }
    }

    /// Tab: check the field and go on, to the next row after a row's last field.
    pub fn next_field(&mut self, today: NaiveDate) -> Result<Moved, Complaint> {
        let Some(form) = self.table.current_mut() else {
            return Ok(Moved::PastTheEnd);
        };
        if !form.advance()? {
            return Ok(Moved::Stayed);
        }
        if let Err((field, c)) = obligor_form::obligor(form, today) {
            form.focus = field;
            form.reselect();
            return Err(c);
        }
        if self.table.row + 1 < self.table.rows.len() {
            self.table.row += 1;
            if let Some(f) = self.table.current_mut() {
                f.focus = 0;
            }
            return Ok(Moved::Stayed);
        }
        Ok(Moved::PastTheEnd)
    }

    pub fn prev_field(&mut self) {
        if self.table.current_mut().is_some_and(Form::retreat) {
            return;
        }
        if self.table.row > 0 {
            self.table.row -= 1;
            if let Some(f) = self.table.current_mut() {
                f.focus = f.fields.len().saturating_sub(1);
            }
        }
    }

    /// ↑/↓: another row, the same field (leaving downwards checks the field).
    pub fn up_down(&mut self, down: bool) -> Result<(), Complaint> {
        if down {
            if let Some(f) = self.table.current_mut() {
                let i = f.focus;
                if let Some(field) = f.fields.get_mut(i) {
                    field.check()?;
                }
            }
        }
        let row = if down {
            self.table.row + 1
        } else {
            self.table.row.saturating_sub(1)
        };
        self.table.select(row);
        Ok(())
    }

    /// Every row checked; the first wrong one is selected with the cursor on the field.
    pub fn check_all(&mut self, today: NaiveDate) -> Result<(), Complaint> {
        for i in 0..self.table.rows.len() {
            let r = &mut self.table.rows[i];
            let result = r.check_all().and_then(|()| {
                obligor_form::obligor(r, today)
                    .map(|_| ())
                    .map_err(|(field, c)| {
                        r.focus = field;
                        c
                    })
            });
            if let Err(c) = result {
                self.table.row = i;
                return Err(c);
            }
        }
        Ok(())
    }

    /// The corrections (call after `check_all`): a recorded obligor that changed, and
    /// every new one.
    pub fn fixes(&self, today: NaiveDate) -> Vec<Fix> {
        let mut out = Vec::new();
        for (i, row) in self.table.rows.iter().enumerate() {
            let Ok(o) = obligor_form::obligor(row, today) else {
                continue;
            };
            match self.recorded.get(i) {
                Some(was) if *was == o => {}
                Some(_) => out.push(Fix::Obligor {
                    index: Some(i),
                    obligor: Box::new(o),
                }),
                None => out.push(Fix::Obligor {
                    index: None,
                    obligor: Box::new(o),
                }),
            }
        }
        out
    }

    /// The list of rows, the selected row's fields, and what the page is for.
    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCx) {
        let [rows, note] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        self.table.draw(
            frame,
            rows,
            cx,
            obligor_form::summary,
            (
                "没有登记法定义务人；入户发现的请按 Ctrl-N 添加",
                "no legal obligors recorded; Ctrl-N adds one found on the visit",
            ),
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(
                cx.lang.t(
                    "改动即为更正，原值留档；无履行能力请选第八条的理由。",
                    "Changes are corrections, originals kept; unable: pick article 8's reason.",
                ),
                cx.theme.dim(),
            ))),
            note,
        );
    }
}

impl super::StepScreen {
    /// The investigation's own keys: PgDn/PgUp between the visit and the obligors, and on
    /// the obligors page the row keys. `None`: the step form's handling applies.
    pub(super) fn handle_investigation(
        &mut self,
        cx: &Cx,
        action: crate::tui::action::Action,
    ) -> Option<crate::tui::screens::Outcome> {
        use crate::tui::action::Action;
        use crate::tui::prompt::{Prompt, Question};
        use crate::tui::screens::Outcome;
        let today = cx.services.today();
        if !self.on_obligors {
            if matches!(action, Action::PageDown | Action::PageUp) {
                self.on_obligors = true;
                return Some(Outcome::Stay);
            }
            // Leaving with obligors typed on the other page asks first: they are not
            // on screen and would be lost.
            let typed = self.obligors.as_ref().is_some_and(|p| p.touched(today));
            if action == Action::Back && typed {
                return Some(Outcome::ask(Prompt::confirm(
                    Question::DiscardStep,
                    cx.lang.t("取消", "Cancel"),
                    vec![Line::from(cx.lang.t(
                        "放弃本次填写的调查和义务人，不保存？",
                        "Leave without saving the visit and the obligors typed?",
                    ))],
                )));
            }
            return None;
        }
        let page = self.obligors.as_mut()?;
        let complaint = match action {
            Action::PageDown | Action::PageUp | Action::Back => {
                self.on_obligors = false;
                None
            }
            Action::NextField => match page.next_field(today) {
                Ok(Moved::PastTheEnd) => return Some(self.ready(cx)),
                Ok(Moved::Stayed) => None,
                Err(c) => Some(c),
            },
            Action::PrevField => {
                page.prev_field();
                None
            }
            Action::Up | Action::Down => page.up_down(action == Action::Down).err(),
            Action::AddRow => {
                page.add();
                None
            }
            Action::DeleteRow if page.selected_is_new() => {
                return Some(Outcome::ask(Prompt::confirm(
                    Question::DeleteRow,
                    cx.lang.t("删除", "Delete"),
                    vec![Line::from(cx.lang.t(
                        "删除这个新增的义务人？",
                        "Delete this obligor added on the visit?",
                    ))],
                )));
            }
            Action::DeleteRow => Some((
                "已登记的义务人不能删除：请更正本行（原值留档）".into(),
                "a recorded obligor cannot be deleted: correct the row (the original is kept)"
                    .into(),
            )),
            Action::Submit => return Some(self.ready(cx)),
            _ => return Some(Outcome::Stay),
        };
        self.complaint = complaint;
        Some(Outcome::Stay)
    }
}
