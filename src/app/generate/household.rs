//! One synthetic household: members with valid ID numbers, incomes, spending, assets.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::names::{GIVEN_FEMALE, GIVEN_MALE, ROADS, SURNAMES};
use super::rng::Rng;
use crate::domain::household::{Household, HouseholdId, Standing};
use crate::domain::income::{
    Amount, Asset, AssetKind, ExpenseKind, IncomeItem, IncomeKind, RigidExpense,
};
use crate::domain::indicators::{Indicators, Safety};
use crate::domain::member::{
    Disability, DisabilityKind, Employment, Health, LabourCapacity, Member, Relation, Schooling,
};
use crate::domain::money::Money;
use crate::domain::need::Need;
use crate::domain::resident_id::{ResidentId, Sex};
use crate::domain::town::{Area, Town, DISTRICT_CODE};
use crate::domain::villages::Villages;

/// Hands out the three-digit sequence of ID numbers per birth date, so no two people
/// of the district share a number: odd sequences for men, even for women.
#[derive(Default)]
pub struct IdAllocator {
    next: HashMap<NaiveDate, [u16; 2]>,
}

impl IdAllocator {
    pub fn allocate(&mut self, birth: NaiveDate, sex: Sex) -> Option<ResidentId> {
        let mut day = birth;
        // 500 people of one sex per day is plenty; move to the next day if ever full.
        for _ in 0..366 {
            let counters = self.next.entry(day).or_insert([0, 0]);
            let slot = usize::from(sex == Sex::Female);
            if counters[slot] < 500 {
                let seq = counters[slot] * 2 + if sex == Sex::Male { 1 } else { 0 };
                counters[slot] += 1;
                return ResidentId::compose(DISTRICT_CODE, day, seq);
            }
            day = day.succ_opt()?;
        }
        None
    }
}

fn birth_for_age(rng: &mut Rng, as_of: NaiveDate, age: i64) -> NaiveDate {
    let days = age * 365 + rng.between(0, 364);
    as_of - Duration::days(days)
}

fn person(
    rng: &mut Rng,
    ids: &mut IdAllocator,
    as_of: NaiveDate,
    surname: &str,
    age: i64,
    sex: Sex,
    relation: Relation,
    area: Area,
) -> Option<Member> {
    let birth = birth_for_age(rng, as_of, age);
    let id = ids.allocate(birth, sex)?;
    let given = match sex {
        Sex::Male => rng.pick(GIVEN_MALE),
        Sex::Female => rng.pick(GIVEN_FEMALE),
    };
    let disability = rng.chance(8).then(|| Disability {
        kind: *rng.pick(DisabilityKind::ALL),
        grade: rng.between(1, 4) as u8,
    });
    let health = match rng.below(100) {
        0..=4 => Health::Serious,
        5..=19 => Health::Chronic,
        _ => Health::Healthy,
    };
    let severe = disability.is_some_and(Disability::is_severe);
    let labour = if !(18..60).contains(&age) || severe {
        LabourCapacity::None
    } else if health != Health::Healthy || disability.is_some() {
        LabourCapacity::Partial
    } else {
        LabourCapacity::Full
    };
    let employment = match (age, labour) {
        (a, _) if a < 16 => Employment::NotWorking,
        (a, _) if a >= 60 => {
            if rng.chance(20) {
                Employment::Retired
            } else {
                Employment::NotWorking
            }
        }
        (_, LabourCapacity::None) => Employment::NotWorking,
        _ => *rng.pick(&[
            Employment::Employed,
            Employment::Farming,
            Employment::Farming,
            Employment::SelfEmployed,
            Employment::Unemployed,
        ]),
    };
    let schooling = match age {
        3..=5 => Schooling::Preschool,
        6..=11 => Schooling::Primary,
        12..=14 => Schooling::JuniorHigh,
        15..=17 => Schooling::SeniorHigh,
        18..=21 if rng.chance(40) => Schooling::College,
        _ => Schooling::NotInSchool,
    };
    Some(Member {
        name: format!("{surname}{given}"),
        id,
        relation,
        area,
        labour,
        health,
        disability,
        employment,
        schooling,
        carer: false,
    })
}

