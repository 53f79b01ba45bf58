//! Quick feedback entry: one department's open referrals, one line of feedback each.
//! Enter types what was given (Tab to the amount), `n` the reason it is not eligible,
//! `a` marks it received. Tab/← → move between departments. The department liaison
//! enters it, or a district officer on the department's behalf.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::referrals;
use crate::domain::money::Money;
use crate::domain::referral::{Department, Event, Quarter, Referral};
use crate::tui::action::Action;
use crate::tui::screens::dashboard::town_cell;
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome};
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Assistance,
    NotEligible,
}

/// The line being typed for the selected referral.
#[derive(Debug, Clone)]
struct Entry {
    kind: Kind,
    text: String,
    amount: String,
    /// On the amount field (assistance only).
    on_amount: bool,
}

pub struct FeedbackScreen {
    department: Department,
    open: Vec<Referral>,
    selected: usize,
    entry: Option<Entry>,
    pub error: Option<String>,
}

impl FeedbackScreen {
    pub fn load(cx: &Cx, department: Option<Department>) -> Result<FeedbackScreen, String> {
        let first = match department.or_else(|| referrals::own_department(cx.services, cx.actor)) {
            Some(d) => d,
            None => {
                let mut found = Department::ALL[0];
                for d in Department::ALL {
                    let open = referrals::open_referrals(cx.services, cx.actor, *d)
                        .map_err(|e| cx.lang.say(&e))?;
                    if !open.is_empty() {
                        found = *d;
                        break;
                    }
                }
                found
            }
        };
        let open =
            referrals::open_referrals(cx.services, cx.actor, first).map_err(|e| cx.lang.say(&e))?;
        Ok(FeedbackScreen {
            department: first,
            open,
            selected: 0,
            entry: None,
            error: None,
        })
    }

    fn move_department(&mut self, cx: &Cx, step: usize) {
        let n = Department::ALL.len();
        self.department = Department::ALL[(self.department.index() + step) % n];
        self.selected = 0;
        self.refresh(cx);
    }

    fn start(&mut self, kind: Kind, cx: &Cx) -> Outcome {
        if self.open.get(self.selected).is_none() {
            return Outcome::Status(
                cx.lang
                    .t("该部门没有待反馈的推送", "Nothing open for this department")
                    .into(),
            );
        }
        self.entry = Some(Entry {
            kind,
            text: String::new(),
            amount: String::new(),
            on_amount: false,
        });
        self.error = None;
        Outcome::Stay
    }

    fn save(&mut self, cx: &Cx, event: Event) -> Outcome {
        let Some(r) = self.open.get(self.selected) else {
            return Outcome::Stay;
        };
        let label = r.label();
        match referrals::feedback(cx.services, cx.actor, r.id, r.rev, event) {
            Ok(saved) => {
                self.entry = None;
                self.refresh(cx);
                Outcome::Status(format!(
                    "{label} {}：{}",
                    cx.lang.t("已登记", "recorded"),
                    cx.lang.of(&saved.status)
                ))
            }
            Err(e) => {
                self.error = Some(cx.lang.say(&e));
                Outcome::Stay
            }
        }
    }

    fn submit(&mut self, cx: &Cx) -> Outcome {
        let Some(entry) = self.entry.clone() else {
            return Outcome::Stay;
        };
        let on = cx.services.today();
        let event = match entry.kind {
            Kind::NotEligible => Event::NotEligible {
                on,
                reason: entry.text,
            },
            Kind::Assistance => {
                let amount = if entry.amount.trim().is_empty() {
                    None
                } else {
                    match Money::parse(&entry.amount) {
                        Ok(m) => Some(m),
                        Err(e) => {
                            self.error = Some(match cx.lang {
                                Lang::Zh => format!("金额：{}", e.zh()),
                                Lang::En => format!("amount: {e}"),
                            });
                            return Outcome::Stay;
                        }
                    }
                };
                Event::GiveAssistance {
                    on,
                    what: entry.text,
                    amount,
                }
            }
        };
        self.save(cx, event)
    }

    fn info(&self, cx: &DrawCx) -> Vec<Line<'static>> {
        let lang = cx.lang;
        let mut out = Vec::new();
        if let Some(e) = &self.entry {
            let cursor = |on: bool| if on { "_" } else { "" };
            let spans = match e.kind {
                Kind::Assistance => vec![
                    Span::styled(
                        lang.t(" 帮扶内容：", " Given: ").to_string(),
                        cx.theme.label(),
                    ),
                    Span::styled(
                        format!("{}{}", e.text, cursor(!e.on_amount)),
                        cx.theme.value(),
                    ),
                    Span::styled(
                        lang.t("  金额（元）：", "  amount: ").to_string(),
                        cx.theme.label(),
                    ),
                    Span::styled(
                        format!("{}{}", e.amount, cursor(e.on_amount)),
                        cx.theme.value(),
                    ),
                ],
                Kind::NotEligible => vec![
                    Span::styled(
                        lang.t(" 不符合条件的原因：", " Not eligible because: ")
                            .to_string(),
                        cx.theme.label(),
                    ),
                    Span::styled(format!("{}_", e.text), cx.theme.value()),
                ],
            };
            // Tab, Enter and Esc are in the footer (the keymap's EntryForm / ValueEntry).
            out.push(Line::from(spans));
        }
        if let Some(e) = &self.error {
            out.push(Line::from(Span::styled(format!(" {e}"), cx.theme.warn())));
        }
        out
    }
}

