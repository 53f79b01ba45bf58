//! The ledger (台账): per department and quarter, referrals pushed, acknowledged,
//! answered (late), overdue, not yet due and the amount given; late departments stand
//! out (colour, and a `!` for terminals without it). Enter opens the department's
//! feedback screen; `e` exports the quarter as .xlsx beside the store.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{open_feedback, status::days_left};
use crate::app::referrals::{self, LedgerView};
use crate::domain::referral::ledger::Counts;
use crate::domain::referral::{Department, Quarter};
use crate::tui::action::Action;
use crate::tui::screens::{move_selection, Outcome};
use crate::tui::widgets::{pad_to, right};
use crate::tui::{Cx, Lang};

pub struct LedgerScreen {
    quarter: Quarter,
    view: Option<LedgerView>,
    selected: usize,
    pub error: Option<String>,
}

impl LedgerScreen {
    pub fn load(cx: &Cx) -> Result<LedgerScreen, String> {
        let quarter = Quarter::for_pushed(cx.services.today());
        let view =
            referrals::ledger(cx.services, cx.actor, quarter).map_err(|e| cx.lang.say(&e))?;
        Ok(LedgerScreen {
            quarter,
            view: Some(view),
            selected: 0,
            error: None,
        })
    }

    fn export(&mut self, cx: &Cx) -> Outcome {
        let dir = cx
            .services
            .store_path()
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let name = match cx.lang {
            Lang::Zh => format!("反馈台账-{}.xlsx", self.quarter),
            Lang::En => format!("feedback-ledger-{}.xlsx", self.quarter),
        };
        let path = dir.join(name);
        let lang = match cx.lang {
            Lang::Zh => referrals::Lang::Zh,
            Lang::En => referrals::Lang::En,
        };
        match referrals::export(cx.services, cx.actor, self.quarter, &path, lang) {
            Ok(done) => Outcome::Status(format!(
                "{} {}（{}）",
                cx.lang.t("已导出", "Exported"),
                done.path.display(),
                done.referrals
            )),
            Err(e) => {
                self.error = Some(cx.lang.say(&e));
                Outcome::Stay
            }
        }
    }
}

impl Screen for LedgerScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("反馈台账", "Feedback ledger").to_string()
    }

    fn context(&self) -> Context {
        Context::Ledger
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::NextTab => {
                self.quarter = self.quarter.next();
                self.refresh(cx);
                Outcome::Stay
            }
            Action::PrevTab => {
                self.quarter = self.quarter.prev();
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match Department::ALL.get(self.selected) {
                Some(d) => open_feedback(cx, Some(*d)),
                None => Outcome::Stay,
            },
            Action::Export => self.export(cx),
            other => {
                move_selection(&mut self.selected, Department::ALL.len(), other, 5);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [top, table, bottom] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(2),
        ])
        .areas(area);
        let today = cx.today();
        let q = self.quarter;
        let (from, to) = q.push_window();
        let name = match lang {
            Lang::Zh => q.zh(),
            Lang::En => q.to_string(),
        };
        let head = vec![
            Line::from(vec![
                Span::styled(format!(" {name} "), cx.theme.title()),
                Span::raw(format!(
                    "{} {}{}",
                    lang.t("反馈截止", "feedback due"),
                    q.deadline(),
                    days_left(lang, q.days_left(today))
                )),
            ]),
            Line::from(Span::styled(
                format!(
                    " {} {from} ~ {to} · {} {today}",
                    lang.t("本期推送", "pushed"),
                    lang.t("统计至", "as of")
                ),
                cx.theme.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(head), top);
        let columns: [(&str, &str); 7] = [
            ("推送", "pushed"),
            ("已接收", "ackd"),
            ("已反馈", "answered"),
            ("迟报", "late"),
            ("逾期", "overdue"),
            ("未到期", "waiting"),
            ("帮扶金额", "amount"),
        ];
        let mut title = format!(" {}", pad_to(lang.t("部门", "department"), 21));
        for (i, (zh, en)) in columns.iter().enumerate() {
            title.push_str(&right(lang.t(zh, en), if i == 6 { 12 } else { 7 }));
        }
        title.push(' ');
        let block = cx.theme.block(&title);
        let inner = block.inner(table);
        frame.render_widget(block, table);
        let Some(view) = &self.view else {
            return;
        };
        let l = &view.ledger;
        let row_line = |marker: &str, name: &str, c: &Counts| {
            let figures = [
                c.pushed,
                c.acknowledged,
                c.answered,
                c.answered_late,
                c.overdue,
                c.waiting,
            ];
            let mut text = format!("{marker}{}", pad_to(name, 21));
            for n in figures {
                text.push_str(&right(&n.to_string(), 7));
            }
            text.push_str(&right(&c.amount.plain(), 12));
            text
        };
        let mut lines: Vec<Line> = l
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let late = r.counts.is_late();
                let marker = match (i == self.selected, late) {
                    (true, _) => ">",
                    (false, true) => "!",
                    _ => " ",
                };
                let style = if i == self.selected {
                    cx.theme.selected()
                } else if late {
                    cx.theme.warn()
                } else {
                    ratatui::style::Style::default()
                };
                Line::from(Span::styled(
                    row_line(marker, lang.of(&r.department), &r.counts),
                    style,
                ))
            })
            .collect();
        lines.push(Line::from(Span::styled(
            row_line(" ", lang.t("合计", "Total"), &l.total),
            cx.theme.value(),
        )));
        frame.render_widget(Paragraph::new(lines), inner);
        let late: Vec<&str> = l.late_departments().iter().map(|d| lang.of(d)).collect();
        let summary = if late.is_empty() {
            Line::from(Span::styled(
                format!(" {}", lang.t("没有逾期的部门", "No department is late")),
                cx.theme.ok(),
            ))
        } else {
            Line::from(Span::styled(
                format!(
                    " {}：{}",
                    lang.t("逾期或迟报的部门", "Late departments"),
                    late.join(lang.t("、", ", "))
                ),
                cx.theme.warn(),
            ))
        };
        let mut info = vec![summary];
        if let Some(e) = &self.error {
            info.push(Line::from(Span::styled(format!(" {e}"), cx.theme.warn())));
        }
        frame.render_widget(Paragraph::new(info), bottom);
    }

    fn refresh(&mut self, cx: &Cx) {
        match referrals::ledger(cx.services, cx.actor, self.quarter) {
            Ok(v) => {
                self.view = Some(v);
                self.error = None;
            }
            Err(e) => {
                self.view = None;
                self.error = Some(cx.lang.say(&e));
            }
        }
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
