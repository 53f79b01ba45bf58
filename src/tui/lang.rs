//! Interface language: Chinese by default, English with `--lang en`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Pick the text of this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A text defined once in both languages (a label, a header, a glossary term).
    pub fn text(self, text: crate::domain::Text) -> &'static str {
        self.t(text.zh, text.en)
    }

    /// A use case's error in the clerk's words.
    pub fn say(self, e: &crate::app::AppError) -> String {
        match self {
            Lang::Zh => e.zh(),
            Lang::En => e.to_string(),
        }
    }

    /// The label of a bilingual domain value.
    pub fn of(self, value: &dyn crate::domain::Label) -> &'static str {
        match self {
            Lang::Zh => value.zh(),
            Lang::En => value.en(),
        }
    }
}
