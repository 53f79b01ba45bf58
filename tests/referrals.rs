//! Referrals through the real event loop at 80x24: a case with two needs confirmed at
//! review, both needs pushed, one department's feedback typed on the quick screen, and
//! the other department overdue once the quarter's deadline has passed.

mod common;

use chrono::NaiveDate;
use common::{colour, district, Fixture, Session};
use safetynet::app::workflow::{self, Application, InvestigationInput};
use safetynet::domain::case::{CaseId, Channel, Stage};
use safetynet::domain::household::{Household, HouseholdId, Standing};
use safetynet::domain::income::{Amount, IncomeItem, IncomeKind};
use safetynet::domain::indicators::Indicators;
use safetynet::domain::member::{Employment, Health, LabourCapacity, Member, Relation, Schooling};
use safetynet::domain::money::Money;
use safetynet::domain::need::Need;
use safetynet::domain::referral::{Department, Status};
use safetynet::domain::resident_id::ResidentId;
use safetynet::domain::town::{Area, Town};
use safetynet::store::referrals::target;
use safetynet::tui::Lang;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn member(name: &str, birth: NaiveDate, seq: u16, relation: Relation) -> Member {
    Member {
        name: name.into(),
        // Another county's code: no clash with the generated district.
        id: ResidentId::compose(610222, birth, seq).expect("id"),
        relation,
        area: Area::Urban,
        labour: LabourCapacity::None,
        health: Health::Chronic,
        disability: None,
        employment: Employment::NotWorking,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

/// A household needing schooling and safe housing, its case under review (the steps
/// before review are typed elsewhere; here they are taken through the app layer).
fn under_review(f: &Fixture) -> CaseId {
    let household = Household {
        id: HouseholdId(0),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: "一组12号".into(),
        phone: "13812345678".into(),
        area: Area::Urban,
        members: vec![
            member("张大山", d(1980, 4, 1), 11, Relation::Head),
            member("李秀英", d(1960, 6, 2), 12, Relation::Spouse),
            member("张小川", d(2012, 9, 3), 13, Relation::Child),
        ],
        incomes: vec![IncomeItem {
            kind: IncomeKind::Transfer,
            member: Some(0),
            amount: Amount::monthly(Money::from_yuan(600)),
            note: String::new(),
        }],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![Need::Schooling, Need::Housing],
        standing: Standing::default(),
        obligors: Vec::new(),
    };
    let s = &f.services;
    let a = &f.actor;
    let app = Application {
        household,
        channel: Channel::OwnApplication,
        applied_on: d(2026, 2, 24),
    };
    let c = workflow::submit(s, a, app).expect("submit");
    let c = workflow::accept(s, a, c.id, c.rev, d(2026, 2, 25)).expect("accept");
    let c = workflow::start_investigation(s, a, c.id, c.rev).expect("start");
    let visit = InvestigationInput {
        visit_date: d(2026, 2, 27),
        investigators: vec!["王芳".into(), "李强".into()],
        findings: "两人入户".into(),
        mismatches: vec![],
        indicators: Indicators::default(),
        fixes: vec![],
    };
    let c = workflow::finish_investigation(s, a, c.id, c.rev, visit).expect("investigate");
    assert_eq!(c.stage, Stage::UnderReview);
    c.id
}

/// From home: the case list (newest first), open the case, review, confirm as proposed.
const CONFIRM: &str = "c<ret>a<ret><ret><ret><ret>y";

#[test]
fn confirm_push_two_answer_one_and_the_other_is_overdue_after_the_20th() {
    let mut f = district(40);
    let case = under_review(&f);
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys(CONFIRM);
        // The approval is in public notice; the daily run on the day after the notice
        // lets it take effect (issue 18), and only then are its needs referred.
        let stored = f.services.store.case(case).expect("read").expect("case");
        assert_eq!(stored.stage, Stage::InNotice, "{}", s.screen());
        s.keys("p");
        assert!(!s.screen().contains("已勾选"), "{}", s.screen());
        let effective = stored.procedure.notice().expect("notice").effective_on;
        safetynet::app::workflow::daily_run_on(&f.services, effective).expect("daily run");
        let stored = f.services.store.case(case).expect("read").expect("case");
        assert_eq!(stored.stage, Stage::Confirmed, "{}", s.screen());

        // On the confirmed case, p opens the referral proposal: the household's two needs,
        // both ticked.
        s.keys("p");
        let screen = s.screen();
        assert!(screen.contains("因需推送"), "{screen}");
        assert!(screen.contains("[x] 就学"), "{screen}");
        assert!(screen.contains("[x] 住房不安全"), "{screen}");
        assert!(screen.contains("已勾选 2"), "{screen}");
        insta::assert_snapshot!("referral_proposal", screen);
        s.keys("<ret>");
        let screen = s.screen();
        assert!(screen.contains("已推送 2"), "{screen}");
        assert!(screen.contains("[=] 就学"), "{screen}");

        // Home, then the quick feedback screen: 教体局 has the schooling referral.
        s.keys("<esc><esc><esc>f");
        let screen = s.screen();
        assert!(screen.contains("教体局"), "{screen}");
        assert!(screen.contains("张大山"), "{screen}");
        s.keys("<ret>助学金<tab>1500");
        insta::assert_snapshot!("referral_feedback_entry", s.screen());
        // Enter saves through the keymap (issue 14: no write from a raw key); Tab is
        // the next field; the footer says both.
        assert_eq!(s.key_says("Enter"), Some("保存"));
        assert_eq!(s.key_says("Tab"), Some("下一项"));
        let footer = s.footer();
        assert!(
            footer.contains("Tab 下一项") && footer.contains("Enter 保存"),
            "{footer}"
        );
        s.keys("<ret>");
        let screen = s.screen();
        assert!(screen.contains("已登记：已帮扶"), "{screen}");
        assert!(screen.contains("该部门没有待反馈的推送"), "{screen}");
        // 住建局 still waits, not yet late on 2026-03-02.
        s.keys("<tab>");
        let screen = s.screen();
        assert!(
            screen.contains("住建局") && screen.contains("已推送"),
            "{screen}"
        );
        assert!(!screen.contains("逾期"), "{screen}");
    }
    // The same list in English: every cell under its heading and apart from the next
    // ("Jinsuoguan" or a long need ran into the next column: the town had 10 columns and
    // no blank after it).
    {
        let mut s = Session::new(f.cx(Lang::En, colour()));
        s.keys("f");
        let screen = s.screen();
        let header = screen
            .lines()
            .find(|l| l.contains("referral"))
            .unwrap_or_else(|| panic!("no heading:\n{screen}"))
            .to_string();
        let row = screen
            .lines()
            .find(|l| l.contains("unsafe housing"))
            .unwrap_or_else(|| panic!("no housing referral:\n{screen}"))
            .to_string();
        // Column by column (ASCII apart from the head's name): the heading words start
        // where their cells start.
        let at = |line: &str, word: &str| {
            let i = line
                .find(word)
                .unwrap_or_else(|| panic!("{word:?} in {line:?}"));
            unicode_width::UnicodeWidthStr::width(&line[..i])
        };
        let town = [
            "Chengguan",
            "Yintai",
            "Sanlidong",
            "Wangshiao",
            "Chenlu",
            "Hongtu",
            "Azhuang",
            "Guangyang",
            "Jinsuoguan",
            "Chengg.",
            "Sanlid.",
            "Wangsh.",
            "Guangy.",
            "Jinsuo.",
        ]
        .iter()
        .find(|t| row.contains(&format!(" {t} ")))
        .unwrap_or_else(|| panic!("no town whole and apart in {row:?}"));
        assert_eq!(at(&row, town), at(&header, "town"), "{header}\n{row}");
        assert_eq!(
            at(&row, "unsafe housing"),
            at(&header, "need"),
            "{header}\n{row}"
        );
        assert!(row.contains("unsafe housing "), "{row}");
        assert!(
            row.trim_end_matches(['│', ' ']).ends_with(" pushed"),
            "{row}"
        );
    }
    let referrals = f
        .services
        .store
        .referrals_of(
            f.services
                .store
                .case(case)
                .expect("read")
                .expect("case")
                .household,
        )
        .expect("referrals");
    assert_eq!(referrals.len(), 2);
    let edu = referrals
        .iter()
        .find(|r| r.department == Department::Education)
        .expect("education");
    assert_eq!(edu.status, Status::AssistanceGiven);
    assert_eq!(edu.amount_given(), Money::from_yuan(1500));
    assert_eq!(edu.feedback[0].text, "助学金");
    let trail = f.services.store.audit_of(&target(edu.id)).expect("audit");
    let actions: Vec<&str> = trail.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["referral.push", "referral.assistance"]);

    // The quarter's deadline passes.
    f.services.fixed_today = Some(d(2026, 3, 21));
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    let home = s.screen();
    assert!(home.contains("! 上期反馈逾期1条：住建局"), "{home}");
    s.keys("L<s-tab>");
    let screen = s.screen();
    assert!(screen.contains("2026年第1季度"), "{screen}");
    assert!(screen.contains("逾期或迟报的部门：住建局"), "{screen}");
    let housing = screen
        .lines()
        .find(|l| l.contains("住建局") && l.contains('!'))
        .unwrap_or_else(|| panic!("住建局 not marked late:\n{screen}"));
    assert!(
        housing.contains("      1      0      0      0      1      0"),
        "{housing}"
    );
    insta::assert_snapshot!("referral_ledger_late", screen);
    // Enter on 住建局 (row 4) opens its feedback screen with the referral overdue.
    s.keys("jjj<ret>");
    let screen = s.screen();
    assert!(
        screen.contains("住建局") && screen.contains("逾期"),
        "{screen}"
    );
    // A reason-less "not eligible" is refused in the clerk's words, and nothing changes.
    s.keys("n");
    assert_eq!(s.key_says("Enter"), Some("保存"));
    assert_eq!(s.key_says("Tab"), None, "a reason has one field");
    s.keys("<ret>");
    assert!(
        s.screen().contains("请写明不符合条件的原因"),
        "{}",
        s.screen()
    );
}

#[test]
fn the_ledger_and_feedback_screens_speak_english_and_refuse_a_town_clerk() {
    let f = district(20);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("L");
    let screen = s.screen();
    assert!(
        screen.contains("2026Q1") && screen.contains("No department is late"),
        "{screen}"
    );
    s.keys("<esc>f");
    assert!(
        s.screen().contains("Nothing open for this department"),
        "{}",
        s.screen()
    );

    let clerk = safetynet::app::session::Actor {
        user: "wangfang".into(),
        display: "王芳".into(),
        role: safetynet::app::session::Role::TownClerk,
        town: Some(Town::Chenlu),
    };
    let cx = safetynet::tui::Cx::new(&f.services, &clerk, Lang::Zh, colour());
    let mut s = Session::new(cx);
    s.keys("L");
    let screen = s.screen();
    assert!(
        screen.contains("只有") && screen.contains("查看反馈台账"),
        "{screen}"
    );
}
