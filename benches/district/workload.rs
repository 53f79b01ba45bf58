//! The lookups both stores answer: households sampled evenly from the generated
//! district, and what a clerk types to find each of them, one keystroke at a time.

use serde::{Deserialize, Serialize};

use safetynet::app::Services;
use safetynet::domain::household::{Household, HouseholdId};
use safetynet::domain::member::Relation;

/// One household to look up, and the texts that should find it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Target {
    pub household: u64,
    pub name: String,
    /// Pinyin initials of the name (first reading of each character): `zw` for 张伟.
    pub initials: String,
    pub resident_id: String,
    pub case_number: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workload {
    pub households: u64,
    pub targets: Vec<Target>,
}

/// Results the lookup box asks for on every keystroke (`tui::screens::lookup::LIMIT`).
pub const LIMIT: usize = 50;

/// Households to look up per size.
pub const TARGETS: u64 = 200;

/// The generator numbers households 1, 3, 5, …: the `n`th is `2n + 1`.
pub fn household_id(n: u64) -> HouseholdId {
    HouseholdId(2 * n + 1)
}

pub fn head(h: &Household) -> Option<&safetynet::domain::member::Member> {
    h.members
        .iter()
        .find(|m| m.relation == Relation::Head)
        .or(h.members.first())
}

/// Initials of the most common reading of a name, as a clerk would type them.
pub fn initials(name: &str) -> String {
    safetynet::domain::search_keys::name_pinyin(name)
        .1
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Sample `TARGETS` households spread over the whole store.
pub fn sample(services: &Services, households: u64) -> anyhow::Result<Workload> {
    let store = &services.store;
    let step = (households / TARGETS).max(1);
    let mut targets = Vec::new();
    for i in 0..TARGETS.min(households) {
        // An odd stride walks every part of the store, not only its start.
        let n = (i * step + (i * 7919) % step) % households;
        let Some(h) = store.household(household_id(n))? else {
            continue;
        };
        let Some(m) = head(&h) else { continue };
        let case_number = store
            .case_ids_of(h.id)?
            .into_iter()
            .filter_map(|c| store.case(c).ok().flatten())
            .find_map(|c| c.number)
            .map(|n| n.to_string());
        targets.push(Target {
            household: h.id.0,
            name: m.name.clone(),
            initials: initials(&m.name),
            resident_id: m.id.as_str().to_string(),
            case_number,
        });
    }
    Ok(Workload {
        households,
        targets,
    })
}

/// What the lookup box holds after each keystroke of typing `text`.
pub fn keystrokes(text: &str) -> Vec<String> {
    text.char_indices()
        .map(|(i, c)| text[..i + c.len_utf8()].to_string())
        .collect()
}

/// The last six characters of an ID number, typed one by one.
pub fn id_tail_keystrokes(id: &str) -> Vec<String> {
    keystrokes(id.get(id.len().saturating_sub(6)..).unwrap_or(id))
}

/// Initials, a space, then the last four characters of the ID number one by one
/// (`wjg 0`, `wjg 00`, `wjg 001`, `wjg 0019`): the keystrokes with two words.
pub fn two_terms_keystrokes(t: &Target) -> Vec<String> {
    let id = &t.resident_id;
    let tail = id.get(id.len().saturating_sub(4)..).unwrap_or(id);
    keystrokes(tail)
        .into_iter()
        .map(|q| format!("{} {q}", t.initials))
        .collect()
}

impl Workload {
    pub fn read(path: &std::path::Path) -> anyhow::Result<Workload> {
        Ok(serde_json::from_slice(&std::fs::read(path)?)?)
    }

    pub fn write(&self, path: &std::path::Path) -> anyhow::Result<()> {
        std::fs::write(path, serde_json::to_vec(self)?)?;
        Ok(())
    }

    /// Every (kind, query) a clerk types, keystroke by keystroke.
    pub fn queries(&self) -> Vec<(Kind, String)> {
        let mut out = Vec::new();
        for t in &self.targets {
            out.extend(keystrokes(&t.name).into_iter().map(|q| (Kind::Name, q)));
            out.extend(
                keystrokes(&t.initials)
                    .into_iter()
                    .map(|q| (Kind::Initials, q)),
            );
            out.extend(
                id_tail_keystrokes(&t.resident_id)
                    .into_iter()
                    .map(|q| (Kind::IdTail, q)),
            );
            out.extend(
                two_terms_keystrokes(t)
                    .into_iter()
                    .map(|q| (Kind::TwoTerms, q)),
            );
        }
        out
    }
}

/// The kinds of lookup measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Name,
    Initials,
    IdTail,
    /// Initials and the end of the ID number (`wjg 0019`).
    TwoTerms,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Name, Kind::Initials, Kind::IdTail, Kind::TwoTerms];

    pub fn key(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Initials => "initials",
            Kind::IdTail => "id_tail",
            Kind::TwoTerms => "two_terms",
        }
    }
}
