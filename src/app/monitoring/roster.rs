//! The monitoring roster, derived on the spot from the households, their decided cases,
//! exits, readings and alerts (never a list kept by hand), with the indicators it can be
//! filtered by. One pass over each tree; fast enough for a district of 100,000.

use chrono::NaiveDate;

use super::reading::exit_fact;
use super::{rules, standards};
use crate::app::figure_cache::{self, FigureCache};
use crate::app::session::Actor;
use crate::app::{AppError, Services};
use crate::domain::case::Stage;
use crate::domain::category::Category;
use crate::domain::household::{Household, HouseholdId};
use crate::domain::indicators::Safety;
use crate::domain::monitoring::{
    income_test, membership, overdue_test, ExitFact, Flag, Group, Membership, Reading, RosterFacts,
    Snapshot,
};
use crate::domain::town::Town;
use crate::store::monitoring::Facts;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RosterFilter {
    pub town: Option<Town>,
    pub group: Option<Group>,
    pub flag: Option<Flag>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub household: HouseholdId,
    pub town: Town,
    pub village: String,
    pub head: String,
    pub size: usize,
    pub category: Option<Category>,
    pub groups: Vec<Group>,
    pub flags: Vec<Flag>,
    /// The day it leaves the roster by itself (an exit being its only reason).
    pub leaves_on: Option<NaiveDate>,
    pub taper_until: Option<NaiveDate>,
    pub last_reading: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    /// The rows the filter keeps, by town then household.
    pub rows: Vec<RosterRow>,
    /// Households on the roster in the actor's towns (and the filter's town), before the
    /// group and indicator filters.
    pub total: usize,
    /// Indexed by `Group::index()` and `Flag::index()`, over `total`.
    pub by_group: Vec<usize>,
    pub by_flag: Vec<usize>,
    /// An indicator that could not be worked out (no standard in force): (zh, en).
    pub warning: Option<(String, String)>,
}

/// One household as the rules see it.
pub(crate) struct Seen<'a> {
    pub household: Household,
    pub membership: Membership,
    pub latest: Snapshot,
    pub last_reading: Option<&'a Reading>,
    /// The day the last reading was due from: the last reading, or the latest of the
    /// confirmation, the exit and the decided application.
    pub reference: Option<NaiveDate>,
}

/// Visit every household on the roster on `today`.
pub(crate) fn walk<'a>(
    services: &Services,
    facts: &'a Facts,
    today: NaiveDate,
    mut f: impl FnMut(Seen<'a>) -> Result<(), AppError>,
) -> Result<(), AppError> {
    services
        .store
        .for_each_household(|h: Household| -> Result<(), AppError> {
            let exits = facts.exits.get(&h.id);
            let exit_facts: Vec<ExitFact> = exits
                .map(|e| e.iter().map(exit_fact).collect())
                .unwrap_or_default();
            let decided = facts.decided.get(&h.id);
            let m = membership(
                RosterFacts {
                    standing: &h.standing,
                    rejected: decided.is_some_and(|(_, s, _)| *s == Stage::Rejected),
                    exits: &exit_facts,
                },
                today,
            );
            if !m.on_roster() {
                return Ok(());
            }
            let last_reading = facts.latest_reading.get(&h.id);
            let reference = match last_reading {
                Some(r) => Some(r.date),
                None => [
                    h.standing.since,
                    exits.and_then(|e| e.iter().map(|e| e.decided_on).max()),
                    decided.map(|(_, _, d)| *d),
                ]
                .into_iter()
                .flatten()
                .max(),
            };
            let latest = last_reading.map_or_else(|| Snapshot::of_household(&h), Reading::snapshot);
            f(Seen {
                household: h,
                membership: m,
                latest,
                last_reading,
                reference,
            })
        })
}

/// The roster in the actor's towns, filtered.
pub fn roster(
    services: &Services,
    actor: &Actor,
    filter: RosterFilter,
) -> Result<Roster, AppError> {
    actor.permit(crate::domain::access::Permission::ReadMonitoring)?;
    counted(services, actor, filter)
}

