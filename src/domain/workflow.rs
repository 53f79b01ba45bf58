//! The workflow state machine (办理流程): 草稿 → 申请 → 受理 → 调查核实 → 审核确认 →
//! 认定 / 不予认定, and 撤回 from any open stage.
//!
//! `apply` is pure: it takes a case and a [`Step`] (what the user asked for, with its data)
//! and returns the new case with one [`Transition`] appended to its history, or a
//! [`WorkflowError`] the clerk can act on. It leaves `rev` alone: the store bumps it.

use crate::domain::case::{
    Case, CaseNumber, Deadline, Decision, Investigation, Review, Stage, Transition,
};
use crate::domain::category::Category;
use crate::domain::label::Label;
use crate::labelled_enum;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// At least two staff make a home visit (入户调查).
pub const MIN_INVESTIGATORS: usize = 2;

labelled_enum! {
    /// What a user can ask the workflow to do, without the data: for menus, key hints and errors.
    pub enum StepKind {
        Submit => ("提交申请", "submit the application"),
        Accept => ("受理", "accept the case"),
        StartInvestigation => ("开始调查核实", "start the investigation"),
        FinishInvestigation => ("完成调查核实", "finish the investigation"),
        Decide => ("审核确认", "record the review decision"),
        Withdraw => ("撤回", "withdraw the case"),
    }
}

impl StepKind {
    /// The one stage this step starts from; `None` for `Withdraw`, allowed from any open stage.
    pub fn from_stage(self) -> Option<Stage> {
        match self {
            StepKind::Submit => Some(Stage::Draft),
            StepKind::Accept => Some(Stage::Submitted),
            StepKind::StartInvestigation => Some(Stage::Accepted),
            StepKind::FinishInvestigation => Some(Stage::Investigating),
            StepKind::Decide => Some(Stage::UnderReview),
            StepKind::Withdraw => None,
        }
    }

    /// Allowed from `stage` (the data of the step may still be refused).
    pub fn allowed_from(self, stage: Stage) -> bool {
        match self.from_stage() {
            Some(s) => s == stage,
            None => stage.is_open(),
        }
    }
}

/// The forward step a case at `stage` waits for; `None` once decided or withdrawn.
pub fn next_step(stage: Stage) -> Option<StepKind> {
    StepKind::ALL
        .iter()
        .copied()
        .find(|k| k.from_stage() == Some(stage))
}

/// Every step allowed from `stage`, forward step first: what the case screen offers.
pub fn allowed_steps(stage: Stage) -> Vec<StepKind> {
    let mut steps: Vec<StepKind> = next_step(stage).into_iter().collect();
    if StepKind::Withdraw.allowed_from(stage) {
        steps.push(StepKind::Withdraw);
    }
    steps
}

/// A user's intent, with the data it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// 草稿 → 已申请.
    Submit,
    /// 已申请 → 已受理. `number` comes from the store's sequence, `deadline` from
    /// `Calendar::deadline(on, limit)`.
    Accept {
        number: CaseNumber,
        on: NaiveDate,
        deadline: Deadline,
    },
    /// 已受理 → 调查核实.
    StartInvestigation,
    /// 调查核实 → 审核确认, with the home-visit record (at least two investigators).
    FinishInvestigation(Investigation),
    /// 审核确认 → 已认定 / 不予认定, or back to 调查核实 (`Decision::SendBack`).
    Decide(Review),
    /// Any open stage → 已撤回.
    Withdraw { reason: String },
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Submit => StepKind::Submit,
            Step::Accept { .. } => StepKind::Accept,
            Step::StartInvestigation => StepKind::StartInvestigation,
            Step::FinishInvestigation(_) => StepKind::FinishInvestigation,
            Step::Decide(_) => StepKind::Decide,
            Step::Withdraw { .. } => StepKind::Withdraw,
        }
    }
}

