//! The intake wizard (一次申请): household, members, incomes, rigid expenditures, assets,
//! needs, legal obligors, confirm. Tab/Enter commit a field (a wrong one says why and keeps the cursor),
//! PgDn/PgUp change step, Esc steps back and asks before leaving. Every committed field
//! saves the draft, so a killed program loses at most the field being typed.

mod draw;
mod household;
mod items;
mod leave;
mod members;
mod state;

use crate::tui::keymap::Context;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use super::obligor_form as obligors;
use super::rows::Table;
use super::{Outcome, Screen};
use crate::app::drafts::{self, Draft};
use crate::app::workflow;
use crate::domain::town::Town;
use crate::tui::action::Action;
use crate::tui::form::{Complaint, Form};
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::{Cx, Lang};
use leave::refused_prompt;

pub const STEPS: [(&str, &str); 8] = [
    ("家庭", "Household"),
    ("成员", "Members"),
    ("收入", "Income"),
    ("支出", "Expenses"),
    ("财产", "Assets"),
    ("需求", "Needs"),
    ("义务人", "Obligors"),
    ("确认", "Confirm"),
];
/// The legal obligors' step (after the needs, so drafts saved before it keep their pages).
pub const OBLIGORS: usize = 6;
pub const CONFIRM: usize = 7;

pub struct IntakeScreen {
    draft_id: u64,
    step: usize,
    household: Form,
    members: Table,
    incomes: Table,
    expenses: Table,
    assets: Table,
    needs: Form,
    obligors: Table,
    complaint: Option<Complaint>,
    scope: Option<Town>,
    today: NaiveDate,
    /// Members found in the register of relatives of staff (近亲属备案), looked up by ID
    /// number when the confirmation step is reached.
    relatives: Vec<crate::domain::staff_relatives::RelativeMatch>,
    pub error: Option<String>,
}

impl IntakeScreen {
    pub fn new(cx: &Cx) -> IntakeScreen {
        let today = cx.services.today();
        let scope = cx.actor.town;
        let mut s = IntakeScreen {
            draft_id: 0,
            step: 0,
            household: household::form(scope, today),
            members: Table::new(Vec::new()),
            incomes: Table::new(Vec::new()),
            expenses: Table::new(Vec::new()),
            assets: Table::new(Vec::new()),
            needs: items::needs_form(),
            obligors: Table::new(Vec::new()),
            complaint: None,
            scope,
            today,
            relatives: Vec::new(),
            error: None,
        };
        if let Some(r) = s.new_row(1) {
            s.members.add(r);
        }
        // A village informant records households found by village staff (主动发现).
        if cx.actor.role == crate::app::session::Role::VillageInformant {
            if let Some(f) = s.household.fields.get_mut(household::CHANNEL) {
                f.choice = crate::domain::case::Channel::FoundByVillageStaff.index();
            }
        }
        s
    }

    /// Reopen a saved draft at the step and field where it was left.
    pub fn resume(cx: &Cx, id: u64) -> Result<IntakeScreen, String> {
        let d = drafts::load(cx.services, cx.actor, id)
            .map_err(|e| say(cx.lang, &e.zh(), &e.to_string()))?;
        let mut s = IntakeScreen::new(cx);
        s.restore(&d);
        Ok(s)
    }

    pub fn step(&self) -> usize {
        self.step
    }

    pub fn draft_id(&self) -> u64 {
        self.draft_id
    }

    /// Write the draft (and flush) if anything was typed.
    pub fn save(&mut self, cx: &Cx) -> Result<bool, String> {
        if !self.touched() {
            return Ok(false);
        }
        let mut d: Draft = self.to_draft();
        drafts::save(cx.services, cx.actor, &mut d)
            .map_err(|e| say(cx.lang, &e.zh(), &e.to_string()))?;
        self.draft_id = d.id;
        Ok(true)
    }

    fn saved(&mut self, cx: &Cx) -> Outcome {
        match self.save(cx) {
            Ok(_) => Outcome::Stay,
            Err(msg) => Outcome::Status(msg),
        }
    }

    /// 一门入库 on the ID field being left: refused on the field, naming the person on
    /// record and their case, before the rest of the application is typed.
    fn member_on_record(&mut self, cx: &Cx) -> Result<(), Complaint> {
        if self.step != 1 {
            return Ok(());
        }
        let Some(form) = self.members.current() else {
            return Ok(());
        };
        if form.focus != members::ID {
            return Ok(());
        }
        let Some(id) = form.get(members::ID).and_then(|f| f.resident_id()) else {
            return Ok(());
        };
        let name = form
            .get(members::NAME)
            .map(|f| f.text.clone())
            .unwrap_or_default();
        match workflow::member_household(cx.services, &id, &name, false) {
            Err(
                e @ (workflow::FlowError::OpenCase { .. } | workflow::FlowError::Confirmed { .. }),
            ) => {
                if let Some(f) = self.members.current_mut() {
                    f.reselect();
                }
                Err((e.zh(), e.to_string()))
            }
            // Other errors (the store) are met again, whole, at submit.
            _ => Ok(()),
        }
    }

