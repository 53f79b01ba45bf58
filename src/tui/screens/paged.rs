//! Lists with a selection. [`Paged`]: case rows too long to read at once (the case list,
//! a dashboard figure's list): the total comes from a counter, only a window of rows
//! around the selection is read, and the visible page scrolls with the selection. Each
//! screen loads its own windows and says how a row reads; this holds the rest.
//! [`draw_list`]: a list held whole in memory (spot checks, the re-check queue, alerts,
//! the audit trail, ...): the screen says how a row reads, this scrolls, marks and pads.

use crate::tui::DrawCx;
use std::cell::Cell;

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::move_selection;
use crate::domain::case_row::CaseRow;
use crate::tui::action::Action;
use crate::tui::widgets::pad_to;

/// Rows read per window.
pub const WINDOW: usize = 100;

#[derive(Debug, Default)]
pub struct Paged {
    pub total: usize,
    pub selected: usize,
    /// Position of `rows[0]` in the whole list.
    pub window_start: usize,
    pub rows: Vec<CaseRow>,
    /// Rows on screen at the last draw (PgUp/PgDn move this far).
    /// Rows shown in the last frame (a layout memo for PgUp/PgDn, set while drawing).
    page: Cell<usize>,
}

impl Paged {
    pub fn new() -> Paged {
        Paged {
            page: Cell::new(18),
            ..Paged::default()
        }
    }

    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.row(self.selected)
    }

    fn row(&self, i: usize) -> Option<&CaseRow> {
        i.checked_sub(self.window_start)
            .and_then(|j| self.rows.get(j))
    }

    /// A new total (after a refresh or a filter change): keep the selection inside it
    /// and put the window around it. The caller then loads `window_start..`.
    pub fn set_total(&mut self, total: usize) {
        self.total = total;
        self.selected = self.selected.min(total.saturating_sub(1));
        self.window_start = self.selected - self.selected % WINDOW;
    }

    /// Move the selection; `true` when it left the window and a new one must be loaded
    /// (from `window_start`).
    pub fn move_by(&mut self, action: Action) -> bool {
        if !move_selection(&mut self.selected, self.total, action, self.page.get()) {
            return false;
        }
        let start = self.selected - self.selected % WINDOW;
        if start == self.window_start {
            return false;
        }
        self.window_start = start;
        true
    }

    /// Draw the page holding the selection; `cells` gives a row's text, `empty` is shown
    /// when there is nothing.
    pub fn draw(
        &self,
        frame: &mut Frame,
        area: Rect,
        cx: &DrawCx,
        cells: impl Fn(&CaseRow) -> String,
        empty: &str,
    ) {
        let page = usize::from(area.height).max(1);
        self.page.set(page);
        let first = (self.selected / page) * page;
        let mut lines = Vec::with_capacity(page);
        for i in first..(first + page).min(self.total) {
            let Some(r) = self.row(i) else {
                break;
            };
            let (marker, style) = if i == self.selected {
                (">", cx.theme.selected())
            } else {
                (" ", ratatui::style::Style::default())
            };
            lines.push(Line::from(Span::styled(
                format!("{marker}{}", cells(r)),
                style,
            )));
        }
        if lines.is_empty() {
            lines.push(Line::from(Span::styled(empty.to_string(), cx.theme.dim())));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// Cells padded to their column widths (CJK characters are two columns wide). A cell cut
/// to fit keeps a space before the next column, so no cell runs into the next.
pub fn row_text(cells: &[&str], widths: &[usize]) -> String {
    let last = cells.len().min(widths.len()).saturating_sub(1);
    cells
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (c, w))| {
            if i < last {
                format!("{} ", pad_to(c, w.saturating_sub(1)))
            } else {
                pad_to(c, *w)
            }
        })
        .collect()
}

/// One row of an in-memory list as [`draw_list`] shows it.
pub struct ListLine {
    /// The row's text after the marker column.
    pub text: String,
    /// Its style when not selected.
    pub style: Style,
    /// The marker column when not selected (" ", or "!" for a row that is late).
    pub mark: &'static str,
}

impl ListLine {
    pub fn new(text: String, style: Style) -> ListLine {
        ListLine {
            text,
            style,
            mark: " ",
        }
    }

    /// A row in the plain style.
    pub fn plain(text: String) -> ListLine {
        ListLine::new(text, Style::default())
    }

    pub fn marked(self, mark: &'static str) -> ListLine {
        ListLine { mark, ..self }
    }
}

/// The visible rows of a list held in memory. The page scrolls so that the selection is on
/// screen (once it passes the first page it stays on the bottom row); the selected row is
/// marked ">" and drawn in the selected style; every row is padded to the width, so the
/// selection is a bar even without colour. With no rows, `empty` (a note and its style)
/// is drawn, or nothing.
pub fn draw_list<T>(
    frame: &mut Frame,
    area: Rect,
    cx: &DrawCx,
    rows: &[T],
    selected: usize,
    line: impl Fn(&T) -> ListLine,
    empty: Option<(&str, Style)>,
) {
    let height = usize::from(area.height);
    let width = usize::from(area.width);
    let first = selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, r)| {
            let row = line(r);
            let (mark, style) = if i == selected {
                (">", cx.theme.selected())
            } else {
                (row.mark, row.style)
            };
            Line::from(Span::styled(
                pad_to(&format!("{mark}{}", row.text), width),
                style,
            ))
        })
        .collect();
    match empty {
        Some((note, style)) if lines.is_empty() => {
            frame.render_widget(Paragraph::new(note.to_string()).style(style), area);
        }
        _ => frame.render_widget(Paragraph::new(lines), area),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::session::Actor;
    use crate::tui::{Lang, Theme};
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn drawn(rows: &[usize], selected: usize) -> Vec<String> {
        let actor = Actor::demo_officer();
        let cx = DrawCx {
            actor: &actor,
            lang: Lang::En,
            theme: Theme {
                color: false,
                ascii: true,
            },
            fixed_today: None,
        };
        let mut terminal = Terminal::new(TestBackend::new(12, 4)).expect("terminal");
        terminal
            .draw(|f| {
                let line = |n: &usize| {
                    let l = ListLine::plain(format!("row {n}"));
                    if n % 2 == 1 {
                        l.marked("!")
                    } else {
                        l
                    }
                };
                draw_list(
                    f,
                    f.area(),
                    &cx,
                    rows,
                    selected,
                    line,
                    Some(("none", Style::default())),
                );
            })
            .expect("draw");
        let buf = terminal.backend().buffer();
        (0..4)
            .map(|y| (0..12).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect()
    }

    #[test]
    fn the_page_follows_the_selection_and_marks_it() {
        let rows: Vec<usize> = (0..30).collect();
        // On the first page the selection moves down the page.
        assert_eq!(
            drawn(&rows, 1),
            [
                " row 0      ",
                ">row 1      ",
                " row 2      ",
                "!row 3      "
            ]
        );
        // Past it, the selection stays on the bottom row.
        assert_eq!(
            drawn(&rows, 7),
            [
                " row 4      ",
                "!row 5      ",
                " row 6      ",
                ">row 7      "
            ]
        );
        assert_eq!(drawn(&[], 0)[0], "none        ");
    }
}
