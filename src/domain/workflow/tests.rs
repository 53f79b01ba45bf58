use super::*;
use crate::domain::calendar::Calendar;
use crate::domain::case::{CaseId, Channel, Correction, Mismatch, VerificationSource};
use crate::domain::category::Category;
use crate::domain::household::HouseholdId;
use crate::domain::procedure::{after_decision, ProcedureSettings};
use crate::domain::town::Town;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn at(s: &str) -> NaiveDateTime {
    d(s).and_hms_opt(10, 30, 0).unwrap()
}

const NOW: &str = "2026-04-20";

mod after;
mod refusals;

/// A decision step with the notice and letter dates the app would compute.
fn decide(r: Review) -> Step {
    let after = after_decision(
        &Calendar::bundled().unwrap(),
        &ProcedureSettings::bundled().unwrap(),
        r.date,
    );
    Step::Decide(r, after)
}

fn number() -> CaseNumber {
    CaseNumber {
        district: 610203,
        year: 2026,
        seq: 123,
    }
}

fn investigation() -> Investigation {
    Investigation {
        visit_date: d("2026-03-10"),
        investigators: vec!["王芳".into(), "李强".into()],
        findings: "两人入户，房屋老旧，户主患慢性病".into(),
        mismatches: vec![Mismatch {
            source: VerificationSource::Bank,
            note: "存款比申报多 2000 元".into(),
        }],
        corrections: vec![Correction {
            field: "存款".into(),
            original: "3000.00".into(),
            corrected: "5000.00".into(),
        }],
    }
}

fn review(decision: Decision, category: Option<Category>, reason: &str) -> Review {
    Review {
        proposed: Some(Category::Dibao),
        proposed_tags: vec![],
        proposed_benefit: None,
        explanation: vec!["家庭人均月收入 650.00 元 < 城市低保标准 768.00 元".into()],
        explanation_en: vec![
            "per-capita monthly income 650.00 < urban dibao standard 768.00".into(),
        ],
        decision,
        category,
        reason: reason.into(),
        date: d("2026-03-20"),
    }
}

/// A case at `stage` whose data is what the workflow would have left there.
fn case_at(stage: Stage) -> Case {
    let mut c = Case {
        id: CaseId(7),
        rev: 4,
        number: None,
        household: HouseholdId(9),
        town: Town::Chenlu,
        channel: Channel::OwnApplication,
        stage,
        applied_on: d("2026-03-02"),
        accepted_on: None,
        deadline: None,
        investigation: None,
        review: None,
        decided_on: None,
        history: vec![],
        procedure: Default::default(),
    };
    if stage.step_order() >= Stage::Accepted.step_order() {
        c.number = Some(number());
        c.accepted_on = Some(d("2026-03-03"));
        c.deadline = Some(Deadline {
            date: d("2026-03-24"),
            provisional: false,
        });
    }
    if stage.step_order() >= Stage::UnderReview.step_order() {
        c.investigation = Some(investigation());
    }
    if matches!(stage, Stage::InNotice | Stage::Confirmed | Stage::Rejected) {
        let r = review(Decision::ConfirmAsProposed, None, "");
        c.decided_on = Some(r.date);
        if let Step::Decide(_, after) = decide(r.clone()) {
            c.procedure.notices.push(after.notice);
        }
        c.review = Some(r);
    }
    c
}

fn accept() -> Step {
    Step::Accept {
        number: number(),
        on: d("2026-03-03"),
        deadline: Deadline {
            date: d("2026-03-24"),
            provisional: false,
        },
    }
}

/// Well-formed steps of each kind: every decision for `Decide`.
fn samples(kind: StepKind) -> Vec<Step> {
    match kind {
        StepKind::Submit => vec![Step::Submit],
        StepKind::Accept => vec![accept()],
        StepKind::StartInvestigation => vec![Step::StartInvestigation],
        StepKind::FinishInvestigation => vec![Step::FinishInvestigation(investigation())],
        StepKind::Decide => vec![
            decide(review(Decision::ConfirmAsProposed, None, "")),
            decide(review(
                Decision::ConfirmOther,
                Some(Category::DibaoMarginal),
                "存款超过低保限额",
            )),
            decide(review(Decision::Reject, None, "收入超过边缘家庭标准")),
            decide(review(Decision::SendBack, None, "补充核实车辆")),
        ],
        StepKind::Withdraw => vec![Step::Withdraw {
            reason: "申请人外出务工，本人要求撤回".into(),
        }],
        StepKind::TakeEffect => vec![Step::TakeEffect {
            benefit_from: d("2026-04-01"),
            letter_due: Deadline {
                date: d("2026-04-01"),
                provisional: false,
            },
        }],
        StepKind::RecordObjection => vec![Step::RecordObjection(objection("2026-03-24"))],
        StepKind::Reopen => vec![Step::Reopen {
            to: Stage::Investigating,
            reason: "复核认为存款核算有误".into(),
            deadline: Deadline {
                date: d("2026-05-20"),
                provisional: false,
            },
        }],
    }
}

