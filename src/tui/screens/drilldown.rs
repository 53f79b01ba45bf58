//! The list behind a dashboard figure: the households of a category or monitoring
//! indicator (from the figure index), or a town's open cases (from the list index).
//! Paged like the case list; the total is the dashboard's own counter, so the figure and
//! its list agree. Enter opens the case, Esc goes back.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{move_selection, open_case, Outcome, Screen};
pub use crate::app::drilldown::Source;
use crate::app::drilldown::{count, rows};
use crate::domain::case_row::CaseRow;
use crate::tui::action::Action;
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

/// Rows read per window.
const WINDOW: usize = 100;

pub struct DrilldownScreen {
    source: Source,
    total: usize,
    selected: usize,
    window_start: usize,
    rows: Vec<CaseRow>,
    page: usize,
    pub error: Option<String>,
}

/// Push the list for `source`.
pub fn open(cx: &Cx, source: Source) -> Outcome {
    let s = DrilldownScreen::new(cx, source);
    Outcome::Push(Box::new(Screen::Drilldown(s)))
}

fn say(lang: Lang, e: &crate::app::AppError) -> String {
    match lang {
        Lang::Zh => e.zh(),
        Lang::En => e.to_string(),
    }
}

impl DrilldownScreen {
    pub fn new(cx: &Cx, source: Source) -> DrilldownScreen {
        let mut s = DrilldownScreen {
            source,
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

    pub fn source(&self) -> Source {
        self.source
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// The rows read so far (the current window).
    pub fn rows(&self) -> &[CaseRow] {
        &self.rows
    }

    pub fn title(&self, cx: &Cx) -> String {
        title(self.source, cx.lang)
    }

    pub fn refresh(&mut self, cx: &Cx) {
        match count(cx.services, cx.actor, self.source) {
            Ok(n) => self.total = n.max(0) as usize,
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.total.saturating_sub(1));
        self.window_start = self.selected - self.selected % WINDOW;
        self.load(cx);
    }

    fn load(&mut self, cx: &Cx) {
        match rows(
            cx.services,
            cx.actor,
            self.source,
            self.window_start,
            WINDOW,
        ) {
            Ok(r) => {
                self.rows = r;
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self
                .selected
                .checked_sub(self.window_start)
                .and_then(|i| self.rows.get(i))
            {
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
        let scope = cx
            .actor
            .town
            .map_or(lang.t("全区", "district"), |t| lang.of(&t));
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {} ", title(self.source, lang)), cx.theme.value()),
                Span::styled(
                    format!(
                        " {scope} · {} {} {}",
                        lang.t("共", "total"),
                        self.total,
                        unit(self.source, lang)
                    ),
                    cx.theme.label(),
                ),
            ])),
            bar,
        );
        let header = row_text(&[
            lang.t("案件编号", "case no."),
            lang.t("户主", "head"),
            lang.t("身份证号", "ID number"),
            lang.t("村/社区", "village"),
            lang.t("阶段", "stage"),
            lang.t("人数", "size"),
        ]);
        frame.render_widget(Paragraph::new(header).style(cx.theme.title()), head);
        self.page = usize::from(list.height).max(1);
        let first = (self.selected / self.page) * self.page;
        let mut lines = Vec::with_capacity(self.page);
        for i in first..(first + self.page).min(self.total) {
            let Some(r) = i
                .checked_sub(self.window_start)
                .and_then(|j| self.rows.get(j))
            else {
                break;
            };
            let text = row_text(&[
                &r.label(),
                &r.head,
                &r.head_id_masked,
                &r.village,
                lang.of(&r.stage),
                &r.size.to_string(),
            ]);
            let (marker, style) = if i == self.selected {
                (">", cx.theme.selected())
            } else {
                (" ", ratatui::style::Style::default())
            };
            lines.push(Line::from(Span::styled(format!("{marker}{text}"), style)));
        }
        if lines.is_empty() {
            lines.push(Line::from(Span::styled(
                lang.t(" 没有符合条件的户", " No household here"),
                cx.theme.dim(),
            )));
        }
        frame.render_widget(Paragraph::new(lines), list);
    }
}

fn title(source: Source, lang: Lang) -> String {
    match source {
        Source::Figure(f) => lang.of(&f).to_string(),
        Source::OpenCases(t) => format!("{} · {}", lang.of(&t), lang.t("在办案件", "open cases")),
    }
}

fn unit(source: Source, lang: Lang) -> &'static str {
    match source {
        Source::Figure(_) => lang.t("户", "households"),
        Source::OpenCases(_) => lang.t("件", "cases"),
    }
}

/// Column widths: case no., head, ID, village, stage, size = 79 columns.
const COLUMNS: [usize; 6] = [19, 9, 19, 13, 11, 4];

fn row_text(cells: &[&str]) -> String {
    cells
        .iter()
        .zip(COLUMNS)
        .map(|(c, w)| pad_to(c, w))
        .collect()
}