labelled_enum! {
    /// Actions that must say why.
    pub enum ReasonFor {
        SendBack => ("退回调查", "sending a case back to investigation"),
        Reject => ("不予认定", "rejecting a case"),
        ConfirmOther => ("认定为建议以外的类别", "confirming a category other than the proposed one"),
        Withdraw => ("撤回", "withdrawing a case"),
    }
}

labelled_enum! {
    /// The dates the workflow checks against each other.
    pub enum DateKind {
        Application => ("申请日期", "application date"),
        Acceptance => ("受理日期", "acceptance date"),
        Visit => ("入户调查日期", "home-visit date"),
        Review => ("审核日期", "review date"),
        Deadline => ("审核期限", "review deadline"),
    }
}

/// Why a step was refused. `zh()` for the Chinese screen, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// The step does not start from the case's stage.
    NotAllowed {
        stage: Stage,
        step: StepKind,
    },
    /// No signed-in user to record as the one who acted.
    NoActor,
    ReasonRequired(ReasonFor),
    /// Fewer than two distinct investigators named.
    TooFewInvestigators {
        named: usize,
    },
    NoFindings,
    /// "Confirm as proposed" without a proposal from the engine.
    NoProposal,
    /// "Confirm another category" without choosing one.
    NoCategory,
    /// "Confirm another category" choosing the proposed one.
    SameAsProposed(Category),
    /// "Confirm as proposed" with a different category chosen.
    DiffersFromProposal {
        proposed: Category,
        chosen: Category,
    },
    /// `what` falls before `other`.
    DateBefore {
        what: DateKind,
        date: NaiveDate,
        other: DateKind,
        other_date: NaiveDate,
    },
    /// `what` is after the day of the step.
    DateInFuture {
        what: DateKind,
        date: NaiveDate,
        today: NaiveDate,
    },
    /// The case number's year is not the year of acceptance.
    NumberYear {
        number: CaseNumber,
        accepted_on: NaiveDate,
    },
}

impl WorkflowError {
    pub fn zh(&self) -> String {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                let head = if step.from_stage().is_some_and(|s| s > *stage) {
                    format!("案件处于“{}”，还不能{}", stage.zh(), step.zh())
                } else {
                    format!("案件处于“{}”，不能再{}", stage.zh(), step.zh())
                };
                match next_step(*stage) {
                    Some(next) => format!("{head}；下一步是“{}”", next.zh()),
                    None => head,
                }
            }
            NoActor => "没有办理人，请先登录".to_string(),
            ReasonRequired(r) => format!("{}必须填写理由", r.zh()),
            TooFewInvestigators { named } => {
                format!("入户调查至少需要两名调查人员，现在只填了{named}名")
            }
            NoFindings => "请填写入户调查情况".to_string(),
            NoProposal => "没有系统建议的类别，请选择“认定为其他类别”并填写理由".to_string(),
            NoCategory => "请选择认定的类别".to_string(),
            SameAsProposed(c) => {
                format!("所选类别“{}”就是建议类别，请选择“按建议认定”", c.zh())
            }
            DiffersFromProposal { proposed, chosen } => format!(
                "所选类别“{}”与建议类别“{}”不同，请选择“认定为其他类别”并填写理由",
                chosen.zh(),
                proposed.zh()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => format!("{}{date}早于{}{other_date}", what.zh(), other.zh()),
            DateInFuture { what, date, today } => {
                format!("{}{date}晚于今天（{today}），不能预先登记", what.zh())
            }
            NumberYear {
                number,
                accepted_on,
            } => format!(
                "案件编号{number}的年份与受理日期{accepted_on}的年份（{}年）不符",
                accepted_on.year()
            ),
        }
    }
}

