//! The fields of a standard set by name, so the file reader, the writer, the diff and
//! the standards screen all walk one list.

use super::Problem;
use crate::domain::income::Period;
use crate::domain::label::Label;
use crate::domain::money::Money;
use crate::domain::town::Area;
use crate::labelled_enum;

labelled_enum! {
    /// Rules common to urban and rural.
    pub enum RuleField {
        ElderlyAge => ("低保：老年人年龄（周岁及以上）", "dibao: elderly from age (not counted as labour, classified supplement)"),
        MinorAge => ("低保：未成年人年龄（不满）", "dibao: minor under age (not counted as labour, classified supplement)"),
        RigidSharePercent => ("刚性支出占家庭收入比例（%）", "rigid spending share of income (%)"),
        TaperMonths => ("渐退期（月）", "taper period (months)"),
        ReviewWorkingDays => ("审核确认时限（工作日）", "review limit (working days)"),
        RefuseAbleWorkingAge => ("有劳动能力成员且无重病重残的家庭不予低保", "refuse dibao to households with an able working-age member and no severe illness or disability"),
        ExemptCarers => ("照护重病重残亲属者不计为劳动力", "carers of severely ill or disabled relatives not counted as labour"),
        BenefitRounding => ("低保金取整方式", "dibao benefit rounding"),
        DestituteElderlyAge => ("特困：老年人年龄（周岁及以上）", "destitute: elderly from age"),
        DestituteMinorAge => ("特困：未成年人年龄（不满）", "destitute: minor under age"),
        DestituteChildNoLabourAge => ("特困：未满此年龄无劳动能力", "destitute: no labour capacity under age"),
        DestituteGradeIntellectual => ("特困：智力残疾至几级无劳动能力", "destitute: intellectual disability grades 1 to this mean no labour capacity (0: none)"),
        DestituteGradeMental => ("特困：精神残疾至几级无劳动能力", "destitute: mental disability grades 1 to this mean no labour capacity"),
        DestituteGradePhysical => ("特困：肢体残疾至几级无劳动能力", "destitute: physical disability grades 1 to this mean no labour capacity"),
        DestituteGradeVisual => ("特困：视力残疾至几级无劳动能力", "destitute: visual disability grades 1 to this mean no labour capacity"),
        DestituteGradeHearing => ("特困：听力残疾至几级无劳动能力", "destitute: hearing disability grades 1 to this mean no labour capacity"),
        DestituteGradeSpeech => ("特困：言语残疾至几级无劳动能力", "destitute: speech disability grades 1 to this mean no labour capacity"),
        DestituteGradeMultiple => ("特困：多重残疾至几级无劳动能力", "destitute: multiple disability grades 1 to this mean no labour capacity"),
        DestituteRecordedNoLabour => ("特困：登记无劳动能力者按无劳动能力", "destitute: a member recorded without labour capacity counts as such (provincial case)"),
        ObligorDibaoAge => ("义务人：低保对象无履行能力的年龄", "obligor: dibao recipients from this age are unable to support"),
        ObligorElderlyAge => ("义务人：老年人无履行能力的年龄", "obligor: from this age, with low income and assets within limits, unable to support"),
    }
}

labelled_enum! {
    /// Standards per registration area.
    pub enum AreaField {
        Basis => ("低保与边缘标准的计算周期", "dibao and marginal standards stated per"),
        Dibao => ("低保标准（人）", "dibao standard (per person)"),
        Marginal => ("低保边缘标准即监测线（人）", "marginal standard = monitoring line (per person)"),
        MarginalMultiplier => ("边缘标准为低保标准的百分比", "marginal standard as % of dibao standard"),
        DisposableIncome => ("上年居民人均可支配收入（年）", "last year's per-capita disposable income (yearly)"),
        DepositMonths => ("人均存款上限（月低保标准数）", "deposits per person (months of dibao standard)"),
        VehicleValueLimit => ("车辆总价值上限", "vehicle value limit"),
        DwellingsAllowed => ("住房套数上限", "dwellings allowed"),
        DestituteScattered => ("特困分散供养标准（人·月）", "destitute support, scattered (per person-month)"),
        DestituteCentralised => ("特困集中供养标准（人·月）", "destitute support, centralised (per person-month)"),
        ClassifiedSupplement => ("分类施保（人·月）", "classified supplement (per person-month)"),
    }
}

