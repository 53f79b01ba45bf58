//! Getting and setting a standard set's fields by name.

use super::{AreaField, DestituteRules, FieldRef, Problem, RuleField, Setting, StandardSet, Value};
use crate::domain::money::Money;
use crate::domain::town::Area;

fn money(s: &Setting<Money>) -> (Value, bool) {
    (Value::Money(s.value), s.confirmed)
}

fn number(s: &Setting<u32>) -> (Value, bool) {
    (Value::Number(s.value), s.confirmed)
}

fn flag(s: &Setting<bool>) -> (Value, bool) {
    (Value::Flag(s.value), s.confirmed)
}

/// The destitute thresholds that are numbers, by field.
fn destitute_number(d: &DestituteRules, f: RuleField) -> Option<&Setting<u32>> {
    use RuleField as R;
    Some(match f {
        R::DestituteElderlyAge => &d.elderly_age,
        R::DestituteMinorAge => &d.minor_age,
        R::DestituteChildNoLabourAge => &d.child_no_labour_age,
        R::DestituteGradeIntellectual => &d.grade_intellectual,
        R::DestituteGradeMental => &d.grade_mental,
        R::DestituteGradePhysical => &d.grade_physical,
        R::DestituteGradeVisual => &d.grade_visual,
        R::DestituteGradeHearing => &d.grade_hearing,
        R::DestituteGradeSpeech => &d.grade_speech,
        R::DestituteGradeMultiple => &d.grade_multiple,
        R::ObligorDibaoAge => &d.obligor_dibao_age,
        R::ObligorElderlyAge => &d.obligor_elderly_age,
        _ => return None,
    })
}

fn destitute_number_mut(d: &mut DestituteRules, f: RuleField) -> Option<&mut Setting<u32>> {
    use RuleField as R;
    Some(match f {
        R::DestituteElderlyAge => &mut d.elderly_age,
        R::DestituteMinorAge => &mut d.minor_age,
        R::DestituteChildNoLabourAge => &mut d.child_no_labour_age,
        R::DestituteGradeIntellectual => &mut d.grade_intellectual,
        R::DestituteGradeMental => &mut d.grade_mental,
        R::DestituteGradePhysical => &mut d.grade_physical,
        R::DestituteGradeVisual => &mut d.grade_visual,
        R::DestituteGradeHearing => &mut d.grade_hearing,
        R::DestituteGradeSpeech => &mut d.grade_speech,
        R::DestituteGradeMultiple => &mut d.grade_multiple,
        R::ObligorDibaoAge => &mut d.obligor_dibao_age,
        R::ObligorElderlyAge => &mut d.obligor_elderly_age,
        _ => return None,
    })
}

impl StandardSet {
    /// A field's value and whether it is confirmed.
    pub fn get(&self, field: FieldRef) -> (Value, bool) {
        use AreaField as A;
        use RuleField as R;
        let r = &self.rules;
        match field {
            FieldRef::Rule(R::ElderlyAge) => number(&r.elderly_age),
            FieldRef::Rule(R::MinorAge) => number(&r.minor_age),
            FieldRef::Rule(R::RigidSharePercent) => number(&r.rigid_share_percent),
            FieldRef::Rule(R::TaperMonths) => number(&r.taper_months),
            FieldRef::Rule(R::ReviewWorkingDays) => number(&r.review_working_days),
            FieldRef::Rule(R::RefuseAbleWorkingAge) => flag(&r.refuse_able_working_age),
            FieldRef::Rule(R::ExemptCarers) => flag(&r.exempt_carers),
            FieldRef::Rule(R::BenefitRounding) => (
                Value::Rounding(r.benefit_rounding.value),
                r.benefit_rounding.confirmed,
            ),
            FieldRef::Rule(R::DestituteRecordedNoLabour) => flag(&r.destitute.recorded_no_labour),
            FieldRef::Rule(f) => match destitute_number(&r.destitute, f) {
                Some(s) => number(s),
                None => (Value::Number(0), false),
            },
            FieldRef::Area(area, f) => {
                let s = self.area(area);
                match f {
                    A::Basis => (Value::Basis(s.basis.value), s.basis.confirmed),
                    A::Dibao => money(&s.dibao),
                    A::Marginal => money(&s.marginal),
                    A::MarginalMultiplier => number(&s.marginal_multiplier_percent),
                    A::DisposableIncome => money(&s.disposable_income_yearly),
                    A::DepositMonths => number(&s.deposit_months),
                    A::VehicleValueLimit => money(&s.vehicle_value_limit),
                    A::DwellingsAllowed => number(&s.dwellings_allowed),
                    A::DestituteScattered => money(&s.destitute_scattered_monthly),
                    A::DestituteCentralised => money(&s.destitute_centralised_monthly),
                    A::ClassifiedSupplement => money(&s.classified_supplement_monthly),
                }
            }
        }
    }

