//! What happened after the decision, on the case detail's summary: the public notice, the
//! objections, when the decision took effect and payment starts, the written notices
//! (overdue ones marked) and the appeals.

use ratatui::text::{Line, Span};

use super::field;
use crate::domain::case::Case;
use crate::tui::screens::notices::appeal::appeal_lines;
use crate::tui::Cx;

pub fn lines(cx: &Cx, c: &Case) -> Vec<Line<'static>> {
    let l = cx.lang;
    let p = &c.procedure;
    let mut out = Vec::new();
    if p.notices.is_empty()
        && p.objections.is_empty()
        && p.letters.is_empty()
        && p.appeals.is_empty()
        && p.effective_on.is_none()
    {
        return out;
    }
    out.push(Line::from(""));
    out.push(Line::from(Span::styled(
        l.t("决定之后", "After the decision").to_string(),
        cx.theme.title(),
    )));
    for n in &p.notices {
        let mut text = format!("{}至{}", n.start, n.end);
        if l == crate::tui::Lang::En {
            text = format!("{} to {}", n.start, n.end);
        }
        if n.objected {
            text.push_str(l.t(
                "（有异议，已退回调查）",
                " (objected: back to investigation)",
            ));
        }
        out.push(field(cx, l.t("公示期", "Public notice"), text));
    }
    for o in &p.objections {
        out.push(field(
            cx,
            l.t("公示异议", "Objection"),
            format!("{} {} {}", o.received_on, o.objector, o.what),
        ));
    }
    if let Some(on) = p.effective_on {
        out.push(field(cx, l.t("生效日期", "In force from"), on.to_string()));
    }
    if let Some(from) = p.benefit_from {
        out.push(field(
            cx,
            l.t("发放起始", "Paid from"),
            from.format("%Y-%m").to_string(),
        ));
    }
    let today = cx.services.today();
    for letter in &p.letters {
        let state = match (letter.produced_on, letter.delivered_on) {
            (_, Some(d)) => format!("{}{d}", l.t("已送达 ", "delivered ")),
            (Some(d), None) => format!("{}{d}", l.t("已制作 ", "produced ")),
            (None, None) => l.t("未制作", "not produced").to_string(),
        };
        let text = format!(
            "{} {}{} {state}",
            l.of(&letter.kind),
            l.t("应于", "due "),
            letter.due.date
        );
        let line = field(cx, l.t("告知书", "Written notice"), text);
        if letter.is_overdue(today) {
            let mut spans = line.spans;
            spans.push(Span::styled(
                l.t(" 已逾期", " overdue").to_string(),
                cx.theme.warn(),
            ));
            out.push(Line::from(spans));
        } else {
            out.push(line);
        }
    }
    out.extend(appeal_lines(cx, c));
    out
}
