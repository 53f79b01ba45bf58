//! Plain-text layout for printing on A4 in a monospaced font: lines of at most
//! [`WIDTH`] columns (a Chinese character is two), paragraphs wrapped by display width.

use unicode_width::UnicodeWidthChar;
use unicode_width::UnicodeWidthStr;

/// Columns of a printed A4 line (about 36 Chinese characters at 12 pt).
pub const WIDTH: usize = 72;

/// `text` centred in [`WIDTH`] columns.
pub fn centred(text: &str) -> String {
    let w = text.width();
    let pad = WIDTH.saturating_sub(w) / 2;
    format!("{}{text}", " ".repeat(pad))
}

/// `text` set against the right margin.
pub fn right(text: &str) -> String {
    let pad = WIDTH.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(pad))
}

/// A paragraph wrapped at [`WIDTH`], the first line indented by `first` columns and the
/// following ones by `rest`.
pub fn paragraph(text: &str, first: usize, rest: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut line = " ".repeat(first);
    let mut used = first;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > WIDTH {
            out.push(std::mem::take(&mut line).trim_end().to_string());
            line = " ".repeat(rest);
            used = rest;
        }
        line.push(c);
        used += w;
    }
    if line.trim().is_empty() {
        if out.is_empty() {
            out.push(String::new());
        }
    } else {
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrap_by_display_width() {
        let text = "经入户调查、家庭经济状况核对和审核确认".repeat(4);
        let lines = paragraph(&text, 4, 0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width() <= WIDTH), "{lines:?}");
        assert!(lines[0].starts_with("    经"));
        assert_eq!(lines.concat().replace(' ', ""), text);
        assert_eq!(centred("公示").width(), (WIDTH - 4) / 2 + 4);
        assert_eq!(right("落款").width(), WIDTH);
    }
}
