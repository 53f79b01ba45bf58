//! Step 2: household members as editable rows. The ID number is checked as typed; birth
//! date, age and sex are derived from it and shown.

use chrono::NaiveDate;

use crate::domain::member::{
    Disability, DisabilityKind, Employment, Health, LabourCapacity, Member, Relation, Schooling,
};
use crate::domain::town::Area;
use crate::domain::Label;
use crate::tui::form::{Complaint, Field, Form, Kind};
use crate::tui::screens::rows::{pick, yes_no};
use crate::tui::Lang;

pub const NAME: usize = 0;
pub const ID: usize = 1;
const RELATION: usize = 2;
pub const AREA: usize = 3;
const LABOUR: usize = 4;
const HEALTH: usize = 5;
const DISABILITY: usize = 6;
const GRADE: usize = 7;
const EMPLOYMENT: usize = 8;
const SCHOOLING: usize = 9;
const CARER: usize = 10;

/// A new member row; the first one is the head of household.
pub fn row(first: bool, area: Area) -> Form {
    let mut disability = vec![("无".to_string(), "none".to_string())];
    disability.extend(
        DisabilityKind::ALL
            .iter()
            .map(|k| (k.zh().to_string(), k.en().to_string())),
    );
    let mut f = Form::new(vec![
        Field::new("姓名", "Name", Kind::Text { required: true }),
        Field::new("身份证号", "ID number", Kind::ResidentId),
        Field::choice_of("与户主关系", "Relation", Relation::ALL),
        Field::choice_of("户籍", "Registration", Area::ALL),
        Field::choice_of("劳动能力", "Labour", LabourCapacity::ALL),
        Field::choice_of("健康", "Health", Health::ALL),
        Field::new("残疾类别", "Disability", Kind::Choice(disability)),
        Field::new(
            "残疾等级",
            "Grade",
            Kind::Count {
                max: 4,
                required: false,
            },
        ),
        Field::choice_of("就业", "Employment", Employment::ALL),
        Field::choice_of("在学", "Schooling", Schooling::ALL),
        Field::new("照护亲属", "Carer", yes_no()),
    ]);
    f.fields[RELATION].choice = if first { 0 } else { Relation::Child.index() };
    f.fields[AREA].choice = area.index();
    f
}

/// "1980-04-01 · 45岁 · 男" from a valid ID number, for the line under the row.
pub fn derived(form: &Form, today: NaiveDate, lang: Lang) -> Option<String> {
    let id = form.get(ID)?.resident_id()?;
    Some(match lang {
        Lang::Zh => format!(
            "出生 {} · {}岁 · {}",
            id.birth_date(),
            id.age_on(today),
            id.sex().zh()
        ),
        Lang::En => format!(
            "born {} · age {} · {}",
            id.birth_date(),
            id.age_on(today),
            id.sex().en()
        ),
    })
}

fn set_if_default(form: &mut Form, i: usize, choice: usize) {
    if let Some(f) = form.fields.get_mut(i) {
        if f.choice == 0 {
            f.choice = choice;
        }
    }
}

/// Once the ID number is in: a minor or an elderly member is not counted as labour,
/// does not work, and a school-age child is at school — unless the clerk already chose.
pub fn age_defaults(form: &mut Form, today: NaiveDate) {
    let Some(age) = form
        .get(ID)
        .and_then(|f| f.resident_id())
        .map(|id| id.age_on(today))
    else {
        return;
    };
    if !(18..60).contains(&age) {
        set_if_default(form, LABOUR, LabourCapacity::None.index());
        let idle = if age >= 60 {
            Employment::Retired
        } else {
            Employment::NotWorking
        };
        set_if_default(form, EMPLOYMENT, idle.index());
    }
    let school = match age {
        3..=5 => Some(Schooling::Preschool),
        6..=11 => Some(Schooling::Primary),
        12..=14 => Some(Schooling::JuniorHigh),
        15..=17 => Some(Schooling::SeniorHigh),
        _ => None,
    };
    if let Some(s) = school {
        set_if_default(form, SCHOOLING, s.index());
    }
}

/// The member a checked row describes; a complaint names the field that is wrong
/// (as its index) when fields disagree.
pub fn member(form: &Form) -> Result<Member, (usize, Complaint)> {
    let text = |i: usize| {
        form.get(i)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    };
    let id = form.get(ID).and_then(|f| f.resident_id()).ok_or((
        ID,
        (
            "请填写有效的身份证号".into(),
            "enter a valid ID number".into(),
        ),
    ))?;
    let kind = form.get(DISABILITY).map_or(0, |f| f.choice);
    let grade = form.get(GRADE).and_then(|f| f.count());
    let disability = match (kind, grade) {
        (0, None) => None,
        (0, Some(_)) => {
            return Err((
                GRADE,
                (
                    "没有残疾类别时不填残疾等级".into(),
                    "leave the grade empty when there is no disability".into(),
                ),
            ))
        }
        (k, Some(g @ 1..=4)) => DisabilityKind::ALL.get(k - 1).map(|kind| Disability {
            kind: *kind,
            grade: g as u8,
        }),
        (_, _) => {
            return Err((
                GRADE,
                (
                    "请填写残疾等级（1到4级）".into(),
                    "enter the disability grade (1 to 4)".into(),
                ),
            ))
        }
    };
    Ok(Member {
        name: text(NAME),
        id,
        relation: pick(Relation::ALL, form, RELATION, Relation::Other),
        area: pick(Area::ALL, form, AREA, Area::Urban),
        labour: pick(LabourCapacity::ALL, form, LABOUR, LabourCapacity::Full),
        health: pick(Health::ALL, form, HEALTH, Health::Healthy),
        disability,
        employment: pick(Employment::ALL, form, EMPLOYMENT, Employment::NotWorking),
        schooling: pick(Schooling::ALL, form, SCHOOLING, Schooling::NotInSchool),
        carer: form.get(CARER).is_some_and(|f| f.choice == 1),
    })
}

/// The one-line summary of a member row in the list above the form.
pub fn summary(form: &Form, lang: Lang) -> String {
    let name = form.get(NAME).map(|f| f.text.clone()).unwrap_or_default();
    let id = form.get(ID).map(|f| f.text.clone()).unwrap_or_default();
    let relation = form
        .get(RELATION)
        .map(|f| f.shown(lang == Lang::Zh))
        .unwrap_or_default();
    format!("{name}  {id}  {relation}")
}
