//! The dashboard's panels, drawn from an immutable `Dashboard` and the selection.
//! At 80x24: a top row of three panels (overview with the monthly sparklines, cases by
//! stage, categories and monitoring indicators) and a bottom row (open cases by town
//! as a bar chart; the standards warning and the overdue / due-soon cases).

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Paragraph, Sparkline};
use ratatui::Frame;

use super::{Focus, Pick};
use crate::app::dashboard::Dashboard;
use crate::domain::case::Stage;
use crate::domain::case_row::CaseRow;
use crate::domain::drilldown::Figure;
use crate::tui::widgets::{pad_to, right};
use crate::tui::Lang;

/// What the panels need to know about the selection.
pub struct Selection {
    pub focus: Focus,
    pub index: usize,
}

impl Selection {
    fn style(&self, cx: &DrawCx, focus: Focus, i: usize, normal: Style) -> (bool, Style) {
        let on = self.focus == focus && self.index == i;
        (on, if on { cx.theme.selected() } else { normal })
    }
}

/// A count in three columns: 999, then 1k, 12k, 99k+.
fn compact(n: i64) -> String {
    match n {
        ..=999 => n.to_string(),
        1000..=99_999 => format!("{}k", n / 1000),
        _ => "99k".to_string(),
    }
}

pub fn thousands(n: i64) -> String {
    let grouped = crate::domain::money::group_thousands(n.unsigned_abs());
    if n < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// `label ....... value`, with a `>` marker and reverse video when selected.
fn figure<'a>(cx: &DrawCx, label: &str, value: String, width: usize, selected: bool) -> Line<'a> {
    // Values up to 7 columns (100,000); labels of 7 Chinese characters fit beside them.
    let label_w = width.saturating_sub(7);
    let marker = if selected { ">" } else { " " };
    let (l, v) = if selected {
        (cx.theme.selected(), cx.theme.selected())
    } else {
        (cx.theme.label(), cx.theme.value())
    };
    Line::from(vec![
        Span::styled(format!("{marker}{}", pad_to(label, label_w - 1)), l),
        Span::styled(right(&value, width - label_w), v),
    ])
}

fn title(cx: &DrawCx, text: &str, focused: bool) -> String {
    let mark = if focused { "▸" } else { "" };
    let mark = if cx.theme.ascii && focused { ">" } else { mark };
    format!(" {mark}{text} ")
}

pub fn overview(frame: &mut Frame, area: Rect, cx: &DrawCx, d: &Dashboard) {
    let lang = cx.lang;
    let f = &d.figures;
    let w = usize::from(area.width.saturating_sub(2));
    let lines = vec![
        figure(
            cx,
            lang.t("户数", "households"),
            thousands(f.households),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("人数", "persons"),
            thousands(f.persons),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("低收入人口户", "low-income hh"),
            thousands(f.low_income()),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("防返贫监测户", "relapse watch"),
            thousands(f.relapse_watch),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("在办案件", "open cases"),
            thousands(f.open_cases()),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("逾期案件", "overdue"),
            thousands(d.overdue as i64),
            w,
            false,
        ),
        figure(
            cx,
            lang.t("3个工作日内到期", "due in 3 days"),
            thousands(d.due_soon as i64),
            w,
            false,
        ),
    ];
    let name = match d.scope {
        Some(t) => lang.of(&t).to_string(),
        None => lang.t("全区", "District").to_string(),
    };
    let title = format!(" {name} ");
    let block = cx.theme.block(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let n = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), inner);
    // Under the figures: a caption and two sparklines, one column per month, this month
    // last, with this month's figure after each.
    let caption = lang.t(" 近12个月，右端为本月", " 12 months, latest right");
    let rows = [
        (
            lang.t("申请/月", "applied"),
            d.months.iter().map(|m| m.applications).collect::<Vec<_>>(),
        ),
        (
            lang.t("认定/月", "confirm"),
            d.months.iter().map(|m| m.confirmations).collect(),
        ),
    ];
    if n < inner.height {
        frame.render_widget(
            Paragraph::new(Span::styled(caption, cx.theme.dim())),
            Rect::new(inner.x, inner.y + n, inner.width, 1),
        );
    }
    for (i, (label, series)) in rows.iter().enumerate() {
        let y = inner.y + n + 1 + i as u16;
        if y >= inner.y + inner.height {
            break;
        }
        let label_w = 9u16.min(inner.width);
        let last = series.last().copied().unwrap_or(0);
        let value_w = 3u16;
        let spark_w = inner.width.saturating_sub(label_w + value_w);
        // The latest months that fit, one column each.
        let skip = series.len().saturating_sub(usize::from(spark_w));
        let series = &series[skip..];
        frame.render_widget(
            Paragraph::new(Span::styled(
                format!(" {}", pad_to(label, 8)),
                cx.theme.label(),
            )),
            Rect::new(inner.x, y, label_w, 1),
        );
        let data: Vec<u64> = series.iter().map(|v| (*v).max(0) as u64).collect();
        let spark = Sparkline::default()
            .data(&data)
            .bar_set(cx.theme.bar_set())
            .style(cx.theme.title());
        frame.render_widget(spark, Rect::new(inner.x + label_w, y, spark_w, 1));
        frame.render_widget(
            Paragraph::new(Span::styled(right(&compact(last), 3), cx.theme.value())),
            Rect::new(inner.x + label_w + spark_w, y, value_w, 1),
        );
    }
}

