//! A new register entry: the staff member or cadre (name, role, town, office and post)
//! and up to three close relatives (name, ID number, kinship; the first required). An ID
//! number is checked when the clerk leaves its field (GB 11643), and the cursor stays
//! there when it is wrong; ^S or Enter on the last field asks, then one audited write.

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::staff_relatives::{self, StaffInput};
use crate::domain::resident_id::ResidentId;
use crate::domain::staff_relatives::{Kinship, StaffRole};
use crate::domain::town::Town;
use crate::tui::action::Action;
use crate::tui::form::step::{self, Move};
use crate::tui::form::{draw_grid, note_line, Complaint, Field, Form, Kind};
use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::case_detail::field;
use crate::tui::screens::{Outcome, Screen};
use crate::tui::Cx;

/// Relatives the form takes at once (more: add another entry for the same person).
const SLOTS: usize = 3;
/// Fields before the relatives' rows.
const FIXED: usize = 4;

pub struct StaffFormScreen {
    form: Form,
    complaint: Option<Complaint>,
    pub error: Option<String>,
}

fn slot_fields(n: usize) -> [Field; 3] {
    let name = Field::new(
        format!("近亲属{n} 姓名"),
        format!("Relative {n} name"),
        Kind::Text { required: false },
    );
    let id = Field::new(
        format!("近亲属{n} 身份证号"),
        format!("Relative {n} ID number"),
        Kind::Text { required: false },
    );
    let kin = Field::choice_of("关系", "Kinship", Kinship::ALL);
    [name, id, kin]
}

impl StaffFormScreen {
    pub fn new(cx: &Cx) -> StaffFormScreen {
        let mut town = Field::choice_of("镇街", "Town", Town::ALL);
        if let Some(t) = cx.actor.town {
            town.choice = t.index();
        }
        let mut fields = vec![
            Field::new("姓名", "Name", Kind::Text { required: true }),
            Field::choice_of("身份", "Role", StaffRole::ALL),
            town,
            Field::new(
                "单位及职务",
                "Office and post",
                Kind::Text { required: false },
            ),
        ];
        for n in 1..=SLOTS {
            fields.extend(slot_fields(n));
        }
        StaffFormScreen {
            form: Form::new(fields),
            complaint: None,
            error: None,
        }
    }

    fn text(&self, i: usize) -> String {
        self.form
            .get(i)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    }

    fn choice(&self, i: usize) -> usize {
        self.form.get(i).map_or(0, |f| f.choice)
    }

    /// The relative slot a field index belongs to.
    fn slot_of(i: usize) -> Option<usize> {
        i.checked_sub(FIXED).map(|k| k / 3).filter(|k| *k < SLOTS)
    }

    /// One relative's row: empty (a later slot), or its name and a valid ID number. The
    /// error names the field to put the cursor on.
    fn check_slot(&self, cx: &Cx, k: usize) -> Result<(), (usize, Complaint)> {
        let (name_i, id_i) = (FIXED + 3 * k, FIXED + 3 * k + 1);
        let (name, id) = (self.text(name_i), self.text(id_i));
        if k > 0 && name.is_empty() && id.is_empty() {
            return Ok(());
        }
        if name.is_empty() {
            return Err((
                name_i,
                (
                    format!("请填写第 {} 名近亲属的姓名", k + 1),
                    format!("give relative {}'s name", k + 1),
                ),
            ));
        }
        ResidentId::parse_on(&id, cx.services.today())
            .map(|_| ())
            .map_err(|e| (id_i, (e.zh(), e.to_string())))
    }

    /// The field just left: an ID number is checked as soon as it is typed.
    fn check_leaving(&self, cx: &Cx) -> Result<(), Complaint> {
        let i = self.form.focus;
        match Self::slot_of(i) {
            Some(k) if (i - FIXED) % 3 == 1 && !self.text(i).is_empty() => {
                self.check_slot(cx, k).map_err(|(_, c)| c)
            }
            _ => Ok(()),
        }
    }

