//! Relatives of staff (近亲属备案): civil-affairs staff and village cadres register their
//! close relatives; an application by one of them is matched by resident ID number,
//! flagged on the case, and must have a full home visit (by investigators other than the
//! related staff member) and a district-level check (区级核查) before the review decides.
//! Pure: the register, the match and the rule; the store keeps the register.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::domain::case::Decision;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::Town;
use crate::domain::workflow::Step;
use crate::domain::Label;
use crate::labelled_enum;

labelled_enum! {
    /// Who is registered.
    pub enum StaffRole {
        CivilAffairs => ("民政经办人员", "civil-affairs staff"),
        VillageCadre => ("村（社区）干部", "village cadre"),
    }
}

labelled_enum! {
    /// Close relatives (近亲属) as the register records them.
    pub enum Kinship {
        Spouse => ("配偶", "spouse"),
        Parent => ("父母", "parent"),
        Child => ("子女", "child"),
        Sibling => ("兄弟姐妹", "sibling"),
        Grandparent => ("祖父母、外祖父母", "grandparent"),
        Grandchild => ("孙子女、外孙子女", "grandchild"),
        Other => ("其他近亲属", "other close relative"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relative {
    pub name: String,
    pub id: ResidentId,
    pub kinship: Kinship,
}

/// One registered staff member or cadre with their close relatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    /// Assigned by the store (0 for a new entry).
    pub id: u64,
    /// Record revision; a stale write is refused.
    pub rev: u64,
    pub name: String,
    pub role: StaffRole,
    pub town: Town,
    /// Office or village and post (e.g. 陈炉镇民政办 / 立地坡村主任).
    pub post: String,
    pub relatives: Vec<Relative>,
    pub registered_on: NaiveDate,
}

/// A household member found in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeMatch {
    pub entry: u64,
    pub staff: String,
    pub role: StaffRole,
    pub post: String,
    pub member: String,
    /// Masked: the match is shown in lists.
    pub member_id: String,
    pub kinship: Kinship,
}

impl RelativeMatch {
    /// "张某某（陈炉镇民政办，民政经办人员）的配偶 李某"
    pub fn zh(&self) -> String {
        format!(
            "{} 是{}（{}，{}）的{}",
            self.member,
            self.staff,
            self.post,
            self.role.zh(),
            self.kinship.zh()
        )
    }

    pub fn en(&self) -> String {
        format!(
            "{} is the {} of {} ({}, {})",
            self.member,
            self.kinship.en(),
            self.staff,
            self.post,
            self.role.en()
        )
    }
}

/// Members (name, ID) of a household found in the register, in member order.
pub fn matches(register: &[StaffEntry], members: &[(String, ResidentId)]) -> Vec<RelativeMatch> {
    let mut out = Vec::new();
    for (name, id) in members {
        for e in register {
            for r in e.relatives.iter().filter(|r| r.id == *id) {
                out.push(RelativeMatch {
                    entry: e.id,
                    staff: e.name.clone(),
                    role: e.role,
                    post: e.post.clone(),
                    member: name.clone(),
                    member_id: id.masked(),
                    kinship: r.kinship,
                });
            }
        }
    }
    out
}

/// The district-level check (区级核查) of a relative-of-staff case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistrictCheck {
    pub by: String,
    pub on: NaiveDate,
    /// The district found the application in order.
    pub in_order: bool,
    pub note: String,
}

/// Why the workflow refuses a step of a relative-of-staff case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelativeRefusal {
    /// The related staff member is named among the investigators.
    RelatedInvestigator { name: String },
    /// A decision before the district-level check.
    NoDistrictCheck,
}

impl RelativeRefusal {
    pub fn zh(&self) -> String {
        match self {
            RelativeRefusal::RelatedInvestigator { name } => format!(
                "本案申请人是工作人员近亲属（近亲属备案），须完整入户调查，{name}须回避，不能作为调查人员"
            ),
            RelativeRefusal::NoDistrictCheck => {
                "本案申请人是工作人员近亲属（近亲属备案），须先经区级核查，才能审核确认".into()
            }
        }
    }
}

impl fmt::Display for RelativeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RelativeRefusal::RelatedInvestigator { name } => write!(
                f,
                "the applicant is a registered relative of staff: the home visit must be made in full, and {name} must stand aside, not investigate"
            ),
            RelativeRefusal::NoDistrictCheck => write!(
                f,
                "the applicant is a registered relative of staff: the district-level check must come before the review decision"
            ),
        }
    }
}