/// The roster for the dashboard's counts: figures only, shown to every role.
fn counted(services: &Services, actor: &Actor, filter: RosterFilter) -> Result<Roster, AppError> {
    let stamp = figure_cache::stamp(services)?;
    let today = services.today();
    let facts = services.store.monitoring_facts()?;
    let rules = rules(services)?;
    let standards = standards(services)?;
    let town = actor.town.or(filter.town);
    let mut out = Roster {
        by_group: vec![0; Group::ALL.len()],
        by_flag: vec![0; Flag::ALL.len()],
        ..Roster::default()
    };
    walk(services, &facts, today, |seen| {
        let h = &seen.household;
        if town.is_some_and(|t| t != h.town) {
            return Ok(());
        }
        let mut flags = Vec::new();
        match income_test(&rules, &standards, h, &seen.latest, today) {
            Ok(Some(_)) => flags.push(Flag::BelowLine),
            Ok(None) => {}
            Err(e) => out.warning = Some((e.zh(), e.to_string())),
        }
        if seen.latest.housing == Safety::Unsafe {
            flags.push(Flag::UnsafeHousing);
        }
        if seen.latest.drinking_water == Safety::Unsafe {
            flags.push(Flag::UnsafeWater);
        }
        if seen.latest.able == 0 {
            flags.push(Flag::NoLabour);
        }
        if overdue_test(&rules, seen.reference, today).is_some() {
            flags.push(Flag::Overdue);
        }
        if facts.open_alerts.get(&h.id).is_some_and(|n| *n > 0) {
            flags.push(Flag::OpenAlert);
        }
        if seen.membership.taper_until.is_some() {
            flags.push(Flag::Taper);
        }
        out.total += 1;
        for g in &seen.membership.groups {
            out.by_group[g.index()] += 1;
        }
        for f in &flags {
            out.by_flag[f.index()] += 1;
        }
        let keep = filter.group.is_none_or(|g| seen.membership.has(g))
            && filter.flag.is_none_or(|f| flags.contains(&f));
        if keep {
            out.rows.push(RosterRow {
                household: h.id,
                town: h.town,
                village: h.village.clone(),
                head: h.head_name().to_string(),
                size: h.size(),
                category: h.standing.category,
                groups: seen.membership.groups.clone(),
                flags,
                leaves_on: seen.membership.leaves_on(),
                taper_until: seen.membership.taper_until,
                last_reading: seen.last_reading.map(|r| r.date),
            });
        }
        Ok(())
    })?;
    out.rows.sort_by_key(|r| (r.town, r.household));
    if filter.group.is_none() && filter.flag.is_none() && filter.town.is_none() {
        remember(services, actor, stamp, &out);
    }
    Ok(out)
}

/// The roster counts last worked out for each scope (no rows), and for which store state.
static COUNTS: FigureCache<Roster> = FigureCache::new();

fn remember(services: &Services, actor: &Actor, stamp: figure_cache::Stamp, r: &Roster) {
    let counts = Roster {
        rows: Vec::new(),
        ..r.clone()
    };
    COUNTS.put(services, actor.town, stamp, counts);
}

/// The roster's counts as last computed for the store as it is now (no write since),
/// without computing them.
pub fn cached_counts(services: &Services, actor: &Actor) -> Result<Option<Roster>, AppError> {
    let stamp = figure_cache::stamp(services)?;
    Ok(COUNTS
        .get(services, actor.town, stamp)
        .map(|r| figures_only(actor, r)))
}

/// Whoever may not read the roster gets its counts without the rows (names, villages).
fn figures_only(actor: &Actor, mut r: Roster) -> Roster {
    if !actor.may(crate::domain::access::Permission::ReadMonitoring) {
        r.rows.clear();
    }
    r
}

/// The roster's counts only (no rows): computed once per store state and day, and
/// again after any write.
pub fn roster_counts(services: &Services, actor: &Actor) -> Result<Roster, AppError> {
    if let Some(r) = cached_counts(services, actor)? {
        return Ok(r);
    }
    counted(services, actor, RosterFilter::default()).map(|r| figures_only(actor, r))
}
