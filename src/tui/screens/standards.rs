//! The standards screen: every value of each effective period, which are still
//! unconfirmed, and (for a district officer) editing a value or confirming it.
//! Every change is audited by `app::standards::edit`.

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
use crate::app::standards::{self, Current};
use crate::domain::standards::{FieldRef, Value};
use crate::tui::action::Action;
use crate::tui::widgets::cell;
use crate::tui::{Cx, Lang};

pub struct StandardsScreen {
    current: Option<Current>,
    set: usize,
    selected: usize,
    /// The text being typed for the selected value.
    editing: Option<String>,
    pub error: Option<String>,
}

impl StandardsScreen {
    pub fn new(cx: &Cx) -> StandardsScreen {
        let mut s = StandardsScreen {
            current: None,
            set: 0,
            selected: 0,
            editing: None,
            error: None,
        };
        s.refresh(cx);
        // Open on the period in force today.
        if let Some(c) = &s.current {
            let today = cx.services.today();
            s.set = c
                .standards
                .sets()
                .iter()
                .position(|set| set.covers(today))
                .unwrap_or(0);
        }
        s
    }

    fn fields(&self) -> Vec<(FieldRef, Value, bool)> {
        self.current
            .as_ref()
            .and_then(|c| c.standards.sets().get(self.set))
            .map(|s| s.fields())
            .unwrap_or_default()
    }

    /// Save `text` for the selected field; errors stay on screen with the text kept.
    fn save(&mut self, cx: &Cx, text: &str, confirmed: bool) -> Outcome {
        let (Some(current), Some((field, _, _))) =
            (&self.current, self.fields().get(self.selected).copied())
        else {
            return Outcome::Stay;
        };
        let Some(set_from) = current.standards.sets().get(self.set).map(|s| s.from) else {
            return Outcome::Stay;
        };
        match standards::edit(
            cx.services,
            cx.actor,
            current.rev,
            set_from,
            field,
            text,
            confirmed,
        ) {
            Ok(c) => {
                let raised = c.alerts_raised;
                self.current = Some(c);
                self.editing = None;
                self.error = None;
                let saved = cx.lang.t("已保存并记入审计", "Saved and audited");
                Outcome::Status(match raised {
                    Some(n) if n > 0 => format!(
                        "{saved}；{} {n}",
                        cx.lang.t(
                            "重新评估监测对象，新预警",
                            "roster re-evaluated, new alerts:"
                        )
                    ),
                    _ => saved.to_string(),
                })
            }
            Err(e) => {
                self.error = Some(cx.lang.say(&e));
                Outcome::Stay
            }
        }
    }
}

impl Screen for StandardsScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("认定标准", "Standards").to_string()
    }

    fn context(&self) -> Context {
        if self.editing.is_some() {
            Context::ValueEntry
        } else {
            Context::Standards
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        if let Some(typed) = self.editing.clone() {
            // The value being typed: only saving or dropping it (the selection stays put).
            match action {
                Action::Save => return self.save(cx, &typed, true),
                Action::Back => {
                    self.editing = None;
                    self.error = None;
                }
                _ => {}
            }
            return Outcome::Stay;
        }
        let sets = self
            .current
            .as_ref()
            .map_or(0, |c| c.standards.sets().len());
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::NextTab if sets > 0 => {
                self.set = (self.set + 1) % sets;
                Outcome::Stay
            }
            Action::PrevTab if sets > 0 => {
                self.set = (self.set + sets - 1) % sets;
                Outcome::Stay
            }
            Action::EditValue => {
                if let Err(e) = cx
                    .actor
                    .permit(crate::app::session::Permission::EditStandards)
                {
                    return Outcome::Status(cx.lang.say(&e));
                }
                self.editing = self
                    .fields()
                    .get(self.selected)
                    .map(|(_, v, _)| v.edit_text());
                Outcome::Stay
            }
            Action::ToggleConfirmed => match self.fields().get(self.selected).copied() {
                Some((_, value, confirmed)) => self.save(cx, &value.edit_text(), !confirmed),
                None => Outcome::Stay,
            },
            other => {
                let len = self.fields().len();
                move_selection(&mut self.selected, len, other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let Some(current) = &self.current else {
            return;
        };
        let Some(set) = current.standards.sets().get(self.set) else {
            return;
        };
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(2),
        ])
        .areas(area);
        let fields = set.fields();
        let unconfirmed = fields.iter().filter(|(_, _, c)| !c).count();
        let source = if current.rev == 0 {
            lang.t("随程序发布的默认值", "as shipped")
        } else {
            lang.t("本区已修改", "edited by the district")
        };
        let head = Line::from(vec![
            Span::styled(format!(" {} ", set.span()), cx.theme.title()),
            Span::styled(
                format!(
                    "({}/{}) {} {} · {}",
                    self.set + 1,
                    current.standards.sets().len(),
                    lang.t("未确认", "unconfirmed"),
                    unconfirmed,
                    source
                ),
                if unconfirmed > 0 {
                    cx.theme.warn()
                } else {
                    cx.theme.ok()
                },
            ),
        ]);
        frame.render_widget(Paragraph::new(head), top);
        let row = |(field, value, confirmed): &(FieldRef, Value, bool)| {
            let label = match lang {
                Lang::Zh => field.zh(),
                Lang::En => field.en(),
            };
            let shown = match lang {
                Lang::Zh => value.zh(),
                Lang::En => value.en(),
            };
            let mark = if *confirmed {
                lang.t("已确认", "confirmed")
            } else {
                lang.t("未确认(示例值)", "UNCONFIRMED")
            };
            let text = format!("{}{}{}", cell(&label, 44), cell(&shown, 17), mark);
            if *confirmed {
                ListLine::plain(text)
            } else {
                ListLine::new(text, cx.theme.notice())
            }
        };
        draw_list(frame, list, cx, &fields, self.selected, row, None);
        let mut info = Vec::new();
        if let Some(text) = &self.editing {
            // Enter and Esc are in the footer (the keymap's ValueEntry).
            info.push(Line::from(vec![
                Span::styled(lang.t(" 新值：", " New value: "), cx.theme.label()),
                Span::styled(format!("{text}_"), cx.theme.value()),
            ]));
        }
        if let Some(e) = &self.error {
            info.push(Line::from(Span::styled(format!(" {e}"), cx.theme.warn())));
        }
        frame.render_widget(Paragraph::new(info), bottom);
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let text = self.editing.as_mut()?;
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
        match standards::current(cx.services) {
            Ok(c) => {
                self.set = self.set.min(c.standards.sets().len().saturating_sub(1));
                self.current = Some(c);
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
