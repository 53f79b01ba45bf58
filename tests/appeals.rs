//! Appeals (复核 / 行政复议) a clerk records: by keys on the case detail (`A`: the request,
//! then its outcome; an upheld appeal reopens the case at review), refused for a role the
//! access table does not allow and for a case not decided; and the same through
//! `safetynet appeal list|request|resolve` on the binary.

mod common;

use common::cases::{d, under_review};
use common::{colour, district, Session};
use safetynet::app::session::{Actor, Role};
use safetynet::app::workflow::{self, DecisionInput};
use safetynet::app::Services;
use safetynet::domain::case::{CaseId, Decision, Stage};
use safetynet::domain::procedure::{AppealKind, AppealResult};
use safetynet::store::audit::case_target;
use safetynet::tui::Lang;

/// The case refused at review on 2026-03-02.
fn rejected(f: &common::Fixture) -> CaseId {
    let id = under_review(f);
    let c = f.services.store.case(id).expect("read").expect("case");
    let input = DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "家庭人均收入高于当地低保标准".into(),
        date: d("2026-03-02"),
    };
    let c = workflow::decide(&f.services, &f.actor, id, c.rev, input).expect("reject");
    assert_eq!(c.stage, Stage::Rejected);
    id
}

fn actions(services: &Services, id: CaseId) -> Vec<String> {
    services
        .store
        .audit_of(&case_target(id.0))
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a != "case.view")
        .collect()
}

#[test]
fn an_appeal_is_recorded_and_upheld_by_keys_and_the_case_reopens_at_review() {
    let mut f = district(40);
    let case = rejected(&f);
    f.services.fixed_today = Some(d("2026-03-10"));
    let stored = |f: &common::Fixture| f.services.store.case(case).expect("read").expect("case");
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        // The newest case, its detail, A: the request form under the decision.
        s.keys("c<ret>A");
        let screen = s.screen();
        assert!(screen.contains("登记复核/复议申请"), "{screen}");
        assert!(screen.contains("不予认定 2026-03-02"), "{screen}");
        assert!(screen.contains("（尚无复核或复议申请）"), "{screen}");
        // A request dated before the decision is refused on its field.
        s.keys("<tab>2026-03-01<tab>");
        let screen = s.screen();
        assert!(
            screen.contains("复核申请日期2026-03-01早于决定日期2026-03-02"),
            "{screen}"
        );
        // The cursor stayed on the date: what is typed next replaces it.
        s.keys("2026-03-05<tab><tab>认为务工收入按全年计算有误<tab>刘洋<ret>");
        let prompt = s.screen();
        assert!(prompt.contains("登记复核申请"), "{prompt}");
        assert!(prompt.contains("2026-03-05"), "{prompt}");
        s.keys("y");
        let screen = s.screen();
        assert!(
            screen.contains("已登记复核申请：2026-03-05收到，承办人 刘洋"),
            "{screen}"
        );
    }
    let c = stored(&f);
    assert_eq!(c.stage, Stage::Rejected);
    let a = c.procedure.open_appeal().expect("open appeal");
    assert_eq!(a.kind, AppealKind::Review);
    assert_eq!(a.requested_on, d("2026-03-05"));
    assert_eq!(a.applicant, "张大山");
    assert_eq!(a.grounds, "认为务工收入按全年计算有误");
    assert_eq!(a.handled_by, "刘洋");

    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        // A again: the open appeal above, its outcome form below.
        s.keys("c<ret>A");
        let screen = s.screen();
        assert!(screen.contains("登记复核/复议结果"), "{screen}");
        assert!(screen.contains("办理中"), "{screen}");
        insta::assert_snapshot!("appeal_outcome_form", screen);
        // Upheld (the first choice), today, the reasons, reopen at review (→), the
        // handler kept; ^S asks, y writes.
        s.keys("<tab><tab>务工收入应按实际务工月数计算<tab><right><tab><c-s>");
        let prompt = s.screen();
        assert!(prompt.contains("审核确认"), "{prompt}");
        s.keys("y");
        let screen = s.screen();
        let c = stored(&f);
        let by = c.deadline.expect("deadline").date;
        assert!(
            screen.contains(&format!(
                "已登记复核结果：申请成立，案件退回审核确认，须于{by}前重新决定"
            )),
            "{screen}"
        );
        // The case detail's summary shows the appeal and its outcome (at its end).
        s.keys("G");
        let screen = s.screen();
        assert!(
            screen.contains("复核          2026-03-05 张大山"),
            "{screen}"
        );
        assert!(
            screen.contains("2026-03-10 申请成立，重新办理 务工收入应按实际务工月数计算"),
            "{screen}"
        );
    }
    let c = stored(&f);
    assert_eq!(c.stage, Stage::UnderReview);
    assert_eq!(c.decided_on, None);
    // A new review limit (15 working days) from the outcome: 03-11 … 03-31.
    assert_eq!(c.deadline.map(|x| x.date), Some(d("2026-03-31")));
    let o = c.procedure.appeals[0].outcome.clone().expect("outcome");
    assert_eq!(o.result, AppealResult::Upheld);
    assert_eq!(o.on, d("2026-03-10"));
    let t = c.history.last().expect("transition");
    assert_eq!((t.from, t.to), (Stage::Rejected, Stage::UnderReview));
    let trail = actions(&f.services, case);
    assert!(trail.iter().any(|a| a == "case.appeal"), "{trail:?}");
    assert!(
        trail.iter().any(|a| a == "case.appeal_outcome"),
        "{trail:?}"
    );
}

