//! A roster in the import template's layout, built in memory and written as .xlsx or
//! .csv (UTF-8 or GBK), with the helpers the import tests share.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{Duration, NaiveDate};
use safetynet::app::import::Field;
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::town::Town;
use safetynet::domain::villages::Villages;
use safetynet::domain::Label;

pub const BIN: &str = env!("CARGO_BIN_EXE_safetynet");
pub const TODAY: &str = "2026-03-02";

#[derive(Debug, Clone, PartialEq)]
pub enum V {
    T(String),
    N(f64),
}

pub fn t(s: impl Into<String>) -> V {
    V::T(s.into())
}

/// Rows of cells, one per person, in `Field::ALL` order.
#[derive(Debug, Clone)]
pub struct Roster {
    pub rows: Vec<Vec<V>>,
}

fn col(f: Field) -> usize {
    Field::ALL.iter().position(|g| *g == f).expect("field")
}

impl Roster {
    /// `households` clean households of 1–4 members, every value valid.
    pub fn clean(households: usize) -> Roster {
        let villages = Villages::bundled().expect("villages");
        let cats = [
            "低保对象",
            "特困人员",
            "低保边缘家庭",
            "刚性支出困难家庭",
            "其他困难人员",
        ];
        let mut rows = Vec::new();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        for i in 0..households {
            let town = Town::ALL[i % Town::ALL.len()];
            let list = villages.of(town);
            let village = &list[i % list.len()];
            let size = 1 + i % 4;
            let members = [
                ("户主", day(1960, 1, 1), "张"),
                ("配偶", day(1962, 6, 1), "李"),
                ("子女", day(1995, 1, 1), "张"),
                ("子女", day(2012, 1, 1), "张"),
            ];
            for (j, (rel, base, surname)) in members.iter().take(size).enumerate() {
                let birth = *base + Duration::days(i as i64);
                let id = ResidentId::compose(610203, birth, (j * 2 + 1) as u16).expect("id");
                let mut r = vec![t(""); Field::ALL.len()];
                r[col(Field::HouseholdKey)] = t(format!("H{i:05}"));
                r[col(Field::Name)] = t(format!("{surname}{}{}", ["一", "二", "三", "四"][j], i));
                r[col(Field::Id)] = t(id.as_str());
                r[col(Field::Relation)] = t(*rel);
                if j == 0 {
                    r[col(Field::Town)] = t(town.zh());
                    r[col(Field::Village)] = t(village.as_str());
                    r[col(Field::Area)] = t(if town.is_street() { "城市" } else { "农村" });
                    r[col(Field::Address)] = t(format!("{village}{}号", i + 1));
                    r[col(Field::Phone)] = t(format!("139{:08}", i));
                    r[col(Field::Category)] = t(cats[i % cats.len()]);
                    r[col(Field::RelapseWatch)] = t(if i % 7 == 0 { "是" } else { "否" });
                    r[col(Field::ConfirmedOn)] =
                        t((day(2025, 1, 1) + Duration::days((i % 300) as i64)).to_string());
                    if i % 5 < 2 {
                        r[col(Field::Benefit)] = V::N(300.0 + i as f64 + 0.5);
                    }
                    if i % 3 == 0 {
                        r[col(Field::AnnualIncome)] = V::N(4800.0 + i as f64);
                    }
                }
                if i % 11 == 0 && j == 0 {
                    r[col(Field::DisabilityKind)] = t("肢体");
                    r[col(Field::DisabilityGrade)] = V::N(2.0);
                    r[col(Field::Labour)] = t("无劳动能力");
                }
                rows.push(r);
            }
        }
        Roster { rows }
    }

    /// The file line of the first row of household `i` (line 1 holds the headers).
    pub fn line_of(&self, household: usize) -> u32 {
        let key = format!("H{household:05}");
        let at = self
            .rows
            .iter()
            .position(|r| r[col(Field::HouseholdKey)] == t(key.as_str()))
            .expect("household");
        at as u32 + 2
    }

    pub fn set(&mut self, line: u32, f: Field, v: V) {
        self.rows[(line - 2) as usize][col(f)] = v;
    }

    pub fn get(&self, line: u32, f: Field) -> V {
        self.rows[(line - 2) as usize][col(f)].clone()
    }

    pub fn write_xlsx(&self, path: &Path) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, f) in Field::ALL.iter().enumerate() {
            sheet.write_string(0, c as u16, f.header()).expect("header");
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    V::T(s) if s.is_empty() => {}
                    V::T(s) => {
                        sheet.write_string(r, c, s).expect("cell");
                    }
                    V::N(n) => {
                        sheet.write_number(r, c, *n).expect("cell");
                    }
                }
            }
        }
        book.save(path).expect("save xlsx");
    }

    fn csv_text(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(Field::ALL.iter().map(|f| f.header()))
            .expect("csv");
        for row in &self.rows {
            w.write_record(row.iter().map(|v| match v {
                V::T(s) => s.clone(),
                V::N(n) => format!("{n}"),
            }))
            .expect("csv");
        }
        String::from_utf8(w.into_inner().expect("csv")).expect("utf8")
    }

    pub fn write_csv_gbk(&self, path: &Path) {
        let text = self.csv_text();
        let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
        assert!(!bad, "every character has a GBK code");
        std::fs::write(path, bytes).expect("write csv");
    }

    pub fn write_csv_utf8_bom(&self, path: &Path) {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(self.csv_text().as_bytes());
        std::fs::write(path, bytes).expect("write csv");
    }
}

/// The real binary on `store` with `args` and `env`, today fixed, nothing on stdin.
pub fn run(store: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    // Generate makes its own store; everything else may start on a new, empty one.
    let create: &[&str] = if args.first() == Some(&"generate") {
        &[]
    } else {
        &["--create"]
    };
    cmd.arg("--store")
        .arg(store)
        .args(create)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // The date a district is generated as of; a store that is not a demo refuses to
    // move its clock, so everything else runs on the system clock.
    if args.first() == Some(&"generate") {
        cmd.env("SAFETYNET_TODAY", TODAY);
    } else {
        cmd.env_remove("SAFETYNET_TODAY");
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    let _ = child.stdin.take().expect("stdin").write_all(b"");
    child.wait_with_output().expect("wait")
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Households in the store at `path` (opened after the process has let go of it).
pub fn household_count(path: &Path) -> i64 {
    let store = safetynet::store::Store::open(path).expect("open store");
    store.household_count().expect("count")
}

/// The report's rows (line, column, value, message, level), from .xlsx or .csv.
pub fn report_rows(path: &Path) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    if path.extension().is_some_and(|e| e == "csv") {
        let bytes = std::fs::read(path).expect("report");
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM");
        let mut r = csv::Reader::from_reader(body);
        for rec in r.records() {
            let rec = rec.expect("record");
            out.push([0, 1, 2, 3, 4].map(|i| rec.get(i).unwrap_or("").to_string()));
        }
        return out;
    }
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(path).expect("report xlsx");
    let range = book.worksheet_range("检查报告").expect("sheet");
    for row in range.rows().skip(1) {
        out.push([0, 1, 2, 3, 4].map(|i| row.get(i).map(|c| c.to_string()).unwrap_or_default()));
    }
    out
}
