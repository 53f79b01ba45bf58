//! Properties of the engine over generated households (proptest): it never panics, the
//! benefit never rises when income rises, and a household exactly at a line never
//! qualifies for what the line guards.

use super::*;
use crate::domain::obligor::{Inability, Obligor, ObligorRelation};
use proptest::prelude::*;

fn arb_member(area: Area) -> impl Strategy<Value = Member> {
    (
        1930i32..2024,
        0u8..4,
        prop::option::of((0usize..7, 1u8..=4)),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(move |(year, labour, disability, carer, health)| {
            let mut m = member("成员", year, area);
            m.labour = [
                LabourCapacity::Full,
                LabourCapacity::Partial,
                LabourCapacity::None,
                LabourCapacity::Full,
            ][usize::from(labour)];
            m.health = [Health::Healthy, Health::Chronic, Health::Serious][usize::from(health)];
            m.disability = disability.and_then(|(k, g)| {
                DisabilityKind::ALL
                    .get(k)
                    .and_then(|kind| Disability::new(*kind, g).ok())
            });
            m.carer = carer;
            m
        })
}

fn arb_household() -> impl Strategy<Value = Household> {
    prop_oneof![Just(Area::Urban), Just(Area::Rural)]
        .prop_flat_map(|area| {
            (
                Just(area),
                prop::collection::vec(arb_member(area), 1..5),
                prop::collection::vec((0usize..8, 0i64..300_000, any::<bool>(), 0usize..6), 0..4),
                0i64..20_000_000,
                any::<bool>(),
                prop::collection::vec(
                    (
                        0usize..5,
                        prop::option::of(0usize..8),
                        0i64..100_000,
                        any::<bool>(),
                        prop::option::of(0i64..3_000_000),
                    ),
                    0..3,
                ),
            )
        })
        .prop_map(|(area, members, items, deposits, monitoring, obligors)| {
            let mut h = household(area, members);
            let n = h.size();
            for (supports, unable, paid, lives_in, own) in obligors {
                h.obligors.push(Obligor {
                    supports: supports % n,
                    relation: ObligorRelation::Child,
                    name: "义务人".into(),
                    id: None,
                    lives_in_household: lives_in,
                    unable: unable.and_then(|k| Inability::ALL.get(k).copied()),
                    paid: Amount::monthly(Money::from_fen(paid)),
                    own_income_yearly: own.map(Money::from_fen),
                    assets_within_limits: paid % 2 == 0,
                    note: String::new(),
                });
            }
            for (kind, fen, monthly, whose) in items {
                let kind = IncomeKind::ALL
                    .get(kind)
                    .copied()
                    .unwrap_or(IncomeKind::Wages);
                let money = Money::from_fen(fen);
                let amount = if monthly {
                    Amount::monthly(money)
                } else {
                    Amount::yearly(money.times(12))
                };
                income(&mut h, (whose < n).then_some(whose), kind, amount);
            }
            h.standing.relapse_watch = monitoring;
            with_asset(h, AssetKind::Deposit, 1, Money::from_fen(deposits))
        })
}

/// The household's own area in `classify` and the same area for every member, so one
/// reading decides (the 就高就宽 comparison of readings is tested by table).
fn proposal(h: &Household) -> Proposal {
    classify(h, &standards(), applied()).expect("generated households classify")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_engine_never_panics(mut h in arb_household(), loss in 0i64..500_000, date in 0i64..1200) {
        income(&mut h, Some(0), IncomeKind::Business, Amount::yearly(Money::from_fen(-loss)));
        let on = d(2024, 6, 1) + chrono::Duration::days(date);
        let _ = classify(&h, &standards(), on);
        let _ = classify_span(&h, &standards(), on, on + chrono::Duration::days(200));
    }

    #[test]
    fn the_benefit_never_rises_when_income_rises(
        h in arb_household(),
        whose in 0usize..5,
        more in 1i64..200_000,
    ) {
        let before = proposal(&h);
        let mut richer = h.clone();
        let whose = (whose < h.size()).then_some(whose);
        income(&mut richer, whose, IncomeKind::Wages, Amount::monthly(Money::from_fen(more)));
        let after = proposal(&richer);
        prop_assert!(
            after.benefit.total() <= before.benefit.total(),
            "{} → {} a month after {} fen more a month\nbefore:\n{}\nafter:\n{}",
            before.benefit.total(), after.benefit.total(), more, dump(&before), dump(&after)
        );
    }

    #[test]
    fn a_household_exactly_at_a_line_never_qualifies(n in 1usize..5, rural in any::<bool>()) {
        let h = if rural { rural_adults(n) } else { urban_adults(n) };
        let set = standards();
        let s = set.set_on(applied()).expect("2025").area(h.area);
        let k = n as i64;
        for (line, not) in [
            (s.yearly_total(s.dibao.value, k), Category::Dibao),
            (s.yearly_total(s.marginal.value, k), Category::DibaoMarginal),
        ] {
            let p = proposal(&with_annual(h.clone(), line));
            prop_assert_ne!(p.category, Some(not), "{}", dump(&p));
            if not == Category::Dibao {
                prop_assert_eq!(p.benefit.total(), Money::ZERO);
            }
        }
        let disposable = s.disposable_income_yearly.value.times(k);
        let p = proposal(&with_rigid(with_annual(h.clone(), disposable), disposable));
        prop_assert_ne!(p.category, Some(Category::RigidExpense), "{}", dump(&p));
    }
}
