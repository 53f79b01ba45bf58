//! Shared test fixtures: a generated district in a temporary store, a fixed "today",
//! and a way to read a TestBackend screen as text.
#![allow(dead_code)]

pub mod pty;

use chrono::NaiveDate;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::session::Actor;
use safetynet::app::Services;
use safetynet::tui::keys::parse_keys;
use safetynet::tui::{event_loop, Cx, Ended, Lang, Theme, Ui};
use unicode_width::UnicodeWidthStr;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub services: Services,
    pub actor: Actor,
}

/// A district of `households` generated with seed 7 around 2026-03-02.
pub fn district(households: u64) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut services = Services::open(dir.path()).expect("open store");
    services.fixed_today = Some(today());
    generate(
        &services.store,
        GenerateOptions {
            households,
            seed: 7,
            as_of: today(),
        },
        |_, _| {},
    )
    .expect("generate");
    Fixture {
        dir,
        services,
        actor: Actor::demo_officer(),
    }
}

impl Fixture {
    pub fn cx(&self, lang: Lang, theme: Theme) -> Cx<'_> {
        Cx {
            services: &self.services,
            actor: &self.actor,
            lang,
            theme,
        }
    }
}

pub fn colour() -> Theme {
    Theme {
        color: true,
        ascii: false,
    }
}

/// A session driven through the real event loop on an 80x24 TestBackend.
pub struct Session<'a> {
    pub cx: Cx<'a>,
    pub ui: Ui,
    pub terminal: Terminal<TestBackend>,
    pub quit: bool,
}

impl<'a> Session<'a> {
    pub fn new(cx: Cx<'a>) -> Session<'a> {
        Session::sized(cx, 80, 24)
    }

    pub fn sized(cx: Cx<'a>, width: u16, height: u16) -> Session<'a> {
        let ui = Ui::new(&cx);
        let terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        Session {
            cx,
            ui,
            terminal,
            quit: false,
        }
    }

    /// Type a key string (`"c<down><ret>"`) through the event loop.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        let events = parse_keys(keys)
            .expect("key string")
            .into_iter()
            .map(|k| Ok(Some(crossterm::event::Event::Key(k))));
        self.quit = event_loop(&mut self.terminal, &self.cx, &mut self.ui, events)
            .expect("event loop")
            == Ended::Quit;
        self
    }

    /// The screen as the last frame drew it. (TestBackend applies frame diffs cell by
    /// cell and leaves stale halves of double-width characters behind, which a real
    /// terminal does not; so the current state is drawn once more on a clean backend.)
    pub fn screen(&mut self) -> String {
        let area = self.terminal.backend().buffer().area;
        let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
        fresh.draw(|f| self.ui.draw(f, &self.cx)).expect("draw");
        screen_text(fresh.backend().buffer())
    }
}

/// The buffer as lines of text, wide characters counted once.
pub fn screen_text(buffer: &ratatui::buffer::Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < area.width {
            let sym = buffer[(x, y)].symbol();
            line.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
