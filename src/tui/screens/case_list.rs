//! The case list: newest first, filtered by stage and town, paged from the list index.
//! Only the rows around the selection are read; the total comes from the counters.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::paged::{row_text, Paged, WINDOW};
use super::{open_case, Outcome};
use crate::app::cases;
use crate::app::cases::CaseFilter;
use crate::domain::case::Stage;
use crate::domain::case_row::CaseRow;
use crate::domain::town::Town;
use crate::domain::Text;
use crate::tui::action::Action;
use crate::tui::{Cx, Lang};

pub struct CaseListScreen {
    filter: CaseFilter,
    list: Paged,
    /// Households with a relative of staff (近亲属备案): marked ※ in the list.
    flagged: std::collections::HashSet<crate::domain::household::HouseholdId>,
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
            list: Paged::new(),
            flagged: Default::default(),
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.list.selected_row()
    }

    pub fn total(&self) -> usize {
        self.list.total
    }

    fn load(&mut self, cx: &Cx) {
        let start = self.list.window_start;
        match cases::list(cx.services, cx.actor, self.filter, start, WINDOW) {
            Ok(rows) => {
                self.list.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
    }
}

impl Screen for CaseListScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("案件列表", "Cases").to_string()
    }

    fn context(&self) -> Context {
        Context::CaseList
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
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
                self.list.selected = 0;
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
                self.list.selected = 0;
                self.refresh(cx);
                Outcome::Stay
            }
            Action::ClearFilters => {
                self.filter = CaseFilter::default();
                self.list.selected = 0;
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.selected_row() {
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
                    self.list.total,
                    lang.t("件", "cases")
                ),
                cx.theme.label(),
            ),
        ]);
        frame.render_widget(Paragraph::new(filter_line), bar);
        // One town's or one stage's list: the filter bar names it, and its column's
        // room goes to the other (full town names, "in public notice").
        let layout = Columns::new(
            cx.actor.town.or(self.filter.town).is_some(),
            self.filter.stage.is_some(),
        );
        let headers = [
            lang.text(CASE_NO),
            lang.text(HEAD),
            lang.text(ID_NUMBER),
            lang.text(TOWN),
            lang.text(STAGE),
            lang.text(DEADLINE),
        ];
        frame.render_widget(
            // One column for the selection marker, as the rows have.
            Paragraph::new(" ".to_string() + &layout.row(&headers)).style(cx.theme.title()),
            head,
        );
        let today = cx.today();
        let cells = |r: &CaseRow| {
            let deadline = deadline_cell(lang, r, today);
            let town = super::dashboard::town_within(lang, r.town, layout.widths[3] - 1);
            let stage = stage_within(lang, r.stage, layout.widths[4] - 1);
            let head = if self.flagged.contains(&r.household) {
                format!("{}{}", if cx.theme.ascii { "*" } else { "※" }, r.head)
            } else {
                r.head.clone()
            };
            let label = r.label();
            let cells = [
                label.as_str(),
                head.as_str(),
                r.head_id_masked.as_str(),
                town.as_str(),
                stage,
                deadline.as_str(),
            ];
            layout.row(&cells)
        };
        let empty = lang.t(" 没有符合条件的案件", " No case matches");
        self.list.draw(frame, list, cx, cells, empty);
    }

    fn refresh(&mut self, cx: &Cx) {
        self.flagged =
            crate::app::staff_relatives::flagged_households(cx.services).unwrap_or_default();
        match cases::count(cx.services, cx.actor, self.filter) {
            Ok(n) => self.list.set_total(n.max(0) as usize),
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.load(cx);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// Column widths: case no., head, ID, town, stage, deadline = 79 columns (English
/// "investigating" is 13; a town longer than 7 columns is abbreviated, "Jinsuo.", and
/// "in public notice" reads "in notice").
const COLUMNS: [usize; 6] = [19, 9, 19, 8, 14, 10];

/// The columns shown: the town's and the stage's are left out of a list filtered to one,
/// and their room goes to the other.
struct Columns {
    shown: [bool; 6],
    widths: [usize; 6],
}

impl Columns {
    fn new(one_town: bool, one_stage: bool) -> Columns {
        let mut widths = COLUMNS;
        let shown = [true, true, true, !one_town, !one_stage, true];
        match (one_town, one_stage) {
            (true, false) => widths[4] += widths[3],
            (false, true) => widths[3] += widths[4],
            _ => {}
        }
        Columns { shown, widths }
    }

    fn row(&self, cells: &[&str; 6]) -> String {
        let (cells, widths): (Vec<&str>, Vec<usize>) = (0..6)
            .filter(|i| self.shown[*i])
            .map(|i| (cells[i], self.widths[i]))
            .unzip();
        row_text(&cells, &widths)
    }
}

/// The stage's name in at most `width` columns: English "in public notice" is "in
/// notice" in the all-stages list.
fn stage_within(lang: Lang, stage: Stage, width: usize) -> &'static str {
    let name = lang.of(&stage);
    if lang == Lang::En && stage == Stage::InNotice && name.len() > width {
        "in notice"
    } else {
        name
    }
}

const CASE_NO: Text = Text::new("案件编号", "case no.");
const HEAD: Text = Text::new("户主", "head");
const ID_NUMBER: Text = Text::new("身份证号", "ID number");
const TOWN: Text = Text::new("镇街", "town");
const STAGE: Text = Text::new("阶段", "stage");
const DEADLINE: Text = Text::new("期限", "deadline");

/// The deadline column: the date, or "逾期 03-20" / "late 03-20" once it has passed
/// while the clock runs.
pub fn deadline_cell(lang: Lang, r: &CaseRow, today: chrono::NaiveDate) -> String {
    match r.deadline.filter(|_| r.stage.clock_runs()) {
        None => String::new(),
        Some(d) if d.date < today => {
            format!("{} {}", lang.t("逾期", "late"), d.date.format("%m-%d"))
        }
        Some(d) => d.date.format("%Y-%m-%d").to_string(),
    }
}