/// The checks a relative-of-staff case may not skip, before the step is applied: the
/// home visit by investigators other than the related staff, and the district check
/// before any decision but sending the case back. `matches` empty: nothing to check.
pub fn check_step(
    matches: &[RelativeMatch],
    district_check: Option<&DistrictCheck>,
    step: &Step,
) -> Result<(), RelativeRefusal> {
    if matches.is_empty() {
        return Ok(());
    }
    match step {
        Step::FinishInvestigation(inv) => {
            let related = inv.investigators.iter().find_map(|n| {
                let n = n.trim();
                matches.iter().find(|m| m.staff.trim() == n)
            });
            if let Some(m) = related {
                return Err(RelativeRefusal::RelatedInvestigator {
                    name: m.staff.clone(),
                });
            }
            Ok(())
        }
        Step::Decide(review, _) if review.decision != Decision::SendBack => {
            if district_check.is_none() {
                return Err(RelativeRefusal::NoDistrictCheck);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::domain::case::{Investigation, Review};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn id(seq: u16) -> ResidentId {
        ResidentId::compose(610203, d(1980, 5, 1), seq).unwrap()
    }

    fn register() -> Vec<StaffEntry> {
        vec![StaffEntry {
            id: 7,
            rev: 1,
            name: "王建国".into(),
            role: StaffRole::CivilAffairs,
            town: Town::Chenlu,
            post: "陈炉镇民政办".into(),
            relatives: vec![Relative {
                name: "王小红".into(),
                id: id(21),
                kinship: Kinship::Sibling,
            }],
            registered_on: d(2026, 1, 5),
        }]
    }

    fn visit(investigators: &[&str]) -> Step {
        Step::FinishInvestigation(Investigation {
            visit_date: d(2026, 3, 2),
            investigators: investigators.iter().map(|s| s.to_string()).collect(),
            findings: "入户核实".into(),
            mismatches: vec![],
            corrections: vec![],
        })
    }

    fn decide(decision: Decision) -> Step {
        let after = crate::domain::procedure::after_decision(
            &crate::domain::calendar::Calendar::bundled().expect("calendar"),
            &crate::domain::procedure::ProcedureSettings::bundled().expect("settings"),
            d(2026, 3, 5),
        );
        let review = Review {
            proposed: None,
            proposed_tags: vec![],
            proposed_benefit: None,
            explanation: vec![],
            explanation_en: vec![],
            decision,
            category: None,
            reason: "理由".into(),
            date: d(2026, 3, 5),
        };
        Step::Decide(review, after)
    }

    #[test]
    fn a_member_is_matched_by_id_number_only() {
        let reg = register();
        let found = matches(
            &reg,
            &[("王小红".into(), id(21)), ("王小红".into(), id(22))],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kinship, Kinship::Sibling);
        assert_eq!(found[0].staff, "王建国");
        assert!(!found[0].member_id.contains(id(21).as_str()));
        assert_eq!(
            found[0].zh(),
            "王小红 是王建国（陈炉镇民政办，民政经办人员）的兄弟姐妹"
        );
    }

    type Row<'a> = (
        &'a str,
        bool,
        Option<&'a DistrictCheck>,
        Step,
        Result<(), RelativeRefusal>,
    );

    /// (what, matched, district check, step, result)
    #[test]
    fn the_steps_a_relative_case_may_not_skip() {
        let reg = register();
        let m = matches(&reg, &[("王小红".into(), id(21))]);
        let check = DistrictCheck {
            by: "district".into(),
            on: d(2026, 3, 4),
            in_order: true,
            note: String::new(),
        };
        let related = Err(RelativeRefusal::RelatedInvestigator {
            name: "王建国".into(),
        });
        let table: Vec<Row> = vec![
            (
                "visit by two others",
                true,
                None,
                visit(&["李", "赵"]),
                Ok(()),
            ),
            (
                "the related staff visits",
                true,
                None,
                visit(&["李", " 王建国 "]),
                related,
            ),
            (
                "not a relative: anyone visits",
                false,
                None,
                visit(&["王建国", "李"]),
                Ok(()),
            ),
            (
                "decide without the district check",
                true,
                None,
                decide(Decision::ConfirmAsProposed),
                Err(RelativeRefusal::NoDistrictCheck),
            ),
            (
                "reject without the district check",
                true,
                None,
                decide(Decision::Reject),
                Err(RelativeRefusal::NoDistrictCheck),
            ),
            (
                "send back without it",
                true,
                None,
                decide(Decision::SendBack),
                Ok(()),
            ),
            (
                "decide after the district check",
                true,
                Some(&check),
                decide(Decision::ConfirmAsProposed),
                Ok(()),
            ),
            (
                "not a relative: decide at once",
                false,
                None,
                decide(Decision::ConfirmAsProposed),
                Ok(()),
            ),
            (
                "start investigating",
                true,
                None,
                Step::StartInvestigation,
                Ok(()),
            ),
        ];
        for (what, matched, dc, step, want) in table {
            let ms = if matched { m.clone() } else { Vec::new() };
            assert_eq!(check_step(&ms, dc, &step), want, "{what}");
        }
    }
}
