//! The one scrolling text view, for explanations, findings, history and help: it wraps
//! inside its area at any width (CJK-aware), scrolls to the very last line, marks
//! "more below" / "more above" and takes ↑↓ PgUp PgDn Home End.
//!
//! Drawing takes `&self`; the wrapped height of the last frame is kept in a `Cell` so the
//! next PgDn knows where the end is (a layout memo, not state the screen depends on).

use std::cell::Cell;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::action::Action;
use super::lang::Lang;
use super::theme::Theme;
use super::wrap::wrap_line;

#[derive(Debug, Clone, Default)]
pub struct TextView {
    lines: Vec<Line<'static>>,
    /// First wrapped line shown.
    scroll: usize,
    /// Continuation lines of a wrapped line start this far in.
    indent: usize,
    /// From the last frame: the largest useful scroll and the page height.
    max: Cell<Option<usize>>,
    page: Cell<usize>,
}

impl TextView {
    pub fn new(lines: Vec<Line<'static>>) -> TextView {
        TextView {
            lines,
            ..TextView::default()
        }
    }

    pub fn with_indent(mut self, indent: usize) -> TextView {
        self.indent = indent;
        self
    }

    /// New text; the scroll position stays where it is (clamped when drawn).
    pub fn set_lines(&mut self, lines: Vec<Line<'static>>) {
        self.lines = lines;
    }

    pub fn lines(&self) -> &[Line<'static>] {
        &self.lines
    }

    pub fn scroll(&self) -> usize {
        self.clamped(self.scroll)
    }

    fn clamped(&self, s: usize) -> usize {
        self.max.get().map_or(s, |m| s.min(m))
    }

    /// Scroll for a movement action; `false` when the action is not a movement.
    pub fn handle(&mut self, action: Action) -> bool {
        let page = self.page.get().saturating_sub(1).max(1);
        let now = self.clamped(self.scroll);
        self.scroll = match action {
            Action::Up => now.saturating_sub(1),
            Action::Down => now + 1,
            Action::PageUp => now.saturating_sub(page),
            Action::PageDown => now + page,
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        };
        self.scroll = self.clamped(self.scroll);
        true
    }

    /// The text wrapped to `width` columns.
    pub fn wrapped(&self, width: usize) -> Vec<Line<'static>> {
        self.lines
            .iter()
            .flat_map(|l| wrap_line(l, width, self.indent))
            .collect()
    }

    /// Draw into `area`. When the text is longer than the area, the last row says that
    /// there is more below (or that this is the end) and which keys scroll.
    pub fn draw(&self, frame: &mut Frame, area: Rect, lang: Lang, theme: Theme) {
        let width = usize::from(area.width);
        let height = usize::from(area.height);
        if width == 0 || height == 0 {
            return;
        }
        let mut wrapped = self.wrapped(width);
        let overflow = wrapped.len() > height;
        let rows = if overflow { height - 1 } else { height };
        let max = wrapped.len().saturating_sub(rows);
        self.max.set(Some(max));
        self.page.set(rows.max(1));
        let top = self.scroll.min(max);
        let mut shown: Vec<Line<'static>> = wrapped.drain(top..).take(rows).collect();
        if overflow {
            let below = max - top;
            let text = match (below > 0, lang) {
                (true, Lang::Zh) => format!("▼ 下面还有 {below} 行（PgDn/↓ 翻看，End 到底）"),
                (true, Lang::En) => format!("▼ {below} more lines below (PgDn/↓, End)"),
                (false, Lang::Zh) => "▲ 已到末行（PgUp/↑ 向上，Home 到顶）".to_string(),
                (false, Lang::En) => "▲ end of text (PgUp/↑, Home)".to_string(),
            };
            let text = if theme.ascii {
                text.replace('▼', "v").replace('▲', "^")
            } else {
                text
            };
            shown.push(Line::from(Span::styled(text, theme.dim())));
        }
        frame.render_widget(Paragraph::new(shown), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn theme() -> Theme {
        Theme {
            color: false,
            ascii: false,
        }
    }

    fn rows(view: &TextView, w: u16, h: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| view.draw(f, f.area(), Lang::En, theme()))
            .expect("draw");
        let buf = t.backend().buffer();
        (0..h)
            .map(|y| {
                let mut s = String::new();
                let mut x = 0;
                while x < w {
                    let sym = buf[(x, y)].symbol();
                    s.push_str(sym);
                    x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
                }
                s.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn scrolls_to_the_last_wrapped_line_and_says_so() {
        let mut lines: Vec<Line<'static>> =
            (1..=6).map(|i| Line::from(format!("line {i}"))).collect();
        lines.push(Line::from(
            "月低保金 = （7,100 × 3 − 12,000）÷ 12 = 775.00 元",
        ));
        let mut v = TextView::new(lines);
        let first = rows(&v, 20, 4);
        assert_eq!(first[0], "line 1");
        assert!(first[3].starts_with("▼"), "{first:?}");
        v.handle(Action::PageDown);
        v.handle(Action::PageDown);
        v.handle(Action::PageDown);
        let end = rows(&v, 20, 4);
        assert!(end[3].starts_with("▲ end"), "{end:?}");
        // The long line wrapped into three rows, and its last row is on screen.
        assert!(end[2].contains("775.00"), "{end:?}");
        v.handle(Action::Top);
        assert_eq!(rows(&v, 20, 4)[0], "line 1");
        v.handle(Action::Bottom);
        assert!(rows(&v, 20, 4)[2].contains("775.00"));
        // Short text: no marker.
        let short = TextView::new(vec![Line::from("a")]);
        assert_eq!(rows(&short, 20, 4), ["a", "", "", ""]);
    }
}
