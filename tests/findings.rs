//! Issue 14 point 9: "long findings are cut at the right edge". A home visit's findings of
//! 200-odd characters, recorded through the workflow, read whole on the case's 调查 tab at
//! 80x24: every line stays inside the border and the last words are on screen.

mod common;

use common::{colour, district, Session};
use safetynet::app::workflow::{self, InvestigationInput};
use safetynet::domain::case::Stage;
use safetynet::store::CaseFilter;
use safetynet::tui::Lang;

#[test]
fn long_findings_wrap_inside_the_border_to_their_last_words() {
    let f = district(300);
    let s = &f.services;
    let row = s
        .store
        .case_rows(
            CaseFilter {
                town: None,
                stage: Some(Stage::Investigating),
            },
            0,
            1,
        )
        .expect("rows")
        .into_iter()
        .next()
        .expect("a case being investigated");
    let case = s.store.case(row.case).expect("read").expect("case");
    let h = s.store.household(case.household).expect("read").expect("h");
    let findings = "入户核实：家庭成员与申请一致，户主患慢性病长期服药，配偶在县城务工收入不稳定，\
        子女在读初中；住房为砖木结构，屋顶漏雨，已拍照留存；邻里及村委会均证实家庭困难情况属实，\
        无隐瞒收入或财产情形，建议按程序审核确认并跟踪住房安全改造进度，末句为止";
    workflow::finish_investigation(
        s,
        &f.actor,
        case.id,
        case.rev,
        InvestigationInput {
            visit_date: common::today(),
            investigators: vec!["陈磊".into(), "周静".into()],
            findings: findings.into(),
            mismatches: vec![],
            indicators: h.indicators,
            fixes: vec![],
        },
    )
    .expect("investigation recorded");
    let number = case.number.expect("number").to_string();
    for lang in [Lang::Zh, Lang::En] {
        let mut k = Session::new(f.cx(lang, colour()));
        k.keys(&format!("/{number}<ret>"));
        // The investigation tab (概况 | 成员 | 收支财产 | 调查).
        k.keys("<tab><tab><tab>");
        let screen = k.screen();
        assert!(screen.contains("末句为止"), "{lang:?}:\n{screen}");
        for line in screen.lines().skip(3).take(19) {
            assert!(
                line.ends_with('│') || line.ends_with('┘') || line.ends_with('┐'),
                "{lang:?}: a line runs past the border: {line}\n{screen}"
            );
        }
    }
}
