//! Legal obligors recorded in the intake wizard (issue 17 point 1), typed through the
//! real event loop: an elder of 71 living alone with no income. With her son recorded
//! as living elsewhere and able to support (《特困人员认定办法》第四条第（三）项), she is
//! assessed for dibao with his duty noted; without him she is proposed as destitute.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::domain::category::Category;
use safetynet::domain::classify::classify;
use safetynet::domain::obligor::ObligorRelation;
use safetynet::domain::resident_id::ResidentId;
use safetynet::tui::screens::case_detail::CaseDetailScreen;
use safetynet::tui::Lang;

fn id(seq: u16) -> String {
    let d = NaiveDate::from_ymd_opt(1955, 3, 1).expect("date");
    ResidentId::compose(610222, d, seq)
        .expect("id")
        .as_str()
        .to_string()
}

/// Type the elder's application; with `son`, her son on the obligors' step.
fn apply(s: &mut Session, seq: u16, son: bool) -> safetynet::domain::household::Household {
    s.keys("n<tab><tab>二组3号<tab><tab><tab><tab><tab>");
    s.keys(&format!("王秀兰<tab>{}<tab>", id(seq)));
    // Incomes, expenses, assets and needs stay empty: on to the obligors.
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn>");
    assert!(s.screen().contains("没有登记户外的法定"), "{}", s.screen());
    if son {
        // Supports 王秀兰 (the default), relation 子女, name, then the rest as given:
        // lives elsewhere, able to support, pays nothing.
        s.keys("<c-n><tab><right><tab>张大<tab><tab><tab><tab><tab><tab><tab><tab>在城区务工<tab>");
        assert!(s.screen().contains("张大"), "{}", s.screen());
    }
    s.keys("<pgdn>");
    let confirm = s.screen();
    if son {
        assert!(confirm.contains("子女 张大（户外）"), "{confirm}");
    }
    s.keys("<ret>");
    let Some(d) = s.ui.screen().downcast_ref::<CaseDetailScreen>() else {
        panic!("not submitted:\n{}", s.screen())
    };
    let h = d.detail().household.clone();
    if son {
        // The case's members tab names him, as an obligor and not a member.
        s.keys("<tab>");
        let members = s.screen();
        assert!(
            members.contains("法定义务人（不计入家庭人口）"),
            "{members}"
        );
        assert!(members.contains("子女 张大（户外） → 王秀兰"), "{members}");
    }
    s.keys("<esc>");
    h
}

#[test]
fn an_able_son_elsewhere_makes_dibao_not_destitute_and_is_stored_with_the_household() {
    let f = district(30);
    let standards = safetynet::app::workflow::standards(&f.services).expect("standards");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));

    let with_son = apply(&mut s, 41, true);
    assert_eq!(with_son.obligors.len(), 1, "{:?}", with_son.obligors);
    let son = &with_son.obligors[0];
    assert_eq!((son.supports, son.relation), (0, ObligorRelation::Child));
    assert_eq!(son.name, "张大");
    assert!(!son.lives_in_household && son.unable.is_none());
    assert_eq!(son.note, "在城区务工");
    let p = classify(&with_son, &standards, common::today()).expect("classified");
    assert_eq!(
        p.category,
        Some(Category::Dibao),
        "{:#?}",
        p.explanation_zh()
    );
    assert!(
        p.explanation_zh()
            .iter()
            .any(|l| l.contains("子女 张大（户外）") && l.contains("第四条第（三）项")),
        "{:#?}",
        p.explanation_zh()
    );

    let alone = apply(&mut s, 52, false);
    assert!(alone.obligors.is_empty());
    let p = classify(&alone, &standards, common::today()).expect("classified");
    assert_eq!(
        p.category,
        Some(Category::Destitute),
        "{:#?}",
        p.explanation_zh()
    );
}

#[test]
fn an_unable_reason_that_needs_the_obligors_income_asks_for_it_on_that_field() {
    let f = district(10);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>二组3号<tab><tab><tab><tab><tab>");
    s.keys(&format!("王秀兰<tab>{}<tab>", id(63)));
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn>");
    // 子女 张大, unable for 第八条（三）(70+ with low income) but no income typed.
    s.keys("<c-n><tab><right><tab>张大<tab><tab><tab><right><right><right><pgdn>");
    let screen = s.screen();
    assert!(
        screen.contains("第八条（三）需填写义务人本人年收入"),
        "{screen}"
    );
    assert!(
        screen.contains("义务人"),
        "left the obligors' step:\n{screen}"
    );
}
