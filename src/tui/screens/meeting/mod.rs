//! Review-meeting mode (专班会议): the start form, one summary card per agenda case with
//! one-key decisions (a reason popup where one is needed), and the minute at the end.
//! Each is a screen of its own; each phase replaces the one before.

mod card;
mod card_draw;
mod minute;
mod reason;
mod start;

pub use card::CardScreen;
pub use minute::MinuteScreen;
pub use start::StartScreen;

use super::Outcome;
use crate::app::referrals::Lang as FileLang;
use crate::tui::{Cx, Lang};

/// From the dashboard (`M` or Ctrl+F3): the start form, or why this user may not.
pub fn open(cx: &Cx) -> Outcome {
    match StartScreen::new(cx) {
        Ok(s) => Outcome::push(s),
        Err(msg) => Outcome::Status(msg),
    }
}

/// An app error in the interface language.
fn say(cx: &Cx, e: &crate::app::AppError) -> String {
    match cx.lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

fn file_lang(cx: &Cx) -> FileLang {
    match cx.lang {
        Lang::Zh => FileLang::Zh,
        Lang::En => FileLang::En,
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::tui::action::Action;
    use crate::tui::keymap::{resolve, Context};

    #[test]
    fn ctrl_f3_and_m_open_the_meeting_and_f3_still_the_case_list() {
        let key = |code, mods| KeyEvent::new(code, mods);
        let ctrl_f3 = key(KeyCode::F(3), KeyModifiers::CONTROL);
        assert_eq!(resolve(Context::Dashboard, &ctrl_f3), Some(Action::Meeting));
        let m = key(KeyCode::Char('M'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Context::Dashboard, &m), Some(Action::Meeting));
        let f3 = key(KeyCode::F(3), KeyModifiers::NONE);
        assert_eq!(resolve(Context::Dashboard, &f3), Some(Action::Cases));
    }
}
