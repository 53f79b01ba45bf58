//! Legal obligors recorded at the investigation (issue 17 point 1), typed through the real
//! event loop. A rural elder of 70 applied alone, with no obligor recorded. On the home
//! visit the town finds her son living elsewhere and able to support
//! (《特困人员认定办法》第四条第（三）项): the review proposes 低保, not 特困, and names him
//! and the clause. The review sends the case back; the second visit finds him in prison
//! (第八条第（五）项): the review proposes 特困 and says why.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Session};
use safetynet::app::workflow::{self, Application};
use safetynet::domain::case::{Channel, Stage};
use safetynet::domain::household::Household;
use safetynet::domain::obligor::{Inability, ObligorRelation};
use safetynet::domain::resident_id::ResidentId;
use safetynet::tui::screens::case_detail::CaseDetailScreen;
use safetynet::tui::Lang;

const EXAMPLE: &str = "assets/examples/elder-with-son-elsewhere.toml";
const NAME: &str = "欧阳素琴";

/// The example household without its obligor: a rural woman of 70 alone, no income.
fn elder_alone() -> Household {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let mut h: Household = toml::from_str(&text).expect("example parses");
    h.obligors.clear();
    let born = NaiveDate::from_ymd_opt(1955, 6, 1).expect("date");
    h.members[0].name = NAME.into();
    h.members[0].id = ResidentId::compose(610203, born, 77).expect("id");
    h
}

/// Her application, as submitted (the test then works the case by keys).
fn submit_elder(f: &common::Fixture) -> safetynet::domain::case::Case {
    let application = Application {
        household: elder_alone(),
        channel: Channel::OwnApplication,
        applied_on: common::today(),
    };
    workflow::submit(&f.services, &f.actor, application).expect("submitted")
}

fn detail(s: &mut Session) -> safetynet::app::cases::CaseDetail {
    if let Some(d) = s.ui.screen().downcast_ref::<CaseDetailScreen>() {
        return d.detail().clone();
    }
    panic!("not on the case:\n{}", s.screen())
}

/// The proposed category, off the review's first screen.
fn proposed(review: &str) -> String {
    review
        .lines()
        .find(|l| l.contains("系统建议类别"))
        .map(|l| l.replace(['│', ' '], "").replace("系统建议类别", ""))
        .unwrap_or_default()
}

/// Text without spaces and borders, so a line wrapped on the screen reads whole.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘─▼▲·".contains(*c))
        .collect()
}

/// The review: its first screen, and its whole explanation read page by page (squeezed).
fn review_text(s: &mut Session) -> (String, String) {
    s.keys("a");
    let first = s.screen();
    let mut seen = squeeze(&first);
    for _ in 0..6 {
        s.keys("<pgdn>");
        seen.push_str(&squeeze(&s.screen()));
    }
    (first, seen)
}

fn shows(seen: &str, line: &str) -> bool {
    seen.contains(&squeeze(line))
}