pub fn stages(frame: &mut Frame, area: Rect, cx: &DrawCx, d: &Dashboard, sel: &Selection) {
    let w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let on = sel.focus == Focus::Stages && sel.index == i;
            figure(cx, cx.lang.of(s), thousands(d.figures.stage(*s)), w, on)
        })
        .collect();
    let t = title(
        cx,
        cx.lang.t("案件阶段", "Cases by stage"),
        sel.focus == Focus::Stages,
    );
    frame.render_widget(Paragraph::new(lines).block(cx.theme.block(&t)), area);
}

/// The figures of the categories-and-indicators panel, in order.
pub fn figure_list() -> Vec<Figure> {
    let mut out: Vec<Figure> = Figure::ALL[..5].to_vec();
    out.extend(Figure::INDICATORS);
    out
}

pub fn figures(frame: &mut Frame, area: Rect, cx: &DrawCx, d: &Dashboard, sel: &Selection) {
    let lang = cx.lang;
    let w = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line> = figure_list()
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let on = sel.focus == Focus::Figures && sel.index == i;
            let value = if f == Figure::BelowMonitoringLine && !d.monitoring_line_known {
                "?".to_string()
            } else {
                thousands(d.figures.figure(f))
            };
            figure(cx, lang.of(&f), value, w, on)
        })
        .collect();
    let t = title(
        cx,
        lang.t("认定类别 · 监测指标", "Categories · indicators"),
        sel.focus == Focus::Figures,
    );
    frame.render_widget(Paragraph::new(lines).block(cx.theme.block(&t)), area);
}

/// Short town name for chart labels: 城关街道 → 城关.
pub fn short_town(lang: Lang, t: crate::domain::town::Town) -> String {
    let name = lang.of(&t);
    match lang {
        Lang::Zh => name
            .trim_end_matches("街道")
            .trim_end_matches('镇')
            .to_string(),
        Lang::En => name.trim_end_matches(" St.").to_string(),
    }
}

/// The town's short name in at most `width` columns: in English a name longer than that
/// gives its abbreviation ("Jinsuoguan" → "Jinsuo."), never a silent cut.
pub fn town_within(lang: Lang, t: crate::domain::town::Town, width: usize) -> String {
    let short = short_town(lang, t);
    if lang == Lang::En && short.chars().count() > width {
        t.abbreviation_en().to_string()
    } else {
        short
    }
}

/// The width of a narrow town column: 6 in Chinese (城关, 三里洞), 7 in English, where a
/// name longer than that is its marked abbreviation ("Jinsuo.", `Town::abbreviation_en`).
pub fn town_column(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 6,
        Lang::En => 7,
    }
}

