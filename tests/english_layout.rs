//! The English screens at 80x24 (issue 14, point 10): no label runs into its value
//! (`Review deadlin2026-03-09`, `Town / villageChenlu`), no list cell into the next
//! (`under revie2026-12-16`), and the header keeps the signed-in user apart from a long
//! title. The labels are taken from the source (every `field(cx, _.t("…", "English"))`),
//! so a new long label is checked too.

mod common;

use std::path::{Path, PathBuf};

use common::{colour, district, Session};
use safetynet::tui::Lang;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The English labels of `field(cx, l.t("中文", "English"), …)` lines under src/tui.
fn field_labels() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui"),
        &mut files,
    );
    let mut labels = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read source");
        for (at, _) in text.match_indices("field(") {
            let after: String = text[at + "field(".len()..]
                .chars()
                .take(200)
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let Some(rest) = ["cx, l.t(\"", "cx, lang.t(\"", "cx, cx.lang.t(\""]
                .iter()
                .find_map(|p| after.strip_prefix(p))
            else {
                continue;
            };
            // rest: 中文", "English"), …
            let mut parts = rest.split('"');
            let (_zh, sep, en) = (parts.next(), parts.next(), parts.next());
            if sep == Some(", ") {
                if let Some(en) = en {
                    labels.push(en.to_string());
                }
            }
        }
    }
    labels.sort();
    labels.dedup();
    labels
}

/// Where a label (10 characters or more: the ones a fixed column cut) is cut or runs
/// into what follows on `screen`.
fn run_ins(screen: &str, labels: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for label in labels.iter().filter(|l| l.chars().count() >= 10) {
        let cut: String = label.chars().take(label.chars().count() - 1).collect();
        for line in screen.lines() {
            let apart =
                |t: &str| t.is_empty() || t.starts_with([' ', ':', '│', '|', ')', '?', ',']);
            for (at, _) in line.match_indices(&cut) {
                let rest = &line[at..];
                // The label whole and apart from what follows, or a shorter word that
                // happens to share the start ("Investigator 1").
                let ok = rest.strip_prefix(label.as_str()).is_some_and(apart)
                    || apart(&rest[cut.len()..]);
                if !ok {
                    found.push(format!("{label:?} in {line:?}"));
                }
            }
        }
    }
    found
}

/// Every tab of a case in each open stage, and its next step's form, in English.
fn english_screens() -> Vec<String> {
    let f = district(400);
    let mut screens = Vec::new();
    let mut s = Session::new(f.cx(Lang::En, colour()));
    screens.push(s.screen());
    s.keys("c");
    screens.push(s.screen());
    // The stage filter: submitted, accepted, investigating, under review, confirmed.
    for presses in 2..=6 {
        let mut s = Session::new(f.cx(Lang::En, colour()));
        s.keys("c");
        for _ in 0..presses {
            s.keys("s");
        }
        s.keys("<ret>");
        for _ in 0..6 {
            screens.push(s.screen());
            s.keys("<tab>");
        }
        s.keys("a");
        screens.push(s.screen());
    }
    screens
}

#[test]
fn no_english_label_runs_into_its_value() {
    let labels = field_labels();
    for long in ["Review deadline", "Town / village", "Proposed category"] {
        assert!(
            labels.iter().any(|l| l == long),
            "{long} not found: {labels:?}"
        );
    }
    let screens = english_screens();
    let mut found = Vec::new();
    for screen in &screens {
        found.extend(run_ins(screen, &labels));
    }
    assert!(
        found.is_empty(),
        "labels run into values:\n{}",
        found.join("\n")
    );
    // The screens above really show the long labels.
    let all = screens.join("\n");
    for long in ["Review deadline ", "Town / village ", "Proposed category "] {
        assert!(all.contains(long), "{long:?} never shown");
    }
}

#[test]
fn the_case_list_keeps_its_columns_apart_in_english() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("c");
    let screen = s.screen();
    for stage in ["investigating", "under review", "confirmed"] {
        let rows: Vec<&str> = screen.lines().filter(|l| l.contains(stage)).collect();
        assert!(!rows.is_empty(), "no {stage} row:\n{screen}");
        for row in rows {
            let after = &row[row.find(stage).expect("stage") + stage.len()..];
            assert!(after.is_empty() || after.starts_with(' '), "{row}");
        }
    }
}

#[test]
fn a_long_title_gives_way_to_who_is_signed_in() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    // A case under review, its review form: the longest title.
    s.keys("cssss<ret>a");
    let screen = s.screen();
    let header = screen.lines().next().expect("header");
    assert!(
        header.contains("record the revi") || header.contains('…'),
        "{header}"
    );
    // English shows the user name, not the account's Chinese display name.
    let user = f.actor.user.as_str();
    let at = header.find(user).expect("user on the header");
    assert!(header[..at].ends_with(' '), "{header}");
    assert!(!header.contains(f.actor.display.as_str()), "{header}");
    let end = format!("demo-officer {}", common::today());
    assert!(header.trim_end().ends_with(&end), "{header}");
}

