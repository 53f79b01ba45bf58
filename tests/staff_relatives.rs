//! 近亲属备案: a relative of staff is matched by ID number, flagged on the case, and the
//! workflow refuses a decision before the district-level check and a home visit by the
//! related staff member; the register and the check are audited.

mod common;

use safetynet::app::staff_relatives::{self, StaffInput};
use safetynet::app::workflow::{self, DecisionInput, FlowError, InvestigationInput};
use safetynet::app::AppError;
use safetynet::domain::case::{Case, Decision, Stage};
use safetynet::domain::staff_relatives::{Kinship, RelativeRefusal, StaffRole};
use safetynet::domain::town::Town;
use safetynet::domain::workflow::WorkflowError;
use safetynet::store::CaseFilter;

fn first_case(s: &safetynet::app::Services, stage: Stage) -> Case {
    let row = s
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(stage),
            },
            0,
            1,
        )
        .expect("rows")
        .into_iter()
        .next()
        .expect("a case");
    s.store.case(row.case).expect("read").expect("case")
}

/// Register the head of `case`'s household as the sibling of 王建国.
fn register_relative_of(s: &safetynet::app::Services, case: &Case) -> u64 {
    let f_actor = safetynet::app::session::Actor::demo_officer();
    let h = s.store.household(case.household).expect("read").expect("h");
    let m = &h.members[0];
    let entry = staff_relatives::save_entry(
        s,
        &f_actor,
        StaffInput {
            id: 0,
            rev: 0,
            name: "王建国".into(),
            role: StaffRole::CivilAffairs,
            town: Town::Chenlu,
            post: "陈炉镇民政办".into(),
            relatives: vec![(m.name.clone(), m.id.as_str().to_string(), Kinship::Sibling)],
        },
    )
    .expect("saved");
    entry.id
}

#[test]
fn a_relative_case_is_refused_a_decision_before_the_district_check() {
    let f = common::district(200);
    let s = &f.services;
    let case = first_case(s, Stage::UnderReview);
    let flag = staff_relatives::case_flag(s, &case).expect("flag");
    assert!(!flag.flagged());
    register_relative_of(s, &case);
    let flag = staff_relatives::case_flag(s, &case).expect("flag");
    assert!(flag.flagged());
    assert_eq!(flag.matches[0].staff, "王建国");
    assert!(staff_relatives::flagged_households(s)
        .expect("flags")
        .contains(&case.household));
    let input = DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "收入高于标准".into(),
        date: common::today(),
    };
    let got = workflow::decide(s, &f.actor, case.id, case.rev, input.clone());
    match &got {
        Err(FlowError::Workflow(WorkflowError::StaffRelative(
            RelativeRefusal::NoDistrictCheck,
        ))) => {}
        other => panic!("expected the district check refusal, got {other:?}"),
    }
    let msg = AppError::from(got.expect_err("refused")).zh();
    assert!(msg.contains("须先经区级核查"), "{msg}");
    // The district officer records the check; then the decision goes through.
    staff_relatives::record_district_check(s, &f.actor, case.id, common::today(), true, "")
        .expect("checked");
    let decided = workflow::decide(s, &f.actor, case.id, case.rev, input).expect("decided");
    assert_eq!(decided.stage, Stage::Rejected);
    let audit = s
        .store
        .audit_of(&safetynet::store::audit::case_target(case.id.0))
        .expect("audit");
    assert!(audit.iter().any(|e| e.action == "case.district_check"));
}

