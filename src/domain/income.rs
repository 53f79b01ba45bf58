//! Income items, rigid expenditures and assets. Income is counted per year.

use crate::domain::label::Label;
use crate::domain::money::Money;
use crate::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// Kinds of household income (家庭收入).
    pub enum IncomeKind {
        Wages => ("工资性收入", "wages"),
        Business => ("经营净收入", "net business income"),
        Property => ("财产净收入", "property income"),
        Transfer => ("转移净收入", "transfers"),
        Land => ("土地收益", "land income"),
        FarmSubsidy => ("惠农补贴", "farm subsidies"),
        Support => ("赡养/抚养/扶养费", "support from legal supporters"),
        Other => ("其他收入", "other income"),
    }
}

labelled_enum! {
    /// How often an amount is received or spent.
    pub enum Period {
        Monthly => ("每月", "per month"),
        Yearly => ("每年", "per year"),
    }
}

/// An amount per period, annualised explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub money: Money,
    pub period: Period,
}

impl Amount {
    pub fn monthly(money: Money) -> Amount {
        Amount {
            money,
            period: Period::Monthly,
        }
    }

    pub fn yearly(money: Money) -> Amount {
        Amount {
            money,
            period: Period::Yearly,
        }
    }

    /// The amount per year; monthly amounts are multiplied by 12, never the other way round.
    pub fn annual(self) -> Money {
        match self.period {
            Period::Monthly => self.money.times(12),
            Period::Yearly => self.money,
        }
    }
}

/// A negative amount where the measures allow none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NegativeError {
    #[error("{} cannot be negative (only net business income can be a loss)", .0.en())]
    Income(IncomeKind),
    #[error("an expenditure cannot be negative")]
    Expense,
    #[error("an asset's value cannot be negative")]
    Asset,
}

impl NegativeError {
    pub fn zh(&self) -> String {
        match self {
            NegativeError::Income(kind) => {
                format!("{}不能为负数（只有经营净收入可以是亏损）", kind.zh())
            }
            NegativeError::Expense => "支出金额不能为负数".into(),
            NegativeError::Asset => "财产价值不能为负数".into(),
        }
    }
}

impl IncomeKind {
    /// Net business income (经营净收入) is the one kind that can be a loss.
    pub fn may_be_negative(self) -> bool {
        self == IncomeKind::Business
    }
}

/// One source of income, of one member or of the whole household. Deserialising
/// refuses a negative amount except for net business income.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawIncomeItem")]
pub struct IncomeItem {
    pub kind: IncomeKind,
    /// Index into the household's members; `None` for household-level income (land, subsidies).
    pub member: Option<usize>,
    pub amount: Amount,
    pub note: String,
}

impl IncomeItem {
    /// Refuse a negative amount except for a business loss.
    pub fn validate(&self) -> Result<(), NegativeError> {
        if self.amount.money.is_negative() && !self.kind.may_be_negative() {
            return Err(NegativeError::Income(self.kind));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawIncomeItem {
    kind: IncomeKind,
    member: Option<usize>,
    amount: Amount,
    note: String,
}

impl TryFrom<RawIncomeItem> for IncomeItem {
    type Error = NegativeError;
    fn try_from(r: RawIncomeItem) -> Result<IncomeItem, NegativeError> {
        let item = IncomeItem {
            kind: r.kind,
            member: r.member,
            amount: r.amount,
            note: r.note,
        };
        item.validate()?;
        Ok(item)
    }
}

labelled_enum! {
    /// Rigid expenditures (刚性支出).
    pub enum ExpenseKind {
        Medical => ("医疗自付", "medical out-of-pocket"),
        Education => ("教育", "education"),
        Care => ("照护", "care"),
    }
}

/// A rigid expenditure; never negative (checked when deserialised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawRigidExpense")]
pub struct RigidExpense {
    pub kind: ExpenseKind,
    pub member: Option<usize>,
    pub amount: Amount,
    pub note: String,
}

impl RigidExpense {
    pub fn validate(&self) -> Result<(), NegativeError> {
        if self.amount.money.is_negative() {
            return Err(NegativeError::Expense);
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawRigidExpense {
    kind: ExpenseKind,
    member: Option<usize>,
    amount: Amount,
    note: String,
}

impl TryFrom<RawRigidExpense> for RigidExpense {
    type Error = NegativeError;
    fn try_from(r: RawRigidExpense) -> Result<RigidExpense, NegativeError> {
        let e = RigidExpense {
            kind: r.kind,
            member: r.member,
            amount: r.amount,
            note: r.note,
        };
        e.validate()?;
        Ok(e)
    }
}

labelled_enum! {
    /// Household assets (家庭财产).
    pub enum AssetKind {
        Deposit => ("存款/理财", "deposits"),
        Vehicle => ("机动车辆", "vehicles"),
        Housing => ("房产", "housing"),
        Business => ("经营性资产", "business assets"),
        Securities => ("有价证券", "securities"),
        Other => ("其他财产", "other"),
    }
}

/// An asset; its value is never negative (checked when deserialised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAsset")]
pub struct Asset {
    pub kind: AssetKind,
    /// How many (vehicles, dwellings); 1 for deposits.
    pub count: u32,
    /// Total value.
    pub value: Money,
    pub note: String,
}

impl Asset {
    pub fn validate(&self) -> Result<(), NegativeError> {
        if self.value.is_negative() {
            return Err(NegativeError::Asset);
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawAsset {
    kind: AssetKind,
    count: u32,
    value: Money,
    note: String,
}

impl TryFrom<RawAsset> for Asset {
    type Error = NegativeError;
    fn try_from(r: RawAsset) -> Result<Asset, NegativeError> {
        let a = Asset {
            kind: r.kind,
            count: r.count,
            value: r.value,
            note: r.note,
        };
        a.validate()?;
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_amounts_are_annualised() {
        assert_eq!(
            Amount::monthly(Money::from_yuan(998)).annual(),
            Money::from_yuan(11_976)
        );
        assert_eq!(
            Amount::yearly(Money::from_yuan(8978)).annual(),
            Money::from_yuan(8978)
        );
    }

    /// Issue 17 point 4: a negative deposit cancelled a positive one.
    #[test]
    fn negative_amounts_are_refused_when_read_except_a_business_loss() {
        let asset = r#"{"kind":"Deposit","count":1,"value":-100000,"note":""}"#;
        assert!(serde_json::from_str::<Asset>(asset).is_err());
        let asset = r#"{"kind":"Deposit","count":1,"value":100000,"note":""}"#;
        assert!(serde_json::from_str::<Asset>(asset).is_ok());
        let expense =
            r#"{"kind":"Medical","member":null,"amount":{"money":-5,"period":"Yearly"},"note":""}"#;
        assert!(serde_json::from_str::<RigidExpense>(expense).is_err());
        let wages =
            r#"{"kind":"Wages","member":0,"amount":{"money":-5,"period":"Monthly"},"note":""}"#;
        assert!(serde_json::from_str::<IncomeItem>(wages).is_err());
        let loss =
            r#"{"kind":"Business","member":0,"amount":{"money":-5,"period":"Monthly"},"note":""}"#;
        assert!(serde_json::from_str::<IncomeItem>(loss).is_ok());
        assert_eq!(NegativeError::Asset.zh(), "财产价值不能为负数");
    }
}
