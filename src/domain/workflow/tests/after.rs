//! The steps after the decision: notice, objection, taking effect, appeals and letters.

use super::*;
use crate::domain::procedure::appeal::{self, AppealRequest, Reopening};
use crate::domain::procedure::{AppealKind, AppealResult, LetterKind};

fn approved() -> Case {
    let c = apply(
        &case_at(Stage::UnderReview),
        &decide(review(Decision::ConfirmAsProposed, None, "")),
        "专班会议",
        at("2026-03-20"),
    )
    .unwrap();
    assert_eq!(c.stage, Stage::InNotice);
    c
}

fn effect() -> Step {
    Step::TakeEffect {
        benefit_from: d("2026-04-01"),
        letter_due: Deadline {
            date: d("2026-04-01"),
            provisional: false,
        },
    }
}

#[test]
fn an_approval_enters_a_seven_day_notice() {
    let c = approved();
    let n = c.procedure.notice().unwrap();
    assert_eq!((n.start, n.end), (d("2026-03-21"), d("2026-03-27")));
    assert_eq!(n.effective_on, d("2026-03-28"));
    assert_eq!(c.decided_on, Some(d("2026-03-20")));
    assert_eq!(c.confirmed_category(), None);
    assert!(
        c.stage.is_open(),
        "a case in notice is still open (一门入库)"
    );
}

#[test]
fn objections_inside_the_notice_only() {
    use WorkflowError as E;
    let blank = |mut o: crate::domain::procedure::Objection, who: &str, what: &str| {
        o.objector = who.into();
        o.what = what.into();
        o
    };
    // (objection, today, refusal)
    let cases = [
        (
            objection("2026-03-20"),
            "2026-03-24",
            E::DateBefore {
                what: DateKind::Objection,
                date: d("2026-03-20"),
                other: DateKind::NoticeStart,
                other_date: d("2026-03-21"),
            },
        ),
        (
            objection("2026-03-28"),
            "2026-03-28",
            E::DateAfter {
                what: DateKind::Objection,
                date: d("2026-03-28"),
                other: DateKind::NoticeEnd,
                other_date: d("2026-03-27"),
            },
        ),
        (
            objection("2026-03-25"),
            "2026-03-24",
            E::DateInFuture {
                what: DateKind::Objection,
                date: d("2026-03-25"),
                today: d("2026-03-24"),
            },
        ),
        (
            blank(objection("2026-03-24"), " ", "x"),
            "2026-03-24",
            E::NoObjector,
        ),
        (
            blank(objection("2026-03-24"), "匿名", ""),
            "2026-03-24",
            E::NoObjectionText,
        ),
    ];
    for (o, today, want) in cases {
        let got = apply(&approved(), &Step::RecordObjection(o), "王芳", at(today));
        assert_eq!(got, Err(want.clone()), "{want:?}");
    }
    // The last day of the notice is inside it.
    let ok = apply(
        &approved(),
        &Step::RecordObjection(objection("2026-03-27")),
        "王芳",
        at("2026-03-27"),
    );
    assert!(ok.is_ok(), "{ok:?}");
}

#[test]
fn the_decision_takes_effect_the_day_after_the_notice() {
    let c = approved();
    assert_eq!(
        apply(&c, &effect(), DAILY, at("2026-03-27")),
        Err(WorkflowError::NoticeNotOver {
            end: d("2026-03-27"),
            effective_on: d("2026-03-28"),
        })
    );
    let done = apply(&c, &effect(), DAILY, at("2026-03-28")).unwrap();
    assert_eq!(done.stage, Stage::Confirmed);
    assert_eq!(done.confirmed_category(), Some(Category::Dibao));
    assert_eq!(done.procedure.effective_on, Some(d("2026-03-28")));
    assert_eq!(done.procedure.benefit_from, Some(d("2026-04-01")));
    assert!(done.procedure.letter(LetterKind::Approval).is_some());
    // Run late, the effect keeps the notice's date.
    let late = apply(&c, &effect(), DAILY, at("2026-04-10")).unwrap();
    assert_eq!(late.procedure.effective_on, Some(d("2026-03-28")));
    // A second run finds the case confirmed and leaves it.
    assert_eq!(
        apply(&done, &effect(), DAILY, at("2026-03-29")),
        Err(WorkflowError::NotAllowed {
            stage: Stage::Confirmed,
            step: StepKind::TakeEffect
        })
    );
}

const DAILY: &str = "daily-run";

