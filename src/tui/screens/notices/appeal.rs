//! 复核 / 行政复议 on a decided case (`A` on the case detail): the appeals on record above,
//! and below either the request form (kind, date received, who asks, what, who handles)
//! or, while one is open, its outcome form (result, date, reasons, where an upheld or
//! changed appeal reopens the case, who handled it). Enter on the last field or ^S asks,
//! then writes through `app::workflow` (one audited transaction); a wrong date is refused
//! on its field before anything is asked.

use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::cases::CaseDetail;
use crate::app::workflow::{self, AppealOutcomeInput, FlowError};
use crate::domain::access::Permission;
use crate::domain::case::{Case, Stage};
use crate::domain::procedure::appeal::AppealRequest;
use crate::domain::procedure::{Appeal, AppealKind, AppealResult};
use crate::domain::workflow::{not_before, not_future, DateKind, WorkflowError};
use crate::domain::Label;
use crate::tui::action::Action;
use crate::tui::form::step::{self, Move};
use crate::tui::form::{draw_grid, note_line, Complaint, Field, Form, Kind};
use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::case_detail::field;
use crate::tui::screens::{Outcome, Screen};
use crate::tui::{Cx, Lang};

/// Which form the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Record a new appeal (the case is decided, none is open).
    Request,
    /// Record the outcome of the open appeal.
    Outcome,
}

/// Where an upheld or changed appeal may reopen the case.
const REOPEN_AT: [Stage; 2] = [Stage::Investigating, Stage::UnderReview];
/// The results in the order the form offers them.
const RESULTS: [AppealResult; 3] = [
    AppealResult::Upheld,
    AppealResult::Changed,
    AppealResult::Dismissed,
];

pub struct AppealScreen {
    case: Case,
    mode: Mode,
    form: Form,
    complaint: Option<Complaint>,
    pub error: Option<String>,
}

fn text(zh: &'static str, en: &'static str, required: bool) -> Field {
    Field::new(zh, en, Kind::Text { required })
}

fn date(zh: &'static str, en: &'static str, today: NaiveDate) -> Field {
    Field::new(zh, en, Kind::Date).with_text(&today.to_string())
}

fn request_form(today: NaiveDate, head: &str) -> Form {
    Form::new(vec![
        Field::choice_of("申请类型", "Kind", AppealKind::ALL),
        date("收到日期", "Received on", today),
        text("申请人", "Who asks", true).with_text(head),
        text("申请事由", "What it asks", true),
        text("承办人", "Handled by", true),
    ])
}

fn outcome_form(today: NaiveDate, open: &Appeal) -> Form {
    Form::new(vec![
        Field::choice_of("办理结果", "Outcome", &RESULTS),
        date("办结日期", "Decided on", today),
        text("办理意见", "Reasons", true),
        Field::choice_of("重新办理环节", "Reopen at", &REOPEN_AT),
        text("承办人", "Handled by", false).with_text(&open.handled_by),
    ])
}

/// The appeals of a case as lines: kind, date, who asks, who handles, the outcome.
pub fn appeal_lines(cx: &DrawCx, case: &Case) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let mut out = Vec::new();
    for a in &case.procedure.appeals {
        out.push(field(
            cx,
            lang.of(&a.kind),
            format!(
                "{} {} {} {}{}",
                a.requested_on,
                a.applicant,
                a.grounds,
                lang.t("承办：", "handled by "),
                a.handled_by
            ),
        ));
        let result = match &a.outcome {
            Some(o) => format!("{} {} {}", o.on, lang.of(&o.result), o.note),
            None => lang.t("办理中", "open").to_string(),
        };
        out.push(field(cx, lang.t("  结果", "  Outcome"), result));
    }
    out
}