/// An objection received on `on` during the notice of a decision on 2026-03-20.
fn objection(on: &str) -> crate::domain::procedure::Objection {
    crate::domain::procedure::Objection {
        objector: "邻居李某".into(),
        received_on: d(on),
        what: "反映申请人子女在城区有住房".into(),
        recorded_by: "王芳".into(),
        redecide_by: Deadline {
            date: d("2026-04-22"),
            provisional: false,
        },
    }
}

fn legal_target(stage: Stage, step: &Step) -> Option<Stage> {
    use Stage::*;
    match (stage, step) {
        (Draft, Step::Submit) => Some(Submitted),
        (Submitted, Step::Accept { .. }) => Some(Accepted),
        (Accepted, Step::StartInvestigation) => Some(Investigating),
        (Investigating, Step::FinishInvestigation(_)) => Some(UnderReview),
        (UnderReview, Step::Decide(r, _)) => Some(match r.decision {
            Decision::ConfirmAsProposed | Decision::ConfirmOther => InNotice,
            Decision::Reject => Rejected,
            Decision::SendBack => Investigating,
        }),
        (
            Draft | Submitted | Accepted | Investigating | UnderReview | InNotice,
            Step::Withdraw { .. },
        ) => Some(Withdrawn),
        (InNotice, Step::TakeEffect { .. }) => Some(Confirmed),
        (InNotice, Step::RecordObjection(_)) => Some(Investigating),
        (Confirmed | Rejected, Step::Reopen { .. }) => Some(Investigating),
        _ => None,
    }
}

#[test]
fn every_stage_and_step() {
    let mut legal = 0;
    for &stage in Stage::ALL {
        for step in StepKind::ALL.iter().flat_map(|k| samples(*k)) {
            let kind = step.kind();
            let case = case_at(stage);
            let got = apply(&case, &step, "王芳", at(NOW));
            if kind == StepKind::Reopen && stage.is_open() {
                // An open case cannot be reopened: "not yet" (there is no decision).
                assert!(kind.later_than(stage));
            }
            match legal_target(stage, &step) {
                Some(to) => {
                    legal += 1;
                    let new = got.unwrap_or_else(|e| panic!("{stage:?} {kind:?}: {e}"));
                    assert_eq!(new.stage, to, "{stage:?} {kind:?}");
                    assert_eq!(new.rev, case.rev, "rev is the store's business");
                    assert_eq!(new.history.len(), 1);
                    let t = &new.history[0];
                    assert_eq!((t.from, t.to), (stage, to));
                    assert_eq!((t.by.as_str(), t.at), ("王芳", at(NOW)));
                    assert!(kind.allowed_from(stage));
                    // Reopening follows an appeal's outcome, not the step menu.
                    assert_eq!(
                        allowed_steps(stage).contains(&kind),
                        kind != StepKind::Reopen
                    );
                }
                None => {
                    assert_eq!(
                        got,
                        Err(WorkflowError::NotAllowed { stage, step: kind }),
                        "{stage:?} {kind:?}"
                    );
                    assert!(!kind.allowed_from(stage));
                    assert!(!allowed_steps(stage).contains(&kind));
                }
            }
        }
    }
    // Draft, Submitted, Accepted, Investigating: forward and withdraw; UnderReview: four
    // decisions and withdraw; InNotice: take effect, objection, withdraw; Confirmed and
    // Rejected: reopen.
    assert_eq!(legal, 18);
}

#[test]
fn every_decision() {
    use Decision::*;
    // (decision, chosen category, reason, stage after, category kept, decided)
    let cases = [
        (
            ConfirmAsProposed,
            None,
            "",
            Stage::InNotice,
            Some(Category::Dibao),
            true,
        ),
        (
            ConfirmAsProposed,
            Some(Category::Dibao),
            "会议一致同意",
            Stage::InNotice,
            Some(Category::Dibao),
            true,
        ),
        (
            ConfirmOther,
            Some(Category::DibaoMarginal),
            "核实后存款超过低保限额",
            Stage::InNotice,
            Some(Category::DibaoMarginal),
            true,
        ),
        (
            Reject,
            None,
            "家庭收入高于边缘家庭标准",
            Stage::Rejected,
            None,
            true,
        ),
        (
            Reject,
            Some(Category::Dibao),
            "收入超标",
            Stage::Rejected,
            None,
            true,
        ),
        (
            SendBack,
            None,
            "需补充核实车辆信息",
            Stage::Investigating,
            None,
            false,
        ),
    ];
    for (decision, chosen, why, to, category, decided) in cases {
        let case = case_at(Stage::UnderReview);
        let step = decide(review(decision, chosen, why));
        let new = apply(&case, &step, "专班会议", at(NOW)).unwrap();
        assert_eq!(new.stage, to, "{decision:?}");
        let r = new.review.as_ref().unwrap();
        assert_eq!(r.category, category, "{decision:?}");
        assert_eq!(r.decision, decision);
        assert_eq!(new.decided_on.is_some(), decided, "{decision:?}");
        assert_eq!(new.history[0].reason, why);
        // Nothing is confirmed before the notice is over.
        assert_eq!(new.confirmed_category(), None);
        let notice = new.procedure.notice();
        assert_eq!(notice.is_some(), to == Stage::InNotice, "{decision:?}");
        let letter = new
            .procedure
            .letter(crate::domain::procedure::LetterKind::Refusal);
        assert_eq!(letter.is_some(), to == Stage::Rejected, "{decision:?}");
        if to == Stage::Rejected {
            // A refusal takes effect at once; its letter is due in 3 working days.
            assert_eq!(new.procedure.effective_on, Some(d("2026-03-20")));
            assert_eq!(letter.map(|l| l.due.date), Some(d("2026-03-25")));
        }
    }
}

