//! A new application to save: a copy of a sampled household with new ids and new ID
//! numbers (from another district code, so they never collide with the generated ones),
//! and a freshly submitted case. Both stores save the same records.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use safetynet::domain::case::{Case, CaseId, Channel, Stage};
use safetynet::domain::household::{Household, HouseholdId};
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::audit::case_target;
use safetynet::store::AuditEntry;

/// District code of the saved applicants' ID numbers (the generator uses 610203).
const REGION: u32 = 610_299;

/// Applications saved per run. Run `r` saves applications `r * SAVES ..`, so a second
/// run on the same store (the one pinned to one core) never reuses an ID number.
pub const SAVES: usize = 200;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(9, 0, 0).unwrap_or_default()
}

/// The `k`th application: household `hid` and case `cid` modelled on `template`.
pub fn fresh(
    template: &Household,
    case_template: &Case,
    hid: u64,
    cid: u64,
    k: usize,
) -> anyhow::Result<(Household, Case, AuditEntry)> {
    let mut h = template.clone();
    h.id = HouseholdId(hid);
    h.rev = 0;
    let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or_default();
    for (j, m) in h.members.iter_mut().enumerate() {
        // A new birth date per application and member keeps every number unique.
        let birth = base + Duration::days((k * 10 + j) as i64);
        let seq = if j % 2 == 0 { 1 } else { 2 };
        m.id = ResidentId::compose(REGION, birth, seq)
            .ok_or_else(|| anyhow::anyhow!("cannot compose an ID number for {birth}"))?;
    }
    let mut c = case_template.clone();
    c.id = CaseId(cid);
    c.rev = 0;
    c.household = h.id;
    c.town = h.town;
    c.number = None;
    c.channel = Channel::OwnApplication;
    c.stage = Stage::Submitted;
    c.applied_on = today();
    c.accepted_on = None;
    c.deadline = None;
    c.investigation = None;
    c.review = None;
    c.decided_on = None;
    c.history = Vec::new();
    let audit = AuditEntry::new(now(), "bench-clerk", "case.submit", case_target(cid));
    Ok((h, c, audit))
}
