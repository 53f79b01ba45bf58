//! The same district in SQLite (bundled, WAL, synchronous=FULL), as an engineer would
//! build it: the records as the same versioned bincode blobs, a `terms` table holding
//! the same lookup terms (`domain::search_keys`: names, pinyin and initials over every
//! reading, ID numbers and their last 4–6 characters, case numbers, villages) with a
//! primary key on (kind, term, household), a unique index on members' ID numbers and an
//! index on case numbers. A lookup asks what the sled store is asked: every kind in
//! order of relevance, prefix match, at most `LIMIT` households, then each one's list row.

use std::path::Path;
use std::time::Instant;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use safetynet::app::Services;
use safetynet::domain::case::Case;
use safetynet::domain::case_row::CaseRow;
use safetynet::domain::household::Household;
use safetynet::domain::search_keys::{
    case_keys, household_keys, id_tail_prefix, query_terms, KeyKind,
};
use safetynet::store::envelope::{decode, encode};
use safetynet::store::AuditEntry;

use crate::stats::{ms, Memory, Samples};
use crate::workload::{household_id, Kind, Workload, LIMIT};

const SCHEMA: &str = "
CREATE TABLE households (id INTEGER PRIMARY KEY, town INTEGER, record BLOB);
CREATE TABLE members (resident_id TEXT, household_id INTEGER, name TEXT);
CREATE TABLE cases (id INTEGER PRIMARY KEY, household_id INTEGER, number TEXT, record BLOB,
                    row BLOB);
CREATE TABLE terms (kind INTEGER, term TEXT, household_id INTEGER, town INTEGER,
                    case_id INTEGER, PRIMARY KEY (kind, term, household_id)) WITHOUT ROWID;
CREATE TABLE audit (seq INTEGER PRIMARY KEY, target TEXT, record BLOB);
CREATE TABLE counters (id INTEGER PRIMARY KEY, record BLOB);
";

const INDEXES: &str = "
CREATE UNIQUE INDEX members_resident_id ON members (resident_id);
CREATE INDEX cases_number ON cases (number);
CREATE INDEX cases_household ON cases (household_id, id);
";

fn open(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open(path)?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
    anyhow::ensure!(mode.eq_ignore_ascii_case("wal"), "journal mode {mode}");
    conn.execute_batch("PRAGMA synchronous=FULL;")?;
    Ok(conn)
}

fn insert(conn: &Connection, h: &Household, cases: &[Case]) -> anyhow::Result<()> {
    let hid = h.id.0 as i64;
    conn.prepare_cached("INSERT INTO households VALUES (?1, ?2, ?3)")?
        .execute(params![hid, h.town.code(), encode(h)?])?;
    let mut member = conn.prepare_cached("INSERT INTO members VALUES (?1, ?2, ?3)")?;
    for m in &h.members {
        member.execute(params![m.id.as_str(), hid, m.name])?;
    }
    let mut term =
        conn.prepare_cached("INSERT OR IGNORE INTO terms VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for k in household_keys(h) {
        term.execute(params![
            k.kind.code(),
            k.term,
            hid,
            h.town.code(),
            None::<i64>
        ])?;
    }
    let mut case = conn.prepare_cached("INSERT INTO cases VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for c in cases {
        let cid = c.id.0 as i64;
        case.execute(params![
            cid,
            hid,
            c.number.map(|n| n.to_string()),
            encode(c)?,
            encode(&CaseRow::of(c, h))?
        ])?;
        for k in c.number.map(case_keys).unwrap_or_default() {
            term.execute(params![k.kind.code(), k.term, hid, c.town.code(), cid])?;
        }
    }
    Ok(())
}

