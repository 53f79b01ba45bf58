//! The obligor condition of the destitute test: 《特困人员认定办法》第四条第（三）项 —
//! no legal obligor, or none able to fulfil the duty — with 第八条's list of who is unable.
//!
//! Three sources, each line naming the clause that decided it:
//! - obligors the clerk recorded for the member (most live elsewhere): able unless a
//!   reason of 第八条 is recorded and what the record shows supports it (age from the ID
//!   number, own income below last year's disposable income, assets within limits);
//! - other adult members of the household: able unless 第八条 (一)–(四) holds on what
//!   the household record shows (their own conditions, dibao and age, age or severe
//!   disability with low income);
//! - a support payment recorded as an income item with no obligor recorded: someone pays,
//!   so someone is able; the clerk is asked to record them.

use super::destitute::own_income;
use super::explain::cited;
use super::labour::Facts;
use crate::domain::category::Category;
use crate::domain::household::Household;
use crate::domain::income::IncomeKind;
use crate::domain::label::Label;
use crate::domain::money::Money;
use crate::domain::obligor::{Inability, Obligor};
use crate::domain::resident_id::age_on;
use crate::domain::standards::{Clause, Clauses, DestituteRules};

/// What the obligor test reads.
pub(super) struct Context<'a> {
    pub h: &'a Household,
    pub facts: &'a [Facts],
    pub d: &'a DestituteRules,
    pub clauses: &'a Clauses,
    /// Last year's local per-capita disposable income, per year.
    pub disposable: Money,
    pub assets_pass: bool,
    /// Members meeting the destitute conditions other than this one (第八条（一）).
    pub own_conditions: &'a [bool],
}

pub(super) struct Findings {
    /// Who is able to support: ("子女 张大（户外）", "child 张大 (lives elsewhere)").
    pub able: Vec<(String, String)>,
    /// (met for the destitute test, (zh, en)).
    pub lines: Vec<(bool, (String, String))>,
}

/// Whether a recorded reason holds on the record; `Err` says why it does not.
fn reason_holds(
    ctx: &Context<'_>,
    o: &Obligor,
    r: Inability,
    on: chrono::NaiveDate,
) -> Result<(), (String, String)> {
    let age = o.id.as_ref().map(|id| age_on(id.birth_date(), on));
    let need_age = match r {
        Inability::DibaoElderly => Some(ctx.d.obligor_dibao_age.value),
        Inability::ElderlyLowIncome => Some(ctx.d.obligor_elderly_age.value),
        _ => None,
    };
    if let (Some(need), Some(age)) = (need_age, age) {
        if age < need {
            return Err((
                format!("身份证号显示 {age} 岁，未满 {need} 周岁"),
                format!("the ID number shows age {age}, under {need}"),
            ));
        }
    }
    if r.needs_low_income() {
        match o.own_income_yearly {
            None => {
                return Err((
                    "未录入义务人本人收入".into(),
                    "the obligor's own income is not recorded".into(),
                ))
            }
            Some(x) if x >= ctx.disposable => {
                return Err((
                    format!(
                        "本人年收入 {x} 元 ≥ 上年人均可支配收入 {} 元",
                        ctx.disposable
                    ),
                    format!(
                        "own income {x} a year ≥ last year's per-capita disposable income {}",
                        ctx.disposable
                    ),
                ))
            }
            Some(_) => {}
        }
    }
    if r.needs_assets_within_limits() && !o.assets_within_limits {
        return Err((
            "财产未核实符合规定".into(),
            "assets not confirmed within limits".into(),
        ));
    }
    Ok(())
}

fn unable_cite(ctx: &Context<'_>, item: &str, zh: String, en: String) -> (String, String) {
    let (c_zh, c_en) = ctx.clauses.cite(Clause::ObligorUnable);
    (
        format!("{zh}〔{c_zh}第{item}项〕"),
        format!("{en} [{c_en}, item {}]", item_number(item)),
    )
}

