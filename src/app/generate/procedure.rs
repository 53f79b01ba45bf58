//! What follows the decision in a synthetic district (issue 18): approvals still in their
//! public notice, approvals in force with their confirmation notice, refusals with their
//! letter due, produced or delivered, an objection that sent a case back to investigation,
//! and appeals. Chosen from the case id, so the random draws (and the rest of the
//! district) stay as they were. The demo clerk's town (陈炉镇) gets more of them, so her
//! notice list and letters have work in them. Approvals carry an illustrative monthly
//! amount ([`illustrative_benefit`]): the generated categories are drawn at random, not
//! judged by the engine, so the engine's amount would not fit them.

use std::sync::OnceLock;

use chrono::{Duration, NaiveDate};

use crate::domain::calendar::Calendar;
use crate::domain::case::{Case, Stage, Transition};
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::money::Money;
use crate::domain::procedure::dates::{
    approval_letter_due, benefit_from, notice_period, redecide_by, refusal_letter_due,
};
use crate::domain::procedure::{
    Appeal, AppealKind, AppealOutcome, AppealResult, Letter, LetterKind, Objection,
    ProcedureSettings,
};
use crate::domain::town::Town;

/// The demo clerk's town: more of its cases are in notice and have letters overdue.
const CLERK_TOWN: Town = Town::Chenlu;

/// A monthly amount for a generated approval, by category and household size: dibao
/// 380–460 yuan a person (the case id picks it), destitute 1,000 yuan a person (basic
/// living), nothing in cash for the other categories (as the engine gives them).
/// Illustrative figures for a synthetic district, not the standards.
pub fn illustrative_benefit(category: Category, persons: usize, id: u64) -> Money {
    let n = i64::try_from(persons).unwrap_or(1).max(1);
    let step = i64::try_from(id % 5).unwrap_or(0);
    match category {
        Category::Dibao => Money::from_yuan(n * (380 + 20 * step)),
        Category::Destitute => Money::from_yuan(n * 1_000),
        _ => Money::ZERO,
    }
}

fn settings() -> Option<&'static ProcedureSettings> {
    static S: OnceLock<Option<ProcedureSettings>> = OnceLock::new();
    S.get_or_init(|| ProcedureSettings::bundled().ok()).as_ref()
}

fn at(day: NaiveDate) -> chrono::NaiveDateTime {
    day.and_hms_opt(10, 0, 0).unwrap_or_default()
}

/// Move the decision to `decided` (a recent one, to have notices and letters running).
fn redate(case: &mut Case, decided: NaiveDate) {
    case.decided_on = Some(decided);
    if let Some(r) = case.review.as_mut() {
        r.date = decided;
    }
    if let Some(t) = case.history.last_mut() {
        t.at = at(decided);
    }
}

