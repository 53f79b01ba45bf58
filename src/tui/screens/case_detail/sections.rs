//! The text of each tab of the case detail.

use crate::tui::audit_text;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::field;
use crate::app::cases::CaseDetail;
use crate::tui::widgets::pad_to;
use crate::tui::{Cx, Lang};

fn heading(cx: &Cx, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), cx.theme.title()))
}

pub fn summary(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let c = &d.case;
    let h = &d.household;
    let none = "—".to_string();
    let mut out = crate::tui::screens::relatives::flag_lines(cx, &d.staff_relative);
    out.extend(vec![
        field(
            cx,
            l.t("案件编号", "Case number"),
            c.number.map_or(format!("#{}", c.id.0), |n| n.to_string()),
        ),
        field(cx, l.t("阶段", "Stage"), l.of(&c.stage)),
        field(cx, l.t("来源", "Channel"), l.of(&c.channel)),
        field(cx, l.t("申请日期", "Applied"), c.applied_on.to_string()),
        field(
            cx,
            l.t("受理日期", "Accepted"),
            c.accepted_on.map_or(none.clone(), |d| d.to_string()),
        ),
    ]);
    if let Some(dl) = c.deadline {
        let mut text = dl.date.to_string();
        if dl.provisional {
            text.push_str(l.t(
                "（暂定：超出节假日历）",
                " (provisional: beyond the holiday calendar)",
            ));
        }
        out.push(field(cx, l.t("审核期限", "Review deadline"), text));
    }
    if let Some(left) = d.days_left {
        let style = if c.is_overdue(cx.services.today()) {
            cx.theme.warn()
        } else {
            cx.theme.ok()
        };
        let text = if c.is_overdue(cx.services.today()) {
            format!(
                "{} {} {}",
                l.t("已逾期", "overdue by"),
                left.unsigned_abs(),
                l.t("个工作日", "working days")
            )
        } else {
            match l {
                crate::tui::Lang::Zh => format!("剩余 {left} 个工作日"),
                crate::tui::Lang::En => format!("{left} working days left"),
            }
        };
        out.push(Line::from(vec![
            Span::styled(
                pad_to(
                    l.t("期限状态", "Time left"),
                    super::label_width(l, l.t("期限状态", "Time left")),
                ),
                cx.theme.label(),
            ),
            Span::styled(text, style),
        ]));
    }
    out.push(field(
        cx,
        l.t("决定日期", "Decided"),
        c.decided_on.map_or(none.clone(), |d| d.to_string()),
    ));
    if let Some(cat) = c.confirmed_category() {
        out.push(field(cx, l.t("认定类别", "Category"), l.of(&cat)));
    }
    out.push(Line::from(""));
    out.push(heading(cx, l.t("家庭", "Household")));
    out.push(field(cx, l.t("户主", "Head"), h.head_name().to_string()));
    out.push(field(
        cx,
        l.t("镇街 / 村", "Town / village"),
        format!("{} {}", l.of(&h.town), h.village),
    ));
    out.push(field(cx, l.t("地址", "Address"), h.address.clone()));
    out.push(field(cx, l.t("电话", "Phone"), h.phone.clone()));
    out.push(field(cx, l.t("城乡", "Urban/rural"), l.of(&h.area)));
    out.push(field(
        cx,
        l.t("人口", "Members"),
        h.members.len().to_string(),
    ));
    out.push(field(
        cx,
        l.t("住房 / 饮水", "Housing / water"),
        format!(
            "{} / {}",
            l.of(&h.indicators.housing),
            l.of(&h.indicators.drinking_water)
        ),
    ));
    let needs: Vec<&str> = h.needs.iter().map(|n| l.of(n)).collect();
    out.push(field(cx, l.t("需求", "Needs"), needs.join("、")));
    if h.standing.relapse_watch {
        out.push(field(
            cx,
            l.t("标识", "Tag"),
            l.of(&crate::domain::category::Tag::RelapseWatch),
        ));
    }
    out.extend(super::procedure::lines(cx, c));
    out
}

