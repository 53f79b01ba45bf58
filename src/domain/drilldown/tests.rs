use super::*;
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::income::{Amount, IncomeItem, IncomeKind};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, Member, Relation, Schooling};
use crate::domain::resident_id::ResidentId;
use crate::domain::town::Town;
use chrono::NaiveDate;

fn member(area: Area) -> Member {
    Member {
        name: "张三".into(),
        id: ResidentId::parse("11010519491231002X").expect("id"),
        relation: Relation::Head,
        area,
        labour: LabourCapacity::Full,
        health: Health::Healthy,
        disability: None,
        employment: Employment::Farming,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

fn household(area: Area, members: &[Area], yearly_income_fen: i64) -> Household {
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: String::new(),
        phone: String::new(),
        area,
        members: members.iter().map(|a| member(*a)).collect(),
        incomes: vec![IncomeItem {
            kind: IncomeKind::Wages,
            member: Some(0),
            amount: Amount::yearly(Money::from_fen(yearly_income_fen)),
            note: String::new(),
        }],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing {
            category: Some(Category::DibaoMarginal),
            ..Standing::default()
        },
        obligors: vec![],
    }
}

/// 2025: urban 998 yuan a month (11,976 a year), rural 8,978 a year.
fn lines() -> MonitoringLines {
    MonitoringLines {
        from: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        urban_yearly: Money::from_fen(1_197_600),
        rural_yearly: Money::from_fen(897_800),
    }
}

#[test]
fn below_the_line_on_totals() {
    use Area::{Rural, Urban};
    let table: &[(Area, &[Area], i64, bool)] = &[
        // One rural person: 8,977.99 is below 8,978, 8,978.00 is not.
        (Rural, &[Rural], 897_799, true),
        (Rural, &[Rural], 897_800, false),
        // Two urban people: the line is 23,952 a year.
        (Urban, &[Urban, Urban], 2_395_199, true),
        (Urban, &[Urban, Urban], 2_395_200, false),
        // Mixed: judged by the higher (urban) line, 就高就宽.
        (Rural, &[Rural, Urban], 2_000_000, true),
        (Rural, &[Rural, Rural], 2_000_000, false),
        // A net loss counts as zero income.
        (Rural, &[Rural], -50_000, true),
    ];
    for (area, members, income, below) in table {
        let h = household(*area, members, *income);
        assert_eq!(lines().below(&h), *below, "{area:?} {members:?} {income}");
    }
}

#[test]
fn figures_only_for_the_low_income_population() {
    let mut h = household(Area::Rural, &[Area::Rural], 100_000);
    h.indicators.housing = Safety::Unsafe;
    let f = figures_of(&h, Some(&lines()));
    assert_eq!(
        f,
        vec![
            Figure::DibaoMarginal,
            Figure::UnsafeHousing,
            Figure::BelowMonitoringLine
        ]
    );
    // Without a known line the income figure is left out, not guessed.
    assert!(!figures_of(&h, None).contains(&Figure::BelowMonitoringLine));
    h.standing.category = None;
    assert!(figures_of(&h, Some(&lines())).is_empty());
}

#[test]
fn lines_from_the_bundled_standards() {
    let s = crate::domain::standards::Standards::bundled().expect("standards");
    let set = s
        .set_on(NaiveDate::from_ymd_opt(2025, 6, 1).expect("date"))
        .expect("set");
    let l = MonitoringLines::of(set);
    assert_eq!(l.urban_yearly, Money::from_fen(1_197_600));
    assert_eq!(l.rural_yearly, Money::from_fen(897_800));
}