    /// Set a field; the value must be of the field's kind.
    pub fn put(&mut self, field: FieldRef, value: Value, confirmed: bool) -> Result<(), Problem> {
        use AreaField as A;
        use RuleField as R;
        let wrong = || Problem::WrongType {
            key: field.key(),
            expected: "a value of this field's kind",
            expected_zh: "与该项相符的值",
        };
        fn set<T>(s: &mut Setting<T>, value: T, confirmed: bool) {
            *s = Setting { value, confirmed };
        }
        let r = &mut self.rules;
        match (field, value) {
            (FieldRef::Rule(R::ElderlyAge), Value::Number(n)) => {
                set(&mut r.elderly_age, n, confirmed)
            }
            (FieldRef::Rule(R::MinorAge), Value::Number(n)) => set(&mut r.minor_age, n, confirmed),
            (FieldRef::Rule(R::RigidSharePercent), Value::Number(n)) => {
                set(&mut r.rigid_share_percent, n, confirmed)
            }
            (FieldRef::Rule(R::TaperMonths), Value::Number(n)) => {
                set(&mut r.taper_months, n, confirmed)
            }
            (FieldRef::Rule(R::ReviewWorkingDays), Value::Number(n)) => {
                set(&mut r.review_working_days, n, confirmed)
            }
            (FieldRef::Rule(R::RefuseAbleWorkingAge), Value::Flag(b)) => {
                set(&mut r.refuse_able_working_age, b, confirmed)
            }
            (FieldRef::Rule(R::ExemptCarers), Value::Flag(b)) => {
                set(&mut r.exempt_carers, b, confirmed)
            }
            (FieldRef::Rule(R::BenefitRounding), Value::Rounding(x)) => {
                set(&mut r.benefit_rounding, x, confirmed)
            }
            (FieldRef::Rule(R::DestituteRecordedNoLabour), Value::Flag(b)) => {
                set(&mut r.destitute.recorded_no_labour, b, confirmed)
            }
            (FieldRef::Rule(f), Value::Number(n)) => {
                match destitute_number_mut(&mut r.destitute, f) {
                    Some(s) => set(s, n, confirmed),
                    None => return Err(wrong()),
                }
            }
            (FieldRef::Area(area, f), v) => {
                let s = match area {
                    Area::Urban => &mut self.urban,
                    Area::Rural => &mut self.rural,
                };
                match (f, v) {
                    (A::Basis, Value::Basis(p)) => set(&mut s.basis, p, confirmed),
                    (A::Dibao, Value::Money(m)) => set(&mut s.dibao, m, confirmed),
                    (A::Marginal, Value::Money(m)) => set(&mut s.marginal, m, confirmed),
                    (A::MarginalMultiplier, Value::Number(n)) => {
                        set(&mut s.marginal_multiplier_percent, n, confirmed)
                    }
                    (A::DisposableIncome, Value::Money(m)) => {
                        set(&mut s.disposable_income_yearly, m, confirmed)
                    }
                    (A::DepositMonths, Value::Number(n)) => {
                        set(&mut s.deposit_months, n, confirmed)
                    }
                    (A::VehicleValueLimit, Value::Money(m)) => {
                        set(&mut s.vehicle_value_limit, m, confirmed)
                    }
                    (A::DwellingsAllowed, Value::Number(n)) => {
                        set(&mut s.dwellings_allowed, n, confirmed)
                    }
                    (A::DestituteScattered, Value::Money(m)) => {
                        set(&mut s.destitute_scattered_monthly, m, confirmed)
                    }
                    (A::DestituteCentralised, Value::Money(m)) => {
                        set(&mut s.destitute_centralised_monthly, m, confirmed)
                    }
                    (A::ClassifiedSupplement, Value::Money(m)) => {
                        set(&mut s.classified_supplement_monthly, m, confirmed)
                    }
                    _ => return Err(wrong()),
                }
            }
            _ => return Err(wrong()),
        }
        Ok(())
    }
}
