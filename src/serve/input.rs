//! Bytes from an SSH client's terminal become crossterm events, fed packet by packet.
//!
//! The escape-sequence grammar is `terminput`'s (a copy of crossterm's own parser); this
//! file adds what a server needs on top: an Esc at the end of a packet is the Esc key (a
//! terminal sends a whole sequence in one write), 0x08 is Backspace as well as 0x7f,
//! several characters in one packet (an input method's commit) are all typed, a
//! sequence split across packets waits for the rest, and a bracketed paste arrives as one
//! `Event::Paste` whatever its size (up to a limit) without re-parsing it byte by byte.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";
/// A paste longer than this is cut (no form field is anywhere near it).
const PASTE_MAX: usize = 64 * 1024;
/// An unfinished sequence longer than this is garbage: dropped.
const PENDING_MAX: usize = 64;

#[derive(Default)]
pub struct InputParser {
    pending: Vec<u8>,
    /// Inside a bracketed paste: what has been pasted so far.
    paste: Option<Vec<u8>>,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// Feed one packet; returns the events it completes.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, &byte) in bytes.iter().enumerate() {
            let more = i + 1 < bytes.len();
            if let Some(paste) = self.paste.as_mut() {
                if paste.len() < PASTE_MAX + PASTE_END.len() {
                    paste.push(byte);
                }
                if paste.ends_with(PASTE_END) {
                    let mut text = self.paste.take().unwrap_or_default();
                    text.truncate(text.len() - PASTE_END.len());
                    text.truncate(PASTE_MAX);
                    out.push(Event::Paste(String::from_utf8_lossy(&text).into_owned()));
                }
                continue;
            }
            self.pending.push(byte);
            if self.pending == PASTE_START {
                self.pending.clear();
                self.paste = Some(Vec::new());
                continue;
            }
            if PASTE_START.starts_with(&self.pending) && more {
                continue;
            }
            if self.pending == [ESC] && more {
                // More bytes follow in this packet: the start of a sequence.
                continue;
            }
            if self.pending == [0x08] {
                self.pending.clear();
                out.push(Event::Key(KeyEvent::new(
                    KeyCode::Backspace,
                    KeyModifiers::NONE,
                )));
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        out.push(event);
                    }
                }
                Ok(None) if self.pending.len() < PENDING_MAX => {}
                Ok(None) | Err(_) => self.pending.clear(),
            }
        }
        out
    }
}

/// A paste becomes typed characters: line breaks and tabs become spaces (so a pasted
/// line break never submits a form), other control characters are dropped.
pub fn paste_keys(text: &str) -> Vec<KeyEvent> {
    let mut out: Vec<KeyEvent> = Vec::new();
    let mut last_space = false;
    for c in text.chars() {
        let c = match c {
            '\r' | '\n' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn codes(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(k.code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_and_a_sequence_is_not() {
        let mut p = InputParser::new();
        assert_eq!(p.feed(b"\x1b"), vec![key(KeyCode::Esc)]);
        assert_eq!(codes(&p.feed(b"\x1b[A")), vec![KeyCode::Up]);
        assert_eq!(codes(&p.feed(b"\x1bOB")), vec![KeyCode::Down]);
    }

    #[test]
    fn several_chinese_characters_in_one_packet_are_all_typed() {
        let mut p = InputParser::new();
        let events = p.feed("张三丰".as_bytes());
        assert_eq!(
            codes(&events),
            vec![
                KeyCode::Char('张'),
                KeyCode::Char('三'),
                KeyCode::Char('丰')
            ]
        );
    }

    #[test]
    fn a_character_split_across_packets_waits_for_its_rest() {
        let mut p = InputParser::new();
        let bytes = "张".as_bytes();
        assert!(p.feed(&bytes[..1]).is_empty());
        assert_eq!(codes(&p.feed(&bytes[1..])), vec![KeyCode::Char('张')]);
        assert!(p.feed(b"\x1b[1").is_empty());
        assert_eq!(codes(&p.feed(b"~")), vec![KeyCode::Home]);
    }

    #[test]
    fn putty_and_xterm_home_end_and_function_keys() {
        let table: &[(&[u8], KeyCode)] = &[
            (b"\x1b[1~", KeyCode::Home),
            (b"\x1b[4~", KeyCode::End),
            (b"\x1b[H", KeyCode::Home),
            (b"\x1b[F", KeyCode::End),
            (b"\x1b[11~", KeyCode::F(1)),
            (b"\x1b[12~", KeyCode::F(2)),
            (b"\x1b[13~", KeyCode::F(3)),
            (b"\x1b[14~", KeyCode::F(4)),
            (b"\x1bOP", KeyCode::F(1)),
            (b"\x1bOS", KeyCode::F(4)),
            (b"\x1b[[A", KeyCode::F(1)),
            (b"\x1b[15~", KeyCode::F(5)),
            (b"\x7f", KeyCode::Backspace),
            (b"\x08", KeyCode::Backspace),
            (b"\r", KeyCode::Enter),
            (b"\t", KeyCode::Tab),
            (b"\x1b[Z", KeyCode::BackTab),
            (b"\x1b[3~", KeyCode::Delete),
        ];
        for (bytes, want) in table {
            let mut p = InputParser::new();
            assert_eq!(codes(&p.feed(bytes)), vec![*want], "{bytes:?}");
        }
    }

    #[test]
    fn ctrl_letters_keep_their_modifier() {
        let mut p = InputParser::new();
        let events = p.feed(b"\x13");
        assert_eq!(
            events,
            vec![Event::Key(KeyEvent::new(
                KeyCode::Char('s'),
                KeyModifiers::CONTROL
            ))]
        );
    }

    #[test]
    fn a_bracketed_paste_is_one_event_even_across_packets() {
        let mut p = InputParser::new();
        assert!(p.feed(b"\x1b[200~line one\r\nli").is_empty());
        let events = p.feed("ne two 张\x1b[201~x".as_bytes());
        assert_eq!(
            events,
            vec![
                Event::Paste("line one\r\nline two 张".into()),
                key(KeyCode::Char('x'))
            ]
        );
    }

    #[test]
    fn a_pasted_line_break_becomes_a_space_not_enter() {
        let keys = paste_keys("王五\r\n610203\tX\x07");
        let typed: String = keys
            .iter()
            .filter_map(|k| match k.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(typed, "王五 610203 X");
        assert!(keys.iter().all(|k| k.code != KeyCode::Enter));
    }
}
