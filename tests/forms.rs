//! Forms that behave (issue 14 points 4, 6, 8): each typed through the real event loop
//! at 80x24 — replace-on-type, dates checked on the field, ↓ checks like Tab, a letter
//! jumps in a choice, defaults from the village, a submit key on step forms.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::domain::resident_id::ResidentId;
use safetynet::tui::Lang;

fn id(birth: (i32, u32, u32), seq: u16) -> String {
    let d = NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).expect("date");
    ResidentId::compose(610222, d, seq)
        .expect("id")
        .as_str()
        .to_string()
}

/// The value shown after `label` on the screen's line that carries it.
fn value_after(screen: &str, label: &str) -> String {
    let line = screen
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no {label} on\n{screen}"));
    let at = line.find(label).unwrap_or(0) + label.len();
    line[at..]
        .trim_start()
        .split("  ")
        .next()
        .unwrap_or("")
        .trim_end_matches('│')
        .trim()
        .to_string()
}

#[test]
fn typing_into_a_prefilled_date_replaces_it_and_a_wrong_order_is_refused_on_the_field() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // A submitted case (the case list filtered to 已申请), its acceptance form.
    s.keys("css<ret>a");
    let Some(_) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::steps::StepScreen>()
    else {
        panic!("{}", s.screen())
    };
    s.keys("2026-02-27");
    assert_eq!(
        value_after(&s.screen(), "受理日期"),
        "2026-02-27",
        "{}",
        s.screen()
    );
    // Before the application date: refused on Enter, before any question.
    s.keys("<bs><bs><bs><bs><bs>01-01<ret>");
    let screen = s.screen();
    assert!(screen.contains("不能早于申请日期"), "{screen}");
    assert!(
        s.ui.prompt().is_none(),
        "asked before the date was checked:\n{screen}"
    );
    // In the future: refused too.
    s.keys("2027-01-01<ret>");
    assert!(s.screen().contains("不能晚于今天"), "{}", s.screen());
    assert!(s.ui.prompt().is_none());
}

#[test]
fn down_checks_a_required_field_as_tab_does() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // The address is required: ↓ from it (empty) is refused like Tab.
    s.keys("n<tab><tab><down>");
    assert!(s.screen().contains("请填写地址"), "{}", s.screen());
    s.keys("一组12号<down>13812345678");
    assert_eq!(
        value_after(&s.screen(), "电话"),
        "13812345678",
        "{}",
        s.screen()
    );
}

#[test]
fn a_letter_jumps_in_a_choice_and_choices_say_how_they_change() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>一组12号<tab><tab><tab><tab><tab>");
    s.keys(&format!(
        "张三<tab>{}<tab><c-n>李四<tab>{}<tab>",
        id((1980, 4, 1), 11),
        id((1982, 6, 2), 22)
    ));
    let screen = s.screen();
    assert!(screen.contains("◂子女▸"), "{screen}");
    assert!(screen.contains("←/→ 或空格切换，键入首字母"), "{screen}");
    // 子女 → 配偶 by its pinyin initial (p: 父母 first, then 配偶), not eight presses of →.
    s.keys("pp");
    assert!(s.screen().contains("◂配偶▸"), "{}", s.screen());
}

#[test]
fn a_rural_village_makes_the_household_and_its_members_rural() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // 陈炉镇 (the fifth town) has villages only.
    s.keys("n<right><right><right><right>");
    let screen = s.screen();
    assert!(screen.contains("◂陈炉镇▸"), "{screen}");
    assert!(screen.contains("◂农村▸"), "{screen}");
    s.keys("<tab><tab>一组12号<tab><tab><tab><tab><tab>");
    assert!(s.screen().contains("户籍        ◂农村▸"), "{}", s.screen());
}

#[test]
fn after_the_last_member_the_wizard_says_how_to_add_another() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("n<tab><tab>一组12号<tab><tab><tab><tab><tab>");
    s.keys(&format!("张三<tab>{}", id((1980, 4, 1), 11)));
    s.keys("<tab><tab><tab><tab><tab><tab><tab><tab><tab><tab>");
    let screen = s.screen();
    assert!(
        screen.contains("还有成员请按 PgUp 返回后 Ctrl-N 添加"),
        "{screen}"
    );
}

#[test]
fn a_step_form_submits_from_any_field() {
    let f = district(300);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("css<ret>a<ret>y").keys("ay").keys("a");
    let Some(_) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::steps::StepScreen>()
    else {
        panic!("{}", s.screen())
    };
    // From the first field, ^S checks the whole form: the investigators are missing.
    s.keys("<c-s>");
    assert!(s.screen().contains("请填写调查人员1"), "{}", s.screen());
    s.keys("<tab>王芳<tab>李强<tab><tab>两人入户<c-s>");
    assert!(s.ui.prompt().is_some(), "{}", s.screen());
    s.keys("y");
    assert!(s.screen().contains("已保存"), "{}", s.screen());
}

/// 一门入库 on the field (issue 14, point 4): an ID number already in an open case is
/// refused when the ID field is left — not at the final submit — naming the person on
/// record, their case and stage, and the different name typed; the cursor stays.
#[test]
fn a_duplicate_id_is_caught_on_the_field_with_the_name_on_record_and_its_case() {
    use safetynet::app::cases::{self, CaseFilter};
    use safetynet::domain::case::Stage;
    let f = district(300);
    let filter = CaseFilter {
        stage: Some(Stage::Investigating),
        ..CaseFilter::default()
    };
    let rows = cases::list(&f.services, &f.actor, filter, 0, 1).expect("rows");
    let row = rows.first().expect("an open case");
    let h = f
        .services
        .store
        .household(row.household)
        .expect("read")
        .expect("household");
    let head = &h.members[0];
    assert_ne!(head.name, "王五");
    for (lang, words) in [
        (
            Lang::Zh,
            ["已在办理中的案件", "调查核实", "不是申请表上的“王五”"],
        ),
        (
            Lang::En,
            [
                "is already in open case",
                "investigating",
                "is not \"王五\" as typed",
            ],
        ),
    ] {
        let mut s = Session::new(f.cx(lang, colour()));
        s.keys("n<tab><tab>一组12号<tab>13812345678<tab><tab><tab><tab>");
        s.keys(&format!("王五<tab>{}<tab>", head.id.as_str()));
        let screen = s.screen();
        // The note wraps under an indent of two: read it as one line.
        let note = |screen: &str| {
            let from = screen.find("! ").unwrap_or(0);
            let lines: Vec<&str> = screen[from..].lines().map(str::trim).collect();
            lines.join(if lang == Lang::Zh { "" } else { " " })
        };
        let flat = note(&screen);
        assert!(flat.contains(&head.name), "{screen}");
        assert!(flat.contains(&row.label()), "{screen}");
        for w in words {
            assert!(flat.contains(w), "{w} missing:\n{screen}");
        }
        // The cursor stayed on the ID: Tab again is refused again, nothing moved on.
        s.keys("<tab>");
        let again = s.screen();
        assert!(note(&again).contains(words[0]), "{again}");
        // Typing replaces the refused ID (the field is reached again), it lands nowhere else.
        s.keys("1");
        let typed = s.screen();
        assert!(!typed.contains(head.id.as_str()), "{typed}");
        assert!(typed.contains("王五"), "{typed}");
    }
}
