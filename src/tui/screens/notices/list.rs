//! The notice list of a town (公示名单): the households now in public notice as the
//! printed notice lays them out (ID numbers masked), `t` for the next town (district
//! staff), `x` writes it as .xlsx and .txt (A4) into the store folder; audited.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::Frame;

use crate::app::workflow;
use crate::domain::procedure::notice_list::notice_text;
use crate::domain::town::Town;
use crate::domain::villages::town_key;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::{Outcome, Screen};
use crate::tui::text_view::TextView;
use crate::tui::Cx;

pub struct NoticeListScreen {
    pub town: Town,
    pub households: usize,
    view: TextView,
    pub error: Option<String>,
}

impl NoticeListScreen {
    /// The list of the actor's own town, or the first town for district staff.
    pub fn open(cx: &Cx) -> Outcome {
        let town = cx.actor.town.unwrap_or(Town::ALL[0]);
        match NoticeListScreen::load(cx, town) {
            Ok(s) => Outcome::push(s),
            Err(msg) => Outcome::Status(msg),
        }
    }

    fn load(cx: &Cx, town: Town) -> Result<NoticeListScreen, String> {
        let say = |e: workflow::FlowError| cx.lang.t(&e.zh(), &e.to_string()).to_string();
        let rows = workflow::notice_rows(cx.services, cx.actor, town, None).map_err(say)?;
        let settings = workflow::procedure_settings(cx.services).map_err(say)?;
        let text = notice_text(
            town,
            None,
            &rows,
            &settings.office(town),
            cx.services.today(),
        );
        let lines = text
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                if i == 0 {
                    Line::styled(t, cx.theme.title())
                } else {
                    Line::from(t)
                }
            })
            .collect();
        Ok(NoticeListScreen {
            town,
            households: rows.len(),
            view: TextView::new(lines),
            error: None,
        })
    }

    fn export(&self, cx: &Cx) -> Outcome {
        let mut written = Vec::new();
        for ext in ["xlsx", "txt"] {
            let path = cx.services.store_path().join(format!(
                "notice-{}-{}.{ext}",
                town_key(self.town),
                cx.services.today()
            ));
            let english = cx.lang == crate::tui::Lang::En;
            match workflow::export_notice_list(
                cx.services,
                cx.actor,
                self.town,
                None,
                &path,
                english,
            ) {
                Ok(_) => written.push(path.display().to_string()),
                Err(e) => return Outcome::Status(cx.lang.t(&e.zh(), &e.to_string()).into()),
            }
        }
        Outcome::Status(format!(
            "{}{}",
            cx.lang.t("公示名单已写入 ", "Notice list written to "),
            written.join(", ")
        ))
    }
}

impl Screen for NoticeListScreen {
    fn title(&self, cx: &Cx) -> String {
        format!(
            "{} · {} {}",
            cx.lang.t("公示名单", "Notice list"),
            cx.lang.of(&self.town),
            self.households
        )
    }

    fn context(&self) -> Context {
        Context::NoticeList
    }

    fn handle(&mut self, cx: &Cx, action: Action) -> Outcome {
        match action {
            Action::Back => Outcome::Pop,
            Action::Export => self.export(cx),
            Action::FilterTown if cx.actor.town.is_none() => {
                let i = Town::ALL.iter().position(|t| *t == self.town).unwrap_or(0);
                let next = Town::ALL[(i + 1) % Town::ALL.len()];
                match NoticeListScreen::load(cx, next) {
                    Ok(s) => {
                        *self = s;
                        Outcome::Stay
                    }
                    Err(msg) => Outcome::Status(msg),
                }
            }
            other => {
                self.view.handle(other);
                Outcome::Stay
            }
        }
    }

    fn draw(&self, cx: &Cx, frame: &mut Frame, area: Rect) {
        self.view.draw(frame, area, cx.lang, cx.theme);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
