use super::*;
use crate::domain::household::{HouseholdId, Standing};
use crate::domain::indicators::Indicators;
use crate::domain::member::{Employment, Health, LabourCapacity, Member, Schooling};
use crate::domain::resident_id::ResidentId;
use crate::domain::town::{Area, Town};

fn member(name: &str, id: &str, relation: Relation) -> Member {
    Member {
        name: name.into(),
        id: ResidentId::parse(id).expect("test id"),
        relation,
        area: Area::Rural,
        labour: LabourCapacity::Full,
        health: Health::Healthy,
        disability: None,
        employment: Employment::Farming,
        schooling: Schooling::NotInSchool,
        carer: false,
    }
}

fn household(members: Vec<Member>) -> Household {
    Household {
        id: HouseholdId(1),
        rev: 0,
        town: Town::Chenlu,
        village: "陈炉村".into(),
        address: String::new(),
        phone: String::new(),
        area: Area::Rural,
        members,
        incomes: vec![],
        expenses: vec![],
        assets: vec![],
        indicators: Indicators::default(),
        needs: vec![],
        standing: Standing::default(),
        obligors: Vec::new(),
    }
}

fn has(keys: &[SearchKey], kind: KeyKind, term: &str) -> bool {
    keys.iter().any(|k| k.kind == kind && k.term == term)
}

#[test]
fn heteronym_surnames_give_every_reading() {
    let table: &[(&str, &[&str], &[&str])] = &[
        ("曾", &["zeng", "ceng"], &["z", "c"]),
        ("单", &["shan", "dan"], &["s", "d"]),
        ("解", &["xie", "jie"], &["x", "j"]),
        ("张三", &["zhangsan"], &["zs"]),
        ("曾强", &["zengqiang", "cengqiang"], &["zq", "cq"]),
        ("吕", &["lv", "lu"], &["l"]),
        ("a张", &["zhang"], &["z"]),
    ];
    for (name, full, initials) in table {
        let (f, i) = name_pinyin(name);
        for want in *full {
            assert!(f.iter().any(|x| x == want), "{name}: {want} not in {f:?}");
        }
        for want in *initials {
            assert!(i.iter().any(|x| x == want), "{name}: {want} not in {i:?}");
        }
        assert_eq!(f[0], full[0], "{name}: the common reading comes first");
    }
}

#[test]
fn readings_are_capped() {
    let (f, i) = name_pinyin("解单曾解单曾");
    assert!(f.len() <= MAX_READINGS && i.len() <= MAX_READINGS);
    // Read as a name: 解 is Xiè first; the other characters by their common reading.
    assert!(f[0].starts_with("xie"), "{f:?}");
    assert!(i.iter().any(|x| x.starts_with('j')), "{i:?}");
}

#[test]
fn normalize_table() {
    let table = [
        ("  ZS ", "zs"),
        ("2026-000123", "2026000123"),
        ("１２３４", "1234"),
        ("张　三", "张三"),
        ("11010519491231002X", "11010519491231002x"),
    ];
    for (input, want) in table {
        assert_eq!(normalize(input), want, "{input}");
    }
}

#[test]
fn household_terms_by_kind() {
    let h = household(vec![
        member("曾小龙", "11010519491231002X", Relation::Head),
        member("单芳", "110105195001010012", Relation::Spouse),
    ]);
    let keys = household_keys(&h);
    let table = [
        (KeyKind::HeadName, "曾小龙"),
        (KeyKind::HeadPinyin, "zengxiaolong"),
        (KeyKind::OtherReading, "cengxiaolong"),
        (KeyKind::HeadPinyin, "zxl"),
        (KeyKind::OtherReading, "cxl"),
        (KeyKind::NamePart, "小龙"),
        (KeyKind::NamePart, "龙"),
        (KeyKind::NamePart, "xiaolong"),
        (KeyKind::MemberName, "单芳"),
        (KeyKind::MemberPinyin, "shanfang"),
        (KeyKind::OtherReading, "danfang"),
        (KeyKind::MemberPinyin, "sf"),
        (KeyKind::OtherReading, "df"),
        (KeyKind::ResidentId, "11010519491231002x"),
        // One reversed key per ID number answers every "ends with" query.
        (KeyKind::HeadIdTail, "x20013219491501011"),
        (KeyKind::IdTail, "210010100591501011"),
        (KeyKind::Village, "陈炉村"),
        (KeyKind::Village, "chenlucun"),
        (KeyKind::Village, "clc"),
    ];
    for (kind, term) in table {
        assert!(has(&keys, kind, term), "{kind:?} {term} missing");
    }
    // Each term once, under its most relevant kind.
    let mut terms: Vec<&str> = keys.iter().map(|k| k.term.as_str()).collect();
    let n = terms.len();
    terms.dedup();
    assert_eq!(terms.len(), n);
    // Full ID numbers are never stored with their capital X.
    assert!(!keys.iter().any(|k| k.term.contains('X')));
}

#[test]
fn case_number_terms() {
    let n = CaseNumber {
        district: 610203,
        year: 2026,
        seq: 123,
    };
    let terms: Vec<String> = case_keys(n).into_iter().map(|k| k.term).collect();
    for want in ["6102032026000123", "2026000123", "000123", "123"] {
        assert!(terms.iter().any(|t| t == want), "{want} not in {terms:?}");
    }
}

/// `case_number_matches` answers exactly what the case number's terms answer, for every
/// beginning of each term and for queries that match none.
#[test]
fn case_number_matches_equals_its_terms() {
    let numbers = [
        (610203, 2026, 123),
        (610203, 2024, 1),
        (1, 999, 0),
        (610203, 2026, 1_234_567),
    ];
    for (district, year, seq) in numbers {
        let n = CaseNumber {
            district,
            year,
            seq,
        };
        let keys = case_keys(n);
        let mut queries: Vec<String> = vec!["9".into(), "0000000".into(), "2026x".into()];
        for k in &keys {
            for end in 1..=k.term.len() {
                queries.push(k.term[..end].to_string());
                queries.push(format!("{}9", &k.term[..end]));
            }
        }
        for q in &queries {
            let want = (
                keys.iter().any(|k| key_matches(k, q)),
                keys.iter().any(|k| k.term == *q),
            );
            assert_eq!(case_number_matches(n, q), want, "{n} and {q:?}");
        }
    }
}

#[test]
fn a_number_query_is_answered_by_the_id_keys_alone() {
    let h = household(vec![
        member("曾小龙", "11010519491231002X", Relation::Head),
        member("单芳", "110105195001010012", Relation::Spouse),
    ]);
    for (q, number) in [
        ("0019", true),
        ("002x", true),
        ("610203-2026", true),
        ("x", false),
        ("zxl", false),
        ("曾", false),
        ("", false),
    ] {
        assert_eq!(is_number_query(q), number, "{q}");
    }
    // Every key a number query can match is among the ID keys, and nothing else.
    let all = household_keys(&h);
    let ids = household_id_keys(&h);
    for q in ["1", "002x", "0012", "110105", "x2001"] {
        let from_all: Vec<_> = all.iter().filter(|k| key_matches(k, q)).collect();
        let from_ids: Vec<_> = ids.iter().filter(|k| key_matches(k, q)).collect();
        assert_eq!(from_all, from_ids, "{q}");
    }
    assert!(ids.len() < all.len());
}