labelled_enum! {
    /// How the monthly dibao gap is rounded.
    pub enum Rounding {
        CeilYuan => ("向上取整到元", "round up to the yuan"),
        RoundYuan => ("四舍五入到元", "round to the nearest yuan"),
        CeilFen => ("向上取整到分", "round up to the fen"),
    }
}

impl Rounding {
    pub fn key(self) -> &'static str {
        match self {
            Rounding::CeilYuan => "ceil_yuan",
            Rounding::RoundYuan => "round_yuan",
            Rounding::CeilFen => "ceil_fen",
        }
    }

    /// Round a yearly amount in fen to a monthly amount: the one place the gap is divided.
    pub fn monthly_from_yearly(self, yearly: Money) -> Money {
        let fen = yearly.fen();
        match self {
            Rounding::CeilYuan => Money::from_yuan(ceil_div(fen, 1200)),
            Rounding::RoundYuan => Money::from_yuan((fen + 600).div_euclid(1200)),
            Rounding::CeilFen => Money::from_fen(ceil_div(fen, 12)),
        }
    }
}

fn ceil_div(a: i64, b: i64) -> i64 {
    -((-a).div_euclid(b))
}

impl RuleField {
    pub fn key(self) -> &'static str {
        match self {
            RuleField::ElderlyAge => "elderly_age",
            RuleField::MinorAge => "minor_age",
            RuleField::RigidSharePercent => "rigid_share_percent",
            RuleField::TaperMonths => "taper_months",
            RuleField::ReviewWorkingDays => "review_working_days",
            RuleField::RefuseAbleWorkingAge => "refuse_able_working_age",
            RuleField::ExemptCarers => "exempt_carers",
            RuleField::BenefitRounding => "benefit_rounding",
            RuleField::DestituteElderlyAge => "destitute_elderly_age",
            RuleField::DestituteMinorAge => "destitute_minor_age",
            RuleField::DestituteChildNoLabourAge => "destitute_child_no_labour_age",
            RuleField::DestituteGradeIntellectual => "destitute_grade_intellectual",
            RuleField::DestituteGradeMental => "destitute_grade_mental",
            RuleField::DestituteGradePhysical => "destitute_grade_physical",
            RuleField::DestituteGradeVisual => "destitute_grade_visual",
            RuleField::DestituteGradeHearing => "destitute_grade_hearing",
            RuleField::DestituteGradeSpeech => "destitute_grade_speech",
            RuleField::DestituteGradeMultiple => "destitute_grade_multiple",
            RuleField::DestituteRecordedNoLabour => "destitute_recorded_no_labour",
            RuleField::ObligorDibaoAge => "obligor_dibao_age",
            RuleField::ObligorElderlyAge => "obligor_elderly_age",
        }
    }
}

impl AreaField {
    pub fn key(self) -> &'static str {
        match self {
            AreaField::Basis => "basis",
            AreaField::Dibao => "dibao",
            AreaField::Marginal => "marginal",
            AreaField::MarginalMultiplier => "marginal_multiplier_percent",
            AreaField::DisposableIncome => "disposable_income_yearly",
            AreaField::DepositMonths => "deposit_months",
            AreaField::VehicleValueLimit => "vehicle_value_limit",
            AreaField::DwellingsAllowed => "dwellings_allowed",
            AreaField::DestituteScattered => "destitute_scattered_monthly",
            AreaField::DestituteCentralised => "destitute_centralised_monthly",
            AreaField::ClassifiedSupplement => "classified_supplement_monthly",
        }
    }
}

