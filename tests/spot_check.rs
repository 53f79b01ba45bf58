//! 抽查: a reproducible sample of a town's decisions of a period at the share of the
//! settings, the outcome of each check recorded (a problem needs a note), the list
//! exported with masked ID numbers (.xlsx re-read with calamine), and the commands.

mod common;

use calamine::{open_workbook, Reader, Xlsx};
use safetynet::app::{spot_check, AppError};
use safetynet::domain::case::Stage;
use safetynet::domain::spot_check::{sample_size, SpotOutcome};
use safetynet::domain::town::Town;
use safetynet::store::CaseFilter;

/// The busiest (town, month) of decisions in the generated district.
fn busiest(s: &safetynet::app::Services) -> (Town, String, usize) {
    let mut counts = std::collections::BTreeMap::new();
    for row in s
        .store
        .case_rows(CaseFilter::default(), 0, 100_000)
        .expect("rows")
    {
        let c = s.store.case(row.case).expect("read").expect("case");
        if matches!(c.stage, Stage::Confirmed | Stage::Rejected) {
            if let Some(d) = c.decided_on {
                *counts
                    .entry((c.town, d.format("%Y-%m").to_string()))
                    .or_insert(0) += 1;
            }
        }
    }
    let ((t, p), n) = counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .expect("decisions");
    (t, p, n)
}

#[test]
fn the_sample_is_reproducible_at_the_share_and_outcomes_are_recorded() {
    let f = common::district(400);
    let s = &f.services;
    let (town, period, n) = busiest(s);
    assert!(n >= 4, "{n}");
    let d = spot_check::draw_sample(s, &f.actor, town, &period).expect("draw");
    assert!(!d.again);
    assert_eq!(d.decisions, n);
    assert_eq!(d.share_percent, 30);
    assert_eq!(d.drawn.len(), sample_size(n, 30));
    assert!(d
        .drawn
        .iter()
        .all(|c| c.town == town && c.outcome == SpotOutcome::Pending));
    // Again: the same sample, nothing new written.
    let again = spot_check::draw_sample(s, &f.actor, town, &period).expect("draw");
    assert!(again.again);
    let ids = |d: &spot_check::Draw| d.drawn.iter().map(|c| c.case).collect::<Vec<_>>();
    assert_eq!(ids(&again), ids(&d));
    // A problem needs a note; then it is recorded and audited.
    let first = &d.drawn[0];
    let refused = spot_check::record_outcome(
        s,
        &f.actor,
        town,
        &period,
        first.case,
        first.rev,
        SpotOutcome::Flawed,
        "",
    );
    assert!(
        matches!(&refused, Err(AppError::Invalid(zh, _)) if zh == "发现问题时请写明问题"),
        "{refused:?}"
    );
    let done = spot_check::record_outcome(
        s,
        &f.actor,
        town,
        &period,
        first.case,
        first.rev,
        SpotOutcome::Flawed,
        "收入核算漏计经营收入",
    )
    .expect("recorded");
    assert_eq!(done.outcome, SpotOutcome::Flawed);
    // The same revision again is stale.
    let stale = spot_check::record_outcome(
        s,
        &f.actor,
        town,
        &period,
        first.case,
        first.rev,
        SpotOutcome::Upheld,
        "",
    );
    assert!(
        matches!(
            stale,
            Err(AppError::Store(safetynet::store::StoreError::Stale { .. }))
        ),
        "{stale:?}"
    );
    let audit = s
        .store
        .audit_of(&safetynet::store::audit::case_target(first.case.0))
        .expect("audit");
    assert!(audit.iter().any(|e| e.action == "case.spot_check"));
    // A period with no decisions is said so.
    let none = spot_check::draw_sample(s, &f.actor, town, "2001-01");
    assert!(
        matches!(&none, Err(AppError::Invalid(zh, _)) if zh.contains("没有审核确认决定")),
        "{none:?}"
    );
    let bad = spot_check::draw_sample(s, &f.actor, town, "三月");
    assert!(matches!(bad, Err(AppError::Invalid(..))), "{bad:?}");

    // The export carries no full ID number.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("spot.xlsx");
    let rows =
        spot_check::export(s, &f.actor, Some(town), Some(&period), &path, false).expect("export");
    assert_eq!(rows, d.drawn.len());
    let mut book: Xlsx<_> = open_workbook(&path).expect("xlsx");
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    let ids: Vec<String> = sheet.rows().skip(1).map(|r| r[5].to_string()).collect();
    assert_eq!(ids.len(), rows);
    for id in &ids {
        assert_eq!(id.chars().count(), 18, "{id}");
        assert!(id.contains('*'), "a masked number: {id}");
    }
    let flawed: Vec<String> = sheet.rows().skip(1).map(|r| r[9].to_string()).collect();
    assert!(flawed.contains(&"发现问题".to_string()), "{flawed:?}");
}

