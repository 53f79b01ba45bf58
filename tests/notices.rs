//! The papers of issue 18 part A: the notice list (公示名单) through the binary, re-read
//! with calamine, carries no full ID number; the .txt is laid out as a notice; a refusal
//! produces its letter with the reasons and the appeal rights; the demo district has cases
//! at each new stage.

mod common;

use calamine::{open_workbook, Reader, Xlsx};
use safetynet::app::workflow;
use safetynet::domain::case::Stage;
use safetynet::domain::procedure::LetterKind;
use safetynet::domain::town::Town;
use safetynet::store::CaseFilter;

/// The town with the most households in public notice, and how many.
fn busiest(s: &safetynet::app::Services) -> (Town, usize) {
    let mut best = (Town::Chenlu, 0);
    for t in Town::ALL {
        let filter = CaseFilter {
            town: Some(*t),
            stage: Some(Stage::InNotice),
        };
        let n = s.store.case_rows(filter, 0, 1000).expect("rows").len();
        if n > best.1 {
            best = (*t, n);
        }
    }
    best
}

#[test]
fn the_notice_list_masks_every_id_number_in_xlsx_csv_and_txt() {
    let f = common::district(400);
    let (town, n) = busiest(&f.services);
    assert!(n > 0, "the generated district has cases in public notice");
    let full_ids: Vec<String> = workflow::notice_rows(&f.services, &f.actor, town, None)
        .expect("rows")
        .iter()
        .map(|r| r.number.clone())
        .collect();
    assert_eq!(full_ids.len(), n);
    // Every member's full ID number of the households in notice, to look for.
    let mut ids = Vec::new();
    for t in Town::ALL.iter().filter(|t| **t == town) {
        let filter = CaseFilter {
            town: Some(*t),
            stage: Some(Stage::InNotice),
        };
        for row in f.services.store.case_rows(filter, 0, 1000).expect("rows") {
            let h = f
                .services
                .store
                .household(row.household)
                .expect("read")
                .expect("h");
            ids.extend(h.members.iter().map(|m| m.id.as_str().to_string()));
        }
    }
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let run = |out: &std::path::Path| {
        let key = safetynet::domain::villages::town_key(town);
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
            .arg("--store")
            .arg(dir.path())
            .args(["notice", "--town", key, "--out"])
            .arg(out)
            .output()
            .expect("run");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let xlsx = dir.path().join("notice.xlsx");
    let said = run(&xlsx);
    assert!(said.contains(&format!("公示中 {n} 户")), "{said}");
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx");
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][3], "身份证号");
    assert_eq!(rows.len(), n + 1);
    for r in &rows[1..] {
        assert_eq!(r[3].chars().count(), 18, "{r:?}");
        assert!(r[3].contains("********"), "masked: {r:?}");
        assert!(!r[2].is_empty() && r[4].parse::<usize>().is_ok(), "{r:?}");
    }
    let every_cell: String = rows.concat().concat();
    for id in &ids {
        assert!(
            !every_cell.contains(id.as_str()),
            "full ID {id} in the xlsx"
        );
    }
    let csv = dir.path().join("notice.csv");
    run(&csv);
    let csv = std::fs::read_to_string(csv).expect("csv");
    assert!(csv.starts_with('\u{feff}'));
    let txt = dir.path().join("notice.txt");
    run(&txt);
    let txt = std::fs::read_to_string(txt).expect("txt");
    for text in [csv.as_str(), txt.as_str()] {
        for id in &ids {
            assert!(!text.contains(id.as_str()), "full ID {id}");
        }
    }
    // Laid out as a notice: title, period, office, hotline, one line per household.
    assert!(txt.contains("审核确认公示"), "{txt}");
    assert!(txt.contains("公示期："), "{txt}");
    assert!(txt.contains("铜川市印台区民政局"), "{txt}");
    assert!(txt.contains("监督电话：0919-"), "{txt}");
    assert!(txt.contains(&format!("共 {n} 户")), "{txt}");
    use unicode_width::UnicodeWidthStr;
    assert!(txt.lines().all(|l| l.width() <= 80), "{txt}");
}

#[test]
fn a_refusal_produces_its_letter_with_the_reasons_and_the_appeal_rights() {
    let f = common::district(200);
    let s = &f.services;
    let rejected = s
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(Stage::Rejected),
            },
            0,
            500,
        )
        .expect("rows");
    // The demo has refusals whose letter is still to be produced.
    let pending = rejected
        .iter()
        .filter_map(|r| s.store.case(r.case).expect("read"))
        .find(|c| {
            c.procedure
                .letter(LetterKind::Refusal)
                .is_some_and(|l| l.produced_on.is_none())
        })
        .expect("a refusal with its letter due");
    let due = pending
        .procedure
        .letter(LetterKind::Refusal)
        .expect("letter")
        .due;
    assert!(
        due.date >= common::today(),
        "due within 3 working days: {due:?}"
    );
    let (saved, text) =
        workflow::produce_letter(s, &f.actor, pending.id, pending.rev, LetterKind::Refusal)
            .expect("letter");
    let letter = saved.procedure.letter(LetterKind::Refusal).expect("letter");
    assert_eq!(letter.produced_on, Some(common::today()));
    let text = text.join("\n");
    assert!(text.contains("不予确认告知书"), "{text}");
    let reason = &saved.review.as_ref().expect("review").reason;
    assert!(text.contains(&format!("理由：{reason}")), "{text}");
    assert!(text.contains("申请行政复议"), "{text}");
    assert!(text.contains("铜川市印台区人民政府"), "{text}");
    assert!(text.contains("监督电话"), "{text}");
    let trail = s
        .store
        .audit_of(&safetynet::store::audit::case_target(pending.id.0))
        .expect("audit");
    assert_eq!(trail.last().expect("entry").action, "case.letter");
    // Delivered the same day: recorded.
    let done = workflow::record_letter(
        s,
        &f.actor,
        saved.id,
        saved.rev,
        LetterKind::Refusal,
        workflow::LetterEvent::Delivered(common::today()),
    )
    .expect("delivered");
    assert_eq!(
        done.procedure
            .letter(LetterKind::Refusal)
            .expect("l")
            .delivered_on,
        Some(common::today())
    );
}

#[test]
fn the_demo_has_every_new_stage_of_the_procedure() {
    let f = common::district(400);
    let s = &f.services;
    let cases: Vec<_> = s
        .store
        .case_rows(CaseFilter::default(), 0, 10_000)
        .expect("rows")
        .iter()
        .filter_map(|r| s.store.case(r.case).expect("read"))
        .collect();
    assert!(cases.iter().any(|c| c.stage == Stage::InNotice));
    assert!(cases
        .iter()
        .any(|c| c.stage == Stage::Investigating && !c.procedure.objections.is_empty()));
    assert!(cases.iter().any(|c| c.stage == Stage::Rejected
        && c.procedure
            .letter(LetterKind::Refusal)
            .is_some_and(|l| l.delivered_on.is_none())));
    assert!(cases.iter().any(|c| !c.procedure.appeals.is_empty()));
    assert!(cases.iter().any(|c| c.stage == Stage::Confirmed
        && c.procedure.effective_on.is_some()
        && c.procedure.benefit_from.is_some()));
}