#[test]
fn the_related_staff_member_may_not_make_the_home_visit() {
    let f = common::district(200);
    let s = &f.services;
    let case = first_case(s, Stage::Investigating);
    register_relative_of(s, &case);
    let h = s.store.household(case.household).expect("read").expect("h");
    let input = |investigators: &[&str]| InvestigationInput {
        visit_date: common::today(),
        investigators: investigators.iter().map(|s| s.to_string()).collect(),
        findings: "入户核实".into(),
        mismatches: vec![],
        indicators: h.indicators,
        fixes: vec![],
    };
    let got =
        workflow::finish_investigation(s, &f.actor, case.id, case.rev, input(&["王建国", "李明"]));
    assert!(
        matches!(
            &got,
            Err(FlowError::Workflow(WorkflowError::StaffRelative(
                RelativeRefusal::RelatedInvestigator { name }
            ))) if name == "王建国"
        ),
        "{got:?}"
    );
    let done =
        workflow::finish_investigation(s, &f.actor, case.id, case.rev, input(&["赵强", "李明"]))
            .expect("two others visit");
    assert_eq!(done.stage, Stage::UnderReview);
}

#[test]
fn the_register_checks_id_numbers_and_is_audited() {
    let f = common::district(20);
    let s = &f.services;
    let bad = staff_relatives::save_entry(
        s,
        &f.actor,
        StaffInput {
            id: 0,
            rev: 0,
            name: "王建国".into(),
            role: StaffRole::VillageCadre,
            town: Town::Chenlu,
            post: "立地坡村".into(),
            relatives: vec![(
                "王小红".into(),
                "610203198005010011".into(),
                Kinship::Spouse,
            )],
        },
    );
    assert!(
        matches!(&bad, Err(AppError::Invalid(zh, _)) if zh.starts_with("第 1 名近亲属 王小红：")),
        "{bad:?}"
    );
    let case = first_case(s, Stage::UnderReview);
    let id = register_relative_of(s, &case);
    let entry = s.store.staff_entry(id).expect("read").expect("entry");
    assert_eq!(entry.rev, 1);
    let audit = s
        .store
        .audit_of(&safetynet::store::staff::staff_target(id))
        .expect("audit");
    assert_eq!(audit.len(), 1);
    // A stale edit is refused; removing takes the match away.
    let stale = staff_relatives::remove_entry(s, &f.actor, id, 7);
    assert!(
        matches!(
            stale,
            Err(AppError::Store(safetynet::store::StoreError::Stale { .. }))
        ),
        "{stale:?}"
    );
    staff_relatives::remove_entry(s, &f.actor, id, 1).expect("removed");
    assert!(!staff_relatives::case_flag(s, &case)
        .expect("flag")
        .flagged());
}

/// Through the real event loop at 80x24: the flag in the case list, on the case and at
/// review; the decision refused before the district check; `K` records the check; then
/// the decision goes through.
#[test]
fn the_flag_is_shown_and_the_review_waits_for_the_district_check_by_keys() {
    use common::{colour, Session};
    use safetynet::tui::Lang;
    let f = common::district(300);
    let s = &f.services;
    // The newest case under review with a proposal (the first row of its stage).
    let row = s
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(Stage::UnderReview),
            },
            0,
            50,
        )
        .expect("rows")
        .into_iter()
        .find(|r| {
            workflow::propose(s, &f.actor, r.case, common::today())
                .is_ok_and(|p| p.category.is_some())
        })
        .expect("a case with a proposal");
    let case = s.store.case(row.case).expect("read").expect("case");
    register_relative_of(s, &case);
    let number = case.number.expect("number").to_string();
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys("/");
    k.keys(&format!("{number}<ret>"));
    let screen = k.screen();
    assert!(screen.contains("※ 近亲属备案"), "{screen}");
    assert!(screen.contains("尚未核查"), "{screen}");
    // The review shows the flag; the decision is refused with the reason.
    k.keys("a");
    assert!(k.screen().contains("※ 近亲属备案"), "{}", k.screen());
    k.keys("<ret><ret><ret><ret>y");
    let screen = k.screen();
    assert!(screen.contains("须先经区级核查"), "{screen}");
    assert_eq!(
        s.store.case(case.id).expect("read").expect("case").stage,
        Stage::UnderReview
    );
    // Back on the case, K records the district check.
    k.keys("<esc>");
    k.keys("K");
    assert!(k.screen().contains("区级核查"), "{}", k.screen());
    // Enter on the result moves to the note; Enter there answers.
    k.keys("<ret><ret>");
    assert!(k.screen().contains("区级核查已登记"), "{}", k.screen());
    assert!(
        k.screen().contains("区级核查：2026-03-02"),
        "{}",
        k.screen()
    );
    k.keys("a<ret><ret><ret><ret>y");
    let after = s.store.case(case.id).expect("read").expect("case");
    // An approval goes to public notice first (issue 18 part A).
    assert_eq!(after.stage, Stage::InNotice, "{}", k.screen());
}

