//! Legal obligors (法定赡养、抚养、扶养义务人): the people the Civil Code obliges to
//! support a member — a spouse, grown children, parents, and in their absence
//! grandchildren, grandparents and siblings. Most live outside the household. They do
//! not count in its size; what they pay counts as income; whether they are able to
//! support decides the destitute test (《特困人员认定办法》第四条第（三）项, 第八条).

use crate::domain::income::Amount;
use crate::domain::money::Money;
use crate::domain::resident_id::ResidentId;
use crate::labelled_enum;
use serde::{Deserialize, Serialize};

labelled_enum! {
    /// How the obligor is related to the member they are obliged to support
    /// (民法典 第一千零五十九条、第一千零六十七条、第一千零七十四条、第一千零七十五条).
    pub enum ObligorRelation {
        Spouse => ("配偶", "spouse"),
        Child => ("子女", "child"),
        Parent => ("父母", "parent"),
        Grandchild => ("孙子女、外孙子女", "grandchild"),
        Grandparent => ("祖父母、外祖父母", "grandparent"),
        Sibling => ("兄弟姐妹", "sibling"),
    }
}

labelled_enum! {
    /// Why an obligor is unable to fulfil the duty: the list of
    /// 《特困人员认定办法》（民发〔2021〕43号）第八条.
    pub enum Inability {
        Destitute => ("本人为特困人员", "is a destitute person"),
        DibaoElderly => ("60周岁以上的最低生活保障对象", "dibao recipient aged 60 or over"),
        ElderlyLowIncome => (
            "70周岁以上，本人收入低于上年人均可支配收入，财产符合规定",
            "aged 70 or over, own income below last year's per-capita disposable income, assets within limits"
        ),
        SevereDisabilityLowIncome => (
            "重度残疾或三级智力、精神残疾，本人收入低于上年人均可支配收入，财产符合规定",
            "severely disabled or grade-3 intellectual/mental disability, own income below last year's per-capita disposable income, assets within limits"
        ),
        NoCivilCapacity => ("无民事行为能力，财产符合规定", "without civil capacity, assets within limits"),
        Missing => ("被宣告失踪，财产符合规定", "declared missing, assets within limits"),
        InPrison => ("在监狱服刑，财产符合规定", "serving a prison sentence, assets within limits"),
        Province => ("省级规定的其他情形", "another case the province lists"),
    }
}

impl Inability {
    /// The item of 第八条 ("（一）" … "（六）") and the clause key in `standards.toml`.
    pub fn item(self) -> &'static str {
        match self {
            Inability::Destitute => "（一）",
            Inability::DibaoElderly => "（二）",
            Inability::ElderlyLowIncome => "（三）",
            Inability::SevereDisabilityLowIncome => "（四）",
            Inability::NoCivilCapacity | Inability::Missing | Inability::InPrison => "（五）",
            Inability::Province => "（六）",
        }
    }

    /// The item as English cites it: "(5)" for "（五）".
    pub fn item_en(self) -> &'static str {
        match self {
            Inability::Destitute => "(1)",
            Inability::DibaoElderly => "(2)",
            Inability::ElderlyLowIncome => "(3)",
            Inability::SevereDisabilityLowIncome => "(4)",
            Inability::NoCivilCapacity | Inability::Missing | Inability::InPrison => "(5)",
            Inability::Province => "(6)",
        }
    }

    /// Whether the item requires the obligor's assets to be within the limits.
    pub fn needs_assets_within_limits(self) -> bool {
        matches!(
            self,
            Inability::ElderlyLowIncome
                | Inability::SevereDisabilityLowIncome
                | Inability::NoCivilCapacity
                | Inability::Missing
                | Inability::InPrison
        )
    }

    /// Whether the item requires own income below last year's disposable income.
    pub fn needs_low_income(self) -> bool {
        matches!(
            self,
            Inability::ElderlyLowIncome | Inability::SevereDisabilityLowIncome
        )
    }
}

/// One legal obligor of one member, as the clerk recorded them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawObligor")]
pub struct Obligor {
    /// Index of the member they are obliged to support.
    pub supports: usize,
    pub relation: ObligorRelation,
    pub name: String,
    pub id: Option<ResidentId>,
    /// Lives in the household (then a member: their income is already the household's,
    /// and what they hand over is not counted twice).
    pub lives_in_household: bool,
    /// `None`: able to support; `Some(reason)`: unable, for that reason of 第八条.
    pub unable: Option<Inability>,
    /// Support actually paid (赡养费、抚养费、扶养费), per month or per year.
    pub paid: Amount,
    /// The obligor's own yearly income, where the reason turns on it (第八条（三）（四）).
    pub own_income_yearly: Option<Money>,
    /// The obligor's assets are within the local limits (第八条（三）（四）（五）).
    pub assets_within_limits: bool,
    pub note: String,
}

/// What is wrong with a recorded obligor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ObligorError {
    #[error("the obligor needs a name")]
    NoName,
    #[error("support paid cannot be negative")]
    NegativePaid,
    #[error("the obligor's own income cannot be negative")]
    NegativeIncome,
}

impl ObligorError {
    pub fn zh(&self) -> String {
        match self {
            ObligorError::NoName => "请填写义务人姓名".into(),
            ObligorError::NegativePaid => "实际给付的赡养（抚养、扶养）费不能为负数".into(),
            ObligorError::NegativeIncome => "义务人本人收入不能为负数".into(),
        }
    }
}

