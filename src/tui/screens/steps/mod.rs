//! The workflow steps on a case: accept (acceptance date editable for back-entry, the
//! deadline shown as it will be set), start the investigation, record the investigation,
//! review (the engine's proposal and explanation above the decision), withdraw. Each
//! asks before it writes; a refusal says why and keeps the form open.

mod draw;
mod forms;
mod obligors;

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use super::Outcome;
use crate::app::cases::CaseDetail;
use crate::app::workflow::{self, FlowError};
use crate::domain::case::{Case, Decision, Stage};
use crate::domain::classify::Proposal;
use crate::domain::household::Household;
use crate::domain::workflow::StepKind;
use crate::tui::action::Action;
use crate::tui::form::{Complaint, Form};
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::Cx;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Accept,
    StartInvestigation,
    Investigate,
    Review,
    Withdraw,
    /// 公示异议: a case in public notice goes back to investigation.
    Objection,
}

pub struct StepScreen {
    kind: Kind,
    case: Case,
    household: Household,
    form: Form,
    /// The engine's proposal (review), or why there is none.
    proposal: Option<Result<Proposal, String>>,
    /// The relative-of-staff flag (近亲属备案), shown above the review and the visit.
    flag: crate::app::staff_relatives::CaseFlag,
    /// The proposal and its explanation (review), scrolled with PgUp/PgDn.
    explanation: crate::tui::text_view::TextView,
    /// The deadline the acceptance date gives, worked out when the date changes (not
    /// while drawing).
    deadline: Vec<Line<'static>>,
    complaint: Option<Complaint>,
    /// The investigation's obligors page (PgDn from the visit page), and whether it is
    /// the page shown.
    obligors: Option<obligors::ObligorsPage>,
    on_obligors: bool,
    pub error: Option<String>,
}

/// The screen for the case's next step, or a status line saying there is none.
pub fn open_next(cx: &Cx, d: &CaseDetail) -> Outcome {
    let kind = match d.case.stage {
        Stage::Submitted => Kind::Accept,
        Stage::Accepted => Kind::StartInvestigation,
        Stage::Investigating => Kind::Investigate,
        Stage::UnderReview => Kind::Review,
        // In notice the decision takes effect by itself (the daily run); what the clerk
        // records is an objection.
        Stage::InNotice => Kind::Objection,
        _ => {
            return Outcome::Status(
                cx.lang
                    .t(
                        "该案件已办结，没有下一步",
                        "This case is closed: there is no next step",
                    )
                    .into(),
            )
        }
    };
    open(cx, d, kind)
}

pub fn open_withdraw(cx: &Cx, d: &CaseDetail) -> Outcome {
    if !d.case.stage.is_open() {
        return Outcome::Status(
            cx.lang
                .t(
                    "该案件已办结，不能撤回",
                    "This case is closed: it cannot be withdrawn",
                )
                .into(),
        );
    }
    open(cx, d, Kind::Withdraw)
}

fn step_of(kind: Kind) -> StepKind {
    match kind {
        Kind::Accept => StepKind::Accept,
        Kind::StartInvestigation => StepKind::StartInvestigation,
        Kind::Investigate => StepKind::FinishInvestigation,
        Kind::Review => StepKind::Decide,
        Kind::Withdraw => StepKind::Withdraw,
        Kind::Objection => StepKind::RecordObjection,
    }
}

/// The refusal for a role that may not take the step, before any form opens.
fn not_permitted(cx: &Cx, kind: Kind) -> Option<Outcome> {
    let step = step_of(kind);
    if workflow::may(cx.actor.role, step) {
        return None;
    }
    let e = FlowError::NotPermitted {
        role: cx.actor.role,
        step,
    };
    Some(Outcome::Status(cx.lang.t(&e.zh(), &e.to_string()).into()))
}

/// Start the investigation: nothing to fill in, so the case detail asks at once.
pub fn ask_start_investigation(cx: &Cx, d: &CaseDetail) -> Outcome {
    if let Some(refused) = not_permitted(cx, Kind::StartInvestigation) {
        return refused;
    }
    let l = cx.lang;
    let deadline = d
        .case
        .deadline
        .map(|d| d.date.to_string())
        .unwrap_or_default();
    Outcome::ask(Prompt::confirm(
        Question::StartInvestigation,
        l.of(&StepKind::StartInvestigation),
        vec![Line::from(format!(
            "{}{}",
            l.t(
                "确认开始调查核实？审核期限 ",
                "Start the home-visit investigation? Review deadline "
            ),
            deadline
        ))],
    ))
}

