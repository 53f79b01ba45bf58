//! The written notice of a decided case (确认通知书 / 不予确认告知书): opening it produces
//! the letter (the day is recorded on the case the first time) and shows it as printed;
//! `x` writes it as .txt into the store folder, `d` records that it was delivered today.

use crate::tui::DrawCx;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use crate::app::workflow::{self, LetterEvent};
use crate::domain::case::{Case, CaseId};
use crate::domain::procedure::LetterKind;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Outcome, Screen};
use crate::tui::text_view::TextView;
use crate::tui::Cx;

pub struct LetterScreen {
    pub case: Case,
    pub kind: LetterKind,
    text: Vec<String>,
    view: TextView,
    pub error: Option<String>,
}

impl LetterScreen {
    /// The case's newest letter not yet delivered, else its newest letter.
    pub fn open(cx: &Cx, id: CaseId, rev: u64, case: &Case) -> Outcome {
        let l = cx.lang;
        let Some(kind) = case
            .procedure
            .letter_pending()
            .or(case.procedure.letters.last())
            .map(|x| x.kind)
        else {
            return Outcome::Status(
                l.t(
                    "这个案件没有要出具的告知书（认定生效或不予认定后才有）",
                    "No written notice on this case (there is one once a decision is in force or refused)",
                )
                .into(),
            );
        };
        match workflow::produce_letter(cx.services, cx.actor, id, rev, kind) {
            Ok((case, text)) => {
                let lines = text.iter().cloned().map(Line::from).collect();
                Outcome::push(LetterScreen {
                    case,
                    kind,
                    text,
                    view: TextView::new(lines),
                    error: None,
                })
            }
            Err(e) => Outcome::Status(l.t(&e.zh(), &e.to_string()).into()),
        }
    }
}

impl Screen for LetterScreen {
    fn title(&self, cx: &DrawCx) -> String {
        let number = self
            .case
            .number
            .map_or(format!("#{}", self.case.id.0), |n| n.to_string());
        format!("{} · {}", number, cx.lang.of(&self.kind))
    }

    fn context(&self) -> Context {
        Context::Letter
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        let l = cx.lang;
        match action {
            Action::Back => Outcome::Pop,
            Action::Export => {
                let path = cx.services.store_path().join(format!(
                    "letter-{}-{}.txt",
                    self.case.id.0,
                    cx.services.today()
                ));
                let mut text = self.text.join("\r\n");
                text.push_str("\r\n");
                match std::fs::write(&path, text.as_bytes()) {
                    Ok(()) => Outcome::Status(format!(
                        "{}{}",
                        l.t("告知书已写入 ", "Letter written to "),
                        path.display()
                    )),
                    Err(e) => Outcome::Status(format!("{}: {e}", path.display())),
                }
            }
            Action::Delivered => {
                let event = LetterEvent::Delivered(cx.services.today());
                match workflow::record_letter(
                    cx.services,
                    cx.actor,
                    self.case.id,
                    self.case.rev,
                    self.kind,
                    event,
                ) {
                    Ok(case) => {
                        self.case = case;
                        Outcome::Status(format!(
                            "{}{}",
                            l.t("已登记送达：", "Delivery recorded: "),
                            cx.services.today()
                        ))
                    }
                    Err(e) => Outcome::Status(l.t(&e.zh(), &e.to_string()).into()),
                }
            }
            other => {
                self.view.handle(other);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        self.view.draw(frame, area, cx.lang, cx.theme);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
