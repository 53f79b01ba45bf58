//! The household figures of the dashboard that open as a list (drill-down), and the
//! monitoring line they are judged by. Pure: the caseload counts these figures and the
//! store keeps an index entry per household and figure, both from [`figures_of`], so a
//! figure and the list it opens always agree.

use serde::{Deserialize, Serialize};

use crate::domain::category::{Category, Tag};
use crate::domain::glossary;
use crate::domain::household::Household;
use crate::domain::indicators::Safety;
use crate::domain::member::LabourCapacity;
use crate::domain::money::Money;
use crate::domain::standards::StandardSet;
use crate::domain::town::Area;
use crate::labelled_enum;

labelled_enum! {
    /// A count of households in the low-income population.
    pub enum Figure {
        Destitute => glossary::DESTITUTE,
        Dibao => glossary::DIBAO,
        DibaoMarginal => glossary::DIBAO_MARGINAL,
        RigidExpense => glossary::RIGID_EXPENSE,
        OtherHardship => glossary::OTHER_HARDSHIP,
        RelapseWatch => ("防返贫监测户", "relapse watch"),
        UnsafeHousing => ("住房不安全", "unsafe housing"),
        UnsafeWater => ("饮水不安全", "unsafe water"),
        NoLabourCapacity => ("含无劳力成员", "no labour capacity"),
        SeriousIllnessOrDisability => ("含重病重残成员", "ill or disabled"),
        BelowMonitoringLine => ("收入低于监测线", "below monit. line"),
    }
}

impl Figure {
    pub fn of_category(c: Category) -> Figure {
        match c {
            Category::Destitute => Figure::Destitute,
            Category::Dibao => Figure::Dibao,
            Category::DibaoMarginal => Figure::DibaoMarginal,
            Category::RigidExpense => Figure::RigidExpense,
            Category::OtherHardship => Figure::OtherHardship,
        }
    }

    /// The monitoring indicators (seed §8), in dashboard order.
    pub const INDICATORS: [Figure; 5] = [
        Figure::UnsafeHousing,
        Figure::UnsafeWater,
        Figure::NoLabourCapacity,
        Figure::SeriousIllnessOrDisability,
        Figure::BelowMonitoringLine,
    ];
}

/// The monitoring line (= the marginal-family standard) per person per year, by area,
/// as in force from `from`. Rural standards are stated per year, urban per month (× 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringLines {
    pub from: chrono::NaiveDate,
    pub urban_yearly: Money,
    pub rural_yearly: Money,
}

impl MonitoringLines {
    pub fn of(set: &StandardSet) -> MonitoringLines {
        MonitoringLines {
            from: set.from,
            urban_yearly: set.urban.yearly_total(set.urban.marginal.value, 1),
            rural_yearly: set.rural.yearly_total(set.rural.marginal.value, 1),
        }
    }

    fn yearly(&self, area: Area) -> Money {
        match area {
            Area::Urban => self.urban_yearly,
            Area::Rural => self.rural_yearly,
        }
    }

    /// Household per-capita income below the line, compared on totals (annual income <
    /// line × members, no rounding). A household with urban and rural members is judged
    /// by the higher line (就高就宽).
    pub fn below(&self, h: &Household) -> bool {
        let members = h.size() as i64;
        if members == 0 {
            return false;
        }
        let line = h
            .members
            .iter()
            .map(|m| self.yearly(m.area))
            .chain([self.yearly(h.area)])
            .max()
            .unwrap_or(Money::ZERO);
        h.annual_income().max(Money::ZERO) < line.times(members)
    }
}

/// The figures a household counts in: none outside the low-income population (no
/// confirmed category); `BelowMonitoringLine` only when the line is known.
pub fn figures_of(h: &Household, lines: Option<&MonitoringLines>) -> Vec<Figure> {
    let Some(category) = h.standing.category else {
        return Vec::new();
    };
    let mut out = vec![Figure::of_category(category)];
    if h.standing.tags.contains(&Tag::RelapseWatch) {
        out.push(Figure::RelapseWatch);
    }
    if h.indicators.housing == Safety::Unsafe {
        out.push(Figure::UnsafeHousing);
    }
    if h.indicators.drinking_water == Safety::Unsafe {
        out.push(Figure::UnsafeWater);
    }
    if h.members.iter().any(|m| m.labour == LabourCapacity::None) {
        out.push(Figure::NoLabourCapacity);
    }
    if h.members
        .iter()
        .any(|m| m.seriously_ill() || m.severely_disabled())
    {
        out.push(Figure::SeriousIllnessOrDisability);
    }
    if lines.is_some_and(|l| l.below(h)) {
        out.push(Figure::BelowMonitoringLine);
    }
    out
}

#[cfg(test)]
mod tests;
