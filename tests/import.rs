//! `safetynet import` on the real binary: a 200-household roster with planted errors
//! gives the right report in --dry-run and writes nothing; the clean roster imports;
//! running it again imports nothing new.

mod import_fixture;

use import_fixture::{household_count, report_rows, run, t, text, Roster, V};
use safetynet::app::import::Field;
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::Store;

/// Where each planted error is, and what the report must say about it.
struct Planted {
    roster: Roster,
    expected: Vec<(u32, &'static str, &'static str)>,
}

fn id_of(v: &V) -> String {
    match v {
        V::T(s) => s.clone(),
        V::N(n) => format!("{n}"),
    }
}

/// 200 households with one of each planted error.
fn planted(csv: bool) -> Planted {
    let mut r = Roster::clean(200);
    let mut expected = Vec::new();
    // A bad check digit.
    let l = r.line_of(10);
    let id = id_of(&r.get(l, Field::Id));
    let last = if id.ends_with('0') { '1' } else { '0' };
    r.set(l, Field::Id, t(format!("{}{last}", &id[..17])));
    expected.push((l, "身份证号码", "没有通过校验"));
    // A first-generation 15-digit number.
    let l = r.line_of(20);
    r.set(l, Field::Id, t("610203600101123"));
    expected.push((l, "身份证号码", "15"));
    // An ID number stored as a number, shown in scientific notation.
    let l = r.line_of(30);
    let sci = if csv {
        t("6.10203E+17")
    } else {
        V::N(6.102_031_960_010_11e17)
    };
    r.set(l, Field::Id, sci);
    expected.push((l, "身份证号码", "无法恢复"));
    // A village the district does not have.
    let l = r.line_of(40);
    r.set(l, Field::Village, t("不存在村"));
    expected.push((l, "村（社区）", "不在"));
    // The same person in two households.
    let first = r.line_of(50) + 1;
    let again = r.line_of(51) + 1;
    let dup = r.get(first, Field::Id);
    r.set(again, Field::Id, dup);
    expected.push((again, "身份证号码", "同一人"));
    // A household with two heads.
    let l = r.line_of(62);
    r.set(l + 1, Field::Relation, t("户主"));
    expected.push((l, "与户主关系", "2个户主"));
    expected.push((l + 1, "与户主关系", "2个户主"));
    Planted {
        roster: r,
        expected,
    }
}

fn check_report(report: &std::path::Path, expected: &[(u32, &str, &str)]) {
    let rows = report_rows(report);
    let errors: Vec<&[String; 5]> = rows.iter().filter(|r| r[4] == "错误").collect();
    for (line, column, says) in expected {
        assert!(
            errors
                .iter()
                .any(|r| r[0] == line.to_string() && r[1] == *column && r[3].contains(says)),
            "no report row for line {line} {column} saying {says}: {rows:#?}"
        );
    }
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
}

#[test]
fn planted_errors_are_reported_in_dry_run_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    for csv in [false, true] {
        let p = planted(csv);
        let file = dir
            .path()
            .join(if csv { "dirty-gbk.csv" } else { "dirty.xlsx" });
        if csv {
            p.roster.write_csv_gbk(&file);
        } else {
            p.roster.write_xlsx(&file);
        }
        let f = file.to_str().expect("path");
        let out = run(&store, &["import", f, "--dry-run"], &[]);
        assert!(!out.status.success(), "{}", text(&out));
        let said = text(&out);
        assert!(
            said.contains("错误 7") && said.contains("什么也没有导入"),
            "{said}"
        );
        if csv {
            assert!(said.contains("GBK"), "{said}");
        }
        let report = dir.path().join(if csv {
            "dirty-gbk.report.csv"
        } else {
            "dirty.report.xlsx"
        });
        check_report(&report, &p.expected);
        // Without --dry-run a file with errors writes nothing either.
        let out = run(&store, &["import", f], &[]);
        assert!(!out.status.success(), "{}", text(&out));
        assert_eq!(household_count(&store), 0);
    }
}

#[test]
fn the_clean_roster_imports_and_a_second_run_imports_nothing_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let roster = Roster::clean(200);
    let file = dir.path().join("clean.xlsx");
    roster.write_xlsx(&file);
    let f = file.to_str().expect("path");
    let out = run(&store, &["import", f, "--dry-run"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(household_count(&store), 0, "a dry run writes nothing");
    let rows = report_rows(&dir.path().join("clean.report.xlsx"));
    assert!(rows[0][3].contains("没有发现问题"), "{rows:?}");

    let out = run(&store, &["import", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("新增 200 户 500 人"), "{said}");
    assert_eq!(household_count(&store), 200);

    let out = run(&store, &["import", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("新增 0 户") && said.contains("与文件一致 200 户"),
        "{said}"
    );
    assert_eq!(household_count(&store), 200);

    // Each case keeps its source file and rows; one summary audit entry per run with the hash.
    let s = Store::open(&store).expect("open");
    let head = id_of(&roster.get(3, Field::Id));
    let hid = s
        .household_of(&ResidentId::parse(&head).expect("id"))
        .expect("read")
        .expect("imported");
    let case = s
        .case(s.latest_case_of(hid).expect("read").expect("a case"))
        .expect("read")
        .expect("case");
    assert!(
        case.history[0].reason.contains("clean.xlsx 第3–4行"),
        "{:?}",
        case.history
    );
    let summaries: Vec<_> = s
        .audit_trail()
        .filter_map(Result::ok)
        .filter(|e| e.action == "store.import")
        .collect();
    assert_eq!(summaries.len(), 2);
    let sha = safetynet::app::import::file_hash(&file).expect("hash");
    assert!(summaries[0]
        .changes
        .iter()
        .any(|(k, _, v)| k == "sha256" && *v == sha));
    assert!(
        summaries[1].note.contains("新增 0 户"),
        "{}",
        summaries[1].note
    );
}

#[test]
fn a_utf8_csv_with_a_bom_imports_like_the_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let file = dir.path().join("bom.csv");
    Roster::clean(20).write_csv_utf8_bom(&file);
    let out = run(&store, &["import", file.to_str().expect("path")], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("UTF-8"), "{}", text(&out));
    assert_eq!(household_count(&store), 20);
}

#[test]
fn the_template_reads_back_as_an_empty_roster() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let file = dir.path().join("模板.xlsx");
    let f = file.to_str().expect("path");
    let out = run(&store, &["import", "--template", f], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let out = run(&store, &["import", f, "--dry-run"], &[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("文件：0 户 0 人"), "{}", text(&out));
}
