//! The dashboard's line for written notices overdue (`l` opens the list). Drawn at the
//! bottom of the area given, like the re-check line; returns the rest.

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::tui::Lang;

pub fn dashboard_line(frame: &mut Frame, area: Rect, cx: &DrawCx, overdue: Option<usize>) -> Rect {
    let Some(n) = overdue else {
        return area;
    };
    if area.height < 6 {
        return area;
    }
    let row = Rect::new(
        area.x + 1,
        area.y + area.height - 1,
        area.width.saturating_sub(1),
        1,
    );
    frame.render_widget(Paragraph::new(line(cx, n)), row);
    Rect {
        height: area.height - 1,
        ..area
    }
}

/// The line's text, for the dashboard and for tests.
pub fn line(cx: &DrawCx, n: usize) -> Line<'static> {
    let style = if n > 0 {
        cx.theme.warn()
    } else {
        cx.theme.value()
    };
    let head = match cx.lang {
        Lang::Zh => "l 告知书逾期未送达 ",
        Lang::En => "l written notices overdue ",
    };
    Line::from(vec![
        Span::styled(head.to_string(), cx.theme.label()),
        Span::styled(n.to_string(), style),
    ])
}
