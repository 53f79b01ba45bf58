//! Lookup keys: the terms under which a household can be found, derived from the record
//! alone. Pure: the store keeps them in an index tree and a query is a prefix scan.
//!
//! A name is indexed by every suffix (so a prefix scan finds any substring: 三 finds
//! 张三), by the pinyin of every reading of each character (曾 as zeng and ceng, 单 as
//! shan, dan and chan, 解 as jie and xie), in full and as initials (`zs` finds 张三);
//! resident-ID numbers in full and reversed (so any ending is a prefix scan); case numbers in
//! full and by their trailing digits; the village by name and pinyin. Every term and
//! every query go through [`normalize`], so `2026-000123`, `2026000123` and full-width
//! digits typed through an input method all meet.

use pinyin::ToPinyinMulti;

use crate::domain::case::CaseNumber;
use crate::domain::household::Household;
use crate::domain::member::Relation;
use crate::labelled_enum;

labelled_enum! {
    /// What a term was derived from; the order is the order of relevance.
    pub enum KeyKind {
        CaseNumber => ("案件编号", "case number"),
        ResidentId => ("身份证号", "ID number"),
        HeadName => ("户主姓名", "head's name"),
        HeadPinyin => ("户主拼音", "head's pinyin"),
        MemberName => ("成员姓名", "member's name"),
        MemberPinyin => ("成员拼音", "member's pinyin"),
        HeadIdTail => ("户主身份证尾号", "head's ID ending"),
        IdTail => ("身份证尾号", "ID number ending"),
        NamePart => ("姓名中的字", "part of a name"),
        OtherReading => ("多音字读音", "other reading"),
        Village => ("村/社区", "village"),
    }
}

impl KeyKind {
    /// Terms of this kind are ID numbers reversed: a query is their ending.
    pub fn is_id_tail(self) -> bool {
        matches!(self, KeyKind::HeadIdTail | KeyKind::IdTail)
    }
}

/// One term of the lookup index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SearchKey {
    pub kind: KeyKind,
    pub term: String,
    /// The member (index in `Household::members`) the term was derived from; `None` for
    /// the household's own terms (village) and case numbers.
    pub member: Option<u8>,
}

/// Readings combined per name at most (a name of four heteronyms would give 81).
const MAX_READINGS: usize = 12;

/// The form terms and queries are compared in: no spaces or dashes, ASCII lower-case,
/// full-width letters and digits made half-width.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                c => c,
            };
            (!c.is_whitespace() && c != '-' && c != '－').then(|| c.to_ascii_lowercase())
        })
        .collect()
}