    fn input(&self) -> StaffInput {
        let mut relatives = Vec::new();
        for k in 0..SLOTS {
            let (name, id) = (self.text(FIXED + 3 * k), self.text(FIXED + 3 * k + 1));
            if name.is_empty() && id.is_empty() {
                continue;
            }
            let kin = Kinship::ALL
                .get(self.choice(FIXED + 3 * k + 2))
                .copied()
                .unwrap_or(Kinship::Other);
            relatives.push((name, id, kin));
        }
        StaffInput {
            id: 0,
            rev: 0,
            name: self.text(0),
            role: StaffRole::ALL
                .get(self.choice(1))
                .copied()
                .unwrap_or(StaffRole::CivilAffairs),
            town: Town::ALL
                .get(self.choice(2))
                .copied()
                .unwrap_or(Town::Chengguan),
            post: self.text(3),
            relatives,
        }
    }

    fn ready(&mut self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        if let Err(c) = self.form.check_all() {
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        for k in 0..SLOTS {
            if let Err((i, c)) = self.check_slot(cx, k) {
                self.form.focus = i;
                self.form.reselect();
                self.complaint = Some(c);
                return Outcome::Stay;
            }
        }
        let input = self.input();
        let mut body = vec![field(
            cx,
            l.t("备案人员", "Registered"),
            format!(
                "{} · {} · {}",
                input.name,
                l.of(&input.role),
                l.of(&input.town)
            ),
        )];
        for (name, id, kin) in &input.relatives {
            let masked = ResidentId::parse_on(id, cx.services.today())
                .map(|i| i.masked())
                .unwrap_or_default();
            body.push(field(cx, l.of(kin), format!("{name} {masked}")));
        }
        Outcome::ask(Prompt::confirm(
            Question::Step,
            l.t("登记近亲属备案", "Register"),
            body,
        ))
    }

    fn write(&mut self, cx: &Cx) -> Outcome {
        match staff_relatives::save_entry(cx.services, cx.actor, self.input()) {
            Ok(e) => Outcome::PopStatus(match cx.lang {
                crate::tui::Lang::Zh => format!(
                    "已登记备案：{}（第 {} 号），近亲属 {} 人",
                    e.name,
                    e.id,
                    e.relatives.len()
                ),
                crate::tui::Lang::En => format!(
                    "Registered: {} (no. {}), {} relatives",
                    e.name,
                    e.id,
                    e.relatives.len()
                ),
            }),
            Err(e) => {
                self.complaint = Some((e.zh(), e.to_string()));
                Outcome::Stay
            }
        }
    }
}

impl Screen for StaffFormScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang
            .t("近亲属备案 · 新登记", "Relatives of staff · new entry")
            .to_string()
    }

    fn context(&self) -> Context {
        Context::StepForm
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let leaving = match action {
            Action::NextField | Action::Down => self.check_leaving(cx),
            _ => Ok(()),
        };
        match step::action(&mut self.form, &mut self.complaint, action, leaving) {
            Move::Leave => Outcome::Pop,
            Move::Ready => self.ready(cx),
            Move::Stay => Outcome::Stay,
        }
    }

    fn answer(&mut self, cx: &Cx, _prompt: Prompt, answer: Answer) -> Outcome {
        match answer {
            Answer::Yes => self.write(cx),
            _ => Outcome::Stay,
        }
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        step::text(&mut self.form, &mut self.complaint, key)
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let [body, complaint] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let title = self.title(cx);
        let block = cx.theme.block(&title);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        draw_grid(frame, inner, cx, &self.form, true, 1);
        let shown = self
            .complaint
            .clone()
            .or_else(|| self.form.focused().and_then(|f| f.error.clone()));
        frame.render_widget(
            Paragraph::new(vec![note_line(cx, shown.as_ref(), Some(&self.form))]),
            complaint,
        );
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
