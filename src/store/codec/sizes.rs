//! What a stored Case and Household spend their bytes on: each field encoded alone (the
//! payload is bincode, positional and unframed, so the parts add up to the whole), averaged
//! over a generated district (fields kept through `domain::compact` measured through it). `cargo test --lib store::codec::sizes -- --nocapture` prints
//! the table; `SIZES_HOUSEHOLDS=10000` measures a larger district. The bounds below fail
//! when a record grows back.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::app::generate::{generate, GenerateOptions};
use crate::domain::case::Case;
use crate::domain::classify::classify;
use crate::domain::compact::{self, Compact};
use crate::domain::household::Household;
use crate::domain::standards::Standards;
use crate::store::{envelope, Store};

fn size<T: Serialize + ?Sized>(value: &T) -> u64 {
    bincode::serde::encode_to_vec(value, bincode::config::standard())
        .map(|b| b.len() as u64)
        .unwrap_or(0)
}

/// A field kept through `compact::one`, measured as the record stores it.
struct One<'a, T>(&'a T);

impl<T: Compact> Serialize for One<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        compact::one::serialize(self.0, s)
    }
}

/// A field kept through `compact::opt`.
struct Opt<'a, T>(&'a Option<T>);

impl<T: Compact> Serialize for Opt<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        compact::opt::serialize(self.0, s)
    }
}

/// An explanation kept through `compact::deflated`.
struct Lines<'a>(&'a [String]);

impl Serialize for Lines<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        compact::deflated::serialize(self.0, s)
    }
}

/// Bytes per part, summed over the records seen.
#[derive(Default)]
struct Tally {
    records: u64,
    parts: BTreeMap<&'static str, u64>,
}

impl Tally {
    fn add<T: Serialize + ?Sized>(&mut self, part: &'static str, value: &T) {
        *self.parts.entry(part).or_default() += size(value);
    }

    fn per_record(&self, part: &str) -> f64 {
        self.parts.get(part).copied().unwrap_or(0) as f64 / self.records.max(1) as f64
    }

    fn table(&self, title: &str) -> String {
        let mut out = format!("{title} ({} records)\n", self.records);
        for (part, bytes) in &self.parts {
            out.push_str(&format!(
                "  {part:<28} {:>8.1}  ({} bytes in all)\n",
                *bytes as f64 / self.records.max(1) as f64,
                bytes
            ));
        }
        out
    }
}

fn tally_case(t: &mut Tally, c: &Case, stored: usize) {
    t.records += 1;
    *t.parts.entry("= stored value").or_default() += stored as u64;
    t.add("id", &c.id);
    t.add("rev", &c.rev);
    t.add("number", &c.number);
    t.add("household", &c.household);
    t.add("town", &c.town);
    t.add("channel", &c.channel);
    t.add("stage", &c.stage);
    t.add("applied_on", &One(&c.applied_on));
    t.add("accepted_on", &Opt(&c.accepted_on));
    t.add("deadline", &Opt(&c.deadline));
    t.add("investigation", &c.investigation);
    if let Some(i) = &c.investigation {
        t.add("investigation.visit_date", &One(&i.visit_date));
        t.add("investigation.investigators", &i.investigators);
        t.add("investigation.findings", &i.findings);
    }
    t.add("review", &c.review);
    if let Some(r) = &c.review {
        t.add("review.explanation", &r.explanation);
        t.add("review.explanation_en", &r.explanation_en);
        t.add("review.reason", &r.reason);
        t.add("review.date", &One(&r.date));
    }
    t.add("decided_on", &Opt(&c.decided_on));
    t.add("history", &c.history);
    for s in &c.history {
        t.add("history.from+to", &(s.from, s.to));
        t.add("history.by", &s.by);
        t.add("history.at", &One(&s.at));
        t.add("history.reason", &s.reason);
    }
    t.add("procedure", &c.procedure);
    t.add("procedure.notices", &c.procedure.notices);
    t.add("procedure.letters", &c.procedure.letters);
    t.add(
        "procedure.objections+appeals",
        &(&c.procedure.objections, &c.procedure.appeals),
    );
    t.add(
        "procedure.effective+benefit",
        &(
            Opt(&c.procedure.effective_on),
            Opt(&c.procedure.benefit_from),
        ),
    );
}

