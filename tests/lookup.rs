//! Quick lookup on a generated district: every key kind, heteronym surnames, town scope,
//! masking, and the index following a write.

mod common;

use common::district;
use safetynet::app::lookup::{search, Hit};
use safetynet::app::session::Actor;
use safetynet::domain::case_row::CaseRow;
use safetynet::domain::household::Household;
use safetynet::domain::search_keys::{name_pinyin, KeyKind};
use safetynet::store::{AuditEntry, CaseFilter, Change};

fn rows(f: &common::Fixture) -> Vec<CaseRow> {
    f.services
        .store
        .case_rows(CaseFilter::default(), 0, 10_000)
        .expect("rows")
}

fn household(f: &common::Fixture, row: &CaseRow) -> Household {
    f.services
        .store
        .household(row.household)
        .expect("read")
        .expect("household")
}

fn find(f: &common::Fixture, q: &str) -> Vec<Hit> {
    search(&f.services, &f.actor, q, 1000).expect("search")
}

fn found(hits: &[Hit], row: &CaseRow) -> bool {
    hits.iter().any(|h| h.row.household == row.household)
}

#[test]
fn every_key_kind_finds_the_household() {
    let f = district(600);
    let all = rows(&f);
    let row = all
        .iter()
        .find(|r| r.number.is_some() && r.head.chars().count() == 3)
        .expect("an accepted case with a three-character head name");
    let h = household(&f, row);
    let head = h.head_name().to_string();
    let id = h.members[0].id.as_str().to_string();
    let number = row.number.expect("number");
    let (full, initials) = name_pinyin(&head);
    let given: String = head.chars().skip(1).collect();
    let queries: Vec<(String, KeyKind)> = vec![
        (head.clone(), KeyKind::HeadName),
        (full[0].clone(), KeyKind::HeadPinyin),
        (initials[0].to_uppercase(), KeyKind::HeadPinyin),
        (given, KeyKind::NamePart),
        (id.clone(), KeyKind::ResidentId),
        (id[12..].to_string(), KeyKind::HeadIdTail),
        (id[14..].to_string(), KeyKind::HeadIdTail),
        (number.to_string(), KeyKind::CaseNumber),
        (
            format!("{}-{:06}", number.year, number.seq),
            KeyKind::CaseNumber,
        ),
        (number.seq.to_string(), KeyKind::CaseNumber),
    ];
    for (q, kind) in queries {
        let hits = find(&f, &q);
        let hit = hits
            .iter()
            .find(|x| x.row.household == row.household)
            .unwrap_or_else(|| panic!("{q:?} did not find {head} among {} hits", hits.len()));
        assert!(hit.kind <= kind, "{q:?} matched as {:?}", hit.kind);
        if kind == KeyKind::CaseNumber {
            assert_eq!(hit.row.case, row.case, "a case number opens that case");
        }
        // Best first: exact matches of a kind come before partial ones.
        let first_partial = hits.iter().position(|x| !x.exact && x.kind == hit.kind);
        let last_exact = hits.iter().rposition(|x| x.exact && x.kind == hit.kind);
        if let (Some(p), Some(e)) = (first_partial, last_exact) {
            assert!(e < p, "{q:?}: exact after partial");
        }
    }
    // The village finds its households (after any name that happens to match).
    let village_hits = search(&f.services, &f.actor, &h.village, 500).expect("search");
    assert!(village_hits
        .iter()
        .any(|x| x.kind == KeyKind::Village && x.row.village == h.village));
    // Every list row a search returns is masked.
    for q in [head.as_str(), id.as_str(), "z", "1"] {
        for hit in find(&f, q) {
            assert!(hit.row.head_id_masked.contains("********"), "{hit:?}");
        }
    }
}

