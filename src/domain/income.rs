//! Income items, rigid expenditures and assets. Income is counted per year.

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

/// One source of income, of one member or of the whole household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeItem {
    pub kind: IncomeKind,
    /// Index into the household's members; `None` for household-level income (land, subsidies).
    pub member: Option<usize>,
    pub amount: Amount,
    pub note: String,
}

labelled_enum! {
    /// Rigid expenditures (刚性支出).
    pub enum ExpenseKind {
        Medical => ("医疗自付", "medical out-of-pocket"),
        Education => ("教育", "education"),
        Care => ("照护", "care"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RigidExpense {
    pub kind: ExpenseKind,
    pub member: Option<usize>,
    pub amount: Amount,
    pub note: String,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asset {
    pub kind: AssetKind,
    /// How many (vehicles, dwellings); 1 for deposits.
    pub count: u32,
    /// Total value.
    pub value: Money,
    pub note: String,
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
}
