//! The minute after the meeting ends: attendees, each decision with its reason, the
//! cases left for the next meeting. `x` (or F2) writes it as CSV into the store folder
//! and says where; the export is audited.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{file_lang, say};
use crate::app::meeting::{export, minute_text};
use crate::domain::meeting::Meeting;
use crate::tui::action::Action;
use crate::tui::screens::Outcome;
use crate::tui::Cx;

pub struct MinuteScreen {
    pub meeting: Meeting,
    scroll: usize,
    pub error: Option<String>,
}

impl MinuteScreen {
    pub fn new(meeting: Meeting) -> MinuteScreen {
        MinuteScreen {
            meeting,
            scroll: 0,
            error: None,
        }
    }

    /// Where `x` writes: the store folder, so it is found next to the data.
    fn file(&self, cx: &Cx) -> std::path::PathBuf {
        cx.services.store.path().join(format!(
            "minute-{}-{}.csv",
            self.meeting.id.0, self.meeting.date
        ))
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
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
            Action::Down => {
                self.scroll += 1;
                Outcome::Stay
            }
            Action::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                Outcome::Stay
            }
            Action::PageDown => {
                self.scroll += 10;
                Outcome::Stay
            }
            Action::PageUp => {
                self.scroll = self.scroll.saturating_sub(10);
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let text = minute_text(&self.meeting, file_lang(cx));
        let mut lines: Vec<Line> = Vec::with_capacity(text.len());
        for (i, t) in text.into_iter().enumerate() {
            lines.push(if i == 0 {
                Line::styled(t, cx.theme.title())
            } else {
                Line::from(t)
            });
        }
        let max = lines.len().saturating_sub(usize::from(area.height));
        self.scroll = self.scroll.min(max);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((u16::try_from(self.scroll).unwrap_or(0), 0)),
            area,
        );
    }
}
