//! Households already in the store are matched by ID number: skipped and reported, or
//! updated with --update, never duplicated. Only a district officer may import.

mod import_fixture;

use import_fixture::{household_count, run, t, text, Roster};
use safetynet::app::import::{import, Field, ImportOptions};
use safetynet::app::session::{Actor, Role};
use safetynet::app::{AppError, Services};
use safetynet::domain::category::Category;
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::Store;

#[test]
fn existing_households_are_skipped_or_updated_never_duplicated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let mut roster = Roster::clean(6);
    let file = dir.path().join("r.xlsx");
    roster.write_xlsx(&file);
    let f = file.to_str().expect("path");
    assert!(run(&store, &["import", f], &[]).status.success());

    // The office corrects one household's address and category.
    let line = roster.line_of(2);
    roster.set(line, Field::Address, t("新地址 8 号"));
    roster.set(line, Field::Category, t("特困"));
    roster.write_xlsx(&file);
    let out = run(&store, &["import", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("跳过 6 户（其中与文件一致 5 户）"),
        "{}",
        text(&out)
    );
    let rows = import_fixture::report_rows(&dir.path().join("r.report.xlsx"));
    assert!(
        rows.iter()
            .any(|r| r[0] == line.to_string() && r[3].contains("--update")),
        "{rows:?}"
    );

    let out = run(&store, &["import", f, "--update"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("更新 1 户"), "{}", text(&out));
    assert_eq!(household_count(&store), 6);
    let s = Store::open(&store).expect("open");
    let head = match roster.get(line, Field::Id) {
        import_fixture::V::T(s) => s,
        other => panic!("{other:?}"),
    };
    let hid = s
        .household_of(&ResidentId::parse(&head).expect("id"))
        .expect("read")
        .expect("there");
    let h = s.household(hid).expect("read").expect("household");
    assert_eq!(h.address, "新地址 8 号");
    assert_eq!(h.standing.category, Some(Category::Destitute));
    let cases = s.case_ids_of(hid).expect("cases");
    assert_eq!(cases.len(), 1, "the confirmed case is updated, not doubled");
    let c = s.case(cases[0]).expect("read").expect("case");
    assert_eq!(c.confirmed_category(), Some(Category::Destitute));
}

#[test]
fn only_a_district_officer_may_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let services = Services::open(&dir.path().join("store")).expect("open");
    let file = dir.path().join("r.xlsx");
    Roster::clean(2).write_xlsx(&file);
    let clerk = Actor {
        user: "clerk".into(),
        display: "专干".into(),
        role: Role::TownClerk,
        town: None,
    };
    let got = import(
        &services,
        &clerk,
        &file,
        &ImportOptions::default(),
        |_, _| {},
    );
    assert!(
        matches!(&got, Err(AppError::Denied { roles, .. }) if roles == &vec![Role::DistrictOfficer]),
        "{got:?}"
    );
    assert_eq!(services.store.household_count().expect("count"), 0);
}
