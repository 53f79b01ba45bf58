//! The application flow typed through the real event loop at 80x24: the intake wizard,
//! drafts that survive the program going away, and the workflow steps on the case.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::app::drafts;
use safetynet::app::Services;
use safetynet::domain::case::Stage;
use safetynet::domain::money::Money;
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::audit::case_target;
use safetynet::tui::{Cx, Lang};

fn id(birth: (i32, u32, u32), seq: u16) -> String {
    let d = NaiveDate::from_ymd_opt(birth.0, birth.1, birth.2).expect("date");
    // Another county's code: no clash with the generated district.
    ResidentId::compose(610222, d, seq)
        .expect("id")
        .as_str()
        .to_string()
}

/// The same number with a wrong check character.
fn mistyped(good: &str) -> String {
    let last = if good.ends_with('1') { '2' } else { '1' };
    format!("{}{last}", &good[..17])
}

const HOUSEHOLD: &str = "<tab><tab>一组12号<tab>13812345678<tab><tab><tab><tab>";

fn members_keys(ids: &[String; 3]) -> String {
    format!(
        "张三<tab>{}<tab><c-n>李四<tab>{}<tab><left><c-n>张小<tab>{}<tab><pgdn>",
        ids[0], ids[1], ids[2]
    )
}

/// Wages 600 a month for 张三, land 1,200 a year for the household.
const INCOMES: &str =
    "<c-n><tab><right><tab>600<c-n><right><right><right><right><tab><tab>1200<tab><right><pgdn>";
const ASSETS: &str = "<c-n><tab><tab>3000<pgdn>";

fn ids() -> [String; 3] {
    [
        id((1980, 4, 1), 11),
        id((1982, 6, 2), 22),
        id((2015, 9, 3), 31),
    ]
}

#[test]
fn a_whole_application_typed_from_intake_to_confirmation() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let ids = ids();
    s.keys("n").keys(HOUSEHOLD);
    // Head of household with a mistyped ID: refused with the reason, the cursor stays.
    s.keys(&format!("张三<tab>{}<tab>", mistyped(&ids[0])));
    let screen = s.screen();
    // It says the number does not check and never names the right last digit (a clerk
    // who mistyped a middle digit would "fix" the last one).
    assert!(screen.contains("没有通过校验"), "{screen}");
    assert!(!screen.contains("末位应为"), "{screen}");
    let Some(w) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::intake::IntakeScreen>()
    else {
        panic!("not the wizard")
    };
    assert_eq!(w.step(), 1);
    // Corrected in place: the birth date, age and sex appear.
    s.keys("<bs>").keys(&ids[0][17..]).keys("<tab>");
    let screen = s.screen();
    assert!(screen.contains("出生 1980-04-01 · 45岁 · 男"), "{screen}");
    assert!(!screen.contains("没有通过校验"), "{screen}");
    s.keys(&format!(
        "<c-n>李四<tab>{}<tab><left><c-n>张小<tab>{}<tab><pgdn>",
        ids[1], ids[2]
    ));
    s.keys(INCOMES)
        .keys("<pgdn>")
        .keys(ASSETS)
        .keys("<right><pgdn><pgdn>");
    let screen = s.screen();
    assert!(screen.contains("8,400.00 元"), "annual income\n{screen}");
    s.keys("<ret>");
    let Some(d) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    else {
        panic!(
            "submitted application did not open its case:\n{}",
            s.screen()
        )
    };
    let case_id = d.detail().case.id;
    assert_eq!(d.detail().case.stage, Stage::Submitted);

    // Accept today, start the investigation, record it with two investigators and a
    // corrected deposit, then confirm as proposed.
    s.keys("a<ret>y").keys("ay");
    s.keys("a<tab>王芳<tab>李强<tab><tab>两人入户，房屋老旧<tab>存款比申报多2000元<tab><tab><tab><tab><right><right><tab><tab><tab><tab>");
    s.keys("<bs><bs><bs><bs><bs><bs><bs>5000<ret>y");
    let screen = s.screen();
    assert!(screen.contains("审核确认"), "{screen}");
    s.keys("a");
    let review = s.screen();
    assert!(review.contains("系统建议类别"), "{review}");
    s.keys("<ret><ret><ret><ret>y");

    let store = &f.services.store;
    // The approval goes to public notice first (issue 18); the daily run on the day after
    // the notice lets it take effect.
    let case = store.case(case_id).expect("read").expect("case");
    assert_eq!(case.stage, Stage::InNotice, "{}", s.screen());
    assert!(s.screen().contains("进入公示"), "{}", s.screen());
    let effective = case.procedure.notice().expect("notice").effective_on;
    safetynet::app::workflow::daily_run_on(&f.services, effective).expect("daily run");
    let case = store.case(case_id).expect("read").expect("case");
    assert_eq!(case.stage, Stage::Confirmed, "{}", s.screen());
    let deadline = f.services.calendar.deadline(common::today(), 15);
    assert_eq!(case.deadline, Some(deadline));
    assert!(case.number.is_some_and(|n| n.year == 2026));
    let inv = case.investigation.clone().expect("investigation");
    assert_eq!(inv.investigators, ["王芳", "李强"]);
    assert_eq!(inv.mismatches.len(), 1);
    assert_eq!(inv.corrections.len(), 1);
    assert_eq!(inv.corrections[0].original, "3000.00");
    let h = store
        .household(case.household)
        .expect("read")
        .expect("household");
    assert_eq!(h.members.len(), 3);
    assert_eq!(h.incomes.len(), 2);
    assert_eq!(h.assets[0].value, Money::from_yuan(5000));
    assert!(h.standing.category.is_some());
    assert_eq!(h.standing.category, case.confirmed_category());
    let trail = store.audit_of(&case_target(case_id.0)).expect("audit");
    // Opening the case (full ID numbers on screen) is audited too, once.
    let views = trail.iter().filter(|e| e.action == "case.view").count();
    assert_eq!(views, 1);
    let actions: Vec<&str> = trail
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| *a != "case.view")
        .collect();
    assert_eq!(
        actions,
        [
            "case.submit",
            "case.accept",
            "case.investigate",
            "case.investigation",
            "case.decide",
            "case.take_effect"
        ]
    );
    assert_eq!(case.history.len(), 6);
    // The submitted application's draft is gone.
    assert!(drafts::list(&f.services, &f.actor)
        .expect("drafts")
        .is_empty());
}

