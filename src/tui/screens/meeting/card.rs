//! One agenda case per screen: the summary card (drawn in `card_draw`) and the decision
//! keys. `c` asks before confirming as proposed; `o`, `r`, `b` ask for the reason;
//! `s` skips; `/` looks up without leaving (Esc returns here); `e` asks, then closes the
//! meeting and shows its minute. Every decision goes through `app::meeting::decide`.

use crate::tui::DrawCx;
use ratatui::text::Line;

use super::{minute::MinuteScreen, reason, say};
use crate::app::meeting::{self, Card};
use crate::app::workflow::DecisionInput;
use crate::app::AppError;
use crate::domain::case::{CaseId, Decision, Stage};
use crate::domain::case_row::CaseRow;
use crate::domain::meeting::Meeting;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::Outcome;
use crate::tui::screens::Screen;
use crate::tui::text_view::TextView;
use crate::tui::Cx;
use ratatui::layout::Rect;
use ratatui::Frame;

pub struct CardScreen {
    pub meeting: Meeting,
    pub agenda: Vec<CaseRow>,
    /// Decided or skipped in this meeting.
    pub done: Vec<CaseId>,
    pub current: Option<usize>,
    pub card: Option<Card>,
    /// The card's explanation, scrolled with ↑↓ PgUp PgDn.
    pub explanation: TextView,
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
            explanation: TextView::default(),
            error: None,
        };
        s.next(cx);
        Ok(s)
    }

    /// Move to the first agenda case not yet decided or skipped, and load its card.
    fn next(&mut self, cx: &Cx) {
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
            Ok(card) => {
                self.explanation = super::card_draw::explanation(cx, &card);
                self.card = Some(card);
            }
            Err(e) => self.error = Some(say(cx, &e)),
        }
    }

    fn proposed(&self) -> Option<crate::domain::category::Category> {
        self.card
            .as_ref()
            .and_then(|c| c.proposal.as_ref().ok())
            .and_then(|p| p.category)
    }

    /// The case on the card as the prompts name it: its number and head of household.
    fn label(&self) -> String {
        self.card.as_ref().map_or(String::new(), |c| {
            let case = &c.detail.case;
            let number = case
                .number
                .map_or(format!("#{}", case.id.0), |n| n.to_string());
            format!("{number} {}", c.detail.household.head_name())
        })
    }

    fn confirm(&mut self, cx: &Cx) -> Outcome {
        let proposed = self.proposed();
        self.record(cx, Decision::ConfirmAsProposed, proposed, String::new())
            .unwrap_or_else(|e| Outcome::Status(say(cx, &e)))
    }

    fn record(
        &mut self,
        cx: &Cx,
        decision: Decision,
        category: Option<crate::domain::category::Category>,
        reason: String,
    ) -> Result<Outcome, AppError> {
        let Some(case) = self.card.as_ref().map(|c| c.detail.case.clone()) else {
            return Ok(Outcome::Stay);
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
                self.done.push(case.id);
                self.next(cx);
                let label = case
                    .number
                    .map_or(format!("#{}", case.id.0), |n| n.to_string());
                Ok(Outcome::Status(format!(
                    "{} {}：{}",
                    cx.lang.t("已记录", "Recorded"),
                    label,
                    cx.lang.of(&decision)
                )))
            }
            Err(e) => Err(e),
        }
    }

    fn end(&mut self, cx: &Cx) -> Outcome {
        match meeting::close(cx.services, cx.actor, &self.meeting) {
            Ok(m) => Outcome::replace(MinuteScreen::new(cx, m)),
            Err(e) => Outcome::Status(say(cx, &e)),
        }
    }
}

impl Screen for CardScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let l = cx.lang;
        format!(
            "{} {} · {}/{}",
            l.of(&self.meeting.town),
            l.t("审核会议", "review meeting"),
            self.current.map_or(self.agenda.len(), |i| i + 1),
            self.agenda.len()
        )
    }

    fn context(&self) -> Context {
        Context::MeetingCard
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let proposed = self.proposed();
        let on_case = self.card.is_some();
        let l = cx.lang;
        match action {
            Action::ConfirmProposed if on_case => {
                let Some(cat) = proposed else {
                    return Outcome::Status(
                        l.t(
                            "没有系统建议的类别，请用 o 认定其他类别或 r 不予认定",
                            "No proposed category: use o (another category) or r (reject)",
                        )
                        .into(),
                    );
                };
                let mut body = vec![Line::from(self.label())];
                if let Some(p) = self.card.as_ref().and_then(|c| c.proposal.as_ref().ok()) {
                    let mut what = l.of(&cat).to_string();
                    for t in &p.tags {
                        what.push_str(&format!(" · {}", l.of(t)));
                    }
                    body.push(Line::from(format!(
                        "{}{what}",
                        l.t("按建议认定为 ", "Confirm as ")
                    )));
                    body.push(Line::from(format!(
                        "{}{} {}",
                        l.t("月保障金 ", "Monthly benefit "),
                        p.benefit.total(),
                        l.t("元", "yuan")
                    )));
                }
                return Outcome::ask(Prompt::confirm(
                    Question::Decide(Decision::ConfirmAsProposed),
                    l.of(&Decision::ConfirmAsProposed),
                    body,
                ));
            }
            Action::ConfirmOther | Action::Reject | Action::SendBack if on_case => {
                let decision = match action {
                    Action::ConfirmOther => Decision::ConfirmOther,
                    Action::Reject => Decision::Reject,
                    _ => Decision::SendBack,
                };
                return Outcome::ask(reason::prompt(cx, decision, proposed, &self.label()));
            }
            Action::Skip if on_case => {
                if let Some(r) = self.current.and_then(|i| self.agenda.get(i)) {
                    self.done.push(r.case);
                }
                self.next(cx);
            }
            Action::EndMeeting => {
                return Outcome::ask(Prompt::confirm(
                    Question::EndMeeting,
                    l.t("结束会议", "End the meeting"),
                    vec![Line::from(l.t(
                        "结束会议并生成纪要？",
                        "End the meeting and write the minute?",
                    ))],
                ))
            }
            other => {
                self.explanation.handle(other);
            }
        }
        Outcome::Stay
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        if answer != Answer::Yes {
            return Outcome::Stay;
        }
        let proposed = self.proposed();
        match prompt.question {
            Question::EndMeeting => self.end(cx),
            Question::Decide(Decision::ConfirmAsProposed) => self.confirm(cx),
            Question::Decide(d) => {
                let (c, r) = (
                    reason::category(&prompt, d, proposed),
                    reason::reason(&prompt),
                );
                match self.record(cx, d, c, r) {
                    // Refused: the question stays open with the reason in it.
                    Err(e) => Outcome::ask(prompt.with_complaint(Some((e.zh(), e.to_string())))),
                    Ok(o) => o,
                }
            }
            _ => Outcome::Stay,
        }
    }

    /// Back from the lookup: the case may have changed meanwhile.
    fn refresh(&mut self, cx: &Cx) {
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

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        super::card_draw::draw(self, frame, area, cx);
    }
}
