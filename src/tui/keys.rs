//! Key strings for tests and scripted sessions, helix-style: `"c<down><down><ret>"`.
//! Named keys: <ret> <esc> <tab> <s-tab> <up> <down> <left> <right> <pgup> <pgdn>
//! <home> <end> <bs> <del> <space> <f1>..<f12>, and <c-x> for Ctrl+x.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Parse a key string; an unknown `<name>` is an error naming it.
pub fn parse_keys(text: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            out.push(KeyEvent::new(KeyCode::Char(c), mods));
            continue;
        }
        let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
        out.push(named(&name).ok_or_else(|| format!("unknown key <{name}>"))?);
    }
    Ok(out)
}

fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(rest) = name.strip_prefix("c-") {
        let c = rest.chars().next()?;
        return Some(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
    if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        return plain(KeyCode::F(n));
    }
    match name {
        "ret" | "enter" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "tab" => plain(KeyCode::Tab),
        "s-tab" => Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pgup" => plain(KeyCode::PageUp),
        "pgdn" => plain(KeyCode::PageDown),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "bs" => plain(KeyCode::Backspace),
        "del" => plain(KeyCode::Delete),
        "space" => plain(KeyCode::Char(' ')),
        "lt" => plain(KeyCode::Char('<')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mixed_key_strings() {
        let keys = parse_keys("cG<down><ret><f1><c-s><s-tab>").expect("parse");
        assert_eq!(keys.len(), 7);
        assert_eq!(
            keys[1],
            KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)
        );
        assert_eq!(keys[4].code, KeyCode::F(1));
        assert_eq!(
            keys[5],
            KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)
        );
        assert_eq!(parse_keys("<nope>"), Err("unknown key <nope>".into()));
    }
}