#[test]
fn a_member_already_in_an_open_case_is_caught_and_that_case_offered() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let ids = ids();
    s.keys("n").keys(HOUSEHOLD).keys(&members_keys(&ids));
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn><ret>");
    let Some(first) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    else {
        panic!("{}", s.screen())
    };
    let first = first.detail().case.id;
    s.keys("<esc>");
    // The same spouse in a new application.
    s.keys("n").keys(HOUSEHOLD);
    s.keys(&format!(
        "王五<tab>{}<tab><c-n>李四<tab>{}<tab><left><pgdn>",
        id((1979, 1, 5), 51),
        ids[1]
    ));
    s.keys("<pgdn><pgdn><pgdn><pgdn><pgdn><ret>");
    let screen = s.screen();
    insta::assert_snapshot!("intake_refused_one_household", screen);
    assert!(screen.contains("已在办理中的案件"), "{screen}");
    // The question is one popup over the confirmation step's Chinese labels: every row
    // starts and ends with its border (common::popup_rows).
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(safetynet::tui::prompt::Question::OpenExisting(Some(first)))
    );
    let rows = s.popup("请确认");
    assert!(
        rows.iter().any(|r| r.contains("一门入库：不能重复申请")),
        "{rows:?}"
    );
    assert!(screen.contains(&format!("#{}", first.0)), "{screen}");
    s.keys("<ret>");
    let Some(d) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
    else {
        panic!("{}", s.screen())
    };
    assert_eq!(d.detail().case.id, first);
}

