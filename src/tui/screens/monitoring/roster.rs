//! The monitoring roster with filters: town (`t`), group (`s`), indicator (`i`), clear
//! (`x`); Enter opens the household's monitoring visit. Each row says why the household
//! is watched, and when it leaves the roster by itself.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{open_visit, say};
use crate::app::monitoring::{self, Roster, RosterFilter, RosterRow};
use crate::domain::monitoring::{Flag, Group};
use crate::domain::town::Town;
use crate::tui::action::Action;
use crate::tui::screens::dashboard::{town_cell, town_column};
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome};
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};
use unicode_width::UnicodeWidthStr;

pub struct RosterScreen {
    filter: RosterFilter,
    roster: Roster,
    selected: usize,
    pub error: Option<String>,
}

/// The next value of an optional filter: none, then each in turn, then none again.
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current.and_then(|c| all.iter().position(|x| *x == c)) {
        None => all.first().copied(),
        Some(i) => all.get(i + 1).copied(),
    }
}

impl RosterScreen {
    pub fn new(cx: &Cx) -> RosterScreen {
        let mut s = RosterScreen {
            filter: RosterFilter::default(),
            roster: Roster::default(),
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }
}

impl Screen for RosterScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("监测对象", "Monitoring roster").to_string()
    }

    fn context(&self) -> Context {
        Context::Roster
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let before = self.filter;
        match action {
            Action::Back => return Outcome::Pop,
            Action::Refresh => {}
            Action::Open => {
                return match self.roster.rows.get(self.selected) {
                    Some(r) => open_visit(cx, r.household),
                    None => Outcome::Stay,
                }
            }
            Action::FilterTown if cx.actor.town.is_none() => {
                self.filter.town = cycle(self.filter.town, Town::ALL);
            }
            Action::FilterGroup => self.filter.group = cycle(self.filter.group, Group::ALL),
            Action::FilterIndicator => self.filter.flag = cycle(self.filter.flag, Flag::ALL),
            Action::ClearFilters => self.filter = RosterFilter::default(),
            other => {
                move_selection(&mut self.selected, self.roster.rows.len(), other, 10);
                return Outcome::Stay;
            }
        }
        if self.filter != before {
            self.selected = 0;
        }
        self.refresh(cx);
        Outcome::Stay
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(2),
        ])
        .areas(area);
        let all = lang.t("全部", "all");
        let town = self.filter.town.or(cx.actor.town);
        // Columns two blanks apart in Chinese, one in English (its reasons are longer).
        let sep = lang.t("  ", " ");
        let head = vec![
            Line::from(vec![
                Span::styled(
                    format!(
                        " {} {} {} ",
                        lang.t("监测对象", "On the roster:"),
                        self.roster.rows.len(),
                        lang.t("户", "households")
                    ),
                    cx.theme.title(),
                ),
                Span::styled(
                    format!(
                        " {} {} · {} {} · {} {}",
                        lang.t("镇街", "town"),
                        town.map_or(all, |t| lang.of(&t)),
                        lang.t("类别", "group"),
                        self.filter.group.map_or(all, |g| lang.of(&g)),
                        lang.t("指标", "indicator"),
                        self.filter.flag.map_or(all, |f| lang.of(&f)),
                    ),
                    cx.theme.label(),
                ),
            ]),
            Line::from(Span::styled(
                format!(
                    " {}{sep}{}{sep}{}{sep}{}{sep}{}",
                    pad_to(lang.t("户主", "head"), 8),
                    pad_to(lang.t("村（社区）", "village"), 10),
                    pad_to(lang.t("镇街", "town"), town_column(lang)),
                    pad_to(lang.t("监测原因", "why watched"), why_column(lang)),
                    lang.t("指标", "indicators"),
                ),
                cx.theme.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(head), top);
        let width = usize::from(list.width);
        let row = |r: &RosterRow| {
            let lead = format!(
                "{}{sep}{}{sep}{}{sep}{}{sep}",
                pad_to(&r.head, 8),
                pad_to(&r.village, 10),
                town_cell(lang, r.town),
                pad_to(&why(lang, r), why_column(lang)),
            );
            // The marker column comes before the row's text.
            let room = width.saturating_sub(lead.width() + 1);
            let style = if r.flags.contains(&Flag::BelowLine) {
                cx.theme.notice()
            } else {
                ratatui::style::Style::default()
            };
            ListLine::new(format!("{lead}{}", flags(lang, r, room)), style)
        };
        draw_list(frame, list, cx, &self.roster.rows, self.selected, row, None);
        let mut info = Vec::new();
        if let Some(r) = self.roster.rows.get(self.selected) {
            let groups: Vec<&str> = r.groups.iter().map(|g| lang.of(g)).collect();
            info.push(Line::from(Span::styled(
                pad_to(&format!(" {}", groups.join(lang.t("、", ", "))), width),
                cx.theme.value(),
            )));
            info.push(Line::from(Span::styled(dates(lang, r), cx.theme.notice())));
        }
        if let Some((zh, en)) = &self.roster.warning {
            info.push(Line::from(Span::styled(
                format!(" {}", lang.t(zh, en)),
                cx.theme.warn(),
            )));
        }
        frame.render_widget(Paragraph::new(info), bottom);
    }

    fn refresh(&mut self, cx: &Cx) {
        match monitoring::roster(cx.services, cx.actor, self.filter) {
            Ok(r) => {
                self.roster = r;
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.roster.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// The category if confirmed, else the first reason it is watched.
/// The "why watched" column: 8 characters in Chinese; in English the longest reason
/// whole ("left support < 2 years", `Group::Exited`), the columns one blank apart.
fn why_column(lang: Lang) -> usize {
    match lang {
        Lang::Zh => 16,
        Lang::En => 22,
    }
}

fn why(lang: Lang, r: &RosterRow) -> String {
    match (r.category, r.groups.first()) {
        (Some(c), _) => lang.of(&c).to_string(),
        (None, Some(g)) => lang.of(g).to_string(),
        (None, None) => String::new(),
    }
}

/// The indicators in `room` columns: whole names, and "+N" for those that do not fit
/// (never a name cut at the edge, "reading o").
fn flags(lang: Lang, r: &RosterRow, room: usize) -> String {
    let names: Vec<&str> = r.flags.iter().map(|f| lang.of(f)).collect();
    let mut shown = String::new();
    for k in (0..=names.len()).rev() {
        shown = names[..k].join(lang.t("·", ", "));
        if k < names.len() {
            let more = format!("+{}", names.len() - k);
            shown = if shown.is_empty() {
                more
            } else {
                format!("{shown} {more}")
            };
        }
        if shown.width() <= room {
            break;
        }
    }
    shown
}

fn dates(lang: Lang, r: &RosterRow) -> String {
    let mut parts = Vec::new();
    if let Some(d) = r.taper_until {
        parts.push(match lang {
            Lang::Zh => format!("渐退期至 {d}"),
            Lang::En => format!("taper until {d}"),
        });
    }
    if let Some(d) = r.leaves_on {
        parts.push(match lang {
            Lang::Zh => format!("{d} 起移出监测"),
            Lang::En => format!("leaves the roster on {d}"),
        });
    }
    match r.last_reading {
        Some(d) => parts.push(match lang {
            Lang::Zh => format!("上次监测 {d}"),
            Lang::En => format!("last reading {d}"),
        }),
        None => parts.push(lang.t("尚无监测记录", "no reading yet").to_string()),
    }
    format!(" {}", parts.join(" · "))
}
