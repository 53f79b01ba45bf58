//! Who may do what, checked in `app/` (not only hidden in the screens), town scope, the
//! audit of opening a case with unmasked data, and the audit screen's filters.

mod common;

use common::{colour, district, Session};
use safetynet::app::accounts::{self, NewAccount};
use safetynet::app::audit::{self, AuditFilter};
use safetynet::app::session::{may, roles_for, Actor, Permission, Role};
use safetynet::app::{cases, lookup, standards, AppError, Services};
use safetynet::domain::access::is_town_role;
use safetynet::domain::case::CaseId;
use safetynet::domain::household::HouseholdId;
use safetynet::domain::standards::{AreaField, FieldRef};
use safetynet::domain::town::{Area, Town};
use safetynet::store::CaseFilter;
use safetynet::tui::Lang;

fn actor(role: Role, town: Option<Town>) -> Actor {
    Actor {
        user: format!("{role:?}").to_lowercase(),
        display: format!("{role:?}"),
        role,
        town,
    }
}

type Probe = fn(&Probes, &Actor) -> Result<(), AppError>;

/// What the probes act on: a Chenlu case and household, the standards' first period.
struct Probes<'a> {
    s: &'a Services,
    case: CaseId,
    household: HouseholdId,
    set_from: chrono::NaiveDate,
    dir: &'a std::path::Path,
}

fn q() -> safetynet::domain::referral::Quarter {
    safetynet::domain::referral::Quarter::parse("2026Q1").expect("quarter")
}

fn ok<T, E: Into<AppError>>(r: Result<T, E>) -> Result<(), AppError> {
    r.map(|_| ()).map_err(Into::into)
}

