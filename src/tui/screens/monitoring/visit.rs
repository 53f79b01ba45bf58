//! The monitoring visit of one household: why it is watched (and until when), its
//! indicators now, what changed at the last reading, its alerts, readings and exits.
//! `e` records a new reading (quick entry: the form starts from the latest values and
//! typing on a field just reached replaces it), `X` ends the household's support.

use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::text_key::TextKey;
use crate::tui::DrawCx;
use crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::forms::{exit_form, exit_of, reading_form, reading_of};
use super::say;
use crate::app::monitoring::{self, ExitInput, HouseholdView};
use crate::domain::household::HouseholdId;
use crate::tui::action::Action;
use crate::tui::form::{complaint_line, draw_grid, Form};
use crate::tui::screens::Outcome;
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

enum Editing {
    Reading(Form),
    Exit(Form),
}

pub struct VisitScreen {
    id: HouseholdId,
    view: Option<HouseholdView>,
    editing: Option<Editing>,
    /// The focused field was just reached: the first character typed replaces it.
    fresh: bool,
    pub error: Option<String>,
}

impl VisitScreen {
    pub fn load(cx: &Cx, id: HouseholdId) -> Result<VisitScreen, String> {
        let view =
            monitoring::household_view(cx.services, cx.actor, id).map_err(|e| say(cx.lang, &e))?;
        Ok(VisitScreen {
            id,
            view: Some(view),
            editing: None,
            fresh: true,
            error: None,
        })
    }

    fn save(&mut self, cx: &Cx) -> Outcome {
        let (Some(view), Some(editing)) = (&self.view, &mut self.editing) else {
            return Outcome::Stay;
        };
        let today = cx.services.today();
        let rev = view.household.rev;
        let form = match editing {
            Editing::Reading(f) | Editing::Exit(f) => f,
        };
        if form.check_all().is_err() {
            self.fresh = false;
            return Outcome::Stay;
        }
        let result = match editing {
            Editing::Reading(f) => {
                let reading = reading_of(f, self.id, today);
                monitoring::record_reading(cx.services, cx.actor, rev, reading).map(|out| {
                    let rules: Vec<&str> = out.raised.iter().map(|a| cx.lang.of(&a.rule)).collect();
                    let mut msg = match (cx.lang, rules.is_empty()) {
                        (Lang::Zh, true) => "监测记录已保存，未触发预警".to_string(),
                        (Lang::Zh, false) => {
                            format!("监测记录已保存，新预警：{}", rules.join("、"))
                        }
                        (Lang::En, true) => "Reading saved; no alert".to_string(),
                        (Lang::En, false) => {
                            format!("Reading saved; new alerts: {}", rules.join(", "))
                        }
                    };
                    if let Some((zh, en)) = out.warning {
                        msg = format!("{msg} · {}", cx.lang.t(&zh, &en));
                    }
                    msg
                })
            }
            Editing::Exit(f) => {
                let (reason, decided_on, note) = exit_of(f, today);
                let input = ExitInput {
                    household: self.id,
                    rev,
                    reason,
                    note,
                    decided_on,
                };
                monitoring::exit_support(cx.services, cx.actor, input).map(|e| {
                    match (cx.lang, e.taper_until()) {
                        (Lang::Zh, Some(d)) => format!(
                            "已办理退出：渐退期 {} 个月，至 {d}，{} 起停发",
                            e.taper_months, e.support_ends
                        ),
                        (Lang::En, Some(d)) => format!(
                            "Exit recorded: taper {} months until {d}; support ends {}",
                            e.taper_months, e.support_ends
                        ),
                        (Lang::Zh, None) => format!("已办理退出，{} 起停止救助", e.support_ends),
                        (Lang::En, None) => {
                            format!("Exit recorded; support ends {}", e.support_ends)
                        }
                    }
                })
            }
        };
        match result {
            Ok(msg) => {
                self.editing = None;
                self.refresh(cx);
                Outcome::Status(msg)
            }
            Err(e) => Outcome::Status(say(cx.lang, &e)),
        }
    }
}