/// Drop the whole program mid-wizard: what was committed with Tab is back, the field
/// being typed is lost, and the draft reopens at the step and field where it was left.
#[test]
fn a_killed_session_resumes_its_draft_where_it_was_left() {
    let common::Fixture {
        dir,
        services,
        actor,
    } = district(20);
    let ids = ids();
    // The first program is never shut down: its store handle is leaked, as if killed.
    let services: &'static Services = Box::leak(Box::new(services));
    {
        let cx = Cx::new(services, &actor, Lang::Zh, colour());
        let mut s = Session::new(cx);
        s.keys("n").keys(HOUSEHOLD);
        s.keys(&format!("张三<tab>{}<tab><c-n>李四<tab>99999", ids[0]));
    }
    // What is on disk now is what a crash leaves: open a copy of it.
    let copy = tempfile::tempdir().expect("tempdir");
    copy_dir(dir.path(), copy.path());
    let mut reopened = Services::open(copy.path()).expect("reopen");
    reopened.fixed_today = Some(common::today());
    let f = common::Fixture {
        dir: copy,
        services: reopened,
        actor,
    };
    let list = drafts::list(&f.services, &f.actor).expect("drafts");
    assert_eq!(list.len(), 1, "{list:?}");
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("d");
    insta::assert_snapshot!("intake_drafts_list", s.screen());
    s.keys("<ret>");
    let screen = s.screen();
    let Some(w) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::intake::IntakeScreen>()
    else {
        panic!("{screen}")
    };
    assert_eq!(w.step(), 1, "{screen}");
    // Row 2 (李四) is selected with the cursor on the ID field; the half-typed text is lost.
    assert!(screen.contains("> 2 李四"), "{screen}");
    assert!(screen.contains("张三"), "{screen}");
    assert!(!screen.contains("99999"), "{screen}");
    s.keys(&format!("{}<tab>", ids[1]));
    assert!(s.screen().contains("出生 1982-06-02"), "{}", s.screen());
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).expect("copy");
        }
    }
}

#[test]
fn every_wizard_step_and_the_review_at_80x24() {
    let f = district(40);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let ids = ids();
    s.keys("n");
    insta::assert_snapshot!("intake_1_household", s.screen());
    s.keys(HOUSEHOLD);
    s.keys(&format!(
        "张三<tab>{}<tab><c-n>李四<tab>{}<tab><left><c-n>张小<tab>{}<tab>",
        ids[0], ids[1], ids[2]
    ));
    insta::assert_snapshot!("intake_2_members", s.screen());
    s.keys("<pgdn>")
        .keys(&INCOMES[..INCOMES.len() - "<pgdn>".len()]);
    insta::assert_snapshot!("intake_3_incomes", s.screen());
    s.keys("<pgdn>");
    insta::assert_snapshot!("intake_4_expenses", s.screen());
    s.keys("<pgdn>")
        .keys(&ASSETS[..ASSETS.len() - "<pgdn>".len()]);
    insta::assert_snapshot!("intake_5_assets", s.screen());
    s.keys("<pgdn><right>");
    insta::assert_snapshot!("intake_6_needs", s.screen());
    s.keys("<pgdn>");
    insta::assert_snapshot!("intake_7_obligors_empty", s.screen());
    // The head's sister, living elsewhere, able to support, paying 200 a month.
    s.keys("<c-n><tab><right><right><right><right><right><tab>张小红<tab><tab><tab><tab>200<tab>");
    insta::assert_snapshot!("intake_7_obligors", s.screen());
    s.keys("<pgdn>");
    insta::assert_snapshot!("intake_8_confirm", s.screen());
    s.keys("<ret>a");
    insta::assert_snapshot!("step_accept", s.screen());
    s.keys("<ret>y")
        .keys("ay")
        .keys("a<tab>王芳<tab>李强<tab><tab>两人入户<tab>");
    insta::assert_snapshot!("step_investigation", s.screen());
    s.keys("<ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret>y");
    s.keys("a");
    insta::assert_snapshot!("step_review", s.screen());
    // Reject without a reason is refused and says why.
    s.keys("<right><right><tab><tab><tab><ret>");
    assert!(s.screen().contains("请填写理由"), "{}", s.screen());
}

#[test]
fn leaving_the_wizard_asks_and_can_discard_the_draft() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("n<tab><tab>No. 3 Lane<tab><esc>");
    assert!(
        s.screen().contains("Leave this application?"),
        "{}",
        s.screen()
    );
    assert_eq!(
        drafts::list(&f.services, &f.actor).expect("drafts").len(),
        1
    );
    s.keys("d");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
    assert!(drafts::list(&f.services, &f.actor)
        .expect("drafts")
        .is_empty());
}
