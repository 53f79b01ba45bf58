//! Villages and communities of each town, read from `assets/villages.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::town::Town;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Villages {
    by_town: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VillagesError {
    #[error("the village list cannot be read: {0}")]
    Syntax(String),
    #[error("the village list has no villages for {0}")]
    MissingTown(&'static str),
    #[error("the village list names a town that does not exist: {0}")]
    UnknownTown(String),
}

#[derive(Deserialize)]
struct Entry {
    villages: Vec<String>,
}

/// The key a town has in the data file.
pub fn town_key(town: Town) -> &'static str {
    match town {
        Town::Chengguan => "chengguan",
        Town::Yintai => "yintai",
        Town::Sanlidong => "sanlidong",
        Town::Wangshiao => "wangshiao",
        Town::Chenlu => "chenlu",
        Town::Hongtu => "hongtu",
        Town::Azhuang => "azhuang",
        Town::Guangyang => "guangyang",
        Town::Jinsuoguan => "jinsuoguan",
    }
}

impl Villages {
    pub fn from_toml(text: &str) -> Result<Villages, VillagesError> {
        let raw: BTreeMap<String, Entry> =
            toml::from_str(text).map_err(|e| VillagesError::Syntax(e.to_string()))?;
        if let Some(unknown) = raw
            .keys()
            .find(|k| !Town::ALL.iter().any(|t| town_key(*t) == k.as_str()))
        {
            return Err(VillagesError::UnknownTown(unknown.clone()));
        }
        let mut by_town = Vec::with_capacity(Town::ALL.len());
        for town in Town::ALL {
            let list = raw
                .get(town_key(*town))
                .map(|e| e.villages.clone())
                .filter(|v| !v.is_empty())
                .ok_or(VillagesError::MissingTown(town_key(*town)))?;
            by_town.push(list);
        }
        Ok(Villages { by_town })
    }

    pub fn bundled() -> Result<Villages, VillagesError> {
        Villages::from_toml(include_str!("../../assets/villages.toml"))
    }

    pub fn of(&self, town: Town) -> &[String] {
        self.by_town.get(town.index()).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_list_covers_every_town() {
        let v = Villages::bundled().expect("bundled villages parse");
        for t in Town::ALL {
            assert!(!v.of(*t).is_empty(), "{t:?}");
        }
        assert!(v.of(Town::Chenlu).iter().any(|n| n == "陈炉村"));
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(
            Villages::from_toml("[nowhere]\nvillages = [\"a\"]"),
            Err(VillagesError::UnknownTown("nowhere".into()))
        );
        assert_eq!(
            Villages::from_toml("[chenlu]\nvillages = [\"a\"]"),
            Err(VillagesError::MissingTown("chengguan"))
        );
        assert!(matches!(
            Villages::from_toml("[[["),
            Err(VillagesError::Syntax(_))
        ));
    }
}