impl fmt::Display for WorkflowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use WorkflowError::*;
        match self {
            NotAllowed { stage, step } => {
                if step.from_stage().is_some_and(|s| s > *stage) {
                    write!(f, "the case is {}: you cannot {} yet", stage.en(), step.en())?;
                } else {
                    write!(f, "the case is {}: you can no longer {}", stage.en(), step.en())?;
                }
                match next_step(*stage) {
                    Some(next) => write!(f, "; the next step is to {}", next.en()),
                    None => Ok(()),
                }
            }
            NoActor => write!(f, "no one is signed in to record as the person acting"),
            ReasonRequired(r) => write!(f, "a reason is required for {}", r.en()),
            TooFewInvestigators { named } => write!(
                f,
                "a home visit needs at least two investigators; {named} named"
            ),
            NoFindings => write!(f, "record the findings of the home visit"),
            NoProposal => write!(
                f,
                "there is no proposed category; choose \"confirm another category\" and give a reason"
            ),
            NoCategory => write!(f, "choose the category to confirm"),
            SameAsProposed(c) => write!(
                f,
                "{} is the proposed category; choose \"confirm as proposed\"",
                c.en()
            ),
            DiffersFromProposal { proposed, chosen } => write!(
                f,
                "{} differs from the proposed {}; choose \"confirm another category\" and give a reason",
                chosen.en(),
                proposed.en()
            ),
            DateBefore {
                what,
                date,
                other,
                other_date,
            } => write!(
                f,
                "the {} {date} is before the {} {other_date}",
                what.en(),
                other.en()
            ),
            DateInFuture { what, date, today } => write!(
                f,
                "the {} {date} is after today ({today}); it cannot be entered in advance",
                what.en()
            ),
            NumberYear {
                number,
                accepted_on,
            } => write!(
                f,
                "case number {number} does not carry the year of acceptance ({accepted_on})"
            ),
        }
    }
}

impl std::error::Error for WorkflowError {}

fn not_before(
    what: DateKind,
    date: NaiveDate,
    other: DateKind,
    other_date: Option<NaiveDate>,
) -> Result<(), WorkflowError> {
    match other_date {
        Some(o) if date < o => Err(WorkflowError::DateBefore {
            what,
            date,
            other,
            other_date: o,
        }),
        _ => Ok(()),
    }
}

fn not_future(what: DateKind, date: NaiveDate, today: NaiveDate) -> Result<(), WorkflowError> {
    if date > today {
        return Err(WorkflowError::DateInFuture { what, date, today });
    }
    Ok(())
}

fn reason(text: &str, for_: ReasonFor) -> Result<String, WorkflowError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WorkflowError::ReasonRequired(for_));
    }
    Ok(text.to_string())
}

/// Distinct investigators named, blanks ignored.
fn investigators_named(inv: &Investigation) -> usize {
    inv.investigators
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect::<BTreeSet<_>>()
        .len()
}

