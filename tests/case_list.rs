//! The case list marks overdue cases (issue 14, point 9): typed through the real event
//! loop at 80x24, each row whose review deadline has passed while the clock runs says
//! 逾期 (late), and no other row does.

mod common;

use common::{colour, district, today, Session};
use safetynet::app::cases::{self, CaseFilter};
use safetynet::domain::case_row::CaseRow;
use safetynet::tui::Lang;

fn overdue(r: &CaseRow) -> bool {
    r.stage.clock_runs() && r.deadline.is_some_and(|d| d.date < today())
}

/// Page through the whole list, the screens as drawn.
fn all_pages(s: &mut Session, total: usize) -> String {
    let mut out = s.screen();
    for _ in 0..total / 10 {
        s.keys("<pgdn>");
        out.push_str(&s.screen());
    }
    out
}

#[test]
fn overdue_cases_are_marked_in_the_list() {
    let f = district(400);
    let rows = cases::list(&f.services, &f.actor, CaseFilter::default(), 0, 1000).expect("rows");
    let late: Vec<&CaseRow> = rows.iter().filter(|r| overdue(r)).collect();
    assert!(
        !late.is_empty(),
        "the generated district has an overdue case"
    );
    for (lang, mark) in [(Lang::Zh, "逾期"), (Lang::En, "late")] {
        let mut s = Session::new(f.cx(lang, colour()));
        s.keys("c");
        let screens = all_pages(&mut s, rows.len());
        for r in &rows {
            let label = r.label();
            let line = screens
                .lines()
                .find(|l| l.contains(&label))
                .unwrap_or_else(|| panic!("{label} never shown"));
            let marked = line.trim_end().ends_with(&format!(
                "{mark} {}",
                r.deadline
                    .map(|d| d.date.format("%m-%d").to_string())
                    .unwrap_or_default()
            ));
            assert_eq!(marked, overdue(r), "{lang:?} {line}");
        }
    }
}