impl Obligor {
    pub fn validate(&self) -> Result<(), ObligorError> {
        if self.name.trim().is_empty() {
            return Err(ObligorError::NoName);
        }
        if self.paid.money.is_negative() {
            return Err(ObligorError::NegativePaid);
        }
        if self.own_income_yearly.is_some_and(Money::is_negative) {
            return Err(ObligorError::NegativeIncome);
        }
        Ok(())
    }

    /// What the obligor pays per year, counted as household income when they live
    /// elsewhere.
    pub fn paid_yearly(&self) -> Money {
        self.paid.annual()
    }

    /// "子女 张大（户外）".
    pub fn label_zh(&self) -> String {
        use crate::domain::label::Label;
        let lives = if self.lives_in_household {
            "同户"
        } else {
            "户外"
        };
        format!("{} {}（{lives}）", self.relation.zh(), self.name)
    }

    /// "child 张大 (lives elsewhere)".
    pub fn label_en(&self) -> String {
        use crate::domain::label::Label;
        let lives = if self.lives_in_household {
            "same household"
        } else {
            "lives elsewhere"
        };
        format!("{} {} ({lives})", self.relation.en(), self.name)
    }
    /// The whole record in one line, for the case's corrections and the audit trail:
    /// "子女 张大（户外）；有能力；每月给付 0.00 元" (the reason, own income, assets and
    /// note follow when recorded).
    pub fn summary_zh(&self) -> String {
        use crate::domain::label::Label;
        let mut parts = vec![self.label_zh()];
        if let Some(id) = &self.id {
            parts.push(format!("身份证号 {}", id.masked()));
        }
        parts.push(match self.unable {
            None => "有能力".to_string(),
            Some(r) => format!("无能力：{}（第八条{}）", r.zh(), r.item()),
        });
        parts.push(format!(
            "{}给付 {} 元",
            self.paid.period.zh(),
            self.paid.money.plain()
        ));
        if let Some(m) = self.own_income_yearly {
            parts.push(format!("本人年收入 {} 元", m.plain()));
        }
        if self.assets_within_limits {
            parts.push("财产符合规定".into());
        }
        if !self.note.trim().is_empty() {
            parts.push(format!("备注 {}", self.note.trim()));
        }
        parts.join("；")
    }
}

#[derive(Deserialize)]
struct RawObligor {
    supports: usize,
    relation: ObligorRelation,
    name: String,
    id: Option<ResidentId>,
    lives_in_household: bool,
    unable: Option<Inability>,
    paid: Amount,
    own_income_yearly: Option<Money>,
    assets_within_limits: bool,
    note: String,
}

impl TryFrom<RawObligor> for Obligor {
    type Error = ObligorError;
    fn try_from(r: RawObligor) -> Result<Obligor, ObligorError> {
        let o = Obligor {
            supports: r.supports,
            relation: r.relation,
            name: r.name,
            id: r.id,
            lives_in_household: r.lives_in_household,
            unable: r.unable,
            paid: r.paid,
            own_income_yearly: r.own_income_yearly,
            assets_within_limits: r.assets_within_limits,
            note: r.note,
        };
        o.validate()?;
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn son() -> Obligor {
        Obligor {
            supports: 0,
            relation: ObligorRelation::Child,
            name: "张大".into(),
            id: None,
            lives_in_household: false,
            unable: None,
            paid: Amount::monthly(Money::ZERO),
            own_income_yearly: None,
            assets_within_limits: false,
            note: String::new(),
        }
    }

    #[test]
    fn a_recorded_obligor_validates_when_read() {
        let json = serde_json::to_string(&son()).expect("serialises");
        assert_eq!(serde_json::from_str::<Obligor>(&json).ok(), Some(son()));
        let mut bad = son();
        bad.paid = Amount::monthly(Money::from_yuan(-1));
        let json = serde_json::to_string(&bad).expect("serialises");
        assert!(serde_json::from_str::<Obligor>(&json).is_err());
        bad = son();
        bad.name = " ".into();
        assert_eq!(bad.validate(), Err(ObligorError::NoName));
        assert_eq!(son().label_zh(), "子女 张大（户外）");
        assert_eq!(
            son().summary_zh(),
            "子女 张大（户外）；有能力；每月给付 0.00 元"
        );
        let mut jailed = son();
        jailed.unable = Some(Inability::InPrison);
        jailed.assets_within_limits = true;
        assert_eq!(
            jailed.summary_zh(),
            "子女 张大（户外）；无能力：在监狱服刑，财产符合规定（第八条（五））；每月给付 0.00 元；财产符合规定"
        );
    }

    #[test]
    fn each_reason_names_its_item_of_article_8() {
        assert_eq!(Inability::DibaoElderly.item(), "（二）");
        assert_eq!(Inability::InPrison.item(), "（五）");
        for r in Inability::ALL {
            let n = r.item_en().trim_matches(['(', ')']);
            assert!(r.item().contains(
                ["一", "二", "三", "四", "五", "六"][n.parse::<usize>().expect("digit") - 1]
            ));
        }
        assert!(Inability::ElderlyLowIncome.needs_low_income());
        assert!(!Inability::Destitute.needs_assets_within_limits());
    }
}
