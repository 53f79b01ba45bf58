//! Explanation lines: each rule that fired or failed, with the numbers and the standard
//! used, in Chinese and English.

use crate::domain::income::Period;
use crate::domain::label::Label;
use crate::domain::town::Area;
use crate::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// Which rule a line is about, for grouping on the review screen.
    pub enum Rule {
        Standard => ("适用标准", "standard used"),
        Income => ("收入", "income"),
        Assets => ("财产", "assets"),
        Labour => ("劳动能力", "labour capacity"),
        Destitute => ("特困条件", "destitute criteria"),
        RigidExpense => ("刚性支出", "rigid spending"),
        Generous => ("就高就宽", "more generous reading"),
        Category => ("建议类别", "proposed category"),
        Benefit => ("待遇", "benefit"),
        Monitoring => ("防返贫监测", "relapse watch"),
    }
}

labelled_enum! {
    /// Whether the rule fired (met), failed (not met), or the line only informs.
    pub enum Outcome {
        Met => ("符合", "met"),
        NotMet => ("不符合", "not met"),
        Note => ("说明", "note"),
    }
}

/// One finding of the engine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub rule: Rule,
    pub outcome: Outcome,
    pub zh: String,
    pub en: String,
}

impl Line {
    pub fn new(rule: Rule, outcome: Outcome, zh: impl Into<String>, en: impl Into<String>) -> Line {
        Line {
            rule,
            outcome,
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn note(rule: Rule, zh: impl Into<String>, en: impl Into<String>) -> Line {
        Line::new(rule, Outcome::Note, zh, en)
    }

    /// Met when `ok`, not met otherwise.
    pub fn test(rule: Rule, ok: bool, zh: impl Into<String>, en: impl Into<String>) -> Line {
        let outcome = if ok { Outcome::Met } else { Outcome::NotMet };
        Line::new(rule, outcome, zh, en)
    }

    /// The text in the UI language.
    pub fn text(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.zh
        }
    }
}

/// "<" when below, "≥" otherwise.
/// An English count with its noun: "no member", "1 member", "3 members".
pub(super) fn count_en(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {one}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

pub(super) fn lt(below: bool) -> &'static str {
    if below {
        "<"
    } else {
        "≥"
    }
}

/// "≤" when within, ">" otherwise.
pub(super) fn le(within: bool) -> &'static str {
    if within {
        "≤"
    } else {
        ">"
    }
}

/// ("月", "monthly") for the per-capita figure of a basis.
pub(super) fn per(basis: Period) -> (&'static str, &'static str) {
    match basis {
        Period::Monthly => ("月", "monthly"),
        Period::Yearly => ("年", "yearly"),
    }
}

/// "元/人·月" / "yuan per person-month".
pub(super) fn unit(basis: Period) -> (&'static str, &'static str) {
    match basis {
        Period::Monthly => ("元/人·月", "yuan per person-month"),
        Period::Yearly => ("元/人·年", "yuan per person-year"),
    }
}

/// "城市" / "urban".
pub(super) fn area(a: Area) -> (&'static str, &'static str) {
    (a.zh(), a.en())
}

/// "（示意值，未确认）" when a standard used is not confirmed.
pub(super) fn unconfirmed(confirmed: bool) -> (&'static str, &'static str) {
    if confirmed {
        ("", "")
    } else {
        ("（示意值，未确认）", " (illustrative, unconfirmed)")
    }
}

/// A line's texts with the clause that decided it: "…〔《特困人员认定办法》第四条〕".
pub(super) fn cited(
    clauses: &crate::domain::standards::Clauses,
    clause: crate::domain::standards::Clause,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> (String, String) {
    let (c_zh, c_en) = clauses.cite(clause);
    (
        format!("{}〔{c_zh}〕", zh.into()),
        format!("{} [{c_en}]", en.into()),
    )
}

impl Line {
    /// The same line with the clause that decided it appended.
    pub(super) fn citing(
        self,
        clauses: &crate::domain::standards::Clauses,
        clause: crate::domain::standards::Clause,
    ) -> Line {
        let (zh, en) = cited(clauses, clause, self.zh, self.en);
        Line { zh, en, ..self }
    }
}
