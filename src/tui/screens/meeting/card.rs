//! One agenda case per screen: the summary card (drawn in `card_draw`) and the decision
//! keys. `c` asks before confirming as proposed; `o`, `r`, `b` open the reason popup;
//! `s` skips; `/` looks up without leaving (Esc returns here); `e` asks, then closes the
//! meeting and shows its minute. Every decision goes through `app::meeting::decide`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{minute::MinuteScreen, reason::ReasonPopup, replace, say, MeetingScreen};
use crate::app::meeting::{self, Card};
use crate::app::workflow::DecisionInput;
use crate::app::AppError;
use crate::domain::case::{CaseId, Decision, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::meeting::Meeting;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::Outcome;
use crate::tui::Cx;

/// What `y` would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Confirm,
    End,
}

pub struct CardScreen {
    pub meeting: Meeting,
    pub agenda: Vec<CaseRow>,
    /// Decided or skipped in this meeting.
    pub done: Vec<CaseId>,
    pub current: Option<usize>,
    pub card: Option<Card>,
    pub scroll: usize,
    pub popup: Option<ReasonPopup>,
    pub asking: Option<Ask>,
    pub error: Option<String>,
}

impl CardScreen {
    pub fn new(cx: &Cx, meeting: Meeting) -> Result<CardScreen, AppError> {
        let agenda = meeting::agenda(cx.services, cx.actor, meeting.town)?;
        let done = meeting.decisions.iter().map(|d| d.case).collect();
        let mut s = CardScreen {
            meeting,
            agenda,
            done,
            current: None,
            card: None,
            scroll: 0,
            popup: None,
            asking: None,
            error: None,
        };
        s.next(cx);
        Ok(s)
    }

    pub fn context(&self) -> Context {
        if self.popup.is_some() {
            Context::MeetingReason
        } else {
            Context::MeetingCard
        }
    }

    pub fn title(&self, cx: &Cx) -> String {
        let l = cx.lang;
        format!(
            "{} {} · {}/{}",
            l.of(&self.meeting.town),
            l.t("审核会议", "review meeting"),
            self.current.map_or(self.agenda.len(), |i| i + 1),
            self.agenda.len()
        )
    }

    /// Move to the first agenda case not yet decided or skipped, and load its card.
    fn next(&mut self, cx: &Cx) {
        self.scroll = 0;
        self.current = self
            .agenda
            .iter()
            .position(|r| !self.done.contains(&r.case));
        self.load(cx);
    }

    fn load(&mut self, cx: &Cx) {
        self.card = None;
        self.error = None;
        let Some(row) = self.current.and_then(|i| self.agenda.get(i)) else {
            return;
        };
        match meeting::card(cx.services, cx.actor, &self.meeting, row.case) {
            Ok(card) => self.card = Some(card),
            Err(e) => self.error = Some(say(cx, &e)),
        }
    }

    /// Back from the lookup: the case may have changed meanwhile.
    pub fn refresh(&mut self, cx: &Cx) {
        self.load(cx);
        let moved_on = self
            .card
            .as_ref()
            .is_some_and(|c| c.detail.case.stage != Stage::UnderReview);
        if let (true, Some(i)) = (moved_on, self.current) {
            if let Some(r) = self.agenda.get(i) {
                self.done.push(r.case);
            }
            self.next(cx);
        }
    }