/// Every permission of the access table, with the use cases that need it. Each probe
/// is harmless where allowed (a stale revision, an unknown id, a file in a temp folder).
fn probes() -> Vec<(Permission, &'static str, Probe)> {
    use safetynet::app::monitoring::{self, RosterFilter};
    use safetynet::app::{drafts, drilldown, meeting, referrals, workflow};
    use safetynet::domain::monitoring::AlertId;
    use safetynet::domain::referral::Department;
    vec![
        (Permission::ReadCases, "case list", |p, a| {
            ok(cases::list(p.s, a, CaseFilter::default(), 0, 5))
        }),
        (Permission::ReadCases, "case detail", |p, a| {
            ok(cases::open(p.s, a, p.case))
        }),
        (Permission::ReadCases, "lookup", |p, a| {
            ok(lookup::search(p.s, a, "zs", 5))
        }),
        (Permission::ReadCases, "drill-down", |p, a| {
            ok(drilldown::rows(
                p.s,
                a,
                drilldown::Source::OpenCases(Town::Chenlu),
                0,
                5,
            ))
        }),
        (Permission::ReadCases, "the engine's proposal", |p, a| {
            ok(workflow::propose(p.s, a, p.case, common::today()))
        }),
        (Permission::Submit, "save a draft", |p, a| {
            ok(drafts::save(p.s, a, &mut drafts::Draft::default()))
        }),
        (Permission::WorkCases, "accept", |p, a| {
            ok(workflow::accept(p.s, a, p.case, 999, common::today()))
        }),
        (Permission::WorkCases, "withdraw", |p, a| {
            ok(workflow::withdraw(p.s, a, p.case, 999, "test"))
        }),
        (Permission::Decide, "decide", |p, a| {
            let input = workflow::DecisionInput {
                decision: safetynet::domain::case::Decision::Reject,
                category: None,
                reason: "test".into(),
                date: common::today(),
            };
            ok(workflow::decide(p.s, a, p.case, 999, input))
        }),
        (Permission::HoldMeeting, "start a meeting", |p, a| {
            let input = meeting::StartInput {
                town: Town::Chenlu,
                date: common::today(),
                attendees: Vec::new(),
            };
            ok(meeting::start(p.s, a, input))
        }),
        (Permission::PushReferrals, "propose referrals", |p, a| {
            ok(referrals::propose(p.s, a, p.case))
        }),
        (Permission::EnterFeedback, "open referrals", |p, a| {
            ok(referrals::open_referrals(
                p.s,
                a,
                Department::MedicalInsurance,
            ))
        }),
        (Permission::ReadLedger, "the ledger", |p, a| {
            ok(referrals::ledger(p.s, a, q()))
        }),
        (
            Permission::ExportPersonalData,
            "export the ledger",
            |p, a| {
                let out = p.dir.join(format!("{}-ledger.csv", a.user));
                ok(referrals::export(p.s, a, q(), &out, referrals::Lang::Zh))
            },
        ),
        (
            Permission::ExportPersonalData,
            "export the roster",
            |p, a| {
                let out = p.dir.join(format!("{}-roster.csv", a.user));
                ok(monitoring::export_roster(
                    p.s,
                    a,
                    RosterFilter::default(),
                    &out,
                    false,
                ))
            },
        ),
        (
            Permission::ExportPersonalData,
            "export the confirmed roster",
            |p, a| {
                let out = p.dir.join(format!("{}-confirmed.xlsx", a.user));
                ok(safetynet::app::export::export(p.s, a, &out, |_| {}))
            },
        ),
        (Permission::ImportRecords, "import a roster", |p, a| {
            let file = p.dir.join("no-such-roster.xlsx");
            let opts = safetynet::app::import::ImportOptions {
                dry_run: true,
                ..Default::default()
            };
            ok(safetynet::app::import::import(
                p.s,
                a,
                &file,
                &opts,
                |_, _| {},
            ))
        }),
        (Permission::ReadMonitoring, "alerts queue", |p, a| {
            ok(monitoring::queue(p.s, a, 0, 5))
        }),
        (Permission::ReadMonitoring, "roster", |p, a| {
            ok(monitoring::roster(p.s, a, RosterFilter::default()))
        }),
        (Permission::ReadMonitoring, "monitoring view", |p, a| {
            ok(monitoring::household_view(p.s, a, p.household))
        }),
        (Permission::RecordReadings, "record a reading", |p, a| {
            let h = p.s.store.household(p.household).expect("read").expect("h");
            let reading = safetynet::domain::monitoring::Snapshot::of_household(&h).to_reading(
                h.id,
                common::today(),
                &a.user,
            );
            ok(monitoring::record_reading(p.s, a, 999, reading))
        }),
        (Permission::WorkAlerts, "verify an alert", |p, a| {
            ok(monitoring::verify(p.s, a, AlertId(u64::MAX), 0))
        }),
        (Permission::Reevaluate, "re-run the rules", |p, a| {
            ok(monitoring::reevaluate(p.s, a))
        }),
        (Permission::EditStandards, "edit the standards", |p, a| {
            let rev = standards::current(p.s).expect("std").rev + 999;
            ok(standards::edit(
                p.s,
                a,
                rev,
                p.set_from,
                FieldRef::Area(Area::Urban, AreaField::DwellingsAllowed),
                "1",
                true,
            ))
        }),
        (Permission::ReadAudit, "audit trail", |p, a| {
            ok(audit::search(p.s, a, &AuditFilter::default(), 5))
        }),
        (Permission::ReadAccounts, "list accounts", |p, a| {
            ok(accounts::list(p.s, a))
        }),
        (
            Permission::EditStaffRelatives,
            "edit the register of relatives of staff",
            |p, a| {
                use safetynet::app::staff_relatives::{self, StaffInput};
                use safetynet::domain::staff_relatives::{Kinship, StaffRole};
                ok(staff_relatives::save_entry(
                    p.s,
                    a,
                    StaffInput {
                        id: 0,
                        rev: 0,
                        name: "王建国".into(),
                        role: StaffRole::CivilAffairs,
                        town: Town::Chenlu,
                        post: "陈炉镇民政办".into(),
                        // An ID number that does not parse: refused after the role check.
                        relatives: vec![("王小红".into(), "not an id".into(), Kinship::Sibling)],
                    },
                ))
            },
        ),
        (
            Permission::DistrictChecks,
            "record a district check",
            |p, a| {
                ok(safetynet::app::staff_relatives::record_district_check(
                    p.s,
                    a,
                    CaseId(u64::MAX),
                    common::today(),
                    true,
                    "",
                ))
            },
        ),
        (Permission::DistrictChecks, "draw a spot check", |p, a| {
            ok(safetynet::app::spot_check::draw_sample(
                p.s,
                a,
                Town::Chenlu,
                "2001-01",
            ))
        }),
        (Permission::ManageAccounts, "disable an account", |p, a| {
            ok(accounts::disable(p.s, a, "nobody-at-all"))
        }),
        (Permission::WorkNotices, "record an objection", |p, a| {
            let input = workflow::ObjectionInput {
                objector: "匿名".into(),
                received_on: common::today(),
                what: "反映有车辆".into(),
            };
            ok(workflow::record_objection(p.s, a, p.case, 0, input))
        }),
        (
            Permission::WorkNotices,
            "mark a letter delivered",
            |p, a| {
                use safetynet::domain::procedure::LetterKind;
                let on = common::today();
                let event = workflow::LetterEvent::Delivered(on);
                ok(workflow::record_letter(
                    p.s,
                    a,
                    p.case,
                    0,
                    LetterKind::Refusal,
                    event,
                ))
            },
        ),
        (Permission::HandleAppeals, "record an appeal", |p, a| {
            use safetynet::domain::procedure::appeal::AppealRequest;
            use safetynet::domain::procedure::AppealKind;
            let req = AppealRequest {
                kind: AppealKind::Review,
                requested_on: common::today(),
                applicant: "张三".into(),
                grounds: "收入计算有误".into(),
                handled_by: "刘洋".into(),
            };
            ok(workflow::request_appeal(p.s, a, p.case, 0, req))
        }),
        (
            Permission::HandleAppeals,
            "record an appeal's outcome",
            |p, a| {
                let input = workflow::AppealOutcomeInput {
                    result: safetynet::domain::procedure::AppealResult::Dismissed,
                    on: common::today(),
                    note: "维持原决定".into(),
                    reopen_at: safetynet::domain::case::Stage::Investigating,
                    handled_by: String::new(),
                };
                ok(workflow::resolve_appeal(p.s, a, p.case, 0, input))
            },
        ),
        (Permission::ManageAccounts, "add an account", |p, a| {
            let n = NewAccount {
                user: format!("new-{}", a.user),
                display: "x".into(),
                role: Role::Auditor,
                town: None,
                department: None,
                password: "long-enough".into(),
            };
            ok(accounts::create(p.s, Some(a), n))
        }),
    ]
}

