//! Review-meeting mode (issue 5) through the real event loop at 80x24: start a meeting,
//! confirm, confirm another category, reject and send back with reasons, skip, look a
//! household up without leaving, end, export the minute; then the store, the meeting
//! record, the audit trail and the CSV file are checked. Snapshots of the start form, a
//! summary card and the minute. Roles: clerks and other towns' reviewers are refused.

mod common;

use common::{colour, district, today, Session};
use safetynet::app::meeting;
use safetynet::app::session::{Actor, Role};
use safetynet::domain::case::{CaseId, Decision, Stage};
use safetynet::domain::category::Category;
use safetynet::domain::meeting::{MeetingId, MeetingStatus};
use safetynet::domain::town::Town;
use safetynet::domain::Label;
use safetynet::tui::Lang;

fn reviewer(town: Town) -> Actor {
    Actor {
        user: "lijuan".into(),
        display: "李娟".into(),
        role: Role::TownReviewer,
        town: Some(town),
    }
}

/// The town with the most cases under review in the fixture.
fn busiest(f: &common::Fixture) -> Town {
    let officer = Actor::demo_officer();
    Town::ALL
        .iter()
        .copied()
        .max_by_key(|t| meeting::agenda(&f.services, &officer, *t).map_or(0, |a| a.len()))
        .expect("towns")
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Plan {
    Confirm,
    Other,
    Reject,
    SendBack,
    Skip,
}

#[test]
fn a_meeting_run_through_keys_records_its_decisions_and_minute() {
    let mut f = district(300);
    let town = busiest(&f);
    f.actor = reviewer(town);
    let agenda = meeting::agenda(&f.services, &f.actor, town).expect("agenda");
    assert!(agenda.len() >= 4, "agenda of {}", agenda.len());
    // The case to confirm as proposed must have a proposed category.
    let proposed: Vec<Option<Category>> = agenda
        .iter()
        .map(|r| {
            safetynet::app::workflow::propose(&f.services, &f.actor, r.case, today())
                .ok()
                .and_then(|p| p.category)
        })
        .collect();
    let confirm_at = proposed
        .iter()
        .position(Option::is_some)
        .expect("a proposal");
    let mut others = vec![Plan::Reject, Plan::SendBack, Plan::Skip, Plan::Other].into_iter();
    let plan: Vec<Plan> = (0..agenda.len().min(5))
        .map(|i| {
            if i == confirm_at {
                Plan::Confirm
            } else {
                others.next().unwrap_or(Plan::Skip)
            }
        })
        .collect();

    let cx = f.cx(Lang::Zh, colour());
    let mut s = Session::new(cx);
    s.keys("M");
    let start = s.screen();
    assert!(
        start.contains("召开审核会议") && start.contains(town.zh()),
        "{start}"
    );
    insta::assert_snapshot!("meeting_start_form", start);
    // Enter without attendees: refused, still on the form.
    s.keys("<tab><tab><ret>");
    assert!(s.screen().contains("召开审核会议"));
    s.keys("王芳，李强,张伟<ret>");
    let first = s.screen();
    assert!(first.contains("审核会议 · 1/"), "{first}");
    assert!(first.contains(&agenda[0].head), "{first}");
    insta::assert_snapshot!("meeting_summary_card", first);

    // Lookup without leaving the meeting: Esc comes back to the same case.
    s.keys("/");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::lookup::LookupScreen>());
    s.keys("<esc>");
    assert!(s.screen().contains("审核会议 · 1/"));

    for (i, p) in plan.iter().enumerate() {
        assert!(
            s.screen().contains(&agenda[i].head),
            "case {i} not on screen"
        );
        match p {
            Plan::Confirm => s.keys("cy"),
            // A reason is mandatory: Enter on an empty reason is refused first.
            Plan::Reject => s.keys("r<ret>有劳动能力未就业<ret>"),
            Plan::SendBack => s.keys("b收入核对不全，补充银行流水<ret>"),
            Plan::Skip => s.keys("s"),
            Plan::Other => s.keys("o1<tab>重病支出大，按特困认定<ret>"),
        };
    }
    s.keys("ey");
    let minute = s.screen();
    assert!(
        minute.contains("会议纪要") && minute.contains("王芳、李强、张伟"),
        "{minute}"
    );
    insta::assert_snapshot!("meeting_minute", minute);
    s.keys("x");
    let status = s.screen();
    assert!(status.contains("纪要已导出到"), "{status}");

    // The store: stages, the meeting record, the audit trail.
    let stage = |id: CaseId| {
        f.services
            .store
            .case(id)
            .expect("read")
            .expect("case")
            .stage
    };
    let m = f
        .services
        .store
        .meeting(MeetingId(1))
        .expect("read")
        .expect("meeting");
    assert_eq!(m.status, MeetingStatus::Closed);
    assert_eq!(m.town, town);
    assert_eq!(m.attendees, ["王芳", "李强", "张伟"]);
    assert_eq!(m.chaired_by, "lijuan");
    let decided: Vec<&Plan> = plan.iter().filter(|p| **p != Plan::Skip).collect();
    assert_eq!(m.decisions.len(), decided.len());
    for (i, p) in plan.iter().enumerate() {
        let id = agenda[i].case;
        let d = m.decisions.iter().find(|d| d.case == id);
        match p {
            Plan::Confirm => {
                // An approval goes to public notice (issue 18).
                assert_eq!(stage(id), Stage::InNotice);
                let d = d.expect("confirm recorded");
                assert_eq!(d.decision, Decision::ConfirmAsProposed);
                assert_eq!(d.category, proposed[i]);
            }
            Plan::Other => {
                assert_eq!(stage(id), Stage::InNotice);
                let d = d.expect("other recorded");
                assert_eq!(d.decision, Decision::ConfirmOther);
                assert_eq!(d.reason, "重病支出大，按特困认定");
                assert!(d.category.is_some() && d.category != proposed[i]);
            }
            Plan::Reject => {
                assert_eq!(stage(id), Stage::Rejected);
                assert_eq!(d.expect("reject recorded").reason, "有劳动能力未就业");
            }
            Plan::SendBack => {
                assert_eq!(stage(id), Stage::Investigating);
                assert_eq!(
                    d.expect("send back recorded").reason,
                    "收入核对不全，补充银行流水"
                );
            }
            Plan::Skip => {
                assert_eq!(stage(id), Stage::UnderReview);
                assert!(d.is_none());
                assert!(m.deferred.iter().any(|x| x.case == id));
            }
        }
        // Each decision went through the workflow: the case's own audit trail has it.
        let decided_in_trail = f
            .services
            .store
            .audit_of(&format!("case:{}", id.0))
            .expect("audit")
            .iter()
            .any(|e| e.action == "case.decide" && e.by == "lijuan");
        assert_eq!(decided_in_trail, *p != Plan::Skip, "case {i}");
    }
    assert_eq!(m.deferred.len(), agenda.len() - decided.len());
    let trail: Vec<String> = f
        .services
        .store
        .audit_of("meeting:1")
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    let mut expected = vec!["meeting.start".to_string()];
    expected.extend(decided.iter().map(|_| "meeting.decide".to_string()));
    expected.extend(["meeting.close".to_string(), "meeting.export".to_string()]);
    assert_eq!(trail, expected);

    // The exported minute: BOM, header, one row per decision, reasons in it.
    let path = f.dir.path().join("minute-1-2026-03-02.csv");
    let csv = std::fs::read_to_string(&path).expect("minute file");
    assert!(csv.starts_with('\u{feff}'));
    let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 1 + decided.len());
    assert!(rows[0].contains("会议决定") && rows[0].contains("理由"));
    assert!(csv.contains("有劳动能力未就业") && csv.contains("收入核对不全，补充银行流水"));
    assert!(csv.contains("按建议认定") && csv.contains("不予认定") && csv.contains("退回调查"));
    for r in &rows[1..] {
        assert!(r.contains(town.zh()) && r.contains("2026-03-02"), "{r}");
    }
}

