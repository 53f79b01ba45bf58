//! The case list: newest first, filtered by stage and town, paged from the list index.
//! Only the rows around the selection are read; the total comes from the counters.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{move_selection, open_case, Outcome};
use crate::app::cases;
use crate::domain::case::Stage;
use crate::domain::case_row::CaseRow;
use crate::domain::town::Town;
use crate::store::CaseFilter;
use crate::tui::action::Action;
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

/// Rows read per window.
const WINDOW: usize = 100;

pub struct CaseListScreen {
    filter: CaseFilter,
    total: usize,
    selected: usize,
    window_start: usize,
    rows: Vec<CaseRow>,
    page: usize,
    pub error: Option<String>,
}

/// Cycle `None → first → … → last → None`.
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => {
            let i = all.iter().position(|x| *x == c).map_or(0, |i| i + 1);
            all.get(i).copied()
        }
    }
}

impl CaseListScreen {
    pub fn new(cx: &Cx, filter: CaseFilter) -> CaseListScreen {
        let mut s = CaseListScreen {
            filter,
            total: 0,
            selected: 0,
            window_start: 0,
            rows: Vec::new(),
            page: 18,
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.selected
            .checked_sub(self.window_start)
            .and_then(|i| self.rows.get(i))
    }

    pub fn total(&self) -> usize {
        self.total
    }

    pub fn refresh(&mut self, cx: &Cx) {
        let total = cases::count(cx.services, cx.actor, self.filter);
        match total {
            Ok(n) => self.total = n.max(0) as usize,
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.window_start = self.selected - self.selected % WINDOW;
        self.load(cx);
    }

    fn load(&mut self, cx: &Cx) {
        match cases::list(
            cx.services,
            cx.actor,
            self.filter,
            self.window_start,
            WINDOW,
        ) {
            Ok(rows) => {
                self.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Dashboard => Outcome::Home,
            Action::NewApplication | Action::Drafts => super::intake::open(action, cx),
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::FilterStage => {
                self.filter.stage = cycle(self.filter.stage, Stage::ALL);
                self.selected = 0;
                self.refresh(cx);
                Outcome::Stay
            }
            Action::FilterTown if cx.actor.town.is_some() => Outcome::Status(
                cx.lang
                    .t("您只能查看本镇街的案件", "You see your own town only")
                    .into(),
            ),
            Action::FilterTown => {
                self.filter.town = cycle(self.filter.town, Town::ALL);
                self.selected = 0;
                self.refresh(cx);
                Outcome::Stay
            }
            Action::ClearFilters => {
                self.filter = CaseFilter::default();
                self.selected = 0;
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.selected_row() {
                Some(row) => open_case(cx, row.case),
                None => Outcome::Status(cx.lang.t("没有案件", "No case here").into()),
            },
            other => {
                if move_selection(&mut self.selected, self.total, other, self.page) {
                    let start = self.selected - self.selected % WINDOW;
                    if start != self.window_start {
                        self.window_start = start;
                        self.load(cx);
                    }
                }
                Outcome::Stay
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let lang = cx.lang;
        let [bar, head, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let all = lang.t("全部", "all");
        let stage = self.filter.stage.map_or(all, |s| lang.of(&s));
        let town = cx
            .actor
            .town
            .or(self.filter.town)
            .map_or(all, |t| lang.of(&t));
        let filter_line = Line::from(vec![
            Span::styled(format!(" {}:", lang.t("阶段", "stage")), cx.theme.label()),
            Span::styled(format!("{stage} "), cx.theme.value()),
            Span::styled(format!(" {}:", lang.t("镇街", "town")), cx.theme.label()),
            Span::styled(format!("{town} "), cx.theme.value()),
            Span::styled(
                format!(
                    " {} {} {}",
                    lang.t("共", "total"),
                    self.total,
                    lang.t("件", "cases")
                ),
                cx.theme.label(),
            ),
        ]);
        frame.render_widget(Paragraph::new(filter_line), bar);
        frame.render_widget(
            Paragraph::new(row_text(
                lang,
                &[
                    lang.t("案件编号", "case no."),
                    lang.t("户主", "head"),
                    lang.t("身份证号", "ID number"),
                    lang.t("镇街", "town"),
                    lang.t("阶段", "stage"),
                    lang.t("期限", "deadline"),
                ],
            ))
            .style(cx.theme.title()),
            head,
        );
        self.page = usize::from(list.height).max(1);
        let height = self.page;
        // Keep the selection on screen, scrolling with it.
        let first = (self.selected / height) * height;
        let mut lines = Vec::with_capacity(height);
        for i in first..(first + height).min(self.total) {
            let Some(r) = i
                .checked_sub(self.window_start)
                .and_then(|j| self.rows.get(j))
            else {
                break;
            };
            let deadline = r
                .deadline
                .filter(|_| r.stage.clock_runs())
                .map(|d| d.date.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            let town = super::dashboard::short_town(lang, r.town);
            let text = row_text(
                lang,
                &[
                    &r.label(),
                    &r.head,
                    &r.head_id_masked,
                    &town,
                    lang.of(&r.stage),
                    &deadline,
                ],
            );
            let style = if i == self.selected {
                cx.theme.selected()
            } else {
                ratatui::style::Style::default()
            };
            let marker = if i == self.selected { ">" } else { " " };
            lines.push(Line::from(Span::styled(format!("{marker}{text}"), style)));
        }
        if lines.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.t(" 没有符合条件的案件", " No case matches"),
                cx.theme.dim(),
            )));
        }
        frame.render_widget(Paragraph::new(lines), list);
    }
}

/// Column widths: case no., head, ID, town, stage, deadline = 79 columns.
const COLUMNS: [usize; 6] = [19, 9, 19, 9, 11, 10];

fn row_text(_lang: Lang, cells: &[&str]) -> String {
    cells
        .iter()
        .zip(COLUMNS)
        .map(|(c, w)| pad_to(c, w))
        .collect::<Vec<_>>()
        .join("")
}

fn say(lang: Lang, e: &crate::app::AppError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}
