//! Reading and writing `standards.toml`.
//!
//! ```toml
//! [[set]]
//! from = "2025-01-01"
//! to = "2025-12-31"
//! note = "2025年度"
//! [set.rules]
//! elderly_age = { value = 60, confirmed = false }
//! [set.urban]
//! dibao = { value = "768", confirmed = false }
//! ```
//! Money is a quoted yuan string ("768.50") or whole yuan (768), never a float.
//! A bare value (`dibao = "768"`) is read as unconfirmed.

use super::fields::Kind;
use super::{AreaField, AreaStandard, FieldRef, Problem, Rules, Setting, StandardSet};
use super::{Clauses, RuleField, Standards, StandardsError, Value};
use crate::domain::income::Period;
use crate::domain::money::Money;
use crate::domain::town::Area;
use chrono::NaiveDate;
use std::fmt::Write as _;
use toml::{Table, Value as Toml};

pub(super) fn parse(text: &str) -> Result<Standards, StandardsError> {
    let table: Table = text
        .parse()
        .map_err(|e: toml::de::Error| StandardsError::Syntax(e.to_string()))?;
    let file_err = |problem| StandardsError::Set {
        set: "(file)".into(),
        problem,
    };
    if let Some(k) = table
        .keys()
        .find(|k| !["set", "clauses"].contains(&k.as_str()))
    {
        return Err(file_err(Problem::Unknown { key: k.clone() }));
    }
    let items = match table.get("set") {
        None => return Err(StandardsError::NoSets),
        Some(Toml::Array(a)) => a,
        Some(_) => {
            return Err(file_err(Problem::WrongType {
                key: "set".into(),
                expected: "a list of [[set]] tables",
                expected_zh: "若干 [[set]] 表",
            }))
        }
    };
    let mut sets = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let mut label = format!("#{}", i + 1);
        let set = parse_set(item, &mut label).map_err(|problem| StandardsError::Set {
            set: label.clone(),
            problem,
        })?;
        sets.push(set);
    }
    let clauses = match table.get("clauses") {
        Some(Toml::Table(t)) => Clauses::parse(t)?,
        Some(_) => {
            return Err(file_err(Problem::WrongType {
                key: "clauses".into(),
                expected: "a [clauses] table",
                expected_zh: "[clauses] 表",
            }))
        }
        // A file written before the clauses were data: cite the bundled ones.
        None => bundled_clauses()?,
    };
    Ok(Standards::new(sets)?.with_clauses(clauses))
}

/// The `[clauses]` of `assets/standards.toml`.
fn bundled_clauses() -> Result<Clauses, StandardsError> {
    let table: Table = super::BUNDLED_TOML
        .parse()
        .map_err(|e: toml::de::Error| StandardsError::Syntax(e.to_string()))?;
    match table.get("clauses") {
        Some(Toml::Table(t)) => Clauses::parse(t),
        _ => Err(StandardsError::Set {
            set: "(bundled file)".into(),
            problem: Problem::Missing {
                key: "[clauses]".into(),
            },
        }),
    }
}

