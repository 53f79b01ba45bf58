//! Steps 3–6: income items, rigid expenditures, assets (rows) and needs (yes/no).
//! Amounts are typed in yuan with their period and kept in fen.

use crate::domain::income::{
    Amount, Asset, AssetKind, ExpenseKind, IncomeItem, IncomeKind, Period, RigidExpense,
};
use crate::domain::need::Need;
use crate::domain::Label;
use crate::tui::form::{Complaint, Field, Form, Kind};
use crate::tui::screens::rows::{pick, yes_no};
use crate::tui::Lang;

const KIND: usize = 0;
/// The member an income or expense belongs to: 0 = the whole household, n = member n.
pub const MEMBER: usize = 1;
const AMOUNT: usize = 2;
const PERIOD: usize = 3;
const NOTE: usize = 4;

/// "全户" and the members' names, for the member column.
pub fn member_options(names: &[String]) -> Vec<(String, String)> {
    let mut out = vec![("全户".to_string(), "household".to_string())];
    for (i, n) in names.iter().enumerate() {
        let n = if n.trim().is_empty() {
            format!("{}", i + 1)
        } else {
            n.clone()
        };
        out.push((n.clone(), n));
    }
    out
}

fn money_row(kind: Field, names: &[String]) -> Form {
    Form::new(vec![
        kind,
        Field::new("成员", "Member", Kind::Choice(member_options(names))),
        Field::new(
            "金额（元）",
            "Amount (yuan)",
            Kind::Money { required: true },
        ),
        Field::choice_of("周期", "Period", Period::ALL),
        Field::new("备注", "Note", Kind::Text { required: false }),
    ])
}

pub fn income_row(names: &[String]) -> Form {
    let mut row = money_row(
        Field::choice_of("收入类别", "Income", IncomeKind::ALL),
        names,
    );
    // A business can make a loss; the row check allows a minus for that kind only.
    if let Some(f) = row.fields.get_mut(AMOUNT) {
        f.signed = true;
    }
    row
}

/// An income row whose amount is negative must be a business's (a loss); the complaint
/// names the amount field.
pub fn check_income(form: &Form) -> Result<(), (usize, Complaint)> {
    let item = income(form);
    if item.amount.money.is_negative() && item.kind != IncomeKind::Business {
        return Err((
            AMOUNT,
            (
                "只有经营净收入可以填负数（经营亏损），其他收入请填0或正数".into(),
                "only net business income can be negative (a loss)".into(),
            ),
        ));
    }
    Ok(())
}

pub fn expense_row(names: &[String]) -> Form {
    money_row(
        Field::choice_of("支出类别", "Expense", ExpenseKind::ALL),
        names,
    )
}

pub fn asset_row() -> Form {
    Form::new(vec![
        Field::choice_of("财产类别", "Asset", AssetKind::ALL),
        Field::new(
            "数量",
            "Count",
            Kind::Count {
                max: 999,
                required: false,
            },
        )
        .with_text("1"),
        Field::new("价值（元）", "Value (yuan)", Kind::Money { required: true }),
        Field::new("备注", "Note", Kind::Text { required: false }),
    ])
}

pub fn needs_form() -> Form {
    Form::new(
        Need::ALL
            .iter()
            .map(|n| Field::new(n.zh(), n.en(), yes_no()))
            .collect(),
    )
}

fn amount(form: &Form) -> Amount {
    Amount {
        money: form.get(AMOUNT).map(Field::money).unwrap_or_default(),
        period: pick(Period::ALL, form, PERIOD, Period::Monthly),
    }
}

fn member(form: &Form) -> Option<usize> {
    form.get(MEMBER)
        .map(|f| f.choice)
        .filter(|c| *c > 0)
        .map(|c| c - 1)
}

fn note(form: &Form, i: usize) -> String {
    form.get(i)
        .map(|f| f.text.trim().to_string())
        .unwrap_or_default()
}

pub fn income(form: &Form) -> IncomeItem {
    IncomeItem {
        kind: pick(IncomeKind::ALL, form, KIND, IncomeKind::Other),
        member: member(form),
        amount: amount(form),
        note: note(form, NOTE),
    }
}

pub fn expense(form: &Form) -> RigidExpense {
    RigidExpense {
        kind: pick(ExpenseKind::ALL, form, KIND, ExpenseKind::Medical),
        member: member(form),
        amount: amount(form),
        note: note(form, NOTE),
    }
}

pub fn asset(form: &Form) -> Asset {
    Asset {
        kind: pick(AssetKind::ALL, form, KIND, AssetKind::Other),
        count: form.get(1).and_then(Field::count).unwrap_or(1),
        value: form.get(2).map(Field::money).unwrap_or_default(),
        note: note(form, 3),
    }
}

pub fn needs(form: &Form) -> Vec<Need> {
    Need::ALL
        .iter()
        .zip(&form.fields)
        .filter(|(_, f)| f.choice == 1)
        .map(|(n, _)| *n)
        .collect()
}

/// One line per row in the list above the form: kind, member, amount, period.
pub fn summary(form: &Form, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    form.fields
        .iter()
        .map(|f| f.shown(zh))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  ")
}
