//! The case of a synthetic household, at a stage drawn to look like a real district:
//! most confirmed, some rejected, a stream of open cases with deadlines around today.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::names::INVESTIGATORS;
use super::rng::Rng;
use crate::domain::calendar::Calendar;
use crate::domain::case::{
    Case, CaseId, CaseNumber, Channel, Decision, Investigation, Review, Stage, Transition,
};
use crate::domain::category::{Category, Tag};
use crate::domain::household::Household;
use crate::domain::town::DISTRICT_CODE;

/// Case numbers per year, in the order cases are accepted in the generator.
#[derive(Default)]
pub struct Numbering {
    next: HashMap<i32, u32>,
}

impl Numbering {
    fn next(&mut self, year: i32) -> CaseNumber {
        let seq = self.next.entry(year).or_insert(0);
        *seq += 1;
        CaseNumber {
            district: DISTRICT_CODE,
            year,
            seq: *seq,
        }
    }
}

fn step(
    history: &mut Vec<Transition>,
    from: Stage,
    to: Stage,
    by: &str,
    on: NaiveDate,
    reason: &str,
) {
    history.push(Transition {
        from,
        to,
        by: by.to_string(),
        at: on.and_hms_opt(10, 0, 0).unwrap_or_default(),
        reason: reason.to_string(),
    });
}

pub fn case_for(
    rng: &mut Rng,
    h: &mut Household,
    id: u64,
    as_of: NaiveDate,
    calendar: &Calendar,
    numbers: &mut Numbering,
) -> Case {
    let stage = rng.weighted(&[
        (58, Stage::Confirmed),
        (8, Stage::Rejected),
        (2, Stage::Withdrawn),
        (2, Stage::Draft),
        (3, Stage::Submitted),
        (6, Stage::Accepted),
        (11, Stage::Investigating),
        (10, Stage::UnderReview),
    ]);
    let clerk = format!("clerk-{}", crate::domain::villages::town_key(h.town));
    let age_days = if stage.clock_runs() {
        rng.between(0, 28)
    } else if stage.is_open() {
        rng.between(0, 5)
    } else {
        rng.between(20, 700)
    };
    let applied_on = as_of - Duration::days(age_days);
    let channel = rng.weighted(&[
        (70, Channel::OwnApplication),
        (22, Channel::FoundByVillageStaff),
        (8, Channel::MonitoringAlert),
    ]);
    let mut case = Case {
        id: CaseId(id),
        rev: 1,
        number: None,
        household: h.id,
        town: h.town,
        channel,
        stage: Stage::Draft,
        applied_on,
        accepted_on: None,
        deadline: None,
        investigation: None,
        review: None,
        decided_on: None,
        history: Vec::new(),
        procedure: Default::default(),
    };
    if stage == Stage::Draft {
        return case;
    }
    let h_ = &mut case.history;
    step(h_, Stage::Draft, Stage::Submitted, &clerk, applied_on, "");
    if stage == Stage::Submitted {
        case.stage = stage;
        return case;
    }
    let accepted = (applied_on + Duration::days(rng.between(0, 2))).min(as_of);
    step(
        &mut case.history,
        Stage::Submitted,
        Stage::Accepted,
        &clerk,
        accepted,
        "",
    );
    case.accepted_on = Some(accepted);
    case.number = Some(numbers.next(accepted.year()));
    case.deadline = Some(calendar.deadline(accepted, 15));
    if stage == Stage::Withdrawn {
        step(
            &mut case.history,
            Stage::Accepted,
            Stage::Withdrawn,
            &clerk,
            accepted,
            "申请人撤回申请",
        );
        case.stage = stage;
        case.decided_on = Some(accepted);
        return case;
    }
    if stage == Stage::Accepted {
        case.stage = stage;
        return case;
    }
    step(
        &mut case.history,
        Stage::Accepted,
        Stage::Investigating,
        &clerk,
        accepted,
        "",
    );
    let visit = (accepted + Duration::days(rng.between(1, 6))).min(as_of);
    let a = rng.below(INVESTIGATORS.len() as u64) as usize;
    let b = (a + 1 + rng.below(INVESTIGATORS.len() as u64 - 1) as usize) % INVESTIGATORS.len();
    case.investigation = Some(Investigation {
        visit_date: visit,
        investigators: vec![INVESTIGATORS[a].to_string(), INVESTIGATORS[b].to_string()],
        findings: "入户核实，家庭成员及收入情况与申请一致".into(),
        mismatches: Vec::new(),
        corrections: Vec::new(),
    });
    if stage == Stage::Investigating {
        case.stage = stage;
        super::procedure::around_decision(&mut case, h, as_of, calendar);
        return case;
    }
    step(
        &mut case.history,
        Stage::Investigating,
        Stage::UnderReview,
        &clerk,
        visit,
        "",
    );
    if stage == Stage::UnderReview {
        case.stage = stage;
        return case;
    }
    let decided = (visit + Duration::days(rng.between(2, 12))).min(as_of);
    let category = rng.weighted(&[
        (10, Category::Destitute),
        (50, Category::Dibao),
        (20, Category::DibaoMarginal),
        (10, Category::RigidExpense),
        (10, Category::OtherHardship),
    ]);
    let tags = if h.standing.relapse_watch {
        vec![Tag::RelapseWatch]
    } else {
        vec![]
    };
    let (decision, reason) = if stage == Stage::Rejected {
        (Decision::Reject, "家庭人均收入高于认定标准")
    } else {
        (Decision::ConfirmAsProposed, "")
    };
    case.review = Some(Review {
        proposed: Some(category),
        proposed_tags: tags.clone(),
        proposed_benefit: None,
        explanation: Vec::new(),
        explanation_en: Vec::new(),
        decision,
        category: (stage == Stage::Confirmed).then_some(category),
        reason: reason.to_string(),
        date: decided,
    });
    step(
        &mut case.history,
        Stage::UnderReview,
        stage,
        "panel",
        decided,
        reason,
    );
    case.stage = stage;
    case.decided_on = Some(decided);
    if stage == Stage::Confirmed {
        h.standing.category = Some(category);
        h.standing.tags = tags;
        h.standing.since = Some(decided);
    }
    super::procedure::around_decision(&mut case, h, as_of, calendar);
    case
}
