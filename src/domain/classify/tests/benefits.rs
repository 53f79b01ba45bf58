//! Benefits on totals, supplements, single-person cover, bad data, monotonicity.

use super::*;
use Category::*;

#[test]
fn benefit_is_computed_on_totals() {
    // Three members, 1,000.00 a month in all. Per capita 333.33 (truncated) × 3 = 999.99
    // would make the gap 1,304.01 and round up to 1,305; on totals it is 1,304 exactly.
    let mut h = urban_adults(3);
    income(
        &mut h,
        Some(0),
        IncomeKind::Wages,
        Amount::monthly(yuan(1_000)),
    );
    let p = propose(&h);
    assert_eq!(p.category, Some(Dibao));
    assert_eq!(p.figures.per_capita_monthly, fen(33_333));
    let divided_first = (yuan(768 * 3) - p.figures.per_capita_monthly.times(3)).ceil_yuan();
    assert_eq!(divided_first, yuan(1_305));
    assert_eq!(p.benefit.base, yuan(1_304), "{}", dump(&p));

    // Rural, stated per year: (6,906 × 2 − 6,000) ÷ 12 = 651.
    let p = propose(&with_annual(rural_adults(2), yuan(6_000)));
    assert_eq!(p.benefit.base, yuan(651));
    // A gap of 7,812.01 a year is 651.0008 a month: rounded up to 652.
    let p = propose(&with_annual(rural_adults(2), fen(599_999)));
    assert_eq!(p.benefit.base, yuan(652));
}

#[test]
fn classified_supplement_for_elderly_ill_disabled_minor() {
    let mut h = household(Area::Urban, vec![adult("甲"), elder("乙", Area::Urban)]);
    h.members.push(member("丙", 2015, Area::Urban));
    let p = propose(&h);
    assert_eq!(p.category, Some(Dibao), "{}", dump(&p));
    assert_eq!(p.benefit.base, yuan(768 * 3));
    assert_eq!(p.benefit.supplement, yuan(160));
    assert!(has_line(&p, "分类施保：乙、丙"), "{}", dump(&p));
}

/// Raising any income never moves a household to a more supported category; adding
/// rigid spending never moves it to a less supported one.
#[test]
fn monotone_in_income_and_rigid_spending() {
    let rank = |p: &Proposal| super::super::rank(p.category);
    let mut bases: Vec<Household> = super::categories::cases()
        .into_iter()
        .map(|(_, h, _, _)| h)
        .collect();
    let mut elderly = household(
        Area::Rural,
        vec![elder("老", Area::Rural), elder("伴", Area::Rural)],
    );
    income(
        &mut elderly,
        Some(1),
        IncomeKind::Transfer,
        Amount::yearly(yuan(3_000)),
    );
    bases.push(elderly);
    let steps = [
        fen(1),
        yuan(50),
        yuan(400),
        yuan(1_500),
        yuan(6_000),
        yuan(20_000),
    ];
    for (i, base) in bases.iter().enumerate() {
        let before = propose(base);
        for member in [None, Some(0), Some(base.size() - 1)] {
            for step in steps {
                let mut richer = base.clone();
                income(&mut richer, member, IncomeKind::Other, Amount::yearly(step));
                let after = propose(&richer);
                assert!(
                    rank(&after) <= rank(&before),
                    "household {i} +{step} income to {member:?}"
                );
                let mut spends = base.clone();
                spends.expenses.push(crate::domain::income::RigidExpense {
                    kind: ExpenseKind::Education,
                    member,
                    amount: Amount::yearly(step),
                    note: String::new(),
                });
                let after = propose(&spends);
                assert!(
                    rank(&after) >= rank(&before),
                    "household {i} +{step} spending"
                );
            }
        }
    }
}