pub fn members(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let today = cx.services.today();
    let mut out = Vec::new();
    for (i, m) in d.household.members.iter().enumerate() {
        out.push(heading(
            cx,
            &format!("{}. {} ({})", i + 1, m.name, l.of(&m.relation)),
        ));
        out.push(field(cx, l.t("身份证号", "ID number"), m.id.to_string()));
        out.push(field(
            cx,
            l.t("性别 / 年龄", "Sex / age"),
            format!("{} / {}", l.t(m.sex().zh(), m.sex().en()), m.age_on(today)),
        ));
        let disability = m.disability.map_or_else(
            || l.t("无", "none").to_string(),
            |x| format!("{} {}{}", l.of(&x.kind), x.grade, l.t("级", "")),
        );
        out.push(field(
            cx,
            l.t("劳动能力", "Labour"),
            format!(
                "{} · {} · {} {}",
                l.of(&m.labour),
                l.of(&m.health),
                l.t("残疾", "disability"),
                disability
            ),
        ));
        out.push(field(
            cx,
            l.t("就业 / 在学", "Work / school"),
            format!("{} / {}", l.of(&m.employment), l.of(&m.schooling)),
        ));
    }
    let obligors = &d.household.obligors;
    if !obligors.is_empty() {
        out.push(Line::from(""));
        out.push(heading(
            cx,
            l.t(
                "法定义务人（不计入家庭人口）",
                "Legal obligors (not members)",
            ),
        ));
    }
    for o in obligors {
        let of = d
            .household
            .members
            .get(o.supports)
            .map_or_else(String::new, |m| m.name.clone());
        let who = match l {
            Lang::Zh => o.label_zh(),
            Lang::En => o.label_en(),
        };
        out.push(field(cx, l.t("义务人", "Obligor"), format!("{who} → {of}")));
        let able = match o.unable {
            None => l.t("有履行义务能力", "able to support").to_string(),
            Some(r) => format!("{}{}", l.t("无能力：", "unable: "), l.of(&r)),
        };
        out.push(field(cx, l.t("履行能力", "Able"), able));
        out.push(field(
            cx,
            l.t("实际给付", "Support paid"),
            format!("{} {}", o.paid_yearly(), l.t("元/年", "yuan a year")),
        ));
        if let Some(id) = &o.id {
            out.push(field(cx, l.t("身份证号", "ID number"), id.to_string()));
        }
    }
    out
}

pub fn money(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let h = &d.household;
    let who = |m: Option<usize>| {
        m.and_then(|i| h.members.get(i))
            .map_or_else(|| l.t("全家", "household").to_string(), |m| m.name.clone())
    };
    // Columns as wide as their widest entry (English kinds run to 29 columns), capped so
    // the amounts stay on the line.
    let kinds = h
        .incomes
        .iter()
        .map(|i| l.of(&i.kind))
        .chain(h.expenses.iter().map(|e| l.of(&e.kind)))
        .chain(h.assets.iter().map(|a| l.of(&a.kind)));
    let kw = kinds.map(|k| k.width()).max().unwrap_or(0).clamp(10, 30);
    let members = h.incomes.iter().map(|i| i.member);
    let ww = members
        .chain(h.expenses.iter().map(|e| e.member))
        .map(|m| who(m).width())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = vec![heading(cx, l.t("收入", "Income"))];
    for i in &h.incomes {
        out.push(Line::from(format!(
            "  {} {} {} {} ({} {})",
            pad_to(l.of(&i.kind), kw),
            pad_to(&who(i.member), ww),
            i.amount.money,
            l.of(&i.amount.period),
            l.t("年", "year"),
            i.amount.annual()
        )));
    }
    out.push(field(
        cx,
        l.t("家庭年收入", "Annual income"),
        h.annual_income().to_string(),
    ));
    out.push(Line::from(""));
    out.push(heading(cx, l.t("刚性支出", "Rigid expenditure")));
    for e in &h.expenses {
        out.push(Line::from(format!(
            "  {} {} {} {}",
            pad_to(l.of(&e.kind), kw),
            pad_to(&who(e.member), ww),
            e.amount.money,
            l.of(&e.amount.period)
        )));
    }
    out.push(field(
        cx,
        l.t("年刚性支出", "Annual rigid"),
        h.annual_rigid_expense().to_string(),
    ));
    out.push(Line::from(""));
    out.push(heading(cx, l.t("财产", "Assets")));
    for a in &h.assets {
        out.push(Line::from(format!(
            "  {} x{} {} {}",
            pad_to(l.of(&a.kind), kw),
            a.count,
            a.value,
            a.note
        )));
    }
    out
}