#[test]
fn objection_second_decision_and_a_quiet_notice() {
    let c = approved();
    let c = apply(
        &c,
        &Step::RecordObjection(objection("2026-03-24")),
        "王芳",
        at("2026-03-24"),
    )
    .unwrap();
    assert_eq!(c.stage, Stage::Investigating);
    assert_eq!(c.deadline.map(|x| x.date), Some(d("2026-04-22")));
    assert!(c.procedure.notice().unwrap().objected);
    assert_eq!(c.procedure.objections.len(), 1);
    assert_eq!(c.decided_on, None);
    assert!(c.history[1].reason.contains("邻居李某"));
    let visit = Investigation {
        visit_date: d("2026-03-30"),
        findings: "子女住房为租住，异议不成立".into(),
        ..investigation()
    };
    let c = apply(
        &c,
        &Step::FinishInvestigation(visit),
        "王芳",
        at("2026-03-30"),
    )
    .unwrap();
    let mut again = review(Decision::ConfirmAsProposed, None, "");
    again.date = d("2026-04-08");
    let c = apply(&c, &decide(again), "专班会议", at("2026-04-08")).unwrap();
    let n = c.procedure.notice().unwrap();
    assert_eq!((n.start, n.end), (d("2026-04-09"), d("2026-04-15")));
    assert_eq!(c.procedure.notices.len(), 2);
    let c = apply(&c, &effect(), DAILY, at("2026-04-16")).unwrap();
    let path: Vec<Stage> = c.history.iter().map(|t| t.to).collect();
    use Stage::*;
    assert_eq!(
        path,
        [InNotice, Investigating, UnderReview, InNotice, Confirmed]
    );
    assert_eq!(c.procedure.effective_on, Some(d("2026-04-16")));
}

fn rejected() -> Case {
    apply(
        &case_at(Stage::UnderReview),
        &decide(review(Decision::Reject, None, "家庭人均收入高于低保标准")),
        "专班会议",
        at("2026-03-20"),
    )
    .unwrap()
}

fn request(on: &str) -> AppealRequest {
    AppealRequest {
        kind: AppealKind::Review,
        requested_on: d(on),
        applicant: "张三".into(),
        grounds: "务工收入按全年计算有误".into(),
        handled_by: "区民政局 刘洋".into(),
    }
}

fn reopening(to: Stage) -> Reopening {
    Reopening {
        to,
        deadline: Deadline {
            date: d("2026-04-28"),
            provisional: false,
        },
    }
}

#[test]
fn appeals_on_decided_cases() {
    use WorkflowError as E;
    let today = d("2026-04-01");
    assert_eq!(
        appeal::request(&approved(), &request("2026-03-25"), "王芳", today),
        Err(E::NotDecided(Stage::InNotice))
    );
    let r = rejected();
    assert_eq!(
        appeal::request(&r, &request("2026-03-19"), "王芳", today),
        Err(E::DateBefore {
            what: DateKind::Appeal,
            date: d("2026-03-19"),
            other: DateKind::Decided,
            other_date: d("2026-03-20"),
        })
    );
    let blank = AppealRequest {
        grounds: " ".into(),
        ..request("2026-03-25")
    };
    assert_eq!(
        appeal::request(&r, &blank, "王芳", today),
        Err(E::Missing(Required::Grounds))
    );
    let asked = appeal::request(&r, &request("2026-03-25"), "王芳", today).unwrap();
    assert_eq!(
        appeal::request(&asked, &request("2026-03-26"), "王芳", today),
        Err(E::AppealOpen)
    );
    // Dismissed: the refusal stands, the appeal is closed.
    let kept = appeal::resolve(
        &asked,
        AppealResult::Dismissed,
        d("2026-03-30"),
        "收入核算无误",
        reopening(Stage::Investigating),
        "刘洋",
        at("2026-04-01"),
    )
    .unwrap();
    assert_eq!(kept.stage, Stage::Rejected);
    assert!(kept.procedure.open_appeal().is_none());
    assert_eq!(kept.history.len(), asked.history.len());
    // Upheld: reopened at review (the home visit is on record) with a new deadline.
    let reopened = appeal::resolve(
        &asked,
        AppealResult::Upheld,
        d("2026-03-30"),
        "务工收入应按实际月数",
        reopening(Stage::UnderReview),
        "刘洋",
        at("2026-04-01"),
    )
    .unwrap();
    assert_eq!(reopened.stage, Stage::UnderReview);
    assert_eq!(reopened.deadline.map(|x| x.date), Some(d("2026-04-28")));
    assert_eq!(reopened.decided_on, None);
    assert_eq!(reopened.procedure.effective_on, None);
    let t = reopened.history.last().unwrap();
    assert_eq!((t.from, t.to), (Stage::Rejected, Stage::UnderReview));
    assert!(t.reason.contains("务工收入应按实际月数"));
    // Only investigation or review.
    assert_eq!(
        appeal::resolve(
            &asked,
            AppealResult::Upheld,
            d("2026-03-30"),
            "x",
            reopening(Stage::Confirmed),
            "刘洋",
            at("2026-04-01"),
        ),
        Err(E::ReopenTo(Stage::Confirmed))
    );
    let mut no_visit = asked.clone();
    no_visit.investigation = None;
    assert_eq!(
        appeal::resolve(
            &no_visit,
            AppealResult::Upheld,
            d("2026-03-30"),
            "x",
            reopening(Stage::UnderReview),
            "刘洋",
            at("2026-04-01"),
        ),
        Err(E::NoInvestigation)
    );
}

