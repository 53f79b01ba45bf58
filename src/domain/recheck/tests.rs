use chrono::NaiveDate;

use super::*;
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Health, Member, Relation, Schooling};
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn settings() -> RecheckSettings {
    RecheckSettings::bundled().unwrap()
}

const STABLE: Situation = Situation {
    irregular_income: false,
    able_to_work: 0,
};
const IRREGULAR: Situation = Situation {
    irregular_income: true,
    able_to_work: 0,
};
const ABLE: Situation = Situation {
    irregular_income: false,
    able_to_work: 1,
};

/// (the measure, category, situation, last check, basis, due)
#[test]
fn the_schedule_follows_the_measures() {
    use Category::*;
    let table = [
        (
            "57号 §34: dibao, income changing little, yearly",
            Dibao,
            STABLE,
            d(2025, 3, 10),
            Basis::DibaoStable,
            d(2026, 3, 10),
        ),
        (
            "57号 §34: dibao, irregular income, six months",
            Dibao,
            IRREGULAR,
            d(2025, 3, 10),
            Basis::DibaoIrregular,
            d(2025, 9, 10),
        ),
        (
            "57号 §34: dibao, a member able to work, six months",
            Dibao,
            ABLE,
            d(2025, 3, 10),
            Basis::DibaoIrregular,
            d(2025, 9, 10),
        ),
        (
            "57号 §34: a month end clamps (Aug 31 + 6 = Feb 28)",
            Dibao,
            ABLE,
            d(2025, 8, 31),
            Basis::DibaoIrregular,
            d(2026, 2, 28),
        ),
        (
            "57号 §34: leap day + 12 = Feb 28",
            Dibao,
            STABLE,
            d(2024, 2, 29),
            Basis::DibaoStable,
            d(2025, 2, 28),
        ),
        (
            "57号 §34: destitute, yearly (able members do not matter)",
            Destitute,
            ABLE,
            d(2025, 6, 1),
            Basis::Destitute,
            d(2026, 6, 1),
        ),
        (
            "2024 measures: marginal, yearly (irregular income does not matter)",
            DibaoMarginal,
            IRREGULAR,
            d(2025, 1, 15),
            Basis::Marginal,
            d(2026, 1, 15),
        ),
        (
            "2024 measures: rigid expense, yearly",
            RigidExpense,
            ABLE,
            d(2025, 12, 31),
            Basis::RigidExpense,
            d(2026, 12, 31),
        ),
        (
            "local: other hardship, yearly",
            OtherHardship,
            STABLE,
            d(2026, 1, 1),
            Basis::OtherHardship,
            d(2027, 1, 1),
        ),
    ];
    let s = settings();
    for (measure, category, situation, last, basis, due) in table {
        let got = next_recheck(&s, category, situation, last).unwrap();
        assert_eq!(
            (got.basis, got.due, got.last),
            (basis, due, last),
            "{measure}"
        );
        assert_eq!(got.months, s.period(basis).months, "{measure}");
    }
}

#[test]
fn a_districts_own_period_is_used() {
    let text = BUNDLED.replacen("months = 6", "months = 3", 1);
    let s = RecheckSettings::from_toml(&text).unwrap();
    let got = next_recheck(&s, Category::Dibao, ABLE, d(2026, 1, 31)).unwrap();
    assert_eq!((got.months, got.due), (3, d(2026, 4, 30)));
}

#[test]
fn every_period_names_its_source() {
    let s = settings();
    for b in Basis::ALL {
        assert!(!s.period(*b).source.trim().is_empty(), "{b:?}");
    }
    assert_eq!(s.spot_check.share_percent, 30);
}

#[test]
fn a_wrong_settings_file_is_refused_with_the_key() {
    let zero = BUNDLED.replacen("months = 12", "months = 0", 1);
    let e = RecheckSettings::from_toml(&zero).unwrap_err();
    assert!(e.zh.contains("[recheck.dibao_stable] months"), "{}", e.zh);
    let share = BUNDLED.replace("share_percent = 30", "share_percent = 101");
    let e = RecheckSettings::from_toml(&share).unwrap_err();
    assert!(e.en.contains("share_percent"), "{}", e.en);
    let missing = BUNDLED.replace("[recheck.destitute]", "[recheck.destitute_x]");
    assert!(RecheckSettings::from_toml(&missing).is_err());
}

/// (due, today, state)
#[test]
fn due_states() {
    let table = [
        (d(2026, 3, 10), d(2026, 3, 11), DueState::Overdue),
        (d(2026, 2, 28), d(2026, 3, 1), DueState::Overdue),
        (d(2026, 3, 10), d(2026, 3, 10), DueState::ThisMonth),
        (d(2026, 3, 31), d(2026, 3, 1), DueState::ThisMonth),
        (d(2026, 4, 1), d(2026, 3, 31), DueState::Later),
        (d(2027, 3, 10), d(2026, 3, 10), DueState::Later),
    ];
    for (due, today, state) in table {
        assert_eq!(due_state(due, today), state, "due {due} on {today}");
    }
}

