//! `safetynet explain` and the review screen agree (issue 17, Done-when): every example
//! household in `assets/examples/` is applied for, then accepted, investigated and opened
//! for review through the real event loop; the review's 80x24 screen, read page by page to
//! its end, shows the same category, tags, monthly amount and explanation lines — the same
//! lines in the same order — that `safetynet explain` prints for it, in both languages.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{colour, district, Fixture, Session};
use safetynet::app::workflow::{self, Application};
use safetynet::domain::case::Channel;
use safetynet::domain::household::Household;
use safetynet::tui::Lang;

fn examples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("assets/examples")
        .expect("examples folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

/// What a proposal says, as `explain` prints it or the review shows it.
#[derive(Debug, PartialEq, Eq)]
struct Said {
    category: String,
    tags: String,
    amount: String,
    /// The explanation lines, spaces taken out (a line wrapped on the screen at a space
    /// loses that space).
    lines: Vec<String>,
}

fn squeeze(text: &str) -> String {
    text.split_whitespace().collect()
}

fn explain(file: &Path, lang: Lang) -> Said {
    let out = Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["--lang", if lang == Lang::En { "en" } else { "zh" }])
        .arg("explain")
        .arg(file)
        .args(["--on", &common::today().to_string()])
        .output()
        .expect("explain runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    let [category, tags, amount] = match lang {
        Lang::Zh => ["建议类别：", "标识：", "月待遇："],
        Lang::En => ["category: ", "tags: ", "monthly benefit: "],
    };
    let after = |i: usize, prefix: &str| {
        lines[i]
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("line {i} of explain: {text}"))
            .to_string()
    };
    Said {
        category: after(0, category),
        tags: after(1, tags).replace(", ", "、"),
        amount: after(2, amount),
        lines: lines[3..].iter().map(|l| squeeze(l)).collect(),
    }
}

/// The text rows of the review's explanation on this screen, and how many rows are
/// below them (from the "more below" line; 0 at the end or when it all fits).
fn page(screen: &str) -> (Vec<String>, usize) {
    let mut rows = Vec::new();
    let mut below = 0;
    for line in screen.lines().skip(2) {
        let inner = line
            .strip_prefix('│')
            .unwrap_or(line)
            .trim_end()
            .trim_end_matches('│')
            .trim_end();
        if let Some(rest) = inner.strip_prefix("▼ ") {
            below = rest
                .split_whitespace()
                .find_map(|w| w.parse::<usize>().ok())
                .unwrap_or_else(|| panic!("no count in “{inner}”"));
            break;
        }
        if inner.starts_with("▲ ") || inner.starts_with("决定") || inner.starts_with("Decision")
        {
            break;
        }
        rows.push(inner.to_string());
    }
    (rows, below)
}

/// Open the review and read its whole explanation, page by page, into what it says.
fn review(s: &mut Session, lang: Lang) -> Said {
    s.keys("a");
    let (first, below) = page(&s.screen());
    let total = first.len() + below;
    let mut all: Vec<Option<String>> = vec![None; total];
    for (i, r) in first.into_iter().enumerate() {
        all[i] = Some(r);
    }
    let mut left = below;
    while left > 0 {
        s.keys("<pgdn>");
        let (rows, below) = page(&s.screen());
        assert!(below < left, "PgDn did not scroll:\n{}", s.screen());
        let top = total - rows.len() - below;
        for (i, r) in rows.into_iter().enumerate() {
            all[top + i] = Some(r);
        }
        left = below;
    }
    let rows: Vec<String> = all
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|| panic!("row {i} of {total} never shown")))
        .collect();
    let [category, tags, amount] = match lang {
        Lang::Zh => ["系统建议类别", "标识", "建议月保障金"],
        Lang::En => ["Proposed category", "Tags", "Benefit/month"],
    };
    let mut said = Said {
        category: String::new(),
        tags: String::new(),
        amount: String::new(),
        lines: Vec::new(),
    };
    for row in rows {
        if let Some(item) = row.strip_prefix("· ") {
            said.lines.push(squeeze(item));
        } else if let Some(more) = row.strip_prefix("  ") {
            let last = said
                .lines
                .last_mut()
                .expect("a continued line follows a line");
            last.push_str(&squeeze(more));
        } else if let Some(v) = row.strip_prefix(category) {
            said.category = v.trim().to_string();
        } else if let Some(v) = row.strip_prefix(tags) {
            said.tags = v.trim().to_string();
        } else if let Some(v) = row.strip_prefix(amount) {
            said.amount = v.trim().to_string();
        } else {
            panic!("a review row that is neither a field nor an explanation line: “{row}”");
        }
    }
    said
}

/// The example household, submitted as an application.
fn apply(f: &Fixture, file: &Path) -> Household {
    let h: Household =
        toml::from_str(&std::fs::read_to_string(file).expect("example")).expect("parses");
    let application = Application {
        household: h.clone(),
        channel: Channel::OwnApplication,
        applied_on: common::today(),
    };
    workflow::submit(&f.services, &f.actor, application).expect("submitted");
    h
}

#[test]
fn the_review_screen_shows_what_explain_prints_for_every_example_household() {
    let files = examples();
    assert!(files.len() >= 4, "{files:?}");
    let f = district(5);
    let mut categories = Vec::new();
    for file in &files {
        let h = apply(&f, file);
        let id = h.members[0].id.as_str().to_string();
        for lang in [Lang::Zh, Lang::En] {
            let mut s = Session::new(f.cx(lang, colour()));
            s.keys(&format!("/{id}<ret>"));
            if lang == Lang::Zh {
                // Accept, start the investigation, record the visit (nothing corrected).
                s.keys("a<ret>y").keys("ay");
                s.keys("a<tab>王芳<tab>李强<tab><tab>入户核实<c-s>y");
            }
            let shown = review(&mut s, lang);
            let printed = explain(file, lang);
            assert_eq!(shown, printed, "{} in {lang:?}", file.display());
            if lang == Lang::Zh {
                categories.push(shown.category);
            }
        }
    }
    // The examples cover a proposal of each kind the README describes.
    for c in ["低保对象", "特困人员", "不符合任何类别"] {
        assert!(categories.iter().any(|x| x == c), "{c}: {categories:?}");
    }
}