fn parse_set(item: &Toml, label: &mut String) -> Result<StandardSet, Problem> {
    let t = item.as_table().ok_or(Problem::WrongType {
        key: "set".into(),
        expected: "a table",
        expected_zh: "表",
    })?;
    for k in t.keys() {
        if !["from", "to", "note", "rules", "urban", "rural"].contains(&k.as_str()) {
            return Err(Problem::Unknown { key: k.clone() });
        }
    }
    let from = date(t, "from")?;
    *label = from.to_string();
    let to = date(t, "to")?;
    let note = match t.get("note") {
        None => String::new(),
        Some(Toml::String(s)) => s.clone(),
        Some(_) => {
            return Err(Problem::WrongType {
                key: "note".into(),
                expected: "text in quotes",
                expected_zh: "带引号的文字",
            })
        }
    };
    let rules = sub_table(t, "rules")?;
    let keys: Vec<&str> = RuleField::ALL.iter().map(|f| f.key()).collect();
    unknown_keys(rules, "rules", &keys)?;
    let rule = |f: RuleField| setting(rules, f.key(), FieldRef::Rule(f));
    // The destitute thresholds arrived after the first release: a file written before
    // them (a district's edited copy in the store) takes the national values.
    let national = super::DestituteRules::national();
    let or_national = |f: RuleField, n: Setting<u32>| -> Result<Setting<u32>, Problem> {
        if rules.contains_key(f.key()) {
            Ok(number(rule(f)?))
        } else {
            Ok(n)
        }
    };
    let destitute = super::DestituteRules {
        elderly_age: or_national(RuleField::DestituteElderlyAge, national.elderly_age)?,
        minor_age: or_national(RuleField::DestituteMinorAge, national.minor_age)?,
        child_no_labour_age: or_national(
            RuleField::DestituteChildNoLabourAge,
            national.child_no_labour_age,
        )?,
        grade_intellectual: or_national(
            RuleField::DestituteGradeIntellectual,
            national.grade_intellectual,
        )?,
        grade_mental: or_national(RuleField::DestituteGradeMental, national.grade_mental)?,
        grade_physical: or_national(RuleField::DestituteGradePhysical, national.grade_physical)?,
        grade_visual: or_national(RuleField::DestituteGradeVisual, national.grade_visual)?,
        grade_hearing: or_national(RuleField::DestituteGradeHearing, national.grade_hearing)?,
        grade_speech: or_national(RuleField::DestituteGradeSpeech, national.grade_speech)?,
        grade_multiple: or_national(RuleField::DestituteGradeMultiple, national.grade_multiple)?,
        recorded_no_labour: if rules.contains_key(RuleField::DestituteRecordedNoLabour.key()) {
            flag(rule(RuleField::DestituteRecordedNoLabour)?)
        } else {
            national.recorded_no_labour
        },
        obligor_dibao_age: or_national(RuleField::ObligorDibaoAge, national.obligor_dibao_age)?,
        obligor_elderly_age: or_national(
            RuleField::ObligorElderlyAge,
            national.obligor_elderly_age,
        )?,
    };
    let rules = Rules {
        destitute,
        elderly_age: number(rule(RuleField::ElderlyAge)?),
        minor_age: number(rule(RuleField::MinorAge)?),
        rigid_share_percent: number(rule(RuleField::RigidSharePercent)?),
        taper_months: number(rule(RuleField::TaperMonths)?),
        review_working_days: number(rule(RuleField::ReviewWorkingDays)?),
        refuse_able_working_age: flag(rule(RuleField::RefuseAbleWorkingAge)?),
        exempt_carers: flag(rule(RuleField::ExemptCarers)?),
        benefit_rounding: match rule(RuleField::BenefitRounding)? {
            (Value::Rounding(r), c) => Setting {
                value: r,
                confirmed: c,
            },
            _ => Setting::illustrative(super::Rounding::CeilYuan),
        },
    };
    Ok(StandardSet {
        from,
        to,
        note,
        rules,
        urban: area_standard(t, Area::Urban)?,
        rural: area_standard(t, Area::Rural)?,
    })
}

fn area_standard(t: &Table, area: Area) -> Result<AreaStandard, Problem> {
    let name = match area {
        Area::Urban => "urban",
        Area::Rural => "rural",
    };
    let a = sub_table(t, name)?;
    let keys: Vec<&str> = AreaField::ALL.iter().map(|f| f.key()).collect();
    unknown_keys(a, name, &keys)?;
    let get = |f: AreaField| setting(a, f.key(), FieldRef::Area(area, f));
    Ok(AreaStandard {
        basis: match get(AreaField::Basis)? {
            (Value::Basis(p), c) => Setting {
                value: p,
                confirmed: c,
            },
            _ => Setting::illustrative(Period::Monthly),
        },
        dibao: money(get(AreaField::Dibao)?),
        marginal: money(get(AreaField::Marginal)?),
        marginal_multiplier_percent: number(get(AreaField::MarginalMultiplier)?),
        disposable_income_yearly: money(get(AreaField::DisposableIncome)?),
        deposit_months: number(get(AreaField::DepositMonths)?),
        vehicle_value_limit: money(get(AreaField::VehicleValueLimit)?),
        dwellings_allowed: number(get(AreaField::DwellingsAllowed)?),
        destitute_scattered_monthly: money(get(AreaField::DestituteScattered)?),
        destitute_centralised_monthly: money(get(AreaField::DestituteCentralised)?),
        classified_supplement_monthly: money(get(AreaField::ClassifiedSupplement)?),
    })
}

// The kinds are checked when reading, so these conversions cannot meet another kind.
fn number((v, c): (Value, bool)) -> Setting<u32> {
    let value = if let Value::Number(n) = v { n } else { 0 };
    Setting {
        value,
        confirmed: c,
    }
}

fn flag((v, c): (Value, bool)) -> Setting<bool> {
    Setting {
        value: v == Value::Flag(true),
        confirmed: c,
    }
}

fn money((v, c): (Value, bool)) -> Setting<Money> {
    let value = if let Value::Money(m) = v {
        m
    } else {
        Money::ZERO
    };
    Setting {
        value,
        confirmed: c,
    }
}

fn sub_table<'a>(t: &'a Table, key: &str) -> Result<&'a Table, Problem> {
    match t.get(key) {
        None => Err(Problem::Missing {
            key: format!("[set.{key}]"),
        }),
        Some(v) => v.as_table().ok_or(Problem::WrongType {
            key: key.into(),
            expected: "a table",
            expected_zh: "表",
        }),
    }
}

