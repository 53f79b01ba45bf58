//! Quick lookup: one box that finds households and their cases by name, pinyin (full or
//! initials, every reading of a heteronym), resident-ID number (full or its last 4–6
//! characters), case number (full or trailing digits) or village, and by several of
//! these at once (`wjg 0019`, `王 永红村`): the households matching every word. Reads the
//! lookup index, then one list row per hit: fast enough to run on every keystroke.

use super::session::Actor;
use super::{AppError, Services};
use crate::domain::case_row::CaseRow;
use crate::domain::label::Label;
use crate::domain::search_keys::KeyKind;

/// One household found: the list row of its case (ID number masked) and what matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The case a case number named, otherwise the household's newest case.
    pub row: CaseRow,
    /// How the first word matched (the hit's rank).
    pub kind: KeyKind,
    /// The first word was the whole term (not just its beginning).
    pub exact: bool,
    /// How each word of the query matched, in the order typed.
    pub matched: Vec<Matched>,
}

/// How one word of the query matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The word, normalized (`2026-0001` as `20260001`).
    pub term: String,
    pub kind: KeyKind,
    /// The member whose name or ID number matched; `None` for a village or case number.
    pub member: Option<String>,
    /// That member is the head of the household.
    pub head: bool,
}

impl Matched {
    fn text(&self, zh: bool) -> String {
        let label = if zh { self.kind.zh() } else { self.kind.en() };
        match &self.member {
            Some(name) if !self.head => format!("{name}·{label}"),
            _ => label.to_string(),
        }
    }
}

impl Hit {
    /// What the "matched" column says, in Chinese and in English: per word its kind,
    /// after the member's name when it is not the head's (`李娟·身份证尾号`).
    pub fn matched_text(&self) -> (String, String) {
        let join = |zh: bool| {
            self.matched
                .iter()
                .map(|m| m.text(zh))
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " })
        };
        (join(true), join(false))
    }
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
        let Some(row) = store.row_of_hit(&hit)? else {
            continue;
        };
        if !actor.sees(row.town) {
            continue;
        }
        // Member names: the head's is on the row; others come from the record.
        let others = hit.matches.iter().any(|m| m.member.is_some() && !m.head);
        let household = match others {
            true => store.household(hit.household)?,
            false => None,
        };
        let matched = hit
            .matches
            .iter()
            .map(|m| Matched {
                term: m.term.clone(),
                kind: m.kind,
                member: match (m.member, &household) {
                    (Some(_), _) if m.head => Some(row.head.clone()),
                    (Some(i), Some(h)) => h.members.get(usize::from(i)).map(|p| p.name.clone()),
                    _ => None,
                },
                head: m.head,
            })
            .collect();
        out.push(Hit {
            row,
            kind: hit.kind,
            exact: hit.exact,
            matched,
        });
    }
    Ok(out)
}