/// The town in a narrow column ([`town_column`]), padded to it.
pub fn town_cell(lang: Lang, t: crate::domain::town::Town) -> String {
    let w = town_column(lang);
    pad_to(&town_within(lang, t, w), w)
}

/// Open cases by town: one bar per town; the title sits on the top border only, so nine
/// bars fit in ten rows.
pub fn towns(frame: &mut Frame, area: Rect, cx: &DrawCx, d: &Dashboard, sel: &Selection) {
    let lang = cx.lang;
    let label_w = if lang == Lang::Zh { 6 } else { 10 };
    let bars: Vec<Bar> = d
        .by_town
        .iter()
        .enumerate()
        .map(|(i, (t, f))| {
            let n = f.open_cases().max(0) as u64;
            let (on, style) = sel.style(cx, Focus::Towns, i, cx.theme.title());
            let marker = if on { ">" } else { " " };
            Bar::default()
                .label(Line::from(format!(
                    "{marker}{}",
                    pad_to(&short_town(lang, *t), label_w)
                )))
                .value(n)
                .text_value(thousands(n as i64))
                .style(style)
        })
        .collect();
    let t = title(
        cx,
        lang.t("各镇街在办案件", "Open cases by town"),
        sel.focus == Focus::Towns,
    );
    let block: Block = cx.theme.block(&t).borders(Borders::TOP);
    let chart = BarChart::horizontal(bars)
        .block(block)
        .bar_width(1)
        .bar_gap(0)
        .bar_set(cx.theme.bar_set())
        .bar_style(cx.theme.title())
        .value_style(cx.theme.selected());
    frame.render_widget(chart, area);
}

/// The unconfirmed-standards warning (if any), then overdue and due-soon cases.
pub fn due(
    frame: &mut Frame,
    area: Rect,
    cx: &DrawCx,
    d: &Dashboard,
    rows: &[&CaseRow],
    sel: &Selection,
) {
    let lang = cx.lang;
    let t = title(
        cx,
        &format!(
            "{} {} · {} {}",
            lang.t("逾期", "overdue"),
            d.overdue,
            lang.t("3个工作日内到期", "due in 3 days"),
            d.due_soon
        ),
        sel.focus == Focus::Due,
    );
    let block = cx.theme.block(&t);
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    if !d.unconfirmed.is_empty() && inner.height > 1 {
        let text = match lang {
            Lang::Zh => format!("! {} 项认定标准未经确认（F7/S 查看）", d.unconfirmed.len()),
            Lang::En => format!(
                "! {} standards values unconfirmed (F7/S)",
                d.unconfirmed.len()
            ),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(pad_to(&text, width), cx.theme.warn())),
            Rect::new(inner.x, inner.y, inner.width, 1),
        );
        inner.y += 1;
        inner.height -= 1;
    }
    let height = usize::from(inner.height);
    let selected = if sel.focus == Focus::Due {
        Some(sel.index)
    } else {
        None
    };
    let first = selected
        .unwrap_or(0)
        .saturating_sub(height.saturating_sub(1));
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
            let on = selected == Some(i);
            let marker = if on { ">" } else { " " };
            let style = if on {
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

/// What Enter opens for each focus and index.
pub fn pick(d: &Dashboard, rows: &[&CaseRow], focus: Focus, index: usize) -> Option<Pick> {
    match focus {
        Focus::Stages => Stage::ALL.get(index).map(|s| Pick::Stage(*s)),
        Focus::Figures => figure_list().get(index).map(|f| Pick::Figure(*f)),
        Focus::Towns => d.by_town.get(index).map(|(t, _)| Pick::Town(*t)),
        Focus::Due => rows.get(index).map(|r| Pick::Case(r.case)),
    }
}

/// How many selectable items a panel has.
pub fn len(d: &Dashboard, rows: usize, focus: Focus) -> usize {
    match focus {
        Focus::Stages => Stage::ALL.len(),
        Focus::Figures => figure_list().len(),
        Focus::Towns => d.by_town.len(),
        Focus::Due => rows,
    }
}
