//! Every refusal of the workflow, with the clerk-readable reason.

use super::*;

#[test]
fn refusals() {
    use Decision::*;
    let inv = |names: &[&str], findings: &str, visit: &str| {
        Step::FinishInvestigation(Investigation {
            visit_date: d(visit),
            investigators: names.iter().map(|s| s.to_string()).collect(),
            findings: findings.into(),
            ..investigation()
        })
    };
    let accept_on = |on: &str, year: i32, deadline: &str| Step::Accept {
        number: CaseNumber { year, ..number() },
        on: d(on),
        deadline: Deadline {
            date: d(deadline),
            provisional: false,
        },
    };
    let dated = |mut r: Review, date: &str| {
        r.date = d(date);
        decide(r)
    };
    let no_proposal = |decision, chosen, why: &str| {
        let mut r = review(decision, chosen, why);
        r.proposed = None;
        decide(r)
    };
    use WorkflowError as E;
    let cases: Vec<(Stage, Step, E)> = vec![
        (
            Stage::Investigating,
            inv(&["王芳"], "入户", "2026-03-10"),
            E::TooFewInvestigators { named: 1 },
        ),
        (
            Stage::Investigating,
            inv(&["王芳", " 王芳 ", ""], "入户", "2026-03-10"),
            E::TooFewInvestigators { named: 1 },
        ),
        (
            Stage::Investigating,
            inv(&[], "入户", "2026-03-10"),
            E::TooFewInvestigators { named: 0 },
        ),
        (
            Stage::Investigating,
            inv(&["王芳", "李强"], "  ", "2026-03-10"),
            E::NoFindings,
        ),
        (
            Stage::Investigating,
            inv(&["王芳", "李强"], "入户", "2026-03-01"),
            E::DateBefore {
                what: DateKind::Visit,
                date: d("2026-03-01"),
                other: DateKind::Acceptance,
                other_date: d("2026-03-03"),
            },
        ),
        (
            Stage::Investigating,
            inv(&["王芳", "李强"], "入户", "2026-05-01"),
            E::DateInFuture {
                what: DateKind::Visit,
                date: d("2026-05-01"),
                today: d(NOW),
            },
        ),
        (
            Stage::UnderReview,
            decide(review(SendBack, None, " ")),
            E::ReasonRequired(ReasonFor::SendBack),
        ),
        (
            Stage::UnderReview,
            decide(review(Reject, None, "")),
            E::ReasonRequired(ReasonFor::Reject),
        ),
        (
            Stage::UnderReview,
            decide(review(ConfirmOther, Some(Category::DibaoMarginal), "")),
            E::ReasonRequired(ReasonFor::ConfirmOther),
        ),
        (
            Stage::UnderReview,
            decide(review(ConfirmOther, None, "理由")),
            E::NoCategory,
        ),
        (
            Stage::UnderReview,
            decide(review(ConfirmOther, Some(Category::Dibao), "理由")),
            E::SameAsProposed(Category::Dibao),
        ),
        (
            Stage::UnderReview,
            decide(review(ConfirmAsProposed, Some(Category::Destitute), "")),
            E::DiffersFromProposal {
                proposed: Category::Dibao,
                chosen: Category::Destitute,
            },
        ),
        (
            Stage::UnderReview,
            no_proposal(ConfirmAsProposed, None, ""),
            E::NoProposal,
        ),
        (
            Stage::UnderReview,
            no_proposal(ConfirmOther, Some(Category::OtherHardship), ""),
            E::ReasonRequired(ReasonFor::ConfirmOther),
        ),
        (
            Stage::UnderReview,
            dated(review(ConfirmAsProposed, None, ""), "2026-03-09"),
            E::DateBefore {
                what: DateKind::Review,
                date: d("2026-03-09"),
                other: DateKind::Visit,
                other_date: d("2026-03-10"),
            },
        ),
        (
            Stage::UnderReview,
            dated(review(ConfirmAsProposed, None, ""), "2026-04-21"),
            E::DateInFuture {
                what: DateKind::Review,
                date: d("2026-04-21"),
                today: d(NOW),
            },
        ),
        (
            Stage::Accepted,
            Step::Withdraw { reason: "".into() },
            E::ReasonRequired(ReasonFor::Withdraw),
        ),
        (
            Stage::Submitted,
            accept_on("2026-03-01", 2026, "2026-03-20"),
            E::DateBefore {
                what: DateKind::Acceptance,
                date: d("2026-03-01"),
                other: DateKind::Application,
                other_date: d("2026-03-02"),
            },
        ),
        (
            Stage::Submitted,
            accept_on("2026-04-21", 2026, "2026-05-20"),
            E::DateInFuture {
                what: DateKind::Acceptance,
                date: d("2026-04-21"),
                today: d(NOW),
            },
        ),
        (
            Stage::Submitted,
            accept_on("2026-03-03", 2025, "2026-03-24"),
            E::NumberYear {
                number: CaseNumber {
                    year: 2025,
                    ..number()
                },
                accepted_on: d("2026-03-03"),
            },
        ),
        (
            Stage::Submitted,
            accept_on("2026-03-03", 2026, "2026-03-02"),
            E::DateBefore {
                what: DateKind::Deadline,
                date: d("2026-03-02"),
                other: DateKind::Acceptance,
                other_date: d("2026-03-03"),
            },
        ),
    ];
    for (stage, step, want) in cases {
        let case = case_at(stage);
        let got = apply(&case, &step, "王芳", at(NOW));
        assert_eq!(got, Err(want.clone()), "{stage:?} {step:?}");
        assert!(!want.zh().is_empty() && !want.to_string().is_empty());
    }
    // The application date may not lie in the future either.
    let mut future = case_at(Stage::Draft);
    future.applied_on = d("2026-05-01");
    assert!(matches!(
        apply(&future, &Step::Submit, "王芳", at(NOW)),
        Err(E::DateInFuture { .. })
    ));
    // Someone must be signed in.
    assert_eq!(
        apply(&case_at(Stage::Draft), &Step::Submit, "  ", at(NOW)),
        Err(E::NoActor)
    );
}
