//! The relative-of-staff flag (近亲属备案) as the case screens show it: who the member
//! is related to, what the case may not skip, and whether the district check is done.
//! `K` on the case records the district-level check (district officers).

use crate::tui::DrawCx;
use ratatui::text::{Line, Span};

use crate::app::staff_relatives::CaseFlag;
use crate::tui::form::{Field, Kind};
use crate::tui::prompt::{Prompt, Question};
use crate::tui::screens::Outcome;
use crate::tui::{Cx, Lang};

/// The flag's lines (none when the case is not flagged).
pub fn flag_lines(cx: &DrawCx, flag: &CaseFlag) -> Vec<Line<'static>> {
    if !flag.flagged() {
        return Vec::new();
    }
    let l = cx.lang;
    let mut out = vec![Line::from(Span::styled(
        l.t(
            "※ 近亲属备案：须完整入户调查（相关工作人员回避），并经区级核查后方可审核确认",
            "※ Relative of staff: a full home visit (the related staff stand aside) and a district check before the decision",
        )
        .to_string(),
        cx.theme.warn(),
    ))];
    for m in &flag.matches {
        let text = match l {
            Lang::Zh => m.zh(),
            Lang::En => m.en(),
        };
        out.push(Line::from(Span::styled(
            format!("  {text}"),
            cx.theme.notice(),
        )));
    }
    let check = match (&flag.district_check, l) {
        (None, Lang::Zh) => "  区级核查：尚未核查（区民政局按 K 登记）".to_string(),
        (None, Lang::En) => "  District check: not yet (district office: K)".to_string(),
        (Some(c), Lang::Zh) => format!(
            "  区级核查：{} {} {}{}",
            c.on,
            c.by,
            if c.in_order { "无误" } else { "发现问题" },
            if c.note.is_empty() {
                String::new()
            } else {
                format!("：{}", c.note)
            }
        ),
        (Some(c), Lang::En) => format!(
            "  District check: {} {} {}{}",
            c.on,
            c.by,
            if c.in_order {
                "in order"
            } else {
                "problem found"
            },
            if c.note.is_empty() {
                String::new()
            } else {
                format!(": {}", c.note)
            }
        ),
    };
    out.push(Line::from(Span::styled(check, cx.theme.value())));
    out
}

/// The district check's question: in order or not, and a note.
pub fn ask_district_check(cx: &Cx, flag: &CaseFlag) -> Outcome {
    let l = cx.lang;
    if !flag.flagged() {
        return Outcome::Status(
            l.t(
                "本案申请人不在近亲属备案中，无需区级核查",
                "The applicant is not on the register of relatives of staff",
            )
            .into(),
        );
    }
    let result = Field::new(
        "核查结果",
        "result",
        Kind::Choice(vec![
            ("无误".into(), "in order".into()),
            ("发现问题".into(), "problem found".into()),
        ]),
    );
    let note = Field::new(
        "核查情况",
        "what was checked",
        Kind::Text { required: false },
    );
    let body = flag_lines(cx, flag);
    Outcome::ask(
        Prompt::confirm(
            Question::DistrictCheck,
            l.t("区级核查", "District check"),
            body,
        )
        .with_fields(vec![result, note]),
    )
}
