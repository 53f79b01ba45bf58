//! Step 7: legal obligors (法定赡养、抚养、扶养义务人) as rows — who is obliged to support
//! which member, whether they live in the household, whether they are able to support
//! (and if not, the reason from 《特困人员认定办法》第八条), and what they pay. Most live
//! elsewhere; they are not members. The engine uses them in the destitute test and
//! counts what they pay as income.

use chrono::NaiveDate;

use super::members::{pick, yes_no};
use crate::domain::income::{Amount, Period};
use crate::domain::obligor::{Inability, Obligor, ObligorRelation};
use crate::domain::resident_id::ResidentId;
use crate::domain::Label;
use crate::tui::form::{Complaint, Field, Form, Kind};
use crate::tui::Lang;

/// The member the obligor is obliged to support (an index into the members).
pub const SUPPORTS: usize = 0;
const RELATION: usize = 1;
pub const NAME: usize = 2;
pub const ID: usize = 3;
const LIVES_IN: usize = 4;
pub const ABLE: usize = 5;
const PAID: usize = 6;
const PERIOD: usize = 7;
pub const OWN_INCOME: usize = 8;
pub const ASSETS_OK: usize = 9;
const NOTE: usize = 10;

/// The members' names, for the "supports" column.
pub fn supported_options(names: &[String]) -> Vec<(String, String)> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let n = if n.trim().is_empty() {
                format!("{}", i + 1)
            } else {
                n.clone()
            };
            (n.clone(), n)
        })
        .collect()
}

/// "有能力" and the reasons of 第八条, for the "able" column.
fn ability_options() -> Vec<(String, String)> {
    let mut out = vec![("有能力".to_string(), "able".to_string())];
    out.extend(
        Inability::ALL
            .iter()
            .map(|r| (format!("无能力：{}", r.zh()), format!("unable: {}", r.en()))),
    );
    out
}

/// A new obligor row.
pub fn row(names: &[String]) -> Form {
    Form::new(vec![
        Field::new(
            "被赡养（抚养）人",
            "Supports",
            Kind::Choice(supported_options(names)),
        ),
        Field::choice_of("关系", "Relation", ObligorRelation::ALL),
        Field::new(
            "义务人姓名",
            "Obligor's name",
            Kind::Text { required: true },
        ),
        Field::new(
            "身份证号（可不填）",
            "ID number (optional)",
            Kind::Text { required: false },
        ),
        Field::new("与申请家庭同住", "Lives in the household", yes_no()),
        Field::new(
            "履行能力",
            "Able to support",
            Kind::Choice(ability_options()),
        ),
        Field::new(
            "实际给付（元）",
            "Support paid (yuan)",
            Kind::Money { required: false },
        ),
        Field::choice_of("给付周期", "Paid per", Period::ALL),
        Field::new(
            "本人年收入（元）",
            "Own yearly income (yuan)",
            Kind::Money { required: false },
        ),
        Field::new("财产符合规定", "Assets within limits", yes_no()),
        Field::new("备注", "Note", Kind::Text { required: false }),
    ])
}

fn text(form: &Form, i: usize) -> String {
    form.get(i)
        .map(|f| f.text.trim().to_string())
        .unwrap_or_default()
}

/// The obligor a checked row describes; a complaint names the field that is wrong.
pub fn obligor(form: &Form, today: NaiveDate) -> Result<Obligor, (usize, Complaint)> {
    let id = match text(form, ID) {
        t if t.is_empty() => None,
        t => Some(ResidentId::parse_on(&t, today).map_err(|e| (ID, (e.zh(), e.to_string())))?),
    };
    let able = form.get(ABLE).map_or(0, |f| f.choice);
    let unable = able
        .checked_sub(1)
        .and_then(|i| Inability::ALL.get(i).copied());
    let own_income = form
        .get(OWN_INCOME)
        .filter(|f| !f.text.trim().is_empty())
        .map(Field::money);
    let assets_ok = form.get(ASSETS_OK).is_some_and(|f| f.choice == 1);
    if let Some(reason) = unable {
        // The reasons of 第八条 that turn on the obligor's income or assets need them.
        if reason.needs_low_income() && own_income.is_none() {
            return Err((
                OWN_INCOME,
                (
                    format!("第八条{}需填写义务人本人年收入", reason.item()),
                    format!(
                        "article 8 {} needs the obligor's own yearly income",
                        reason.item()
                    ),
                ),
            ));
        }
        if reason.needs_assets_within_limits() && !assets_ok {
            return Err((
                ASSETS_OK,
                (
                    format!(
                        "第八条{}要求义务人财产符合规定；不符合请选“有能力”",
                        reason.item()
                    ),
                    format!(
                        "article 8 {} requires assets within the limits; otherwise choose “able”",
                        reason.item()
                    ),
                ),
            ));
        }
    }
    let o = Obligor {
        supports: form.get(SUPPORTS).map_or(0, |f| f.choice),
        relation: pick(ObligorRelation::ALL, form, RELATION, ObligorRelation::Child),
        name: text(form, NAME),
        id,
        lives_in_household: form.get(LIVES_IN).is_some_and(|f| f.choice == 1),
        unable,
        paid: Amount {
            money: form.get(PAID).map(Field::money).unwrap_or_default(),
            period: pick(Period::ALL, form, PERIOD, Period::Monthly),
        },
        own_income_yearly: own_income,
        assets_within_limits: assets_ok,
        note: text(form, NOTE),
    };
    o.validate().map_err(|e| (NAME, (e.zh(), e.to_string())))?;
    Ok(o)
}

/// One line per row in the list above the form: who, for whom, able or why not, paid.
pub fn summary(form: &Form, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    [SUPPORTS, RELATION, NAME, ABLE, PAID]
        .iter()
        .filter_map(|i| form.get(*i))
        .map(|f| f.shown(zh))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}
