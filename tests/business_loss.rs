//! A business loss typed in the wizard (issue 17): the income amount takes a leading
//! minus, a negative amount is refused on the field for any kind but net business
//! income, and a household with a loss is submitted with it.

mod common;

use common::{colour, district, Session};
use safetynet::domain::income::IncomeKind;
use safetynet::domain::money::Money;
use safetynet::tui::screens::case_detail::CaseDetailScreen;
use safetynet::tui::Lang;

#[test]
fn a_loss_is_typed_for_a_business_and_refused_for_wages() {
    let f = district(10);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>二组3号<tab><tab><tab><tab><tab>");
    s.keys("张三<tab>610222198004010118<tab><pgdn>");
    // Wages (the first kind) of −500 a month: refused on the amount field.
    s.keys("<c-n><tab><tab>-500<pgdn>");
    let screen = s.screen();
    assert!(screen.contains("只有经营净收入可以填负数"), "{screen}");
    assert!(screen.contains("-500"), "{screen}");
    // The kind made 经营净收入 (one to the right): the same amount is a loss, taken.
    s.keys("<s-tab><s-tab><right><pgdn>");
    assert!(
        !s.screen().contains("只有经营净收入可以填负数"),
        "{}",
        s.screen()
    );
    s.keys("<pgdn><pgdn><pgdn><pgdn><ret>");
    let Some(d) = s.ui.screen().downcast_ref::<CaseDetailScreen>() else {
        panic!("not submitted:\n{}", s.screen())
    };
    let income = &d.detail().household.incomes;
    assert_eq!(income.len(), 1, "{income:?}");
    assert_eq!(income[0].kind, IncomeKind::Business);
    assert_eq!(income[0].amount.money, Money::from_yuan(-500));
}
