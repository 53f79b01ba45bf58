//! One piece of text a clerk reads, in both languages.

/// A user-facing text with its Chinese and English wording, defined once where the label
/// is defined (an enum's labels, a column header, a glossary term) and picked by the
/// screen's language (`Lang::text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Text {
        Text { zh, en }
    }
}

/// `("中文", "English")` pairs, as the label tables write them.
impl From<(&'static str, &'static str)> for Text {
    fn from((zh, en): (&'static str, &'static str)) -> Text {
        Text { zh, en }
    }
}