/// The case detail's answer to [`ask_start_investigation`].
pub fn start_investigation(cx: &Cx, d: &CaseDetail, answer: Answer) -> Outcome {
    if answer != Answer::Yes {
        return Outcome::Stay;
    }
    match workflow::start_investigation(cx.services, cx.actor, d.case.id, d.case.rev) {
        Ok(_) => Outcome::Status(
            cx.lang
                .t("已保存：开始调查核实", "Saved: investigation started")
                .into(),
        ),
        Err(e) => Outcome::Status(cx.lang.t(&e.zh(), &e.to_string()).into()),
    }
}

fn open(cx: &Cx, d: &CaseDetail, kind: Kind) -> Outcome {
    if kind == Kind::StartInvestigation {
        return ask_start_investigation(cx, d);
    }
    if let Some(refused) = not_permitted(cx, kind) {
        return refused;
    }
    let today = cx.services.today();
    let mut proposal = None;
    let form = match kind {
        Kind::Accept => forms::accept(today),
        Kind::StartInvestigation => Form::new(Vec::new()),
        Kind::Investigate => forms::investigation(today, &d.household),
        Kind::Withdraw => forms::withdraw(),
        Kind::Objection => forms::objection(today),
        Kind::Review => {
            let p = workflow::propose(cx.services, cx.actor, d.case.id, today)
                .map_err(|e| cx.lang.t(&e.zh(), &e.to_string()).to_string());
            let proposed = p.as_ref().ok().and_then(|p| p.category);
            proposal = Some(p);
            forms::review(today, proposed)
        }
    };
    let mut s = StepScreen {
        kind,
        flag: d.staff_relative.clone(),
        case: d.case.clone(),
        household: d.household.clone(),
        form,
        proposal,
        explanation: crate::tui::text_view::TextView::default(),
        deadline: Vec::new(),
        complaint: None,
        obligors: (kind == Kind::Investigate).then(|| obligors::ObligorsPage::new(&d.household)),
        on_obligors: false,
        error: None,
    };
    s.explanation = draw::explanation(&s, cx);
    s.update_deadline(cx);
    Outcome::push(s)
}

impl StepScreen {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    fn update_deadline(&mut self, cx: &Cx) {
        self.deadline = draw::deadline_lines(self, cx);
    }

    /// The field's date against the case: not before the date the step follows
    /// (application, acceptance), not after today.
    fn cross_check(&self, cx: &Cx, field: usize) -> Result<(), Complaint> {
        let (date_field, after, zh_after, en_after) = match self.kind {
            Kind::Accept => (
                0,
                Some(self.case.applied_on),
                "申请日期",
                "the application date",
            ),
            Kind::Investigate => (0, self.case.accepted_on, "受理日期", "the acceptance date"),
            Kind::Review => (3, self.case.accepted_on, "受理日期", "the acceptance date"),
            _ => return Ok(()),
        };
        if field != date_field {
            return Ok(());
        }
        let Some(f) = self.form.get(field) else {
            return Ok(());
        };
        let Some(on) = f.date() else {
            return Ok(());
        };
        if let Some(first) = after.filter(|a| on < *a) {
            return Err((
                format!("{}不能早于{zh_after} {first}", f.zh),
                format!("the {} cannot be before {en_after} {first}", f.en),
            ));
        }
        let today = cx.services.today();
        if on > today {
            return Err((
                format!("{}不能晚于今天 {today}", f.zh),
                format!("the {} cannot be after today {today}", f.en),
            ));
        }
        Ok(())
    }

