//! The clerk's saved drafts: Enter reopens one where it was left; Delete/`x` discards
//! it after asking.

use crate::tui::keymap::Context;
use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::intake::{IntakeScreen, STEPS};
use super::{move_selection, Outcome, Screen};
use crate::app::drafts::{self, Draft};
use crate::tui::action::Action;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub struct DraftsScreen {
    list: Vec<Draft>,
    selected: usize,
    pub error: Option<String>,
}

impl DraftsScreen {
    pub fn new(cx: &Cx) -> DraftsScreen {
        let mut s = DraftsScreen {
            list: Vec::new(),
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }
}

impl Screen for DraftsScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("我的草稿", "My drafts").to_string()
    }

    fn context(&self) -> Context {
        Context::Drafts
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::NewApplication => Outcome::push(IntakeScreen::new(cx)),
            Action::Open => match self.list.get(self.selected) {
                Some(d) => match IntakeScreen::resume(cx, d.id) {
                    Ok(s) => Outcome::push(s),
                    Err(msg) => Outcome::Status(msg),
                },
                None => Outcome::Status(cx.lang.t("没有草稿", "No drafts").into()),
            },
            Action::DeleteRow => match self.list.get(self.selected) {
                Some(d) => Outcome::ask(Prompt::confirm(
                    Question::DiscardDraft,
                    cx.lang.t("删除草稿", "Discard draft"),
                    vec![
                        Line::from(d.title.clone()),
                        Line::from(cx.lang.t(
                            "删除这份草稿？删除后不能恢复。",
                            "Discard this draft? It cannot be restored.",
                        )),
                    ],
                )),
                None => Outcome::Stay,
            },
            other => {
                move_selection(&mut self.selected, self.list.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
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

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        if prompt.question != Question::DiscardDraft || answer != Answer::Yes {
            return Outcome::Stay;
        }
        let Some(d) = self.list.get(self.selected) else {
            return Outcome::Stay;
        };
        if let Err(e) = drafts::remove(cx.services, cx.actor, d.id, true) {
            return Outcome::Status(cx.lang.t(&e.zh(), &e.to_string()).into());
        }
        self.refresh(cx);
        Outcome::Status(cx.lang.t("草稿已删除", "Draft discarded").into())
    }

    fn refresh(&mut self, cx: &Cx) {
        match drafts::list(cx.services, cx.actor) {
            Ok(l) => {
                self.list = l;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.t(&e.zh(), &e.to_string()).to_string()),
        }
        self.selected = self.selected.min(self.list.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