#[test]
fn the_case_list_marks_a_relative_of_staff() {
    use common::{colour, Session};
    use safetynet::tui::Lang;
    let f = common::district(300);
    let s = &f.services;
    let newest = s
        .store
        .case_rows(CaseFilter::default(), 0, 1)
        .expect("rows")
        .remove(0);
    let case = s.store.case(newest.case).expect("read").expect("case");
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys("c");
    assert!(
        !k.screen().contains(&format!("※{}", newest.head)),
        "{}",
        k.screen()
    );
    k.keys("<esc>");
    register_relative_of(s, &case);
    k.keys("c");
    assert!(
        k.screen().contains(&format!("※{}", newest.head)),
        "{}",
        k.screen()
    );
}

#[test]
fn the_generated_district_has_a_relative_of_staff_under_investigation() {
    let f = common::district(200);
    let s = &f.services;
    let flagged = staff_relatives::flagged_households(s).expect("flags");
    assert_eq!(flagged.len(), 1);
    let h = *flagged.iter().next().expect("one");
    let cases = s.store.case_ids_of(h).expect("cases");
    let case = s.store.case(cases[0]).expect("read").expect("case");
    assert_eq!(case.stage, Stage::Investigating);
    let flag = staff_relatives::case_flag(s, &case).expect("flag");
    assert_eq!(flag.matches[0].staff, "王建国");
    assert!(flag.district_check.is_none());
}

/// At intake: a member whose ID number is on the register is named at the confirmation
/// step, before the application is submitted.
#[test]
fn intake_names_a_registered_relative_at_the_confirmation_step() {
    use common::{colour, Session};
    use safetynet::domain::resident_id::ResidentId;
    use safetynet::tui::Lang;
    let f = common::district(40);
    let s = &f.services;
    let id = |y: i32, m: u32, d: u32, seq: u16| {
        ResidentId::compose(
            610222,
            chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date"),
            seq,
        )
        .expect("id")
        .as_str()
        .to_string()
    };
    let (head, spouse) = (id(1980, 4, 1, 11), id(1982, 6, 2, 22));
    staff_relatives::save_entry(
        s,
        &f.actor,
        StaffInput {
            id: 0,
            rev: 0,
            name: "赵村长".into(),
            role: StaffRole::VillageCadre,
            town: Town::Chenlu,
            post: "立地坡村主任".into(),
            relatives: vec![("李四".into(), spouse.clone(), Kinship::Sibling)],
        },
    )
    .expect("registered");
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys("n<tab><tab>一组12号<tab>13812345678<tab><tab><tab><tab>");
    k.keys(&format!(
        "张三<tab>{head}<tab><c-n>李四<tab>{spouse}<tab><left><pgdn>"
    ));
    // Page on to the confirmation step (incomes, expenses, assets, needs, obligors).
    for _ in 0..8 {
        if k.screen().contains("Enter 提交申请") {
            break;
        }
        k.keys("<pgdn>");
    }
    let screen = k.screen();
    assert!(screen.contains("※ 近亲属备案"), "{screen}");
    assert!(
        screen.contains("李四 是赵村长（立地坡村主任，村（社区）干部）的兄弟姐妹"),
        "{screen}"
    );
}