    pub fn capture_key(&mut self, key: &KeyEvent, cx: &Cx) -> Option<Outcome> {
        if let Some(ask) = self.asking {
            let plain = !key.modifiers.contains(KeyModifiers::CONTROL);
            return Some(match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter if plain => {
                    self.asking = None;
                    match ask {
                        Ask::Confirm => self.confirm(cx),
                        Ask::End => self.end(cx),
                    }
                }
                KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                    self.asking = None;
                    Outcome::Stay
                }
                _ => Outcome::Stay,
            });
        }
        let popup = self.popup.as_mut()?;
        if popup.form.key(key) {
            popup.complaint = popup.form.focused().and_then(|f| f.error.clone());
            return Some(Outcome::Stay);
        }
        None
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        if self.popup.is_some() {
            return self.handle_popup(action, cx);
        }
        let proposed = self
            .card
            .as_ref()
            .and_then(|c| c.proposal.as_ref().ok())
            .and_then(|p| p.category);
        let on_case = self.card.is_some();
        match action {
            Action::ConfirmProposed if on_case => {
                if proposed.is_none() {
                    return Outcome::Status(
                        cx.lang
                            .t(
                                "没有系统建议的类别，请用 o 认定其他类别或 r 不予认定",
                                "No proposed category: use o (another category) or r (reject)",
                            )
                            .into(),
                    );
                }
                self.asking = Some(Ask::Confirm);
            }
            Action::ConfirmOther if on_case => {
                self.popup = Some(ReasonPopup::new(Decision::ConfirmOther, proposed));
            }
            Action::Reject if on_case => {
                self.popup = Some(ReasonPopup::new(Decision::Reject, proposed));
            }
            Action::SendBack if on_case => {
                self.popup = Some(ReasonPopup::new(Decision::SendBack, proposed));
            }
            Action::Skip if on_case => {
                if let Some(r) = self.current.and_then(|i| self.agenda.get(i)) {
                    self.done.push(r.case);
                }
                self.next(cx);
            }
            Action::EndMeeting => self.asking = Some(Ask::End),
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll += 8,
            Action::PageUp => self.scroll = self.scroll.saturating_sub(8),
            Action::Top => self.scroll = 0,
            _ => {}
        }
        Outcome::Stay
    }

    fn handle_popup(&mut self, action: Action, cx: &Cx) -> Outcome {
        let Some(popup) = self.popup.as_mut() else {
            return Outcome::Stay;
        };
        popup.complaint = None;
        match action {
            Action::Back => self.popup = None,
            Action::PrevField | Action::Up => {
                popup.form.retreat();
            }
            Action::NextField => match popup.form.advance() {
                Err(c) => popup.complaint = Some(c),
                Ok(false) => {}
                Ok(true) => match popup.check() {
                    Err(c) => popup.complaint = Some(c),
                    Ok(()) => {
                        let (d, c, r) = (popup.decision, popup.category(), popup.reason());
                        return self.record(cx, d, c, r);
                    }
                },
            },
            _ => {}
        }
        Outcome::Stay
    }

    fn confirm(&mut self, cx: &Cx) -> Outcome {
        let proposed = self
            .card
            .as_ref()
            .and_then(|c| c.proposal.as_ref().ok())
            .and_then(|p| p.category);
        self.record(cx, Decision::ConfirmAsProposed, proposed, String::new())
    }

    fn record(
        &mut self,
        cx: &Cx,
        decision: Decision,
        category: Option<crate::domain::category::Category>,
        reason: String,
    ) -> Outcome {
        let Some(case) = self.card.as_ref().map(|c| c.detail.case.clone()) else {
            return Outcome::Stay;
        };
        let input = DecisionInput {
            decision,
            category,
            reason,
            date: self.meeting.date,
        };
        match meeting::decide(
            cx.services,
            cx.actor,
            &self.meeting,
            case.id,
            case.rev,
            input,
        ) {
            Ok(m) => {
                self.meeting = m;
                self.popup = None;
                self.done.push(case.id);
                self.next(cx);
                let label = case
                    .number
                    .map_or(format!("#{}", case.id.0), |n| n.to_string());
                Outcome::Status(format!(
                    "{} {}：{}",
                    cx.lang.t("已记录", "Recorded"),
                    label,
                    cx.lang.of(&decision)
                ))
            }
            Err(e) => {
                let msg = say(cx, &e);
                if let Some(p) = self.popup.as_mut() {
                    p.complaint = Some((e.zh(), e.to_string()));
                }
                Outcome::Status(msg)
            }
        }
    }

    fn end(&mut self, cx: &Cx) -> Outcome {
        match meeting::close(cx.services, cx.actor, &self.meeting) {
            Ok(m) => replace(MeetingScreen::Minute(MinuteScreen::new(m))),
            Err(e) => Outcome::Status(say(cx, &e)),
        }
    }
}
