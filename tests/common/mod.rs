//! Shared test fixtures: a generated district in a temporary store, a fixed "today",
//! and a way to read a TestBackend screen as text.
#![allow(dead_code)]

pub mod cases;
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
    generated(households, false)
}

/// The same district in a store created as a demo (its accounts, sign-in without a
/// password, `--today`).
pub fn demo_district(households: u64) -> Fixture {
    generated(households, true)
}

fn generated(households: u64, demo: bool) -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut services = Services::open(dir.path()).expect("open store");
    if demo {
        safetynet::app::accounts::prepare_demo(&services).expect("demo store");
    }
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
        Cx::new(&self.services, &self.actor, lang, theme)
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
    /// How the last key string ended the event loop.
    pub ended: Option<Ended>,
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
            ended: None,
        }
    }

    /// Type a key string (`"c<down><ret>"`) through the event loop.
    pub fn keys(&mut self, keys: &str) -> &mut Self {
        let events = parse_keys(keys)
            .expect("key string")
            .into_iter()
            .map(|k| Ok(Some(crossterm::event::Event::Key(k))));
        let ended =
            event_loop(&mut self.terminal, &self.cx, &mut self.ui, events).expect("event loop");
        self.quit = ended == Ended::Quit;
        self.ended = Some(ended);
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

/// The symbols a terminal shows on row `y`, each with the column it starts at (a cell
/// hidden under the right half of a wide character is not shown).
pub fn visible_row(buffer: &ratatui::buffer::Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut x = 0;
    while x < buffer.area.width {
        let sym = buffer[(x, y)].symbol().to_string();
        let w = sym.width().max(1) as u16;
        out.push((x, sym));
        x += w;
    }
    out
}

/// The popup whose top border carries `title`: asserts that every one of its rows starts
/// and ends with its border glyph as a terminal shows it (nothing of the screen beneath
/// reaches over a border), and returns its inner rows as text.
pub fn popup_rows(buffer: &ratatui::buffer::Buffer, title: &str) -> Vec<String> {
    let text = screen_text(buffer);
    for y in 0..buffer.area.height {
        let row = visible_row(buffer, y);
        for (i, (x0, sym)) in row.iter().enumerate() {
            if sym != "┌" && sym != "+" {
                continue;
            }
            let Some(end) = row[i + 1..].iter().position(|(_, s)| s == "┐" || s == "+") else {
                continue;
            };
            let top: String = row[i + 1..i + 1 + end]
                .iter()
                .map(|(_, s)| s.as_str())
                .collect();
            // The popup's own corner: no other box starts between it and the title.
            if !top.contains(title) || top.contains('┌') {
                continue;
            }
            let x1 = row[i + 1 + end].0;
            // A popup floats over the screen: a box from edge to edge is the screen's own
            // (a step form's block carries the same title as its question).
            if *x0 == 0 && x1 + 1 == buffer.area.width {
                continue;
            }
            let mut inner = Vec::new();
            for yy in y + 1..buffer.area.height {
                let cells = visible_row(buffer, yy);
                let at = |x: u16| {
                    cells
                        .iter()
                        .find(|(cx, _)| *cx == x)
                        .map(|(_, s)| s.clone())
                        .unwrap_or_default()
                };
                let left = at(*x0);
                if left == "└" || (left == "+" && yy > y + 1) {
                    return inner;
                }
                assert!(
                    (left == "│" || left == "|") && (at(x1) == "│" || at(x1) == "|"),
                    "popup {title:?} row {yy} is not closed by its borders at columns {x0} and {x1}:\n{text}"
                );
                let row_text: String = cells
                    .iter()
                    .filter(|(cx, _)| *cx > *x0 && *cx < x1)
                    .map(|(_, s)| s.as_str())
                    .collect();
                inner.push(row_text.trim_end().to_string());
            }
            panic!("popup {title:?} has no bottom border:\n{text}");
        }
    }
    panic!("no popup titled {title:?} on screen:\n{text}");
}

impl Session<'_> {
    /// The popup titled `title` as drawn now (see [`popup_rows`]).
    pub fn popup(&mut self, title: &str) -> Vec<String> {
        let area = self.terminal.backend().buffer().area;
        let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
        fresh.draw(|f| self.ui.draw(f, &self.cx)).expect("draw");
        popup_rows(fresh.backend().buffer(), title)
    }
}

/// Open a store's sled database directly (a test playing the attacker or the disk),
/// waiting for the lock: sled's flusher thread lets go of the file lock a moment after a
/// store of this process is dropped, so on a busy machine the first try can find it held.
pub fn sled_open(path: &std::path::Path) -> sled::Db {
    for _ in 0..100 {
        match sled::open(path) {
            Err(sled::Error::Io(e)) if e.to_string().contains("could not acquire lock") => {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            other => return other.expect("sled"),
        }
    }
    panic!(
        "the store's lock was not let go within 10 s: {}",
        path.display()
    )
}

impl Session<'_> {
    /// What `key` (as the help writes it: "Enter", "Esc", "Tab") does where the session is
    /// now, in the keymap: the footer and the help are made from that binding, and the key
    /// reaches the screen only as its action (a screen taking text is handed typing only,
    /// `tui::text_key`), so this is what the key does.
    pub fn key_says(&self, key: &str) -> Option<&'static str> {
        safetynet::tui::keymap::help_lines(self.ui.context(), self.cx.lang)
            .into_iter()
            .find(|(keys, _)| keys.split(' ').any(|k| k == key))
            .map(|(_, said)| said)
    }

    /// The footer (the screen's last row) as drawn now.
    pub fn footer(&mut self) -> String {
        self.screen().lines().last().unwrap_or_default().to_string()
    }
}
