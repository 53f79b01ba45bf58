//! The one popup widget: a bordered box over a screen that first clears every cell
//! beneath it — including a double-width character whose right half lies under the
//! popup's left border, which would otherwise be drawn over the border by the terminal
//! and push the popup's text into the screen's labels. Text inside wraps by display width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::wrap::wrap_line;

/// A centred rectangle of at most `width` x `height` inside `outer`.
pub fn centred(outer: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(outer.width);
    let h = height.min(outer.height);
    Rect {
        x: outer.x + (outer.width - w) / 2,
        y: outer.y + (outer.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Reset every cell of `area`, and blank a wide character that starts left of the area
/// and reaches into it (or a wide character cut by its right edge).
pub fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    for y in area.top()..area.bottom() {
        // Wide characters are at most two columns: only the cell just left can reach in.
        if area.left() > buf.area.left() {
            let left = &mut buf[(area.left() - 1, y)];
            if left.symbol().width() > 1 {
                left.reset();
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
    }
}

/// Draw a bordered popup with `title` over `outer`, `width` columns wide (at most), as
/// tall as its wrapped `body` needs (at most `outer`). Returns the inner area.
pub fn draw(
    frame: &mut Frame,
    outer: Rect,
    theme: Theme,
    title: &str,
    body: &[Line<'_>],
    width: u16,
) -> Rect {
    let inner_w = usize::from(width.min(outer.width).saturating_sub(2));
    let lines: Vec<Line<'static>> = body.iter().flat_map(|l| wrap_line(l, inner_w, 0)).collect();
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let area = centred(outer, width, height);
    clear(frame.buffer_mut(), area);
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
    inner
}

/// Draw an empty bordered box at `area` (cleared first); returns the inner area.
pub fn frame_at(frame: &mut Frame, area: Rect, theme: Theme, title: &str) -> Rect {
    clear(frame.buffer_mut(), area);
    let block = theme.block(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    #[test]
    fn a_wide_character_under_the_left_border_is_blanked() {
        let mut t = Terminal::new(TestBackend::new(20, 3)).expect("terminal");
        t.draw(|f| {
            // "残疾" at columns 3-6: the popup's border at column 4 falls on 残's right half.
            f.buffer_mut()
                .set_string(3, 1, "残疾标签", ratatui::style::Style::new());
            let theme = Theme {
                color: false,
                ascii: false,
            };
            frame_at(f, Rect::new(4, 0, 10, 3), theme, "");
        })
        .expect("draw");
        let buf = t.backend().buffer();
        assert_eq!(buf[(3, 1)].symbol(), " ");
        assert_eq!(buf[(4, 1)].symbol(), "│");
        assert_eq!(buf[(13, 1)].symbol(), "│");
    }
}
