//! Wrapping by display width, character by character: Chinese has no spaces to break at,
//! a CJK character takes two columns, and a Latin word is carried over whole when the
//! line has a space to break at. Styled lines keep their styles across the break.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Break `line` into lines of at most `width` columns; continuation lines start with
/// `indent` spaces. An empty line stays one empty line.
pub fn wrap_line(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let width = width.max(indent + 2);
    let mut cells: Vec<(char, Style)> = Vec::new();
    for span in &line.spans {
        let style = line.style.patch(span.style);
        cells.extend(
            span.content
                .chars()
                .filter(|c| !c.is_control())
                .map(|c| (c, style)),
        );
    }
    let mut out: Vec<Vec<(char, Style)>> = Vec::new();
    let mut current: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    for (c, style) in cells {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            // Inside a Latin word: carry the word over when the line has a space in it.
            let carry = match current.iter().rposition(|(c, _)| *c == ' ') {
                Some(at) if c.is_ascii_graphic() && at > indent => current.split_off(at + 1),
                _ => Vec::new(),
            };
            while current.last().is_some_and(|(c, _)| *c == ' ') {
                current.pop();
            }
            out.push(std::mem::take(&mut current));
            current.extend(std::iter::repeat_n((' ', Style::new()), indent));
            used = indent
                + carry
                    .iter()
                    .map(|(c, _)| c.width().unwrap_or(0))
                    .sum::<usize>();
            current.extend(carry);
            if c == ' ' {
                continue;
            }
        }
        current.push((c, style));
        used += w;
    }
    out.push(current);
    out.into_iter().map(to_line).collect()
}

/// Wrap plain text (no styles).
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    wrap_line(&Line::from(text.to_string()), width, indent)
        .into_iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// Join runs of one style back into spans.
fn to_line(cells: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for (c, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn wraps_chinese_by_width_and_latin_by_word() {
        let lines = wrap("月低保金 = （7,100 × 3 − 12,000）÷ 12 = 775.00 元", 20, 2);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(
            lines.concat().replace(' ', ""),
            "月低保金=（7,100×3−12,000）÷12=775.00元"
        );
        let en = wrap("the household income is below the standard", 16, 0);
        assert_eq!(en, ["the household", "income is below", "the standard"]);
        // A wide character never straddles the edge: a 5-column line holds two of them.
        assert_eq!(wrap("防返贫监测", 5, 0), ["防返", "贫监", "测"]);
        assert_eq!(wrap("", 10, 0), [""]);
    }
}