#[test]
fn acceptance_records_number_date_and_deadline() {
    let new = apply(&case_at(Stage::Submitted), &accept(), "王芳", at(NOW)).unwrap();
    assert_eq!(new.number, Some(number()));
    assert_eq!(new.accepted_on, Some(d("2026-03-03")));
    assert_eq!(new.deadline.map(|x| x.date), Some(d("2026-03-24")));
    // Acceptance on the application day is fine.
    let mut same_day = case_at(Stage::Submitted);
    same_day.applied_on = d("2026-03-03");
    assert!(apply(&same_day, &accept(), "王芳", at(NOW)).is_ok());
}

#[test]
fn whole_path_with_a_send_back() {
    let steps = [
        Step::Submit,
        accept(),
        Step::StartInvestigation,
        Step::FinishInvestigation(investigation()),
        decide(review(Decision::SendBack, None, "补充核实车辆")),
        Step::FinishInvestigation(Investigation {
            findings: "车辆已于 2025 年报废".into(),
            ..investigation()
        }),
        decide(review(Decision::ConfirmAsProposed, None, "")),
        Step::TakeEffect {
            benefit_from: d("2026-04-01"),
            letter_due: Deadline {
                date: d("2026-04-01"),
                provisional: false,
            },
        },
    ];
    let mut case = case_at(Stage::Draft);
    for step in &steps {
        case = apply(&case, step, "王芳", at(NOW)).unwrap();
    }
    let path: Vec<Stage> = case.history.iter().map(|t| t.to).collect();
    use Stage::*;
    assert_eq!(
        path,
        [
            Submitted,
            Accepted,
            Investigating,
            UnderReview,
            Investigating,
            UnderReview,
            InNotice,
            Confirmed
        ]
    );
    assert_eq!(case.history[4].reason, "补充核实车辆");
    assert_eq!(case.confirmed_category(), Some(Category::Dibao));
    assert_eq!(case.decided_on, Some(d("2026-03-20")));
    assert_eq!(
        case.investigation.as_ref().unwrap().findings,
        "车辆已于 2025 年报废"
    );
    assert_eq!(case.rev, 4);
}

#[test]
fn messages_for_the_clerk() {
    let e = |stage, step| WorkflowError::NotAllowed { stage, step };
    assert_eq!(
        e(Stage::Confirmed, StepKind::Accept).zh(),
        "案件处于“已认定”，不能再受理"
    );
    assert_eq!(
        e(Stage::Submitted, StepKind::Decide).zh(),
        "案件处于“已申请”，还不能审核确认；下一步是“受理”"
    );
    assert_eq!(
        e(Stage::UnderReview, StepKind::StartInvestigation).zh(),
        "案件处于“审核确认”，不能再开始调查核实；下一步是“审核确认”"
    );
    assert_eq!(
        e(Stage::Withdrawn, StepKind::Withdraw).to_string(),
        "the case is withdrawn: you can no longer withdraw the case"
    );
    assert_eq!(
        e(Stage::Draft, StepKind::Accept).to_string(),
        "the case is draft: you cannot accept the case yet; the next step is to submit the application"
    );
    assert_eq!(
        WorkflowError::TooFewInvestigators { named: 1 }.zh(),
        "入户调查至少需要两名调查人员，现在只填了1名"
    );
    assert_eq!(
        WorkflowError::ReasonRequired(ReasonFor::SendBack).zh(),
        "退回调查必须填写理由"
    );
}

#[test]
fn next_and_allowed_steps() {
    assert_eq!(next_step(Stage::Draft), Some(StepKind::Submit));
    assert_eq!(next_step(Stage::UnderReview), Some(StepKind::Decide));
    assert_eq!(next_step(Stage::Confirmed), None);
    assert_eq!(
        allowed_steps(Stage::Accepted),
        vec![StepKind::StartInvestigation, StepKind::Withdraw]
    );
    assert!(allowed_steps(Stage::Rejected).is_empty());
}
