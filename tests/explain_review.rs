//! `safetynet explain` and the review screen agree (issue 17): the example household,
//! applied for, accepted and investigated through the real event loop, shows at review
//! the category, the amount and every explanation line that `explain` prints for it.

mod common;

use std::process::Command;

use common::{colour, district, Session};
use safetynet::app::workflow::{self, Application};
use safetynet::domain::case::Channel;
use safetynet::domain::household::Household;
use safetynet::tui::Lang;

const EXAMPLE: &str = "assets/examples/elder-with-son-elsewhere.toml";

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"│┌┐└┘─▼▲·".contains(*c))
        .collect()
}

#[test]
fn the_review_shows_what_explain_prints_for_the_same_household() {
    let f = district(30);
    let household: Household =
        toml::from_str(&std::fs::read_to_string(EXAMPLE).expect("example")).expect("parses");
    let today = common::today();
    workflow::submit(
        &f.services,
        &f.actor,
        Application {
            household,
            channel: Channel::OwnApplication,
            applied_on: today,
        },
    )
    .expect("submitted");

    let out = Command::new(env!("CARGO_BIN_EXE_safetynet"))
        .args(["explain", EXAMPLE, "--on", &today.to_string()])
        .output()
        .expect("explain runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let explained = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = explained.lines().collect();
    let category = lines[0].trim_start_matches("建议类别：");
    let amount = lines[2].trim_start_matches("月待遇：");

    // Find the case, accept it, investigate, open the review.
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    s.keys("/王秀兰<ret>");
    assert!(s.screen().contains("王秀兰"), "{}", s.screen());
    s.keys("a<ret>y").keys("ay");
    s.keys("a<tab>王芳<tab>李强<tab><tab>入户核实，独居<c-s>y");
    s.keys("a");
    let first = s.screen();
    assert!(first.contains(category), "category {category}:\n{first}");
    assert!(first.contains(amount), "amount {amount}:\n{first}");
    // Read the whole explanation, a page at a time, to its end.
    let mut seen = squeeze(&first);
    for _ in 0..20 {
        s.keys("<pgdn>");
        seen.push_str(&squeeze(&s.screen()));
    }
    for line in &lines[3..] {
        assert!(
            seen.contains(&squeeze(line)),
            "the review does not show “{line}”; it showed:\n{first}"
        );
    }
}