#[test]
fn a_changed_decision_reopens_and_the_handler_is_recorded() {
    let today = d("2026-04-01");
    let asked = appeal::request(&rejected(), &request("2026-03-25"), "王芳", today).unwrap();
    // Another officer handled it: the name on record follows; an empty one keeps it.
    let handed = appeal::hand_to(&asked, " 区民政局 赵敏 ").unwrap();
    assert_eq!(
        handed
            .procedure
            .open_appeal()
            .map(|a| a.handled_by.as_str()),
        Some("区民政局 赵敏")
    );
    let kept = appeal::hand_to(&handed, "  ").unwrap();
    assert_eq!(kept.procedure, handed.procedure);
    let changed = appeal::resolve(
        &handed,
        AppealResult::Changed,
        d("2026-03-30"),
        "应认定为低保",
        reopening(Stage::Investigating),
        "刘洋",
        at("2026-04-01"),
    )
    .unwrap();
    assert_eq!(changed.stage, Stage::Investigating);
    let t = changed.history.last().unwrap();
    assert_eq!(t.reason, "复核变更原决定：应认定为低保");
    let outcome = changed.procedure.appeals[0].outcome.clone().unwrap();
    assert_eq!(outcome.result, AppealResult::Changed);
    assert_eq!(outcome.on, d("2026-03-30"));
    // No appeal open any more: nothing to hand over.
    assert_eq!(
        appeal::hand_to(&changed, "x"),
        Err(WorkflowError::NoOpenAppeal)
    );
    // Which outcomes reopen the case.
    let table = [
        (AppealResult::Upheld, true),
        (AppealResult::Changed, true),
        (AppealResult::Dismissed, false),
    ];
    for (result, reopens) in table {
        assert_eq!(result.reopens(), reopens, "{result:?}");
    }
}

#[test]
fn a_letter_is_produced_before_it_is_delivered() {
    use WorkflowError as E;
    let r = rejected();
    let k = LetterKind::Refusal;
    let today = d("2026-03-24");
    assert_eq!(
        appeal::letter_delivered(&r, k, d("2026-03-23"), today),
        Err(E::NotProduced(k))
    );
    assert_eq!(
        appeal::letter_produced(&r, LetterKind::Approval, d("2026-03-23"), "王芳"),
        Err(E::NoLetter(LetterKind::Approval))
    );
    let p = appeal::letter_produced(&r, k, d("2026-03-23"), "王芳").unwrap();
    // Printed again later: the first date stays.
    let p = appeal::letter_produced(&p, k, d("2026-03-24"), "李强").unwrap();
    assert_eq!(
        p.procedure.letter(k).unwrap().produced_on,
        Some(d("2026-03-23"))
    );
    assert_eq!(
        appeal::letter_delivered(&p, k, d("2026-03-22"), today),
        Err(E::DateBefore {
            what: DateKind::Delivered,
            date: d("2026-03-22"),
            other: DateKind::Produced,
            other_date: d("2026-03-23"),
        })
    );
    let done = appeal::letter_delivered(&p, k, d("2026-03-24"), today).unwrap();
    let l = done.procedure.letter(k).unwrap();
    assert_eq!(l.delivered_on, Some(d("2026-03-24")));
    assert!(!l.is_overdue(d("2026-04-30")));
    assert!(p.procedure.letter(k).unwrap().is_overdue(d("2026-03-26")));
}

#[test]
fn messages_after_the_decision() {
    assert_eq!(
        WorkflowError::NoticeNotOver {
            end: d("2026-03-27"),
            effective_on: d("2026-03-28")
        }
        .zh(),
        "公示期到2026-03-27才结束，期满无异议的于2026-03-28生效"
    );
    assert_eq!(
        WorkflowError::NotAllowed {
            stage: Stage::InNotice,
            step: StepKind::Decide
        }
        .zh(),
        "案件处于“公示中”，不能再审核确认；下一步是“公示期满生效”"
    );
    assert_eq!(
        WorkflowError::NotAllowed {
            stage: Stage::UnderReview,
            step: StepKind::RecordObjection
        }
        .zh(),
        "案件处于“审核确认”，还不能登记公示异议；下一步是“审核确认”"
    );
}
