//! The monitoring roster (监测范围, seed §8), derived from what the store already knows:
//! confirmed households of every category, relapse-watch households, people lifted out of
//! poverty, applicants who were refused, and households that left dibao or destitute
//! support less than two years ago (they leave the roster on the second anniversary of
//! the day support ended, and the roster says when).

use chrono::NaiveDate;

use super::exit::leaves_roster_on;
use crate::domain::category::Category;
use crate::domain::glossary;
use crate::domain::household::Standing;
use crate::labelled_enum;

labelled_enum! {
    /// Why a household is on the roster; one household may be there for several reasons.
    pub enum Group {
        Confirmed => ("已认定低收入人口", "confirmed low-income"),
        RelapseWatch => glossary::RELAPSE_WATCH,
        LiftedOut => glossary::LIFTED_OUT,
        Rejected => ("申请未通过", "application refused"),
        Exited => ("退出不满两年", "left support < 2 years"),
    }
}

labelled_enum! {
    /// Indicators the roster can be filtered by and the dashboard counts.
    pub enum Flag {
        BelowLine => ("收入风险", "income risk"),
        UnsafeHousing => ("住房不安全", "unsafe housing"),
        UnsafeWater => ("饮水不安全", "unsafe water"),
        NoLabour => ("无劳动能力", "no one able to work"),
        Overdue => ("监测逾期", "reading overdue"),
        OpenAlert => ("有未办结预警", "open alert"),
        Taper => ("渐退期", "in taper period"),
    }
}

/// An exit as the roster needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitFact {
    pub category: Category,
    /// The first day without support.
    pub support_ends: NaiveDate,
    /// Support tapers off until `support_ends`.
    pub taper: bool,
}

/// What the roster rule reads about one household.
#[derive(Debug, Clone, Copy)]
pub struct RosterFacts<'a> {
    pub standing: &'a Standing,
    /// Its latest decided application was refused.
    pub rejected: bool,
    pub exits: &'a [ExitFact],
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Membership {
    /// Empty: not on the roster.
    pub groups: Vec<Group>,
    /// The day the "left support" reason lapses (the household leaves the roster then
    /// unless another reason holds it).
    pub exit_watch_until: Option<NaiveDate>,
    /// The last day of a taper period still running.
    pub taper_until: Option<NaiveDate>,
}

impl Membership {
    pub fn on_roster(&self) -> bool {
        !self.groups.is_empty()
    }

    pub fn has(&self, g: Group) -> bool {
        self.groups.contains(&g)
    }

    /// The day the household leaves the roster by itself: only when the exit is the
    /// one reason it is there.
    pub fn leaves_on(&self) -> Option<NaiveDate> {
        if self.groups == [Group::Exited] {
            self.exit_watch_until
        } else {
            None
        }
    }
}

/// Which groups hold the household on `today`.
pub fn membership(facts: RosterFacts<'_>, today: NaiveDate) -> Membership {
    let s = facts.standing;
    let mut m = Membership::default();
    if s.category.is_some() {
        m.groups.push(Group::Confirmed);
    }
    if s.relapse_watch {
        m.groups.push(Group::RelapseWatch);
    }
    if s.lifted_out_of_poverty {
        m.groups.push(Group::LiftedOut);
    }
    if facts.rejected && s.category.is_none() {
        m.groups.push(Group::Rejected);
    }
    for e in facts.exits {
        if e.taper && e.support_ends > today {
            let last = e.support_ends.pred_opt();
            m.taper_until = m.taper_until.max(last);
        }
        if !matches!(e.category, Category::Dibao | Category::Destitute) {
            continue;
        }
        if let Some(until) = leaves_roster_on(e.support_ends).filter(|d| today < *d) {
            m.exit_watch_until = m.exit_watch_until.max(Some(until));
        }
    }
    if m.exit_watch_until.is_some() {
        m.groups.push(Group::Exited);
    }
    m
}