impl Screen for VisitScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let head = self.view.as_ref().map_or("", |v| v.household.head_name());
        format!("{} · {head}", cx.lang.t("动态监测", "Monitoring"))
    }

    fn context(&self) -> Context {
        if self.editing.is_some() {
            Context::EntryForm
        } else {
            Context::Visit
        }
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        if let Some(editing) = self.editing.as_mut() {
            let form = match editing {
                Editing::Reading(f) | Editing::Exit(f) => f,
            };
            match action {
                Action::Save => return self.save(cx),
                Action::Back => self.editing = None,
                Action::NextField if form.advance().is_ok() => self.fresh = true,
                Action::PrevField => {
                    form.retreat();
                    self.fresh = true;
                }
                _ => {}
            }
            return Outcome::Stay;
        }
        let today = cx.services.today();
        match action {
            Action::Back => Outcome::Pop,
            Action::Refresh => {
                self.refresh(cx);
                Outcome::Stay
            }
            Action::NewReading => {
                if let Some(v) = &self.view {
                    self.editing = Some(Editing::Reading(reading_form(
                        &v.latest,
                        today,
                        &cx.actor.user,
                    )));
                    self.fresh = true;
                }
                Outcome::Stay
            }
            Action::ExitSupport => {
                self.editing = Some(Editing::Exit(exit_form(today)));
                self.fresh = true;
                Outcome::Stay
            }
            _ => Outcome::Stay,
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        let Some(v) = &self.view else { return };
        // The keys (e new reading, X end support) are in the footer, from the keymap.
        let [top, rest] = Layout::vertical([Constraint::Length(3), Constraint::Min(0)]).areas(area);
        frame.render_widget(Paragraph::new(summary(cx, v)), top);
        match &self.editing {
            Some(Editing::Reading(f)) | Some(Editing::Exit(f)) => {
                let exit = matches!(self.editing, Some(Editing::Exit(_)));
                // Tab, Enter and Esc are in the footer (the keymap's EntryForm).
                let title = if exit {
                    cx.lang.t(" 办理退出 ", " End support ")
                } else {
                    cx.lang.t(" 录入监测 ", " New reading ")
                };
                let block = cx.theme.block(title);
                let inner = block.inner(rest);
                frame.render_widget(block, rest);
                let [grid, note] =
                    Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner);
                draw_grid(frame, grid, cx, f, true, 2);
                let complaint = f.focused().and_then(|x| x.error.as_ref());
                frame.render_widget(Paragraph::new(complaint_line(cx, complaint)), note);
            }
            None => frame.render_widget(
                Paragraph::new(history(cx, v, usize::from(rest.width))),
                rest,
            ),
        }
    }

    fn on_text(&mut self, _cx: &Cx, key: &TextKey) -> Option<Outcome> {
        let form = match self.editing.as_mut()? {
            Editing::Reading(f) | Editing::Exit(f) => f,
        };
        match key.code {
            KeyCode::Char(_) => {
                if let Some(f) = form.fields.get_mut(form.focus) {
                    if self.fresh && !f.is_choice() {
                        f.set_raw("");
                    }
                }
                form.key(key);
                self.fresh = false;
            }
            _ => {
                form.key(key);
                self.fresh = false;
            }
        }
        Some(Outcome::Stay)
    }

    fn refresh(&mut self, cx: &Cx) {
        match monitoring::household_view(cx.services, cx.actor, self.id) {
            Ok(v) => {
                self.view = Some(v);
                self.error = None;
            }
            Err(e) => self.error = Some(say(cx.lang, &e)),
        }
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}

fn summary(cx: &DrawCx, v: &HouseholdView) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let h = &v.household;
    let groups: Vec<&str> = v.membership.groups.iter().map(|g| lang.of(g)).collect();
    let mut dates = Vec::new();
    if let Some(d) = v.membership.taper_until {
        dates.push(match lang {
            Lang::Zh => format!("渐退期至 {d}"),
            Lang::En => format!("taper until {d}"),
        });
    }
    match v.membership.leaves_on() {
        Some(d) => dates.push(match lang {
            Lang::Zh => format!("{d} 起自动移出监测"),
            Lang::En => format!("leaves the roster on {d}"),
        }),
        None if !v.membership.on_roster() => {
            dates.push(lang.t("不在监测范围内", "not on the roster").into())
        }
        None => {}
    }
    let s = &v.latest;
    vec![
        Line::from(Span::styled(
            format!(
                " {} · {} · {} · {}{}",
                h.head_name(),
                lang.of(&h.town),
                h.village,
                h.size(),
                lang.t("人", " members")
            ),
            cx.theme.title(),
        )),
        Line::from(Span::styled(
            format!(" {} {}", groups.join(lang.t("、", ", ")), dates.join(" · ")),
            cx.theme.notice(),
        )),
        Line::from(format!(
            " {} {} · {} {} · {} {} · {} {}",
            lang.t("年收入", "income/yr"),
            s.annual_income,
            lang.t("劳动力", "able"),
            s.able,
            lang.t("住房", "housing"),
            lang.of(&s.housing),
            lang.t("饮水", "water"),
            lang.of(&s.drinking_water)
        )),
    ]
}

fn history(cx: &DrawCx, v: &HouseholdView, width: usize) -> Vec<Line<'static>> {
    let lang = cx.lang;
    let heading = |t: &str| Line::from(Span::styled(format!(" {t}"), cx.theme.label()));
    let mut out = vec![heading(
        lang.t("较上次监测的变化", "Changed at the last reading"),
    )];
    if v.changed.is_empty() {
        out.push(Line::from(
            lang.t("   无变化或尚无监测记录", "   nothing, or no reading yet"),
        ));
    }
    for c in &v.changed {
        let (old, new) = match lang {
            Lang::Zh => (&c.old_zh, &c.new_zh),
            Lang::En => (&c.old_en, &c.new_en),
        };
        let arrow = if old.is_empty() {
            String::new()
        } else {
            format!("{old} → ")
        };
        let style = if c.worse {
            cx.theme.warn()
        } else {
            cx.theme.value()
        };
        out.push(Line::from(Span::styled(
            pad_to(
                &format!(
                    "   {}{}{arrow}{new}",
                    lang.of(&c.indicator),
                    lang.t("：", ": ")
                ),
                width,
            ),
            style,
        )));
    }
    out.push(heading(lang.t("预警", "Alerts")));
    for a in v.alerts.iter().take(4) {
        out.push(Line::from(format!(
            "   {} {} {} {}",
            a.raised_on,
            pad_to(lang.of(&a.severity), 4),
            pad_to(lang.of(&a.rule), 24),
            lang.of(&a.status)
        )));
    }
    out.push(heading(lang.t("监测记录", "Readings")));
    for r in v.readings.iter().take(4) {
        out.push(Line::from(format!(
            "   {} {} {} {}",
            r.date,
            pad_to(&r.by, 12),
            lang.t("年收入", "income"),
            r.annual_income
        )));
    }
    for e in &v.exits {
        out.push(Line::from(Span::styled(
            format!(
                "   {} {} {} · {} {}",
                e.decided_on,
                lang.t("退出", "left"),
                lang.of(&e.category),
                lang.of(&e.reason),
                e.support_ends
            ),
            cx.theme.notice(),
        )));
    }
    out
}
