//! The store's trees, by name: every tree the program keeps, with its key and value
//! layout, opened once when the store opens (`Store::named`). A new tree is added here
//! first; a test fails on any tree opened elsewhere or found in a store but missing here.
//!
//! Layouts: `u64` and ids are 8 bytes big-endian, a day is 4 bytes (days since
//! 1970-01-01, big-endian), a town/stage/status/department/severity/rule is its one-byte
//! code, `‖` joins parts. A record value is the envelope (`SN`, u16 version, bincode) of
//! the type named; `()` is an empty value.

use super::{Store, StoreError};

/// What a tree holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// The records themselves: backed up, never rebuilt.
    Records,
    /// Derived from the records, written in the same transaction as they are.
    Index,
    /// Counters, sequences, writers, settings and the audit trail's bookkeeping.
    Meta,
}

/// One tree of the store.
#[derive(Debug, Clone, Copy)]
pub struct Tree {
    pub name: &'static str,
    pub holds: Holds,
    pub key: &'static str,
    pub value: &'static str,
}

const fn tree(name: &'static str, holds: Holds, key: &'static str, value: &'static str) -> Tree {
    Tree {
        name,
        holds,
        key,
        value,
    }
}

use Holds::{Index, Meta, Records};

/// Every tree of the store.
pub const TREES: &[Tree] = &[
    tree("households", Records, "household id", "Household"),
    tree("cases", Records, "case id", "Case"),
    tree(
        "audit",
        Records,
        "sequence (u64)",
        "AuditEntry (hash-chained to the one before)",
    ),
    tree(
        "meta",
        Meta,
        "name: caseload, next/id, next/audit, audit/head, audit/data_write, next/meeting, schema, \
         generate/unfinished, store/demo, standards, case-number/YEAR, referral-number/YEAR, writer/TARGET, …",
        "Caseload, a u64, a user name or a record, by name",
    ),
    tree("referrals", Records, "referral id", "Referral"),
    tree("meetings", Records, "meeting id", "Meeting"),
    tree("accounts", Records, "user name (UTF-8)", "Account"),
    tree("drafts", Records, "user name ‖ 0 ‖ draft id", "Draft"),
    tree("imports", Records, "file SHA-256 (hex)", "ImportRecord"),
    tree(
        "mon/readings",
        Records,
        "household id ‖ day ‖ reading id",
        "Reading",
    ),
    tree("mon/alerts", Records, "alert id", "Alert"),
    tree("mon/exits", Records, "household id ‖ exit id", "Exit"),
    tree(
        "mon/rechecks",
        Records,
        "household id ‖ day ‖ re-check id",
        "Recheck",
    ),
    tree(
        "reg/staff",
        Records,
        "entry id",
        "StaffEntry (staff member or cadre, relatives)",
    ),
    tree("reg/district_check", Records, "case id", "DistrictCheck"),
    tree(
        "chk/spot",
        Records,
        "town ‖ period (UTF-8) ‖ case id",
        "SpotCheck",
    ),
    tree(
        "idx/resident",
        Index,
        "first 14 characters of the ID number (a group of entries)",
        "per ID number in the group: its last 4 characters, household id",
    ),
    tree(
        "idx/case_list",
        Index,
        "town ‖ stage ‖ case id >> 8 (a group of entries)",
        "per case: its id's last byte, CaseRow (what the case list shows)",
    ),
    tree("idx/deadline", Index, "day ‖ case id", "town ‖ stage"),
    tree(
        "idx/deadline_day",
        Index,
        "day ‖ town",
        "cases with a running clock due that day (u64; no key for none)",
    ),
    tree(
        "idx/household_case",
        Index,
        "household id >> 6 (a group of entries)",
        "per case: its household id's last byte and case id, town ‖ stage [‖ number]",
    ),
    tree(
        "idx/audit_target",
        Index,
        "target (UTF-8) ‖ 0 ‖ sequence",
        "()",
    ),
    tree(
        "idx/terms",
        Index,
        "bucket kind ‖ bucket text [‖ chunk start id]",
        "sorted, delta-encoded postings (id, town, member, term)",
    ),
    tree(
        "idx/figure",
        Index,
        "figure ‖ town ‖ household id >> 12 (a group of entries)",
        "per household in the group: its id's last 12 bits",
    ),
    tree(
        "idx/case_date",
        Index,
        "kind (1 notice ends, 2 letter due) ‖ day ‖ case id [‖ letter number]",
        "town [‖ letter kind]",
    ),
    tree(
        "idx/referral_department",
        Index,
        "department ‖ status ‖ referral id",
        "()",
    ),
    tree(
        "idx/referral_household",
        Index,
        "household id ‖ referral id",
        "()",
    ),
    tree(
        "idx/referral_due",
        Index,
        "day ‖ department ‖ referral id",
        "()",
    ),
    tree(
        "idx/alert_queue",
        Index,
        "severity ‖ day raised ‖ alert id",
        "town",
    ),
    tree(
        "idx/alert_household",
        Index,
        "household id ‖ rule ‖ alert id",
        "status ‖ basis (i64)",
    ),
    tree("idx/case_alert", Index, "case id", "alert id"),
    tree(
        "idx/alert_open",
        Index,
        "town ‖ severity",
        "open alerts (u64; no key for none)",
    ),
    tree(
        "idx/staff_relative",
        Index,
        "relative's ID number ‖ entry id",
        "()",
    ),
];

