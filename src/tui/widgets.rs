//! Pieces every screen shares: the title bar, the footer of key hints, the
//! "enlarge the window" note, and text helpers that respect double-width characters.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::keymap::{self, Context};
use super::{DrawCx, Lang};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The top line: program, district, screen title, who is signed in, today.
pub fn header(frame: &mut Frame, area: Rect, cx: &DrawCx, title: &str) {
    let lang = cx.lang;
    let left = format!(" safetynet · {} · {}", lang.t("印台区", "Yintai"), title);
    // The account's display name is Chinese data ("区民政局（演示）"): English shows
    // the user name instead.
    let who = match lang {
        Lang::Zh => cx.actor.display.as_str(),
        Lang::En => cx.actor.user.as_str(),
    };
    let right = format!("{} {} ", who, cx.today());
    // Who and when always show; the title gives way on a narrow terminal.
    // A title cut short ends in "…" and keeps a space before who is signed in.
    let room = usize::from(area.width).saturating_sub(right.width());
    let left = if left.width() + 1 > room {
        format!("{}… ", pad_to(&left, room.saturating_sub(2)).trim_end())
    } else {
        left
    };
    let line = Line::from(vec![Span::raw(pad_to(&left, room)), Span::raw(right)]);
    frame.render_widget(Paragraph::new(line).style(cx.theme.bar()), area);
}

/// The bottom line: key hints from the keymap, or a status message when there is one.
pub fn footer(frame: &mut Frame, area: Rect, cx: &DrawCx, context: Context, status: Option<&str>) {
    let line = match status {
        Some(msg) => Line::from(Span::styled(format!(" {msg}"), cx.theme.notice())),
        None => {
            let mut spans = Vec::new();
            for (key, desc) in fitting_hints(keymap::hints(context, cx.lang), area.width) {
                spans.push(Span::styled(format!(" {key}"), cx.theme.key()));
                spans.push(Span::raw(format!(" {desc} ")));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The hints that fit in `width` whole: from the front, always keeping the last (help).
fn fitting_hints(
    hints: Vec<(&'static str, &'static str)>,
    width: u16,
) -> Vec<(&'static str, &'static str)> {
    let len =
        |h: &[(&str, &str)]| -> usize { h.iter().map(|(k, d)| k.width() + d.width() + 3).sum() };
    let mut hints = hints;
    while hints.len() > 1 && len(&hints) > usize::from(width) {
        hints.remove(hints.len() - 2);
    }
    hints
}

/// Shown instead of the screen when the terminal is smaller than 80x24.
pub fn too_small(frame: &mut Frame, cx: &DrawCx) {
    let area = frame.area();
    let text = vec![
        Line::from(cx.lang.t("窗口太小", "The window is too small")),
        Line::from(format!(
            "{} {}x{} ({} {}x{})",
            cx.lang.t("请放大到至少", "Enlarge it to at least"),
            MIN_WIDTH,
            MIN_HEIGHT,
            cx.lang.t("现在", "now"),
            area.width,
            area.height
        )),
    ];
    frame.render_widget(Paragraph::new(text).style(cx.theme.warn()), area);
}

/// Pad or cut `text` to exactly `width` terminal columns (CJK characters are two wide).
pub fn pad_to(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width - used));
    out
}

/// `text` in a column of `width` that always ends in a blank: cut short with "…" when it
/// does not fit, so it never runs into the next column.
pub fn cell(text: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(text);
    if w < width {
        return pad_to(text, width);
    }
    let cut = pad_to(text, width.saturating_sub(2));
    let mut out = cut.trim_end().to_string();
    out.push('…');
    pad_to(&out, width)
}

/// Right-align `text` in `width` columns.
pub fn right(text: &str, width: usize) -> String {
    let w = text.width();
    if w >= width {
        return pad_to(text, width);
    }
    format!("{}{}", " ".repeat(width - w), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_double_width() {
        assert_eq!(pad_to("张三", 6), "张三  ");
        assert_eq!(pad_to("张三丰", 5), "张三 ");
        assert_eq!(pad_to("abc", 2), "ab");
        assert_eq!(right("12", 4), "  12");
    }
}
