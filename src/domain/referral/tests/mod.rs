#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use chrono::NaiveDate;

use super::*;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub(super) fn at(date: NaiveDate) -> chrono::NaiveDateTime {
    date.and_hms_opt(10, 0, 0).unwrap()
}

pub(super) fn referral(department: Department, pushed_on: NaiveDate) -> Referral {
    Referral {
        id: ReferralId(1),
        rev: 1,
        number: Some(ReferralNumber { year: 2026, seq: 1 }),
        pushed_on,
        pushed_by: "wangfang".into(),
        department,
        need: Need::Schooling,
        household: HouseholdId(7),
        case: CaseId(8),
        case_number: None,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        head_name: "张三".into(),
        head_id: None,
        status: Status::Pushed,
        feedback: vec![],
    }
}

#[test]
fn bundled_table_maps_every_need_to_its_department() {
    let map = DepartmentMap::bundled().unwrap();
    let expect = [
        (
            Need::Medical,
            vec![Department::MedicalInsurance, Department::Health],
        ),
        (Need::Schooling, vec![Department::Education]),
        (Need::Housing, vec![Department::Housing]),
        (Need::DrinkingWater, vec![Department::Water]),
        (Need::Unemployment, vec![Department::HumanResources]),
        (Need::Disability, vec![Department::DisabledPersons]),
        (Need::WomenChildren, vec![Department::Women]),
        (Need::WorkerHardship, vec![Department::TradeUnion]),
        (Need::RuralRevitalisation, vec![Department::Agriculture]),
    ];
    for (need, departments) in expect {
        assert_eq!(map.departments(need), departments.as_slice(), "{need:?}");
    }
    assert_eq!(
        map.propose(&[Need::Schooling, Need::Medical, Need::Schooling]),
        vec![
            (Need::Schooling, Department::Education),
            (Need::Medical, Department::MedicalInsurance),
            (Need::Medical, Department::Health),
        ]
    );
}

/// The bundled table with one line replaced.
fn edited(from: &str, to: &str) -> String {
    let text = include_str!("../../../../assets/departments.toml");
    assert!(text.contains(from), "{from}");
    text.replace(from, to)
}

#[test]
fn an_edited_table_is_read_with_keys_or_chinese_names() {
    // The district moves schooling to the women's federation and writes keys.
    let map = DepartmentMap::from_toml(&edited(
        "\"就学\" = [\"教体局\"]",
        "schooling = [\"women\", \"education\"]",
    ))
    .unwrap();
    assert_eq!(
        map.departments(Need::Schooling),
        &[Department::Women, Department::Education]
    );
}

#[test]
fn a_wrong_table_is_refused_with_its_line() {
    let line_of = |needle: &str| {
        include_str!("../../../../assets/departments.toml")
            .lines()
            .position(|l| l.trim_start_matches('"').starts_with(needle))
            .unwrap()
            + 1
    };
    let water = line_of("饮水不安全");
    let e = DepartmentMap::from_toml(&edited("[\"水务局\"]", "[\"水利局\"]")).unwrap_err();
    assert_eq!(
        e,
        MapError::UnknownDepartment {
            line: water,
            name: "水利局".into()
        }
    );
    assert!(
        e.zh().contains(&format!("第{water}行")) && e.zh().contains("水务局"),
        "{}",
        e.zh()
    );
    assert!(e.to_string().contains("water"), "{e}");

    let e = DepartmentMap::from_toml(&edited("\"就学\" =", "\"上学\" =")).unwrap_err();
    assert!(
        matches!(e, MapError::UnknownNeed { ref name, .. } if name == "上学"),
        "{e:?}"
    );

    let e = DepartmentMap::from_toml(&edited("\"残疾\" = [\"残联\"]", "")).unwrap_err();
    assert_eq!(e, MapError::MissingNeed(Need::Disability));
    assert!(e.zh().contains("残疾"));

    let e = DepartmentMap::from_toml(&edited("[\"妇联\"]", "[]")).unwrap_err();
    assert_eq!(
        e,
        MapError::NoDepartment {
            line: line_of("妇女儿童"),
            need: Need::WomenChildren
        }
    );

    let e = DepartmentMap::from_toml(&edited(
        "\"就学\" =",
        "schooling = [\"教体局\"]\n\"就学\" =",
    ))
    .unwrap_err();
    assert!(
        matches!(
            e,
            MapError::Twice {
                need: Need::Schooling,
                ..
            }
        ),
        "{e:?}"
    );

    let e = DepartmentMap::from_toml("[needs\n").unwrap_err();
    assert!(matches!(e, MapError::Syntax(_)) && e.zh().starts_with("部门对应表格式有误"));
    // An unquoted Chinese key: the clerk is told the line and what is wrong.
    let e = DepartmentMap::from_toml(&edited("\"就学\" =", "就学 =")).unwrap_err();
    assert!(
        e.zh().contains("line") && e.zh().contains("unquoted key"),
        "{}",
        e.zh()
    );
}

