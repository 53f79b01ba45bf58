//! The audit screen: who did what and when, newest first, filtered by user, case and
//! date. For auditors and the district office; it changes nothing.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::paged::{draw_list, ListLine};
use super::{move_selection, Outcome};
use crate::app::audit::AuditEntry;
use crate::app::audit::{self, AuditFilter};
use crate::tui::action::Action;
use crate::tui::audit_text;
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

/// Entries read per filter.
const LIMIT: usize = 500;

pub struct AuditScreen {
    filter: AuditFilter,
    /// The three filter texts while editing: user, case, date.
    editing: Option<([String; 3], usize)>,
    entries: Vec<AuditEntry>,
    selected: usize,
    pub error: Option<String>,
}

impl AuditScreen {
    pub fn new(cx: &Cx) -> AuditScreen {
        let mut s = AuditScreen {
            filter: AuditFilter::default(),
            editing: None,
            entries: Vec::new(),
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn entries(&self) -> &[AuditEntry] {
        &self.entries
    }

    fn apply_filter(&mut self, cx: &Cx, texts: &[String; 3]) -> Result<(), String> {
        let opt = |s: &String| Some(s.trim().to_string()).filter(|t| !t.is_empty());
        let date = match opt(&texts[2]) {
            Some(t) => Some(
                chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
                    cx.lang
                        .t("日期请写成 2026-03-02", "write the date as 2026-03-02")
                        .to_string()
                })?,
            ),
            None => None,
        };
        self.filter = AuditFilter {
            user: opt(&texts[0]),
            case: opt(&texts[1]),
            date,
        };
        self.selected = 0;
        self.refresh(cx);
        Ok(())
    }
}

impl Screen for AuditScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("审计记录", "Audit trail").to_string()
    }

    fn context(&self) -> Context {
        if self.editing.is_some() {
            Context::AuditFilter
        } else {
            Context::Audit
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        if let Some((texts, focus)) = self.editing.as_mut() {
            match action {
                Action::NextField => *focus = (*focus + 1) % 3,
                Action::PrevField => *focus = (*focus + 2) % 3,
                Action::Back => self.editing = None,
                Action::ApplyFilter => {
                    let typed = texts.clone();
                    match self.apply_filter(cx, &typed) {
                        Ok(()) => self.editing = None,
                        Err(msg) => {
                            // Keep the form open with the cursor on the date.
                            if let Some((_, f)) = self.editing.as_mut() {
                                *f = 2;
                            }
                            self.error = Some(msg);
                        }
                    }
                }
                _ => {}
            }
            return Outcome::Stay;
        }
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::FilterAudit => {
                let f = &self.filter;
                self.editing = Some((
                    [
                        f.user.clone().unwrap_or_default(),
                        f.case.clone().unwrap_or_default(),
                        f.date.map(|d| d.to_string()).unwrap_or_default(),
                    ],
                    0,
                ));
                Outcome::Stay
            }
            Action::ClearFilters => {
                self.filter = AuditFilter::default();
                self.refresh(cx);
                Outcome::Stay
            }
            other => {
                move_selection(&mut self.selected, self.entries.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [filters, list, detail] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(4),
        ])
        .areas(area);
        let labels = [
            lang.t("用户", "user"),
            lang.t("案件", "case"),
            lang.t("日期", "date"),
        ];
        let f = &self.filter;
        let shown: [String; 3] = match &self.editing {
            Some((texts, _)) => texts.clone(),
            None => [
                f.user.clone().unwrap_or_default(),
                f.case.clone().unwrap_or_default(),
                f.date.map(|d| d.to_string()).unwrap_or_default(),
            ],
        };
        let mut spans = Vec::new();
        for (i, label) in labels.iter().enumerate() {
            let focused = self.editing.as_ref().is_some_and(|(_, f)| *f == i);
            let text = if shown[i].is_empty() && !focused {
                lang.t("全部", "all").to_string()
            } else if focused {
                format!("{}_", shown[i])
            } else {
                shown[i].clone()
            };
            spans.push(Span::styled(format!(" {label}:"), cx.theme.label()));
            spans.push(Span::styled(
                pad_to(&text, 18),
                if focused {
                    cx.theme.selected()
                } else {
                    cx.theme.value()
                },
            ));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), filters);
        let row = |e: &AuditEntry| {
            ListLine::plain(format!(
                "{} {} {}",
                e.at.format("%m-%d %H:%M"),
                pad_to(&audit_text::target(lang, &e.target), 14),
                audit_text::sentence(lang, e),
            ))
        };
        draw_list(frame, list, cx, &self.entries, self.selected, row, None);
        let mut info: Vec<Line> = Vec::new();
        if let Some(msg) = &self.error {
            info.push(Line::from(Span::styled(msg.clone(), cx.theme.warn())));
        }
        if let Some(e) = self.entries.get(self.selected) {
            info.push(Line::from(Span::styled(
                format!("#{} {} {}", e.seq, e.at.format("%Y-%m-%d %H:%M:%S"), e.by),
                cx.theme.title(),
            )));
            for change in audit_text::changes(lang, e).into_iter().take(2) {
                info.push(Line::from(format!("  {change}")));
            }
        } else if self.error.is_none() {
            info.push(Line::from(lang.t("没有符合条件的记录", "No entry matches")));
        }
        frame.render_widget(Paragraph::new(info), detail);
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let (texts, focus) = self.editing.as_mut()?;
        let Some(text) = texts.get_mut(*focus) else {
            return Some(Outcome::Stay);
        };
        match key.code {
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => text.clear(),
            KeyCode::Char(c) => text.push(c),
            _ => {}
        }
        Some(Outcome::Stay)
    }

    fn refresh(&mut self, cx: &Cx) {
        match audit::search(cx.services, cx.actor, &self.filter, LIMIT) {
            Ok(entries) => {
                self.entries = entries;
                self.error = None;
            }
            Err(e) => {
                self.entries.clear();
                self.error = Some(cx.lang.say(&e));
            }
        }
        self.selected = self.selected.min(self.entries.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