fn member(name: &str, born: NaiveDate, labour: LabourCapacity, employment: Employment) -> Member {
    Member {
        name: name.into(),
        id: ResidentId::compose(610203, born, 11).unwrap(),
        relation: Relation::Other,
        area: Area::Urban,
        labour,
        health: Health::Healthy,
        disability: None,
        employment,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

fn household(members: Vec<Member>, incomes: Vec<IncomeItem>) -> Household {
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: String::new(),
        phone: String::new(),
        area: Area::Urban,
        members,
        incomes,
        expenses: Vec::new(),
        assets: Vec::new(),
        indicators: Indicators::default(),
        needs: Vec::new(),
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

fn income(kind: IncomeKind) -> IncomeItem {
    IncomeItem {
        kind,
        member: None,
        amount: Amount::yearly(Money::from_yuan(1000)),
        note: String::new(),
    }
}

/// (what, household, situation) on 2026-03-01, minor age 18, elderly age 60
#[test]
fn the_situation_read_from_the_household() {
    use Employment::*;
    use LabourCapacity as L;
    let on = d(2026, 3, 1);
    let elder = member("老", d(1950, 1, 1), L::Full, Retired);
    let child = member("小", d(2012, 1, 1), L::Full, NotWorking);
    let adult = member("壮", d(1985, 1, 1), L::Full, Unemployed);
    let unable = member("病", d(1985, 1, 1), L::None, NotWorking);
    let seventeen = member("少", d(2008, 3, 2), L::Full, NotWorking);
    let eighteen = member("成", d(2008, 3, 1), L::Full, NotWorking);
    let shop = member("商", d(1970, 1, 1), L::None, SelfEmployed);
    let table = [
        (
            "elder and child only",
            household(vec![elder.clone(), child], vec![]),
            STABLE,
        ),
        (
            "an adult able to work",
            household(vec![elder.clone(), adult], vec![]),
            ABLE,
        ),
        (
            "an adult with no labour capacity",
            household(vec![unable], vec![]),
            STABLE,
        ),
        (
            "17 the day before the 18th birthday",
            household(vec![seventeen], vec![]),
            STABLE,
        ),
        (
            "18 on the birthday",
            household(vec![eighteen], vec![]),
            ABLE,
        ),
        (
            "wages and transfers are regular",
            household(
                vec![elder.clone()],
                vec![income(IncomeKind::Wages), income(IncomeKind::Transfer)],
            ),
            STABLE,
        ),
        (
            "business income is irregular",
            household(vec![elder.clone()], vec![income(IncomeKind::Business)]),
            IRREGULAR,
        ),
        (
            "other income is irregular",
            household(vec![elder], vec![income(IncomeKind::Other)]),
            IRREGULAR,
        ),
        (
            "a self-employed member",
            household(vec![shop], vec![]),
            IRREGULAR,
        ),
    ];
    for (what, h, want) in table {
        assert_eq!(Situation::of_household(&h, on, 18, 60), want, "{what}");
    }
}

fn support(category: Option<Category>, yuan: i64) -> Support {
    Support {
        category,
        benefit: Money::from_yuan(yuan),
    }
}

/// (what, now, found, outcome)
#[test]
fn the_recheck_proposal() {
    use Category::*;
    let table = [
        (
            "same category and amount",
            support(Some(Dibao), 500),
            support(Some(Dibao), 500),
            Outcome::Keep,
        ),
        (
            "dibao gap grew: 增发",
            support(Some(Dibao), 500),
            support(Some(Dibao), 620),
            Outcome::Increase,
        ),
        (
            "dibao gap shrank: 减发",
            support(Some(Dibao), 500),
            support(Some(Dibao), 320),
            Outcome::Decrease,
        ),
        (
            "dibao above the standard, now marginal: taper",
            support(Some(Dibao), 500),
            support(Some(DibaoMarginal), 0),
            Outcome::Taper,
        ),
        (
            "dibao above every line: taper",
            support(Some(Dibao), 500),
            support(None, 0),
            Outcome::Taper,
        ),
        (
            "dibao member now destitute: change category",
            support(Some(Dibao), 500),
            support(Some(Destitute), 900),
            Outcome::Reclassify,
        ),
        (
            "marginal now dibao: change category",
            support(Some(DibaoMarginal), 0),
            support(Some(Dibao), 300),
            Outcome::Reclassify,
        ),
        (
            "marginal no longer in any category: end",
            support(Some(DibaoMarginal), 0),
            support(None, 0),
            Outcome::End,
        ),
        (
            "destitute no longer: end",
            support(Some(Destitute), 900),
            support(None, 0),
            Outcome::End,
        ),
        (
            "rigid expense still: keep",
            support(Some(RigidExpense), 0),
            support(Some(RigidExpense), 0),
            Outcome::Keep,
        ),
    ];
    for (what, now, found, want) in table {
        assert_eq!(propose(now, found), want, "{what}");
    }
}

#[test]
fn the_headline_carries_the_numbers() {
    let now = support(Some(Category::Dibao), 500);
    let found = support(Some(Category::Dibao), 320);
    let (zh, en) = headline(Outcome::Decrease, now, found);
    assert_eq!(zh, "复核建议：减发，每月 500.00 元 → 320.00 元");
    assert_eq!(en, "re-check: decrease from 500.00 to 320.00 a month");
    assert!(Outcome::Taper.ends_support() && !Outcome::Decrease.ends_support());
}
