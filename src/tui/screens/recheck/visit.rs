//! The re-check of one household: first the monitoring reading (the visit's form,
//! prefilled with the latest values), then the engine's proposal on what was found —
//! keep, 增发/减发, change category, taper or end — with its explanation. Enter records
//! the proposal; choosing another outcome needs a reason. Esc steps back.

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::monitoring::{self, HouseholdView};
use crate::app::recheck::{self, RecheckInput, RecheckProposal};
use crate::domain::household::HouseholdId;
use crate::domain::monitoring::Reading;
use crate::domain::recheck::Outcome as Proposed;
use crate::domain::Label;
use crate::tui::action::Action;
use crate::tui::form::{complaint_line, draw_grid, Field, Form, Kind};
use crate::tui::keymap::Context;
use crate::tui::screens::monitoring::forms::{reading_form, reading_of};
use crate::tui::screens::monitoring::say;
use crate::tui::screens::{Outcome, Screen};
use crate::tui::text_view::TextView;
use crate::tui::{Cx, Lang};

enum Phase {
    Reading(Form),
    Decision {
        reading: Reading,
        proposal: Box<RecheckProposal>,
        form: Form,
        /// The proposal's explanation, scrolled with PgUp/PgDn.
        view: TextView,
    },
}

pub struct RecheckScreen {
    id: HouseholdId,
    view: HouseholdView,
    phase: Phase,
    fresh: bool,
    pub error: Option<String>,
}

fn decision_form(p: &RecheckProposal) -> Form {
    let mut outcome = Field::choice_of("复核结论", "outcome", Proposed::ALL);
    outcome.choice = Proposed::ALL
        .iter()
        .position(|o| *o == p.outcome)
        .unwrap_or(0);
    Form::new(vec![
        outcome,
        Field::new(
            "理由（与建议不同时必填）",
            "reason (if not the proposal)",
            Kind::Text { required: false },
        ),
    ])
}

impl RecheckScreen {
    pub fn load(cx: &Cx, id: HouseholdId) -> Result<RecheckScreen, String> {
        let view =
            monitoring::household_view(cx.services, cx.actor, id).map_err(|e| say(cx.lang, &e))?;
        let form = reading_form(&view.latest, cx.services.today(), &cx.actor.user);
        Ok(RecheckScreen {
            id,
            view,
            phase: Phase::Reading(form),
            fresh: true,
            error: None,
        })
    }

    /// The proposal shown, once the reading is in (for tests).
    pub fn proposal(&self) -> Option<&RecheckProposal> {
        match &self.phase {
            Phase::Decision { proposal, .. } => Some(proposal),
            Phase::Reading(_) => None,
        }
    }

    fn enter(&mut self, cx: &Cx) -> Outcome {
        let today = cx.services.today();
        match &mut self.phase {
            Phase::Reading(form) => {
                if form.check_all().is_err() {
                    self.fresh = false;
                    return Outcome::Stay;
                }
                let reading = reading_of(form, self.id, today);
                match recheck::propose_recheck(cx.services, cx.actor, &reading) {
                    Ok(p) => {
                        let form = decision_form(&p);
                        let view = TextView::new(explanation(cx, &p)).with_indent(2);
                        self.phase = Phase::Decision {
                            reading,
                            proposal: Box::new(p),
                            form,
                            view,
                        };
                        self.fresh = true;
                        Outcome::Stay
                    }
                    Err(e) => Outcome::Status(say(cx.lang, &e)),
                }
            }
            Phase::Decision {
                reading,
                proposal,
                form,
                ..
            } => {
                let decided = form
                    .get(0)
                    .and_then(|f| Proposed::ALL.get(f.choice))
                    .copied()
                    .unwrap_or(proposal.outcome);
                let reason = form.get(1).map(|f| f.text.clone()).unwrap_or_default();
                let input = RecheckInput {
                    household_rev: self.view.household.rev,
                    reading: reading.clone(),
                    decided,
                    reason,
                };
                match recheck::record_recheck(cx.services, cx.actor, input) {
                    Ok(saved) => {
                        let r = &saved.recheck;
                        let next = r.next_due.map_or(String::new(), |d| match cx.lang {
                            Lang::Zh => format!("，下次复核 {d}"),
                            Lang::En => format!("; next re-check {d}"),
                        });
                        let ends = saved
                            .exit
                            .as_ref()
                            .map_or(String::new(), |e| match cx.lang {
                                Lang::Zh => format!("，{} 起停止救助", e.support_ends),
                                Lang::En => format!("; support ends {}", e.support_ends),
                            });
                        Outcome::PopStatus(match cx.lang {
                            Lang::Zh => format!("复核已保存：{}{ends}{next}", decided.zh()),
                            Lang::En => format!("Re-check saved: {}{ends}{next}", decided.en()),
                        })
                    }
                    Err(e) => Outcome::Status(say(cx.lang, &e)),
                }
            }
        }
    }