fn tally_household(t: &mut Tally, h: &Household, stored: usize) {
    t.records += 1;
    *t.parts.entry("= stored value").or_default() += stored as u64;
    t.add("id+rev", &(h.id, h.rev));
    t.add("town+area", &(h.town, h.area));
    t.add("village", &h.village);
    t.add("address", &h.address);
    t.add("phone", &h.phone);
    t.add("members", &h.members);
    for m in &h.members {
        t.add("members.name", &m.name);
        t.add("members.id", &One(&m.id));
        t.add(
            "members.enums+flags",
            &(m.relation, m.area, m.labour, m.health, &m.disability),
        );
    }
    t.add("incomes", &h.incomes);
    t.add("expenses", &h.expenses);
    t.add("assets", &h.assets);
    t.add("indicators", &h.indicators);
    t.add("needs", &h.needs);
    t.add("standing", &h.standing);
    t.add("obligors", &h.obligors);
}

/// Tallies of every case and household in a generated district of `households`.
fn measure(households: u64) -> (Tally, Tally) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(&dir.path().join("s")).expect("store");
    let opts = GenerateOptions {
        households,
        seed: 16,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
    };
    generate(&store, opts, |_, _| {}).expect("generate");
    let (mut cases, mut homes) = (Tally::default(), Tally::default());
    let mut by_id = std::collections::HashMap::new();
    for kv in store.households.iter() {
        let (_, v) = kv.expect("household");
        let h: Household = envelope::decode(&v).expect("decode household");
        tally_household(&mut homes, &h, v.len());
        by_id.insert(h.id, h);
    }
    let standards = Standards::bundled().expect("standards");
    for kv in store.cases.iter() {
        let (_, v) = kv.expect("case");
        let c: Case = envelope::decode(&v).expect("decode case");
        tally_case(&mut cases, &c, v.len());
        // The generator leaves the explanation empty; the workflow stores the engine's,
        // in both languages: what that would add to a reviewed case.
        let proposal = c
            .review
            .as_ref()
            .and_then(|_| by_id.get(&c.household))
            .and_then(|h| classify(h, &standards, c.applied_on).ok());
        if let Some(p) = proposal {
            let (zh, en) = (p.explanation_zh(), p.explanation_en());
            cases.add("engine explanation (zh)", &zh);
            cases.add("engine explanation (en)", &en);
            cases.add("engine explanation stored", &(Lines(&zh), Lines(&en)));
            *cases.parts.entry("engine explanation lines").or_default() +=
                p.explanation.len() as u64;
            *cases.parts.entry("engine explanation cases").or_default() += 1;
        }
    }
    (cases, homes)
}

#[test]
fn stored_cases_and_households_stay_small() {
    let n = std::env::var("SIZES_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let (cases, homes) = measure(n);
    println!("{}", cases.table("case"));
    println!("{}", homes.table("household"));
    let case = cases.per_record("= stored value");
    let home = homes.per_record("= stored value");
    assert!(case < CASE_BOUND, "a case is {case:.1} bytes on average");
    assert!(
        home < HOUSEHOLD_BOUND,
        "a household is {home:.1} bytes on average"
    );
    let reviewed = cases.per_record("engine explanation cases");
    let stored = cases.per_record("engine explanation stored") / reviewed;
    let text = (cases.per_record("engine explanation (zh)")
        + cases.per_record("engine explanation (en)"))
        / reviewed;
    println!("a reviewed case's explanation: {text:.0} bytes as lists, {stored:.0} stored");
    assert!(
        stored < EXPLANATION_BOUND,
        "a reviewed case's explanation is stored in {stored:.0} bytes"
    );
}

/// Stored bytes of the engine's explanation (both languages) per reviewed case.
const EXPLANATION_BOUND: f64 = 2000.0;

/// Average stored bytes, just above what the current record versions measure.
const CASE_BOUND: f64 = 315.0;
const HOUSEHOLD_BOUND: f64 = 172.0;
