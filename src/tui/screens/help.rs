//! The help overlay: the keys of the current screen, generated from the keymap, in the
//! scrolling text view (↑↓ PgUp PgDn Home End scroll it; any other key closes it).

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use crate::tui::keymap::{self, Context};
use crate::tui::popup;
use crate::tui::text_view::TextView;
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

/// The help text for a screen's keys.
pub fn view(cx: &Cx, context: Context) -> TextView {
    let lines: Vec<Line<'static>> = keymap::help_lines(context, cx.lang)
        .into_iter()
        .map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(pad_to(&keys, 16), cx.theme.key()),
                Span::raw(desc),
            ])
        })
        .collect();
    TextView::new(lines).with_indent(16)
}

pub fn draw(frame: &mut Frame, area: Rect, cx: &DrawCx, view: &TextView) {
    let width = 56.min(area.width);
    let wanted = u16::try_from(view.lines().len() + 3).unwrap_or(u16::MAX);
    let height = wanted.min(area.height);
    let rect = popup::centred(area, width, height);
    let inner = popup::frame_at(frame, rect, cx.theme, cx.lang.t(" 按键帮助 ", " Keys "));
    let [text, close] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Min(0),
        ratatui::layout::Constraint::Length(1),
    ])
    .areas(inner);
    view.draw(frame, text, cx.lang, cx.theme);
    frame.render_widget(
        ratatui::widgets::Paragraph::new(Span::styled(
            cx.lang.t(
                "↑↓ PgUp PgDn 翻看，其他任意键关闭",
                "↑↓ PgUp PgDn scroll, any other key closes",
            ),
            cx.theme.dim(),
        )),
        close,
    );
}
