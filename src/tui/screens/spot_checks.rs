//! The district's spot checks (抽查): every drawn decision with its outcome, newest period
//! first. `d` draws a town's sample for a period (asked in a prompt: town and period,
//! last month by default), Enter records the selected check's outcome (decision upheld
//! or problem found, with a note), `x` exports the list (.xlsx beside the store folder,
//! ID numbers masked).

use crate::tui::DrawCx;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use crate::app::spot_check::{self, SpotRow};
use crate::domain::spot_check::{SpotOutcome, SpotPeriod};
use crate::domain::town::Town;
use crate::domain::Label;
use crate::tui::action::Action;
use crate::tui::form::{Field, Kind};
use crate::tui::keymap::Context;
use crate::tui::prompt::{Answer, Prompt, Question};
use crate::tui::screens::paged::{draw_list, ListLine};
use crate::tui::screens::{move_selection, Outcome, Screen};
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

pub struct SpotChecksScreen {
    rows: Vec<SpotRow>,
    selected: usize,
    pub error: Option<String>,
}

/// Last month, the period a district usually checks.
fn last_month(cx: &Cx) -> String {
    let today = cx.services.today();
    let first = today.with_day0(0).unwrap_or(today);
    SpotPeriod::month_of(first.pred_opt().unwrap_or(first)).name
}

use chrono::Datelike;

impl SpotChecksScreen {
    pub fn new(cx: &Cx) -> SpotChecksScreen {
        let mut s = SpotChecksScreen {
            rows: Vec::new(),
            selected: 0,
            error: None,
        };
        s.refresh(cx);
        s
    }

    pub fn rows(&self) -> &[SpotRow] {
        &self.rows
    }

    fn current(&self) -> Option<&SpotRow> {
        self.rows.get(self.selected)
    }

    fn ask_draw(&self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        let mut town = Field::choice_of("镇街", "town", Town::ALL);
        if let Some(t) = cx.actor.town {
            town.choice = t.index();
        }
        let period = Field::new(
            "期间（2026-03 / 2026Q1 / 2026）",
            "period (2026-03 / 2026Q1 / 2026)",
            Kind::Text { required: true },
        )
        .with_text(&last_month(cx));
        let body = vec![Line::from(l.t(
            "按设定比例抽取该镇街该期间的审核确认决定；同一镇街同一期间每次抽取结果相同。",
            "Draws the settings' share of the town's decisions of the period; the same town and period always give the same sample.",
        ))];
        Outcome::ask(
            Prompt::confirm(Question::SpotDraw, l.t("抽查", "Spot check"), body)
                .with_fields(vec![town, period]),
        )
    }

    fn ask_outcome(&self, cx: &Cx) -> Outcome {
        let l = cx.lang;
        let Some(r) = self.current() else {
            return Outcome::Stay;
        };
        let result = Field::choice_of(
            "核查结果",
            "outcome",
            &[SpotOutcome::Upheld, SpotOutcome::Flawed],
        );
        let note = Field::new(
            "说明（发现问题时必填）",
            "note (required for a problem)",
            Kind::Text { required: false },
        )
        .with_text(&r.check.note);
        let body = vec![Line::from(format!(
            "{} · {} · {} · {}",
            r.check
                .number
                .map_or_else(|| format!("#{}", r.check.case.0), |n| n.to_string()),
            r.head,
            r.village,
            l.of(&r.check.stage)
        ))];
        Outcome::ask(
            Prompt::confirm(
                Question::SpotOutcome,
                l.t("登记抽查结果", "Spot-check outcome"),
                body,
            )
            .with_fields(vec![result, note]),
        )
    }

    fn export(&mut self, cx: &Cx) -> Outcome {
        let dir = cx
            .services
            .store_path()
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_default();
        let name = match cx.lang {
            Lang::Zh => format!("抽查清单-{}.xlsx", cx.services.today()),
            Lang::En => format!("spot-checks-{}.xlsx", cx.services.today()),
        };
        let path = dir.join(name);
        match spot_check::export(
            cx.services,
            cx.actor,
            None,
            None,
            &path,
            cx.lang == Lang::En,
        ) {
            Ok(n) => Outcome::Status(format!(
                "{} {}（{n}）",
                cx.lang.t("已导出", "Exported"),
                path.display()
            )),
            Err(e) => Outcome::Status(cx.lang.say(&e)),
        }
    }
}

impl Screen for SpotChecksScreen {
    fn title(&self, cx: &DrawCx) -> String {
        cx.lang.t("区级抽查", "Spot checks").to_string()
    }

