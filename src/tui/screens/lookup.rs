//! Quick lookup, opened from anywhere with `/` or F8: type a name, pinyin initials
//! (`zs`), a resident-ID number or its last 4–6 characters, a case number or a village;
//! the results follow every keystroke, best first. ↑↓ choose, Enter opens the case,
//! Esc closes. ID numbers are masked in the results.

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use std::cell::Cell;

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{move_selection, open_case, Outcome};
use crate::app::lookup::{search, Hit};
use crate::tui::action::Action;
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

/// Results kept per query (more than fit: PgDn scrolls through them).
pub const LIMIT: usize = 50;

pub struct LookupScreen {
    query: String,
    hits: Vec<Hit>,
    selected: usize,
    /// Rows shown in the last frame (a layout memo for PgUp/PgDn, set while drawing).
    page: Cell<usize>,
    pub error: Option<String>,
}

impl LookupScreen {
    pub fn new() -> LookupScreen {
        LookupScreen {
            query: String::new(),
            hits: Vec::new(),
            selected: 0,
            page: Cell::new(15),
            error: None,
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }
}

impl Screen for LookupScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("查找", "Look up").to_string()
    }

    fn context(&self) -> Context {
        Context::Lookup
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Open => match self.hits.get(self.selected) {
                Some(hit) => open_case(cx, hit.row.case),
                None => Outcome::Status(
                    cx.lang
                        .t(
                            "没有找到，请换个写法",
                            "Nothing found; try another spelling",
                        )
                        .into(),
                ),
            },
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            other => {
                move_selection(&mut self.selected, self.hits.len(), other, self.page.get());
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [input, hint, head, list] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let title = format!(" {} ", lang.t("查找", "Look up"));
        let cursor = if cx.theme.ascii { "_" } else { "█" };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!("{} ", lang.t("查找:", "Find:")), cx.theme.label()),
                Span::styled(self.query.clone(), cx.theme.value()),
                Span::styled(cursor, cx.theme.key()),
            ]))
            .block(cx.theme.block(&title)),
            input,
        );
        let hint_text = if self.query.is_empty() {
            lang.t(
                " 姓名 · 拼音或首字母(zs=张三) · 身份证号或后4-6位 · 案件编号 · 村名",
                " name · pinyin or initials (zs) · ID number or last 4-6 · case no. · village",
            )
            .to_string()
        } else {
            let n = self.hits.len();
            let more = if n >= LIMIT { "+" } else { "" };
            format!(
                " {} {n}{more} {}",
                lang.t("找到", "found"),
                lang.t("户（最相关的在前）", "households, best first")
            )
        };
        frame.render_widget(Paragraph::new(hint_text).style(cx.theme.dim()), hint);
        frame.render_widget(
            Paragraph::new(row_text(&[
                lang.t("案件编号", "case no."),
                lang.t("户主", "head"),
                lang.t("身份证号", "ID number"),
                lang.t("镇街", "town"),
                lang.t("阶段", "stage"),
                lang.t("匹配", "matched"),
            ]))
            .style(cx.theme.title()),
            head,
        );
        let page = usize::from(list.height).max(1);
        self.page.set(page);
        let first = (self.selected / page) * page;
        let lines: Vec<Line> = self
            .hits
            .iter()
            .enumerate()
            .skip(first)
            .take(page)
            .map(|(i, h)| {
                let r = &h.row;
                let town = super::dashboard::short_town(lang, r.town);
                let (zh, en) = h.matched_text();
                let text = row_text(&[
                    &r.label(),
                    &r.head,
                    &r.head_id_masked,
                    &town,
                    lang.of(&r.stage),
                    lang.t(&zh, &en),
                ]);
                let (marker, style) = if i == self.selected {
                    (">", cx.theme.selected())
                } else {
                    (" ", ratatui::style::Style::default())
                };
                Line::from(Span::styled(format!("{marker}{text}"), style))
            })
            .collect();
        if lines.is_empty() && !self.query.is_empty() {
            let msg = lang.t(
                " 没有找到，请换个写法",
                " Nothing found; try another spelling",
            );
            frame.render_widget(Paragraph::new(msg).style(cx.theme.dim()), list);
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
    }

    /// Letters, digits and Chinese characters are the query; Backspace deletes,
    /// Ctrl-U clears. Everything else (arrows, Enter, Esc, F-keys) goes to the keymap.
    fn on_text(&mut self, cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('?') if self.query.is_empty() => return None,
            KeyCode::Char(c) if plain => self.query.push(c),
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.query.clear()
            }
            KeyCode::Backspace => {
                self.query.pop();
            }
            _ => return None,
        }
        self.selected = 0;
        self.refresh(cx);
        Some(match &self.error {
            Some(e) => Outcome::Status(e.clone()),
            None => Outcome::Stay,
        })
    }

    fn refresh(&mut self, cx: &Cx) {
        match search(cx.services, cx.actor, &self.query, LIMIT) {
            Ok(hits) => {
                self.hits = hits;
                self.error = None;
            }
            Err(e) => {
                self.hits.clear();
                self.error = Some(match cx.lang {
                    Lang::Zh => e.zh(),
                    Lang::En => e.to_string(),
                });
            }
        }
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

impl Default for LookupScreen {
    fn default() -> Self {
        LookupScreen::new()
    }
}

/// Column widths: case no., head, ID, town, stage, matched = 79 columns.
const COLUMNS: [usize; 6] = [19, 9, 19, 7, 10, 14];

fn row_text(cells: &[&str]) -> String {
    cells
        .iter()
        .zip(COLUMNS)
        .map(|(c, w)| pad_to(c, w))
        .collect()
}