    fn form_mut(&mut self) -> &mut Form {
        match &mut self.phase {
            Phase::Reading(f) => f,
            Phase::Decision { form, .. } => form,
        }
    }
}

impl Screen for RecheckScreen {
    fn title(&self, cx: &DrawCx) -> String {
        format!(
            "{} · {}",
            cx.lang.t("定期复核", "Re-check"),
            self.view.household.head_name()
        )
    }

    fn context(&self) -> Context {
        match self.phase {
            Phase::Reading(_) => Context::Recheck,
            Phase::Decision { .. } => Context::EntryForm,
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            // The reading: Enter works out the proposal (nothing is written yet).
            Action::Propose if matches!(self.phase, Phase::Reading(_)) => self.enter(cx),
            // The outcome: Enter records it.
            Action::Save if matches!(self.phase, Phase::Decision { .. }) => self.enter(cx),
            Action::Back => {
                if let Phase::Decision { .. } = self.phase {
                    let form = reading_form(&self.view.latest, cx.services.today(), &cx.actor.user);
                    self.phase = Phase::Reading(form);
                    self.fresh = true;
                    return Outcome::Stay;
                }
                Outcome::Pop
            }
            Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                if let Phase::Decision { view, .. } = &mut self.phase {
                    view.handle(action);
                }
                Outcome::Stay
            }
            Action::NextField => {
                self.fresh = self.form_mut().advance().is_ok();
                Outcome::Stay
            }
            Action::PrevField => {
                self.form_mut().retreat();
                self.fresh = true;
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let h = &self.view.household;
        let [top, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(area);
        let category = h.standing.category.map_or("", |c| lang.of(&c));
        let head = vec![
            Line::from(Span::styled(
                format!(
                    " {} · {} · {} · {}{} · {category}",
                    h.head_name(),
                    lang.of(&h.town),
                    h.village,
                    h.size(),
                    lang.t("人", " members")
                ),
                cx.theme.title(),
            )),
            Line::from(Span::styled(
                format!(
                    " {} {} · {} {}",
                    lang.t("年收入", "income/yr"),
                    self.view.latest.annual_income,
                    lang.t("劳动力", "able"),
                    self.view.latest.able
                ),
                cx.theme.notice(),
            )),
        ];
        frame.render_widget(Paragraph::new(head), top);
        match &self.phase {
            Phase::Reading(form) => {
                // Tab, Enter and Esc are in the footer (the keymap's Recheck).
                let block = cx
                    .theme
                    .block(lang.t(" 复核入户：录入监测 ", " Re-check visit: reading "));
                let inner = block.inner(rest);
                frame.render_widget(block, rest);
                let [grid, note] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
                draw_grid(frame, grid, cx, form, true, 2);
                let complaint = form.focused().and_then(|x| x.error.as_ref());
                frame.render_widget(Paragraph::new(complaint_line(cx, complaint)), note);
            }
            Phase::Decision { form, view, .. } => {
                let [why, grid, note] = Layout::vertical([
                    Constraint::Min(0),
                    Constraint::Length(4),
                    Constraint::Length(1),
                ])
                .areas(rest);
                let block = cx.theme.block(lang.t(" 系统建议 ", " Proposal "));
                let inner = block.inner(why);
                frame.render_widget(block, why);
                view.draw(frame, inner, lang, cx.theme);
                // Tab, Enter and Esc are in the footer (the keymap's EntryForm).
                let block = cx.theme.block(lang.t(" 复核结论 ", " Outcome "));
                let inner = block.inner(grid);
                frame.render_widget(block, grid);
                draw_grid(frame, inner, cx, form, true, 1);
                let complaint = form.focused().and_then(|x| x.error.as_ref());
                frame.render_widget(Paragraph::new(complaint_line(cx, complaint)), note);
            }
        }
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let fresh = self.fresh;
        let form = self.form_mut();
        if let KeyCode::Char(_) = key.code {
            if let Some(f) = form.fields.get_mut(form.focus) {
                if fresh && !f.is_choice() {
                    f.set_raw("");
                }
            }
        }
        let used = form.key(key);
        self.fresh = false;
        // Home/End that the outcome's choice does not take scroll the proposal (its
        // "End 到底"), through the keymap.
        if !used && matches!(self.phase, Phase::Decision { .. }) {
            return None;
        }
        Some(Outcome::Stay)
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// The proposal's lines: the headline (as a warning), then the income found and the
/// engine's explanation.
fn explanation(cx: &Cx, p: &RecheckProposal) -> Vec<Line<'static>> {
    let lines = match cx.lang {
        Lang::Zh => &p.explanation,
        Lang::En => &p.explanation_en,
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let style = if i == 0 {
                cx.theme.warn()
            } else {
                cx.theme.value()
            };
            Line::from(Span::styled(l.clone(), style))
        })
        .collect()
}
