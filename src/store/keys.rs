//! Key layouts. Integers are big-endian so that sled's byte order is numeric order.

use crate::domain::case::{CaseId, Stage};
use crate::domain::household::HouseholdId;
use crate::domain::town::Town;
use chrono::NaiveDate;

pub fn id(n: u64) -> [u8; 8] {
    n.to_be_bytes()
}

pub fn read_u64(bytes: &[u8]) -> Option<u64> {
    let arr: [u8; 8] = bytes.get(..8)?.try_into().ok()?;
    Some(u64::from_be_bytes(arr))
}

pub fn household(h: HouseholdId) -> [u8; 8] {
    id(h.0)
}

pub fn case(c: CaseId) -> [u8; 8] {
    id(c.0)
}

/// `idx/case_list`: town, stage, case id → the row shown in lists.
pub fn case_list(town: Town, stage: Stage, c: CaseId) -> Vec<u8> {
    let mut k = Vec::with_capacity(10);
    k.push(town.code());
    k.push(stage.code());
    k.extend_from_slice(&id(c.0));
    k
}

pub fn case_list_prefix(town: Town, stage: Stage) -> [u8; 2] {
    [town.code(), stage.code()]
}

/// Days since 0001-01-01, shifted to sort as unsigned.
pub fn day(d: NaiveDate) -> [u8; 4] {
    use chrono::Datelike;
    ((d.num_days_from_ce() as i64 + i64::from(i32::MAX)) as u32).to_be_bytes()
}

/// `idx/deadline`: review deadline, case id → (), for cases whose clock runs.
pub fn deadline(d: NaiveDate, c: CaseId) -> Vec<u8> {
    let mut k = Vec::with_capacity(12);
    k.extend_from_slice(&day(d));
    k.extend_from_slice(&id(c.0));
    k
}

/// `idx/household_case`: household id, case id → ().
pub fn household_case(h: HouseholdId, c: CaseId) -> Vec<u8> {
    let mut k = Vec::with_capacity(16);
    k.extend_from_slice(&id(h.0));
    k.extend_from_slice(&id(c.0));
    k
}

/// `idx/audit_target`: target, seq → (), so a case's history is one prefix scan.
pub fn audit_target(target: &str, seq: u64) -> Vec<u8> {
    let mut k = audit_target_prefix(target);
    k.extend_from_slice(&id(seq));
    k
}

pub fn audit_target_prefix(target: &str) -> Vec<u8> {
    let mut k = target.as_bytes().to_vec();
    k.push(0);
    k
}

pub const META_CASELOAD: &[u8] = b"caseload";
/// The next id for a household or case (one sequence for both).
pub const META_NEXT_ID: &[u8] = b"next/id";
pub const META_NEXT_AUDIT: &[u8] = b"next/audit";
/// The audit sequence of the newest entry that changed data (not a sign-in, a case
/// looked at or an export): figures derived from the whole store hold until it moves.
pub const META_DATA_WRITE: &[u8] = b"audit/data_write";
pub const META_SCHEMA: &[u8] = b"schema";
/// Present while `generate` fills the store; removed in its last write.
pub const META_GENERATING: &[u8] = b"generate/unfinished";

/// Sequence of case numbers within a year.
pub fn meta_case_number_seq(year: i32) -> Vec<u8> {
    format!("seq/case_number/{year}").into_bytes()
}

/// Who last wrote a record, for the stale-write message.
pub fn meta_writer(target: &str) -> Vec<u8> {
    format!("writer/{target}").into_bytes()
}