/// The header in each language: the display name in Chinese, the user name in English
/// (it showed "区民政局（演示）" in English before).
#[test]
fn the_header_names_the_account_in_the_screens_language() {
    let f = district(40);
    for (lang, who) in [(Lang::Zh, "区民政局（演示）"), (Lang::En, "demo-officer")] {
        let mut s = Session::new(f.cx(lang, colour()));
        let screen = s.screen();
        let header = screen.lines().next().expect("header");
        assert!(header.contains(who), "{lang:?}: {header}");
    }
    let mut s = Session::new(f.cx(Lang::En, colour()));
    let screen = s.screen();
    let header = screen.lines().next().expect("header");
    assert!(!header.contains('区'), "{header}");
}

#[test]
fn the_check_sees_a_label_run_into_its_value() {
    let labels = vec!["Review deadline".to_string(), "Town / village".to_string()];
    assert!(!run_ins("│Review deadlin2026-03-09", &labels).is_empty());
    assert!(!run_ins("│Town / villageChenlu", &labels).is_empty());
    assert!(run_ins("│Review deadline   2026-03-09", &labels).is_empty());
    assert!(run_ins("Start? Review deadline 2026-03-19", &labels).is_empty());
}

/// The dashboard's monitoring strip in English: "a alerts high 83 med 0 low 167 · m roster
/// 218" is 46 columns in a 43-column strip, and the roster total showed as "2".
#[test]
fn the_monitoring_strip_never_cuts_the_roster_total() {
    use safetynet::app::monitoring::dashboard_figures;
    use safetynet::domain::monitoring::Severity;
    use safetynet::tui::screens::monitoring::panel::lines;
    use unicode_width::UnicodeWidthStr;
    let f = district(300);
    let mut figures = dashboard_figures(&f.services, &f.actor).expect("figures");
    figures.open = [
        (Severity::High, 83),
        (Severity::Medium, 0),
        (Severity::Low, 167),
    ];
    let total = figures.roster.as_ref().expect("roster").total;
    assert!(total >= 100, "{total}");
    for lang in [Lang::En, Lang::Zh] {
        let cx = f.cx(lang, colour());
        let first: String = lines(&cx, &figures, 43)[0]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(
            first.width() <= 43,
            "{lang:?} {first:?} is {}",
            first.width()
        );
        let roster = match lang {
            Lang::En => format!("m roster {total}"),
            Lang::Zh => format!("m 监测 {total} 户"),
        };
        assert!(first.contains(&roster), "{first}");
        assert!(first.contains("83") && first.contains("167"), "{first}");
    }
}

/// English town names in the case list: cut to 7 columns before ("Jinsuog", "Guangya",
/// "Sanlido"); now abbreviated with a mark ("Jinsuo.") in the list of every town, whole
/// when the list is one stage's (the stage column's room goes to the town), and no town
/// column in one town's list, where "in public notice" then reads whole.
#[test]
fn the_case_list_names_towns_whole_or_abbreviated_in_english() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("c");
    let screen = s.screen();
    for cut in ["Jinsuog ", "Guangya ", "Sanlido ", "Wangshi ", "Chenggu "] {
        assert!(!screen.contains(cut), "{cut}:\n{screen}");
    }
    assert!(
        ["Jinsuo.", "Guangy.", "Sanlid.", "Wangsh.", "Chengg."]
            .iter()
            .any(|a| screen.contains(&format!("{a} "))),
        "{screen}"
    );
    // One stage (s cycles from "all" to draft): the towns whole, no stage column.
    s.keys("s");
    let screen = s.screen();
    let header = screen.lines().nth(2).expect("column header");
    assert!(
        header.contains("town") && !header.contains("stage"),
        "{header}"
    );
    assert!(
        !screen.contains("Jinsuo. ") && !screen.contains("Guangy. "),
        "{screen}"
    );
    assert!(
        [
            "Jinsuoguan",
            "Guangyang",
            "Sanlidong",
            "Wangshiao",
            "Chengguan"
        ]
        .iter()
        .any(|t| screen.contains(t)),
        "{screen}"
    );
    // One town (t: the first), every stage: no town column, the stage whole.
    s.keys("x");
    s.keys("t");
    let screen = s.screen();
    let header = screen.lines().nth(2).expect("column header");
    assert!(
        header.contains("stage") && !header.contains("town"),
        "{header}"
    );
    assert!(screen.contains("town:Chengguan St."), "{screen}");
}
