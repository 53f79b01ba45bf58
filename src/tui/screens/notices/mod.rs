//! The screens after the decision (issue 18): objections on a case in public notice, the
//! notice list of a town, the written notices and the appeals of a case.

pub mod appeal;
pub mod letter;
pub mod list;
pub mod overdue;
pub mod panel;

use crate::domain::case::{Case, Stage};
use crate::tui::Lang;

/// The status line after a review decision: the notice period and when it takes effect, or
/// until when the refusal letter is due.
pub fn after_decision_status(lang: Lang, case: &Case) -> String {
    match (
        case.stage,
        case.procedure.notice(),
        case.procedure.letter_pending(),
    ) {
        (Stage::InNotice, Some(n), _) => match lang {
            Lang::Zh => format!(
                "已保存：进入公示，{}至{}，期满无异议于{}生效",
                n.start, n.end, n.effective_on
            ),
            Lang::En => format!(
                "Saved: in public notice {} to {}; with no objection it takes effect on {}",
                n.start, n.end, n.effective_on
            ),
        },
        (Stage::Rejected, _, Some(l)) => match lang {
            Lang::Zh => format!("已保存：不予认定，告知书须于{}前送达", l.due.date),
            Lang::En => format!(
                "Saved: rejected; the refusal notice is due by {}",
                l.due.date
            ),
        },
        _ => lang
            .t("已保存：审核确认", "Saved: review decision")
            .to_string(),
    }
}

/// The status line after an objection: back to investigation, the new decision deadline.
pub fn after_objection_status(lang: Lang, case: &Case) -> String {
    let by = case
        .deadline
        .map(|d| d.date.to_string())
        .unwrap_or_default();
    match lang {
        Lang::Zh => format!("已登记公示异议：案件退回调查核实，须于{by}前重新作出决定"),
        Lang::En => {
            format!("Objection recorded: the case is back in investigation; decide again by {by}")
        }
    }
}