/// One field of a standard set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRef {
    Rule(RuleField),
    Area(Area, AreaField),
}

/// A field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Money(Money),
    Number(u32),
    Flag(bool),
    Rounding(Rounding),
    Basis(Period),
}

impl Value {
    pub fn zh(&self) -> String {
        match self {
            Value::Money(m) => format!("{m} 元"),
            Value::Number(n) => n.to_string(),
            Value::Flag(true) => "是".into(),
            Value::Flag(false) => "否".into(),
            Value::Rounding(r) => r.zh().into(),
            Value::Basis(p) => p.zh().into(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Value::Money(m) => format!("{m} yuan"),
            Value::Number(n) => n.to_string(),
            Value::Flag(true) => "yes".into(),
            Value::Flag(false) => "no".into(),
            Value::Rounding(r) => r.en().into(),
            Value::Basis(p) => p.en().into(),
        }
    }

    /// The value as TOML source: money as a quoted yuan string, never a float.
    pub(super) fn toml(&self) -> String {
        match self {
            Value::Money(m) => format!("\"{}\"", m.plain()),
            Value::Number(n) => n.to_string(),
            Value::Flag(b) => b.to_string(),
            Value::Rounding(r) => format!("\"{}\"", r.key()),
            Value::Basis(Period::Monthly) => "\"monthly\"".into(),
            Value::Basis(Period::Yearly) => "\"yearly\"".into(),
        }
    }
}

/// The kind of value a field holds, for parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Money,
    Number { min: u32, max: u32 },
    Flag,
    Rounding,
    Basis,
}

impl FieldRef {
    /// Rules, then urban, then rural, each in declaration order.
    pub fn all() -> Vec<FieldRef> {
        let mut v: Vec<FieldRef> = RuleField::ALL.iter().map(|f| FieldRef::Rule(*f)).collect();
        for area in [Area::Urban, Area::Rural] {
            v.extend(AreaField::ALL.iter().map(|f| FieldRef::Area(area, *f)));
        }
        v
    }

    /// "rules.elderly_age", "urban.dibao".
    pub fn key(self) -> String {
        match self {
            FieldRef::Rule(f) => format!("rules.{}", f.key()),
            FieldRef::Area(Area::Urban, f) => format!("urban.{}", f.key()),
            FieldRef::Area(Area::Rural, f) => format!("rural.{}", f.key()),
        }
    }

    /// "城市·低保标准（人）".
    pub fn zh(self) -> String {
        match self {
            FieldRef::Rule(f) => f.zh().to_string(),
            FieldRef::Area(a, f) => format!("{}·{}", a.zh(), f.zh()),
        }
    }

    /// "urban · dibao standard (per person)".
    pub fn en(self) -> String {
        match self {
            FieldRef::Rule(f) => f.en().to_string(),
            FieldRef::Area(a, f) => format!("{} · {}", a.en(), f.en()),
        }
    }

    pub(super) fn kind(self) -> Kind {
        use AreaField as A;
        use RuleField as R;
        let number = |min, max| Kind::Number { min, max };
        match self {
            FieldRef::Rule(R::ElderlyAge) => number(40, 100),
            FieldRef::Rule(R::MinorAge) => number(14, 22),
            FieldRef::Rule(R::RigidSharePercent) => number(0, 100),
            FieldRef::Rule(R::TaperMonths) => number(0, 36),
            FieldRef::Rule(R::ReviewWorkingDays) => number(1, 90),
            FieldRef::Rule(R::DestituteElderlyAge | R::ObligorDibaoAge | R::ObligorElderlyAge) => {
                number(40, 100)
            }
            FieldRef::Rule(R::DestituteMinorAge | R::DestituteChildNoLabourAge) => number(10, 22),
            FieldRef::Rule(
                R::DestituteGradeIntellectual
                | R::DestituteGradeMental
                | R::DestituteGradePhysical
                | R::DestituteGradeVisual
                | R::DestituteGradeHearing
                | R::DestituteGradeSpeech
                | R::DestituteGradeMultiple,
            ) => number(0, 4),
            FieldRef::Rule(
                R::RefuseAbleWorkingAge | R::ExemptCarers | R::DestituteRecordedNoLabour,
            ) => Kind::Flag,
            FieldRef::Rule(R::BenefitRounding) => Kind::Rounding,
            FieldRef::Area(_, A::Basis) => Kind::Basis,
            FieldRef::Area(_, A::MarginalMultiplier) => number(100, 300),
            FieldRef::Area(_, A::DepositMonths) => number(0, 240),
            FieldRef::Area(_, A::DwellingsAllowed) => number(0, 20),
            FieldRef::Area(_, _) => Kind::Money,
        }
    }

