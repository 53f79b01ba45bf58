//! The English lists with a narrow town column at 80x24 (issue 14, point 10): the
//! monitoring roster, the spot checks and the register of relatives of staff name every
//! town whole or by its marked abbreviation ("Jinsuo."), never cut to six columns
//! ("Chengg", "Jinsuo" — the old `short_town` in a 6-column cell), and the town cell
//! stands apart from the column after it. Every town appears in each list.

mod common;

use common::{colour, district, Fixture, Session};
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use safetynet::app::spot_check;
use safetynet::app::staff_relatives::{self, StaffInput};
use safetynet::domain::staff_relatives::{Kinship, StaffRole};
use safetynet::domain::town::Town;
use safetynet::domain::Label;
use safetynet::tui::Lang;

/// The English name a list may show for `t`: the name without " St.", or its abbreviation.
fn readable(t: Town) -> [String; 2] {
    [
        t.en().trim_end_matches(" St.").to_string(),
        t.abbreviation_en().to_string(),
    ]
}

fn buffer(s: &mut Session) -> Buffer {
    let area = s.terminal.backend().buffer().area;
    let mut fresh = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    fresh.draw(|f| s.ui.draw(f, &s.cx)).expect("draw");
    fresh.backend().buffer().clone()
}

/// The text of row `y` between columns `from` and `to` (wide characters once).
fn cells(buf: &Buffer, y: u16, from: u16, to: u16) -> String {
    common::visible_row(buf, y)
        .into_iter()
        .filter(|(x, _)| *x >= from && *x < to)
        .map(|(_, s)| s)
        .collect()
}

/// The column where `label` starts on the header row `y`.
fn column(buf: &Buffer, y: u16, label: &str) -> u16 {
    let row: String = common::visible_row(buf, y)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    let at = row
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in header {row:?}"));
    u16::try_from(row[..at].chars().count()).expect("column")
}

/// Every data row's town cell (between the town column and the next column) is a town's
/// readable English name, with a blank before the next column; returns the towns seen.
fn check_towns(
    buf: &Buffer,
    rows: std::ops::Range<u16>,
    town_at: u16,
    next_at: u16,
    seen: &mut Vec<Town>,
) {
    let text = common::screen_text(buf);
    for y in rows {
        let cell = cells(buf, y, town_at, next_at);
        if cell.trim().is_empty() {
            continue;
        }
        let name = cell.trim();
        let town = Town::ALL
            .iter()
            .find(|t| readable(**t).iter().any(|r| r == name))
            .unwrap_or_else(|| {
                panic!("row {y}: town cell {cell:?} is no town's name or abbreviation:\n{text}")
            });
        assert!(
            cell.ends_with(' '),
            "row {y}: the town {cell:?} runs into the next column:\n{text}"
        );
        if !seen.contains(town) {
            seen.push(*town);
        }
    }
}

fn assert_every_town(seen: &[Town], list: &str) {
    for t in Town::ALL {
        assert!(seen.contains(t), "{list}: {t:?} never shown");
    }
}

#[test]
fn the_roster_names_every_town_whole_or_abbreviated() {
    let f = district(400);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("m");
    let mut seen = Vec::new();
    // t steps through the towns one at a time (the first press: the first town).
    for _ in 0..=Town::ALL.len() {
        let buf = buffer(&mut s);
        let text = common::screen_text(&buf);
        let header = text
            .lines()
            .position(|l| l.contains("why watched"))
            .unwrap_or_else(|| panic!("no column header:\n{text}"));
        let y = u16::try_from(header).expect("row");
        let town_at = column(&buf, y, "town");
        let next_at = column(&buf, y, "why watched");
        check_towns(
            &buf,
            y + 1..buf.area.height - 4,
            town_at,
            next_at,
            &mut seen,
        );
        // The reason whole: a category or a group's English name, apart from the flags.
        let flags_at = column(&buf, y, "indicators");
        let reasons: Vec<&str> = safetynet::domain::category::Category::ALL
            .iter()
            .map(|c| c.en())
            .chain(
                safetynet::domain::monitoring::Group::ALL
                    .iter()
                    .map(|g| g.en()),
            )
            .collect();
        let flag_names: Vec<&str> = safetynet::domain::monitoring::Flag::ALL
            .iter()
            .map(|f| f.en())
            .collect();
        for row in y + 1..buf.area.height - 4 {
            // The indicators: whole names, then "+N" for those left out.
            let shown = cells(&buf, row, flags_at, buf.area.width);
            let shown = shown.trim_end();
            let (names, more) = match shown.rsplit_once(" +") {
                Some((names, n)) if n.parse::<usize>().is_ok() => (names, true),
                _ => (shown, false),
            };
            assert!(
                (names.is_empty() && !more)
                    || names.split(", ").all(|n| flag_names.contains(&n))
                    || (more && names.starts_with('+')),
                "row {row}: indicators {shown:?} cut:\n{text}"
            );
            let cell = cells(&buf, row, next_at, flags_at);
            let why = cell.trim();
            assert!(
                why.is_empty() || (reasons.contains(&why) && cell.ends_with(' ')),
                "row {row}: reason {cell:?} cut or run into the flags:\n{text}"
            );
        }
        s.keys("t");
    }
    assert_every_town(&seen, "roster");
}

