//! Drawing the workflow step screens at 80x24. Drawing reads only the screen's state:
//! the explanation and the deadline are worked out before (on opening, on typing).

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{forms, Kind, StepScreen};
use crate::app::workflow;
use crate::domain::case::Decision;
use crate::tui::form::{draw_grid, note_line};
use crate::tui::screens::case_detail::field;
use crate::tui::screens::Screen;
use crate::tui::text_view::TextView;
use crate::tui::Cx;

impl StepScreen {
    pub(super) fn draw_screen(&self, frame: &mut Frame, area: Rect, cx: &DrawCx) {
        let [body, complaint] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let title = self.title(cx);
        let block = cx.theme.block(&title);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let inner = if self.kind == Kind::Investigate {
            let [pages, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
            frame.render_widget(Paragraph::new(self.page_line(cx)), pages);
            rest
        } else {
            inner
        };
        let obligors = self.obligors.as_ref().filter(|_| self.on_obligors);
        match self.kind {
            Kind::Review => self.draw_review(frame, inner, cx),
            Kind::Investigate if obligors.is_some() => {
                if let Some(page) = obligors {
                    page.draw(frame, inner, cx);
                }
            }
            _ => {
                let info = self.info(cx);
                let [grid, notes] = Layout::vertical([
                    Constraint::Min(0),
                    Constraint::Length(u16::try_from(info.len()).unwrap_or(0)),
                ])
                .areas(inner);
                draw_grid(frame, grid, cx, &self.form, true, 1);
                frame.render_widget(Paragraph::new(info), notes);
            }
        }
        let form = obligors.map_or(Some(&self.form), |p| p.form());
        let shown = self
            .complaint
            .clone()
            .or_else(|| form.and_then(|f| f.focused()).and_then(|f| f.error.clone()));
        frame.render_widget(
            Paragraph::new(note_line(cx, shown.as_ref(), form)),
            complaint,
        );
    }

    /// The investigation's two pages, the one shown marked: "▸入户调查  义务人（1）  PgDn/PgUp 换页".
    fn page_line(&self, cx: &DrawCx) -> Line<'static> {
        let l = cx.lang;
        let n = self.obligors.as_ref().map_or(0, |p| p.table.rows.len());
        let pages = [
            l.t("入户调查", "Home visit").to_string(),
            format!(
                "{}{n}{}",
                l.t("法定义务人（", "Legal obligors ("),
                l.t("）", ")")
            ),
        ];
        let mut spans = Vec::new();
        for (i, name) in pages.into_iter().enumerate() {
            let on = (i == 1) == self.on_obligors;
            let arrow = if cx.theme.ascii { ">" } else { "▸" };
            let (mark, style) = if on {
                (arrow, cx.theme.selected())
            } else {
                (" ", cx.theme.value())
            };
            spans.push(Span::styled(format!("{mark}{name}"), style));
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(
            l.t("PgDn 换页", "PgDn: other page").to_string(),
            cx.theme.dim(),
        ));
        Line::from(spans)
    }

    /// Lines under the form: what the step will set.
    fn info(&self, cx: &DrawCx) -> Vec<Line<'static>> {
        let l = cx.lang;
        match self.kind {
            Kind::Accept => self.deadline.clone(),
            Kind::Investigate => {
                let mut out = crate::tui::screens::relatives::flag_lines(cx, &self.flag);
                out.truncate(1);
                out.push(Line::from(Span::styled(
                    l.t(
                        "核对差异不填表示一致；金额改动即为更正，原值留档。",
                        "Leave a mismatch empty when records matched; a changed amount is a correction, the original is kept.",
                    ),
                    cx.theme.dim(),
                )));
                out
            }
            _ => Vec::new(),
        }
    }

    fn draw_review(&self, frame: &mut Frame, area: Rect, cx: &DrawCx) {
        let [top, grid] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(area);
        self.explanation.draw(frame, top, cx.lang, cx.theme);
        draw_grid(frame, grid, cx, &self.form, true, 2);
    }
}

