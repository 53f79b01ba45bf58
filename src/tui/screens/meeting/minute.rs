//! The minute after the meeting ends: attendees, each decision with its reason, the
//! cases left for the next meeting. `x` (or F2) writes it as CSV into the store folder
//! and says where; the export is audited.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use super::{file_lang, say};
use crate::app::meeting::{export, minute_text};
use crate::domain::meeting::Meeting;
use crate::tui::action::Action;
use crate::tui::screens::Outcome;
use crate::tui::text_view::TextView;
use crate::tui::Cx;

pub struct MinuteScreen {
    pub meeting: Meeting,
    view: TextView,
    pub error: Option<String>,
}

impl MinuteScreen {
    pub fn new(cx: &Cx, meeting: Meeting) -> MinuteScreen {
        let text = minute_text(&meeting, file_lang(cx));
        let lines = text
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                if i == 0 {
                    Line::styled(t, cx.theme.title())
                } else {
                    Line::from(t)
                }
            })
            .collect();
        MinuteScreen {
            meeting,
            view: TextView::new(lines),
            error: None,
        }
    }

    /// Where `x` writes: the store folder, so it is found next to the data.
    fn file(&self, cx: &Cx) -> std::path::PathBuf {
        cx.services.store_path().join(format!(
            "minute-{}-{}.csv",
            self.meeting.id.0, self.meeting.date
        ))
    }
}

impl Screen for MinuteScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("会议纪要", "Meeting minute").to_string()
    }

    fn context(&self) -> Context {
        Context::MeetingMinute
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Home,
            Action::Export => {
                let path = self.file(cx);
                match export(cx.services, cx.actor, self.meeting.id, &path, file_lang(cx)) {
                    Ok(out) => Outcome::Status(format!(
                        "{}{}（{} {}）",
                        cx.lang.t("纪要已导出到 ", "Minute written to "),
                        out.path.display(),
                        out.decisions,
                        cx.lang.t("项决定", "decisions")
                    )),
                    Err(e) => Outcome::Status(say(cx, &e)),
                }
            }
            other => {
                self.view.handle(other);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        self.view.draw(frame, area, cx.lang, cx.theme);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
