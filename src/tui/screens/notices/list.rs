//! The notice list of a town (公示名单): the households now in public notice as the
//! printed notice lays them out (ID numbers masked), `t` for the next town (district
//! staff), `v` for the next of the town's villages with households in notice (then the
//! whole town again), `x` writes what is shown as .xlsx and .txt (A4) into the store
//! folder; audited.

use crate::tui::DrawCx;
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
    /// One village of the town, or the whole town (`None`).
    pub village: Option<String>,
    /// The town's villages with households in notice, in the list's order.
    pub villages: Vec<String>,
    pub households: usize,
    view: TextView,
    pub error: Option<String>,
}

impl NoticeListScreen {
    /// The list of the actor's own town, or the first town for district staff.
    pub fn open(cx: &Cx) -> Outcome {
        let town = cx.actor.town.unwrap_or(Town::ALL[0]);
        match NoticeListScreen::load(cx, town, None) {
            Ok(s) => Outcome::push(s),
            Err(msg) => Outcome::Status(msg),
        }
    }

    fn load(cx: &Cx, town: Town, village: Option<String>) -> Result<NoticeListScreen, String> {
        let say = |e: workflow::FlowError| cx.lang.t(&e.zh(), &e.to_string()).to_string();
        let all = workflow::notice_rows(cx.services, cx.actor, town, None).map_err(say)?;
        let mut villages: Vec<String> = Vec::new();
        for r in &all {
            if !villages.contains(&r.village) {
                villages.push(r.village.clone());
            }
        }
        let rows: Vec<_> = match &village {
            Some(v) => all.into_iter().filter(|r| &r.village == v).collect(),
            None => all,
        };
        let settings = workflow::procedure_settings(cx.services).map_err(say)?;
        let text = notice_text(
            town,
            village.as_deref(),
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
            village,
            villages,
            households: rows.len(),
            view: TextView::new(lines),
            error: None,
        })
    }

    /// The next village with households in notice; after the last, the whole town.
    fn next_village(&self) -> Option<String> {
        match &self.village {
            None => self.villages.first().cloned(),
            Some(v) => {
                let i = self.villages.iter().position(|x| x == v);
                i.and_then(|i| self.villages.get(i + 1)).cloned()
            }
        }
    }

    fn export(&self, cx: &Cx) -> Outcome {
        let mut written = Vec::new();
        for ext in ["xlsx", "txt"] {
            let place = match &self.village {
                Some(v) => format!("{}-{v}", town_key(self.town)),
                None => town_key(self.town).to_string(),
            };
            let path = cx
                .services
                .store_path()
                .join(format!("notice-{place}-{}.{ext}", cx.services.today()));
            let english = cx.lang == crate::tui::Lang::En;
            match workflow::export_notice_list(
                cx.services,
                cx.actor,
                self.town,
                self.village.as_deref(),
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
    fn title(&self, cx: &DrawCx) -> String {
        let place = match &self.village {
            // The village alone: the title bar beside a long account name has room for
            // little more (the notice text below names the town and the village).
            Some(v) => v.clone(),
            None => cx.lang.of(&self.town).to_string(),
        };
        format!(
            "{} · {place} {}",
            cx.lang.t("公示名单", "Notice list"),
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
                match NoticeListScreen::load(cx, next, None) {
                    Ok(s) => {
                        *self = s;
                        Outcome::Stay
                    }
                    Err(msg) => Outcome::Status(msg),
                }
            }
            Action::FilterVillage => {
                if self.villages.is_empty() {
                    return Outcome::Status(
                        cx.lang
                            .t(
                                "本镇街目前没有公示中的家庭",
                                "No household of this town is in public notice",
                            )
                            .into(),
                    );
                }
                match NoticeListScreen::load(cx, self.town, self.next_village()) {
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

    fn draw(&self, cx: &DrawCx, frame: &mut Frame, area: Rect) {
        self.view.draw(frame, area, cx.lang, cx.theme);
    }

    fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }
}
