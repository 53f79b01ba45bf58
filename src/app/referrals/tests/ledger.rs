#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test
//! The stored ledger against a recount, the exports, the district's own department table.

use super::*;

#[test]
fn the_stored_ledger_equals_a_recount_and_turns_overdue_after_the_20th() {
    let (_dir, mut s) = services();
    for seq in [41, 51, 61] {
        let c = confirmed(&s, seq);
        let p = propose(&s, &clerk(), c.id).unwrap();
        push(&s, &clerk(), c.id, &picks(&p)).unwrap();
    }
    let liaison = liaison(&s, "housing", Department::Housing);
    let open = open_referrals(&s, &liaison, Department::Housing).unwrap();
    assert_eq!(open.len(), 3);
    feedback(
        &s,
        &liaison,
        open[0].id,
        open[0].rev,
        Event::NotEligible {
            on: d(2026, 3, 2),
            reason: "已享受危改".into(),
        },
    )
    .unwrap();
    let officer = Actor::demo_officer();
    let q1 = Quarter { year: 2026, q: 1 };
    let view = ledger(&s, &officer, q1).unwrap();
    let l = &view.ledger;
    for row in &l.rows {
        let recount: u64 = Status::ALL
            .iter()
            .map(|st| s.store.count_referrals_in(row.department, *st).unwrap())
            .sum();
        assert_eq!(row.counts.pushed, recount, "{:?}", row.department);
        let answered = s
            .store
            .count_referrals_in(row.department, Status::NotEligible)
            .unwrap()
            + s.store
                .count_referrals_in(row.department, Status::AssistanceGiven)
                .unwrap();
        assert_eq!(row.counts.answered, answered);
    }
    assert_eq!(
        (l.total.pushed, l.total.answered, l.total.overdue),
        (6, 1, 0)
    );
    let status = quarter_status(&s).unwrap();
    assert_eq!(
        (status.quarter, status.days_left, status.pushed),
        (q1, 18, 6)
    );

    s.fixed_today = Some(d(2026, 3, 21));
    let l = ledger(&s, &officer, q1).unwrap().ledger;
    assert_eq!(l.total.overdue, 5);
    assert_eq!(
        l.late_departments(),
        [Department::Education, Department::Housing]
    );
    let status = quarter_status(&s).unwrap();
    assert_eq!(status.quarter, Quarter { year: 2026, q: 2 });
    assert_eq!(status.previous_overdue, 5);
    assert_eq!(
        status.late_departments,
        [Department::Education, Department::Housing]
    );
    assert!(
        ledger(&s, &clerk(), q1).is_err(),
        "a town clerk does not read the district ledger"
    );
}

#[test]
fn the_xlsx_keeps_every_id_digit_and_the_export_is_audited() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (dir, s) = services();
    let mut expected = Vec::new();
    for seq in [71, 81] {
        let c = confirmed(&s, seq);
        let p = propose(&s, &clerk(), c.id).unwrap();
        expected.extend(push(&s, &clerk(), c.id, &picks(&p)).unwrap());
    }
    let officer = Actor::demo_officer();
    let q1 = Quarter { year: 2026, q: 1 };
    let path = dir.path().join("台账-2026Q1.xlsx");
    let done = export(&s, &officer, q1, &path, Lang::Zh).unwrap();
    assert_eq!((done.referrals, done.format), (4, ExportFormat::Xlsx));

    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), 1 + Department::ALL.len());
    assert_eq!(names[0], "汇总");
    let text = |c: &Data| match c {
        Data::String(s) => s.clone(),
        other => panic!("not text: {other:?}"),
    };
    for d in [Department::Education, Department::Housing] {
        let sheet = wb.worksheet_range(d.zh()).unwrap();
        let rows: Vec<_> = sheet.rows().skip(1).collect();
        let mine: Vec<&Referral> = expected.iter().filter(|r| r.department == d).collect();
        assert_eq!(rows.len(), mine.len());
        for (row, r) in rows.iter().zip(&mine) {
            let stored = s.store.referral(r.id).unwrap().unwrap();
            assert_eq!(text(&row[ID_COLUMN]), stored.head_id.unwrap().as_str());
            assert_eq!(
                text(&row[NUMBER_COLUMN]),
                stored.number.unwrap().to_string()
            );
        }
    }
    let summary = wb.worksheet_range("汇总").unwrap();
    let total = summary.rows().next_back().unwrap();
    assert_eq!(text(&total[0]), "合计");
    assert_eq!(total[1], Data::Float(4.0));

    let csv = dir.path().join("台账.csv");
    export(&s, &officer, q1, &csv, Lang::Zh).unwrap();
    let bytes = std::fs::read_to_string(&csv).unwrap();
    assert!(bytes.starts_with('\u{feff}'));
    let id = expected[0].head_id.as_ref().unwrap().as_str();
    assert!(
        bytes.contains(&format!("\"\t{id}\"")),
        "ID kept whole as text"
    );
    assert_eq!(bytes.lines().count(), 5);

    let trail = s.store.audit_of("ledger:2026Q1").unwrap();
    assert_eq!(trail.len(), 2);
    assert!(trail
        .iter()
        .all(|e| e.action == "ledger.export" && e.by == officer.user));
    assert!(trail[0].note.contains("台账-2026Q1.xlsx"));
    let e = export(&s, &officer, q1, &dir.path().join("x.pdf"), Lang::Zh).unwrap_err();
    assert!(e.zh().contains(".xlsx"));
}

#[test]
fn a_district_table_beside_the_store_overrides_the_bundled_one() {
    let (dir, s) = services();
    let text = include_str!("../../../../assets/departments.toml")
        .replace("\"就学\" = [\"教体局\"]", "\"就学\" = [\"妇联\"]");
    std::fs::write(dir.path().join("departments.toml"), text).unwrap();
    let map = department_map(&s).unwrap();
    assert_eq!(map.departments(Need::Schooling), &[Department::Women]);
    std::fs::write(dir.path().join("departments.toml"), "[needs]\n").unwrap();
    let e = department_map(&s).unwrap_err();
    assert!(e.zh().contains("医疗费用"), "{}", e.zh());
}