impl Screen for FeedbackScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("部门反馈", "Department feedback").to_string()
    }

    fn context(&self) -> Context {
        match self.entry.as_ref().map(|e| e.kind) {
            Some(Kind::Assistance) => Context::EntryForm,
            Some(Kind::NotEligible) => Context::ValueEntry,
            None => Context::Feedback,
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        if let Some(entry) = self.entry.as_mut() {
            // The line being typed: only saving, dropping it or moving between its fields
            // (the selected referral stays put).
            match action {
                Action::Save => return self.submit(cx),
                Action::Back => {
                    self.entry = None;
                    self.error = None;
                }
                Action::NextField | Action::PrevField if entry.kind == Kind::Assistance => {
                    entry.on_amount = !entry.on_amount;
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
            Action::NextTab => {
                self.move_department(cx, 1);
                Outcome::Stay
            }
            Action::PrevTab => {
                self.move_department(cx, Department::ALL.len() - 1);
                Outcome::Stay
            }
            Action::RecordAssistance => self.start(Kind::Assistance, cx),
            Action::NotEligible => self.start(Kind::NotEligible, cx),
            Action::Acknowledge => {
                if self.open.get(self.selected).is_none() {
                    return self.start(Kind::Assistance, cx);
                }
                let on = cx.services.today();
                self.save(
                    cx,
                    Event::Acknowledge {
                        on,
                        note: String::new(),
                    },
                )
            }
            other => {
                move_selection(&mut self.selected, self.open.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let today = cx.today();
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(3),
        ])
        .areas(area);
        let quarter = Quarter::for_pushed(today);
        let head = Line::from(vec![
            Span::styled(format!(" {} ", lang.of(&self.department)), cx.theme.title()),
            Span::raw(format!(
                "({}/{}) {} {} · {} {}{}",
                self.department.index() + 1,
                Department::ALL.len(),
                lang.t("待反馈", "open"),
                self.open.len(),
                lang.t("本期反馈截止", "feedback due"),
                quarter.deadline(),
                super::status::days_left(lang, quarter.days_left(today))
            )),
        ]);
        frame.render_widget(Paragraph::new(head), top);
        // English: the town in 7 columns (its abbreviation), the need in 21 (whole words),
        // each cell a blank apart; the Chinese columns are as they were.
        let title = lang.t(
            " 推送编号      户主     镇街      需求        推送  截止  状态 ",
            " referral      head     town    need                  sent  due   status ",
        );
        let block = cx.theme.block(title);
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let row = |r: &Referral| {
            let overdue = r.is_overdue(today);
            let status = if overdue {
                lang.t("逾期", "OVERDUE")
            } else {
                lang.of(&r.status)
            };
            let (sent, due) = (r.pushed_on.format("%m-%d"), r.due().format("%m-%d"));
            let text = match lang {
                Lang::Zh => format!(
                    "{} {}{}{}{sent} {due} {status}",
                    pad_to(&r.label(), 13),
                    pad_to(&r.head_name, 9),
                    pad_to(lang.of(&r.town), 10),
                    pad_to(lang.of(&r.need), 12),
                ),
                Lang::En => format!(
                    "{} {} {} {} {sent} {due} {status}",
                    pad_to(&r.label(), 13),
                    pad_to(&r.head_name, 8),
                    town_cell(lang, r.town),
                    pad_to(&whole_words(lang.of(&r.need), 21), 21),
                ),
            };
            if overdue {
                ListLine::new(text, cx.theme.warn()).marked("!")
            } else {
                ListLine::plain(text)
            }
        };
        let empty = lang.t("该部门没有待反馈的推送", "Nothing open for this department");
        draw_list(
            frame,
            inner,
            cx,
            &self.open,
            self.selected,
            row,
            Some((empty, cx.theme.ok())),
        );
        frame.render_widget(Paragraph::new(self.info(cx)), bottom);
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let entry = self.entry.as_mut()?;
        let field = if entry.on_amount {
            &mut entry.amount
        } else {
            &mut entry.text
        };
        match key.code {
            KeyCode::Backspace => {
                field.pop();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => field.clear(),
            KeyCode::Char(c) => field.push(c),
            _ => {}
        }
        Some(Outcome::Stay)
    }

    fn refresh(&mut self, cx: &Cx) {
        match referrals::open_referrals(cx.services, cx.actor, self.department) {
            Ok(open) => {
                self.open = open;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.selected = self.selected.min(self.open.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// As many whole words of `text` as fit in `width` columns ("rural revitalisation support"
/// in 21 is "rural revitalisation"); a first word too long is cut.
fn whole_words(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.width() > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        pad_to(text, width).trim_end().to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_need_keeps_whole_words() {
        assert_eq!(
            super::whole_words("rural revitalisation support", 21),
            "rural revitalisation"
        );
        assert_eq!(
            super::whole_words("unsafe drinking water", 21),
            "unsafe drinking water"
        );
        assert_eq!(super::whole_words("revitalisation", 5), "revit");
    }
}
