//! An old 15-digit ID number typed in the wizard (issue 17): the first Tab puts its
//! 18-digit form in the field and asks the clerk to compare it with the card, the cursor
//! staying there; the second Tab accepts it and the member is registered with it.

mod common;

use common::{colour, district, Session};
use safetynet::tui::Lang;

#[test]
fn a_fifteen_digit_number_is_offered_in_eighteen_digits_and_taken_on_the_second_tab() {
    let f = district(10);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>二组3号<tab><tab><tab><tab><tab>");
    s.keys("王秀兰<tab>610222550301041<tab>");
    let screen = s.screen();
    assert!(screen.contains("补全为18位"), "{screen}");
    assert!(screen.contains("610222195503010418"), "{screen}");
    // Still on the ID field: typing would replace it, Tab accepts it.
    s.keys("<tab>");
    let screen = s.screen();
    assert!(!screen.contains("补全为18位"), "{screen}");
    assert!(
        screen.contains("王秀兰  610222195503010418"),
        "the member row does not carry the 18-digit number:\n{screen}"
    );
}
