//! The dashboard: counters kept on write equal a full recount after a random sequence of
//! workflow actions; drill-down from each kind of figure through the real event loop.

mod common;

use common::{colour, district, Session};
use safetynet::app::generate::Rng;
use safetynet::app::workflow::{self, DecisionInput, Fix, InvestigationInput};
use safetynet::domain::case::{Decision, Stage};
use safetynet::domain::caseload::Caseload;
use safetynet::domain::category::Category;
use safetynet::domain::drilldown::{Figure, MonitoringLines};
use safetynet::domain::income::Amount;
use safetynet::domain::indicators::{Indicators, Safety};
use safetynet::domain::money::Money;
use safetynet::store::CaseFilter;
use safetynet::tui::screens::drilldown::Source;
use safetynet::tui::Lang;

/// Caseloads compared without months whose counts went back to zero.
fn normal(mut c: Caseload) -> Caseload {
    for t in &mut c.towns {
        t.months
            .retain(|m| m.applications != 0 || m.confirmations != 0);
    }
    c
}

fn safety(rng: &mut Rng) -> Safety {
    *rng.pick(&[Safety::Unknown, Safety::Safe, Safety::Unsafe])
}

#[test]
fn counters_equal_a_recount_after_random_workflow_actions() {
    let f = district(300);
    let s = &f.services;
    let me = &f.actor;
    let today = common::today();
    for seed in 1..=3u64 {
        let mut rng = Rng::new(seed);
        let mut done = 0;
        for _ in 0..80 {
            let rows = s
                .store
                .case_rows(CaseFilter::default(), 0, 10_000)
                .expect("rows");
            let open: Vec<_> = rows.iter().filter(|r| r.stage.is_open()).collect();
            if open.is_empty() {
                break;
            }
            let row = (*rng.pick(&open)).clone();
            let case = s.store.case(row.case).expect("read").expect("case");
            let rev = case.rev;
            let result = match case.stage {
                Stage::Submitted => workflow::accept(s, me, case.id, rev, today).map(|_| ()),
                Stage::Accepted => workflow::start_investigation(s, me, case.id, rev).map(|_| ()),
                Stage::Investigating => {
                    let h = s
                        .store
                        .household(case.household)
                        .expect("read")
                        .expect("hh");
                    let fixes = if h.incomes.is_empty() {
                        vec![]
                    } else {
                        vec![Fix::Income {
                            index: 0,
                            amount: Amount::monthly(Money::from_yuan(rng.between(0, 3000))),
                        }]
                    };
                    let input = InvestigationInput {
                        visit_date: today,
                        investigators: vec!["王晓东".into(), "李娟".into()],
                        findings: "入户核实".into(),
                        mismatches: vec![],
                        indicators: Indicators {
                            housing: safety(&mut rng),
                            drinking_water: safety(&mut rng),
                        },
                        fixes,
                    };
                    workflow::finish_investigation(s, me, case.id, rev, input).map(|_| ())
                }
                Stage::UnderReview => {
                    let decision = *rng.pick(Decision::ALL);
                    let input = DecisionInput {
                        decision,
                        category: Some(*rng.pick(Category::ALL)),
                        reason: "专班会议研究".into(),
                        date: today,
                    };
                    workflow::decide(s, me, case.id, rev, input).map(|_| ())
                }
                Stage::Draft if rng.chance(50) => {
                    workflow::withdraw(s, me, case.id, rev, "本人撤回").map(|_| ())
                }
                _ => continue,
            };
            if result.is_ok() {
                done += 1;
            }
        }
        assert!(done > 20, "seed {seed}: only {done} actions succeeded");
        let kept = s.store.caseload().expect("caseload");
        for figure in Figure::ALL {
            assert_eq!(
                s.store.figure_index_len(*figure) as i64,
                kept.district().figure(*figure),
                "seed {seed}: {figure:?} index and counter differ"
            );
        }
        let recounted = s.store.recount_caseload(kept.lines).expect("recount");
        assert_eq!(normal(kept), normal(recounted), "seed {seed}");
    }
}

#[test]
fn a_changed_monitoring_line_is_recounted_and_audited() {
    let f = district(150);
    let s = &f.services;
    let before = s.store.caseload().expect("caseload");
    assert!(
        before.lines.is_some(),
        "generate counts by the line in force"
    );
    // Pretend the store was counted by another line: the dashboard recounts once.
    let other = MonitoringLines {
        urban_yearly: Money::ZERO,
        rural_yearly: Money::ZERO,
        ..before.lines.expect("lines")
    };
    let wrong = s.store.recount_caseload(Some(other)).expect("recount");
    assert_eq!(wrong.district().below_monitoring_line, 0);
    let d = safetynet::app::dashboard::dashboard(s, &f.actor).expect("dashboard");
    assert_eq!(
        d.figures.below_monitoring_line,
        before.district().below_monitoring_line
    );
    assert!(s
        .store
        .audit_of("caseload")
        .expect("audit")
        .iter()
        .any(|e| e.action == "caseload.recount"));
}

#[test]
fn drill_down_from_stage_figure_and_town() {
    let f = district(400);
    let caseload = f.services.store.caseload().expect("caseload");
    let district_figures = caseload.district();
    let mut s = Session::new(f.cx(Lang::Zh, colour()));
    // Tab from the due list to the stages; the fourth stage is 调查核实.
    s.keys("<tab><down><down><down><ret>");
    let Some(list) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::case_list::CaseListScreen>()
    else {
        panic!("expected the case list:\n{}", s.screen());
    };
    assert_eq!(
        list.total() as i64,
        district_figures.stage(Stage::Investigating)
    );
    assert!(list
        .selected_row()
        .is_some_and(|r| r.stage == Stage::Investigating));
    // Back, next panel (categories and indicators), last line: income below the line.
    s.keys("<esc><tab>G<ret>");
    let Some(d) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::drilldown::DrilldownScreen>()
    else {
        panic!("expected the drill-down list:\n{}", s.screen());
    };
    assert_eq!(d.source(), Source::Figure(Figure::BelowMonitoringLine));
    assert_eq!(
        d.total() as i64,
        district_figures.below_monitoring_line,
        "the list holds what the figure counts"
    );
    let lines = caseload.lines.expect("lines");
    for row in d.rows() {
        let h = f
            .services
            .store
            .household(row.household)
            .expect("read")
            .expect("hh");
        assert!(lines.below(&h), "{} is not below the line", row.head);
        assert!(row.head_id_masked.contains("********"));
    }
    insta::assert_snapshot!("drilldown_below_line", s.screen());
    // Open a case from it, come back, then the town chart: 印台 (second bar).
    s.keys("<ret>");
    assert!(s
        .ui
        .screen()
        .is::<safetynet::tui::screens::case_detail::CaseDetailScreen>());
    s.keys("<esc><esc><tab><down><ret>");
    let Some(d) =
        s.ui.screen()
            .downcast_ref::<safetynet::tui::screens::drilldown::DrilldownScreen>()
    else {
        panic!("expected the town's open cases:\n{}", s.screen());
    };
    let town = safetynet::domain::town::Town::Yintai;
    assert_eq!(d.source(), Source::OpenCases(town));
    assert_eq!(d.total() as i64, caseload.town(town).open_cases());
    assert_eq!(d.rows().len(), d.total());
    assert!(d.rows().iter().all(|r| r.town == town && r.stage.is_open()));
}