/// The plain readings of one character, most common first; ü is given both as `v` (how
/// input methods type it) and as `u`. Characters without a reading give none.
pub fn char_readings(c: char) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let Some(multi) = c.to_pinyin_multi() else {
        return out;
    };
    for p in multi {
        let plain = p.plain();
        let variants = if plain.contains('ü') {
            vec![plain.replace('ü', "v"), plain.replace('ü', "u")]
        } else {
            vec![plain.to_string()]
        };
        for v in variants {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Surnames read differently from the character's common reading (曾 is céng in 曾经
/// but Zēng as a name). The surname reading goes first; the others stay searchable.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('查', "zha"),
    ('朴', "piao"),
    ('盖', "ge"),
    ('缪', "miao"),
    ('覃', "qin"),
    ('尉', "yu"),
    ('翟', "zhai"),
    ('种', "chong"),
    ('乐', "yue"),
    ('华', "hua"),
    ('秘', "bi"),
    ('冼', "xian"),
];

/// Every pinyin spelling of `text`, in full and as initials, up to [`MAX_READINGS`]
/// each; the most common reading comes first. Characters without pinyin are skipped.
pub fn pinyin_of(text: &str) -> (Vec<String>, Vec<String>) {
    spell(text.chars().map(char_readings))
}

/// Like [`pinyin_of`], with the first character read as a surname first.
pub fn name_pinyin(name: &str) -> (Vec<String>, Vec<String>) {
    spell(name.chars().enumerate().map(|(i, c)| {
        let mut readings = char_readings(c);
        let surname = SURNAME_READINGS.iter().find(|(s, _)| *s == c);
        if let Some((_, r)) = surname.filter(|_| i == 0) {
            readings.retain(|x| x != r);
            readings.insert(0, (*r).to_string());
        }
        readings
    }))
}

fn spell(chars: impl Iterator<Item = Vec<String>>) -> (Vec<String>, Vec<String>) {
    let mut full: Vec<String> = vec![String::new()];
    let mut initials: Vec<String> = vec![String::new()];
    for readings in chars {
        if readings.is_empty() {
            continue;
        }
        full = extend(&full, readings.iter().map(String::as_str));
        let firsts: Vec<&str> = readings.iter().filter_map(|r| r.get(..1)).collect();
        initials = extend(&initials, firsts.into_iter());
    }
    full.retain(|s| !s.is_empty());
    initials.retain(|s| !s.is_empty());
    (full, initials)
}

fn extend<'a>(prefixes: &[String], parts: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in parts {
        for p in prefixes {
            let s = format!("{p}{part}");
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    // The first reading of every character stays first, and so survives the cap.
    out.truncate(MAX_READINGS);
    out
}

fn push_for(out: &mut Vec<SearchKey>, member: Option<u8>, kind: KeyKind, term: &str) {
    let term = normalize(term);
    if !term.is_empty() {
        out.push(SearchKey { kind, term, member });
    }
}

fn push(out: &mut Vec<SearchKey>, kind: KeyKind, term: &str) {
    push_for(out, None, kind, term)
}

/// The terms of one person's name.
fn name_keys(out: &mut Vec<SearchKey>, member: Option<u8>, name: &str, head: bool) {
    let push = |out: &mut Vec<SearchKey>, kind, term: &str| push_for(out, member, kind, term);
    let (whole, spelled) = if head {
        (KeyKind::HeadName, KeyKind::HeadPinyin)
    } else {
        (KeyKind::MemberName, KeyKind::MemberPinyin)
    };
    push(out, whole, name);
    // The usual reading of every character first; other readings of heteronyms
    // (丁 as zheng) still find the name, after the usual ones.
    let (full, initials) = name_pinyin(name);
    for list in [&full, &initials] {
        for (i, t) in list.iter().enumerate() {
            push(
                out,
                if i == 0 {
                    spelled
                } else {
                    KeyKind::OtherReading
                },
                t,
            );
        }
    }
    // Every later suffix, in characters and in full pinyin: 三, san.
    for (i, _) in name.char_indices().skip(1) {
        let rest = &name[i..];
        push(out, KeyKind::NamePart, rest);
        for t in pinyin_of(rest).0 {
            push(out, KeyKind::NamePart, &t);
        }
    }
}

/// Every term of a household: names of all members, their ID numbers, the village.
/// Sorted, and each term kept once under its most relevant kind.
pub fn household_keys(h: &Household) -> Vec<SearchKey> {
    household_keys_of(h, true)
}

/// The keys a query of digits (and X) can match: ID numbers and their endings only,
/// without the names' and village's pinyin (checking a term on a record is then cheap).
pub fn household_id_keys(h: &Household) -> Vec<SearchKey> {
    household_keys_of(h, false)
}

/// Whether the (normalized) term `q` can only match an ID number, its ending or a case
/// number: digits, with an ID's check character x (a lone "x" is a pinyin initial).
pub fn is_number_query(q: &str) -> bool {
    q.chars().any(|c| c.is_ascii_digit())
        && q.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'x' | 'X' | '-'))
}

