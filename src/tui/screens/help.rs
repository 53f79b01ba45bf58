//! The help overlay: the keys of the current screen, generated from the keymap.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use crate::tui::keymap::{self, Context};
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub fn draw(frame: &mut Frame, area: Rect, cx: &Cx, context: Context) {
    let lines = keymap::help_lines(context, cx.lang);
    let height = (lines.len() as u16 + 3).min(area.height);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::horizontal([Constraint::Length(50)])
        .flex(Flex::Center)
        .areas(popup);
    let mut text: Vec<Line> = lines
        .into_iter()
        .map(|(keys, desc)| {
            Line::from(vec![
                Span::styled(pad_to(&keys, 16), cx.theme.key()),
                Span::raw(desc),
            ])
        })
        .collect();
    text.push(Line::from(Span::styled(
        cx.lang.t("按任意键关闭", "press any key to close"),
        cx.theme.dim(),
    )));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(text).block(cx.theme.block(cx.lang.t(" 按键帮助 ", " Keys "))),
        popup,
    );
}
