//! The clauses the explanation cites, as data (`[clauses]` in `assets/standards.toml`):
//! each a citation in Chinese and English and a `source` note saying where the text was
//! read. A district corrects a citation there, not in code.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::{Table, Value as Toml};

use super::{Problem, StandardsError};

macro_rules! clauses {
    ($($variant:ident => $key:literal),+ $(,)?) => {
        /// A clause the engine cites.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Clause { $($variant),+ }

        impl Clause {
            pub const ALL: &'static [Clause] = &[$(Clause::$variant),+];

            pub fn key(self) -> &'static str {
                match self { $(Clause::$variant => $key),+ }
            }
        }
    };
}

clauses! {
    DestituteConditions => "destitute_conditions",
    NoLabour => "no_labour",
    NoLabourElderly => "no_labour_elderly",
    NoLabourChild => "no_labour_child",
    NoLabourDisability => "no_labour_disability",
    NoLabourProvince => "no_labour_province",
    NoIncomeSource => "no_income_source",
    ObligorAble => "obligor_able",
    ObligorUnable => "obligor_unable",
    DestituteSupport => "destitute_support",
    DibaoConditions => "dibao_conditions",
    DibaoBenefit => "dibao_benefit",
    DibaoLabourLocal => "dibao_labour_local",
    ClassifiedSupplement => "classified_supplement",
    Marginal => "marginal",
    RigidExpense => "rigid_expense",
    MonitoringTag => "monitoring_tag",
    Generous => "generous",
}

/// One citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cite {
    pub zh: String,
    pub en: String,
    /// Where the text was read, and what was assumed.
    pub source: String,
}

/// Every clause's citation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clauses {
    cites: BTreeMap<String, Cite>,
}

impl Clauses {
    /// The citation of `clause`: ("《特困人员认定办法》第四条", "Destitute Persons Measures, art. 4").
    /// A clause missing from the file is cited by its key, so the gap shows.
    pub fn cite(&self, clause: Clause) -> (&str, &str) {
        match self.cites.get(clause.key()) {
            Some(c) => (c.zh.as_str(), c.en.as_str()),
            None => (clause.key(), clause.key()),
        }
    }

    pub fn get(&self, clause: Clause) -> Option<&Cite> {
        self.cites.get(clause.key())
    }

    pub fn is_empty(&self) -> bool {
        self.cites.is_empty()
    }

    /// Read `[clauses]`; every clause the engine cites must be there.
    pub(super) fn parse(t: &Table) -> Result<Clauses, StandardsError> {
        let err = |problem| StandardsError::Set {
            set: "[clauses]".into(),
            problem,
        };
        let mut cites = BTreeMap::new();
        for (key, v) in t {
            if !Clause::ALL.iter().any(|c| c.key() == key) {
                return Err(err(Problem::Unknown {
                    key: format!("clauses.{key}"),
                }));
            }
            let text = |field: &str| match v.get(field) {
                Some(Toml::String(s)) => Ok(s.clone()),
                _ => Err(err(Problem::Missing {
                    key: format!("clauses.{key}.{field}"),
                })),
            };
            cites.insert(
                key.clone(),
                Cite {
                    zh: text("zh")?,
                    en: text("en")?,
                    source: text("source")?,
                },
            );
        }
        if let Some(c) = Clause::ALL.iter().find(|c| !cites.contains_key(c.key())) {
            return Err(err(Problem::Missing {
                key: format!("clauses.{}", c.key()),
            }));
        }
        Ok(Clauses { cites })
    }

    /// `[clauses]` as TOML source.
    pub(super) fn write(&self) -> String {
        let mut out = String::from("\n[clauses]\n");
        for (key, c) in &self.cites {
            out.push_str(&format!(
                "{key} = {{ zh = {}, en = {}, source = {} }}\n",
                Toml::String(c.zh.clone()),
                Toml::String(c.en.clone()),
                Toml::String(c.source.clone())
            ));
        }
        out
    }
}
