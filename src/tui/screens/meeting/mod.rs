//! Review-meeting mode (专班会议): the start form, one summary card per agenda case with
//! one-key decisions (a reason popup where one is needed), and the minute at the end.
//! One `Screen` variant holds the three; each phase replaces the one before.

mod card;
mod card_draw;
mod minute;
mod reason;
mod start;

use crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::Frame;

pub use card::CardScreen;
pub use minute::MinuteScreen;
pub use start::StartScreen;

use super::{Outcome, Screen};
use crate::app::referrals::Lang as FileLang;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::{Cx, Lang};

pub enum MeetingScreen {
    Start(StartScreen),
    Card(Box<CardScreen>),
    Minute(MinuteScreen),
}

/// From the dashboard (`M` or Ctrl+F3): the start form, or why this user may not.
pub fn open(cx: &Cx) -> Outcome {
    match StartScreen::new(cx) {
        Ok(s) => wrap(MeetingScreen::Start(s)),
        Err(msg) => Outcome::Status(msg),
    }
}

fn wrap(s: MeetingScreen) -> Outcome {
    Outcome::Push(Box::new(Screen::Meeting(Box::new(s))))
}

fn replace(s: MeetingScreen) -> Outcome {
    Outcome::Replace(Box::new(Screen::Meeting(Box::new(s))))
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

impl MeetingScreen {
    pub fn answer(
        &mut self,
        prompt: crate::tui::prompt::Prompt,
        answer: crate::tui::prompt::Answer,
        cx: &Cx,
    ) -> Outcome {
        match self {
            MeetingScreen::Card(s) => s.answer(prompt, answer, cx),
            _ => Outcome::Stay,
        }
    }

    pub fn context(&self) -> Context {
        match self {
            MeetingScreen::Start(_) => Context::MeetingStart,
            MeetingScreen::Card(s) => s.context(),
            MeetingScreen::Minute(_) => Context::MeetingMinute,
        }
    }

    pub fn title(&self, cx: &Cx) -> String {
        match self {
            MeetingScreen::Start(_) => cx.lang.t("召开审核会议", "Start a review meeting").into(),
            MeetingScreen::Card(s) => s.title(cx),
            MeetingScreen::Minute(_) => cx.lang.t("会议纪要", "Meeting minute").into(),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match self {
            MeetingScreen::Start(s) => s.handle(action, cx),
            MeetingScreen::Card(s) => s.handle(action, cx),
            MeetingScreen::Minute(s) => s.handle(action, cx),
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        match self {
            MeetingScreen::Start(s) => s.draw(frame, area, cx),
            MeetingScreen::Card(s) => card_draw::draw(s, frame, area, cx),
            MeetingScreen::Minute(s) => s.draw(frame, area, cx),
        }
    }

    pub fn capture_key(&mut self, key: &KeyEvent, cx: &Cx) -> Option<Outcome> {
        match self {
            MeetingScreen::Start(s) => s.capture_key(key),
            MeetingScreen::Card(s) => s.capture_key(key, cx),
            MeetingScreen::Minute(_) => None,
        }
    }

    pub fn refresh(&mut self, cx: &Cx) {
        if let MeetingScreen::Card(s) = self {
            s.refresh(cx);
        }
    }

    pub fn error(&self) -> Option<&str> {
        match self {
            MeetingScreen::Start(s) => s.error.as_deref(),
            MeetingScreen::Card(s) => s.error.as_deref(),
            MeetingScreen::Minute(s) => s.error.as_deref(),
        }
    }

    /// The meeting record as this screen holds it (for tests).
    pub fn meeting(&self) -> Option<&crate::domain::meeting::Meeting> {
        match self {
            MeetingScreen::Start(_) => None,
            MeetingScreen::Card(s) => Some(&s.meeting),
            MeetingScreen::Minute(s) => Some(&s.meeting),
        }
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
