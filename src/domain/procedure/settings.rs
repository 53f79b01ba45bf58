//! The procedure's periods and the office's details, from `assets/procedure.toml` (or the
//! district's own copy in the store folder). Every period carries its source and whether
//! the district has confirmed it.

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::domain::town::Town;
use crate::domain::Label;

/// One setting with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Setting<T> {
    pub value: T,
    pub confirmed: bool,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct NoticeSettings {
    /// Calendar days of the public notice (公示期).
    pub days: Setting<u32>,
    /// The notice starts the day after the decision (else on the day itself).
    pub starts_next_day: Setting<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ObjectionSettings {
    /// Working days to decide again after an objection.
    pub redecide_working_days: Setting<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct LetterSettings {
    /// Working days within which the written notice is due.
    pub letter_working_days: Setting<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReviewLimitSettings {
    /// Whether the 15 working days of the review include the notice period.
    pub includes_notice: Setting<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PaymentSettings {
    /// Payment starts this many months after the month of the decision.
    pub months_after_decision: Setting<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AppealSettings {
    pub reconsideration_days: Setting<u32>,
    pub litigation_months: Setting<u32>,
    pub reconsideration_body: String,
}

/// The office that signs notices and letters, and the hotline for objections.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Office {
    pub name: String,
    pub hotline: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OfficeSettings {
    pub name: String,
    pub hotline: String,
    /// A town's own office, by the town's Chinese name.
    #[serde(default)]
    pub towns: BTreeMap<String, Office>,
}

/// Everything `assets/procedure.toml` holds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProcedureSettings {
    pub notice: NoticeSettings,
    pub objection: ObjectionSettings,
    pub refusal: LetterSettings,
    pub approval: LetterSettings,
    pub review_limit: ReviewLimitSettings,
    pub payment: PaymentSettings,
    pub appeal: AppealSettings,
    pub office: OfficeSettings,
}

/// The bundled settings file.
pub const BUNDLED: &str = include_str!("../../../assets/procedure.toml");

impl ProcedureSettings {
    /// Read the settings; an error names the line (1-based) and what is wrong there.
    pub fn from_toml(text: &str) -> Result<ProcedureSettings, String> {
        let s = toml::from_str::<ProcedureSettings>(text).map_err(|e| {
            let line = e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            });
            format!("line {line}: {}", e.message().trim())
        })?;
        if s.notice.days.value == 0 {
            return Err("[notice] days must be at least 1".into());
        }
        if s.objection.redecide_working_days.value == 0
            || s.refusal.letter_working_days.value == 0
            || s.approval.letter_working_days.value == 0
        {
            return Err("working-day limits must be at least 1".into());
        }
        if let Some(name) = s.office.towns.keys().find(|k| town_named(k).is_none()) {
            return Err(format!(
                "[office.towns]: \"{name}\" is not a town of the district"
            ));
        }
        Ok(s)
    }

    pub fn bundled() -> Result<ProcedureSettings, String> {
        ProcedureSettings::from_toml(BUNDLED)
    }

    /// The office that signs for `town`: its own if listed, else the district's.
    pub fn office(&self, town: Town) -> Office {
        self.office
            .towns
            .get(town.zh())
            .cloned()
            .unwrap_or_else(|| Office {
                name: self.office.name.clone(),
                hotline: self.office.hotline.clone(),
            })
    }

    /// Settings the district has not confirmed yet, by their table and key.
    pub fn unconfirmed(&self) -> Vec<&'static str> {
        let flags = [
            ("notice.days", self.notice.days.confirmed),
            (
                "notice.starts_next_day",
                self.notice.starts_next_day.confirmed,
            ),
            (
                "objection.redecide_working_days",
                self.objection.redecide_working_days.confirmed,
            ),
            (
                "refusal.letter_working_days",
                self.refusal.letter_working_days.confirmed,
            ),
            (
                "approval.letter_working_days",
                self.approval.letter_working_days.confirmed,
            ),
            (
                "review_limit.includes_notice",
                self.review_limit.includes_notice.confirmed,
            ),
            (
                "payment.months_after_decision",
                self.payment.months_after_decision.confirmed,
            ),
        ];
        flags
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(k, _)| k)
            .collect()
    }
}

fn town_named(name: &str) -> Option<Town> {
    Town::ALL.iter().copied().find(|t| t.zh() == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_file_reads_with_the_issues_periods() {
        let s = ProcedureSettings::bundled().expect("bundled");
        assert_eq!(s.notice.days.value, 7);
        assert_eq!(s.objection.redecide_working_days.value, 20);
        assert_eq!(s.refusal.letter_working_days.value, 3);
        assert_eq!(s.payment.months_after_decision.value, 1);
        assert!(!s.review_limit.includes_notice.value);
        assert!(s.notice.days.source.contains("民发〔2021〕57号"));
        assert!(s.unconfirmed().contains(&"notice.days"));
        assert_eq!(s.office(Town::Chenlu).name, "铜川市印台区民政局");
    }

    #[test]
    fn a_town_office_overrides_the_district_and_a_wrong_town_is_refused() {
        let own = format!(
            "{BUNDLED}\n[office.towns.\"陈炉镇\"]\nname = \"陈炉镇人民政府\"\nhotline = \"0919-1\"\n"
        );
        let s = ProcedureSettings::from_toml(&own).expect("own");
        assert_eq!(s.office(Town::Chenlu).name, "陈炉镇人民政府");
        assert_eq!(s.office(Town::Hongtu).name, "铜川市印台区民政局");
        let wrong = format!("{BUNDLED}\n[office.towns.\"北京\"]\nname = \"x\"\nhotline = \"1\"\n");
        let e = ProcedureSettings::from_toml(&wrong).expect_err("refused");
        assert!(e.contains("北京"), "{e}");
    }

    #[test]
    fn a_wrong_line_is_named() {
        let text = BUNDLED.replacen("days = { value = 7", "days = { value = \"seven\"", 1);
        let e = ProcedureSettings::from_toml(&text).expect_err("refused");
        let line = BUNDLED
            .lines()
            .position(|l| l.starts_with("days = { value = 7"))
            .expect("line")
            + 1;
        assert!(e.starts_with(&format!("line {line}:")), "{e}");
    }
}
