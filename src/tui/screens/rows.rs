//! Editable rows (the wizard's members, incomes, expenses, assets and obligors; the
//! investigation's obligors): a list of the rows above, the selected row's fields below,
//! and the small helpers their choice fields share.

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::form::{draw_grid, Form, Kind};
use crate::tui::widgets::pad_to;
use crate::tui::Lang;

pub struct Table {
    pub rows: Vec<Form>,
    pub row: usize,
}

impl Table {
    pub fn new(rows: Vec<Form>) -> Table {
        Table { rows, row: 0 }
    }

    pub fn current(&self) -> Option<&Form> {
        self.rows.get(self.row)
    }

    pub fn current_mut(&mut self) -> Option<&mut Form> {
        self.rows.get_mut(self.row)
    }

    pub fn add(&mut self, row: Form) {
        self.rows.push(row);
        self.row = self.rows.len() - 1;
    }

    pub fn delete(&mut self) {
        if self.row < self.rows.len() {
            self.rows.remove(self.row);
        }
        self.row = self.row.min(self.rows.len().saturating_sub(1));
    }

    /// Move to another row, keeping the same field.
    pub fn select(&mut self, row: usize) {
        let field = self.current().map_or(0, |f| f.focus);
        self.row = row.min(self.rows.len().saturating_sub(1));
        if let Some(f) = self.current_mut() {
            f.focus = field.min(f.fields.len().saturating_sub(1));
        }
    }

    /// Draw the list (up to `list_h` rows) and the selected row's form in two columns.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        cx: &DrawCx,
        summary: fn(&Form, Lang) -> String,
        empty: (&str, &str),
    ) {
        let list_h = (self.rows.len().clamp(1, 5)) as u16;
        let [list, rule, body] = Layout::vertical([
            Constraint::Length(list_h),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let width = usize::from(area.width);
        let mut lines = Vec::new();
        if self.rows.is_empty() {
            lines.push(Line::from(Span::styled(
                cx.lang.t(empty.0, empty.1).to_string(),
                cx.theme.dim(),
            )));
        }
        let first = self.row.saturating_sub(usize::from(list_h) - 1);
        for (i, r) in self
            .rows
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(list_h))
        {
            let marker = if i == self.row { ">" } else { " " };
            let text = format!("{marker}{:>2} {}", i + 1, summary(r, cx.lang));
            let style = if i == self.row {
                cx.theme.selected()
            } else {
                cx.theme.value()
            };
            lines.push(Line::from(Span::styled(pad_to(&text, width), style)));
        }
        frame.render_widget(Paragraph::new(lines), list);
        let bar = if cx.theme.ascii { "-" } else { "─" };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(bar.repeat(width), cx.theme.dim()))),
            rule,
        );
        if let Some(f) = self.current() {
            draw_grid(frame, body, cx, f, true, 2);
        }
    }
}

/// A no/yes choice (index 1 is yes).
pub fn yes_no() -> Kind {
    Kind::Choice(vec![
        ("否".into(), "no".into()),
        ("是".into(), "yes".into()),
    ])
}

/// The chosen value of a choice field over `all`; `default` if out of range.
pub fn pick<T: Copy>(all: &[T], form: &Form, i: usize, default: T) -> T {
    let c = form.get(i).map_or(0, |f| f.choice);
    all.get(c).copied().unwrap_or(default)
}