    /// Parse what an officer typed into the standards screen.
    pub fn parse_text(self, text: &str) -> Result<Value, Problem> {
        let t = text.trim();
        let key = self.key();
        let value = match self.kind() {
            Kind::Money => {
                Value::Money(Money::parse(t).map_err(|reason| Problem::NotMoney { key, reason })?)
            }
            Kind::Number { .. } => Value::Number(t.parse().map_err(|_| Problem::WrongType {
                key,
                expected: "a whole number",
                expected_zh: "整数",
            })?),
            Kind::Flag => match t {
                "true" | "yes" | "y" | "是" | "1" => Value::Flag(true),
                "false" | "no" | "n" | "否" | "0" => Value::Flag(false),
                _ => {
                    return Err(Problem::BadChoice {
                        key,
                        text: t.into(),
                        choices: "true / false（是 / 否）",
                    })
                }
            },
            Kind::Rounding => Value::Rounding(
                Rounding::ALL
                    .iter()
                    .copied()
                    .find(|r| r.key() == t || r.zh() == t)
                    .ok_or(Problem::BadChoice {
                        key,
                        text: t.into(),
                        choices: "ceil_yuan / round_yuan / ceil_fen",
                    })?,
            ),
            Kind::Basis => match t {
                "monthly" | "月" | "每月" => Value::Basis(Period::Monthly),
                "yearly" | "年" | "每年" => Value::Basis(Period::Yearly),
                _ => {
                    return Err(Problem::BadChoice {
                        key,
                        text: t.into(),
                        choices: "monthly / yearly（每月 / 每年）",
                    })
                }
            },
        };
        check_range(self, &value)?;
        Ok(value)
    }
}

/// Numbers within their sensible range, money not negative.
pub(super) fn check_range(field: FieldRef, value: &Value) -> Result<(), Problem> {
    match (field.kind(), value) {
        (Kind::Number { min, max }, Value::Number(n)) if *n < min || *n > max => {
            Err(Problem::OutOfRange {
                key: field.key(),
                value: i64::from(*n),
                min,
                max,
            })
        }
        (Kind::Money, Value::Money(m)) if m.is_negative() => {
            Err(Problem::Negative { key: field.key() })
        }
        _ => Ok(()),
    }
}

impl Value {
    /// The value as an officer would type it to get it back (what `parse_text` reads).
    pub fn edit_text(&self) -> String {
        match self {
            Value::Money(m) => m.plain(),
            Value::Number(n) => n.to_string(),
            Value::Flag(true) => "是".into(),
            Value::Flag(false) => "否".into(),
            Value::Rounding(r) => r.key().into(),
            Value::Basis(Period::Monthly) => "monthly".into(),
            Value::Basis(Period::Yearly) => "yearly".into(),
        }
    }
}

#[cfg(test)]
mod edit_text_tests {
    #[test]
    fn edit_text_parses_back_to_the_same_value() {
        let standards = crate::domain::standards::Standards::bundled().expect("bundled");
        for set in standards.sets() {
            for (field, value, _) in set.fields() {
                assert_eq!(
                    field.parse_text(&value.edit_text()),
                    Ok(value),
                    "{}",
                    field.key()
                );
            }
        }
    }
}