#[test]
fn overdue_is_decided_by_the_deadline_and_the_answer() {
    let r = referral(Department::Education, d(2026, 3, 2));
    assert!(
        !r.is_overdue(d(2026, 3, 20)),
        "due on the 20th: not yet late"
    );
    assert!(r.is_overdue(d(2026, 3, 21)));
    let answered = apply(
        &r,
        &Event::GiveAssistance {
            on: d(2026, 3, 25),
            what: "助学金".into(),
            amount: Some(Money::from_yuan(1500)),
        },
        "edu",
        false,
        at(d(2026, 3, 25)),
    )
    .unwrap();
    assert!(answered.is_overdue(d(2026, 3, 24)), "answer dated later");
    assert!(!answered.is_overdue(d(2026, 3, 25)));
}

#[test]
fn every_legal_and_illegal_status_change() {
    use Status::*;
    let legal = [
        (Pushed, Acknowledged),
        (Pushed, AssistanceGiven),
        (Pushed, NotEligible),
        (Acknowledged, AssistanceGiven),
        (Acknowledged, NotEligible),
        (AssistanceGiven, AssistanceGiven),
    ];
    let on = d(2026, 3, 10);
    for from in Status::ALL {
        for event in [
            Event::Acknowledge {
                on,
                note: String::new(),
            },
            Event::GiveAssistance {
                on,
                what: "临时救助".into(),
                amount: Some(Money::from_yuan(800)),
            },
            Event::NotEligible {
                on,
                reason: "已享受同类政策".into(),
            },
        ] {
            let mut r = referral(Department::Health, d(2026, 3, 2));
            r.status = *from;
            let to = event.status();
            let result = apply(&r, &event, "liaison", false, at(on));
            if legal.contains(&(*from, to)) {
                let next = result.unwrap();
                assert_eq!(next.status, to);
                assert_eq!(next.feedback.len(), 1);
                assert_eq!(next.feedback[0].status, to);
                assert_eq!(next.rev, r.rev, "the store bumps the revision");
            } else {
                let e = result.unwrap_err();
                assert_eq!(e, ReferralError::Illegal { from: *from, to });
                assert!(e.zh().contains(from.zh()) && e.zh().contains(to.zh()));
            }
        }
    }
}

#[test]
fn feedback_needs_its_words_a_sane_amount_and_a_sane_date() {
    let r = referral(Department::Housing, d(2026, 3, 2));
    let today = at(d(2026, 3, 10));
    let give = |what: &str, amount: Option<i64>, on| Event::GiveAssistance {
        on,
        what: what.into(),
        amount: amount.map(Money::from_yuan),
    };
    let err = |e: &Event| apply(&r, e, "x", true, today).unwrap_err();
    assert_eq!(
        err(&give("  ", None, d(2026, 3, 5))),
        ReferralError::WhatMissing
    );
    assert_eq!(
        err(&give("危房改造", Some(-1), d(2026, 3, 5))),
        ReferralError::NegativeAmount
    );
    assert_eq!(
        err(&Event::NotEligible {
            on: d(2026, 3, 5),
            reason: " ".into()
        }),
        ReferralError::ReasonMissing
    );
    assert!(matches!(
        err(&give("危房改造", None, d(2026, 3, 1))),
        ReferralError::BeforePushed { .. }
    ));
    assert!(matches!(
        err(&give("危房改造", None, d(2026, 3, 11))),
        ReferralError::InFuture { .. }
    ));
    let ok = apply(
        &r,
        &give(" 危房改造 ", Some(20000), d(2026, 3, 5)),
        "clerk",
        true,
        today,
    )
    .unwrap();
    assert_eq!(ok.feedback[0].text, "危房改造");
    assert!(ok.feedback[0].on_behalf);
    assert_eq!(ok.amount_given(), Money::from_yuan(20000));
}

mod ledger;