    fn next_field(&mut self, cx: &Cx) {
        let step = self.step;
        let today = self.today;
        if let Err(c) = self.member_on_record(cx) {
            self.complaint = Some(c);
            return;
        }
        let Some(form) = self.form_mut() else {
            self.next_step();
            return;
        };
        let was = form.focus;
        let result = form.advance();
        if step == 1 && was == members::ID && result.is_ok() {
            members::age_defaults(form, today);
        }
        match result {
            Err(c) => self.complaint = Some(c),
            Ok(false) => {}
            Ok(true) => {
                let more_rows = self.table(step).is_some_and(|t| t.row + 1 < t.rows.len());
                if more_rows {
                    if let Some(t) = self.table_mut(step) {
                        t.row += 1;
                        if let Some(f) = t.current_mut() {
                            f.focus = 0;
                        }
                    }
                } else {
                    self.next_step();
                    if step == 1 && self.step == 2 {
                        self.complaint = Some((
                            "成员已填完，进入收入；还有成员请按 PgUp 返回后 Ctrl-N 添加".into(),
                            "Members done, on to income; for another member PgUp back and Ctrl-N"
                                .into(),
                        ));
                    }
                }
            }
        }
    }

    fn prev_field(&mut self) {
        let step = self.step;
        if self.form_mut().is_some_and(Form::retreat) {
            return;
        }
        if let Some(t) = self.table_mut(step) {
            if t.row > 0 {
                t.row -= 1;
                if let Some(f) = t.current_mut() {
                    f.focus = f.fields.len().saturating_sub(1);
                }
            }
        }
    }

    fn up_down(&mut self, cx: &Cx, down: bool) {
        let step = self.step;
        // Leaving a field downwards checks it, as Tab does.
        if down {
            if let Err(c) = self.member_on_record(cx) {
                self.complaint = Some(c);
                return;
            }
            let checked = self
                .form_mut()
                .and_then(|f| {
                    let i = f.focus;
                    f.fields.get_mut(i)
                })
                .map(|f| f.check());
            if let Some(Err(c)) = checked {
                self.complaint = Some(c);
                return;
            }
        }
        if let Some(t) = self.table_mut(step) {
            let row = if down {
                t.row + 1
            } else {
                t.row.saturating_sub(1)
            };
            t.select(row);
        } else if let Some(f) = self.form_mut() {
            if down {
                f.focus = (f.focus + 1).min(f.fields.len().saturating_sub(1));
            } else {
                f.retreat();
            }
        }
    }

    fn next_step(&mut self) {
        let step = self.step;
        match self.check_step(step) {
            Ok(()) => self.step = (step + 1).min(CONFIRM),
            Err(c) => self.complaint = Some(c),
        }
        if step == 0 && self.step == 1 {
            // Members not typed yet are registered where the household lives.
            let area = household::area(&self.household);
            for row in &mut self.members.rows {
                if row.get(members::NAME).is_some_and(|f| f.text.is_empty()) {
                    if let Some(f) = row.fields.get_mut(members::AREA) {
                        f.choice = area.index();
                    }
                }
            }
        }
    }

    fn submit(&mut self, cx: &Cx) -> Outcome {
        if let Err(w) = self.check_all() {
            self.step = w.step;
            self.complaint = Some(w.complaint);
            return Outcome::Stay;
        }
        match workflow::submit(cx.services, cx.actor, self.application()) {
            Ok(case) => {
                if self.draft_id != 0 {
                    // The submission is audited; the draft is no longer needed.
                    let _ = drafts::remove(cx.services, cx.actor, self.draft_id, false);
                }
                match super::case_detail::CaseDetailScreen::load(cx, case.id) {
                    Ok(s) => Outcome::replace(s),
                    Err(msg) => Outcome::Status(msg),
                }
            }
            Err(e) => {
                let text = say(cx.lang, &e.zh(), &e.to_string());
                if matches!(
                    e,
                    workflow::FlowError::OpenCase { .. } | workflow::FlowError::Confirmed { .. }
                ) {
                    return Outcome::ask(refused_prompt(cx, e.existing_case(), text));
                }
                self.complaint = Some((e.zh(), e.to_string()));
                Outcome::Stay
            }
        }
    }
}

