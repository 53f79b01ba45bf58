//! The departments that needs are pushed to, and which department answers for which
//! need: data in `assets/departments.toml`, editable by the district.

use std::collections::BTreeMap;
use std::fmt;

use toml::Spanned;

use crate::domain::need::Need;
use crate::domain::Label;
use crate::labelled_enum;

labelled_enum! {
    /// The departments of seed §7 (因需推送), in ledger order.
    pub enum Department {
        MedicalInsurance => ("医保局", "Medical Insurance"),
        Health => ("卫健局", "Health"),
        Education => ("教体局", "Education & Sports"),
        Housing => ("住建局", "Housing & Construction"),
        Water => ("水务局", "Water Affairs"),
        HumanResources => ("人社局", "Human Resources"),
        DisabledPersons => ("残联", "Disabled Persons' Fed."),
        Women => ("妇联", "Women's Federation"),
        TradeUnion => ("总工会", "Trade Union"),
        Agriculture => ("农业农村局", "Agriculture & Rural"),
    }
}

impl Department {
    /// The key a department may have in the data file (besides its Chinese name).
    pub fn key(self) -> &'static str {
        match self {
            Department::MedicalInsurance => "medical_insurance",
            Department::Health => "health",
            Department::Education => "education",
            Department::Housing => "housing",
            Department::Water => "water",
            Department::HumanResources => "human_resources",
            Department::DisabledPersons => "disabled_persons",
            Department::Women => "women",
            Department::TradeUnion => "trade_union",
            Department::Agriculture => "agriculture",
        }
    }

    /// By Chinese name or key, as written in the data file.
    pub fn named(name: &str) -> Option<Department> {
        let name = name.trim();
        Department::ALL
            .iter()
            .copied()
            .find(|d| d.zh() == name || d.key() == name)
    }
}

/// The key a need may have in the data file (besides its Chinese name).
pub fn need_key(need: Need) -> &'static str {
    match need {
        Need::Medical => "medical",
        Need::Schooling => "schooling",
        Need::Housing => "housing",
        Need::DrinkingWater => "drinking_water",
        Need::Unemployment => "unemployment",
        Need::Disability => "disability",
        Need::WomenChildren => "women_children",
        Need::WorkerHardship => "worker_hardship",
        Need::RuralRevitalisation => "rural_revitalisation",
    }
}

/// A need by Chinese name or key.
pub fn need_named(name: &str) -> Option<Need> {
    let name = name.trim();
    Need::ALL
        .iter()
        .copied()
        .find(|n| n.zh() == name || need_key(*n) == name)
}

/// Why the department file was refused; `line` is 1-based, 0 when unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapError {
    Syntax(String),
    UnknownNeed { line: usize, name: String },
    UnknownDepartment { line: usize, name: String },
    NoDepartment { line: usize, need: Need },
    MissingNeed(Need),
    Twice { line: usize, need: Need },
}

fn all_departments() -> String {
    Department::ALL
        .iter()
        .map(|d| d.zh())
        .collect::<Vec<_>>()
        .join("、")
}

fn all_needs() -> String {
    Need::ALL
        .iter()
        .map(|n| n.zh())
        .collect::<Vec<_>>()
        .join("、")
}

impl MapError {
    pub fn zh(&self) -> String {
        match self {
            MapError::Syntax(e) => format!("部门对应表格式有误：{e}"),
            MapError::UnknownNeed { line, name } => {
                format!(
                    "部门对应表第{line}行：没有“{name}”这项需求，可写：{}",
                    all_needs()
                )
            }
            MapError::UnknownDepartment { line, name } => format!(
                "部门对应表第{line}行：没有“{name}”这个部门，可写：{}",
                all_departments()
            ),
            MapError::NoDepartment { line, need } => {
                format!("部门对应表第{line}行：“{}”至少要对应一个部门", need.zh())
            }
            MapError::MissingNeed(need) => {
                format!("部门对应表缺少“{}”这项需求，请补上它的部门", need.zh())
            }
            MapError::Twice { line, need } => {
                format!("部门对应表第{line}行：“{}”写了两次", need.zh())
            }
        }
    }
}