impl AppealScreen {
    /// The appeal screen of the case on the detail, or why it does not open.
    pub fn open(cx: &Cx, d: &CaseDetail) -> Outcome {
        let l = cx.lang;
        if !cx.actor.may(Permission::HandleAppeals) {
            let e = FlowError::Denied(Permission::HandleAppeals);
            return Outcome::Status(l.t(&e.zh(), &e.to_string()).into());
        }
        let case = d.case.clone();
        let today = cx.services.today();
        let (mode, form) = match case.procedure.open_appeal() {
            Some(open) => (Mode::Outcome, outcome_form(today, open)),
            None if matches!(case.stage, Stage::Confirmed | Stage::Rejected) => {
                (Mode::Request, request_form(today, d.household.head_name()))
            }
            None => {
                let e = WorkflowError::NotDecided(case.stage);
                return Outcome::Status(l.t(&e.zh(), &e.to_string()).into());
            }
        };
        Outcome::push(AppealScreen {
            case,
            mode,
            form,
            complaint: None,
            error: None,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    fn result(&self) -> AppealResult {
        let i = self.form.get(0).map_or(0, |f| f.choice);
        RESULTS.get(i).copied().unwrap_or(AppealResult::Dismissed)
    }

    fn reopen_at(&self) -> Stage {
        let i = self.form.get(3).map_or(0, |f| f.choice);
        REOPEN_AT.get(i).copied().unwrap_or(Stage::Investigating)
    }

    fn text(&self, i: usize) -> String {
        self.form
            .get(i)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    }

    fn day(&self, today: NaiveDate) -> NaiveDate {
        self.form.get(1).and_then(|f| f.date()).unwrap_or(today)
    }

    /// The date field against the case: a request not before the decision, an outcome
    /// not before the request, neither after today.
    fn check_date(&self, today: NaiveDate) -> Result<(), WorkflowError> {
        let on = self.day(today);
        match self.mode {
            Mode::Request => {
                not_before(
                    DateKind::Appeal,
                    on,
                    DateKind::Decided,
                    self.case.decided_on,
                )?;
                not_future(DateKind::Appeal, on, today)
            }
            Mode::Outcome => {
                let asked = self.case.procedure.open_appeal().map(|a| a.requested_on);
                not_before(DateKind::AppealOutcome, on, DateKind::Appeal, asked)?;
                not_future(DateKind::AppealOutcome, on, today)
            }
        }
    }

    fn ready(&mut self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        if let Err(c) = self.form.check_all() {
            self.complaint = Some(c);
            return Outcome::Stay;
        }
        let today = cx.services.today();
        if let Err(e) = self.check_date(today) {
            self.form.focus = 1;
            self.form.reselect();
            self.complaint = Some((e.zh(), e.to_string()));
            return Outcome::Stay;
        }
        let mut body = vec![];
        match self.mode {
            Mode::Request => {
                let kind = AppealKind::ALL
                    .get(self.form.get(0).map_or(0, |f| f.choice))
                    .copied()
                    .unwrap_or(AppealKind::Review);
                body.push(field(cx, l.t("申请类型", "Kind"), l.of(&kind)));
                body.push(field(
                    cx,
                    l.t("收到日期", "Received on"),
                    self.day(today).to_string(),
                ));
                body.push(field(cx, l.t("申请人", "Who asks"), self.text(2)));
                body.push(field(cx, l.t("申请事由", "What it asks"), self.text(3)));
                body.push(field(cx, l.t("承办人", "Handled by"), self.text(4)));
            }
            Mode::Outcome => {
                let result = self.result();
                body.push(field(cx, l.t("办理结果", "Outcome"), l.of(&result)));
                body.push(field(
                    cx,
                    l.t("办结日期", "Decided on"),
                    self.day(today).to_string(),
                ));
                body.push(field(cx, l.t("办理意见", "Reasons"), self.text(2)));
                if result.reopens() {
                    body.push(field(
                        cx,
                        l.t("重新办理环节", "Reopen at"),
                        l.of(&self.reopen_at()),
                    ));
                }
            }
        }
        let title = match self.mode {
            Mode::Request => l.t("登记复核申请", "Record the appeal"),
            Mode::Outcome => l.t("登记复核结果", "Record the outcome"),
        };
        Outcome::ask(Prompt::confirm(Question::Step, title, body))
    }

    fn write(&mut self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        let (s, a, id, rev) = (cx.services, cx.actor, self.case.id, self.case.rev);
        let today = s.today();
        let result = match self.mode {
            Mode::Request => {
                let req = AppealRequest {
                    kind: AppealKind::ALL
                        .get(self.form.get(0).map_or(0, |f| f.choice))
                        .copied()
                        .unwrap_or(AppealKind::Review),
                    requested_on: self.day(today),
                    applicant: self.text(2),
                    grounds: self.text(3),
                    handled_by: self.text(4),
                };
                workflow::request_appeal(s, a, id, rev, req)
            }
            Mode::Outcome => {
                let input = AppealOutcomeInput {
                    result: self.result(),
                    on: self.day(today),
                    note: self.text(2),
                    reopen_at: self.reopen_at(),
                    handled_by: self.text(4),
                };
                workflow::resolve_appeal(s, a, id, rev, input)
            }
        };
        match result {
            Ok(case) => Outcome::PopStatus(status(l, self.mode, &case)),
            Err(e) => {
                self.complaint = Some((e.zh(), e.to_string()));
                Outcome::Stay
            }
        }
    }
}

/// What the status line says once the appeal or its outcome is recorded.
pub fn status(l: Lang, mode: Mode, case: &Case) -> String {
    let Some(a) = case.procedure.appeals.last() else {
        return l.t("已保存", "Saved").into();
    };
    match (mode, &a.outcome) {
        (Mode::Request, _) | (_, None) => match l {
            Lang::Zh => format!(
                "已登记{}申请：{}收到，承办人 {}",
                a.kind.zh(),
                a.requested_on,
                a.handled_by
            ),
            Lang::En => format!(
                "Appeal recorded: received {}, handled by {}",
                a.requested_on, a.handled_by
            ),
        },
        (Mode::Outcome, Some(o)) if o.result.reopens() => {
            let by = case
                .deadline
                .map(|d| d.date.to_string())
                .unwrap_or_default();
            // The result's first words ("申请成立", "upheld"): the line fits 80 columns.
            let zh = o.result.zh().split('，').next().unwrap_or_default();
            let en = o.result.en().split(':').next().unwrap_or_default();
            match l {
                Lang::Zh => format!(
                    "已登记复核结果：{zh}，案件退回{}，须于{by}前重新决定",
                    case.stage.zh()
                ),
                Lang::En => format!(
                    "Outcome recorded: {en}; back in {}, decide again by {by}",
                    case.stage.en()
                ),
            }
        }
        (Mode::Outcome, Some(o)) => match l {
            Lang::Zh => format!("已登记复核结果：{}", o.result.zh()),
            Lang::En => format!("Outcome recorded: {}", o.result.en()),
        },
    }
}

impl Screen for AppealScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let number = self
            .case
            .number
            .map_or(format!("#{}", self.case.id.0), |n| n.to_string());
        let what = match self.mode {
            Mode::Request => cx.lang.t("登记复核/复议申请", "record an appeal"),
            Mode::Outcome => cx
                .lang
                .t("登记复核/复议结果", "record the appeal's outcome"),
        };
        format!("{number} · {what}")
    }

    fn context(&self) -> Context {
        Context::StepForm
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let leaving = match action {
            Action::NextField | Action::Down if self.form.focus == 1 => self
                .check_date(cx.services.today())
                .map_err(|e| (e.zh(), e.to_string())),
            _ => Ok(()),
        };
        match step::action(&mut self.form, &mut self.complaint, action, leaving) {
            Move::Leave => Outcome::Pop,
            Move::Ready => self.ready(cx),
            Move::Stay => Outcome::Stay,
        }
    }

    fn answer(&mut self, cx: &Cx, _prompt: Prompt, answer: Answer) -> Outcome {
        match answer {
            Answer::Yes => self.write(cx),
            _ => Outcome::Stay,
        }
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        step::text(&mut self.form, &mut self.complaint, key)
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let l = cx.lang;
        let [body, complaint] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
        let title = self.title(cx);
        let block = cx.theme.block(&title);
        let inner = block.inner(body);
        frame.render_widget(block, body);
        let rows = u16::try_from(self.form.fields.len()).unwrap_or(5);
        let [top, grid] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(rows)]).areas(inner);
        let c = &self.case;
        let mut lines = vec![field(
            cx,
            l.t("决定", "Decision"),
            format!(
                "{} {}",
                l.of(&c.stage),
                c.decided_on.map_or(String::new(), |d| d.to_string())
            ),
        )];
        let mut record = appeal_lines(cx, c);
        if record.is_empty() {
            record.push(Line::from(Span::styled(
                l.t("（尚无复核或复议申请）", "(no appeal on record)")
                    .to_string(),
                cx.theme.dim(),
            )));
        }
        // The newest appeals when they do not all fit.
        let room = usize::from(top.height).saturating_sub(2);
        let skip = record.len().saturating_sub(room);
        lines.extend(record.into_iter().skip(skip));
        frame.render_widget(Paragraph::new(lines), top);
        draw_grid(frame, grid, cx, &self.form, true, 1);
        let shown = self
            .complaint
            .clone()
            .or_else(|| self.form.focused().and_then(|f| f.error.clone()));
        frame.render_widget(
            Paragraph::new(note_line(cx, shown.as_ref(), Some(&self.form))),
            complaint,
        );
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