impl Screen for IntakeScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let (zh, en) = STEPS[self.step.min(CONFIRM)];
        format!(
            "{} · {}",
            cx.lang.t("新申请", "New application"),
            cx.lang.t(zh, en)
        )
    }

    fn context(&self) -> Context {
        Context::Intake
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        self.complaint = None;
        match action {
            Action::NextField if self.step == CONFIRM => return self.submit(cx),
            Action::NextField => self.next_field(cx),
            Action::PrevField => self.prev_field(),
            Action::Up | Action::Down => self.up_down(cx, action == Action::Down),
            Action::PageDown => self.next_step(),
            Action::PageUp => self.step = self.step.saturating_sub(1),
            Action::Back if self.step > 0 => self.step -= 1,
            Action::Back => return Outcome::ask(self.ask_leave(cx)),
            Action::AddRow => {
                let step = self.step;
                match self.new_row(step) {
                    Some(r) => {
                        if let Some(t) = self.table_mut(step) {
                            t.add(r);
                        }
                    }
                    None => return Outcome::Stay,
                }
            }
            Action::DeleteRow => {
                if self.table(self.step).is_some_and(|t| !t.rows.is_empty()) {
                    return Outcome::ask(Prompt::confirm(
                        Question::DeleteRow,
                        cx.lang.t("删除", "Delete"),
                        vec![Line::from(cx.lang.t("删除这一行？", "Delete this row?"))],
                    ));
                }
                return Outcome::Stay;
            }
            Action::SaveDraft => {
                return match self.save(cx) {
                    Ok(true) => Outcome::Status(cx.lang.t("草稿已保存", "Draft saved").into()),
                    Ok(false) => {
                        Outcome::Status(cx.lang.t("还没有填写内容", "Nothing typed yet").into())
                    }
                    Err(msg) => Outcome::Status(msg),
                }
            }
            _ => return Outcome::Stay,
        }
        if matches!(self.step, 2 | 3 | OBLIGORS) {
            self.sync_member_options();
        }
        if self.step == CONFIRM {
            let typed: Vec<(String, String)> = self
                .members
                .rows
                .iter()
                .map(|r| {
                    let text = |i| r.get(i).map(|f| f.text.clone()).unwrap_or_default();
                    (text(members::NAME), text(members::ID))
                })
                .collect();
            self.relatives = crate::app::staff_relatives::matches_at_intake(cx.services, &typed)
                .unwrap_or_default();
        }
        self.saved(cx)
    }

    /// Raw keys: typing into the focused field.
    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        if self.step == CONFIRM {
            return None;
        }
        let used = self.form_mut().is_some_and(|f| f.key(key));
        if !used {
            return None;
        }
        if self.step == 0 {
            let focus = self.household.focus;
            household::sync_villages(&mut self.household, self.scope);
            if focus == household::TOWN || focus == household::VILLAGE {
                household::sync_area(&mut self.household);
            }
        }
        self.complaint = self
            .form()
            .and_then(|f| f.focused())
            .and_then(|f| f.error.clone());
        Some(Outcome::Stay)
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        match (prompt.question, answer) {
            (Question::LeaveIntake, Answer::Yes) => match self.save(cx) {
                Ok(_) => Outcome::Pop,
                Err(msg) => Outcome::Status(msg),
            },
            (Question::LeaveIntake, Answer::Discard) => {
                if self.draft_id != 0 {
                    if let Err(e) = drafts::remove(cx.services, cx.actor, self.draft_id, true) {
                        return Outcome::Status(say(cx.lang, &e.zh(), &e.to_string()));
                    }
                }
                Outcome::Pop
            }
            (Question::DeleteRow, Answer::Yes) => {
                let step = self.step;
                if let Some(t) = self.table_mut(step) {
                    t.delete();
                }
                self.sync_member_options();
                self.saved(cx)
            }
            (Question::OpenExisting(Some(id)), Answer::Yes) => {
                match super::case_detail::CaseDetailScreen::load(cx, id) {
                    Ok(s) => Outcome::replace(s),
                    Err(msg) => Outcome::Status(msg),
                }
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        self.draw_screen(frame, area, cx);
    }

    fn keep_draft(&mut self, cx: &Cx) -> Result<(), String> {
        self.save(cx).map(|_| ())
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// Open the wizard (`NewApplication`) or the drafts list (`Drafts`) from a list screen.
pub fn open(action: Action, cx: &Cx) -> Outcome {
    if action == Action::Drafts {
        Outcome::push(super::drafts::DraftsScreen::new(cx))
    } else {
        Outcome::push(IntakeScreen::new(cx))
    }
}

fn say(lang: Lang, zh: &str, en: &str) -> String {
    lang.t(zh, en).to_string()
}