pub fn investigation(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let Some(inv) = &d.case.investigation else {
        return vec![Line::from(l.t("尚未调查", "Not investigated yet"))];
    };
    let mut out = vec![
        field(
            cx,
            l.t("入户日期", "Home visit"),
            inv.visit_date.to_string(),
        ),
        field(
            cx,
            l.t("调查人员", "Investigators"),
            inv.investigators.join("、"),
        ),
        field(cx, l.t("调查结论", "Findings"), inv.findings.clone()),
    ];
    if inv.mismatches.is_empty() {
        out.push(field(
            cx,
            l.t("经济状况核对", "Verification"),
            l.t("一致", "matched"),
        ));
    }
    for m in &inv.mismatches {
        out.push(field(
            cx,
            l.t("核对不一致", "Mismatch"),
            format!("{}: {}", l.of(&m.source), m.note),
        ));
    }
    for c in &inv.corrections {
        out.push(field(
            cx,
            l.t("更正", "Correction"),
            format!("{}: {} → {}", c.field, c.original, c.corrected),
        ));
    }
    out
}

pub fn review(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let flag = crate::tui::screens::relatives::flag_lines(cx, &d.staff_relative);
    let Some(r) = &d.case.review else {
        let mut out = flag;
        out.push(Line::from(l.t("尚未审核", "Not reviewed yet")));
        return out;
    };
    let mut out = flag;
    out.extend(vec![
        field(
            cx,
            l.t("建议类别", "Proposed"),
            r.proposed.map_or("—", |c| l.of(&c)).to_string(),
        ),
        field(cx, l.t("决定", "Decision"), l.of(&r.decision)),
        field(
            cx,
            l.t("认定类别", "Category"),
            r.category.map_or("—", |c| l.of(&c)).to_string(),
        ),
        field(cx, l.t("理由", "Reason"), r.reason.clone()),
        field(cx, l.t("决定日期", "Date"), r.date.to_string()),
    ]);
    if let Some(b) = r.proposed_benefit {
        out.push(field(
            cx,
            l.t("建议月保障金", "Benefit/month"),
            format!("{b} {}", l.t("元", "yuan")),
        ));
    }
    for t in &r.proposed_tags {
        out.push(field(cx, l.t("标识", "Tag"), l.of(t)));
    }
    let explanation = match l {
        crate::tui::Lang::En if !r.explanation_en.is_empty() => &r.explanation_en,
        _ => &r.explanation,
    };
    if !explanation.is_empty() {
        out.push(Line::from(""));
        out.push(heading(
            cx,
            l.t("认定建议的依据", "Why the engine proposed this"),
        ));
    }
    for e in explanation {
        out.push(Line::from(format!("  {e}")));
    }
    out
}

pub fn history(cx: &Cx, d: &CaseDetail) -> Vec<Line<'static>> {
    let l = cx.lang;
    let mut out = vec![heading(cx, l.t("流转记录", "Workflow"))];
    for t in &d.case.history {
        out.push(Line::from(format!(
            "  {} {} → {} {} {}",
            t.at.format("%Y-%m-%d %H:%M"),
            l.of(&t.from),
            l.of(&t.to),
            t.by,
            t.reason
        )));
    }
    out.push(Line::from(""));
    out.push(heading(cx, l.t("审计记录", "Audit trail")));
    if d.audit.is_empty() {
        out.push(Line::from(l.t("  （无）", "  (none)")));
    }
    for e in &d.audit {
        out.push(Line::from(format!(
            "  {} {}",
            e.at.format("%Y-%m-%d %H:%M"),
            audit_text::sentence(l, e)
        )));
        for change in audit_text::changes(l, e) {
            out.push(Line::from(format!("      {change}")));
        }
    }
    out
}