/// The proposal, its tags, the benefit and every line of the explanation (review).
pub fn explanation(s: &StepScreen, cx: &Cx) -> TextView {
    let l = cx.lang;
    let mut lines = crate::tui::screens::relatives::flag_lines(cx, &s.flag);
    match &s.proposal {
        Some(Ok(p)) => {
            let cat = p
                .category
                .map_or(l.t("不符合任何类别", "no category"), |c| l.of(&c));
            lines.push(field(
                cx,
                l.t("系统建议类别", "Proposed category"),
                cat.to_string(),
            ));
            let tags: Vec<&str> = p.tags.iter().map(|t| l.of(t)).collect();
            if !tags.is_empty() {
                lines.push(field(cx, l.t("标识", "Tags"), tags.join("、")));
            }
            lines.push(field(
                cx,
                l.t("建议月保障金", "Benefit/month"),
                format!("{} {}", p.benefit.total(), l.t("元", "yuan")),
            ));
            let explain = match l {
                crate::tui::Lang::Zh => p.explanation_zh(),
                crate::tui::Lang::En => p.explanation_en(),
            };
            for e in explain {
                lines.push(Line::from(Span::styled(format!("· {e}"), cx.theme.value())));
            }
        }
        Some(Err(msg)) => lines.push(Line::from(Span::styled(msg.clone(), cx.theme.warn()))),
        None => {}
    }
    TextView::new(lines).with_indent(2)
}

/// What accepting on the date typed sets: the case number and the review deadline.
pub fn deadline_lines(s: &StepScreen, cx: &Cx) -> Vec<Line<'static>> {
    let l = cx.lang;
    if s.kind != Kind::Accept {
        return Vec::new();
    }
    let Some(on) = s.form.get(0).and_then(|f| f.date()) else {
        return Vec::new();
    };
    let limit = workflow::standards(cx.services)
        .map(|st| workflow::review_limit(&st, on))
        .unwrap_or(workflow::REVIEW_LIMIT_DAYS);
    let d = cx.services.calendar.deadline(on, limit);
    let mut deadline = format!("{} ({limit} {})", d.date, l.t("个工作日", "working days"));
    if d.provisional {
        deadline.push_str(l.t(
            "，暂定：超出节假日历",
            "; provisional: beyond the holiday calendar",
        ));
    }
    vec![
        field(
            cx,
            l.t("申请日期", "Applied on"),
            s.case.applied_on.to_string(),
        ),
        field(
            cx,
            l.t("案件编号", "Case number"),
            l.t(
                "受理时按年度顺序分配",
                "given in order of the year at acceptance",
            ),
        ),
        field(cx, l.t("审核期限", "Review deadline"), deadline),
    ]
}

/// The confirmation restates what will be written; a review states the decision, the
/// category, the tags and the monthly amount.
pub fn question(s: &StepScreen, cx: &Cx) -> Vec<Line<'static>> {
    let l = cx.lang;
    if s.kind != Kind::Review {
        let mut lines = vec![Line::from(format!(
            "{}{}{}",
            l.t("确认", "Confirm: "),
            s.title(cx).rsplit(" · ").next().unwrap_or_default(),
            l.t("？", "?")
        ))];
        lines.extend(s.deadline.iter().cloned());
        return lines;
    }
    let input = forms::decision_input(&s.form, cx.services.today());
    let proposal = s.proposal.as_ref().and_then(|p| p.as_ref().ok());
    let category = match input.decision {
        Decision::ConfirmAsProposed => proposal.and_then(|p| p.category),
        Decision::ConfirmOther => input.category,
        _ => None,
    };
    let mut lines = vec![field(
        cx,
        l.t("决定", "Decision"),
        l.of(&input.decision).to_string(),
    )];
    if let Some(c) = category {
        lines.push(field(cx, l.t("认定类别", "Category"), l.of(&c).to_string()));
        let tags: Vec<&str> = proposal
            .map(|p| p.tags.iter().map(|t| l.of(t)).collect())
            .unwrap_or_default();
        let tags = if tags.is_empty() {
            l.t("无", "none").to_string()
        } else {
            tags.join("、")
        };
        lines.push(field(cx, l.t("标识", "Tags"), tags));
        if let Some(p) = proposal.filter(|_| input.decision == Decision::ConfirmAsProposed) {
            lines.push(field(
                cx,
                l.t("月保障金", "Benefit/month"),
                format!("{} {}", p.benefit.total(), l.t("元", "yuan")),
            ));
        }
    }
    if !input.reason.is_empty() {
        lines.push(field(cx, l.t("理由", "Reason"), input.reason.clone()));
    }
    lines.push(field(
        cx,
        l.t("审核日期", "Review date"),
        input.date.to_string(),
    ));
    lines
}