fn unknown_keys(t: &Table, section: &str, known: &[&str]) -> Result<(), Problem> {
    match t.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(Problem::Unknown {
            key: format!("{section}.{k}"),
        }),
        None => Ok(()),
    }
}

fn date(t: &Table, key: &str) -> Result<NaiveDate, Problem> {
    let text = match t.get(key) {
        None => return Err(Problem::Missing { key: key.into() }),
        Some(Toml::String(s)) => s.clone(),
        Some(Toml::Datetime(d)) => d.to_string(),
        Some(other) => other.to_string(),
    };
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| Problem::BadDate {
        key: key.into(),
        text,
    })
}

/// `{ value = ..., confirmed = ... }` or a bare value (unconfirmed).
fn setting(t: &Table, key: &str, field: FieldRef) -> Result<(Value, bool), Problem> {
    let full = field.key();
    let raw = t.get(key).ok_or(Problem::Missing { key: full.clone() })?;
    let (raw, confirmed) = match raw {
        Toml::Table(inner) => {
            if let Some(k) = inner
                .keys()
                .find(|k| !["value", "confirmed"].contains(&k.as_str()))
            {
                return Err(Problem::Unknown {
                    key: format!("{full}.{k}"),
                });
            }
            let v = inner.get("value").ok_or(Problem::Missing {
                key: format!("{full}.value"),
            })?;
            let c = match inner.get("confirmed") {
                None => false,
                Some(Toml::Boolean(b)) => *b,
                Some(_) => {
                    return Err(Problem::WrongType {
                        key: format!("{full}.confirmed"),
                        expected: "true or false",
                        expected_zh: "true 或 false",
                    })
                }
            };
            (v, c)
        }
        other => (other, false),
    };
    let wrong = |expected, expected_zh| Problem::WrongType {
        key: full.clone(),
        expected,
        expected_zh,
    };
    let value = match (field.kind(), raw) {
        (Kind::Money, Toml::String(s)) => {
            Value::Money(Money::parse(s).map_err(|reason| Problem::NotMoney {
                key: full.clone(),
                reason,
            })?)
        }
        (Kind::Money, Toml::Integer(y)) => Value::Money(Money::from_fen(
            y.checked_mul(100).ok_or(Problem::NotMoney {
                key: full.clone(),
                reason: crate::domain::money::MoneyError::TooLarge,
            })?,
        )),
        (Kind::Money, Toml::Float(_)) => return Err(Problem::FloatMoney { key: full }),
        (Kind::Money, _) => return Err(wrong("an amount in yuan", "以元为单位的金额")),
        (Kind::Number { .. }, Toml::Integer(n)) => Value::Number(
            u32::try_from(*n).map_err(|_| wrong("a whole number, not negative", "非负整数"))?,
        ),
        (Kind::Number { .. }, _) => return Err(wrong("a whole number", "整数")),
        (Kind::Flag, Toml::Boolean(b)) => Value::Flag(*b),
        (Kind::Flag, _) => return Err(wrong("true or false", "true 或 false")),
        (Kind::Rounding | Kind::Basis, Toml::String(s)) => field.parse_text(s)?,
        (Kind::Rounding | Kind::Basis, _) => return Err(wrong("text in quotes", "带引号的文字")),
    };
    super::fields::check_range(field, &value)?;
    Ok((value, confirmed))
}

pub(super) fn write(standards: &Standards) -> String {
    let mut out = String::from(
        "# 低收入人口认定标准 / standards for the low-income population\n\
         # 每组标准自 from 起至 to 止（含）生效。confirmed = false 为示意值，须区民政局确认。\n\
         # Each set is in force from `from` to `to` (inclusive). confirmed = false marks an\n\
         # illustrative value the district must confirm. Money: quoted yuan, never a float.\n",
    );
    for set in standards.sets() {
        let _ = write!(
            out,
            "\n[[set]]\nfrom = \"{}\"\nto = \"{}\"\nnote = {}\n",
            set.from,
            set.to,
            Toml::String(set.note.clone())
        );
        let mut section = "";
        for (field, value, confirmed) in set.fields() {
            let (name, key) = match field {
                FieldRef::Rule(f) => ("rules", f.key()),
                FieldRef::Area(Area::Urban, f) => ("urban", f.key()),
                FieldRef::Area(Area::Rural, f) => ("rural", f.key()),
            };
            if name != section {
                section = name;
                let _ = write!(out, "\n[set.{name}]\n");
            }
            let _ = writeln!(
                out,
                "{key} = {{ value = {}, confirmed = {confirmed} }}  # {}",
                value.toml(),
                field.zh()
            );
        }
    }
    out.push_str(&standards.clauses().write());
    out
}