/// Apply `step`, taken by `by` at `at`, to `case`. Returns the new case with one
/// transition appended; `rev` is untouched. The day of `at` is "today" for date checks.
pub fn apply(case: &Case, step: &Step, by: &str, at: NaiveDateTime) -> Result<Case, WorkflowError> {
    let by = by.trim();
    if by.is_empty() {
        return Err(WorkflowError::NoActor);
    }
    let from = case.stage;
    let kind = step.kind();
    if !kind.allowed_from(from) {
        return Err(WorkflowError::NotAllowed {
            stage: from,
            step: kind,
        });
    }
    let today = at.date();
    let mut next = case.clone();
    let mut why = String::new();
    match step {
        Step::Submit => {
            not_future(DateKind::Application, case.applied_on, today)?;
            next.stage = Stage::Submitted;
        }
        Step::Accept {
            number,
            on,
            deadline,
        } => {
            let on = *on;
            not_before(
                DateKind::Acceptance,
                on,
                DateKind::Application,
                Some(case.applied_on),
            )?;
            not_future(DateKind::Acceptance, on, today)?;
            if number.year != on.year() {
                return Err(WorkflowError::NumberYear {
                    number: *number,
                    accepted_on: on,
                });
            }
            not_before(
                DateKind::Deadline,
                deadline.date,
                DateKind::Acceptance,
                Some(on),
            )?;
            next.number = Some(*number);
            next.accepted_on = Some(on);
            next.deadline = Some(*deadline);
            next.stage = Stage::Accepted;
        }
        Step::StartInvestigation => next.stage = Stage::Investigating,
        Step::FinishInvestigation(inv) => {
            let named = investigators_named(inv);
            if named < MIN_INVESTIGATORS {
                return Err(WorkflowError::TooFewInvestigators { named });
            }
            if inv.findings.trim().is_empty() {
                return Err(WorkflowError::NoFindings);
            }
            not_before(
                DateKind::Visit,
                inv.visit_date,
                DateKind::Acceptance,
                case.accepted_on,
            )?;
            not_future(DateKind::Visit, inv.visit_date, today)?;
            next.investigation = Some(inv.clone());
            next.stage = Stage::UnderReview;
        }
        Step::Decide(review) => {
            let mut review = review.clone();
            not_before(
                DateKind::Review,
                review.date,
                DateKind::Acceptance,
                case.accepted_on,
            )?;
            let visit = case.investigation.as_ref().map(|i| i.visit_date);
            not_before(DateKind::Review, review.date, DateKind::Visit, visit)?;
            not_future(DateKind::Review, review.date, today)?;
            match review.decision {
                Decision::ConfirmAsProposed => {
                    let proposed = review.proposed.ok_or(WorkflowError::NoProposal)?;
                    match review.category {
                        Some(chosen) if chosen != proposed => {
                            return Err(WorkflowError::DiffersFromProposal { proposed, chosen })
                        }
                        _ => review.category = Some(proposed),
                    }
                    review.reason = review.reason.trim().to_string();
                    next.stage = Stage::Confirmed;
                    next.decided_on = Some(review.date);
                }
                Decision::ConfirmOther => {
                    let chosen = review.category.ok_or(WorkflowError::NoCategory)?;
                    if review.proposed == Some(chosen) {
                        return Err(WorkflowError::SameAsProposed(chosen));
                    }
                    review.reason = reason(&review.reason, ReasonFor::ConfirmOther)?;
                    next.stage = Stage::Confirmed;
                    next.decided_on = Some(review.date);
                }
                Decision::Reject => {
                    review.reason = reason(&review.reason, ReasonFor::Reject)?;
                    review.category = None;
                    next.stage = Stage::Rejected;
                    next.decided_on = Some(review.date);
                }
                Decision::SendBack => {
                    review.reason = reason(&review.reason, ReasonFor::SendBack)?;
                    review.category = None;
                    next.stage = Stage::Investigating;
                }
            }
            why = review.reason.clone();
            next.review = Some(review);
        }
        Step::Withdraw { reason: text } => {
            why = reason(text, ReasonFor::Withdraw)?;
            next.stage = Stage::Withdrawn;
        }
    }
    next.history.push(Transition {
        from,
        to: next.stage,
        by: by.to_string(),
        at,
        reason: why,
    });
    Ok(next)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::domain::case::{CaseId, Channel, Correction, Mismatch, VerificationSource};
    use crate::domain::household::HouseholdId;
    use crate::domain::town::Town;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        d(s).and_hms_opt(10, 30, 0).unwrap()
    }

    const NOW: &str = "2026-04-20";

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
        };
        if stage >= Stage::Accepted {
            c.number = Some(number());
            c.accepted_on = Some(d("2026-03-03"));
            c.deadline = Some(Deadline {
                date: d("2026-03-24"),
                provisional: false,
            });
        }
        if stage >= Stage::UnderReview {
            c.investigation = Some(investigation());
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
                Step::Decide(review(Decision::ConfirmAsProposed, None, "")),
                Step::Decide(review(
                    Decision::ConfirmOther,
                    Some(Category::DibaoMarginal),
                    "存款超过低保限额",
                )),
                Step::Decide(review(Decision::Reject, None, "收入超过边缘家庭标准")),
                Step::Decide(review(Decision::SendBack, None, "补充核实车辆")),
            ],
            StepKind::Withdraw => vec![Step::Withdraw {
                reason: "申请人外出务工，本人要求撤回".into(),
            }],
        }
    }

    fn legal_target(stage: Stage, step: &Step) -> Option<Stage> {
        use Stage::*;
        match (stage, step) {
            (Draft, Step::Submit) => Some(Submitted),
            (Submitted, Step::Accept { .. }) => Some(Accepted),
            (Accepted, Step::StartInvestigation) => Some(Investigating),
            (Investigating, Step::FinishInvestigation(_)) => Some(UnderReview),
            (UnderReview, Step::Decide(r)) => Some(match r.decision {
                Decision::ConfirmAsProposed | Decision::ConfirmOther => Confirmed,
                Decision::Reject => Rejected,
                Decision::SendBack => Investigating,
            }),
            (Draft | Submitted | Accepted | Investigating | UnderReview, Step::Withdraw { .. }) => {
                Some(Withdrawn)
            }
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
                        assert!(allowed_steps(stage).contains(&kind));
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
        // decisions and withdraw.
        assert_eq!(legal, 13);
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
                Stage::Confirmed,
                Some(Category::Dibao),
                true,
            ),
            (
                ConfirmAsProposed,
                Some(Category::Dibao),
                "会议一致同意",
                Stage::Confirmed,
                Some(Category::Dibao),
                true,
            ),
            (
                ConfirmOther,
                Some(Category::DibaoMarginal),
                "核实后存款超过低保限额",
                Stage::Confirmed,
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
            let step = Step::Decide(review(decision, chosen, why));
            let new = apply(&case, &step, "专班会议", at(NOW)).unwrap();
            assert_eq!(new.stage, to, "{decision:?}");
            let r = new.review.as_ref().unwrap();
            assert_eq!(r.category, category, "{decision:?}");
            assert_eq!(r.decision, decision);
            assert_eq!(new.decided_on.is_some(), decided, "{decision:?}");
            assert_eq!(new.history[0].reason, why);
            assert_eq!(
                new.confirmed_category(),
                if to == Stage::Confirmed {
                    category
                } else {
                    None
                }
            );
        }
    }

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
            Step::Decide(r)
        };
        let no_proposal = |decision, chosen, why: &str| {
            let mut r = review(decision, chosen, why);
            r.proposed = None;
            Step::Decide(r)
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
                Step::Decide(review(SendBack, None, " ")),
                E::ReasonRequired(ReasonFor::SendBack),
            ),
            (
                Stage::UnderReview,
                Step::Decide(review(Reject, None, "")),
                E::ReasonRequired(ReasonFor::Reject),
            ),
            (
                Stage::UnderReview,
                Step::Decide(review(ConfirmOther, Some(Category::DibaoMarginal), "")),
                E::ReasonRequired(ReasonFor::ConfirmOther),
            ),
            (
                Stage::UnderReview,
                Step::Decide(review(ConfirmOther, None, "理由")),
                E::NoCategory,
            ),
            (
                Stage::UnderReview,
                Step::Decide(review(ConfirmOther, Some(Category::Dibao), "理由")),
                E::SameAsProposed(Category::Dibao),
            ),
            (
                Stage::UnderReview,
                Step::Decide(review(ConfirmAsProposed, Some(Category::Destitute), "")),
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
            Step::Decide(review(Decision::SendBack, None, "补充核实车辆")),
            Step::FinishInvestigation(Investigation {
                findings: "车辆已于 2025 年报废".into(),
                ..investigation()
            }),
            Step::Decide(review(Decision::ConfirmAsProposed, None, "")),
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
}