/// "（五）" → "5": the item of a clause as English cites it.
fn item_number(item: &str) -> String {
    let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let bare = item.trim_matches(['（', '）']);
    digits
        .iter()
        .position(|d| *d == bare)
        .map_or_else(|| bare.to_string(), |i| (i + 1).to_string())
}

impl Findings {
    pub fn able_zh(&self) -> Vec<&str> {
        self.able.iter().map(|(zh, _)| zh.as_str()).collect()
    }

    pub fn able_en(&self) -> Vec<&str> {
        self.able.iter().map(|(_, en)| en.as_str()).collect()
    }
}

/// The recorded obligors of member `i`.
fn recorded(ctx: &Context<'_>, i: usize, on: chrono::NaiveDate, out: &mut Findings) {
    for o in ctx.h.obligors.iter().filter(|o| o.supports == i) {
        let paid = o.paid_yearly();
        let paid_zh = format!("，实际给付 {paid} 元/年");
        let paid_en = format!(", pays {paid} a year");
        let able = |out: &mut Findings, why_zh: String, why_en: String| {
            out.able.push((o.label_zh(), o.label_en()));
            out.lines.push((
                false,
                cited(
                    ctx.clauses,
                    Clause::ObligorAble,
                    format!(
                        "法定义务人 {}：有履行义务能力{why_zh}{paid_zh}",
                        o.label_zh()
                    ),
                    format!(
                        "legal obligor {}: able to support{why_en}{paid_en}",
                        o.label_en()
                    ),
                ),
            ));
        };
        match o.unable {
            None => able(out, String::new(), String::new()),
            Some(r) => match reason_holds(ctx, o, r, on) {
                Ok(()) => out.lines.push((
                    true,
                    unable_cite(
                        ctx,
                        r.item(),
                        format!(
                            "法定义务人 {}：无履行义务能力——{}{paid_zh}",
                            o.label_zh(),
                            r.zh()
                        ),
                        format!(
                            "legal obligor {}: unable to support — {}{paid_en}",
                            o.label_en(),
                            r.en()
                        ),
                    ),
                )),
                Err((zh, en)) => able(
                    out,
                    format!("（所录理由“{}”不成立：{zh}）", r.zh()),
                    format!(" (the recorded reason \"{}\" does not hold: {en})", r.en()),
                ),
            },
        }
    }
}

/// Whether member `j` is already recorded as an obligor of `i` living in the household.
fn recorded_member(h: &Household, i: usize, j: usize) -> bool {
    let m = &h.members[j];
    h.obligors.iter().any(|o| {
        o.supports == i
            && o.lives_in_household
            && (o.id.as_ref() == Some(&m.id) || (o.id.is_none() && o.name == m.name))
    })
}

