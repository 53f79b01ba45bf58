//! Quick lookup: one box that finds households and their cases by name, pinyin (full or
//! initials, every reading of a heteronym), resident-ID number (full or its last 4–6
//! characters), case number (full or trailing digits) or village. Reads the lookup
//! index, then one list row per hit: fast enough to run on every keystroke.

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::case_row::CaseRow;
use crate::domain::search_keys::KeyKind;

/// One household found: the list row of its case (ID number masked) and what matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The case a case number named, otherwise the household's newest case.
    pub row: CaseRow,
    pub kind: KeyKind,
    /// The query was the whole term (not just its beginning).
    pub exact: bool,
}

/// Hits for `query`, best matches first, at most `limit`, within the actor's towns.
/// Households without any case are not shown (there is nothing to open).
pub fn search(
    services: &Services,
    actor: &Actor,
    query: &str,
    limit: usize,
) -> Result<Vec<Hit>, AppError> {
    actor.permit(super::session::Permission::ReadCases)?;
    let store = &services.store;
    let found = store.lookup(query, actor.town, limit)?;
    let mut out = Vec::with_capacity(found.len());
    for hit in found {
        let case = match hit.case {
            Some(c) => Some(c),
            None => store.latest_case_of(hit.household)?,
        };
        let Some(case) = case else {
            continue;
        };
        let Some(row) = store.case_row_by_id(case)? else {
            continue;
        };
        if !actor.sees(row.town) {
            continue;
        }
        out.push(Hit {
            row,
            kind: hit.kind,
            exact: hit.exact,
        });
    }
    Ok(out)
}
