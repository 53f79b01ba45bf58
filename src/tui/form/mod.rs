//! A small form toolkit: typed fields that validate their own keys and say what is wrong
//! in the clerk's words ([`field`]), a [`Form`] with a focus order, and drawing in a grid
//! that fits 80x24 and respects double-width characters.

pub mod field;
pub mod step;

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

pub use field::{parse_date, Complaint, Field, Kind};

use super::widgets::pad_to;

/// What a form tells its screen after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormResult {
    Pending,
    Submitted,
    Cancelled,
}

/// Fields in focus order.
#[derive(Debug, Clone)]
pub struct Form {
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The field last typed in. A field just reached (any other) is replaced by the
    /// first character typed, so a prefilled date is not appended to; an arrow or
    /// Backspace first edits it instead.
    edited: Option<usize>,
}

impl Form {
    pub fn new(fields: Vec<Field>) -> Form {
        Form {
            fields,
            focus: 0,
            edited: None,
        }
    }

    /// Whether the focused field was just reached: typing replaces its value.
    pub fn fresh(&self) -> bool {
        self.edited != Some(self.focus)
    }

    pub fn get(&self, i: usize) -> Option<&Field> {
        self.fields.get(i)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Offer a key to the focused field (the first character typed into a field just
    /// reached replaces its value).
    pub fn key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        let fresh = self.fresh();
        let Some(f) = self.fields.get_mut(self.focus) else {
            return false;
        };
        let typed = matches!(key.code, crossterm::event::KeyCode::Char(_))
            && !key.modifiers.intersects(
                crossterm::event::KeyModifiers::CONTROL | crossterm::event::KeyModifiers::ALT,
            );
        let before = (f.text.clone(), f.cursor);
        if fresh && typed && !f.is_choice() && !f.text.is_empty() {
            f.text.clear();
            f.cursor = 0;
        }
        let used = f.key(key);
        if !used {
            (f.text, f.cursor) = before;
            return false;
        }
        // A refused character leaves the value as it was.
        if f.error.is_some() && f.text.is_empty() && !before.0.is_empty() {
            (f.text, f.cursor) = before;
            return true;
        }
        self.edited = Some(self.focus);
        true
    }

    /// A refused value shows selected again: the next character typed replaces it.
    pub fn reselect(&mut self) {
        self.edited = None;
    }

    /// Commit the focused field: check it and move on. `Ok(true)` when it was the last
    /// field; on a complaint the focus stays where it is.
    pub fn advance(&mut self) -> Result<bool, Complaint> {
        if let Some(f) = self.fields.get_mut(self.focus) {
            if let Err(c) = f.check() {
                self.edited = None;
                return Err(c);
            }
        }
        if self.focus + 1 >= self.fields.len() {
            return Ok(true);
        }
        self.focus += 1;
        Ok(false)
    }

    /// Back one field (no check: the clerk may go back to fix an earlier field).
    pub fn retreat(&mut self) -> bool {
        if self.focus == 0 {
            return false;
        }
        self.focus -= 1;
        true
    }

    /// Check every field; focus the first one that is wrong.
    pub fn check_all(&mut self) -> Result<(), Complaint> {
        let mut first = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Err(e) = f.check() {
                first.get_or_insert((i, e));
            }
        }
        match first {
            Some((i, e)) => {
                self.focus = i;
                Err(e)
            }
            None => Ok(()),
        }
    }

    pub fn raws(&self) -> Vec<String> {
        self.fields.iter().map(Field::raw).collect()
    }

    pub fn set_raws(&mut self, raws: &[String]) {
        for (f, r) in self.fields.iter_mut().zip(raws) {
            f.set_raw(r);
        }
    }

    /// Whether anything has been typed or chosen.
    pub fn touched(&self) -> bool {
        self.fields.iter().any(|f| {
            if f.is_choice() {
                f.choice != 0
            } else {
                !f.text.is_empty()
            }
        })
    }
}