    fn context(&self) -> Context {
        Context::SpotChecks
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::DrawSample => self.ask_draw(cx),
            Action::Open => self.ask_outcome(cx),
            Action::Export => self.export(cx),
            other => {
                move_selection(&mut self.selected, self.rows.len(), other, 10);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let lang = cx.lang;
        let [top, columns, list, bottom] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(1),
        ])
        .areas(area);
        let pending = self
            .rows
            .iter()
            .filter(|r| r.check.outcome == SpotOutcome::Pending)
            .count();
        let flawed = self
            .rows
            .iter()
            .filter(|r| r.check.outcome == SpotOutcome::Flawed)
            .count();
        let head = Line::from(vec![
            Span::styled(
                format!(" {} {} ", lang.t("抽查", "Drawn"), self.rows.len()),
                cx.theme.title(),
            ),
            Span::styled(
                format!(" {} {pending} ", lang.t("待核查", "pending")),
                cx.theme.label(),
            ),
            Span::styled(
                format!(" {} {flawed} ", lang.t("发现问题", "problems")),
                if flawed > 0 {
                    cx.theme.warn()
                } else {
                    cx.theme.label()
                },
            ),
        ]);
        frame.render_widget(Paragraph::new(head), top);
        // English: the town gets 7 columns and the stage 9 ("confirmed"), the outcome a
        // word of 6, so the row keeps to 80 columns with nothing cut.
        let stage_w = if lang == Lang::Zh { 8 } else { 9 };
        // The keys are in the footer (the keymap); the column names head the list.
        let names = format!(
            " {} {} {} {} {} {} {}",
            pad_to(lang.t("镇街", "town"), super::dashboard::town_column(lang)),
            pad_to(lang.t("期间", "period"), 7),
            pad_to(lang.t("案件编号", "case no."), 18),
            pad_to(lang.t("户主", "head"), 8),
            pad_to(lang.t("身份证号", "ID number"), 18),
            pad_to(lang.t("阶段", "stage"), stage_w),
            lang.t("核查结果", "result"),
        );
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(names, cx.theme.dim()))),
            columns,
        );
        let row = |r: &SpotRow| {
            let c = &r.check;
            let text = format!(
                "{} {} {} {} {} {} {}",
                super::dashboard::town_cell(lang, c.town),
                pad_to(&c.period, 7),
                pad_to(
                    &c.number
                        .map_or_else(|| format!("#{}", c.case.0), |n| n.to_string()),
                    18
                ),
                pad_to(&r.head, 8),
                pad_to(&r.head_id_masked, 18),
                pad_to(lang.of(&c.stage), stage_w),
                outcome_cell(lang, c.outcome),
            );
            let style = if c.outcome == SpotOutcome::Flawed {
                cx.theme.warn()
            } else {
                ratatui::style::Style::default()
            };
            ListLine::new(text, style)
        };
        let empty = lang.t(
            " 尚未抽查：按 d 抽取",
            " Nothing drawn yet: press d to draw",
        );
        draw_list(
            frame,
            list,
            cx,
            &self.rows,
            self.selected,
            row,
            Some((empty, cx.theme.dim())),
        );
        let note = self
            .current()
            .map_or(String::new(), |r| r.check.note.clone());
        let detail = vec![Line::from(Span::styled(
            pad_to(&format!(" {note}"), usize::from(bottom.width)),
            cx.theme.value(),
        ))];
        frame.render_widget(Paragraph::new(detail), bottom);
    }

    fn answer(&mut self, cx: &Cx, prompt: Prompt, answer: Answer) -> Outcome {
        if answer != Answer::Yes {
            return Outcome::Stay;
        }
        let l = cx.lang;
        let result = match prompt.question {
            Question::SpotDraw => {
                let town = prompt
                    .form
                    .get(0)
                    .and_then(|f| Town::ALL.get(f.choice))
                    .copied()
                    .unwrap_or(Town::Chengguan);
                let period = prompt.text(1);
                spot_check::draw_sample(cx.services, cx.actor, town, &period).map(|d| {
                    match (l, d.again) {
                        (Lang::Zh, false) => format!(
                            "{} {}：决定 {} 件，抽取 {} 件（{}%）",
                            town.zh(),
                            d.period.name,
                            d.decisions,
                            d.drawn.len(),
                            d.share_percent
                        ),
                        (Lang::Zh, true) => format!(
                            "{} {} 已抽取过，共 {} 件",
                            town.zh(),
                            d.period.name,
                            d.drawn.len()
                        ),
                        (Lang::En, false) => format!(
                            "{} {}: {} decisions, {} drawn ({}%)",
                            town.en(),
                            d.period.name,
                            d.decisions,
                            d.drawn.len(),
                            d.share_percent
                        ),
                        (Lang::En, true) => format!(
                            "{} {} was drawn before: {} cases",
                            town.en(),
                            d.period.name,
                            d.drawn.len()
                        ),
                    }
                })
            }
            Question::SpotOutcome => {
                let Some(r) = self.current() else {
                    return Outcome::Stay;
                };
                let outcome = match prompt.form.get(0).map(|f| f.choice) {
                    Some(1) => SpotOutcome::Flawed,
                    _ => SpotOutcome::Upheld,
                };
                let c = &r.check;
                spot_check::record_outcome(
                    cx.services,
                    cx.actor,
                    c.town,
                    &c.period,
                    c.case,
                    c.rev,
                    outcome,
                    &prompt.text(1),
                )
                .map(|c| {
                    format!(
                        "{}：{}",
                        l.t("已登记抽查结果", "Outcome recorded"),
                        l.of(&c.outcome)
                    )
                })
            }
            _ => return Outcome::Stay,
        };
        self.refresh(cx);
        match result {
            Ok(msg) => Outcome::Status(msg),
            Err(e) => Outcome::Status(l.say(&e)),
        }
    }

    fn refresh(&mut self, cx: &Cx) {
        match spot_check::list(cx.services, cx.actor, None, None) {
            Ok(mut rows) => {
                rows.sort_by(|a, b| {
                    b.check
                        .period
                        .cmp(&a.check.period)
                        .then(a.check.town.cmp(&b.check.town))
                        .then(a.check.case.cmp(&b.check.case))
                });
                self.rows = rows;
                self.error = None;
            }
            Err(e) => self.error = Some(cx.lang.say(&e)),
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

/// The outcome in the list's last column: the label in Chinese (4 characters); in English
/// a word of at most 6 letters, as the labels ("not yet checked") do not fit 80 columns.
fn outcome_cell(lang: Lang, o: SpotOutcome) -> String {
    match lang {
        Lang::Zh => pad_to(lang.of(&o), 8),
        Lang::En => match o {
            SpotOutcome::Pending => "open",
            SpotOutcome::Upheld => "upheld",
            SpotOutcome::Flawed => "flawed",
        }
        .to_string(),
    }
}
