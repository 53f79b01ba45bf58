//! The question for a decision that needs a reason: confirm another category (choose it,
//! then the reason), reject, send back. It is a prompt (the one prompt module): Enter
//! on the last field records the decision; Esc closes it and keeps the case on screen.

use ratatui::text::Line;

use crate::domain::case::Decision;
use crate::domain::category::Category;
use crate::domain::Label;
use crate::tui::form::{Field, Kind};
use crate::tui::prompt::{Prompt, Question};
use crate::tui::Cx;

/// The categories offered for "confirm another category": all but the proposed one.
fn others(proposed: Option<Category>) -> Vec<Category> {
    Category::ALL
        .iter()
        .copied()
        .filter(|c| Some(*c) != proposed)
        .collect()
}

/// The prompt for `decision` on the case `label` (its number and head of household).
pub fn prompt(cx: &Cx, decision: Decision, proposed: Option<Category>, label: &str) -> Prompt {
    let l = cx.lang;
    let mut fields = Vec::new();
    if decision == Decision::ConfirmOther {
        let mut f = Field::choice_of("认定类别", "Category", Category::ALL);
        f.set_options(
            others(proposed)
                .iter()
                .map(|c| (c.zh().to_string(), c.en().to_string()))
                .collect(),
        );
        fields.push(f);
    }
    fields.push(Field::new("理由", "Reason", Kind::Text { required: true }));
    let proposed = proposed.map_or(l.t("无", "none"), |c| l.of(&c));
    Prompt::confirm(
        Question::Decide(decision),
        l.of(&decision),
        vec![
            Line::from(label.to_string()),
            Line::from(format!("{}{proposed}", l.t("系统建议：", "Proposed: "))),
        ],
    )
    .with_fields(fields)
}

/// The category chosen in the prompt (confirm another category only).
pub fn category(p: &Prompt, decision: Decision, proposed: Option<Category>) -> Option<Category> {
    if decision != Decision::ConfirmOther {
        return None;
    }
    p.form
        .get(0)
        .and_then(|f| others(proposed).get(f.choice).copied())
}

/// The reason typed (the last field).
pub fn reason(p: &Prompt) -> String {
    p.form
        .fields
        .last()
        .map(|f| f.text.trim().to_string())
        .unwrap_or_default()
}