/// One field as a line: label, then the value; the focused field shows its cursor (text)
/// or arrows (choice) in reverse video, so it is visible without colour.
pub fn field_line(
    cx: &DrawCx,
    f: &Field,
    focused: bool,
    label_w: usize,
    value_w: usize,
) -> Line<'static> {
    let zh = cx.lang == super::Lang::Zh;
    let label = pad_to(cx.lang.t(&f.zh, &f.en), label_w);
    let label_style = if f.error.is_some() {
        cx.theme.warn()
    } else {
        cx.theme.label()
    };
    let mut spans = vec![Span::styled(label, label_style)];
    if f.is_choice() {
        let (l, r) = if cx.theme.ascii {
            ("<", ">")
        } else {
            ("◂", "▸")
        };
        let text = format!("{l}{}{r}", f.shown(zh));
        if !focused {
            spans.push(Span::styled(pad_to(&text, value_w), cx.theme.value()));
            return Line::from(spans);
        }
        // How a choice changes is said on the note line under the form.
        spans.push(Span::styled(pad_to(&text, value_w), cx.theme.selected()));
        return Line::from(spans);
    }
    let text = f.text.clone();
    if !focused {
        let shown = if text.is_empty() {
            "·".to_string()
        } else {
            text
        };
        spans.push(Span::styled(pad_to(&shown, value_w), cx.theme.value()));
        return Line::from(spans);
    }
    // Keep the cursor in view on a long value.
    let chars: Vec<char> = text.chars().collect();
    let mut start = 0;
    while start < f.cursor
        && chars[start..f.cursor].iter().collect::<String>().width() + 1 > value_w
    {
        start += 1;
    }
    let before: String = chars[start..f.cursor.min(chars.len())].iter().collect();
    let at: String = chars.get(f.cursor).map_or(" ".to_string(), char::to_string);
    let after: String = chars
        .get(f.cursor + 1..)
        .map_or(String::new(), |c| c.iter().collect());
    let used = before.width() + at.width();
    spans.push(Span::styled(before, cx.theme.value()));
    spans.push(Span::styled(at, cx.theme.selected()));
    spans.push(Span::styled(
        pad_to(&after, value_w.saturating_sub(used)),
        cx.theme.value(),
    ));
    Line::from(spans)
}

/// Draw a form's fields in `columns` columns; scrolls to keep the focus visible.
/// `active` is false when the focus is elsewhere (e.g. on a list above).
pub fn draw_grid(
    frame: &mut Frame,
    area: Rect,
    cx: &DrawCx,
    form: &Form,
    active: bool,
    columns: usize,
) {
    let columns = columns.max(1);
    let col_w = usize::from(area.width) / columns;
    let widest = form
        .fields
        .iter()
        .map(|f| cx.lang.t(&f.zh, &f.en).width())
        .max()
        .unwrap_or(0);
    let label_w = (widest + 2).clamp(10, (col_w / 2).max(10));
    let value_w = col_w.saturating_sub(label_w + 1);
    let rows = form.fields.len().div_ceil(columns);
    let height = usize::from(area.height).max(1);
    let focus_row = form.focus / columns;
    let first = focus_row
        .saturating_sub(height - 1)
        .min(rows.saturating_sub(height));
    let mut lines = Vec::new();
    for r in first..rows.min(first + height) {
        let mut spans: Vec<Span<'static>> = Vec::new();
        for c in 0..columns {
            let i = r * columns + c;
            let Some(f) = form.fields.get(i) else { break };
            let focused = active && i == form.focus;
            let mut line = field_line(cx, f, focused, label_w, value_w);
            if focused && form.fresh() && !f.is_choice() && !f.text.is_empty() {
                // Just reached: the whole value shows selected, as typing replaces it.
                for span in line.spans.iter_mut().skip(1) {
                    span.style = cx.theme.selected();
                }
            }
            spans.extend(line.spans);
            spans.push(Span::raw(" "));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The line under a form: the complaint when there is one, else how the focused field
/// is filled in (a choice changes with ←/→/Space or a first letter).
pub fn note_line(cx: &DrawCx, complaint: Option<&Complaint>, form: Option<&Form>) -> Line<'static> {
    if complaint.is_some() {
        return complaint_line(cx, complaint);
    }
    match form.and_then(Form::focused) {
        Some(f) if f.is_choice() => Line::from(Span::styled(
            cx.lang
                .t(
                    "◂▸ 选项：←/→ 或空格切换，键入首字母或拼音首字母跳到该项",
                    "◂▸ choice: ←/→ or Space changes it, a first letter jumps to it",
                )
                .to_string(),
            cx.theme.dim(),
        )),
        _ => complaint_line(cx, None),
    }
}

/// The complaint of the focused field (or `fallback`), as one warning line.
pub fn complaint_line(cx: &DrawCx, complaint: Option<&Complaint>) -> Line<'static> {
    match complaint {
        Some((zh, en)) => Line::from(Span::styled(
            format!("! {}", cx.lang.t(zh, en)),
            cx.theme.warn(),
        )),
        None => Line::from(Span::styled(String::new(), Style::new())),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn next_keeps_the_focus_on_a_wrong_field() {
        let mut form = Form::new(vec![
            Field::new("日期", "date", Kind::Date).with_text("2026-02-30"),
            Field::new("地址", "address", Kind::Text { required: true }),
        ]);
        assert!(form.advance().is_err());
        assert_eq!(form.focus, 0);
        form.fields[0].set_raw("2026-02-27");
        assert_eq!(form.advance(), Ok(false));
        assert_eq!(form.focus, 1);
        assert!(form.check_all().is_err());
        assert_eq!(form.focus, 1);
        assert_eq!(form.raws(), vec!["2026-02-27".to_string(), String::new()]);
    }
}
