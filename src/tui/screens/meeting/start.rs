//! The start form: town (fixed for a town reviewer), date (today), attendees as one line
//! of names separated by commas. Enter on the last field opens the meeting and its agenda.

use crate::tui::keymap::Context;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{card::CardScreen, say};
use crate::app::meeting::{self, StartInput};
use crate::domain::meeting::parse_attendees;
use crate::domain::town::Town;
use crate::domain::Label;
use crate::tui::action::Action;
use crate::tui::form::{self, Complaint, Field, Form, Kind};
use crate::tui::screens::Outcome;
use crate::tui::screens::Screen;
use crate::tui::Cx;

pub struct StartScreen {
    towns: Vec<Town>,
    form: Form,
    complaint: Option<Complaint>,
    pub error: Option<String>,
}

impl StartScreen {
    /// Refused (as a status line) for roles that may not hold a meeting.
    pub fn new(cx: &Cx) -> Result<StartScreen, String> {
        cx.actor
            .permit(crate::app::session::Permission::HoldMeeting)
            .map_err(|e| say(cx, &e))?;
        let towns: Vec<Town> = match cx.actor.town {
            Some(t) => vec![t],
            None => Town::ALL.to_vec(),
        };
        let mut town = Field::choice_of("镇街", "Town", &towns);
        town.set_options(
            towns
                .iter()
                .map(|t| (t.zh().to_string(), t.en().to_string()))
                .collect(),
        );
        let form = Form::new(vec![
            town,
            Field::new("会议日期", "Date", Kind::Date).with_text(&cx.services.today().to_string()),
            Field::new("参会人员", "Attendees", Kind::Text { required: true }),
        ]);
        Ok(StartScreen {
            towns,
            form,
            complaint: None,
            error: None,
        })
    }

    fn start(&mut self, cx: &Cx) -> Outcome {
        if let Err(c) = self.form.check_all() {
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        let town = self
            .form
            .get(0)
            .and_then(|f| self.towns.get(f.choice))
            .copied();
        let date: Option<NaiveDate> = self.form.get(1).and_then(|f| f.date());
        let attendees = self
            .form
            .get(2)
            .map(|f| parse_attendees(&f.text))
            .unwrap_or_default();
        let (Some(town), Some(date)) = (town, date) else {
            return Outcome::Stay;
        };
        let input = StartInput {
            town,
            date,
            attendees,
        };
        match meeting::start(cx.services, cx.actor, input).and_then(|m| CardScreen::new(cx, m)) {
            Ok(card) => Outcome::replace(card),
            Err(e) => {
                let msg = say(cx, &e);
                self.error = Some(msg.clone());
                Outcome::Status(msg)
            }
        }
    }
}

impl Screen for StartScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang
            .t("召开审核会议", "Start a review meeting")
            .to_string()
    }

    fn context(&self) -> Context {
        Context::MeetingStart
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        self.complaint = None;
        match action {
            Action::Back => Outcome::Pop,
            Action::NextField => match self.form.advance() {
                Err(c) => {
                    self.complaint = Some(c);
                    Outcome::Stay
                }
                Ok(false) => Outcome::Stay,
                Ok(true) => self.start(cx),
            },
            Action::PrevField | Action::Up => {
                self.form.retreat();
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let [intro, fields, _, complaint] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let l = cx.lang;
        let text = vec![
            Line::styled(
                l.t(
                    "专班会议逐件审议本镇街处于审核确认阶段的案件（按期限先后）。",
                    "The meeting goes through the town's cases under review, earliest deadline first.",
                ),
                cx.theme.dim(),
            ),
            Line::styled(
                l.t(
                    "参会人员用逗号分隔；会议由当前登录用户主持。",
                    "Separate attendees with commas; you chair the meeting.",
                ),
                cx.theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(text), intro);
        form::draw_grid(frame, fields, cx, &self.form, true, 1);
        frame.render_widget(
            Paragraph::new(form::complaint_line(cx, self.complaint.as_ref())),
            complaint,
        );
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        crate::tui::form::step::text(&mut self.form, &mut self.complaint, key)
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