#[test]
fn article_4_item_3_an_able_son_found_on_the_visit_makes_dibao_and_article_8_item_5_in_prison_makes_destitute(
) {
    let f = district(30);
    submit_elder(&f);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys(&format!("/{NAME}<ret>"));
    // Accept, start the investigation, open the visit form.
    s.keys("a<ret>y").keys("ay");
    s.keys("a<tab>王芳<tab>李强<tab><tab>入户核实，独居；其子在城区务工");
    let visit = s.screen();
    assert!(visit.contains("▸入户调查"), "{visit}");
    assert!(visit.contains("法定义务人（0）"), "{visit}");
    assert!(visit.contains("PgDn 换页"), "footer:\n{visit}");
    // The obligors page: none recorded; Ctrl-N adds the son the visit found: supports
    // her (the default), relation 子女, name, no ID, lives elsewhere, able, pays 300 a
    // month, a note.
    s.keys("<pgdn>");
    assert!(s.screen().contains("没有登记法定义务人"), "{}", s.screen());
    // PgDn again is the visit page (either key switches), typed text kept.
    s.keys("<pgdn>");
    assert!(s.screen().contains("其子在城区务工"), "{}", s.screen());
    s.keys("<pgup>");
    assert!(s.screen().contains("▸法定义务人（0）"), "{}", s.screen());
    s.keys("<c-n><tab><right><tab>张大<tab><tab><tab><tab>300<tab><tab><tab><tab>在城区务工");
    insta::assert_snapshot!("investigation_obligors_page", s.screen());
    s.keys("<c-s>");
    assert!(s.screen().contains("确认"), "{}", s.screen());
    s.keys("y");
    assert!(s.screen().contains("已保存"), "{}", s.screen());

    // Stored with the household, kept on the case as a correction.
    let d = detail(&mut s);
    assert_eq!(d.case.stage, Stage::UnderReview);
    assert_eq!(d.household.obligors.len(), 1, "{:?}", d.household.obligors);
    let son = &d.household.obligors[0];
    assert_eq!(
        (son.supports, son.relation, son.name.as_str()),
        (0, ObligorRelation::Child, "张大")
    );
    assert!(!son.lives_in_household && son.unable.is_none());
    assert_eq!(son.paid_yearly().plain(), "3600.00");
    let inv = d.case.investigation.clone().expect("investigation");
    assert_eq!(inv.corrections.len(), 1, "{:?}", inv.corrections);
    assert_eq!(inv.corrections[0].field, "义务人1（调查新增）");
    assert_eq!(
        inv.corrections[0].corrected,
        "子女 张大（户外）；有能力；每月给付 300.00 元；备注 在城区务工"
    );
    // The case's members tab lists him as an obligor, not a member.
    s.keys("<tab>");
    let members = s.screen();
    assert!(
        members.contains("法定义务人（不计入家庭人口）"),
        "{members}"
    );
    assert!(
        members.contains(&format!("子女 张大（户外） → {NAME}")),
        "{members}"
    );
    // The same write's audit entry names the change (history tab).
    s.keys("<tab><tab>");
    let visit = s.screen();
    assert!(visit.contains("义务人1（调查新增）"), "{visit}");
    s.keys("<tab><tab><end>");
    let history = s.screen();
    assert!(history.contains("义务人1（调查新增）"), "{history}");
    s.keys("<tab>");

    // Review: dibao, the son named with the clause, and his support counted.
    let (first, review) = review_text(&mut s);
    assert_eq!(proposed(&first), "低保对象", "{first}");
    assert!(
        shows(
            &review,
            "法定义务人 子女 张大（户外）：有履行义务能力，实际给付 3,600.00 元/年〔《特困人员认定办法》第四条第（三）项〕"
        ),
        "{review}"
    );
    assert!(
        shows(
            &review,
            "其中赡养（抚养、扶养）费 3,600.00 元/年计入家庭收入"
        ),
        "{review}"
    );
    // Send it back to the investigation (decision 退回调查, with a reason).
    s.keys("<right><right><right><tab><tab>核实义务人情况<tab><c-s>y");
    assert_eq!(detail(&mut s).case.stage, Stage::Investigating);

    // The second visit: the son is in prison and his assets are within the limits; he
    // pays nothing. The obligors page lists him as recorded; correct his row.
    s.keys("a<tab>王芳<tab>李强<tab><tab>复核：其子在监狱服刑<pgdn>");
    let page = s.screen();
    assert!(page.contains("法定义务人（1）"), "{page}");
    assert!(page.contains("张大"), "{page}");
    // Ctrl-D on a recorded obligor is refused: it is corrected, not deleted.
    s.keys("<c-d>");
    assert!(
        s.screen().contains("已登记的义务人不能删除"),
        "{}",
        s.screen()
    );
    // To 履行能力: 在监狱服刑 (the 7th reason), pays 0, assets within limits.
    s.keys("<tab><tab><tab><tab><tab>");
    s.keys("<right><right><right><right><right><right><right>");
    assert!(s.screen().contains("在监狱服刑"), "{}", s.screen());
    s.keys("<tab>0<tab><tab><tab><right><c-s>y");
    assert!(s.screen().contains("已保存"), "{}", s.screen());
    let d = detail(&mut s);
    let son = &d.household.obligors[0];
    assert_eq!(son.unable, Some(Inability::InPrison));
    assert!(son.assets_within_limits && son.paid_yearly() == safetynet::domain::money::Money::ZERO);
    let inv = d.case.investigation.clone().expect("investigation");
    assert_eq!(inv.corrections[0].field, "义务人1");
    assert_eq!(
        inv.corrections[0].original,
        "子女 张大（户外）；有能力；每月给付 300.00 元；备注 在城区务工"
    );

    let (first, review) = review_text(&mut s);
    assert_eq!(proposed(&first), "特困人员", "{first}");
    assert!(
        shows(
            &review,
            "法定义务人 子女 张大（户外）：无履行义务能力——在监狱服刑"
        ),
        "{review}"
    );
    assert!(shows(&review, "第八条第（五）项〕"), "{review}");
}