pub fn around_decision(case: &mut Case, h: &mut Household, as_of: NaiveDate, calendar: &Calendar) {
    let Some(s) = settings() else {
        return;
    };
    let k = case.id.0 / 2;
    let visit = case.investigation.as_ref().map(|i| i.visit_date);
    let clerks = case.town == CLERK_TOWN;
    match case.stage {
        Stage::Confirmed => {
            let Some(mut decided) = case.decided_on else {
                return;
            };
            let persons = h.size();
            if let Some(r) = case.review.as_mut() {
                if let (None, Some(c)) = (r.proposed_benefit, r.category) {
                    r.proposed_benefit = Some(illustrative_benefit(c, persons, case.id.0));
                }
            }
            if k % 40 == 7 || (clerks && k % 12 == 5) {
                decided = visit
                    .unwrap_or(decided)
                    .max(as_of - Duration::days((k % 6) as i64));
                redate(case, decided);
            }
            let notice = notice_period(s, decided);
            if let Some(t) = case.history.last_mut() {
                t.to = Stage::InNotice;
            }
            case.procedure.notices.push(notice.clone());
            if notice.effective_on > as_of {
                case.stage = Stage::InNotice;
                h.standing.category = None;
                h.standing.tags.clear();
                h.standing.since = None;
                return;
            }
            let on = notice.effective_on;
            case.history.push(Transition {
                from: Stage::InNotice,
                to: Stage::Confirmed,
                by: "daily-run".into(),
                at: at(on),
                reason: format!("公示期{}至{}无异议，{on}起生效", notice.start, notice.end),
            });
            case.procedure.effective_on = Some(on);
            case.procedure.benefit_from = Some(benefit_from(s, decided));
            let mut letter =
                Letter::new(LetterKind::Approval, approval_letter_due(calendar, s, on));
            if on + Duration::days(2) <= as_of {
                letter.produced_on = Some(on);
                letter.produced_by = case.history.first().map(|t| t.by.clone());
                letter.delivered_on = Some(on + Duration::days(2));
            }
            case.procedure.letters.push(letter);
            h.standing.since = Some(on);
        }
        Stage::Rejected => {
            let Some(mut decided) = case.decided_on else {
                return;
            };
            if k % 20 == 3 {
                decided = visit.unwrap_or(decided).max(as_of - Duration::days(1));
                redate(case, decided);
            }
            case.procedure.effective_on = Some(decided);
            let mut letter = Letter::new(
                LetterKind::Refusal,
                refusal_letter_due(calendar, s, decided),
            );
            let clerk = case.history.first().map(|t| t.by.clone());
            if k % 20 != 3 {
                letter.produced_on = Some(decided);
                letter.produced_by = clerk.clone();
                // One in five produced and never delivered (more in the clerk's town):
                // overdue once the due day is past, so the dashboard's line has work.
                if k % 25 != 11 && k % 5 != 2 && !(clerks && k % 6 == 2) {
                    letter.delivered_on = Some(letter.due.date.min(as_of));
                }
            }
            case.procedure.letters.push(letter);
            let requested = decided + Duration::days(5);
            if k % 10 == 5 && requested <= as_of {
                let outcome = (requested + Duration::days(15) <= as_of).then(|| AppealOutcome {
                    result: AppealResult::Dismissed,
                    on: requested + Duration::days(15),
                    note: "经复核，家庭收入核算无误，维持原决定".into(),
                    recorded_by: "district-officer".into(),
                });
                case.procedure.appeals.push(Appeal {
                    kind: AppealKind::Review,
                    requested_on: requested,
                    applicant: h.head_name().to_string(),
                    grounds: "认为务工收入计算偏高".into(),
                    handled_by: "区民政局".into(),
                    recorded_by: clerk.unwrap_or_default(),
                    outcome,
                });
            }
        }
        Stage::Investigating => {
            let Some(visit) = visit.filter(|v| *v + Duration::days(4) <= as_of) else {
                return;
            };
            if k % 9 != 4 {
                return;
            }
            let clerk = case
                .history
                .first()
                .map(|t| t.by.clone())
                .unwrap_or_default();
            let decided = visit + Duration::days(1);
            let notice = crate::domain::procedure::Notice {
                objected: true,
                ..notice_period(s, decided)
            };
            let received = notice.start + Duration::days(1);
            let objection = Objection {
                objector: "村民（署名信）".into(),
                received_on: received,
                what: "反映申请人家中有一辆小货车未申报".into(),
                recorded_by: clerk.clone(),
                redecide_by: redecide_by(calendar, s, received),
            };
            let steps = [
                (
                    Stage::Investigating,
                    Stage::UnderReview,
                    clerk.as_str(),
                    visit,
                    "",
                ),
                (Stage::UnderReview, Stage::InNotice, "panel", decided, ""),
                (
                    Stage::InNotice,
                    Stage::Investigating,
                    clerk.as_str(),
                    received,
                    "公示异议：反映申请人家中有一辆小货车未申报",
                ),
            ];
            for (from, to, by, on, why) in steps {
                case.history.push(Transition {
                    from,
                    to,
                    by: by.to_string(),
                    at: at(on),
                    reason: why.to_string(),
                });
            }
            case.deadline = Some(objection.redecide_by);
            case.procedure.notices.push(notice);
            case.procedure.objections.push(objection);
        }
        _ => {}
    }
}
