//! Drawing the workflow step screens at 80x24.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

use super::{forms, Kind, StepScreen};
use crate::app::workflow;
use crate::tui::form::{complaint_line, draw_grid};
use crate::tui::screens::case_detail::field;
use crate::tui::Cx;

impl StepScreen {
    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let [body, complaint, prompt] = Layout::vertical([
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let title = self.title(cx);
        let block = cx.theme.block(&title);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        match self.kind {
            Kind::Review => self.draw_review(frame, inner, cx),
            Kind::StartInvestigation => {
                let l = cx.lang;
                let lines = vec![
                    field(
                        cx,
                        l.t("受理日期", "Accepted on"),
                        self.case
                            .accepted_on
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    ),
                    field(
                        cx,
                        l.t("审核期限", "Deadline"),
                        self.case
                            .deadline
                            .map(|d| d.date.to_string())
                            .unwrap_or_default(),
                    ),
                ];
                frame.render_widget(Paragraph::new(lines), inner);
            }
            _ => {
                let info = self.info(cx);
                let [grid, notes] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(info.len() as u16)])
                        .areas(inner);
                draw_grid(frame, grid, cx, &self.form, !self.asking, 1);
                frame.render_widget(Paragraph::new(info), notes);
            }
        }
        let shown = self
            .complaint
            .clone()
            .or_else(|| self.form.focused().and_then(|f| f.error.clone()));
        frame.render_widget(
            Paragraph::new(complaint_line(cx, shown.as_ref())),
            complaint,
        );
        if self.asking {
            frame.render_widget(
                Paragraph::new(Span::styled(self.question(cx), cx.theme.notice())),
                prompt,
            );
        }
    }

    fn question(&self, cx: &Cx) -> String {
        let l = cx.lang;
        let what = match self.kind {
            Kind::Review => l.of(&forms::decision(&self.form)).to_string(),
            _ => {
                let t = self.title(cx);
                t.rsplit(" · ").next().unwrap_or_default().to_string()
            }
        };
        format!(
            "{}{what}{}",
            l.t("确认", "Confirm: "),
            l.t("？ y/Enter 确认  n/Esc 取消", "? y/Enter yes  n/Esc no")
        )
    }

    /// Lines under the form: what the step will set.
    fn info(&self, cx: &Cx) -> Vec<Line<'static>> {
        let l = cx.lang;
        match self.kind {
            Kind::Accept => {
                let Some(on) = self.form.get(0).and_then(|f| f.date()) else {
                    return Vec::new();
                };
                let limit = workflow::standards(cx.services)
                    .map(|s| workflow::review_limit(&s, on))
                    .unwrap_or(workflow::REVIEW_LIMIT_DAYS);
                let d = cx.services.calendar.deadline(on, limit);
                let mut deadline = format!(
                    "{} ({limit} {})",
                    d.date,
                    l.t("个工作日", "working days")
                );
                if d.provisional {
                    deadline.push_str(l.t("，暂定：超出节假日历", "; provisional: beyond the holiday calendar"));
                }
                vec![
                    field(cx, l.t("申请日期", "Applied on"), self.case.applied_on.to_string()),
                    field(
                        cx,
                        l.t("案件编号", "Case number"),
                        l.t("受理时按年度顺序分配", "given in order of the year at acceptance"),
                    ),
                    field(cx, l.t("审核期限", "Review deadline"), deadline),
                ]
            }
            Kind::Investigate => vec![Line::from(Span::styled(
                l.t(
                    "核对差异不填表示一致；金额改动即为更正，原值留档。",
                    "Leave a mismatch empty when records matched; a changed amount is a correction, the original is kept.",
                ),
                cx.theme.dim(),
            ))],
            _ => Vec::new(),
        }
    }

    fn draw_review(&self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let l = cx.lang;
        let [top, grid] = Layout::vertical([Constraint::Min(0), Constraint::Length(2)]).areas(area);
        let mut lines = Vec::new();
        match &self.proposal {
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
        let height = usize::from(top.height);
        let scroll = self.scroll.min(lines.len().saturating_sub(height));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll as u16, 0)),
            top,
        );
        draw_grid(frame, grid, cx, &self.form, !self.asking, 2);
    }
}
