//! A household member (共同生活家庭成员) and the facts the rules read about them.

use crate::domain::resident_id::{ResidentId, Sex};
use crate::domain::town::Area;
use crate::labelled_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// Relation to the head of household (与户主关系).
    pub enum Relation {
        Head => ("户主", "head"),
        Spouse => ("配偶", "spouse"),
        Child => ("子女", "child"),
        Parent => ("父母", "parent"),
        Grandchild => ("孙子女", "grandchild"),
        Grandparent => ("祖父母", "grandparent"),
        Sibling => ("兄弟姐妹", "sibling"),
        ChildInLaw => ("儿媳/女婿", "child-in-law"),
        Other => ("其他", "other"),
    }
}

labelled_enum! {
    /// Labour capacity as recorded by the clerk (劳动能力).
    pub enum LabourCapacity {
        Full => ("有劳动能力", "full"),
        Partial => ("部分丧失", "partial"),
        None => ("无劳动能力", "none"),
    }
}

labelled_enum! {
    /// Health (健康状况).
    pub enum Health {
        Healthy => ("健康", "healthy"),
        Chronic => ("慢性病", "chronic illness"),
        Serious => ("重病/大病", "serious illness"),
    }
}

labelled_enum! {
    /// Disability type (残疾类别).
    pub enum DisabilityKind {
        Physical => ("肢体", "physical"),
        Visual => ("视力", "visual"),
        Hearing => ("听力", "hearing"),
        Speech => ("言语", "speech"),
        Intellectual => ("智力", "intellectual"),
        Mental => ("精神", "mental"),
        Multiple => ("多重", "multiple"),
    }
}

/// Disability grades run from 1 (most severe) to 4 (GB/T 26341-2010).
pub const DISABILITY_GRADES: std::ops::RangeInclusive<u8> = 1..=4;

/// Disability with its grade, 1 (most severe) to 4. Deserialising checks the grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDisability")]
pub struct Disability {
    pub kind: DisabilityKind,
    pub grade: u8,
}

#[derive(Deserialize)]
struct RawDisability {
    kind: DisabilityKind,
    grade: u8,
}

impl TryFrom<RawDisability> for Disability {
    type Error = GradeError;
    fn try_from(r: RawDisability) -> Result<Disability, GradeError> {
        Disability::new(r.kind, r.grade)
    }
}

/// A disability grade outside 1–4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("disability grade {0} does not exist; grades run from 1 (most severe) to 4")]
pub struct GradeError(pub u8);

impl GradeError {
    pub fn zh(&self) -> String {
        format!("残疾等级{}不存在，应为1（最重）到4级", self.0)
    }
}

impl Disability {
    /// A disability of a grade from 1 to 4.
    pub fn new(kind: DisabilityKind, grade: u8) -> Result<Disability, GradeError> {
        if DISABILITY_GRADES.contains(&grade) {
            Ok(Disability { kind, grade })
        } else {
            Err(GradeError(grade))
        }
    }

    /// Severe disability (重度残疾): grade 1–2 of any type, grade 3 intellectual or
    /// mental. A grade outside 1–4 (only possible by building the struct by hand) is
    /// never severe.
    pub fn is_severe(self) -> bool {
        matches!(self.grade, 1 | 2)
            || (self.grade == 3
                && matches!(
                    self.kind,
                    DisabilityKind::Intellectual | DisabilityKind::Mental
                ))
    }
}

labelled_enum! {
    /// Employment (就业状况).
    pub enum Employment {
        Employed => ("务工/在职", "employed"),
        Farming => ("务农", "farming"),
        SelfEmployed => ("个体经营", "self-employed"),
        Unemployed => ("失业", "unemployed"),
        Retired => ("退休", "retired"),
        NotWorking => ("无业/不适用", "not working"),
    }
}

labelled_enum! {
    /// Schooling (在学情况).
    pub enum Schooling {
        NotInSchool => ("不在学", "not in school"),
        Preschool => ("学前", "preschool"),
        Primary => ("小学", "primary"),
        JuniorHigh => ("初中", "junior high"),
        SeniorHigh => ("高中", "senior high"),
        Vocational => ("中职/高职", "vocational"),
        College => ("大学", "college"),
    }
}

/// One member of the household whose income and assets count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    #[serde(with = "crate::domain::compact::one")]
    pub id: ResidentId,
    pub relation: Relation,
    /// Household registration of this member; a household may mix urban and rural members.
    pub area: Area,
    pub labour: LabourCapacity,
    pub health: Health,
    pub disability: Option<Disability>,
    pub employment: Employment,
    pub schooling: Schooling,
    /// Stays home to care for a severely ill or disabled relative (may be exempted as labour).
    pub carer: bool,
}

impl Member {
    pub fn birth_date(&self) -> NaiveDate {
        self.id.birth_date()
    }

    pub fn sex(&self) -> Sex {
        self.id.sex()
    }

    pub fn age_on(&self, day: NaiveDate) -> u32 {
        self.id.age_on(day)
    }

    pub fn severely_disabled(&self) -> bool {
        self.disability.is_some_and(Disability::is_severe)
    }

    pub fn seriously_ill(&self) -> bool {
        self.health == Health::Serious
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severe_disability_rule() {
        let cases = [
            (DisabilityKind::Physical, 1, true),
            (DisabilityKind::Visual, 2, true),
            (DisabilityKind::Physical, 3, false),
            (DisabilityKind::Intellectual, 3, true),
            (DisabilityKind::Mental, 3, true),
            (DisabilityKind::Mental, 4, false),
            // Issue 17 point 4: grade 0 counted as severe.
            (DisabilityKind::Physical, 0, false),
            (DisabilityKind::Mental, 9, false),
        ];
        for (kind, grade, severe) in cases {
            assert_eq!(
                Disability { kind, grade }.is_severe(),
                severe,
                "{kind:?} {grade}"
            );
        }
    }

    #[test]
    fn grades_are_range_checked() {
        assert_eq!(
            Disability::new(DisabilityKind::Physical, 0),
            Err(GradeError(0))
        );
        assert_eq!(
            Disability::new(DisabilityKind::Physical, 5),
            Err(GradeError(5))
        );
        assert!(Disability::new(DisabilityKind::Visual, 4).is_ok());
        let bad: Result<Disability, _> = serde_json::from_str(r#"{"kind":"Physical","grade":0}"#);
        assert!(bad.is_err());
        let good: Result<Disability, _> = serde_json::from_str(r#"{"kind":"Physical","grade":2}"#);
        assert_eq!(good.ok().map(Disability::is_severe), Some(true));
        assert_eq!(GradeError(0).zh(), "残疾等级0不存在，应为1（最重）到4级");
    }
}
