//! The case detail, read-only: household, members (full ID numbers appear only here),
//! income and assets, investigation, review, and the case's history from the audit trail.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Tabs;
use ratatui::Frame;

use super::Outcome;
use crate::app::cases::{self, CaseDetail};
use crate::domain::case::CaseId;
use crate::tui::action::Action;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::text_view::TextView;
use crate::tui::Cx;

mod procedure;
mod sections;

pub const TABS: [(&str, &str); 6] = [
    ("概况", "Summary"),
    ("成员", "Members"),
    ("收支财产", "Income & assets"),
    ("调查", "Investigation"),
    ("审核", "Review"),
    ("历史", "History"),
];

pub struct CaseDetailScreen {
    id: CaseId,
    detail: CaseDetail,
    tab: usize,
    /// The open tab's text, wrapped and scrolled by the one text view.
    view: TextView,
    pub error: Option<String>,
}

impl CaseDetailScreen {
    pub fn load(cx: &Cx, id: CaseId) -> Result<CaseDetailScreen, String> {
        let detail = cases::open(cx.services, cx.actor, id).map_err(|e| cx.lang.say(&e))?;
        let mut s = CaseDetailScreen {
            id,
            detail,
            tab: 0,
            view: TextView::default(),
            error: None,
        };
        s.show_tab(cx, 0);
        Ok(s)
    }

    pub fn detail(&self) -> &CaseDetail {
        &self.detail
    }

    pub fn tab(&self) -> usize {
        self.tab
    }

    fn show_tab(&mut self, cx: &Cx, tab: usize) {
        self.tab = tab;
        self.view = TextView::new(self.lines(cx)).with_indent(2);
    }

    fn lines(&self, cx: &Cx) -> Vec<Line<'static>> {
        let d = &self.detail;
        match self.tab {
            0 => sections::summary(cx, d),
            1 => sections::members(cx, d),
            2 => sections::money(cx, d),
            3 => sections::investigation(cx, d),
            4 => sections::review(cx, d),
            _ => sections::history(cx, d),
        }
    }
}

impl Screen for CaseDetailScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let c = &self.detail.case;
        let number = c
            .number
            .map(|n| n.to_string())
            .unwrap_or_else(|| format!("#{}", c.id.0));
        format!("{} {}", cx.lang.t("案件", "Case"), number)
    }

    fn context(&self) -> Context {
        Context::CaseDetail
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Advance => super::steps::open_next(cx, &self.detail),
            Action::Withdraw => super::steps::open_withdraw(cx, &self.detail),
            Action::ReferralProposal => super::referrals::open_proposal(cx, self.id),
            Action::Letter => {
                let c = &self.detail.case;
                super::notices::letter::LetterScreen::open(cx, c.id, c.rev, c)
            }
            Action::Appeal => super::notices::appeal::AppealScreen::open(cx, &self.detail),
            Action::DistrictCheck => {
                super::relatives::ask_district_check(cx, &self.detail.staff_relative)
            }
            Action::NextTab => {
                self.show_tab(cx, (self.tab + 1) % TABS.len());
                Outcome::Stay
            }
            Action::PrevTab => {
                self.show_tab(cx, (self.tab + TABS.len() - 1) % TABS.len());
                Outcome::Stay
            }
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            other => {
                self.view.handle(other);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let [tabs, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
        let titles: Vec<&str> = TABS.iter().map(|(zh, en)| cx.lang.t(zh, en)).collect();
        frame.render_widget(
            Tabs::new(titles)
                .select(self.tab)
                .highlight_style(cx.theme.selected())
                .divider("|"),
            tabs,
        );
        let block = cx.theme.block("");
        let inner = block.inner(body);
        frame.render_widget(block, body);
        self.view.draw(frame, inner, cx.lang, cx.theme);
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        let outcome = match prompt.question {
            Question::StartInvestigation => {
                super::steps::start_investigation(cx, &self.detail, answer)
            }
            Question::DistrictCheck if answer == Answer::Yes => {
                let in_order = prompt.form.get(0).is_none_or(|f| f.choice == 0);
                match crate::app::staff_relatives::record_district_check(
                    cx.services,
                    cx.actor,
                    self.id,
                    cx.services.today(),
                    in_order,
                    &prompt.text(1),
                ) {
                    Ok(_) => Outcome::Status(
                        cx.lang
                            .t("区级核查已登记", "District check recorded")
                            .into(),
                    ),
                    Err(e) => Outcome::Status(cx.lang.say(&e)),
                }
            }
            _ => Outcome::Stay,
        };
        self.refresh(cx);
        outcome
    }

    fn refresh(&mut self, cx: &Cx) {
        match cases::detail(cx.services, cx.actor, self.id) {
            Ok(d) => {
                self.detail = d;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        let lines = self.lines(cx);
        self.view.set_lines(lines);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// A "label: value" line.
pub fn field(cx: &DrawCx, label: &str, value: impl Into<String>) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            crate::tui::widgets::pad_to(label, label_width(cx.lang, label)),
            cx.theme.label(),
        ),
        Span::raw(value.into()),
    ])
}

/// The label column of `field` lines, measured: wide enough for the longest label of the
/// language (zh "系统建议类别" 12 columns, en "Proposed category" 17) and a space, and
/// never narrower than a label, so no label runs into its value.
pub fn label_width(lang: crate::tui::Lang, label: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    let column = match lang {
        crate::tui::Lang::Zh => 14,
        crate::tui::Lang::En => 18,
    };
    column.max(label.width() + 1)
}
