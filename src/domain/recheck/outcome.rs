//! What a re-check proposes (复核结论): keep the support as it is, change it (增发 /
//! 减发, or another category), let a dibao household taper off (渐退, see monitoring
//! exits), or end it. Pure: the engine's proposal on the re-check figures against what
//! the household has now.

use crate::domain::category::Category;
use crate::domain::money::Money;
use crate::domain::Label;
use crate::labelled_enum;

labelled_enum! {
    /// The re-check's proposal, and what the clerk records.
    pub enum Outcome {
        Keep => ("维持", "keep"),
        Increase => ("增发", "increase"),
        Decrease => ("减发", "decrease"),
        Reclassify => ("变更类别", "change category"),
        Taper => ("渐退", "taper off"),
        End => ("停止救助", "end support"),
    }
}

impl Outcome {
    /// The outcome ends the household's current support (an exit is written).
    pub fn ends_support(self) -> bool {
        matches!(self, Outcome::Taper | Outcome::End)
    }
}

/// Support as it stands, or as the engine finds it on the re-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Support {
    pub category: Option<Category>,
    /// Monthly cash (zero for categories without cash).
    pub benefit: Money,
}

/// The proposal for a household supported as `now` whose re-check figures give `found`.
/// A dibao household found above the dibao standard tapers off (渐退) rather than
/// ending at once; any other household found in no category ends.
pub fn propose(now: Support, found: Support) -> Outcome {
    match (now.category, found.category) {
        (Some(a), Some(b)) if a == b => match found.benefit.cmp(&now.benefit) {
            std::cmp::Ordering::Equal => Outcome::Keep,
            std::cmp::Ordering::Greater => Outcome::Increase,
            std::cmp::Ordering::Less => Outcome::Decrease,
        },
        (Some(Category::Dibao), Some(Category::Destitute)) => Outcome::Reclassify,
        (Some(Category::Dibao), _) => Outcome::Taper,
        (_, None) => Outcome::End,
        (_, Some(_)) => Outcome::Reclassify,
    }
}

/// The first line of the re-check's explanation: what changes, with the numbers.
pub fn headline(outcome: Outcome, now: Support, found: Support) -> (String, String) {
    let cat = |s: Support| {
        s.category
            .map_or(("无".to_string(), "none".to_string()), |c| {
                (c.zh().to_string(), c.en().to_string())
            })
    };
    let (now_zh, now_en) = cat(now);
    let (found_zh, found_en) = cat(found);
    match outcome {
        Outcome::Keep => (
            format!("复核建议：维持{now_zh}，每月 {} 元", now.benefit),
            format!("re-check: keep {now_en}, {} a month", now.benefit),
        ),
        Outcome::Increase | Outcome::Decrease => (
            format!(
                "复核建议：{}，每月 {} 元 → {} 元",
                outcome.zh(),
                now.benefit,
                found.benefit
            ),
            format!(
                "re-check: {} from {} to {} a month",
                outcome.en(),
                now.benefit,
                found.benefit
            ),
        ),
        Outcome::Reclassify => (
            format!(
                "复核建议：由{now_zh}变更为{found_zh}，每月 {} 元 → {} 元",
                now.benefit, found.benefit
            ),
            format!(
                "re-check: change from {now_en} to {found_en}, {} → {} a month",
                now.benefit, found.benefit
            ),
        ),
        Outcome::Taper => (
            format!("复核建议：收入已超过低保标准（测算为{found_zh}），进入渐退期后停止低保"),
            format!(
                "re-check: income above the dibao standard (found {found_en}); taper off, then end"
            ),
        ),
        Outcome::End => (
            format!("复核建议：已不符合{now_zh}条件，停止救助"),
            format!("re-check: no longer {now_en}; end support"),
        ),
    }
}
