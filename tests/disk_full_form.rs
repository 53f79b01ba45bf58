//! A full disk while a clerk works (issue 13): the save is refused with "the disk is
//! full: nothing was saved", the form keeps what was typed, and once there is room the
//! same keys save it. The store's writes are made to fail as a full disk makes them
//! fail (`Store::simulate_full_disk`: refused before anything is written); the real
//! ENOSPC/EFBIG mapping is tested on the real binary in tests/disk_full.rs.

mod common;

use common::{colour, district, Session};
use safetynet::tui::Lang;

const FULL: &str = "磁盘已满";

fn audit_len(f: &common::Fixture) -> usize {
    f.services.store.audit_newest_first().count()
}

#[test]
fn a_step_form_refused_by_a_full_disk_keeps_its_fields_and_saves_later() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // A submitted case's acceptance form, with a date typed.
    s.keys("css<ret>a").keys("2026-02-27");
    assert!(s.screen().contains("2026-02-27"), "{}", s.screen());
    let before = audit_len(&f);
    f.services.store.simulate_full_disk(true);
    s.keys("<c-s>y");
    let screen = s.screen();
    assert!(screen.contains(FULL), "no disk-full message:\n{screen}");
    assert!(
        screen.contains("2026-02-27"),
        "the typed date is gone:\n{screen}"
    );
    assert!(!screen.contains("已保存"), "{screen}");
    assert_eq!(audit_len(&f), before, "something was written");
    // Room again: the same form saves.
    f.services.store.simulate_full_disk(false);
    s.keys("<c-s>y");
    let screen = s.screen();
    assert!(screen.contains("已保存"), "{screen}");
    assert!(audit_len(&f) > before);
    assert!(f.services.store.check().expect("check").is_clean());
}

#[test]
fn a_wizard_field_refused_by_a_full_disk_stays_typed_and_the_draft_saves_later() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>");
    f.services.store.simulate_full_disk(true);
    s.keys("一组12号<tab>");
    let screen = s.screen();
    assert!(screen.contains(FULL), "no disk-full message:\n{screen}");
    assert!(
        screen.contains("一组12号"),
        "the typed address is gone:\n{screen}"
    );
    f.services.store.simulate_full_disk(false);
    s.keys("<tab>");
    let screen = s.screen();
    assert!(!screen.contains(FULL), "{screen}");
    let drafts = safetynet::app::drafts::list(&f.services, &f.actor).expect("drafts");
    assert!(
        drafts.iter().any(|d| format!("{d:?}").contains("一组12号")),
        "the draft does not hold the address: {drafts:?}"
    );
}
