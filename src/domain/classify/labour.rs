//! Labour capacity per member and the local "able working-age member" refusal.
//!
//! Under the minor age (18) and from the elderly age (60) a member is not counted as
//! labour; severe disability (grade 1–2, grade 3 intellectual or mental) or a recorded
//! "no labour capacity" means none; a carer of a severely ill or disabled relative is not
//! counted when the local setting exempts carers.

use super::explain::{Line, Rule};
use crate::domain::household::Household;
use crate::domain::member::{LabourCapacity, Member};
use crate::domain::standards::Rules;
use chrono::NaiveDate;

/// What the rules read about one member on the application date.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facts {
    /// The date the facts are read on (the application date).
    pub on: NaiveDate,
    pub age: u32,
    pub elderly: bool,
    pub minor: bool,
    pub severely_disabled: bool,
    pub seriously_ill: bool,
    /// No labour capacity: by age, severe disability, or as recorded.
    pub no_labour: bool,
    /// Counted as household labour (carers exempted where the setting says so).
    pub counted_labour: bool,
    /// Working age, full labour capacity, not seriously ill: the member the local
    /// refusal setting looks for.
    pub able_working_age: bool,
}

pub(super) fn facts(m: &Member, on: NaiveDate, rules: &Rules) -> Facts {
    let age = m.age_on(on);
    let elderly = age >= rules.elderly_age.value;
    let minor = age < rules.minor_age.value;
    let severely_disabled = m.severely_disabled();
    let seriously_ill = m.seriously_ill();
    let no_labour = elderly || minor || severely_disabled || m.labour == LabourCapacity::None;
    let exempt = rules.exempt_carers.value && m.carer;
    let counted_labour = !no_labour && !exempt;
    Facts {
        on,
        age,
        elderly,
        minor,
        severely_disabled,
        seriously_ill,
        no_labour,
        counted_labour,
        able_working_age: counted_labour && m.labour == LabourCapacity::Full && !seriously_ill,
    }
}

pub(super) fn all_facts(h: &Household, on: NaiveDate, rules: &Rules) -> Vec<Facts> {
    h.members.iter().map(|m| facts(m, on, rules)).collect()
}

/// Labour lines; returns whether the local refusal of dibao fired.
pub(super) fn labour_lines(
    h: &Household,
    facts: &[Facts],
    rules: &Rules,
    lines: &mut Vec<Line>,
) -> bool {
    let counted: Vec<String> = h
        .members
        .iter()
        .zip(facts)
        .filter(|(_, f)| f.counted_labour)
        .map(|(m, f)| format!("{}（{}岁）", m.name, f.age))
        .collect();
    let counted_en: Vec<String> = h
        .members
        .iter()
        .zip(facts)
        .filter(|(_, f)| f.counted_labour)
        .map(|(m, f)| format!("{} (aged {})", m.name, f.age))
        .collect();
    lines.push(Line::note(
        Rule::Labour,
        format!(
            "计为劳动力 {} 人{}{}（不满{}周岁、{}周岁以上、重度残疾者不计）",
            counted.len(),
            if counted.is_empty() { "" } else { "：" },
            counted.join("、"),
            rules.minor_age.value,
            rules.elderly_age.value
        ),
        format!(
            "{} counted as labour{}{} (under {}, {} and over, severely disabled not counted)",
            super::explain::count_en(counted_en.len(), "member", "members"),
            if counted_en.is_empty() { "" } else { ": " },
            counted_en.join(", "),
            rules.minor_age.value,
            rules.elderly_age.value
        ),
    ));
    for (m, f) in h.members.iter().zip(facts) {
        if m.carer && !f.no_labour && rules.exempt_carers.value {
            lines.push(Line::note(
                Rule::Labour,
                format!("{} 在家照护重病重残亲属，按本地规定不计为劳动力", m.name),
                format!(
                    "{} cares for a severely ill or disabled relative and is not counted as labour (local setting)",
                    m.name
                ),
            ));
        }
    }
    if !rules.refuse_able_working_age.value {
        return false;
    }
    let able: Vec<&str> = h
        .members
        .iter()
        .zip(facts)
        .filter(|(_, f)| f.able_working_age)
        .map(|(m, _)| m.name.as_str())
        .collect();
    let severe = facts.iter().any(|f| f.severely_disabled || f.seriously_ill);
    let fired = !able.is_empty() && !severe;
    if fired {
        lines.push(Line::test(
            Rule::Labour,
            false,
            format!(
                "本地规定：家庭有劳动能力的劳动年龄成员（{}）且无重病重残成员，不予低保",
                able.join("、")
            ),
            format!(
                "local setting: an able working-age member ({}) and no severely ill or disabled member, so no dibao",
                able.join(", ")
            ),
        ));
    } else {
        lines.push(Line::test(
            Rule::Labour,
            true,
            "本地“有劳动能力不予低保”规定未触发",
            "the local refusal for households with an able working-age member does not apply",
        ));
    }
    fired
}
