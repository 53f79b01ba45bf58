//! Home: caseload, stages, categories, monitoring indicators, caseload by town as a bar
//! chart, and the cases that are overdue or due within three working days (selectable).

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph};
use ratatui::Frame;

use super::{move_selection, open_case, Outcome};
use crate::app::dashboard::{self, Dashboard};
use crate::domain::case::Stage;
use crate::domain::case_row::CaseRow;
use crate::domain::category::Category;
use crate::domain::town::Town;
use crate::tui::action::Action;
use crate::tui::widgets::{pad_to, right};
use crate::tui::{Cx, Lang};

pub struct DashboardScreen {
    data: Option<Dashboard>,
    selected: usize,
    pub error: Option<String>,
}

impl DashboardScreen {
    pub fn new(cx: &Cx) -> DashboardScreen {
        let mut s = DashboardScreen {
            data: None,
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn refresh(&mut self, cx: &Cx) {
        match dashboard::dashboard(cx.services, cx.actor) {
            Ok(d) => {
                self.data = Some(d);
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.rows().len().saturating_sub(1));
    }

    /// Overdue cases first, then those due soon.
    fn rows(&self) -> Vec<&CaseRow> {
        self.data
            .as_ref()
            .map(|d| d.overdue_rows.iter().chain(&d.due_rows).collect())
            .unwrap_or_default()
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match action {
            Action::Quit => Outcome::Quit,
            Action::Back => Outcome::Quit,
            Action::NewApplication | Action::Drafts => super::intake::open(action, cx),
            Action::AuditTrail => Outcome::Push(Box::new(super::Screen::Audit(
                super::audit::AuditScreen::new(cx),
            ))),
            Action::Standards => Outcome::Push(Box::new(super::Screen::Standards(
                super::standards::StandardsScreen::new(cx),
            ))),
            Action::Cases => Outcome::Push(Box::new(super::Screen::CaseList(
                super::case_list::CaseListScreen::new(cx, Default::default()),
            ))),
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.rows().get(self.selected) {
                Some(row) => open_case(cx, row.case),
                None => Outcome::Status(
                    cx.lang
                        .t("没有逾期或即将到期的案件", "No case is overdue or due soon")
                        .into(),
                ),
            },
            other => {
                let len = self.rows().len();
                move_selection(&mut self.selected, len, other, 5);
                Outcome::Stay
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let Some(d) = &self.data else {
            return;
        };
        let [top, bottom] =
            Layout::vertical([Constraint::Length(11), Constraint::Min(0)]).areas(area);
        let [overview, stages, categories] = Layout::horizontal([
            Constraint::Length(26),
            Constraint::Length(26),
            Constraint::Min(0),
        ])
        .areas(top);
        let [towns, due] =
            Layout::horizontal([Constraint::Length(36), Constraint::Min(0)]).areas(bottom);
        draw_overview(frame, overview, cx, d);
        draw_stages(frame, stages, cx, d);
        draw_categories(frame, categories, cx, d);
        draw_towns(frame, towns, cx, d);
        self.draw_due(frame, due, cx, d);
    }

    fn draw_due(&self, frame: &mut Frame, area: Rect, cx: &Cx, d: &Dashboard) {
        let lang = cx.lang;
        let title = format!(
            " {} {} · {} {} ",
            lang.t("逾期", "overdue"),
            d.overdue,
            lang.t("3个工作日内到期", "due in 3 days"),
            d.due_soon
        );
        let block = cx.theme.block(&title);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let rows = self.rows();
        let height = usize::from(inner.height);
        let first = self.selected.saturating_sub(height.saturating_sub(1));
        let width = usize::from(inner.width);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, r)| {
                let overdue = r.deadline.is_some_and(|x| x.date < d.today);
                let deadline = r
                    .deadline
                    .map(|x| x.date.format("%m-%d").to_string())
                    .unwrap_or_default();
                let number = r
                    .number
                    .map(|n| format!("{}-{:06}", n.year, n.seq))
                    .unwrap_or_else(|| r.label());
                let text = format!(
                    "{} {} {} {}",
                    pad_to(&number, 11),
                    pad_to(&r.head, 8),
                    deadline,
                    lang.of(&r.stage)
                );
                let marker = if i == self.selected { ">" } else { " " };
                let style = if i == self.selected {
                    cx.theme.selected()
                } else if overdue {
                    cx.theme.warn()
                } else {
                    cx.theme.notice()
                };
                Line::from(Span::styled(
                    pad_to(&format!("{marker}{text}"), width),
                    style,
                ))
            })
            .collect();
        if lines.is_empty() {
            let msg = lang.t("没有逾期或即将到期的案件", "Nothing overdue or due soon");
            frame.render_widget(Paragraph::new(msg).style(cx.theme.ok()), inner);
        } else {
            frame.render_widget(Paragraph::new(lines), inner);
        }
    }
}

fn say(lang: Lang, e: &crate::app::AppError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

fn figure<'a>(cx: &Cx, label: &str, value: String, width: usize) -> Line<'a> {
    let label_w = width.saturating_sub(10);
    Line::from(vec![
        Span::styled(pad_to(label, label_w), cx.theme.label()),
        Span::styled(right(&value, width - label_w), cx.theme.value()),
    ])
}

fn thousands(n: i64) -> String {
    let grouped = crate::domain::money::group_thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

fn draw_overview(frame: &mut Frame, area: Rect, cx: &Cx, d: &Dashboard) {
    let lang = cx.lang;
    let f = &d.figures;
    let w = usize::from(area.width.saturating_sub(2));
    let lines = vec![
        figure(cx, lang.t("户数", "households"), thousands(f.households), w),
        figure(cx, lang.t("人数", "persons"), thousands(f.persons), w),
        figure(
            cx,
            lang.t("低收入人口户", "low-income hh"),
            thousands(f.low_income()),
            w,
        ),
        figure(
            cx,
            lang.t("防返贫监测户", "relapse watch"),
            thousands(f.relapse_watch),
            w,
        ),
        figure(
            cx,
            lang.t("在办案件", "open cases"),
            thousands(f.open_cases()),
            w,
        ),
        figure(
            cx,
            lang.t("逾期案件", "overdue"),
            thousands(d.overdue as i64),
            w,
        ),
        figure(
            cx,
            lang.t("3个工作日内到期", "due in 3 days"),
            thousands(d.due_soon as i64),
            w,
        ),
    ];
    let title = match d.scope {
        Some(t) => format!(" {} ", lang.of(&t)),
        None => format!(" {} ", lang.t("全区", "District")),
    };
    frame.render_widget(Paragraph::new(lines).block(cx.theme.block(&title)), area);
}

fn draw_stages(frame: &mut Frame, area: Rect, cx: &Cx, d: &Dashboard) {
    let w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = Stage::ALL
        .iter()
        .map(|s| figure(cx, cx.lang.of(s), thousands(d.figures.stage(*s)), w))
        .collect();
    let title = format!(" {} ", cx.lang.t("案件阶段", "Cases by stage"));
    frame.render_widget(Paragraph::new(lines).block(cx.theme.block(&title)), area);
}

fn draw_categories(frame: &mut Frame, area: Rect, cx: &Cx, d: &Dashboard) {
    let lang = cx.lang;
    let f = &d.figures;
    let w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Category::ALL
        .iter()
        .map(|c| figure(cx, lang.of(c), thousands(f.category(*c)), w))
        .collect();
    let indicators = [
        (lang.t("住房不安全", "unsafe housing"), f.unsafe_housing),
        (lang.t("饮水不安全", "unsafe water"), f.unsafe_water),
        (
            lang.t("含无劳力成员", "no labour capacity"),
            f.no_labour_capacity,
        ),
        (
            lang.t("含重病重残成员", "serious illness/disab."),
            f.serious_illness_or_disability,
        ),
    ];
    for (label, n) in indicators {
        lines.push(figure(cx, label, thousands(n), w));
    }
    let title = format!(
        " {} ",
        lang.t("认定类别 · 监测指标", "Categories · indicators")
    );
    frame.render_widget(Paragraph::new(lines).block(cx.theme.block(&title)), area);
}

/// Short town name for chart labels: 城关街道 → 城关.
pub fn short_town(lang: Lang, t: Town) -> String {
    let name = lang.of(&t);
    match lang {
        Lang::Zh => name
            .trim_end_matches("街道")
            .trim_end_matches('镇')
            .to_string(),
        Lang::En => name.trim_end_matches(" St.").to_string(),
    }
}

fn draw_towns(frame: &mut Frame, area: Rect, cx: &Cx, d: &Dashboard) {
    let lang = cx.lang;
    let label_w = if lang == Lang::Zh { 6 } else { 10 };
    let bars: Vec<Bar> = d
        .by_town
        .iter()
        .map(|(t, f)| {
            let n = f.open_cases().max(0) as u64;
            Bar::default()
                .label(Line::from(pad_to(&short_town(lang, *t), label_w)))
                .value(n)
                .text_value(thousands(n as i64))
        })
        .collect();
    let title = format!(" {} ", lang.t("各镇街在办案件", "Open cases by town"));
    let chart = BarChart::horizontal(bars)
        .block(cx.theme.block(&title))
        .bar_width(1)
        .bar_gap(0)
        .bar_set(cx.theme.bar_set())
        .bar_style(cx.theme.title())
        .value_style(cx.theme.selected());
    frame.render_widget(chart, area);
}
