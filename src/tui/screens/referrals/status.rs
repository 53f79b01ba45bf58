//! The current quarter's feedback status, as the dashboard shows it in one line.

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::referrals::{quarter_status, QuarterStatus};
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

/// "（还有18天）" / "(18 days left)", or how long ago it passed.
pub fn days_left(lang: Lang, days: i64) -> String {
    match (lang, days) {
        (Lang::Zh, d) if d > 0 => format!("（还有{d}天）"),
        (Lang::Zh, 0) => "（今天截止）".into(),
        (Lang::Zh, d) => format!("（已过{}天）", -d),
        (Lang::En, d) if d > 0 => format!(" ({d} days left)"),
        (Lang::En, 0) => " (due today)".into(),
        (Lang::En, d) => format!(" ({} days ago)", -d),
    }
}

/// Loaded with the dashboard; `None` when it could not be read (the dashboard shows
/// its own figures regardless).
#[derive(Debug, Clone, Default)]
pub struct QuarterLine(Option<QuarterStatus>);

impl QuarterLine {
    pub fn load(cx: &Cx) -> QuarterLine {
        QuarterLine(quarter_status(cx.services).ok())
    }

    pub fn status(&self) -> Option<&QuarterStatus> {
        self.0.as_ref()
    }
}

/// One line: "反馈截止03-20（还有18天） 推送6 已反馈1", or, while departments are
/// late with the previous quarter, "! 上期反馈逾期5条：教体局、住建局". Cut to `width`.
pub fn dashboard_line(cx: &DrawCx, q: &QuarterLine, width: usize) -> Line<'static> {
    let lang = cx.lang;
    let Some(s) = q.status() else {
        return Line::default();
    };
    if !s.late_departments.is_empty() {
        let names: Vec<&str> = s.late_departments.iter().map(|d| lang.of(d)).collect();
        let text = match lang {
            Lang::Zh => format!(
                "! 上期反馈逾期{}条：{}",
                s.previous_overdue,
                names.join("、")
            ),
            Lang::En => format!(
                "! {} overdue last quarter: {}",
                s.previous_overdue,
                names.join(", ")
            ),
        };
        return Line::from(Span::styled(pad_to(&text, width), cx.theme.warn()));
    }
    let text = match lang {
        Lang::Zh => format!(
            "反馈截止{}{} 推送{} 已反馈{}",
            s.deadline.format("%m-%d"),
            days_left(lang, s.days_left),
            s.pushed,
            s.answered
        ),
        Lang::En => format!(
            "Feedback {} ({}d): {} sent, {} answered",
            s.deadline.format("%m-%d"),
            s.days_left,
            s.pushed,
            s.answered
        ),
    };
    Line::from(Span::styled(pad_to(&text, width), cx.theme.label()))
}

/// Draw the dashboard line in the last row of `area`; returns the rest of it.
pub fn dashboard_strip(frame: &mut Frame, area: Rect, cx: &DrawCx, q: &QuarterLine) -> Rect {
    if q.status().is_none() || area.height < 4 {
        return area;
    }
    let row = Rect::new(area.x, area.y + area.height - 1, area.width, 1);
    let line = dashboard_line(cx, q, usize::from(area.width.saturating_sub(1)));
    frame.render_widget(
        Paragraph::new(line),
        Rect {
            x: row.x + 1,
            width: row.width.saturating_sub(1),
            ..row
        },
    );
    Rect {
        height: area.height - 1,
        ..area
    }
}
