//! The dashboard's monitoring strip: open alerts by severity, and the roster's size and
//! indicator counts (`a` opens the queue, `m` the roster). Drawn at the bottom of the
//! area it is given; returns the rest.

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::monitoring::MonitoringFigures;
use crate::domain::money::group_thousands;
use crate::domain::monitoring::{Flag, Severity};
use crate::tui::widgets::pad_to;
use crate::tui::Lang;
use unicode_width::UnicodeWidthStr;

/// Draw the two monitoring lines at the bottom of `area` (figures loaded by the
/// dashboard's refresh); the area left above them.
pub fn dashboard_strip(
    frame: &mut Frame,
    area: Rect,
    cx: &DrawCx,
    figures: Option<&MonitoringFigures>,
) -> Rect {
    if area.height < 6 {
        return area;
    }
    let Some(figures) = figures else {
        return area;
    };
    let width = usize::from(area.width.saturating_sub(2));
    let rows = Rect::new(
        area.x + 1,
        area.y + area.height - 2,
        area.width.saturating_sub(1),
        2,
    );
    frame.render_widget(Paragraph::new(lines(cx, figures, width)), rows);
    Rect {
        height: area.height - 2,
        ..area
    }
}

fn n(v: u64) -> String {
    group_thousands(v)
}

/// The strip's text, for the dashboard and for tests: alerts and the roster's size on
/// the first line, its indicators (most telling first) on the second.
pub fn lines(cx: &DrawCx, f: &MonitoringFigures, width: usize) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let severities = |compact: bool| {
        let mut spans = vec![Span::styled(
            lang.t("a 预警 ", "a alerts ").to_string(),
            cx.theme.label(),
        )];
        let last = f.open.len().saturating_sub(1);
        for (i, (sev, count)) in f.open.iter().copied().enumerate() {
            let style = if sev == Severity::High && count > 0 {
                cx.theme.warn()
            } else {
                cx.theme.value()
            };
            let label = match (lang, sev) {
                (Lang::En, Severity::Medium) => "med",
                _ => lang.of(&sev),
            };
            // Compact: "83/0/167 " (high/medium/low), when the words do not fit.
            spans.push(Span::styled(
                match (compact, i == last) {
                    (false, _) => format!("{label} {} ", n(count)),
                    (true, false) => format!("{}/", n(count)),
                    (true, true) => format!("{} ", n(count)),
                },
                style,
            ));
        }
        spans
    };
    let mut first = severities(false);
    let second = match &f.roster {
        None => {
            first.push(Span::styled(
                lang.t("· m 监测对象", "· m roster").to_string(),
                cx.theme.label(),
            ));
            lang.t(
                "  按 m 查看监测对象及指标",
                "  press m for the roster and its indicators",
            )
            .to_string()
        }
        Some(r) => {
            first.push(Span::styled(
                match lang {
                    Lang::Zh => format!("· m 监测 {} 户", n(r.total as u64)),
                    Lang::En => format!("· m roster {}", n(r.total as u64)),
                },
                cx.theme.label(),
            ));
            // Plain digits: the line is 40 columns and a district has thousands.
            let c = |flag: Flag| r.by_flag.get(flag.index()).copied().unwrap_or(0);
            match lang {
                Lang::Zh => format!(
                    " 风险{} 住房{} 饮水{} 逾期{} 无劳力{}",
                    c(Flag::BelowLine),
                    c(Flag::UnsafeHousing),
                    c(Flag::UnsafeWater),
                    c(Flag::Overdue),
                    c(Flag::NoLabour)
                ),
                Lang::En => format!(
                    " risk {} unsafe {}/{} late {} no-lab {}",
                    c(Flag::BelowLine),
                    c(Flag::UnsafeHousing),
                    c(Flag::UnsafeWater),
                    c(Flag::Overdue),
                    c(Flag::NoLabour)
                ),
            }
        }
    };
    // The roster's size is never cut: drop the severity words first.
    let wide = |spans: &[Span]| spans.iter().map(|s| s.content.width()).sum::<usize>();
    if wide(&first) > width {
        let roster = first.split_off(1 + f.open.len());
        first = severities(true);
        first.extend(roster);
    }
    vec![
        Line::from(first),
        Line::from(Span::styled(pad_to(&second, width), cx.theme.label())),
    ]
}