/// Draw a sample of each town's decisions of 2026 (or 2025, where a town made none yet).
fn drawn_everywhere(f: &Fixture) -> usize {
    let mut n = 0;
    for t in Town::ALL {
        let d = spot_check::draw_sample(&f.services, &f.actor, *t, "2026")
            .or_else(|_| spot_check::draw_sample(&f.services, &f.actor, *t, "2025"))
            .unwrap_or_else(|e| panic!("{t:?}: {e:?}"));
        n += d.drawn.len();
    }
    n
}

#[test]
fn the_spot_checks_name_every_town_whole_or_abbreviated() {
    let f = district(400);
    let n = drawn_everywhere(&f);
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("K");
    let mut seen = Vec::new();
    let buf = buffer(&mut s);
    let text = common::screen_text(&buf);
    let first = text
        .lines()
        .position(|l| l.starts_with('>') || l.starts_with("│>"))
        .unwrap_or_else(|| panic!("no selected row:\n{text}"));
    // The town is the first column: it starts after the marker, the period follows.
    let row = u16::try_from(first).expect("row");
    let marker_x = u16::from(text.lines().nth(first).is_some_and(|l| l.starts_with('│')));
    let town_at = marker_x + 1;
    let period_at = {
        let line: String = common::visible_row(&buf, row)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        let at = line
            .find("202")
            .unwrap_or_else(|| panic!("no period in {line:?}"));
        u16::try_from(line[..at].chars().count()).expect("column")
    };
    for _ in 0..n.div_ceil(10) + 1 {
        let buf = buffer(&mut s);
        check_towns(
            &buf,
            row..buf.area.height - 3,
            town_at,
            period_at,
            &mut seen,
        );
        // The stage and the outcome whole too (they were "confirme", "not yet").
        let text = common::screen_text(&buf);
        for line in text.lines().filter(|l| l.contains("610203-")) {
            assert!(
                line.contains(" confirmed ") || line.contains(" rejected "),
                "stage cut: {line:?}"
            );
            assert!(
                ["open", "upheld", "flawed"]
                    .iter()
                    .any(|o| line.trim_end().ends_with(o)),
                "outcome cut: {line:?}"
            );
        }
        s.keys("<pgdn>");
    }
    assert_every_town(&seen, "spot checks");
    s.keys("<home>");
    let header = s.screen().lines().nth(2).unwrap_or_default().to_string();
    assert!(
        header.ends_with("stage     result") && header.starts_with(" town    period"),
        "{header:?}"
    );
}

#[test]
fn the_staff_register_names_every_town_whole_or_abbreviated() {
    let f = district(400);
    // One entry a town, each naming a member of a household of that town.
    for (i, t) in Town::ALL.iter().enumerate() {
        let h = (1..400)
            .filter_map(|id| {
                f.services
                    .store
                    .household(safetynet::domain::household::HouseholdId(id))
                    .ok()
                    .flatten()
            })
            .find(|h| h.town == *t)
            .unwrap_or_else(|| panic!("no household in {t:?}"));
        let m = &h.members[0];
        staff_relatives::save_entry(
            &f.services,
            &f.actor,
            StaffInput {
                id: 0,
                rev: 0,
                name: format!("员工{i}"),
                role: StaffRole::CivilAffairs,
                town: *t,
                post: "民政办".into(),
                relatives: vec![(m.name.clone(), m.id.as_str().to_string(), Kinship::Sibling)],
            },
        )
        .expect("saved");
    }
    let mut s = Session::new(f.cx(Lang::En, colour()));
    s.keys("B");
    let buf = buffer(&mut s);
    let text = common::screen_text(&buf);
    let header = text
        .lines()
        .position(|l| l.contains("Office and post"))
        .unwrap_or_else(|| panic!("no column header:\n{text}"));
    let y = u16::try_from(header).expect("row");
    let town_at = column(&buf, y, "Town");
    let next_at = column(&buf, y, "Office and post");
    let mut seen = Vec::new();
    check_towns(&buf, y + 1..y + 12, town_at, next_at, &mut seen);
    assert_every_town(&seen, "staff register");
    assert!(
        text.contains("Office and post      Relatives"),
        "the last heading whole:\n{text}"
    );
}