#[test]
fn the_commands_draw_list_and_export() {
    let f = common::district(400);
    let (town, period, _) = busiest(&f.services);
    let case = {
        let s = &f.services;
        let row = s
            .store
            .case_rows(
                CaseFilter {
                    town: None,
                    stage: Some(Stage::UnderReview),
                },
                0,
                1,
            )
            .expect("rows")[0]
            .clone();
        s.store.household(row.household).expect("read").expect("h")
    };
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
            .arg("--store")
            .arg(dir.path())
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let key = safetynet::domain::villages::town_key(town);
    let drawn = run(&["spot-check", "draw", "--town", key, "--period", &period]);
    assert!(drawn.contains("按 30% 抽取"), "{drawn}");
    let again = run(&["spot-check", "draw", "--town", key, "--period", &period]);
    assert!(again.contains("已抽取过"), "{again}");
    let list = run(&["spot-check", "list"]);
    assert!(list.contains("待核查"), "{list}");
    let out = dir.path().join("spot.csv");
    let written = run(&["spot-check", "export", "--out", out.to_str().expect("path")]);
    assert!(written.contains("抽查清单"), "{written}");
    let csv = std::fs::read_to_string(&out).expect("csv");
    assert!(csv.starts_with('\u{feff}'));
    // The register from the command line: a relative by ID number, listed masked.
    let m = &case.members[0];
    let rel = format!("{},{},sibling", m.name, m.id.as_str());
    let added = run(&[
        "relatives",
        "add",
        "--name",
        "王建国",
        "--role",
        "civil-affairs",
        "--town",
        "chenlu",
        "--post",
        "陈炉镇民政办",
        "--relative",
        &rel,
    ]);
    assert!(added.contains("已登记 王建国"), "{added}");
    let listed = run(&["relatives", "list"]);
    assert!(listed.contains(&m.id.masked()), "{listed}");
    assert!(!listed.contains(m.id.as_str()), "{listed}");
}

/// Through the real event loop at 80x24: K opens the spot checks, d draws the busiest
/// town-month, Enter on the first check records a problem with its note.
#[test]
fn spot_checks_by_keys() {
    use common::{colour, Session};
    use safetynet::tui::screens::spot_checks::SpotChecksScreen;
    use safetynet::tui::Lang;
    let f = common::district(400);
    let (town, period, n) = busiest(&f.services);
    let mut k = Session::new(f.cx(Lang::Zh, colour()));
    k.keys("K");
    assert!(k.screen().contains("尚未抽查"), "{}", k.screen());
    // d asks town and period: the town is a choice (a letter jumps), the period text.
    k.keys("d");
    for _ in 0..town.index() {
        k.keys("<right>");
    }
    k.keys(&format!("<tab>{period}<ret>"));
    let screen = k.screen();
    assert!(
        screen.contains(&format!(
            "决定 {n} 件，抽取 {} 件（30%）",
            sample_size(n, 30)
        )),
        "{screen}"
    );
    let rows =
        k.ui.screen()
            .downcast_ref::<SpotChecksScreen>()
            .expect("spot checks")
            .rows()
            .len();
    assert_eq!(rows, sample_size(n, 30));
    insta::assert_snapshot!("spot_checks_drawn", screen);
    // Enter: the outcome; → to "problem found", Tab, the note, Enter.
    k.keys("<ret><right><tab>漏计经营收入<ret>");
    assert!(
        k.screen().contains("已登记抽查结果：发现问题"),
        "{}",
        k.screen()
    );
    let stored = spot_check::list(&f.services, &f.actor, Some(town), Some(&period)).expect("list");
    assert!(stored
        .iter()
        .any(|r| r.check.outcome == SpotOutcome::Flawed && r.check.note == "漏计经营收入"));
}
