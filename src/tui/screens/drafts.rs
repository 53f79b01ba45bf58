//! The clerk's saved drafts: Enter reopens one where it was left; Delete/`x` discards
//! it after asking.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::intake::{IntakeScreen, STEPS};
use super::{move_selection, Outcome, Screen};
use crate::app::drafts::{self, Draft};
use crate::tui::action::Action;
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub struct DraftsScreen {
    list: Vec<Draft>,
    selected: usize,
    asking: bool,
    pub error: Option<String>,
}

impl DraftsScreen {
    pub fn new(cx: &Cx) -> DraftsScreen {
        let mut s = DraftsScreen {
            list: Vec::new(),
            selected: 0,
            asking: false,
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn refresh(&mut self, cx: &Cx) {
        match drafts::list(cx.services, cx.actor) {
            Ok(l) => {
                self.list = l;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.t(&e.zh(), &e.to_string()).to_string()),
        }
        self.selected = self.selected.min(self.list.len().saturating_sub(1));
    }

    /// The question "discard this draft?" takes y/n directly.
    pub fn capture_key(&mut self, key: &KeyEvent, cx: &Cx) -> Option<Outcome> {
        if !self.asking {
            return None;
        }
        self.asking = false;
        if matches!(key.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter) {
            if let Some(d) = self.list.get(self.selected) {
                if let Err(e) = drafts::remove(cx.services, cx.actor, d.id, true) {
                    return Some(Outcome::Status(cx.lang.t(&e.zh(), &e.to_string()).into()));
                }
                self.refresh(cx);
                return Some(Outcome::Status(
                    cx.lang.t("草稿已删除", "Draft discarded").into(),
                ));
            }
        }
        Some(Outcome::Stay)
    }

    pub fn handle(&mut self, action: Action, cx: &Cx) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::NewApplication => {
                Outcome::Push(Box::new(Screen::Intake(Box::new(IntakeScreen::new(cx)))))
            }
            Action::Open => match self.list.get(self.selected) {
                Some(d) => match IntakeScreen::resume(cx, d.id) {
                    Ok(s) => Outcome::Push(Box::new(Screen::Intake(Box::new(s)))),
                    Err(msg) => Outcome::Status(msg),
                },
                None => Outcome::Status(cx.lang.t("没有草稿", "No drafts").into()),
            },
            Action::DeleteRow => {
                if !self.list.is_empty() {
                    self.asking = true;
                    return Outcome::Status(
                        cx.lang
                            .t(
                                "删除这份草稿？y 删除 / n 取消",
                                "Discard this draft? y yes / n no",
                            )
                            .into(),
                    );
                }
                Outcome::Stay
            }
            other => {
                move_selection(&mut self.selected, self.list.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    pub fn draw(&mut self, frame: &mut Frame, area: Rect, cx: &Cx) {
        let l = cx.lang;
        let block = cx.theme.block(l.t("我的草稿", "My drafts"));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let mut lines = vec![Line::from(Span::styled(
            pad_to(
                &format!(
                    "  {}{}{}",
                    pad_to(l.t("保存时间", "Saved"), 18),
                    pad_to(l.t("步骤", "Step"), 12),
                    l.t("户主 / 村", "Head / village")
                ),
                width,
            ),
            cx.theme.label(),
        ))];
        if self.list.is_empty() {
            lines.push(Line::from(l.t(
                "没有草稿。按 n 开始新申请。",
                "No drafts. Press n for a new application.",
            )));
        }
        for (i, d) in self.list.iter().enumerate() {
            let saved = d
                .saved_at
                .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            let (zh, en) = STEPS[usize::from(d.step).min(STEPS.len() - 1)];
            let step = format!("{} {}", d.step + 1, l.t(zh, en));
            let marker = if i == self.selected { ">" } else { " " };
            let text = format!(
                "{marker} {}{}{}",
                pad_to(&saved, 18),
                pad_to(&step, 12),
                d.title
            );
            let style = if i == self.selected {
                cx.theme.selected()
            } else {
                cx.theme.value()
            };
            lines.push(Line::from(Span::styled(pad_to(&text, width), style)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