/// Copy every household and case of the sled store into a new SQLite file.
pub fn load(store: &Path, db: &Path, households: u64) -> anyhow::Result<Value> {
    let start = Instant::now();
    let services = Services::open(store)?;
    let mut conn = open(db)?;
    // Loading is not what is measured: no syncing and a larger page cache while copying.
    conn.execute_batch("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;")?;
    conn.execute_batch(SCHEMA)?;
    let mut n = 0;
    while n < households {
        let tx = conn.transaction()?;
        for _ in 0..10_000 {
            if n >= households {
                break;
            }
            if let Some(h) = services.store.household(household_id(n))? {
                let mut cases = Vec::new();
                for id in services.store.case_ids_of(h.id)? {
                    cases.extend(services.store.case(id)?);
                }
                insert(&tx, &h, &cases)?;
            }
            n += 1;
        }
        tx.commit()?;
        if n % 100_000 == 0 {
            eprintln!("  copied {n}/{households}");
        }
    }
    let caseload = encode(&services.store.caseload()?)?;
    conn.execute("INSERT INTO counters VALUES (1, ?1)", params![caseload])?;
    let indexing = Instant::now();
    conn.execute_batch(INDEXES)?;
    conn.execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")?;
    let index_ms = ms(indexing.elapsed());
    let terms: i64 = conn.query_row("SELECT count(*) FROM terms", [], |r| r.get(0))?;
    drop(conn);
    let size = std::fs::metadata(db)?.len()
        + std::fs::metadata(db.with_extension("db-wal")).map_or(0, |m| m.len());
    Ok(json!({
        "load_s": start.elapsed().as_secs_f64(),
        "index_ms": index_ms,
        "terms": terms,
        "lookup_keys_sled": services.store.lookup_entries(),
        "bytes_on_disk": size,
        "memory": Memory::of_self(),
    }))
}

/// Every household matching the (normalized) word `q`: kinds in order of relevance,
/// prefix match, households once each, at most `limit`, with the case a case number named.
fn term_households(
    conn: &Connection,
    q: &str,
    limit: usize,
) -> anyhow::Result<Vec<(i64, Option<i64>)>> {
    let mut households: Vec<(i64, Option<i64>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Prefix match as an index range: [q, q + U+10FFFF); ID endings are stored reversed,
    // exactly as in the store's index.
    let tail = id_tail_prefix(q);
    let upper = format!("{q}\u{10FFFF}");
    let tail_upper = format!("{tail}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT household_id, case_id FROM terms
         WHERE kind = ?1 AND term >= ?2 AND term < ?3 ORDER BY term, household_id",
    )?;
    for kind in KeyKind::ALL {
        let (from, to) = if kind.is_id_tail() {
            (&tail, &tail_upper)
        } else {
            (&q.to_string(), &upper)
        };
        let mut rows = stmt.query(params![kind.code(), from, to])?;
        while let Some(r) = rows.next()? {
            let h: i64 = r.get(0)?;
            if !seen.insert(h) {
                continue;
            }
            households.push((h, r.get(1)?));
            if households.len() >= limit {
                return Ok(households);
            }
        }
    }
    Ok(households)
}

/// The one-box lookup: households matching every word of the query (each word: every
/// kind in order of relevance, prefix match), at most `LIMIT`, then the newest case's
/// list row of each (or the case a case number named).
fn lookup(conn: &Connection, query: &str) -> anyhow::Result<Vec<CaseRow>> {
    let terms = query_terms(query);
    let Some((first, rest)) = terms.split_first() else {
        return Ok(Vec::new());
    };
    let households: Vec<(i64, Option<i64>)> = if rest.is_empty() {
        term_households(conn, first, LIMIT)?
    } else {
        let mut others = Vec::new();
        for t in rest {
            others.push(term_households(conn, t, usize::MAX)?);
        }
        let sets: Vec<std::collections::HashMap<i64, Option<i64>>> =
            others.iter().map(|v| v.iter().copied().collect()).collect();
        term_households(conn, first, usize::MAX)?
            .into_iter()
            .filter(|(h, _)| sets.iter().all(|s| s.contains_key(h)))
            .map(|(h, c)| (h, c.or_else(|| sets.iter().find_map(|s| s[&h]))))
            .take(LIMIT)
            .collect()
    };
    let mut by_case = conn.prepare_cached("SELECT row FROM cases WHERE id = ?1")?;
    let mut latest = conn
        .prepare_cached("SELECT row FROM cases WHERE household_id = ?1 ORDER BY id DESC LIMIT 1")?;
    let mut out = Vec::with_capacity(households.len());
    for (h, case) in households {
        let row: Option<Vec<u8>> = match case {
            Some(c) => by_case.query_row(params![c], |r| r.get(0)).optional()?,
            None => latest.query_row(params![h], |r| r.get(0)).optional()?,
        };
        if let Some(row) = row {
            out.push(decode::<CaseRow>(&row)?);
        }
    }
    Ok(out)
}

/// The household of a full ID number, decoded from its record.
fn by_resident_id(conn: &Connection, id: &str) -> anyhow::Result<Option<Household>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached(
            "SELECT h.record FROM members m JOIN households h ON h.id = m.household_id
             WHERE m.resident_id = ?1",
        )?
        .query_row(params![id], |r| r.get(0))
        .optional()?;
    Ok(blob.map(|b| decode(&b)).transpose()?)
}

