//! Issue 18's done-when, through the real event loop: a case approved at review goes to
//! public notice, an objection typed on the case sends it back to investigation, a second
//! investigation and decision, a notice with no objection, and the daily run (what the
//! program does at start) makes the decision take effect once the notice is over; the
//! household is then in the low-income population and its needs can be referred.

mod common;

use common::cases::{d, under_review};
use common::{colour, district, Session};
use safetynet::app::workflow;
use safetynet::domain::case::Stage;
use safetynet::domain::town::Town;
use safetynet::tui::Lang;

/// From home: the case list (newest first), open the case, review, confirm as proposed.
const CONFIRM: &str = "c<ret>a<ret><ret><ret><ret>y";

#[test]
fn approval_notice_objection_second_decision_and_the_decision_taking_effect() {
    let mut f = district(40);
    let case = under_review(&f);
    let stage = |f: &common::Fixture| f.services.store.case(case).expect("read").expect("case");

    // 2026-03-02: the review approves; the case enters a 7-day notice, 03-03..03-09.
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys(CONFIRM);
        let screen = s.screen();
        assert!(
            screen.contains("进入公示，2026-03-03至2026-03-09，期满无异议于2026-03-10生效"),
            "{screen}"
        );
        // The notice list of the town (N from home, t to the next town): the household
        // with its head's ID masked.
        s.keys("<esc><esc>N");
        for _ in 0..Town::ALL
            .iter()
            .position(|t| *t == Town::Chenlu)
            .unwrap_or(0)
        {
            s.keys("t");
        }
        let list = s.screen();
        assert!(list.contains("公示名单 · 陈炉镇"), "{list}");
        assert!(list.contains("张大山"), "{list}");
        assert!(list.contains("610222********"), "{list}");
        assert!(!list.contains("610222198004"), "{list}");
    }
    let c = stage(&f);
    assert_eq!(c.stage, Stage::InNotice);
    assert_eq!(
        f.services
            .store
            .household(c.household)
            .expect("r")
            .expect("h")
            .standing
            .category,
        None,
        "not in the population during the notice"
    );

    // 03-04: a neighbour objects; the clerk types it on the case (a opens the step the
    // case waits for: in notice, the objection form).
    f.services.fixed_today = Some(d("2026-03-04"));
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<ret>a");
        assert!(s.screen().contains("登记公示异议"), "{}", s.screen());
        // A received date before the notice is refused with the dates, the form stays.
        s.keys("邻居李某<tab>2026-03-02<tab>反映其子女在城区有商品房<c-s>y");
        assert!(
            s.screen()
                .contains("异议收到日期2026-03-02早于公示开始日期2026-03-03"),
            "{}",
            s.screen()
        );
        assert_eq!(stage(&f).stage, Stage::InNotice);
        s.keys("<s-tab>2026-03-04<c-s>y");
        let screen = s.screen();
        assert!(
            screen.contains("案件退回调查核实，须于2026-04-01前重新作出决定"),
            "{screen}"
        );
    }
    let c = stage(&f);
    assert_eq!(c.stage, Stage::Investigating);
    assert_eq!(c.procedure.objections.len(), 1);
    assert_eq!(c.procedure.objections[0].objector, "邻居李某");
    // Nothing takes effect at the old notice's end.
    f.services.fixed_today = Some(d("2026-03-10"));
    assert!(!workflow::daily_run(&f.services)
        .expect("run")
        .took_effect
        .contains(&case));

    // 03-10: the second home visit and the second decision, by keys.
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<ret>a<tab>王芳<tab>李强<tab><tab>复查：子女住房为租住，异议不成立<c-s>y");
        assert_eq!(stage(&f).stage, Stage::UnderReview, "{}", s.screen());
        s.keys("a<ret><ret><ret><ret>y");
        assert!(
            s.screen().contains("进入公示，2026-03-11至2026-03-17"),
            "{}",
            s.screen()
        );
    }
    assert_eq!(stage(&f).stage, Stage::InNotice);

    // The program starts on the notice's last day: still in notice (objections may come
    // in until the end of the day); the next morning's start makes it take effect.
    f.services.fixed_today = Some(d("2026-03-17"));
    assert!(!workflow::daily_run(&f.services)
        .expect("run")
        .took_effect
        .contains(&case));
    f.services.fixed_today = Some(d("2026-03-18"));
    let run = workflow::daily_run(&f.services).expect("run");
    assert!(run.took_effect.contains(&case));
    let c = stage(&f);
    assert_eq!(c.stage, Stage::Confirmed);
    assert_eq!(c.procedure.effective_on, Some(d("2026-03-18")));
    assert_eq!(c.procedure.benefit_from, Some(d("2026-04-01")));
    let h = f
        .services
        .store
        .household(c.household)
        .expect("r")
        .expect("h");
    assert_eq!(h.standing.category, c.confirmed_category());
    assert!(h.standing.category.is_some());
    // On screen: confirmed, and the history tells the whole path.
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<ret>");
        assert!(s.screen().contains("已认定"), "{}", s.screen());
        // l produces the confirmation notice (recorded), d records its delivery.
        s.keys("l");
        let letter = s.screen();
        assert!(letter.contains("确认通知书"), "{letter}");
        s.keys("d");
        assert!(
            s.screen().contains("已登记送达：2026-03-18"),
            "{}",
            s.screen()
        );
    }
    let l = stage(&f);
    let l = l
        .procedure
        .letter(safetynet::domain::procedure::LetterKind::Approval)
        .expect("letter");
    assert_eq!(l.produced_on, Some(d("2026-03-18")));
    assert_eq!(l.delivered_on, Some(d("2026-03-18")));
    let path: Vec<Stage> = c.history.iter().map(|t| t.to).collect();
    use Stage::*;
    assert_eq!(
        path,
        [
            Submitted,
            Accepted,
            Investigating,
            UnderReview,
            InNotice,
            Investigating,
            UnderReview,
            InNotice,
            Confirmed
        ]
    );
}