#[test]
fn heteronym_surnames_are_found_by_every_reading() {
    let f = district(1500);
    let all = rows(&f);
    let mut checked = 0;
    for (surname, readings) in [
        ('曾', ["zeng", "ceng"]),
        ('单', ["shan", "dan"]),
        ('解', ["xie", "jie"]),
    ] {
        let Some(row) = all.iter().find(|r| r.head.starts_with(surname)) else {
            continue;
        };
        for reading in readings {
            let given = name_pinyin(&row.head.chars().skip(1).collect::<String>()).0[0].clone();
            for q in [
                format!("{reading}{given}"),
                format!("{}{}", &reading[..1], &given[..1]),
            ] {
                let hits = search(&f.services, &f.actor, &q, 500).expect("search");
                assert!(found(&hits, row), "{q} did not find {}", row.head);
            }
        }
        checked += 1;
    }
    assert!(
        checked >= 2,
        "the generated district has too few heteronym surnames"
    );
}

#[test]
fn a_town_clerk_finds_only_their_town() {
    let f = district(400);
    let all = rows(&f);
    let row = &all[0];
    let other = all.iter().find(|r| r.town != row.town).expect("two towns");
    let clerk = Actor {
        town: Some(row.town),
        ..Actor::demo_officer()
    };
    let mine = search(&f.services, &clerk, &row.head, 50).expect("search");
    assert!(found(&mine, row));
    let theirs = search(&f.services, &clerk, &other.head, 50).expect("search");
    assert!(theirs.iter().all(|h| h.row.town == row.town), "{theirs:?}");
    assert!(!found(&theirs, other));
}

#[test]
fn the_index_follows_a_write() {
    let f = district(200);
    let row = rows(&f).into_iter().next().expect("a row");
    let mut h = household(&f, &row);
    let old = h.head_name().to_string();
    let head = h.members.iter().position(|m| m.name == old).expect("head");
    h.members[head].name = "单雒惠".into();
    f.services
        .store
        .save(Change {
            household: Some(h),
            case: None,
            number_case_in: None,
            audit: AuditEntry::new(
                common::today().and_hms_opt(9, 0, 0).expect("t"),
                "test",
                "household.edit",
                format!("household:{}", row.household.0),
            ),
        })
        .expect("save");
    assert!(found(&find(&f, "单雒惠"), &row));
    assert!(found(&find(&f, "dlh"), &row));
    assert!(found(&find(&f, "shanluohui"), &row));
    let stale = find(&f, &old);
    assert!(
        stale
            .iter()
            .all(|x| x.row.household != row.household || x.kind != KeyKind::HeadName),
        "the old name still finds the household as its head"
    );
    assert!(find(&f, "").is_empty());
    assert!(find(&f, "zzzzzzzz").is_empty());
}

mod screen {
    use super::*;
    use common::{colour, Session};
    use safetynet::tui::Lang;

    /// A head whose pinyin initials are unique enough to come first.
    fn target(f: &common::Fixture) -> (CaseRow, String) {
        let all = rows(f);
        for row in &all {
            let initials = name_pinyin(&row.head).1[0].clone();
            let hits = search(&f.services, &f.actor, &initials, 50).expect("search");
            if initials.len() == 3 && hits.first().map(|h| h.row.household) == Some(row.household) {
                return (row.clone(), initials);
            }
        }
        panic!("no head with distinctive initials");
    }

    #[test]
    fn slash_types_initials_and_enter_opens_the_case() {
        let f = district(400);
        let (row, initials) = target(&f);
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("/");
        assert!(s
            .ui
            .screen()
            .is::<safetynet::tui::screens::lookup::LookupScreen>());
        // Results follow every keystroke.
        let mut counts = Vec::new();
        for c in initials.chars() {
            s.keys(&c.to_string());
            let Some(l) =
                s.ui.screen()
                    .downcast_ref::<safetynet::tui::screens::lookup::LookupScreen>()
            else {
                panic!("left the lookup")
            };
            counts.push(l.hits().len());
        }
        assert!(counts.windows(2).all(|w| w[1] <= w[0]), "{counts:?}");
        let screen = s.screen();
        assert!(screen.contains(&row.head), "{screen}");
        assert!(screen.contains(&row.head_id_masked), "{screen}");
        // No full ID number anywhere in the results.
        let h = household(&f, &row);
        for m in &h.members {
            assert!(!screen.contains(m.id.as_str()), "{screen}");
        }
        s.keys("<ret>");
        let Some(d) =
            s.ui.screen()
                .downcast_ref::<safetynet::tui::screens::case_detail::CaseDetailScreen>()
        else {
            panic!("expected the case detail:\n{}", s.screen());
        };
        assert_eq!(d.detail().case.id, row.case);
        // Esc goes back to the results, Esc again closes the lookup.
        s.keys("<esc>");
        let Some(l) =
            s.ui.screen()
                .downcast_ref::<safetynet::tui::screens::lookup::LookupScreen>()
        else {
            panic!("expected the lookup again")
        };
        assert_eq!(l.query(), initials);
        s.keys("<esc>");
        assert!(s
            .ui
            .screen()
            .is::<safetynet::tui::screens::dashboard::DashboardScreen>());
        assert!(!s.quit);
    }