#[test]
fn clerks_cannot_hold_meetings_and_other_towns_see_no_agenda() {
    let mut f = district(300);
    let town = busiest(&f);
    let other = Town::ALL
        .iter()
        .copied()
        .find(|t| *t != town)
        .expect("town");
    f.actor = Actor {
        user: "wangfang".into(),
        display: "王芳".into(),
        role: Role::TownClerk,
        town: Some(town),
    };
    {
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("M");
        assert!(s
            .ui
            .screen()
            .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
        assert!(s
            .screen()
            .contains("只有镇审核人员或区民政局可以召开审核会议"));
    }
    let agenda = meeting::agenda(&f.services, &Actor::demo_officer(), town).expect("agenda");
    let input = meeting::StartInput {
        town,
        date: today(),
        attendees: vec!["王芳".into()],
    };
    assert!(meeting::start(&f.services, &f.actor, input.clone()).is_err());
    // A reviewer of another town: no agenda, no meeting, no decision on this town's cases.
    let stranger = reviewer(other);
    assert!(meeting::agenda(&f.services, &stranger, town).is_err());
    assert!(meeting::start(&f.services, &stranger, input.clone()).is_err());
    let chair = reviewer(town);
    let m = meeting::start(&f.services, &chair, input).expect("start");
    let case = f
        .services
        .store
        .case(agenda[0].case)
        .expect("read")
        .expect("case");
    let reject = safetynet::app::workflow::DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "理由".into(),
        date: today(),
    };
    assert!(meeting::decide(
        &f.services,
        &stranger,
        &m,
        case.id,
        case.rev,
        reject.clone()
    )
    .is_err());
    assert!(meeting::decide(&f.services, &f.actor, &m, case.id, case.rev, reject).is_err());
    let after = f.services.store.case(case.id).expect("read").expect("case");
    assert_eq!(after.stage, Stage::UnderReview);
    // In the start form a town reviewer has only their own town.
    f.actor = stranger;
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("M<right>");
    let screen = s.screen();
    assert!(
        screen.contains(other.en()) && !screen.contains(town.en()),
        "{screen}"
    );
}

