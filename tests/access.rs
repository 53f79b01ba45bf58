//! Who may do what, checked in `app/` (not only hidden in the screens), town scope, the
//! audit of opening a case with unmasked data, and the audit screen's filters.

mod common;

use common::{colour, district, Session};
use safetynet::app::accounts::{self, NewAccount};
use safetynet::app::audit::{self, AuditFilter};
use safetynet::app::session::{Actor, Role};
use safetynet::app::{cases, lookup, standards};
use safetynet::domain::standards::{AreaField, FieldRef};
use safetynet::domain::town::{Area, Town};
use safetynet::store::CaseFilter;
use safetynet::tui::screens::Screen;
use safetynet::tui::Lang;

fn actor(role: Role, town: Option<Town>) -> Actor {
    Actor {
        user: format!("{role:?}").to_lowercase(),
        display: format!("{role:?}"),
        role,
        town,
    }
}

/// Role × action → allowed, run against the use cases themselves.
#[test]
fn role_table() {
    let f = district(120);
    let s = &f.services;
    let case = s
        .store
        .case_rows(
            CaseFilter {
                town: Some(Town::Chenlu),
                stage: None,
            },
            0,
            1,
        )
        .expect("rows")[0]
        .case;
    let set_from = standards::current(s).expect("std").standards.sets()[0].from;
    type Check = fn(
        &safetynet::app::Services,
        &Actor,
        safetynet::domain::case::CaseId,
        chrono::NaiveDate,
    ) -> bool;
    let checks: Vec<(&str, Check)> = vec![
        ("list cases", |s, a, _, _| {
            cases::list(s, a, CaseFilter::default(), 0, 5).is_ok()
        }),
        ("open a case", |s, a, c, _| cases::open(s, a, c).is_ok()),
        ("edit standards", |s, a, _, from| {
            let rev = standards::current(s).expect("std").rev;
            standards::edit(
                s,
                a,
                rev,
                from,
                FieldRef::Area(Area::Urban, AreaField::DwellingsAllowed),
                "1",
                true,
            )
            .is_ok()
        }),
        ("read the audit trail", |s, a, _, _| {
            audit::search(s, a, &AuditFilter::default(), 5).is_ok()
        }),
        ("add an account", |s, a, _, _| {
            let n = NewAccount {
                user: format!("new-{}", a.user),
                display: "x".into(),
                role: Role::Auditor,
                town: None,
                department: None,
                password: "long-enough".into(),
            };
            accounts::create(s, Some(a), n).is_ok()
        }),
    ];
    // (role, [list, open, standards, audit, accounts])
    let table: [(Role, [bool; 5]); 6] = [
        (Role::VillageInformant, [false, false, false, false, false]),
        (Role::TownClerk, [true, true, false, false, false]),
        (Role::TownReviewer, [true, true, false, false, false]),
        (Role::DistrictOfficer, [true, true, true, true, true]),
        (Role::DepartmentLiaison, [false, false, false, false, false]),
        (Role::Auditor, [true, true, false, true, false]),
    ];
    accounts::ensure_demo_accounts(s).expect("accounts exist, so creating needs a role");
    for (role, expected) in table {
        let town = matches!(
            role,
            Role::VillageInformant | Role::TownClerk | Role::TownReviewer
        )
        .then_some(Town::Chenlu);
        let a = actor(role, town);
        for ((name, check), allowed) in checks.iter().zip(expected) {
            assert_eq!(
                check(s, &a, case, set_from),
                allowed,
                "{role:?} may {name}: expected {allowed}"
            );
        }
    }
    // A refusal names who may.
    let e = cases::list(
        s,
        &actor(Role::DepartmentLiaison, None),
        CaseFilter::default(),
        0,
        1,
    )
    .expect_err("refused");
    assert!(
        e.zh()
            .starts_with("只有镇民政专干或镇审核人员或区民政局或审计人员可以查看案件"),
        "{}",
        e.zh()
    );
}

#[test]
fn a_chenlu_clerk_cannot_see_a_hongtu_case() {
    let f = district(200);
    let s = &f.services;
    let clerk = actor(Role::TownClerk, Some(Town::Chenlu));
    let hongtu = s
        .store
        .case_rows(
            CaseFilter {
                town: Some(Town::Hongtu),
                stage: None,
            },
            0,
            1,
        )
        .expect("rows")
        .remove(0);
    assert!(cases::open(s, &clerk, hongtu.case).is_err());
    let listed = cases::list(
        s,
        &clerk,
        CaseFilter {
            town: Some(Town::Hongtu),
            stage: None,
        },
        0,
        500,
    )
    .expect("list");
    assert!(listed.iter().all(|r| r.town == Town::Chenlu));
    assert!(!listed.is_empty());
    let number = hongtu.number.map(|n| n.to_string()).unwrap_or_default();
    let h = s
        .store
        .household(hongtu.household)
        .expect("read")
        .expect("household");
    for query in [
        h.head_name().to_string(),
        h.members[0].id.to_string(),
        number,
    ] {
        if query.is_empty() {
            continue;
        }
        let hits = lookup::search(s, &clerk, &query, 20).expect("search");
        assert!(
            hits.iter().all(|hit| hit.row.town == Town::Chenlu),
            "{query} found outside the clerk's town"
        );
        // The district officer does find it.
        let all = lookup::search(s, &Actor::demo_officer(), &query, 50).expect("search");
        assert!(
            all.iter().any(|hit| hit.row.household == hongtu.household),
            "{query}"
        );
    }
}