#[test]
fn the_appeal_screen_is_refused_to_an_auditor_and_on_an_undecided_case() {
    let mut f = district(40);
    let case = under_review(&f);
    {
        // Under review: nothing to appeal against yet.
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<ret>A");
        let screen = s.screen();
        assert!(screen.contains("案件 "), "{screen}");
        assert!(!screen.contains("登记复核/复议申请"), "{screen}");
        assert!(screen.contains("还没有作出决定"), "{screen}");
    }
    f.actor = Actor {
        user: "audit".into(),
        display: "审计".into(),
        role: Role::Auditor,
        town: None,
    };
    let before = actions(&f.services, case);
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<ret>A");
        let screen = s.screen();
        assert!(screen.contains("登记和办理复核申请"), "{screen}");
        assert!(!screen.contains("登记复核/复议申请"), "{screen}");
    }
    assert_eq!(actions(&f.services, case), before);
}

#[test]
fn the_appeal_command_records_lists_and_resolves() {
    let f = district(40);
    let case = rejected(&f);
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
            .arg("--store")
            .arg(dir.path())
            .arg("appeal")
            .args(args)
            .output()
            .expect("run")
    };
    let ok = |args: &[&str]| {
        let o = run(args);
        assert!(
            o.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let id = format!("#{}", case.0);
    let said = ok(&[
        "request",
        "--case",
        &id,
        "--kind",
        "reconsideration",
        "--on",
        "2026-03-05",
        "--from",
        "张大山",
        "--grounds",
        "不服不予认定决定",
        "--handler",
        "区人民政府",
    ]);
    assert!(said.contains("行政复议申请"), "{said}");
    let list = ok(&["list"]);
    assert!(list.contains("行政复议"), "{list}");
    assert!(list.contains("不服不予认定决定"), "{list}");
    assert!(list.contains("办理中"), "{list}");
    let ours: Vec<&str> = list
        .lines()
        .filter(|l| l.starts_with(&format!("{id} ")))
        .collect();
    assert_eq!(ours.len(), 1, "{list}");
    assert!(ours[0].contains("2026-03-05 行政复议 张大山"), "{list}");
    // A second request while one is open is refused with the reason.
    let again = run(&[
        "request",
        "--case",
        &id,
        "--on",
        "2026-03-06",
        "--from",
        "张大山",
        "--grounds",
        "再次申请",
        "--handler",
        "刘洋",
    ]);
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("复核"), "{err}");
    // An outcome word the command does not know is refused with the ones it does.
    let bad = run(&[
        "resolve",
        "--case",
        &id,
        "--outcome",
        "maybe",
        "--on",
        "2026-03-20",
        "--note",
        "x",
    ]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("upheld、dismissed、changed"), "{err}");
    let said = ok(&[
        "resolve",
        "--case",
        &id,
        "--outcome",
        "dismissed",
        "--on",
        "2026-03-20",
        "--note",
        "收入核算无误",
    ]);
    assert!(said.contains("维持原决定"), "{said}");
    assert!(said.contains("不予认定"), "{said}");
    let list = ok(&["list", "--case", &id]);
    assert!(list.contains("2026-03-20 维持原决定"), "{list}");

    let services = Services::open(dir.path()).expect("reopen");
    let c = services.store.case(case).expect("read").expect("case");
    assert_eq!(c.stage, Stage::Rejected);
    assert_eq!(c.procedure.appeals.len(), 1);
    assert_eq!(c.procedure.appeals[0].kind, AppealKind::Reconsideration);
    let trail = actions(&services, case);
    assert_eq!(trail.iter().filter(|a| *a == "case.appeal").count(), 1);
    assert_eq!(
        trail.iter().filter(|a| *a == "case.appeal_outcome").count(),
        1
    );
}
