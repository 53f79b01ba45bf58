//! 近亲属备案 on screen (`B` on the home screen, district officer): the register of staff
//! and village cadres with their close relatives, ID numbers masked. `n` opens the form
//! for a new entry, `x` takes the selected entry off the register (asked first); both are
//! one audited write through `app::staff_relatives`. Other roles are refused at the gate.

mod form;

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::staff_relatives;
use crate::domain::access::Permission;
use crate::domain::staff_relatives::StaffEntry;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::dashboard::{town_cell, town_column};
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome, Screen};
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub use form::StaffFormScreen;

pub struct StaffRegisterScreen {
    entries: Vec<StaffEntry>,
    selected: usize,
    pub error: Option<String>,
}

/// The register screen, or the refusal for a role that may not keep it.
pub fn open(cx: &Cx) -> Outcome {
    match cx.actor.permit(Permission::EditStaffRelatives) {
        Ok(()) => {
            let mut s = StaffRegisterScreen {
                entries: Vec::new(),
                selected: 0,
                error: None,
            };
            s.refresh(cx);
            Outcome::push(s)
        }
        Err(e) => Outcome::Status(cx.lang.say(&e)),
    }
}

impl StaffRegisterScreen {
    pub fn entries(&self) -> &[StaffEntry] {
        &self.entries
    }

    fn current(&self) -> Option<&StaffEntry> {
        self.entries.get(self.selected)
    }

    fn ask_remove(&self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        let Some(e) = self.current() else {
            return Outcome::Stay;
        };
        let body = vec![
            Line::from(format!(
                "{} {} · {} · {}",
                e.id,
                e.name,
                l.of(&e.role),
                l.of(&e.town)
            )),
            Line::from(l.t(
                "删除后，其近亲属的案件不再标记“近亲属备案”。确认删除？",
                "Once removed, the relatives' cases are no longer flagged. Remove it?",
            )),
        ];
        Outcome::ask(Prompt::confirm(
            Question::RemoveStaffEntry,
            l.t("删除备案", "Remove the entry"),
            body,
        ))
    }
}

impl Screen for StaffRegisterScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("近亲属备案", "Relatives of staff").to_string()
    }

    fn context(&self) -> Context {
        Context::StaffRegister
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::AddRow => Outcome::push(StaffFormScreen::new(cx)),
            Action::DeleteRow => self.ask_remove(cx),
            other => {
                move_selection(&mut self.selected, self.entries.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let l = cx.lang;
        let relatives = self.current().map_or(0, |e| e.relatives.len());
        let detail_h = u16::try_from(relatives + 1).unwrap_or(1).min(8);
        let [top, list, detail] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(detail_h),
        ])
        .areas(area);
        // "civil-affairs staff" is 19 columns; "民政经办人员" 12.
        let role_w = if l == crate::tui::Lang::Zh { 14 } else { 19 };
        let total: usize = self.entries.iter().map(|e| e.relatives.len()).sum();
        let head = Line::from(Span::styled(
            match l {
                crate::tui::Lang::Zh => {
                    format!(" 备案 {} 人，近亲属 {total} 人", self.entries.len())
                }
                crate::tui::Lang::En => format!(
                    " {} registered, {total} close relatives",
                    self.entries.len()
                ),
            },
            cx.theme.title(),
        ));
        let columns = format!(
            " {} {} {} {} {} {}",
            pad_to(l.t("编号", "No."), 4),
            pad_to(l.t("姓名", "Name"), 8),
            pad_to(l.t("身份", "Role"), role_w),
            pad_to(l.t("镇街", "Town"), town_column(l)),
            pad_to(l.t("单位及职务", "Office and post"), 20),
            l.t("近亲属", "Relatives")
        );
        let columns = Line::from(Span::styled(columns, cx.theme.label()));
        frame.render_widget(Paragraph::new(vec![head, columns]), top);
        let row = |e: &StaffEntry| {
            ListLine::plain(format!(
                "{} {} {} {} {} {}",
                pad_to(&e.id.to_string(), 4),
                pad_to(&e.name, 8),
                pad_to(l.of(&e.role), role_w),
                town_cell(l, e.town),
                pad_to(&e.post, 20),
                e.relatives.len()
            ))
        };
        let empty = l.t(
            " 尚无备案：按 n 登记",
            " Nothing registered: press n to add",
        );
        draw_list(
            frame,
            list,
            cx,
            &self.entries,
            self.selected,
            row,
            Some((empty, cx.theme.dim())),
        );
        let mut rows = vec![Line::from(Span::styled(
            l.t(
                " 近亲属（身份证号已遮蔽）",
                " Close relatives (ID numbers masked)",
            )
            .to_string(),
            cx.theme.label(),
        ))];
        if let Some(e) = self.current() {
            for r in &e.relatives {
                rows.push(Line::from(format!(
                    "   {} {} {}",
                    pad_to(l.of(&r.kinship), 16),
                    pad_to(&r.name, 8),
                    r.id.masked()
                )));
            }
        }
        frame.render_widget(Paragraph::new(rows), detail);
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        if answer != Answer::Yes || prompt.question != Question::RemoveStaffEntry {
            return Outcome::Stay;
        }
        let Some((id, rev, name)) = self.current().map(|e| (e.id, e.rev, e.name.clone())) else {
            return Outcome::Stay;
        };
        let result = staff_relatives::remove_entry(cx.services, cx.actor, id, rev);
        self.refresh(cx);
        match result {
            Ok(()) => Outcome::Status(format!(
                "{}{name}",
                cx.lang.t("已删除备案：", "Entry removed: ")
            )),
            Err(e) => Outcome::Status(cx.lang.say(&e)),
        }
    }

    fn refresh(&mut self, cx: &Cx) {
        match staff_relatives::register(cx.services, cx.actor) {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
