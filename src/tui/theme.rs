//! Our own theme: 16 colours by default; under `NO_COLOR` no colour at all, but bold,
//! reverse and underline still mark headings and the selection. crossterm 0.29 would
//! drop those attributes too under NO_COLOR, so the program forces its own SGR output
//! and decides here what to colour. `--ascii` swaps box-drawing for plain characters.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols;
use ratatui::widgets::{Block, BorderType, Borders};

pub const ASCII_BORDER: symbols::border::Set<'static> = symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

pub const ASCII_BAR: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "=",
    half: "=",
    three_eighths: "-",
    one_quarter: "-",
    one_eighth: ".",
    empty: " ",
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (no-color.org).
    pub fn from_env(ascii: bool) -> Theme {
        let no_color = std::env::var("NO_COLOR").is_ok_and(|v| !v.is_empty());
        Theme {
            color: !no_color,
            ascii,
        }
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn bar(self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn label(self) -> Style {
        self.fg(Color::Gray)
    }

    pub fn value(self) -> Style {
        self.fg(Color::White).add_modifier(Modifier::BOLD)
    }

    pub fn warn(self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn notice(self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(self) -> Style {
        self.fg(Color::Green)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    pub fn bar_set(self) -> symbols::bar::Set<'static> {
        if self.ascii {
            ASCII_BAR
        } else {
            symbols::bar::NINE_LEVELS
        }
    }

    /// A bordered block with a title, in box-drawing or ASCII.
    pub fn block<'a>(self, title: &'a str) -> Block<'a> {
        let b = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_style(self.title())
            .border_style(self.dim());
        if self.ascii {
            b.border_set(ASCII_BORDER)
        } else {
            b.border_type(BorderType::Plain)
        }
    }
}
