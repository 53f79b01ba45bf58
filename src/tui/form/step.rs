//! The keys of a one-page form that asks before it writes (an appeal, a register entry):
//! what Tab, ↓, S-Tab, ↑, Enter on the last field, ^S/F2 and Esc do to the form, so each
//! such screen says only what its own checks and its write are.

use super::{Complaint, Form};
use crate::tui::action::Action;
use crate::tui::screens::Outcome;
use crate::tui::text_key::TextKey;

/// Where an action leaves a one-page form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Still on the form (moved, or a complaint to show).
    Stay,
    /// Esc: leave the form.
    Leave,
    /// Every field checked: ask, then write.
    Ready,
}

/// A one-page form's action. `leaving` is the screen's own check of the field being left
/// (dates in order, an ID number's check digit), worked out for Tab/↓ only: refused, the
/// field stays selected with the complaint. Tab/↓ then check the field itself and move on;
/// Tab on the last field, or Submit from any field, is [`Move::Ready`]. S-Tab/↑ move back
/// unchecked. The complaint of the last key is in `complaint` (cleared first).
pub fn action(
    form: &mut Form,
    complaint: &mut Option<Complaint>,
    action: Action,
    leaving: Result<(), Complaint>,
) -> Move {
    *complaint = None;
    match action {
        Action::Back => return Move::Leave,
        Action::Submit => return Move::Ready,
        Action::NextField | Action::Down => {
            if let Err(c) = leaving {
                form.reselect();
                *complaint = Some(c);
                return Move::Stay;
            }
            match form.advance() {
                Err(c) => *complaint = Some(c),
                Ok(true) if action == Action::NextField => return Move::Ready,
                Ok(_) => {}
            }
        }
        Action::PrevField | Action::Up => {
            form.retreat();
        }
        _ => {}
    }
    Move::Stay
}

/// Typing into the focused field; the complaint follows the field's own.
pub fn text(form: &mut Form, complaint: &mut Option<Complaint>, key: &TextKey) -> Option<Outcome> {
    if form.key(key) {
        *complaint = form.focused().and_then(|f| f.error.clone());
        return Some(Outcome::Stay);
    }
    None
}
