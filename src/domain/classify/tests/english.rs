//! The English explanation is English (issue 14/17): no "(s)" plurals, no "1 members",
//! and no Chinese in a line but the names of the people in it, over every household of
//! the category tables and the obligor cases (with a vehicle and a dwelling, for the
//! asset lines).

use super::*;
use crate::domain::obligor::{Inability, Obligor, ObligorRelation};

fn chinese(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// What an English line says once the people's names are taken out.
fn without_names(line: &str, h: &Household) -> String {
    let mut out = line.to_string();
    let names = h
        .members
        .iter()
        .map(|m| m.name.as_str())
        .chain(h.obligors.iter().map(|o| o.name.as_str()));
    for n in names {
        out = out.replace(n, "NAME");
    }
    out
}

fn obligor(unable: Option<Inability>, name: &str) -> Obligor {
    Obligor {
        supports: 0,
        relation: ObligorRelation::Child,
        name: name.into(),
        id: None,
        lives_in_household: false,
        unable,
        paid: Amount::monthly(yuan(100)),
        own_income_yearly: None,
        assets_within_limits: true,
        note: String::new(),
    }
}

fn households() -> Vec<(String, Household)> {
    let mut out: Vec<(String, Household)> = categories::cases()
        .into_iter()
        .map(|(name, h, _, _)| (name.to_string(), h))
        .collect();
    let lone = || household(Area::Rural, vec![elder("王老", Area::Rural)]);
    for (name, obligors) in [
        ("one able son", vec![obligor(None, "张大")]),
        (
            "two able children",
            vec![obligor(None, "张大"), obligor(None, "张二")],
        ),
        (
            "a son in prison",
            vec![obligor(Some(Inability::InPrison), "张大")],
        ),
    ] {
        let mut h = lone();
        h.obligors = obligors;
        out.push((name.into(), h));
    }
    let mut supported = lone();
    income(
        &mut supported,
        Some(0),
        IncomeKind::Support,
        Amount::monthly(yuan(200)),
    );
    out.push(("support paid, no obligor recorded".into(), supported));
    let mut family = household(
        Area::Urban,
        vec![
            adult("赵一"),
            elder("赵老", Area::Urban),
            member("赵小", 2015, Area::Urban),
        ],
    );
    family = with_asset(family, AssetKind::Vehicle, 1, yuan(20_000));
    family = with_asset(family, AssetKind::Housing, 2, yuan(200_000));
    out.push((
        "a family of three with a car and two dwellings".into(),
        family,
    ));
    out
}

#[test]
fn english_explanations_have_no_plural_s_and_no_chinese_but_names() {
    for (case, h) in households() {
        let Ok(p) = classify(&h, &standards(), applied()) else {
            continue;
        };
        for line in p.explanation_en() {
            let bare = without_names(&line, &h);
            assert!(!bare.contains("(s)"), "{case}: “{line}”");
            for wrong in [
                "1 members",
                "1 persons",
                "1 vehicles",
                "1 dwellings",
                "0 member",
            ] {
                assert!(!bare.contains(wrong), "{case}: “{line}”");
            }
            assert!(
                !bare.chars().any(chinese),
                "{case}: Chinese in the English line “{line}”"
            );
        }
    }
}

#[test]
fn english_counts_take_the_noun_in_the_number_they_need() {
    use crate::domain::classify::explain::count_en;
    let cases = [
        (0, "no member"),
        (1, "1 member"),
        (2, "2 members"),
        (12, "12 members"),
    ];
    for (n, said) in cases {
        assert_eq!(count_en(n, "member", "members"), said);
    }
}