    #[test]
    fn f8_from_the_case_list_and_letters_are_text() {
        let f = district(200);
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("c<f8>qjk");
        let Some(l) =
            s.ui.screen()
                .downcast_ref::<safetynet::tui::screens::lookup::LookupScreen>()
        else {
            panic!("expected the lookup:\n{}", s.screen());
        };
        assert_eq!(l.query(), "qjk");
        assert!(!s.quit);
        s.keys("<bs><bs><bs><c-u>zzzzzz");
        assert!(s.screen().contains("没有找到"), "{}", s.screen());
        s.keys("<esc>");
        assert!(s
            .ui
            .screen()
            .is::<safetynet::tui::screens::case_list::CaseListScreen>());
    }

    #[test]
    fn lookup_snapshot_at_80x24() {
        let f = district(400);
        let mut s = Session::new(f.cx(Lang::Zh, colour()));
        s.keys("/zh");
        insta::assert_snapshot!("lookup_zh", s.screen());
        let mut s = Session::new(f.cx(Lang::En, colour()));
        s.keys("<f8>");
        insta::assert_snapshot!("lookup_empty_en", s.screen());
    }
}

/// A household with two numbered cases (it applied again): each full case number finds
/// the row of that case, not the household's newest; its head's name finds the newest.
#[test]
fn a_case_number_finds_its_own_case_of_a_household() {
    let f = district(40);
    let first = common::cases::under_review_as(&f, "钱多多", 41);
    let s = &f.services;
    let a = &f.actor;
    let open = s.store.case(first).expect("read").expect("case");
    let input = safetynet::app::workflow::DecisionInput {
        decision: safetynet::domain::case::Decision::Reject,
        category: None,
        reason: "家庭人均收入高于当地低保标准".into(),
        date: common::cases::d("2026-02-28"),
    };
    let first = safetynet::app::workflow::decide(s, a, first, open.rev, input).expect("reject");
    let household = s
        .store
        .household(first.household)
        .expect("read")
        .expect("household");
    let app = safetynet::app::workflow::Application {
        household,
        channel: safetynet::domain::case::Channel::OwnApplication,
        applied_on: common::cases::d("2026-03-01"),
    };
    let second = safetynet::app::workflow::submit(s, a, app).expect("applies again");
    let second = safetynet::app::workflow::accept(
        s,
        a,
        second.id,
        second.rev,
        common::cases::d("2026-03-02"),
    )
    .expect("accept");
    assert_eq!(second.household, first.household);
    assert!(second.id > first.id);
    for case in [&first, &second] {
        let number = case.number.expect("numbered").to_string();
        let hits = find(&f, &number);
        let hit = hits
            .iter()
            .find(|h| h.row.household == case.household)
            .unwrap_or_else(|| panic!("{number} not found"));
        assert_eq!(hit.row.case, case.id, "{number} gave another case's row");
    }
    let hits = find(&f, "钱多多");
    let hit = hits
        .iter()
        .find(|h| h.row.household == first.household)
        .expect("found by name");
    assert_eq!(hit.row.case, second.id, "the name gave an older case's row");
}
