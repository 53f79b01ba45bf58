//! The keys a screen taking text sees raw (issue 14: "every key goes through the keymap
//! to an `Action`; no writes from raw keys"). Typing edits a value: characters, Backspace,
//! Delete, ← → Home End, and Ctrl-U (clear the line). Every other key — Enter, Esc, Tab,
//! ↑ ↓, PgUp PgDn, function keys, any other Ctrl or Alt key — goes through the keymap to
//! an [`Action`](super::action::Action), so what saves, submits or leaves is the keymap's
//! binding, listed in the footer and the help, and never a key a screen caught itself.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key that edits text. Only [`TextKey::of`] makes one, so a screen's
/// [`on_text`](super::screens::Screen::on_text) cannot be handed Enter, Tab or F2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextKey(KeyEvent);

impl TextKey {
    /// `key` if it edits text, else `None` (the keymap resolves it).
    pub fn of(key: &KeyEvent) -> Option<TextKey> {
        let held = key.modifiers - KeyModifiers::SHIFT;
        let editing = match key.code {
            KeyCode::Char('u') if held == KeyModifiers::CONTROL => true,
            KeyCode::Char(_) => held.is_empty(),
            KeyCode::Backspace
            | KeyCode::Delete
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End => held.is_empty(),
            _ => false,
        };
        editing.then_some(TextKey(*key))
    }
}

impl std::ops::Deref for TextKey {
    type Target = KeyEvent;

    fn deref(&self) -> &KeyEvent {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::KEYMAP;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn typing_is_text_and_command_keys_are_not() {
        let none = KeyModifiers::NONE;
        for code in [
            KeyCode::Char('a'),
            KeyCode::Char('张'),
            KeyCode::Char(' '),
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
        ] {
            assert!(TextKey::of(&key(code, none)).is_some(), "{code:?}");
        }
        assert!(TextKey::of(&key(KeyCode::Char('Q'), KeyModifiers::SHIFT)).is_some());
        assert!(TextKey::of(&key(KeyCode::Char('u'), KeyModifiers::CONTROL)).is_some());
        for code in [
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::F(1),
            KeyCode::F(2),
        ] {
            assert!(TextKey::of(&key(code, none)).is_none(), "{code:?}");
        }
        for c in ['s', 'n', 'd', 'o', 'f', 'b'] {
            let ctrl = key(KeyCode::Char(c), KeyModifiers::CONTROL);
            assert!(TextKey::of(&ctrl).is_none(), "^{c}");
            let alt = key(KeyCode::Char(c), KeyModifiers::ALT);
            assert!(TextKey::of(&alt).is_none(), "M-{c}");
        }
    }

    /// Every key the keymap binds to something that writes or leaves (save, submit, save
    /// a draft, push, sign out, ...) reaches the keymap even while a field takes text:
    /// only plain letters are typing, and a screen taking text reads them as text.
    #[test]
    fn no_bound_key_but_a_plain_letter_is_typing() {
        for b in KEYMAP {
            let event = key(b.code, b.mods);
            if TextKey::of(&event).is_none() {
                continue;
            }
            let plain_char = matches!(b.code, KeyCode::Char(_)) && b.mods.is_empty();
            let moves = matches!(
                (b.code, b.action),
                (
                    KeyCode::Left | KeyCode::Right,
                    Action::NextTab | Action::PrevTab
                ) | (KeyCode::Home, Action::Top)
                    | (KeyCode::End, Action::Bottom)
                    | (KeyCode::Delete, Action::DeleteRow)
            );
            assert!(
                plain_char || moves,
                "{:?} {} ({:?}) would reach on_text",
                b.context,
                b.key,
                b.action
            );
        }
    }
}
