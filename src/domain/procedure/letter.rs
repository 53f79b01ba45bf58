//! The written notices of a decision as printable text (A4, monospaced): the confirmation
//! notice (确认通知书) once an approval is in force, and the refusal notice (不予确认告知书)
//! with the reasons — the meeting's reason and the engine's explanation as the meeting saw
//! it — and how to appeal. Chinese only: it is a document for the applicant.

use chrono::{Datelike, NaiveDate};

use super::layout::{centred, paragraph, right};
use super::{LetterKind, ProcedureSettings};
use crate::domain::case::Case;
use crate::domain::town::Town;
use crate::domain::Label;

/// What the letter says of the household, from its record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterFacts {
    pub head: String,
    pub town: Town,
    pub village: String,
    pub persons: usize,
}

fn cn(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn month(d: NaiveDate) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// The letter of `kind` for `case`, dated `on`; `None` when the case has no such letter.
pub fn letter_text(
    case: &Case,
    facts: &LetterFacts,
    settings: &ProcedureSettings,
    kind: LetterKind,
    on: NaiveDate,
) -> Option<Vec<String>> {
    case.procedure.letter(kind)?;
    let review = case.review.as_ref()?;
    let office = settings.office(facts.town);
    let number = case
        .number
        .map_or(format!("#{}", case.id.0), |n| n.to_string());
    let mut out = vec![
        centred(kind.zh()),
        String::new(),
        right(&format!("编号：{number}")),
        String::new(),
        format!("{}（户主）：", facts.head),
    ];
    let applied = cn(case.applied_on);
    match kind {
        LetterKind::Approval => {
            let category = review.category.map_or("", |c| c.zh());
            let notice = case.procedure.notice();
            let mut text = format!(
                "你户（{}{}，共{}人）于{applied}提出的社会救助申请，经入户调查、家庭经济状况核对和审核确认",
                facts.town.zh(),
                facts.village,
                facts.persons
            );
            if let Some(n) = notice {
                text.push_str(&format!(
                    "，并在村（社区）公示（{}至{}）期满无异议",
                    cn(n.start),
                    cn(n.end)
                ));
            }
            text.push_str(&format!("，确认为{category}。"));
            out.extend(paragraph(&text, 4, 0));
            if let (Some(b), true) = (review.proposed_benefit, review.category == review.proposed) {
                out.extend(paragraph(&format!("核定每月救助金额 {b} 元。"), 4, 0));
            }
            if let Some(from) = case.procedure.benefit_from {
                out.extend(paragraph(&format!("自{}起发放。", month(from)), 4, 0));
            }
        }
        LetterKind::Refusal => {
            let text = format!(
                "你户（{}{}，共{}人）于{applied}提出的社会救助申请，经入户调查、家庭经济状况核对和审核确认，于{}决定不予确认。",
                facts.town.zh(),
                facts.village,
                facts.persons,
                cn(review.date)
            );
            out.extend(paragraph(&text, 4, 0));
            out.extend(paragraph(&format!("理由：{}", review.reason), 4, 0));
        }
    }
    if !review.explanation.is_empty() {
        out.push(String::new());
        out.extend(paragraph("核算依据：", 4, 0));
        for (i, line) in review.explanation.iter().enumerate() {
            out.extend(paragraph(&format!("{}. {line}", i + 1), 4, 7));
        }
    }
    out.push(String::new());
    let appeal = &settings.appeal;
    let rights = format!(
        "如对本决定有异议，可以向本机关申请复核；也可以自收到本通知书之日起{}日内向{}申请行政复议，或者在{}个月内依法向人民法院提起行政诉讼。",
        appeal.reconsideration_days.value,
        appeal.reconsideration_body,
        appeal.litigation_months.value
    );
    out.extend(paragraph(&rights, 4, 0));
    out.extend(paragraph(&format!("监督电话：{}", office.hotline), 4, 0));
    out.push(String::new());
    out.push(right(&office.name));
    out.push(right(&cn(on)));
    out.push(String::new());
    out.push("签收人：__________    签收日期：____年__月__日".to_string());
    Some(out)
}
