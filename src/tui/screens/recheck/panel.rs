//! The dashboard's re-check line: households overdue for their re-check and due this
//! month (`R` opens the queue). Drawn at the bottom of the area given; returns the rest.

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::recheck::DueCounts;
use crate::tui::Lang;

pub fn dashboard_line(
    frame: &mut Frame,
    area: Rect,
    cx: &DrawCx,
    counts: Option<&DueCounts>,
) -> Rect {
    let Some(c) = counts else {
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
    frame.render_widget(Paragraph::new(line(cx, c)), row);
    Rect {
        height: area.height - 1,
        ..area
    }
}

/// The line's text, for the dashboard and for tests.
pub fn line(cx: &DrawCx, c: &DueCounts) -> Line<'static> {
    let overdue = if c.overdue > 0 {
        cx.theme.warn()
    } else {
        cx.theme.value()
    };
    let (head, late, month) = match cx.lang {
        Lang::Zh => ("R 定期复核 ", "逾期", "本月到期"),
        Lang::En => ("R re-checks ", "overdue", "due this month"),
    };
    Line::from(vec![
        Span::styled(head.to_string(), cx.theme.label()),
        Span::styled(format!("{late} {} ", c.overdue), overdue),
        Span::styled(format!("{month} {}", c.this_month), cx.theme.value()),
    ])
}