/// Build household `id` of the synthetic district.
pub fn household(
    rng: &mut Rng,
    ids: &mut IdAllocator,
    villages: &Villages,
    id: u64,
    as_of: NaiveDate,
) -> Option<Household> {
    let town = *rng.pick(Town::ALL);
    let area = if town.is_street() == rng.chance(85) {
        Area::Urban
    } else {
        Area::Rural
    };
    let village = rng.pick(villages.of(town)).clone();
    let surname = *rng.pick(SURNAMES);
    let mut members = Vec::new();
    let head_age = rng.between(24, 88);
    let head_sex = if rng.chance(70) {
        Sex::Male
    } else {
        Sex::Female
    };
    members.push(person(
        rng,
        ids,
        as_of,
        surname,
        head_age,
        head_sex,
        Relation::Head,
        area,
    )?);
    let size = rng.weighted(&[(30, 1), (30, 2), (20, 3), (14, 4), (6, 5)]);
    let other = if head_sex == Sex::Male {
        Sex::Female
    } else {
        Sex::Male
    };
    let spouse_surname = *rng.pick(SURNAMES);
    for i in 1..size {
        let (age, sex, relation, name) = match i {
            1 => (
                (head_age + rng.between(-5, 5)).clamp(20, 95),
                other,
                Relation::Spouse,
                spouse_surname,
            ),
            _ if head_age > 70 && rng.chance(50) => (
                rng.between(8, 20),
                if rng.chance(50) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                Relation::Grandchild,
                surname,
            ),
            _ if head_age < 45 && rng.chance(25) => (
                (head_age + rng.between(22, 30)).min(99),
                if rng.chance(50) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                Relation::Parent,
                surname,
            ),
            _ => (
                (head_age - rng.between(20, 32)).max(0),
                if rng.chance(50) {
                    Sex::Male
                } else {
                    Sex::Female
                },
                Relation::Child,
                surname,
            ),
        };
        members.push(person(rng, ids, as_of, name, age, sex, relation, area)?);
    }
    if area == Area::Urban && town.is_street() && rng.chance(5) && members.len() > 1 {
        // Now and then a mixed household: one member keeps a rural registration.
        if let Some(m) = members.last_mut() {
            m.area = Area::Rural;
        }
    }

    let mut incomes = Vec::new();
    for (i, m) in members.iter().enumerate() {
        let age = i64::from(m.age_on(as_of));
        let monthly = |rng: &mut Rng, lo: i64, hi: i64| {
            Amount::monthly(Money::from_yuan(rng.between(lo, hi)))
        };
        let item = match m.employment {
            Employment::Employed => Some((IncomeKind::Wages, monthly(rng, 600, 2600))),
            Employment::SelfEmployed => Some((IncomeKind::Business, monthly(rng, 300, 1800))),
            Employment::Farming => Some((
                IncomeKind::Business,
                Amount::yearly(Money::from_yuan(rng.between(1500, 9000))),
            )),
            Employment::Retired => Some((IncomeKind::Transfer, monthly(rng, 900, 2400))),
            _ if age >= 60 => Some((IncomeKind::Transfer, monthly(rng, 150, 260))),
            _ => None,
        };
        if let Some((kind, amount)) = item {
            incomes.push(IncomeItem {
                kind,
                member: Some(i),
                amount,
                note: String::new(),
            });
        }
    }
    if area == Area::Rural {
        incomes.push(IncomeItem {
            kind: IncomeKind::Land,
            member: None,
            amount: Amount::yearly(Money::from_yuan(rng.between(200, 1500))),
            note: "承包地".into(),
        });
        incomes.push(IncomeItem {
            kind: IncomeKind::FarmSubsidy,
            member: None,
            amount: Amount::yearly(Money::from_yuan(rng.between(80, 400))),
            note: String::new(),
        });
    }
    if head_age >= 65 && rng.chance(40) {
        incomes.push(IncomeItem {
            kind: IncomeKind::Support,
            member: None,
            amount: Amount::monthly(Money::from_yuan(rng.between(100, 500))),
            note: "子女赡养费".into(),
        });
    }

    let mut expenses = Vec::new();
    for (i, m) in members.iter().enumerate() {
        if m.health == Health::Serious || (m.health == Health::Chronic && rng.chance(50)) {
            expenses.push(RigidExpense {
                kind: ExpenseKind::Medical,
                member: Some(i),
                amount: Amount::yearly(Money::from_yuan(rng.between(1500, 40000))),
                note: String::new(),
            });
        }
        if matches!(
            m.schooling,
            Schooling::SeniorHigh | Schooling::College | Schooling::Vocational
        ) {
            expenses.push(RigidExpense {
                kind: ExpenseKind::Education,
                member: Some(i),
                amount: Amount::yearly(Money::from_yuan(rng.between(2000, 12000))),
                note: String::new(),
            });
        }
        if m.severely_disabled() && rng.chance(50) {
            expenses.push(RigidExpense {
                kind: ExpenseKind::Care,
                member: Some(i),
                amount: Amount::monthly(Money::from_yuan(rng.between(200, 900))),
                note: String::new(),
            });
        }
    }

    let mut assets = vec![Asset {
        kind: AssetKind::Deposit,
        count: 1,
        value: Money::from_yuan(rng.between(0, 30000)),
        note: String::new(),
    }];
    if rng.chance(8) {
        assets.push(Asset {
            kind: AssetKind::Vehicle,
            count: 1,
            value: Money::from_yuan(rng.between(5000, 60000)),
            note: "农用车".into(),
        });
    }
    let indicators = Indicators {
        housing: if rng.chance(3) {
            Safety::Unsafe
        } else {
            Safety::Safe
        },
        drinking_water: if rng.chance(2) {
            Safety::Unsafe
        } else {
            Safety::Safe
        },
    };
    let mut needs = Vec::new();
    if expenses.iter().any(|e| e.kind == ExpenseKind::Medical) {
        needs.push(Need::Medical);
    }
    if expenses.iter().any(|e| e.kind == ExpenseKind::Education) {
        needs.push(Need::Schooling);
    }
    if indicators.housing == Safety::Unsafe {
        needs.push(Need::Housing);
    }
    if indicators.drinking_water == Safety::Unsafe {
        needs.push(Need::DrinkingWater);
    }
    if members
        .iter()
        .any(|m| m.employment == Employment::Unemployed)
    {
        needs.push(Need::Unemployment);
    }
    if members.iter().any(|m| m.disability.is_some()) {
        needs.push(Need::Disability);
    }
    let phone = format!(
        "1{}{:08}",
        rng.pick(&["33", "38", "39", "52", "58", "77", "89"]),
        rng.below(100_000_000)
    );
    Some(Household {
        id: HouseholdId(id),
        rev: 1,
        town,
        village,
        address: format!("{}{}号", rng.pick(ROADS), rng.between(1, 120)),
        phone,
        area,
        members,
        incomes,
        expenses,
        assets,
        indicators,
        needs,
        standing: Standing {
            relapse_watch: rng.chance(12),
            lifted_out_of_poverty: area == Area::Rural && rng.chance(15),
            ..Standing::default()
        },
        obligors: Vec::new(),
    })
}
