//! The register of relatives of staff on screen (`B` on the home screen): the district
//! officer lists it (ID numbers masked), adds an entry through the form (a wrong ID number
//! refused on its field) and removes one, each audited; a town clerk is refused at the
//! gate.

mod common;

use common::cases::d;
use common::{colour, district, Session};
use safetynet::app::session::{Actor, Role};
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::staff_relatives::Kinship;
use safetynet::domain::town::Town;
use safetynet::tui::Lang;

fn audit_actions(f: &common::Fixture, action: &str) -> usize {
    f.services
        .store
        .audit_newest_first()
        .filter_map(Result::ok)
        .filter(|e| e.action == action)
        .count()
}

#[test]
fn the_district_officer_lists_adds_and_removes_register_entries_by_keys() {
    let f = district(40);
    let generated = f.services.store.staff_entries().expect("register");
    assert_eq!(generated.len(), 1, "generate registers one entry");
    let full_generated = generated[0].relatives[0].id.as_str().to_string();
    let id = ResidentId::compose(610203, d("1990-01-01"), 123).expect("id");
    let good = id.as_str().to_string();
    // The same number with another check character.
    let last = good.chars().last().expect("check");
    let other = if last == '1' { '2' } else { '1' };
    let bad = format!("{}{other}", &good[..17]);

    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("B");
    let screen = s.screen();
    assert!(screen.contains("备案 1 人，近亲属 1 人"), "{screen}");
    assert!(screen.contains("王建国"), "{screen}");
    assert!(!screen.contains(&full_generated), "masked: {screen}");
    assert!(
        screen.contains(&generated[0].relatives[0].id.masked()),
        "{screen}"
    );

    // n: the form. Name, role and town kept, post, the first relative with a wrong ID.
    s.keys("n");
    assert!(s.screen().contains("近亲属备案 · 新登记"), "{}", s.screen());
    s.keys(&format!(
        "李明<tab><tab><tab>城关街道民政办<tab>李小华<tab>{bad}<tab>"
    ));
    let screen = s.screen();
    assert!(
        screen.contains("校验"),
        "the check character refused: {screen}"
    );
    // The cursor stayed on the ID: what is typed next replaces it; kinship → 父母.
    s.keys(&format!("{good}<tab><right><c-s>"));
    let prompt = s.popup("登记近亲属备案").join("\n");
    assert!(prompt.contains(&id.masked()), "{prompt}");
    assert!(!prompt.contains(&good), "masked in the question: {prompt}");
    s.keys("y");
    let screen = s.screen();
    assert!(screen.contains("已登记备案：李明"), "{screen}");
    assert!(screen.contains("备案 2 人，近亲属 2 人"), "{screen}");
    let entries = f.services.store.staff_entries().expect("register");
    let added = entries.iter().find(|e| e.name == "李明").expect("added");
    assert_eq!(added.town, Town::Chengguan);
    assert_eq!(added.post, "城关街道民政办");
    assert_eq!(added.relatives.len(), 1);
    assert_eq!(added.relatives[0].id, id);
    assert_eq!(added.relatives[0].kinship, Kinship::Parent);
    assert_eq!(audit_actions(&f, "staff_relatives.save"), 1);

    // The new entry selected (j), its relative masked below; 80x24 snapshot.
    let row = entries.iter().position(|e| e.name == "李明").expect("row");
    for _ in 0..row {
        s.keys("j");
    }
    let screen = s.screen();
    assert!(screen.contains(&id.masked()), "{screen}");
    assert!(!screen.contains(&good), "{screen}");
    insta::assert_snapshot!("staff_register", screen);

    // x asks; y removes it, audited.
    s.keys("x");
    assert!(s.screen().contains("删除备案"), "{}", s.screen());
    s.keys("y");
    let screen = s.screen();
    assert!(screen.contains("已删除备案：李明"), "{screen}");
    assert!(screen.contains("备案 1 人"), "{screen}");
    assert_eq!(f.services.store.staff_entries().expect("r").len(), 1);
    assert_eq!(audit_actions(&f, "staff_relatives.remove"), 1);
}

#[test]
fn a_town_clerk_is_refused_the_register_at_the_gate() {
    let mut f = district(40);
    f.actor = Actor {
        user: "clerk".into(),
        display: "陈炉镇民政专干".into(),
        role: Role::TownClerk,
        town: Some(Town::Chenlu),
    };
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("B");
    let screen = s.screen();
    assert!(screen.contains("登记工作人员近亲属备案"), "{screen}");
    assert!(!screen.contains("王建国"), "{screen}");
    // And in English, in the clerk's words.
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("B");
    let screen = s.screen();
    assert!(
        screen.contains("keep the register of relatives of staff"),
        "{screen}"
    );
}

#[test]
fn the_register_in_english_fits_80_columns() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("B");
    let screen = s.screen();
    assert!(
        screen.contains("1 registered, 1 close relatives"),
        "{screen}"
    );
    assert!(screen.contains("civil-affairs staff"), "{screen}");
    assert!(screen.contains("sibling"), "{screen}");
    // The last column's heading whole: the row layout fits the 80 columns.
    assert!(
        screen.contains("Office and post      Relatives"),
        "{screen}"
    );
}