#[test]
fn the_summary_card_in_english_fits_80x24() {
    let mut f = district(300);
    let town = busiest(&f);
    f.actor = reviewer(town);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("M<tab><tab>Wang Fang, Li Qiang<ret>");
    let card = s.screen();
    assert!(
        card.contains("review meeting · 1/") && card.contains("Proposal"),
        "{card}"
    );
    insta::assert_snapshot!("meeting_summary_card_en", card);
    // The reason popup over the card.
    s.keys("r");
    insta::assert_snapshot!("meeting_reason_popup_en", s.screen());
}

#[test]
fn the_minute_command_writes_text_and_csv() {
    let f = district(300);
    let town = busiest(&f);
    let chair = reviewer(town);
    let agenda = meeting::agenda(&f.services, &chair, town).expect("agenda");
    let input = meeting::StartInput {
        town,
        date: today(),
        attendees: vec!["王芳".into(), "李强".into()],
    };
    let m = meeting::start(&f.services, &chair, input).expect("start");
    let case = f
        .services
        .store
        .case(agenda[0].case)
        .expect("read")
        .expect("case");
    let reject = safetynet::app::workflow::DecisionInput {
        decision: Decision::Reject,
        category: None,
        reason: "家庭财产超标".into(),
        date: today(),
    };
    let m = meeting::decide(&f.services, &chair, &m, case.id, case.rev, reject).expect("decide");
    meeting::close(&f.services, &chair, &m).expect("close");
    let common::Fixture { dir, services, .. } = f;
    drop(services); // the program needs the store's lock
    let out = tempfile::tempdir().expect("tempdir");
    for name in ["m.txt", "m.csv"] {
        let path = out.path().join(name);
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_safetynet"))
            .arg("--store")
            .arg(dir.path())
            .args(["minute", "--meeting", "1", "--out"])
            .arg(&path)
            .output()
            .expect("run");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(String::from_utf8_lossy(&run.stdout).contains("1 项决定"));
        let text = std::fs::read_to_string(&path).expect("file");
        assert!(
            text.starts_with('\u{feff}') && text.contains("家庭财产超标"),
            "{text}"
        );
    }
    let text = std::fs::read_to_string(out.path().join("m.txt")).expect("txt");
    assert!(text.contains("参会人员：王芳、李强") && text.contains("留待下次会议审议"));
}
