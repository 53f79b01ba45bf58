//! Another layout through a mapping file: the example for the provincial platform's
//! roster (a title on line 1, headers on line 2, households by the head's ID number).

mod import_fixture;

use import_fixture::{household_count, run, text};
use safetynet::domain::resident_id::ResidentId;

#[test]
fn a_platform_roster_imports_through_the_example_mapping() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = dir.path().join("store");
    let file = dir.path().join("花名册.xlsx");
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let head = ResidentId::compose(610203, day(1958, 3, 4), 11).expect("id");
    let wife = ResidentId::compose(610203, day(1960, 5, 6), 22).expect("id");
    let alone = ResidentId::compose(610203, day(1940, 7, 8), 33).expect("id");
    let headers = [
        "序号",
        "所属乡镇（街道）",
        "所属村（社区）",
        "户主身份证号",
        "成员姓名",
        "成员身份证号",
        "与户主关系",
        "救助类别",
        "户籍性质",
        "审批时间",
        "月保障金（元）",
    ];
    let rows = [
        [
            "1",
            "陈炉镇",
            "陈炉村",
            head.as_str(),
            "王建国",
            head.as_str(),
            "本人",
            "农村低保",
            "农村",
            "2024-06-01",
            "620",
        ],
        [
            "2",
            "陈炉镇",
            "陈炉村",
            head.as_str(),
            "刘秀英",
            wife.as_str(),
            "妻",
            "农村低保",
            "农村",
            "2024-06-01",
            "",
        ],
        [
            "3",
            "城关街道",
            "北关社区",
            alone.as_str(),
            "赵老汉",
            alone.as_str(),
            "本人",
            "城市特困",
            "城镇",
            "2023-01-15",
            "1100",
        ],
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "印台区低收入人口花名册（2025年）")
        .expect("title");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_string(r as u32 + 2, c as u16, *v)
                .expect("cell");
        }
    }
    book.save(&file).expect("save");
    let mapping = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/import-platform.toml");
    let f = file.to_str().expect("path");
    // Without the mapping the layout is not understood, and the refusal says why.
    let out = run(&store, &["import", f, "--dry-run"], &[]);
    assert!(!out.status.success());
    assert!(text(&out).contains("--mapping"), "{}", text(&out));
    let out = run(&store, &["import", f, "--mapping", mapping], &[]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("新增 2 户 3 人")
            && said.contains("低保对象 1")
            && said.contains("特困人员 1"),
        "{said}"
    );
    assert_eq!(household_count(&store), 2);
}