#[test]
fn an_obligor_added_on_the_visit_with_a_reason_that_needs_income_is_refused_on_that_field() {
    let f = district(10);
    submit_elder(&f);
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys(&format!("/{NAME}<ret>"));
    s.keys("a<ret>y").keys("ay");
    s.keys("a<tab>王芳<tab>李强<tab><tab>入户核实<pgdn>");
    // 子女 张大, unable for 第八条（三）(70+ with low income) but no income typed.
    s.keys("<c-n><tab><right><tab>张大<tab><tab><tab><right><right><right><c-s>");
    let screen = s.screen();
    assert!(
        screen.contains("第八条（三）需填写义务人本人年收入"),
        "{screen}"
    );
    assert!(screen.contains("▸法定义务人（1）"), "{screen}");
    // Esc: back to the visit page; Esc again asks before the typed obligor is lost —
    // n stays with the row still there, y leaves without writing anything.
    s.keys("<esc><esc>");
    assert_eq!(
        s.ui.prompt().map(|p| p.question),
        Some(safetynet::tui::prompt::Question::DiscardStep)
    );
    let asked = s.popup("取消").join("\n");
    assert!(
        asked.contains("放弃本次填写的调查和义务人，不保存？"),
        "{asked}"
    );
    s.keys("n");
    assert!(s.ui.prompt().is_none());
    assert!(s.screen().contains("法定义务人（1）"), "{}", s.screen());
    s.keys("<esc>y");
    // Nothing was written: the case is still being investigated.
    assert_eq!(detail(&mut s).case.stage, Stage::Investigating);
    assert!(detail(&mut s).household.obligors.is_empty());
    // With no obligor typed, Esc leaves at once as on every step form.
    s.keys("a<pgdn><pgup><esc>");
    assert!(s.ui.prompt().is_none());
    assert_eq!(detail(&mut s).case.stage, Stage::Investigating);
}

/// The workflow refuses an obligor fix that names no recorded obligor, no member, or is
/// itself wrong, and writes nothing (the case stays in investigation, the household
/// keeps no obligor).
#[test]
fn obligor_fixes_that_name_nothing_recorded_are_refused_whole() {
    use safetynet::app::workflow::{Fix, FlowError, InvestigationInput};
    use safetynet::domain::income::Amount;
    use safetynet::domain::indicators::Indicators;
    use safetynet::domain::money::Money;
    use safetynet::domain::obligor::Obligor;
    let f = district(10);
    let today = common::today();
    let case = submit_elder(&f);
    let case = workflow::accept(&f.services, &f.actor, case.id, case.rev, today).expect("accept");
    let case =
        workflow::start_investigation(&f.services, &f.actor, case.id, case.rev).expect("start");
    let son = Obligor {
        supports: 0,
        relation: ObligorRelation::Child,
        name: "张大".into(),
        id: None,
        lives_in_household: false,
        unable: None,
        paid: Amount::monthly(Money::ZERO),
        own_income_yearly: None,
        assets_within_limits: false,
        note: String::new(),
    };
    let cases: [(&str, Option<usize>, Obligor, &str); 4] = [
        (
            "no obligor 1 recorded",
            Some(0),
            son.clone(),
            "要更正的第1个义务人不存在",
        ),
        (
            "supports a member that does not exist",
            None,
            Obligor {
                supports: 3,
                ..son.clone()
            },
            "义务人 张大 赡养（抚养）的成员不存在",
        ),
        (
            "no name",
            None,
            Obligor {
                name: " ".into(),
                ..son.clone()
            },
            "请填写义务人姓名",
        ),
        (
            "negative support paid",
            None,
            Obligor {
                paid: Amount::monthly(Money::from_yuan(-5)),
                ..son.clone()
            },
            "实际给付的赡养（抚养、扶养）费不能为负数",
        ),
    ];
    for (what, index, obligor, refusal) in cases {
        let input = InvestigationInput {
            visit_date: today,
            investigators: vec!["王芳".into(), "李强".into()],
            findings: "入户".into(),
            mismatches: Vec::new(),
            indicators: Indicators::default(),
            fixes: vec![Fix::Obligor {
                index,
                obligor: Box::new(obligor),
            }],
        };
        match workflow::finish_investigation(&f.services, &f.actor, case.id, case.rev, input) {
            Err(FlowError::Invalid(zh, _)) => assert!(zh.contains(refusal), "{what}: {zh}"),
            other => panic!("{what}: {other:?}"),
        }
    }
    let d = safetynet::app::cases::detail(&f.services, &f.actor, case.id).expect("case");
    assert_eq!(d.case.stage, Stage::Investigating);
    assert!(d.household.obligors.is_empty());
}

/// The obligors page in English at 80x24: every label whole, the refusal in English
/// with the item as "article 8(3)".
#[test]
fn the_obligors_page_in_english_at_80x24() {
    let f = district(10);
    submit_elder(&f);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys(&format!("/{NAME}<ret>"));
    s.keys("a<ret>y").keys("ay");
    s.keys("a<tab>Wang Fang<tab>Li Qiang<tab><tab>visited<pgdn>");
    s.keys("<c-n><tab><right><tab>Zhang Da<tab><tab><tab><right><right><right><c-s>");
    let screen = s.screen();
    assert!(
        screen.contains("! article 8(3) needs the obligor's own yearly income"),
        "{screen}"
    );
    for label in [
        "Supports ",
        "Relation ",
        "Obligor's name ",
        "ID no. (optional) ",
        "Same household ",
        "Able to support ",
        "Paid (yuan) ",
        "Paid per ",
        "Own income/year ",
        "Assets in limits ",
        "Note ",
    ] {
        assert!(screen.contains(label), "{label}:\n{screen}");
    }
    insta::assert_snapshot!("investigation_obligors_page_en", screen);
}
