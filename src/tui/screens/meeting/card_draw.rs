//! The summary card: the case and its deadline, the household (head, members, area,
//! per-capita monthly income), the engine's proposal with tags, benefit and explanation
//! in the interface language (↑↓ PgUp PgDn scroll it), and the investigation findings.

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::text_view::TextView;
use ratatui::Frame;

use super::card::CardScreen;
use crate::app::meeting::Card;

use crate::tui::{Cx, Lang};

fn pair(cx: &DrawCx, label: &str, value: String) -> Vec<Span<'static>> {
    vec![
        Span::styled(format!("{label} "), cx.theme.label()),
        Span::styled(format!("{value}  "), cx.theme.value()),
    ]
}

fn case_line(cx: &DrawCx, card: &Card) -> Line<'static> {
    let l = cx.lang;
    let c = &card.detail.case;
    let mut spans = pair(
        cx,
        l.t("案件", "Case"),
        c.number.map_or(format!("#{}", c.id.0), |n| n.to_string()),
    );
    spans.extend(pair(
        cx,
        l.t("村", "Village"),
        card.detail.household.village.clone(),
    ));
    if let Some(d) = c.deadline {
        spans.extend(pair(cx, l.t("期限", "Due"), d.date.to_string()));
    }
    if let Some(left) = card.detail.days_left {
        let (text, style) = if left < 0 {
            (
                format!(
                    "{} {} {}",
                    l.t("已逾期", "overdue by"),
                    left.unsigned_abs(),
                    l.t("个工作日", "working days")
                ),
                cx.theme.warn(),
            )
        } else {
            (
                format!(
                    "{}{} {}",
                    l.t("剩余 ", ""),
                    left,
                    l.t("个工作日", "working days left")
                ),
                cx.theme.ok(),
            )
        };
        spans.push(Span::styled(text, style));
    }
    Line::from(spans)
}

fn household_line(cx: &DrawCx, card: &Card) -> Line<'static> {
    let l = cx.lang;
    let h = &card.detail.household;
    let mut spans = pair(cx, l.t("户主", "Head"), h.head_name().to_string());
    spans.extend(pair(
        cx,
        l.t("人口", "Members"),
        h.members.len().to_string(),
    ));
    spans.extend(pair(cx, l.t("户籍", "Area"), l.of(&h.area).to_string()));
    if let Ok(p) = &card.proposal {
        spans.extend(pair(
            cx,
            l.t("人均月收入", "Per capita/month"),
            format!("{} {}", p.figures.per_capita_monthly, l.t("元", "yuan")),
        ));
    }
    Line::from(spans)
}

fn proposal_lines(cx: &DrawCx, card: &Card) -> (Line<'static>, Vec<String>) {
    let l = cx.lang;
    match &card.proposal {
        Err((zh, en)) => (
            Line::styled(
                format!("{}{}", l.t("系统建议：", "Proposal: "), l.t(zh, en)),
                cx.theme.warn(),
            ),
            Vec::new(),
        ),
        Ok(p) => {
            let mut head = p.category.map_or(
                l.t("不属于低收入人口", "not low-income").to_string(),
                |c| l.of(&c).to_string(),
            );
            for t in &p.tags {
                head.push_str(&format!(" · {}", l.of(t)));
            }
            let mut spans = vec![
                Span::styled(l.t("系统建议 ", "Proposal ").to_string(), cx.theme.label()),
                Span::styled(format!("{head}  "), cx.theme.title()),
            ];
            spans.extend(pair(
                cx,
                l.t("月保障金", "Monthly benefit"),
                format!("{} {}", p.benefit.total(), l.t("元", "yuan")),
            ));
            let lines = match cx.lang {
                Lang::Zh => p.explanation_zh(),
                Lang::En => p.explanation_en(),
            };
            (Line::from(spans), lines)
        }
    }
}

fn investigation_lines(cx: &DrawCx, card: &Card) -> Vec<Line<'static>> {
    let l = cx.lang;
    let Some(inv) = &card.detail.case.investigation else {
        return vec![Line::styled(
            l.t("调查核实：无记录", "Investigation: none recorded"),
            cx.theme.warn(),
        )];
    };
    let mut head = pair(
        cx,
        l.t("入户调查", "Home visit"),
        inv.visit_date.to_string(),
    );
    head.extend(pair(
        cx,
        l.t("调查人", "By"),
        inv.investigators.join(l.t("、", ", ")),
    ));
    if !inv.mismatches.is_empty() {
        let sources: Vec<&str> = inv.mismatches.iter().map(|m| l.of(&m.source)).collect();
        head.push(Span::styled(
            format!(
                "{}{}",
                l.t("核对差异：", "Mismatches: "),
                sources.join(l.t("、", ", "))
            ),
            cx.theme.warn(),
        ));
    }
    vec![
        Line::from(head),
        Line::from(format!(
            "{}{}",
            l.t("调查情况：", "Findings: "),
            inv.findings
        )),
    ]
}

fn bottom_line(cx: &DrawCx, s: &CardScreen) -> Line<'static> {
    let l = cx.lang;
    let decided = s.meeting.decisions.len();
    let skipped = s.done.len().saturating_sub(decided);
    let left = s.agenda.len().saturating_sub(s.done.len());
    Line::styled(
        format!(
            "{} {decided}  {} {skipped}  {} {left}",
            l.t("已决定", "decided"),
            l.t("跳过", "skipped"),
            l.t("待审", "to go"),
        ),
        cx.theme.dim(),
    )
}

/// The explanation of the card's proposal, for the text view.
pub fn explanation(cx: &Cx, card: &Card) -> TextView {
    let (_, explanation) = proposal_lines(cx, card);
    let mut lines = vec![Line::styled(
        cx.lang.t(
            "测算说明（↑↓ PgUp PgDn 翻看）",
            "Explanation (↑↓ PgUp PgDn)",
        ),
        cx.theme.dim(),
    )];
    lines.extend(
        explanation
            .into_iter()
            .map(|t| Line::from(format!("  {t}"))),
    );
    TextView::new(lines).with_indent(4)
}

pub fn draw(s: &CardScreen, frame: &mut Frame, area: Rect, cx: &DrawCx) {
    let [top, expl, inv, bottom] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(3),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(bottom_line(cx, s)), bottom);
    let Some(card) = &s.card else {
        let text = match &s.error {
            Some(e) => Line::styled(e.clone(), cx.theme.warn()),
            None => Line::from(cx.lang.t(
                "议程已审议完毕（或无待审案件）。按 e 结束会议并生成纪要。",
                "Nothing left on the agenda. Press e to end the meeting and see the minute.",
            )),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), top);
        return;
    };
    let (proposal, _) = proposal_lines(cx, card);
    frame.render_widget(
        Paragraph::new(vec![
            case_line(cx, card),
            household_line(cx, card),
            proposal,
        ]),
        top,
    );
    s.explanation.draw(frame, expl, cx.lang, cx.theme);
    frame.render_widget(
        Paragraph::new(investigation_lines(cx, card)).wrap(Wrap { trim: false }),
        inv,
    );
}