/// The whole role × permission matrix against the use cases themselves: where the
/// access table says no, the answer is `AppError::Denied` naming exactly the roles that
/// may; where it says yes, whatever the answer is, it is not a refusal of the role.
#[test]
fn every_role_and_permission_pair_is_denied_exactly_where_the_table_says() {
    let f = common::demo_district(120);
    let s = &f.services;
    let row = s
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
        .clone();
    let p = Probes {
        s,
        case: row.case,
        household: row.household,
        set_from: standards::current(s).expect("std").standards.sets()[0].from,
        dir: f.dir.path(),
    };
    let probes = probes();
    for permission in Permission::ALL {
        assert!(
            probes.iter().any(|(q, _, _)| q == permission),
            "no use case probes {permission:?}"
        );
    }
    let mut checked = 0;
    for role in Role::ALL {
        let a = actor(*role, is_town_role(*role).then_some(Town::Chenlu));
        for (permission, name, probe) in &probes {
            let got = probe(&p, &a);
            if may(*role, *permission) {
                assert!(
                    !matches!(got, Err(AppError::Denied { .. })),
                    "{role:?} may {name} ({permission:?}) but was refused: {got:?}"
                );
            } else {
                match got {
                    Err(AppError::Denied { roles, .. }) => {
                        assert_eq!(roles, roles_for(*permission), "{role:?} {name}")
                    }
                    other => panic!("{role:?} may not {name} ({permission:?}): {other:?}"),
                }
            }
            checked += 1;
        }
    }
    assert_eq!(checked, probes.len() * Role::ALL.len());
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

/// The README's roles table is the access table.
#[test]
fn the_readme_roles_table_is_the_access_table() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let table = safetynet::domain::access::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md's roles table differs from domain::access; put this there:\n{table}"
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
    // Another town's case is not there for this clerk (not even that it exists).
    let e = cases::open(s, &clerk, hongtu.case).unwrap_err();
    assert!(matches!(e, AppError::NotFound(_)), "{e:?}");
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
    let Some(d) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    else {
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
    assert!(
        s.ui.screen()
            .is::<safetynet::tui::screens::audit::AuditScreen>(),
        "{}",
        s.screen()
    );
    s.keys("fdemo-officer");
    // Enter applies the filter through the keymap (issue 14); the footer says so.
    assert_eq!(s.key_says("Enter"), Some("筛选"));
    assert!(s.footer().contains("Enter 筛选"), "{}", s.footer());
    s.keys("<ret>");
    let Some(a) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::audit::AuditScreen>()
    else {
        panic!("not on audit")
    };
    assert!(!a.entries().is_empty());
    assert!(a.entries().iter().all(|e| e.by == "demo-officer"));
    assert_eq!(a.entries()[0].action, "case.view");
    let times: Vec<_> = a.entries().iter().map(|e| e.at).collect();
    // Audit times are the system clock's: shown as placeholders in the snapshot.
    let mut screen = s.screen();
    for at in times {
        screen = screen
            .replace(
                &at.format("%Y-%m-%d %H:%M:%S").to_string(),
                "YYYY-MM-DD hh:mm:ss",
            )
            .replace(&at.format("%m-%d %H:%M").to_string(), "MM-DD hh:mm");
    }
    insta::assert_snapshot!("audit_screen", screen);
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
    let e = lookup::search(&f.services, &liaison, "zs", 5).unwrap_err();
    assert!(
        matches!(&e, AppError::Denied { roles, .. } if !roles.contains(&Role::DepartmentLiaison)),
        "{e:?}"
    );
}

#[test]
fn a_liaison_works_on_their_own_department_only_and_does_not_export() {
    use safetynet::app::accounts::DEMO_PASSWORD;
    use safetynet::app::referrals;
    use safetynet::domain::referral::{Department, Quarter};
    let f = common::demo_district(20);
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
    assert_eq!(e.zh(), "只有区民政局可以导出含身份证号的数据");
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

/// Opened with the audit anchor in a folder of its own, as the program opens it.
fn anchored(store: &std::path::Path, anchor: &std::path::Path) -> Services {
    let mut s = Services::open(store).expect("open");
    s.fixed_today = Some(common::today());
    let a = safetynet::store::anchor::Anchor::open(anchor, &s.store).expect("anchor");
    s.store.anchor_to(a).expect("anchored");
    s
}

fn some_writes(s: &Services, n: usize) {
    let rows = cases::list(s, &Actor::demo_officer(), CaseFilter::default(), 0, n).expect("rows");
    for r in rows {
        cases::open(s, &Actor::demo_officer(), r.case).expect("opened (audited)");
    }
}

/// An entry edited and every later one re-linked (the chain whole again) and a store put
/// back to an older copy are both found against the signed checkpoints outside the store.
#[test]
fn an_edited_and_relinked_trail_and_a_rolled_back_store_are_reported() {
    use safetynet::store::envelope::{decode, encode};
    use safetynet::store::AuditEntry;
    use sha2::Digest;
    let f = district(30);
    let store = f.dir.path().to_path_buf();
    let anchor_dir = tempfile::tempdir().expect("anchor dir");
    drop(f.services);
    {
        let s = anchored(&store, anchor_dir.path());
        some_writes(&s, 3);
        let report = s
            .store
            .check_audit_anchor()
            .expect("check")
            .expect("anchored");
        assert!(report.problems.is_empty(), "{report:?}");
        assert!(report.verified >= 2, "{report:?}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(anchor_dir.path().join("audit.key"))
            .expect("key")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // An older copy of the whole store, kept aside.
    let copy = tempfile::tempdir().expect("copy");
    let status = std::process::Command::new("cp")
        .args(["-a", &format!("{}/.", store.display())])
        .arg(copy.path())
        .status()
        .expect("cp");
    assert!(status.success());
    {
        let s = anchored(&store, anchor_dir.path());
        some_writes(&s, 3);
    }
    // The attacker's script: change entry 2's note, re-link every later entry and the head.
    {
        let db = common::sled_open(&store);
        let audit = db.open_tree("audit").expect("audit");
        let meta = db.open_tree("meta").expect("meta");
        let mut prev: Option<[u8; 32]> = None;
        for kv in audit.iter() {
            let (k, v) = kv.expect("entry");
            let mut e: AuditEntry = decode(&v).expect("decode");
            if let Some(p) = prev {
                e.prev = p;
            }
            if e.seq == 2 {
                e.note = "nothing happened here".into();
            }
            let bytes = encode(&e).expect("encode");
            audit.insert(k, bytes.clone()).expect("write");
            prev = Some(sha2::Sha256::digest(&bytes).into());
        }
        meta.insert(b"audit/head", &prev.expect("entries")[..])
            .expect("head");
        db.flush().expect("flush");
    }
    {
        let s = anchored(&store, anchor_dir.path());
        let chain = s.store.check_audit_chain().expect("chain");
        assert!(
            chain.problems.is_empty(),
            "re-linked: the chain alone passes"
        );
        let report = s
            .store
            .check_audit_anchor()
            .expect("check")
            .expect("anchored");
        assert!(
            report
                .problems
                .iter()
                .any(|(zh, _)| zh.contains("重新衔接")),
            "{report:?}"
        );
    }
    // The older copy put back in place of the store.
    std::fs::remove_dir_all(&store).expect("remove");
    let status = std::process::Command::new("cp")
        .args(["-a"])
        .arg(copy.path())
        .arg(&store)
        .status()
        .expect("cp back");
    assert!(status.success());
    let s = anchored(&store, anchor_dir.path());
    let report = s
        .store
        .check_audit_anchor()
        .expect("check")
        .expect("anchored");
    assert!(
        report.problems.iter().any(|(zh, _)| zh.contains("旧副本")),
        "{report:?}"
    );
}