/// The schema entry of `name`, if the program keeps such a tree.
pub fn spec(name: &str) -> Option<&'static Tree> {
    TREES.iter().find(|t| t.name == name)
}

/// Every tree of `TREES`, opened once.
pub(super) fn open_all(db: &sled::Db) -> Result<Vec<(&'static str, sled::Tree)>, sled::Error> {
    TREES
        .iter()
        .map(|t| Ok((t.name, db.open_tree(t.name)?)))
        .collect()
}

/// The tree `name` among those `open_all` opened.
pub(super) fn pick(
    named: &[(&'static str, sled::Tree)],
    name: &str,
) -> Result<sled::Tree, StoreError> {
    named
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.clone())
        .ok_or_else(|| StoreError::Corrupt(format!("no tree {name} in store/schema.rs")))
}

/// The README's table of trees, from `TREES` (a test compares the two).
pub fn markdown_table() -> String {
    let mut out = String::from("| tree | holds | key | value |\n|---|---|---|---|\n");
    for t in TREES {
        let holds = match t.holds {
            Holds::Records => "records",
            Holds::Index => "index, derived from the records",
            Holds::Meta => "bookkeeping",
        };
        out.push_str(&format!(
            "| `{}` | {holds} | {} | {} |\n",
            t.name, t.key, t.value
        ));
    }
    out
}

impl Store {
    /// The tree `name` of `TREES`, as opened with the store.
    pub(super) fn named(&self, name: &str) -> Result<sled::Tree, StoreError> {
        pick(&self.named, name)
    }

    /// Every tree of the store with its number of keys (a full scan of each: for
    /// `stats`, the benchmark and tests, not for every keystroke).
    pub fn tree_keys(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut out = Vec::new();
        for name in self.db.tree_names() {
            let tree = self.db.open_tree(&name)?;
            let name = String::from_utf8_lossy(&name).into_owned();
            if (name == "__sled__default" || spec(&name).is_some()) && tree.is_empty() {
                continue;
            }
            out.push((name, tree.len()));
        }
        out.sort();
        Ok(out)
    }

    /// Per tree: keys, bytes of keys, bytes of values (what the records and indexes hold
    /// before sled's own layout; the benchmark compares it with the store on disk).
    pub fn tree_sizes(&self) -> Result<Vec<(String, usize, u64, u64)>, StoreError> {
        let mut out = Vec::new();
        for (name, _) in self.tree_keys()? {
            let tree = self.db.open_tree(name.as_bytes())?;
            let (mut n, mut kb, mut vb) = (0, 0u64, 0u64);
            for kv in tree.iter() {
                let (k, v) = kv?;
                n += 1;
                kb += k.len() as u64;
                vb += v.len() as u64;
            }
            out.push((name, n, kb, vb));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tree_is_listed_once() {
        let mut names: Vec<&str> = TREES.iter().map(|t| t.name).collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "a tree listed twice in TREES");
    }

    /// Trees are opened through `TREES` only: a literal name handed to `open_tree`
    /// anywhere else in `src/` would be a tree nobody documented, backed up or checked.
    #[test]
    fn no_tree_is_opened_outside_the_schema() {
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let file = path.to_string_lossy().into_owned();
                // The schema itself; backup/restore and the format upgrade open trees by
                // the names they find in a store (all, or the old format's).
                let allowed = [
                    "store/schema.rs",
                    "store/backup.rs",
                    "store/upgrade.rs",
                    "store/postings.rs",
                ];
                if allowed.iter().any(|a| file.ends_with(a)) {
                    continue;
                }
                for (n, line) in text.lines().enumerate() {
                    if line.contains(".open_tree(") {
                        found.push(format!("{file}:{}: {}", n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "open trees through store/schema.rs (add the tree to TREES, then \
             `self.named(NAME)`):\n{}",
            found.join("\n")
        );
    }
}