fn household_keys_of(h: &Household, names: bool) -> Vec<SearchKey> {
    let mut out = Vec::new();
    let head_index = h
        .members
        .iter()
        .position(|m| m.relation == Relation::Head)
        .unwrap_or(0);
    for (i, m) in h.members.iter().enumerate() {
        let member = u8::try_from(i).ok();
        if names {
            name_keys(&mut out, member, &m.name, i == head_index);
        }
        let id = m.id.as_str();
        push_for(&mut out, member, KeyKind::ResidentId, id);
        // The number reversed: a query for its last characters is a prefix scan of the
        // reversed query (see `id_tail_prefix`), one entry instead of one per tail length.
        let tail = if i == head_index {
            KeyKind::HeadIdTail
        } else {
            KeyKind::IdTail
        };
        push_for(&mut out, member, tail, &reversed(id));
    }
    if !names {
        return dedup(out);
    }
    push(&mut out, KeyKind::Village, &h.village);
    let (full, initials) = pinyin_of(&h.village);
    for t in full.iter().chain(&initials) {
        push(&mut out, KeyKind::Village, t);
    }
    dedup(out)
}

/// The terms of a case number: in full, year and sequence, and the sequence with and
/// without its leading zeros (`610203-2026-000123`, `2026-000123`, `000123`, `123`).
pub fn case_keys(n: CaseNumber) -> Vec<SearchKey> {
    let mut out = Vec::new();
    push(&mut out, KeyKind::CaseNumber, &n.to_string());
    push(
        &mut out,
        KeyKind::CaseNumber,
        &format!("{:04}{:06}", n.year, n.seq),
    );
    push(&mut out, KeyKind::CaseNumber, &format!("{:06}", n.seq));
    push(&mut out, KeyKind::CaseNumber, &n.seq.to_string());
    dedup(out)
}

fn reversed(s: &str) -> String {
    s.chars().rev().collect()
}

/// The term to scan for when `query` (normalized) is the end of an ID number.
pub fn id_tail_prefix(query: &str) -> String {
    reversed(query)
}

/// The terms of a query: words separated by spaces (ASCII or full-width), each
/// normalized; a household must match every one (`wjg 0019`, `王 永红村`).
pub fn query_terms(query: &str) -> Vec<String> {
    query
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .map(normalize)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Whether `key` answers the (normalized) query term `q`: the term begins with it, or
/// for an ID number's ending, the number ends with it.
pub fn key_matches(key: &SearchKey, q: &str) -> bool {
    if key.kind.is_id_tail() {
        key.term.starts_with(&id_tail_prefix(q))
    } else {
        key.term.starts_with(q)
    }
}

/// Whether one of case number `n`'s terms (see [`case_keys`]) begins with the normalized
/// query `q`, and whether one equals it: `(matches, exact)`. The lookup asks this of every
/// case of every household a case-number entry found; it formats the number once instead
/// of building its four terms.
pub fn case_number_matches(n: CaseNumber, q: &str) -> (bool, bool) {
    use std::fmt::Write;
    let mut full = String::with_capacity(20);
    // The terms are the number without its dashes, then the year onwards, the sequence
    // with its zeros and without them (`6102032026000123`, `2026000123`, `000123`, `123`).
    let _ = write!(full, "{:06}", n.district);
    let year_at = full.len();
    let _ = write!(full, "{:04}", n.year);
    let seq_at = full.len();
    let _ = write!(full, "{:06}", n.seq);
    let padded = &full[seq_at..];
    let bare = padded.trim_start_matches('0');
    let bare = if bare.is_empty() { "0" } else { bare };
    let terms = [full.as_str(), &full[year_at..], padded, bare];
    (terms.iter().any(|t| t.starts_with(q)), terms.contains(&q))
}

/// One entry per term, under its most relevant kind (then its first member), sorted by
/// term.
fn dedup(mut keys: Vec<SearchKey>) -> Vec<SearchKey> {
    keys.sort_by(|a, b| {
        a.term
            .cmp(&b.term)
            .then(a.kind.cmp(&b.kind))
            .then(a.member.cmp(&b.member))
    });
    keys.dedup_by(|later, first| later.term == first.term);
    keys
}

#[cfg(test)]
mod tests;
