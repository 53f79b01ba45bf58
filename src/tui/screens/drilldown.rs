//! The list behind a dashboard figure: the households of a category or monitoring
//! indicator (from the figure index), or a town's open cases (from the list index).
//! Paged like the case list; the total is the dashboard's own counter, so the figure and
//! its list agree. Enter opens the case, Esc goes back.

use crate::tui::keymap::Context;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::paged::{row_text, Paged, WINDOW};
use super::{open_case, Outcome, Screen};
pub use crate::app::drilldown::Source;
use crate::app::drilldown::{count, rows};
use crate::domain::case_row::CaseRow;
use crate::tui::action::Action;
use crate::tui::{Cx, Lang};

pub struct DrilldownScreen {
    source: Source,
    list: Paged,
    pub error: Option<String>,
}

/// Push the list for `source`.
pub fn open(cx: &Cx, source: Source) -> Outcome {
    let s = DrilldownScreen::new(cx, source);
    Outcome::push(s)
}

impl DrilldownScreen {
    pub fn new(cx: &Cx, source: Source) -> DrilldownScreen {
        let mut s = DrilldownScreen {
            source,
            list: Paged::new(),
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn source(&self) -> Source {
        self.source
    }

    pub fn total(&self) -> usize {
        self.list.total
    }

    /// The rows read so far (the current window).
    pub fn rows(&self) -> &[CaseRow] {
        &self.list.rows
    }

    fn load(&mut self, cx: &Cx) {
        match rows(
            cx.services,
            cx.actor,
            self.source,
            self.list.window_start,
            WINDOW,
        ) {
            Ok(r) => {
                self.list.rows = r;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
    }
}

impl Screen for DrilldownScreen {
    fn title(&self, cx: &DrawCx) -> String {
        title(self.source, cx.lang)
    }

    fn context(&self) -> Context {
        Context::Drilldown
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.list.selected_row() {
                Some(row) => open_case(cx, row.case),
                None => Outcome::Status(cx.lang.t("没有案件", "No case here").into()),
            },
            other => {
                if self.list.move_by(other) {
                    self.load(cx);
                }
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
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
                        self.list.total,
                        unit(self.source, lang)
                    ),
                    cx.theme.label(),
                ),
            ])),
            bar,
        );
        let header = row_text(
            &[
                lang.t("案件编号", "case no."),
                lang.t("户主", "head"),
                lang.t("身份证号", "ID number"),
                lang.t("村/社区", "village"),
                lang.t("阶段", "stage"),
                lang.t("人数", "size"),
            ],
            &COLUMNS,
        );
        frame.render_widget(Paragraph::new(header).style(cx.theme.title()), head);
        let cells = |r: &CaseRow| {
            row_text(
                &[
                    &r.label(),
                    &r.head,
                    &r.head_id_masked,
                    &r.village,
                    lang.of(&r.stage),
                    &r.size.to_string(),
                ],
                &COLUMNS,
            )
        };
        let empty = lang.t(" 没有符合条件的户", " No household here");
        self.list.draw(frame, list, cx, cells, empty);
    }

    fn refresh(&mut self, cx: &Cx) {
        match count(cx.services, cx.actor, self.source) {
            Ok(n) => self.list.set_total(n.max(0) as usize),
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.load(cx);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
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
