//! Drawing the wizard at 80x24: the step bar, the page, the derived line, the complaint,
//! The questions (leave, delete, refused) are prompts (`intake::questions`).

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{items, members, obligors, IntakeScreen, CONFIRM, OBLIGORS, STEPS};
use crate::domain::money::Money;
use crate::tui::form::{draw_grid, note_line};
use crate::tui::screens::case_detail::field;

impl IntakeScreen {
    pub(super) fn draw_screen(&self, frame: &mut Frame, area: Rect, cx: &DrawCx) {
        let focused = self
            .form()
            .and_then(|f| f.focused())
            .and_then(|f| f.error.clone());
        let shown = self.complaint.clone().or(focused);
        // A long complaint (一门入库 names the person, the case and the name typed) wraps
        // onto up to three lines above the footer instead of being cut.
        let note = crate::tui::wrap::wrap_line(
            &note_line(cx, shown.as_ref(), self.form()),
            usize::from(area.width),
            2,
        );
        let note_height = u16::try_from(note.len().clamp(1, 3)).unwrap_or(1);
        let [bar, body, derived, complaint] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
            Constraint::Length(note_height),
        ])
        .areas(area);
        frame.render_widget(Paragraph::new(self.step_bar(cx)), bar);
        let (zh, en) = STEPS[self.step.min(CONFIRM)];
        let block = cx.theme.block(cx.lang.t(zh, en));
        let inner = block.inner(body);
        frame.render_widget(block, body);
        match self.step {
            0 => draw_grid(frame, inner, cx, &self.household, true, 1),
            1 => self.members.draw(
                frame,
                inner,
                cx,
                members::summary,
                ("还没有成员，Ctrl-N 添加", "No members yet: Ctrl-N adds one"),
            ),
            s @ 2..=4 => {
                let empty = match s {
                    2 => (
                        "没有收入记录，Ctrl-N 添加，PgDn 下一步",
                        "No income: Ctrl-N adds, PgDn goes on",
                    ),
                    3 => (
                        "没有刚性支出，Ctrl-N 添加，PgDn 下一步",
                        "No rigid expenditure: Ctrl-N adds, PgDn goes on",
                    ),
                    _ => (
                        "没有登记财产，Ctrl-N 添加，PgDn 下一步",
                        "No assets: Ctrl-N adds, PgDn goes on",
                    ),
                };
                if let Some(t) = self.table(s) {
                    t.draw(frame, inner, cx, items::summary, empty);
                }
            }
            5 => draw_grid(frame, inner, cx, &self.needs, true, 2),
            OBLIGORS => self.obligors.draw(
                frame,
                inner,
                cx,
                obligors::summary,
                (
                    "没有登记户外的法定赡养、抚养、扶养义务人；有请 Ctrl-N 添加，没有请 PgDn",
                    "No legal obligors recorded: Ctrl-N adds one, PgDn goes on",
                ),
            ),
            _ => frame.render_widget(Paragraph::new(self.confirm_lines(cx)), inner),
        }
        let info = match self.step {
            1 => self
                .members
                .current()
                .and_then(|r| members::derived(r, self.today, cx.lang)),
            _ => None,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(info.unwrap_or_default(), cx.theme.ok())),
            derived,
        );
        frame.render_widget(Paragraph::new(note), complaint);
    }

    fn step_bar(&self, cx: &DrawCx) -> Line<'static> {
        let mut spans = vec![Span::raw(" ")];
        for (i, (zh, en)) in STEPS.iter().enumerate() {
            if i > 0 {
                spans.push(Span::styled(">", cx.theme.dim()));
            }
            let text = format!("{}{}", i + 1, cx.lang.t(zh, en));
            let style = if i == self.step {
                cx.theme.selected()
            } else {
                cx.theme.label()
            };
            spans.push(Span::styled(text, style));
        }
        Line::from(spans)
    }

    fn confirm_lines(&self, cx: &DrawCx) -> Vec<Line<'static>> {
        let l = cx.lang;
        let app = self.application();
        let h = &app.household;
        let n = h.members.len().max(1) as i64;
        let income = h.annual_income();
        let assets: Money = h.assets.iter().map(|a| a.value).sum();
        let needs: Vec<&str> = h.needs.iter().map(|x| l.of(x)).collect();
        let yuan = |m: Money| format!("{m} {}", l.t("元", "yuan"));
        let mut out = Vec::new();
        if !self.relatives.is_empty() {
            out.push(Line::from(Span::styled(
                l.t(
                    "※ 近亲属备案：申请人是登记的工作人员近亲属，提交后将标记，须完整入户调查并经区级核查",
                    "※ Relative of staff: the case will be flagged; a full home visit and a district check are required",
                )
                .to_string(),
                cx.theme.warn(),
            )));
            for m in &self.relatives {
                let text = match l {
                    crate::tui::Lang::Zh => m.zh(),
                    crate::tui::Lang::En => m.en(),
                };
                out.push(Line::from(Span::styled(
                    format!("  {text}"),
                    cx.theme.notice(),
                )));
            }
        }
        out.extend(vec![
            field(cx, l.t("户主", "Head"), h.head_name().to_string()),
            field(
                cx,
                l.t("镇街 / 村", "Town / village"),
                format!("{} {}", l.of(&h.town), h.village),
            ),
            field(cx, l.t("地址", "Address"), h.address.clone()),
            field(cx, l.t("城乡", "Area"), l.of(&h.area)),
            field(cx, l.t("来源", "Channel"), l.of(&app.channel)),
            field(
                cx,
                l.t("申请日期", "Applied on"),
                app.applied_on.to_string(),
            ),
            field(cx, l.t("人口", "Members"), h.members.len().to_string()),
            field(cx, l.t("家庭年收入", "Annual income"), yuan(income)),
            field(
                cx,
                l.t("人均月收入", "Per person/month"),
                yuan(income.div_round(12 * n)),
            ),
            field(
                cx,
                l.t("刚性支出/年", "Rigid spend/yr"),
                yuan(h.annual_rigid_expense()),
            ),
            field(cx, l.t("财产合计", "Assets"), yuan(assets)),
            field(
                cx,
                l.t("需求", "Needs"),
                if needs.is_empty() {
                    "—".to_string()
                } else {
                    needs.join("、")
                },
            ),
            field(
                cx,
                l.t("法定义务人", "Obligors"),
                if h.obligors.is_empty() {
                    "—".to_string()
                } else {
                    h.obligors
                        .iter()
                        .map(|o| match l {
                            crate::tui::Lang::Zh => o.label_zh(),
                            crate::tui::Lang::En => o.label_en(),
                        })
                        .collect::<Vec<_>>()
                        .join("、")
                },
            ),
            Line::from(""),
            Line::from(Span::styled(
                l.t(
                    "Enter 提交申请 · PgUp 返回修改 · Ctrl-S 存草稿",
                    "Enter submits · PgUp goes back to edit · Ctrl-S saves the draft",
                )
                .to_string(),
                cx.theme.key(),
            )),
        ]);
        out
    }
}
