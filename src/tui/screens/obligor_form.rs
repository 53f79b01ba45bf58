//! A legal obligor (法定赡养、抚养、扶养义务人) as a row of fields, shared by the intake
//! wizard's step 7 and the investigation form: whom they are obliged to support, whether
//! they live in the household, whether they are able to support (and if not, the reason
//! from 《特困人员认定办法》第八条), and what they pay. Most live elsewhere; they are not
//! members. The engine uses them in the destitute test and counts what they pay as income.

use chrono::NaiveDate;

use crate::domain::income::{Amount, Period};
use crate::domain::money::Money;
use crate::domain::obligor::{Inability, Obligor, ObligorRelation};
use crate::domain::resident_id::ResidentId;
use crate::domain::Label;
use crate::tui::form::{Complaint, Field, Form, Kind};
use crate::tui::screens::rows::{pick, yes_no};
use crate::tui::Lang;

/// The member the obligor is obliged to support (an index into the members).
pub const SUPPORTS: usize = 0;
pub const RELATION: usize = 1;
pub const NAME: usize = 2;
pub const ID: usize = 3;
pub const LIVES_IN: usize = 4;
pub const ABLE: usize = 5;
pub const PAID: usize = 6;
pub const PERIOD: usize = 7;
pub const OWN_INCOME: usize = 8;
pub const ASSETS_OK: usize = 9;
pub const NOTE: usize = 10;

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
            "ID no. (optional)",
            Kind::Text { required: false },
        ),
        Field::new("与申请家庭同住", "Same household", yes_no()),
        Field::new(
            "履行能力",
            "Able to support",
            Kind::Choice(ability_options()),
        ),
        Field::new(
            "实际给付（元）",
            "Paid (yuan)",
            Kind::Money { required: false },
        ),
        Field::choice_of("给付周期", "Paid per", Period::ALL),
        Field::new(
            "本人年收入（元）",
            "Own income/year",
            Kind::Money { required: false },
        ),
        Field::new("财产符合规定", "Assets in limits", yes_no()),
        Field::new("备注", "Note", Kind::Text { required: false }),
    ])
}

/// The row of a recorded obligor, every field as recorded (the investigation corrects
/// it); `obligor(row_of(o))` gives `o` back.
pub fn row_of(names: &[String], o: &Obligor) -> Form {
    let mut form = row(names);
    let money = |m: Money| m.plain();
    let values: [(usize, String); 11] = [
        (SUPPORTS, o.supports.to_string()),
        (RELATION, o.relation.index().to_string()),
        (NAME, o.name.clone()),
        (
            ID,
            o.id.as_ref()
                .map(|i| i.as_str().to_string())
                .unwrap_or_default(),
        ),
        (LIVES_IN, usize::from(o.lives_in_household).to_string()),
        (ABLE, o.unable.map_or(0, |r| r.index() + 1).to_string()),
        (PAID, money(o.paid.money)),
        (PERIOD, o.paid.period.index().to_string()),
        (
            OWN_INCOME,
            o.own_income_yearly.map(money).unwrap_or_default(),
        ),
        (ASSETS_OK, usize::from(o.assets_within_limits).to_string()),
        (NOTE, o.note.clone()),
    ];
    for (i, v) in values {
        if let Some(f) = form.fields.get_mut(i) {
            f.set_raw(&v);
        }
    }
    form
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
                        "article 8{} needs the obligor's own yearly income",
                        reason.item_en()
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
                        "article 8{} requires assets within the limits; otherwise choose “able”",
                        reason.item_en()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::obligor::ObligorRelation;

    #[test]
    fn a_recorded_obligor_reads_back_from_its_row() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let names = vec!["王秀兰".to_string(), "李四".to_string()];
        let id = ResidentId::compose(610222, NaiveDate::from_ymd_opt(1980, 5, 6).expect("d"), 31)
            .expect("id");
        let son = Obligor {
            supports: 1,
            relation: ObligorRelation::Sibling,
            name: "张大".into(),
            id: Some(id),
            lives_in_household: false,
            unable: Some(Inability::ElderlyLowIncome),
            paid: Amount {
                money: Money::from_fen(12_345),
                period: Period::Yearly,
            },
            own_income_yearly: Some(Money::from_yuan(3_000)),
            assets_within_limits: true,
            note: "在城区务工".into(),
        };
        assert_eq!(obligor(&row_of(&names, &son), today), Ok(son.clone()));
        let plain = Obligor {
            id: None,
            unable: None,
            own_income_yearly: None,
            assets_within_limits: false,
            lives_in_household: true,
            ..son
        };
        assert_eq!(obligor(&row_of(&names, &plain), today), Ok(plain));
    }
}
