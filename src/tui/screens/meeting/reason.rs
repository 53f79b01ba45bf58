//! The popup over the summary card for a decision that needs a reason: confirm another
//! category (choose it, then the reason), reject, send back. Enter on the last field
//! records the decision; Esc closes the popup and keeps the case on screen.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use crate::domain::case::Decision;
use crate::domain::category::Category;
use crate::domain::Label;
use crate::tui::form::{self, Complaint, Field, Form, Kind};
use crate::tui::Cx;

pub struct ReasonPopup {
    pub decision: Decision,
    categories: Vec<Category>,
    pub form: Form,
    pub complaint: Option<Complaint>,
}

impl ReasonPopup {
    /// `proposed` is left out of the choices for "confirm another category".
    pub fn new(decision: Decision, proposed: Option<Category>) -> ReasonPopup {
        let categories: Vec<Category> = Category::ALL
            .iter()
            .copied()
            .filter(|c| Some(*c) != proposed)
            .collect();
        let mut fields = Vec::new();
        if decision == Decision::ConfirmOther {
            let mut f = Field::choice_of("认定类别", "Category", &categories);
            f.set_options(
                categories
                    .iter()
                    .map(|c| (c.zh().to_string(), c.en().to_string()))
                    .collect(),
            );
            fields.push(f);
        }
        fields.push(Field::new("理由", "Reason", Kind::Text { required: true }));
        ReasonPopup {
            decision,
            categories,
            form: Form::new(fields),
            complaint: None,
        }
    }

    /// The chosen category (confirm another category only).
    pub fn category(&self) -> Option<Category> {
        if self.decision != Decision::ConfirmOther {
            return None;
        }
        self.form
            .get(0)
            .and_then(|f| self.categories.get(f.choice))
            .copied()
    }

    pub fn reason(&self) -> String {
        self.form
            .fields
            .last()
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    }

    /// Check every field; the complaint names what is missing.
    pub fn check(&mut self) -> Result<(), Complaint> {
        self.form.check_all()?;
        if self.reason().is_empty() {
            self.form.focus = self.form.fields.len().saturating_sub(1);
            return Err(("请填写理由".into(), "give the reason".into()));
        }
        Ok(())
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let height = self.form.fields.len() as u16 + 3;
        if area.height < height || area.width < 20 {
            return;
        }
        let popup = Rect {
            x: area.x + 2,
            y: area.y + area.height - height,
            width: area.width - 4,
            height,
        };
        frame.render_widget(Clear, popup);
        let title = format!(" {} ", cx.lang.of(&self.decision));
        let block = cx.theme.block(&title);
        let inner = block.inner(popup);
        frame.render_widget(block, popup);
        let fields = Rect {
            height: inner.height.saturating_sub(1),
            ..inner
        };
        form::draw_grid(frame, fields, cx, &self.form, true, 1);
        let bottom = Rect {
            y: inner.y + inner.height.saturating_sub(1),
            height: 1,
            ..inner
        };
        let line = match &self.complaint {
            Some(_) => form::complaint_line(cx, self.complaint.as_ref()),
            None => Line::styled(
                cx.lang.t(
                    "Enter 记录决定  Esc 取消",
                    "Enter records the decision  Esc cancels",
                ),
                cx.theme.dim(),
            ),
        };
        frame.render_widget(Paragraph::new(line), bottom);
    }
}