fn by_case_number(conn: &Connection, number: &str) -> anyhow::Result<Option<Case>> {
    let blob: Option<Vec<u8>> = conn
        .prepare_cached("SELECT record FROM cases WHERE number = ?1")?
        .query_row(params![number], |r| r.get(0))
        .optional()?;
    Ok(blob.map(|b| decode(&b)).transpose()?)
}

fn save(conn: &mut Connection, h: &Household, c: &Case, audit: &AuditEntry) -> anyhow::Result<()> {
    let tx = conn.transaction()?;
    insert(&tx, h, std::slice::from_ref(c))?;
    tx.execute(
        "INSERT INTO audit (target, record) VALUES (?1, ?2)",
        params![audit.target, encode(audit)?],
    )?;
    // The counters are one record rewritten per save, as in the sled store.
    let counters: Vec<u8> =
        tx.query_row("SELECT record FROM counters WHERE id = 1", [], |r| r.get(0))?;
    tx.execute(
        "UPDATE counters SET record = ?1 WHERE id = 1",
        params![counters],
    )?;
    tx.commit()?;
    Ok(())
}

/// Open the SQLite copy and answer the workload's lookups; save applications.
pub fn measure(db: &Path, workload: &Workload, run: usize) -> anyhow::Result<Value> {
    let start = Instant::now();
    let mut conn = open(db)?;
    // The first query reads the schema; count it as part of opening.
    let _: i64 = conn.query_row("SELECT count(*) FROM counters", [], |r| r.get(0))?;
    let open_ms = ms(start.elapsed());
    let mut per_kind: Vec<(Kind, Samples, usize)> = Kind::ALL
        .iter()
        .map(|k| (*k, Samples::default(), 0))
        .collect();
    for (kind, q) in workload.queries() {
        if let Some((_, s, hits)) = per_kind.iter_mut().find(|(k, _, _)| *k == kind) {
            *hits += s.time(|| lookup(&conn, &q))?.len();
        }
    }
    let mut full_id = Samples::default();
    let mut case_number = Samples::default();
    let mut templates = Vec::new();
    for t in &workload.targets {
        if let Some(h) = full_id.time(|| by_resident_id(&conn, &t.resident_id))? {
            templates.push(h);
        }
        if let Some(n) = &t.case_number {
            case_number.time(|| by_case_number(&conn, n))?;
        }
    }
    anyhow::ensure!(!templates.is_empty(), "no household found by ID number");
    let case_template = match workload.targets.iter().find_map(|t| t.case_number.clone()) {
        Some(n) => by_case_number(&conn, &n)?,
        None => None,
    }
    .ok_or_else(|| anyhow::anyhow!("no case to copy"))?;
    let mut saves = Samples::default();
    let per_run = crate::application::SAVES;
    for k in run * per_run..(run + 1) * per_run {
        let template = &templates[k % templates.len()];
        let id = 1_000_000_000_000 + 2 * k as u64;
        let (h, c, audit) = crate::application::fresh(template, &case_template, id, id + 1, k)?;
        saves.time(|| save(&mut conn, &h, &c, &audit))?;
    }
    let lookups: serde_json::Map<String, Value> = per_kind
        .iter()
        .map(|(k, s, hits)| (k.key().to_string(), json!({"dist": s.dist(), "hits": hits})))
        .collect();
    Ok(json!({
        "open_ms": open_ms,
        "lookup": lookups,
        "full_id": full_id.dist(),
        "case_number": case_number.dist(),
        "save": saves.dist(),
        "memory": Memory::of_self(),
    }))
}
