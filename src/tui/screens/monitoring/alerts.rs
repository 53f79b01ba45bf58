//! The alerts queue: open alerts, high severity first and oldest first, with one-key
//! actions on the selected alert: `v` start verification (核实), `n` no risk (asks the
//! reason), `a` turn into an application (asks to confirm), Enter the household.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{open_visit, say};
use crate::app::monitoring::{self, AlertRow};
use crate::domain::monitoring::{AlertStatus, Severity};
use crate::tui::action::Action;
use crate::tui::form::{Field, Kind};
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome};
use crate::tui::widgets::{pad_to, right};
use crate::tui::{Cx, Lang};

/// Alerts loaded at a time; the header gives the full count.
const LIMIT: usize = 500;

pub struct AlertsScreen {
    rows: Vec<AlertRow>,
    counts: [(Severity, u64); 3],
    selected: usize,
    pub error: Option<String>,
}

impl AlertsScreen {
    pub fn new(cx: &Cx) -> AlertsScreen {
        let mut s = AlertsScreen {
            rows: Vec::new(),
            counts: [
                (Severity::High, 0),
                (Severity::Medium, 0),
                (Severity::Low, 0),
            ],
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }

    fn current(&self) -> Option<&AlertRow> {
        self.rows.get(self.selected)
    }

    /// Run a use case on the selected alert; reload and report in the status line.
    fn run(
        &mut self,
        cx: &Cx,
        f: impl FnOnce(&AlertRow) -> Result<String, crate::app::AppError>,
    ) -> Outcome {
        let Some(row) = self.current() else {
            return Outcome::Status(cx.lang.t("没有待办预警", "No open alert").into());
        };
        let result = f(row);
        match result {
            Ok(msg) => {
                self.refresh(cx);
                Outcome::Status(msg)
            }
            Err(e) => Outcome::Status(say(cx.lang, &e)),
        }
    }

    /// The question about the selected alert, with its household in the body.
    fn ask(&self, cx: &Cx, question: Question, zh: &str, en: &str) -> Outcome {
        let l = cx.lang;
        let mut body = Vec::new();
        if let Some(r) = self.current() {
            body.push(Line::from(format!(
                "{} · {} · {}",
                r.head,
                r.village,
                l.of(&r.alert.rule)
            )));
        }
        body.push(Line::from(l.t(zh, en).to_string()));
        let title = if question == Question::NoRisk {
            l.t("核实无风险", "No risk")
        } else {
            l.t("转入申请", "To application")
        };
        Outcome::ask(Prompt::confirm(question, title, body))
    }

    fn detail_lines(&self, cx: &DrawCx, width: usize) -> Vec<Line<'static>> {
        let lang = cx.lang;
        let mut out = Vec::new();
        if let Some(r) = self.current() {
            for f in r.alert.figures.iter().take(2) {
                out.push(Line::from(Span::styled(
                    pad_to(&format!(" {}", lang.t(&f.zh, &f.en)), width),
                    cx.theme.value(),
                )));
            }
        }
        out
    }
}

impl Screen for AlertsScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("预警队列", "Alerts").to_string()
    }

    fn context(&self) -> Context {
        Context::Alerts
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Open => match self.current() {
                Some(row) => open_visit(cx, row.alert.household),
                None => Outcome::Stay,
            },
            Action::Verify => self.run(cx, |row| {
                let a = &row.alert;
                monitoring::verify(cx.services, cx.actor, a.id, a.rev)?;
                Ok(cx.lang.t("已开始核实", "Verification started").into())
            }),
            Action::NoRisk if self.current().is_some() => {
                let field = Field::new(
                    "核实无风险的理由",
                    "reason there is no risk",
                    Kind::Text { required: true },
                );
                match self.ask(
                    cx,
                    Question::NoRisk,
                    "核实后没有风险：写下核实的方式和结果。",
                    "Verified, no risk: say how it was verified and what was found.",
                ) {
                    Outcome::Ask(p) => Outcome::ask(p.with_fields(vec![field])),
                    other => other,
                }
            }
            Action::ToApplication if self.current().is_some() => self.ask(
                cx,
                Question::ToApplication,
                "转入申请（渠道：预警转入）？",
                "Turn into an application (channel: monitoring alert)?",
            ),
            other => {
                move_selection(&mut self.selected, self.rows.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(4),
        ])
        .areas(area);
        let total: u64 = self.counts.iter().map(|(_, n)| n).sum();
        let mut head = vec![Span::styled(
            format!(" {} {total} ", lang.t("未办结预警", "Open alerts")),
            cx.theme.title(),
        )];
        for (sev, n) in self.counts {
            let style = if sev == Severity::High && n > 0 {
                cx.theme.warn()
            } else {
                cx.theme.label()
            };
            head.push(Span::styled(format!(" {} {n} ", lang.of(&sev)), style));
        }
        frame.render_widget(Paragraph::new(Line::from(head)), top);
        let today = cx.today();
        let row = |r: &AlertRow| {
            let a = &r.alert;
            let age = format!("{}{}", a.age_days(today), lang.t("天", "d"));
            let text = format!(
                "{} {} {} {} {} {} {}",
                pad_to(lang.of(&a.severity), 4),
                a.raised_on.format("%m-%d"),
                right(&age, 5),
                pad_to(lang.of(&a.rule), 24),
                pad_to(&r.head, 8),
                pad_to(&r.village, 10),
                pad_to(lang.of(&a.status), 12)
            );
            let style = if a.severity == Severity::High {
                cx.theme.warn()
            } else if a.status == AlertStatus::Verifying {
                cx.theme.notice()
            } else {
                ratatui::style::Style::default()
            };
            ListLine::new(text, style)
        };
        let empty = lang.t(" 没有未办结的预警", " No open alerts");
        draw_list(
            frame,
            list,
            cx,
            &self.rows,
            self.selected,
            row,
            Some((empty, cx.theme.ok())),
        );
        frame.render_widget(
            Paragraph::new(self.detail_lines(cx, usize::from(bottom.width))),
            bottom,
        );
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        if answer != Answer::Yes {
            return Outcome::Stay;
        }
        match prompt.question {
            Question::ToApplication => self.run(cx, |row| {
                let a = &row.alert;
                let (_, case) = monitoring::to_application(cx.services, cx.actor, a.id, a.rev)?;
                Ok(match cx.lang {
                    Lang::Zh => format!("已转入申请：案件 #{}（{}）", case.id.0, row.head),
                    Lang::En => {
                        format!("Application #{} registered for {}", case.id.0, row.head)
                    }
                })
            }),
            Question::NoRisk => {
                let reason = prompt.text(0);
                self.run(cx, |row| {
                    let a = &row.alert;
                    monitoring::no_risk(cx.services, cx.actor, a.id, a.rev, &reason)?;
                    Ok(cx
                        .lang
                        .t("已核实无风险，预警办结", "Resolved: no risk")
                        .into())
                })
            }
            _ => Outcome::Stay,
        }
    }

    fn refresh(&mut self, cx: &Cx) {
        let loaded = monitoring::queue(cx.services, cx.actor, 0, LIMIT)
            .and_then(|rows| Ok((rows, monitoring::open_counts(cx.services, cx.actor)?)));
        match loaded {
            Ok((rows, counts)) => {
                self.rows = rows;
                self.counts = counts;
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
