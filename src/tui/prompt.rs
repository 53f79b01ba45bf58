//! The one prompt: a question to the user, pushed by a screen as `Outcome::Ask` and
//! answered back to it (`Screen::answer`). Three shapes — confirm (y/n), reason (a text
//! field) and choose (a choice field) — one drawing (the popup widget, which clears
//! what is beneath it) and one set of keys, in the keymap, so footer and help show them.

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

use super::action::Action;
use super::form::{self, Complaint, Field, Form};
use super::keymap::Context;
use super::popup;
use crate::domain::case::{CaseId, Decision};

/// Which question it is, so the screen that asked knows what the answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// `q` on the home screen.
    Quit,
    /// Leave the intake wizard (the draft stays), discard it, or stay.
    LeaveIntake,
    /// Delete the selected row of an intake table.
    DeleteRow,
    /// 一门入库: the application was refused; open the case that exists.
    OpenExisting(Option<CaseId>),
    /// Discard the selected draft.
    DiscardDraft,
    /// Write the workflow step the form describes.
    Step,
    /// Leave a step form without writing what was typed (the investigation's obligors).
    DiscardStep,
    /// Start the investigation of the case on screen.
    StartInvestigation,
    /// Turn the selected alert into an application.
    ToApplication,
    /// Resolve the selected alert as no risk (with the reason).
    NoRisk,
    /// A review-meeting decision (the reason, and for "another category" the category).
    Decide(Decision),
    /// End the review meeting and write the minute.
    EndMeeting,
    /// The district-level check of a relative-of-staff case (result, note).
    DistrictCheck,
    /// Draw a spot-check sample (town, period).
    SpotDraw,
    /// A drawn check's outcome (result, note).
    SpotOutcome,
    /// Take the selected entry off the register of relatives of staff.
    RemoveStaffEntry,
}

/// How the user answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    No,
    /// The third answer of [`Question::LeaveIntake`].
    Discard,
}

#[derive(Debug, Clone)]
pub struct Prompt {
    pub question: Question,
    title: String,
    body: Vec<Line<'static>>,
    /// The fields of a reason or choose prompt (empty for confirm).
    pub form: Form,
    /// Whether `d` answers [`Answer::Discard`].
    discard: bool,
    /// What y and n mean here, when "yes / no" would not say enough: (zh, en).
    keys: Option<(String, String)>,
    pub complaint: Option<Complaint>,
}

impl Prompt {
    /// A yes/no question: `title` on the border, `body` inside.
    pub fn confirm(question: Question, title: &str, body: Vec<Line<'static>>) -> Prompt {
        Prompt {
            question,
            title: format!(" {} ", title.trim()),
            body,
            form: Form::new(Vec::new()),
            discard: false,
            keys: None,
            complaint: None,
        }
    }

    /// Say what the answers do ("y/Enter open that case  n/Esc back to edit").
    pub fn with_keys(mut self, zh: &str, en: &str) -> Prompt {
        self.keys = Some((zh.to_string(), en.to_string()));
        self
    }

    /// A question answered by filling in fields (a reason, a choice).
    pub fn with_fields(mut self, fields: Vec<Field>) -> Prompt {
        self.form = Form::new(fields);
        self
    }

    /// Offer `d` as a third answer.
    pub fn with_discard(mut self) -> Prompt {
        self.discard = true;
        self
    }

    pub fn with_complaint(mut self, complaint: Option<Complaint>) -> Prompt {
        self.complaint = complaint;
        self
    }

    pub fn context(&self) -> Context {
        if self.form.fields.is_empty() {
            Context::Prompt
        } else {
            Context::PromptForm
        }
    }

    /// Typing into the focused field; `true` when the field took the key.
    pub fn on_text(&mut self, key: &TextKey) -> bool {
        let used = self.form.key(key);
        if used {
            self.complaint = self.form.focused().and_then(|f| f.error.clone());
        }
        used
    }

    /// An action from the prompt's keymap; `Some` when the prompt is answered.
    pub fn handle(&mut self, action: Action) -> Option<Answer> {
        self.complaint = None;
        match action {
            Action::No | Action::Back => Some(Answer::No),
            Action::Discard if self.discard => Some(Answer::Discard),
            Action::Yes if self.form.fields.is_empty() => Some(Answer::Yes),
            // Enter on a field moves on; on the last field it answers, once all are right.
            Action::Yes | Action::NextField => match self.form.advance() {
                Err(c) => {
                    self.complaint = Some(c);
                    None
                }
                Ok(false) => None,
                Ok(true) => match self.form.check_all() {
                    Ok(()) => Some(Answer::Yes),
                    Err(c) => {
                        self.complaint = Some(c);
                        None
                    }
                },
            },
            Action::PrevField | Action::Up => {
                self.form.retreat();
                None
            }
            Action::Down => {
                if let Err(c) = self.form.advance() {
                    self.complaint = Some(c);
                }
                None
            }
            _ => None,
        }
    }

    /// The text of field `i` as typed, trimmed.
    pub fn text(&self, i: usize) -> String {
        self.form
            .get(i)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &DrawCx) {
        let mut body = self.body.clone();
        let fields = self.form.fields.len();
        if fields > 0 {
            body.push(Line::from(""));
            body.extend(std::iter::repeat_n(Line::from(""), fields));
        }
        body.push(Line::from(""));
        body.push(match &self.complaint {
            Some(_) => form::complaint_line(cx, self.complaint.as_ref()),
            None => Line::from(Span::styled(self.keys_line(cx), cx.theme.dim())),
        });
        let width = area.width.saturating_sub(8).min(68);
        let inner = popup::draw(frame, area, cx.theme, &self.title, &body, width);
        if fields > 0 {
            // The fields sit in the blank rows left for them above the key line.
            let rows = u16::try_from(fields).unwrap_or(0);
            let y = inner.bottom().saturating_sub(rows + 2);
            let grid = Rect {
                y,
                height: rows,
                ..inner
            };
            form::draw_grid(frame, grid, cx, &self.form, true, 1);
        }
    }

    fn keys_line(&self, cx: &DrawCx) -> String {
        let l = cx.lang;
        if let Some((zh, en)) = &self.keys {
            return l.t(zh, en).to_string();
        }
        if !self.form.fields.is_empty() {
            return l
                .t(
                    "Enter 确定  Tab 下一项  Esc 取消",
                    "Enter OK  Tab next  Esc cancel",
                )
                .to_string();
        }
        let mut keys = l
            .t("y/Enter 是  n/Esc 否", "y/Enter yes  n/Esc no")
            .to_string();
        if self.discard {
            keys.push_str(l.t("  d 删除草稿", "  d discard the draft"));
        }
        keys
    }
}
