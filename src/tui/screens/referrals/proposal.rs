//! After confirmation: the needs to push, each with its department. The household's
//! recorded needs come ticked; the clerk unticks, ticks another need, or sends one to
//! another department, then pushes them all in one write.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::referrals::{self, Proposal, ProposedReferral};
use crate::domain::case::CaseId;
use crate::domain::referral::{feedback_due, Department, Quarter};
use crate::tui::action::Action;
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome};
use crate::tui::widgets::pad_to;
use crate::tui::Cx;

pub struct ProposalScreen {
    case: CaseId,
    proposal: Proposal,
    selected: usize,
    pub error: Option<String>,
}

impl ProposalScreen {
    pub fn load(cx: &Cx, case: CaseId) -> Result<ProposalScreen, String> {
        let proposal =
            referrals::propose(cx.services, cx.actor, case).map_err(|e| cx.lang.say(&e))?;
        Ok(ProposalScreen {
            case,
            proposal,
            selected: 0,
            error: None,
        })
    }

    fn push(&mut self, cx: &Cx) -> Outcome {
        let picks: Vec<_> = self
            .proposal
            .rows
            .iter()
            .filter(|r| r.push && r.open.is_none())
            .map(|r| (r.need, r.department))
            .collect();
        match referrals::push(cx.services, cx.actor, self.case, &picks) {
            Ok(done) => {
                self.refresh(cx);
                let numbers: Vec<String> = done.iter().map(|r| r.label()).collect();
                Outcome::Status(format!(
                    "{} {}：{}",
                    cx.lang.t("已推送", "Pushed"),
                    done.len(),
                    numbers.join("、")
                ))
            }
            Err(e) => {
                self.error = Some(cx.lang.say(&e));
                Outcome::Stay
            }
        }
    }
}

impl Screen for ProposalScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let c = &self.proposal.case;
        let number = c
            .number
            .map_or_else(|| format!("#{}", c.id.0), |n| n.to_string());
        format!("{} {number}", cx.lang.t("因需推送", "Referrals"))
    }

    fn context(&self) -> Context {
        Context::Referrals
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let lang = cx.lang;
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::Toggle => {
                if let Some(row) = self.proposal.rows.get_mut(self.selected) {
                    if row.open.is_some() {
                        return Outcome::Status(
                            lang.t("已推送，等待部门反馈", "already pushed, awaiting feedback")
                                .into(),
                        );
                    }
                    row.push = !row.push;
                }
                Outcome::Stay
            }
            Action::ChangeDepartment => {
                if let Some(row) = self.proposal.rows.get_mut(self.selected) {
                    if row.open.is_none() {
                        let next = (row.department.index() + 1) % Department::ALL.len();
                        row.department = Department::ALL[next];
                        row.push = true;
                    }
                }
                Outcome::Stay
            }
            Action::Push => self.push(cx),
            other => {
                let len = self.proposal.rows.len();
                move_selection(&mut self.selected, len, other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let p = &self.proposal;
        let [top, list, bottom] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(0),
            Constraint::Length(2),
        ])
        .areas(area);
        let category = p
            .household
            .standing
            .category
            .map(|c| lang.of(&c))
            .unwrap_or("");
        let head = vec![
            Line::from(vec![
                Span::styled(format!(" {} ", p.household.head_name()), cx.theme.title()),
                Span::raw(format!(
                    "{} {} · {} {}",
                    lang.of(&p.household.town),
                    p.household.village,
                    lang.t("已认定", "confirmed"),
                    category
                )),
            ]),
            Line::from(Span::styled(
                lang.t(
                    " 勾选要推送的需求；家庭登记的需求已勾选，其余需求可补充勾选",
                    " Tick the needs to push; the household's recorded needs come ticked",
                ),
                cx.theme.dim(),
            )),
        ];
        frame.render_widget(Paragraph::new(head), top);
        let block = cx.theme.block("");
        let inner = block.inner(list);
        frame.render_widget(block, list);
        let row = |r: &ProposedReferral| {
            let tick = match (r.open, r.push) {
                (Some(_), _) => "[=]",
                (None, true) => "[x]",
                (None, false) => "[ ]",
            };
            let note = match (r.open, r.recorded) {
                (Some(n), _) => format!("{} {n}", lang.t("已推送待反馈", "open")),
                (None, true) => lang.t("家庭登记的需求", "recorded need").into(),
                (None, false) => String::new(),
            };
            let text = format!(
                "{tick} {} → {}{note}",
                pad_to(lang.of(&r.need), 16),
                pad_to(lang.of(&r.department), 22),
            );
            let style = if r.open.is_some() {
                cx.theme.dim()
            } else if r.push {
                cx.theme.value()
            } else {
                ratatui::style::Style::default()
            };
            ListLine::new(text, style)
        };
        draw_list(frame, inner, cx, &p.rows, self.selected, row, None);
        let today = cx.today();
        let ticked = p.rows.iter().filter(|r| r.push && r.open.is_none()).count();
        let mut info = vec![Line::from(format!(
            " {} {ticked} · {} {}（{}）",
            lang.t("已勾选", "ticked"),
            lang.t("反馈截止", "feedback due"),
            feedback_due(today),
            match lang {
                crate::tui::Lang::Zh => Quarter::for_pushed(today).zh(),
                crate::tui::Lang::En => Quarter::for_pushed(today).to_string(),
            }
        ))];
        if let Some(e) = &self.error {
            info.push(Line::from(Span::styled(format!(" {e}"), cx.theme.warn())));
        }
        frame.render_widget(Paragraph::new(info), bottom);
    }

    /// Reload: after a push its rows show as open, awaiting feedback.
    fn refresh(&mut self, cx: &Cx) {
        match referrals::propose(cx.services, cx.actor, self.case) {
            Ok(p) => {
                self.proposal = p;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.selected = self
            .selected
            .min(self.proposal.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