impl fmt::Display for MapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MapError::Syntax(e) => write!(f, "the department table cannot be read: {e}"),
            MapError::UnknownNeed { line, name } => write!(
                f,
                "department table line {line}: there is no need \"{name}\"; use one of {}",
                Need::ALL
                    .iter()
                    .map(|n| need_key(*n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            MapError::UnknownDepartment { line, name } => {
                write!(
                f,
                "department table line {line}: there is no department \"{name}\"; use one of {}",
                Department::ALL.iter().map(|d| d.key()).collect::<Vec<_>>().join(", ")
            )
            }
            MapError::NoDepartment { line, need } => write!(
                f,
                "department table line {line}: \"{}\" needs at least one department",
                need.en()
            ),
            MapError::MissingNeed(need) => write!(
                f,
                "the department table does not list \"{}\"; add its department",
                need.en()
            ),
            MapError::Twice { line, need } => {
                write!(
                    f,
                    "department table line {line}: \"{}\" is listed twice",
                    need.en()
                )
            }
        }
    }
}

impl std::error::Error for MapError {}

/// Which departments answer for each need, in the order the file lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentMap {
    by_need: Vec<Vec<Department>>,
}

#[derive(serde::Deserialize)]
struct Raw {
    needs: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// toml's message in one line: where, then what ("TOML parse error at line 15, column 1:
/// invalid unquoted key ...").
fn syntax(e: &toml::de::Error) -> String {
    let text = e.to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    match lines.next_back() {
        Some(last) if !last.starts_with('|') && !last.starts_with('^') => {
            format!("{first}: {last}")
        }
        _ => first.to_string(),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |t| t.matches('\n').count() + 1)
}

impl DepartmentMap {
    /// The table shipped with the program.
    pub fn bundled() -> Result<DepartmentMap, MapError> {
        DepartmentMap::from_toml(include_str!("../../../assets/departments.toml"))
    }

    pub fn from_toml(text: &str) -> Result<DepartmentMap, MapError> {
        let raw: Raw = toml::from_str(text).map_err(|e| MapError::Syntax(syntax(&e)))?;
        let mut by_need: Vec<Option<Vec<Department>>> = vec![None; Need::ALL.len()];
        for (key, departments) in &raw.needs {
            let line = line_of(text, key.span().start);
            let need = need_named(key.get_ref()).ok_or_else(|| MapError::UnknownNeed {
                line,
                name: key.get_ref().clone(),
            })?;
            if by_need[need.index()].is_some() {
                return Err(MapError::Twice { line, need });
            }
            let mut list = Vec::new();
            for name in departments {
                let d = Department::named(name.get_ref()).ok_or_else(|| {
                    MapError::UnknownDepartment {
                        line: line_of(text, name.span().start),
                        name: name.get_ref().clone(),
                    }
                })?;
                if !list.contains(&d) {
                    list.push(d);
                }
            }
            if list.is_empty() {
                return Err(MapError::NoDepartment { line, need });
            }
            by_need[need.index()] = Some(list);
        }
        let mut out = Vec::with_capacity(Need::ALL.len());
        for (need, list) in Need::ALL.iter().zip(by_need) {
            out.push(list.ok_or(MapError::MissingNeed(*need))?);
        }
        Ok(DepartmentMap { by_need: out })
    }

    /// The departments a need is pushed to (at least one).
    pub fn departments(&self, need: Need) -> &[Department] {
        self.by_need
            .get(need.index())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The (need, department) pairs a household's needs give, in order, without repeats.
    pub fn propose(&self, needs: &[Need]) -> Vec<(Need, Department)> {
        let mut out = Vec::new();
        for need in needs {
            for d in self.departments(*need) {
                if !out.contains(&(*need, *d)) {
                    out.push((*need, *d));
                }
            }
        }
        out
    }
}
