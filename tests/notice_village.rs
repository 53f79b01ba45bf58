//! The notice list on screen by village (`N`, then `v`): the town's villages with
//! households in notice one after the other, then the whole town again; `x` writes the
//! village shown (the .xlsx re-read with calamine holds that village's households only,
//! ID numbers masked).

mod common;

use calamine::{open_workbook, Reader, Xlsx};
use common::cases::{d, under_review_in};
use common::{colour, district, Session};
use safetynet::app::workflow::{self, DecisionInput};
use safetynet::domain::case::{CaseId, Decision, Stage};
use safetynet::domain::town::Town;
use safetynet::tui::Lang;

fn approve(f: &common::Fixture, id: CaseId) {
    let c = f.services.store.case(id).expect("read").expect("case");
    let input = DecisionInput {
        decision: Decision::ConfirmAsProposed,
        category: None,
        reason: String::new(),
        date: d("2026-03-02"),
    };
    let c = workflow::decide(&f.services, &f.actor, id, c.rev, input).expect("approve");
    assert_eq!(c.stage, Stage::InNotice);
}

#[test]
fn v_cycles_the_towns_villages_in_notice_and_x_writes_the_village_shown() {
    let f = district(40);
    approve(&f, under_review_in(&f, "张大山", 21, "陈炉村"));
    approve(&f, under_review_in(&f, "赵立地", 31, "立地坡村"));
    let rows = workflow::notice_rows(&f.services, &f.actor, Town::Chenlu, None).expect("rows");
    let mut villages: Vec<String> = Vec::new();
    for r in &rows {
        if !villages.contains(&r.village) {
            villages.push(r.village.clone());
        }
    }
    assert!(villages.len() >= 2, "{villages:?}");
    let in_village = |v: &str| rows.iter().filter(|r| r.village == v).count();

    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("N");
    let to_chenlu = Town::ALL
        .iter()
        .position(|t| *t == Town::Chenlu)
        .unwrap_or(0);
    for _ in 0..to_chenlu {
        s.keys("t");
    }
    let screen = s.screen();
    assert!(
        screen.contains(&format!("公示名单 · 陈炉镇 {}", rows.len())),
        "{screen}"
    );
    assert!(
        screen.contains("张大山") && screen.contains("赵立地"),
        "{screen}"
    );
    // v: each village in turn, with only its households.
    for v in &villages {
        s.keys("v");
        let screen = s.screen();
        assert!(
            screen.contains(&format!("公示名单 · {v} {}", in_village(v))),
            "{screen}"
        );
        assert_eq!(screen.contains("张大山"), v == "陈炉村", "{screen}");
        assert_eq!(screen.contains("赵立地"), v == "立地坡村", "{screen}");
        if v == "立地坡村" {
            s.keys("x");
            let said = s.screen();
            assert!(said.contains("公示名单已写入"), "{said}");
        }
    }
    // After the last village, the whole town again.
    s.keys("v");
    assert!(
        s.screen()
            .contains(&format!("公示名单 · 陈炉镇 {}", rows.len())),
        "{}",
        s.screen()
    );

    let path = f
        .services
        .store_path()
        .join("notice-chenlu-立地坡村-2026-03-02.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("xlsx");
    let sheet = book.worksheet_range_at(0).expect("sheet").expect("range");
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(cells.len(), in_village("立地坡村") + 1, "{cells:?}");
    assert!(
        cells[1..]
            .iter()
            .all(|r| r.contains(&"立地坡村".to_string())),
        "{cells:?}"
    );
    let all = cells.concat().concat();
    assert!(all.contains("赵立地"), "{all}");
    assert!(!all.contains("张大山"), "{all}");
    assert!(!all.contains("610222198004"), "masked: {all}");
}