    /// Every field checked: ask before writing.
    fn ready(&mut self, cx: &Cx) -> Outcome {
        if let Err(c) = self.form.check_all() {
            self.on_obligors = false;
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        let date_field = if self.kind == Kind::Review { 3 } else { 0 };
        if let Err(c) = self.cross_check(cx, date_field) {
            self.on_obligors = false;
            self.form.focus = date_field;
            self.form.reselect();
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        let today = cx.services.today();
        if let Some(Err(c)) = self.obligors.as_mut().map(|p| p.check_all(today)) {
            self.on_obligors = true;
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        if self.kind == Kind::Review {
            let d = forms::decision(&self.form);
            let reason = self.form.get(2).is_some_and(|f| !f.text.trim().is_empty());
            if d != Decision::ConfirmAsProposed && !reason {
                self.form.focus = 2;
                self.complaint = Some(("请填写理由".into(), "give the reason".into()));
                return Outcome::Stay;
            }
        }
        let title = self.title(cx);
        let what = title.rsplit(" · ").next().unwrap_or_default().to_string();
        Outcome::ask(Prompt::confirm(
            Question::Step,
            &what,
            draw::question(self, cx),
        ))
    }

    fn write(&mut self, cx: &Cx) -> Outcome {
        let (s, a, id, rev) = (cx.services, cx.actor, self.case.id, self.case.rev);
        let today = s.today();
        let result = match self.kind {
            Kind::Accept => {
                let on = self.form.get(0).and_then(|f| f.date()).unwrap_or(today);
                workflow::accept(s, a, id, rev, on)
            }
            Kind::StartInvestigation => workflow::start_investigation(s, a, id, rev),
            Kind::Investigate => {
                let mut input = forms::investigation_input(&self.form, &self.household, today);
                if let Some(p) = &self.obligors {
                    input.fixes.extend(p.fixes(today));
                }
                workflow::finish_investigation(s, a, id, rev, input)
            }
            Kind::Review => {
                workflow::decide(s, a, id, rev, forms::decision_input(&self.form, today))
            }
            Kind::Withdraw => {
                let reason = self.form.get(0).map(|f| f.text.clone()).unwrap_or_default();
                workflow::withdraw(s, a, id, rev, &reason)
            }
            Kind::Objection => {
                let input = forms::objection_input(&self.form, today);
                workflow::record_objection(s, a, id, rev, input)
            }
        };
        match result {
            // An approval goes to public notice; its needs are referred once it takes
            // effect (the referral proposal opens from the case then, key p). A refusal's
            // letter is due: the status line says until when.
            Ok(case) if self.kind == Kind::Review => {
                Outcome::PopStatus(super::notices::after_decision_status(cx.lang, &case))
            }
            Ok(case) if self.kind == Kind::Objection => {
                Outcome::PopStatus(super::notices::after_objection_status(cx.lang, &case))
            }
            Ok(_) => Outcome::PopStatus(
                cx.lang
                    .t(
                        &format!("已保存：{}", cx.lang.of(&step_of(self.kind))),
                        &format!("Saved: {}", cx.lang.of(&step_of(self.kind))),
                    )
                    .into(),
            ),
            Err(e) => self.refused(cx, &e),
        }
    }

    fn refused(&mut self, _cx: &Cx, e: &FlowError) -> Outcome {
        self.complaint = Some((e.zh(), e.to_string()));
        Outcome::Stay
    }
}

impl Screen for StepScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let step = step_of(self.kind);
        let number = self
            .case
            .number
            .map_or(format!("#{}", self.case.id.0), |n| n.to_string());
        format!("{} · {}", number, cx.lang.of(&step))
    }

    fn context(&self) -> Context {
        if self.kind == Kind::Investigate {
            Context::Investigation
        } else {
            Context::StepForm
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        self.complaint = None;
        if self.kind == Kind::Investigate {
            if let Some(outcome) = self.handle_investigation(cx, action) {
                return outcome;
            }
        }
        match action {
            Action::Back => return Outcome::Pop,
            Action::Submit => return self.ready(cx),
            Action::NextField | Action::Down => {
                if let Err(c) = self.cross_check(cx, self.form.focus) {
                    self.complaint = Some(c);
                    self.form.reselect();
                    return Outcome::Stay;
                }
                match self.form.advance() {
                    Err(c) => self.complaint = Some(c),
                    Ok(false) => {}
                    Ok(true) if action == Action::NextField => return self.ready(cx),
                    Ok(true) => {}
                }
            }
            Action::PrevField | Action::Up => {
                // Leaving upwards checks a field that has something in it too.
                let typed = self
                    .form
                    .focused()
                    .is_some_and(|f| !f.text.trim().is_empty());
                let checked = match self.form.fields.get_mut(self.form.focus) {
                    Some(f) if typed => f.check(),
                    _ => Ok(()),
                };
                match checked.and_then(|()| self.cross_check(cx, self.form.focus)) {
                    Err(c) if typed => self.complaint = Some(c),
                    _ => {
                        self.form.retreat();
                    }
                }
            }
            Action::PageDown | Action::PageUp | Action::Top | Action::Bottom => {
                self.explanation.handle(action);
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        match (prompt.question, answer) {
            (Question::DeleteRow, Answer::Yes) => {
                if let Some(p) = &mut self.obligors {
                    p.delete();
                }
                Outcome::Stay
            }
            (Question::DeleteRow, _) => Outcome::Stay,
            (Question::DiscardStep, Answer::Yes) => Outcome::Pop,
            (Question::DiscardStep, _) => Outcome::Stay,
            (_, Answer::Yes) => self.write(cx),
            _ => Outcome::Stay,
        }
    }

    fn on_text(&mut self, cx: &Cx, key: &TextKey) -> Option<Outcome> {
        if self.on_obligors {
            let form = self.obligors.as_mut().and_then(|p| p.table.current_mut())?;
            if !form.key(key) {
                return None;
            }
            self.complaint = form.focused().and_then(|f| f.error.clone());
            return Some(Outcome::Stay);
        }
        if self.form.key(key) {
            self.complaint = self.form.focused().and_then(|f| f.error.clone());
            if self.kind == Kind::Accept {
                self.update_deadline(cx);
            }
            return Some(Outcome::Stay);
        }
        None
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        self.draw_screen(frame, area, cx);
    }
}
