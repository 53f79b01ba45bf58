//! The fields of each workflow step, and what they hand to `app::workflow`.

use chrono::NaiveDate;

use crate::app::workflow::{DecisionInput, Fix, InvestigationInput};
use crate::domain::case::{Decision, Mismatch, VerificationSource};
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::income::Amount;
use crate::domain::indicators::{Indicators, Safety};
use crate::domain::Label;
use crate::tui::form::{Field, Form, Kind};

fn date(zh: &'static str, en: &'static str, today: NaiveDate) -> Field {
    Field::new(zh, en, Kind::Date).with_text(&today.to_string())
}

pub fn accept(today: NaiveDate) -> Form {
    Form::new(vec![date("受理日期", "Accepted on", today)])
}

/// 公示异议: who raised it, when it was received, what it says.
pub fn objection(today: NaiveDate) -> Form {
    Form::new(vec![
        Field::new("异议人", "Objector", Kind::Text { required: true }),
        date("收到日期", "Received on", today),
        Field::new("异议内容", "What it says", Kind::Text { required: true }),
    ])
}

pub fn objection_input(form: &Form, today: NaiveDate) -> crate::app::workflow::ObjectionInput {
    let text = |i: usize| form.get(i).map(|f| f.text.clone()).unwrap_or_default();
    crate::app::workflow::ObjectionInput {
        objector: text(0),
        received_on: form.get(1).and_then(|f| f.date()).unwrap_or(today),
        what: text(2),
    }
}

pub fn withdraw() -> Form {
    Form::new(vec![Field::new(
        "撤回理由",
        "Reason",
        Kind::Text { required: true },
    )])
}

/// Fixed fields of the investigation form before the correction fields.
const INV_FIXED: usize = 11;

pub fn investigation(today: NaiveDate, h: &Household) -> Form {
    let text = |zh, en, required| Field::new(zh, en, Kind::Text { required });
    let mut fields = vec![
        date("入户日期", "Visit date", today),
        text("调查人员1", "Investigator 1", true),
        text("调查人员2", "Investigator 2", true),
        text("调查人员3", "Investigator 3", false),
        text("调查情况", "Findings", true),
        text("银行核对差异", "Bank mismatch", false),
        text("车辆核对差异", "Vehicle mismatch", false),
        text("不动产核对差异", "Property mismatch", false),
        text("工商核对差异", "Business mismatch", false),
    ];
    let mut housing = Field::choice_of("住房安全", "Housing safe", Safety::ALL);
    housing.choice = h.indicators.housing.index();
    let mut water = Field::choice_of("饮水安全", "Water safe", Safety::ALL);
    water.choice = h.indicators.drinking_water.index();
    fields.push(housing);
    fields.push(water);
    // One field per income, expense and asset, holding the value as declared: change it
    // to record a correction (the original is kept on the case).
    let money = |zh: String, en: String, value: String| {
        Field::new(zh, en, Kind::Money { required: true }).with_text(&value)
    };
    for (i, item) in h.incomes.iter().enumerate() {
        let (kind, period) = (&item.kind, &item.amount.period);
        fields.push(money(
            format!("收入{} {}/{}", i + 1, kind.zh(), period.zh()),
            format!("Income {} {}/{}", i + 1, kind.en(), period.en()),
            item.amount.money.plain(),
        ));
    }
    for (i, item) in h.expenses.iter().enumerate() {
        let (kind, period) = (&item.kind, &item.amount.period);
        fields.push(money(
            format!("支出{} {}/{}", i + 1, kind.zh(), period.zh()),
            format!("Spending {} {}/{}", i + 1, kind.en(), period.en()),
            item.amount.money.plain(),
        ));
    }
    for (i, item) in h.assets.iter().enumerate() {
        fields.push(money(
            format!("财产{} {}", i + 1, item.kind.zh()),
            format!("Asset {} {}", i + 1, item.kind.en()),
            item.value.plain(),
        ));
    }
    Form::new(fields)
}

pub fn investigation_input(form: &Form, h: &Household, today: NaiveDate) -> InvestigationInput {
    let text = |i: usize| {
        form.get(i)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default()
    };
    let mut mismatches = Vec::new();
    for (i, source) in VerificationSource::ALL.iter().enumerate() {
        let note = text(5 + i);
        if !note.is_empty() {
            mismatches.push(Mismatch {
                source: *source,
                note,
            });
        }
    }
    let safety = |i: usize| {
        let c = form.get(i).map_or(0, |f| f.choice);
        Safety::ALL.get(c).copied().unwrap_or(Safety::Unknown)
    };
    let mut fixes = Vec::new();
    let mut at = INV_FIXED;
    let money = |i: usize| form.get(i).map(Field::money).unwrap_or_default();
    for (index, item) in h.incomes.iter().enumerate() {
        let amount = Amount {
            money: money(at),
            period: item.amount.period,
        };
        if amount != item.amount {
            fixes.push(Fix::Income { index, amount });
        }
        at += 1;
    }
    for (index, item) in h.expenses.iter().enumerate() {
        let amount = Amount {
            money: money(at),
            period: item.amount.period,
        };
        if amount != item.amount {
            fixes.push(Fix::Expense { index, amount });
        }
        at += 1;
    }
    for (index, item) in h.assets.iter().enumerate() {
        if money(at) != item.value {
            fixes.push(Fix::Asset {
                index,
                value: money(at),
            });
        }
        at += 1;
    }
    InvestigationInput {
        visit_date: form.get(0).and_then(Field::date).unwrap_or(today),
        investigators: (1..=3).map(text).filter(|t| !t.is_empty()).collect(),
        findings: text(4),
        mismatches,
        indicators: Indicators {
            housing: safety(9),
            drinking_water: safety(10),
        },
        fixes,
    }
}

pub const DECISION: usize = 0;
pub const CATEGORY: usize = 1;

pub fn review(today: NaiveDate, proposed: Option<Category>) -> Form {
    let mut category = Field::choice_of("认定类别", "Category", Category::ALL);
    category.choice = proposed.map_or(0, Category::index);
    // With no proposed category there is nothing to confirm "as proposed": the form starts
    // at 不予认定 (the reviewer may still choose another category with a reason).
    let mut decision = Field::choice_of("决定", "Decision", Decision::ALL);
    if proposed.is_none() {
        decision.choice = Decision::Reject.index();
    }
    Form::new(vec![
        decision,
        category,
        Field::new("理由", "Reason", Kind::Text { required: false }),
        date("审核日期", "Review date", today),
    ])
}

pub fn decision(form: &Form) -> Decision {
    let c = form.get(DECISION).map_or(0, |f| f.choice);
    Decision::ALL
        .get(c)
        .copied()
        .unwrap_or(Decision::ConfirmAsProposed)
}

pub fn decision_input(form: &Form, today: NaiveDate) -> DecisionInput {
    let decision = decision(form);
    let c = form.get(CATEGORY).map_or(0, |f| f.choice);
    DecisionInput {
        decision,
        category: (decision == Decision::ConfirmOther)
            .then(|| Category::ALL.get(c).copied())
            .flatten(),
        reason: form
            .get(2)
            .map(|f| f.text.trim().to_string())
            .unwrap_or_default(),
        date: form.get(3).and_then(Field::date).unwrap_or(today),
    }
}