/// Other adult members of the household, judged by 第八条 (一)–(四).
fn co_resident(ctx: &Context<'_>, i: usize, out: &mut Findings) {
    let h = ctx.h;
    let d = ctx.d;
    for (j, (m, f)) in h.members.iter().zip(ctx.facts).enumerate() {
        if j == i || f.age < d.minor_age.value || recorded_member(h, i, j) {
            continue;
        }
        let own = own_income(h, j);
        let low = own < ctx.disposable && ctx.assets_pass;
        let dibao = h.standing.category == Some(Category::Dibao);
        let reason = if ctx.own_conditions.get(j).copied().unwrap_or(false) {
            Some((
                "（一）",
                "本人具备特困人员条件".to_string(),
                "meets the destitute conditions".to_string(),
            ))
        } else if dibao && f.age >= d.obligor_dibao_age.value {
            Some((
                "（二）",
                format!("{}周岁以上的低保对象", d.obligor_dibao_age.value),
                format!("dibao recipient aged {} or over", d.obligor_dibao_age.value),
            ))
        } else if f.age >= d.obligor_elderly_age.value && low {
            Some((
                "（三）",
                format!(
                    "{}周岁以上，本人年收入 {own} 元 < 上年人均可支配收入 {} 元，财产符合规定",
                    d.obligor_elderly_age.value, ctx.disposable
                ),
                format!(
                    "aged {} or over, own income {own} < last year's disposable income {}, assets within limits",
                    d.obligor_elderly_age.value, ctx.disposable
                ),
            ))
        } else if f.severely_disabled && low {
            Some((
                "（四）",
                format!(
                    "重度残疾，本人年收入 {own} 元 < 上年人均可支配收入 {} 元，财产符合规定",
                    ctx.disposable
                ),
                format!(
                    "severely disabled, own income {own} < last year's disposable income {}, assets within limits",
                    ctx.disposable
                ),
            ))
        } else {
            None
        };
        let who_zh = format!("同户成员 {}（{}岁）", m.name, f.age);
        let who_en = format!("co-resident member {} (aged {})", m.name, f.age);
        match reason {
            Some((item, zh, en)) => out.lines.push((
                true,
                unable_cite(
                    ctx,
                    item,
                    format!("{who_zh}无履行义务能力——{zh}"),
                    format!("{who_en} unable to support — {en}"),
                ),
            )),
            None => {
                out.able.push((
                    format!("同户成员 {}", m.name),
                    format!("co-resident member {}", m.name),
                ));
                out.lines.push((
                    false,
                    cited(
                        ctx.clauses,
                        Clause::ObligorAble,
                        format!("{who_zh}有履行义务能力（不属所列无履行义务能力情形）"),
                        format!("{who_en} able to support (none of the listed cases)"),
                    ),
                ));
            }
        }
    }
}

/// Every obligor finding for member `i`, and a summary line.
pub(super) fn obligor_lines(ctx: &Context<'_>, i: usize) -> Findings {
    let on = ctx.facts.get(i).map(|f| f.on).unwrap_or_default();
    let mut out = Findings {
        able: Vec::new(),
        lines: Vec::new(),
    };
    recorded(ctx, i, on, &mut out);
    co_resident(ctx, i, &mut out);
    let h = ctx.h;
    let any_recorded_elsewhere = h
        .obligors
        .iter()
        .any(|o| o.supports == i && !o.lives_in_household);
    let support: Money = h
        .incomes
        .iter()
        .filter(|x| x.kind == IncomeKind::Support)
        .filter(|x| x.member == Some(i) || x.member.is_none())
        .map(|x| x.amount.annual())
        .sum();
    if support > Money::ZERO && !any_recorded_elsewhere {
        out.able
            .push(("（未登记的给付人）".into(), "(a payer not recorded)".into()));
        out.lines.push((
            false,
            cited(
                ctx.clauses,
                Clause::ObligorAble,
                format!("有赡养（抚养、扶养）费 {support} 元/年，但未登记义务人，按义务人有履行能力计；请登记法定义务人"),
                format!("receives {support} yuan a year in support with no obligor recorded: counted as an able supporter; record the legal obligors"),
            ),
        ));
    }
    let none_able = out.able.is_empty();
    let (zh, en) = if none_able {
        if any_recorded_elsewhere {
            (
                "无有履行义务能力的法定义务人".to_string(),
                "no legal obligor able to support".to_string(),
            )
        } else {
            (
                "未登记户外法定义务人，按无法定义务人或义务人无履行能力计，须入户核实".to_string(),
                "no legal obligor living elsewhere is recorded: counted as none, to be checked on the home visit".to_string(),
            )
        }
    } else {
        (
            format!("有履行义务能力的法定义务人：{}", out.able_zh().join("、")),
            format!(
                "legal {} able to support: {}",
                if out.able.len() == 1 {
                    "obligor"
                } else {
                    "obligors"
                },
                out.able_en().join(", ")
            ),
        )
    };
    out.lines
        .push((none_able, cited(ctx.clauses, Clause::ObligorAble, zh, en)));
    out
}