#[test]
fn opening_a_case_is_audited_and_the_audit_screen_filters_it() {
    let f = district(100);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("c<ret>");
    let Screen::CaseDetail(d) = s.ui.screen() else {
        panic!("not on a case:\n{}", s.screen());
    };
    let case = d.detail().case.id;
    let views: Vec<_> = f
        .services
        .store
        .audit_of(&format!("case:{}", case.0))
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == "case.view")
        .collect();
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].by, "demo-officer");
    // Switching tabs redraws without another audit entry.
    s.keys("<tab><tab>");
    let again = f
        .services
        .store
        .audit_of(&format!("case:{}", case.0))
        .expect("audit");
    assert_eq!(again.iter().filter(|e| e.action == "case.view").count(), 1);

    // The audit screen, filtered by user then by a bad date.
    s.keys("<esc><esc>A");
    assert!(matches!(s.ui.screen(), Screen::Audit(_)), "{}", s.screen());
    s.keys("fdemo-officer<ret>");
    let Screen::Audit(a) = s.ui.screen() else {
        panic!("not on audit")
    };
    assert!(!a.entries().is_empty());
    assert!(a.entries().iter().all(|e| e.by == "demo-officer"));
    assert_eq!(a.entries()[0].action, "case.view");
    insta::assert_snapshot!("audit_screen", s.screen());
    s.keys("f<tab><tab>2026-13-01<ret>");
    assert!(
        s.screen().contains("日期请写成 2026-03-02"),
        "{}",
        s.screen()
    );
}

#[test]
fn workflow_steps_follow_the_roles_and_say_who_may() {
    use safetynet::app::workflow::{may, roles_for};
    use safetynet::domain::workflow::StepKind;
    let table = [
        (Role::VillageInformant, [true, false, false, false]),
        (Role::TownClerk, [true, true, true, false]),
        (Role::TownReviewer, [false, false, false, true]),
        (Role::DistrictOfficer, [true, true, true, true]),
        (Role::DepartmentLiaison, [false, false, false, false]),
        (Role::Auditor, [false, false, false, false]),
    ];
    let steps = [
        StepKind::Submit,
        StepKind::Accept,
        StepKind::FinishInvestigation,
        StepKind::Decide,
    ];
    for (role, allowed) in table {
        for (step, ok) in steps.iter().zip(allowed) {
            assert_eq!(may(role, *step), ok, "{role:?} {step:?}");
        }
    }
    assert_eq!(
        roles_for(StepKind::Decide),
        vec![Role::TownReviewer, Role::DistrictOfficer]
    );
    // Lookup is for those who may read cases.
    let f = district(20);
    let liaison = actor(Role::DepartmentLiaison, None);
    assert!(lookup::search(&f.services, &liaison, "zs", 5).is_err());
}

#[test]
fn a_liaison_works_on_their_own_department_only_and_does_not_export() {
    use safetynet::app::accounts::DEMO_PASSWORD;
    use safetynet::app::referrals;
    use safetynet::domain::referral::{Department, Quarter};
    let f = district(20);
    accounts::ensure_demo_accounts(&f.services).expect("demo accounts");
    let liaison = accounts::sign_in(&f.services, "demo-liaison", DEMO_PASSWORD).expect("liaison");
    assert_eq!(
        referrals::own_department(&f.services, &liaison),
        Some(Department::MedicalInsurance)
    );
    assert!(referrals::open_referrals(&f.services, &liaison, Department::MedicalInsurance).is_ok());
    let e = referrals::open_referrals(&f.services, &liaison, Department::Education)
        .expect_err("another department");
    assert!(e.zh().contains("只能办理本部门"), "{}", e.zh());
    let out = f.dir.path().join("ledger.csv");
    let quarter = Quarter::parse("2026Q1").expect("quarter");
    let e = referrals::export(&f.services, &liaison, quarter, &out, referrals::Lang::Zh)
        .expect_err("liaisons do not export");
    assert_eq!(e.zh(), "只有区民政局可以导出台账");
    assert!(!out.exists());
    referrals::export(
        &f.services,
        &Actor::demo_officer(),
        quarter,
        &out,
        referrals::Lang::Zh,
    )
    .expect("the district office exports");
    assert!(out.exists());
}

#[test]
fn an_informants_application_starts_as_found_by_village_staff() {
    let mut f = district(20);
    f.actor = actor(Role::VillageInformant, Some(Town::Chenlu));
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n");
    let screen = s.screen();
    assert!(screen.contains("◂主动发现▸"), "{screen}");
    assert!(screen.contains("◂陈炉镇▸"), "{screen}");
}
