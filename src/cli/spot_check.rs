//! `safetynet spot-check` (抽查) and `safetynet relatives` (近亲属备案): the district
//! officer's checks from the command line. Both sign in like every command (`--as`).

use clap::Subcommand;

use safetynet::app::spot_check;
use safetynet::app::staff_relatives::{self, StaffInput};
use safetynet::app::{AppError, Services};
use safetynet::domain::case::CaseId;
use safetynet::domain::spot_check::SpotOutcome;
use safetynet::domain::staff_relatives::{Kinship, StaffRole};
use safetynet::domain::town::Town;
use safetynet::domain::villages::town_key;
use safetynet::domain::Label;
use safetynet::tui::widgets::pad_to;
use safetynet::tui::Lang;

#[derive(Subcommand, Debug)]
pub enum SpotAction {
    /// Draw the sample of a town's decisions for a period (the same sample every time)
    Draw {
        /// chengguan, yintai, sanlidong, wangshiao, chenlu, hongtu, azhuang, guangyang, jinsuoguan
        #[arg(long)]
        town: String,
        /// 2026-03 (a month), 2026Q1 (a quarter) or 2026 (a year)
        #[arg(long)]
        period: String,
    },
    /// List the drawn checks and their outcomes
    List {
        #[arg(long)]
        town: Option<String>,
        #[arg(long)]
        period: Option<String>,
    },
    /// Record what the check of one drawn case found
    Record {
        #[arg(long)]
        town: String,
        #[arg(long)]
        period: String,
        /// The case's number in the store (#N in the list)
        #[arg(long)]
        case: u64,
        /// upheld or flawed
        #[arg(long)]
        outcome: String,
        /// What was found (required for flawed)
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Write the list to FILE.csv or FILE.xlsx (ID numbers masked)
    Export {
        #[arg(long)]
        town: Option<String>,
        #[arg(long)]
        period: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum RelativesAction {
    /// List the register
    List,
    /// Register a staff member or village cadre with their close relatives
    Add {
        /// The staff member's or cadre's name
        #[arg(long)]
        name: String,
        /// civil-affairs or village-cadre
        #[arg(long)]
        role: String,
        #[arg(long)]
        town: String,
        /// Office or village and post
        #[arg(long, default_value = "")]
        post: String,
        /// NAME,ID-NUMBER,KINSHIP (spouse, parent, child, sibling, grandparent,
        /// grandchild, other); repeat for each relative
        #[arg(long = "relative", required = true)]
        relatives: Vec<String>,
    },
    /// Take an entry off the register
    Remove {
        /// The entry's number, as the list shows it
        #[arg(long)]
        id: u64,
    },
}

fn bad(zh: String, en: String) -> AppError {
    AppError::Invalid(zh, en)
}

fn town_of(text: &str) -> Result<Town, AppError> {
    Town::ALL
        .iter()
        .copied()
        .find(|t| town_key(*t) == text || t.zh() == text)
        .ok_or_else(|| {
            bad(
                format!("没有这个镇街：{text}"),
                format!("no such town: {text}"),
            )
        })
}

/// The value named by its command-line word (`keys`, in the order of `all`) or its Chinese
/// label; otherwise the words it takes.
pub(super) fn keyed<T: Copy + Label>(
    all: &[T],
    keys: &[&str],
    text: &str,
    what: (&str, &str),
) -> Result<T, AppError> {
    keys.iter()
        .position(|k| *k == text)
        .and_then(|i| all.get(i).copied())
        .or_else(|| all.iter().copied().find(|v| v.zh() == text))
        .ok_or_else(|| {
            bad(
                format!("{}“{text}”无法识别：可用 {}", what.0, keys.join("、")),
                format!(
                    "{} \"{text}\" not understood: use {}",
                    what.1,
                    keys.join(", ")
                ),
            )
        })
}

pub fn spot(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    action: &SpotAction,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let opt_town = |t: &Option<String>| t.as_deref().map(town_of).transpose();
    match action {
        SpotAction::Draw { town, period } => {
            let d = spot_check::draw_sample(services, &actor, town_of(town)?, period)?;
            match (lang, d.again) {
                (Lang::Zh, false) => say!(
                    "{} {}：审核确认决定 {} 件，按 {}% 抽取 {} 件（种子 {}）",
                    town_of(town)?.zh(),
                    d.period.name,
                    d.decisions,
                    d.share_percent,
                    d.drawn.len(),
                    d.seed
                ),
                (Lang::Zh, true) => say!(
                    "{} {} 已抽取过，共 {} 件（同一种子，结果相同）",
                    town_of(town)?.zh(),
                    d.period.name,
                    d.drawn.len()
                ),
                (Lang::En, false) => say!(
                    "{} {}: {} decisions, {} drawn at {}% (seed {})",
                    town_of(town)?.en(),
                    d.period.name,
                    d.decisions,
                    d.drawn.len(),
                    d.share_percent,
                    d.seed
                ),
                (Lang::En, true) => say!(
                    "{} {} was drawn before: {} cases (same seed, same sample)",
                    town_of(town)?.en(),
                    d.period.name,
                    d.drawn.len()
                ),
            }
            for c in &d.drawn {
                say!("  #{} {} {}", c.case.0, c.decided_on, lang.of(&c.stage));
            }
        }
        SpotAction::List { town, period } => {
            let rows = spot_check::list(services, &actor, opt_town(town)?, period.as_deref())?;
            for r in &rows {
                let c = &r.check;
                say!(
                    "{} {} #{} {} {} {} {} {}",
                    pad_to(lang.of(&c.town), 10),
                    pad_to(&c.period, 7),
                    pad_to(&c.case.0.to_string(), 6),
                    pad_to(&r.head, 8),
                    r.head_id_masked,
                    pad_to(lang.of(&c.stage), 8),
                    pad_to(lang.of(&c.outcome), 8),
                    c.note
                );
            }
            match lang {
                Lang::Zh => say!("共 {} 件", rows.len()),
                Lang::En => say!("{} checks", rows.len()),
            }
        }
        SpotAction::Record {
            town,
            period,
            case,
            outcome,
            note,
        } => {
            let outcome = keyed(
                &[SpotOutcome::Upheld, SpotOutcome::Flawed],
                &["upheld", "flawed"],
                outcome,
                ("核查结果", "outcome"),
            )?;
            let town = town_of(town)?;
            let rev = services
                .store
                .spot_checks(
                    town,
                    &safetynet::domain::spot_check::SpotPeriod::parse(period)
                        .map(|p| p.name)
                        .unwrap_or_default(),
                )?
                .iter()
                .find(|c| c.case == CaseId(*case))
                .map_or(0, |c| c.rev);
            let c = spot_check::record_outcome(
                services,
                &actor,
                town,
                period,
                CaseId(*case),
                rev,
                outcome,
                note,
            )?;
            match lang {
                Lang::Zh => say!("#{} 核查结果：{}", c.case.0, c.outcome.zh()),
                Lang::En => say!("#{}: {}", c.case.0, c.outcome.en()),
            }
        }
        SpotAction::Export { town, period, out } => {
            let n = spot_check::export(
                services,
                &actor,
                opt_town(town)?,
                period.as_deref(),
                out,
                lang == Lang::En,
            )?;
            match lang {
                Lang::Zh => say!("抽查清单 {n} 件已写入 {}", out.display()),
                Lang::En => say!("{n} spot checks written to {}", out.display()),
            }
        }
    }
    Ok(())
}

const KINSHIP_KEYS: [&str; 7] = [
    "spouse",
    "parent",
    "child",
    "sibling",
    "grandparent",
    "grandchild",
    "other",
];

pub fn relatives(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    action: &RelativesAction,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    match action {
        RelativesAction::List => {
            let entries = staff_relatives::register(services, &actor)?;
            for e in &entries {
                say!(
                    "{} {} {} {} {}",
                    pad_to(&e.id.to_string(), 6),
                    pad_to(&e.name, 8),
                    pad_to(lang.of(&e.role), 14),
                    pad_to(lang.of(&e.town), 10),
                    e.post
                );
                for r in &e.relatives {
                    say!(
                        "       {} {} {}",
                        pad_to(lang.of(&r.kinship), 14),
                        pad_to(&r.name, 8),
                        r.id.masked()
                    );
                }
            }
            match lang {
                Lang::Zh => say!("共 {} 人", entries.len()),
                Lang::En => say!("{} registered", entries.len()),
            }
        }
        RelativesAction::Add {
            name,
            role,
            town,
            post,
            relatives,
        } => {
            let role = keyed(
                StaffRole::ALL,
                &["civil-affairs", "village-cadre"],
                role,
                ("身份", "role"),
            )?;
            let mut list = Vec::new();
            for r in relatives {
                let parts: Vec<&str> = r.split([',', '，']).map(str::trim).collect();
                let [rname, id, kin] = parts[..] else {
                    return Err(bad(
                        format!("近亲属“{r}”请写成 姓名,身份证号,关系"),
                        format!("relative \"{r}\": write NAME,ID-NUMBER,KINSHIP"),
                    ));
                };
                let kin = keyed(Kinship::ALL, &KINSHIP_KEYS, kin, ("关系", "kinship"))?;
                list.push((rname.to_string(), id.to_string(), kin));
            }
            let e = staff_relatives::save_entry(
                services,
                &actor,
                StaffInput {
                    id: 0,
                    rev: 0,
                    name: name.clone(),
                    role,
                    town: town_of(town)?,
                    post: post.clone(),
                    relatives: list,
                },
            )?;
            match lang {
                Lang::Zh => say!(
                    "已登记 {}（第 {} 号），近亲属 {} 人",
                    e.name,
                    e.id,
                    e.relatives.len()
                ),
                Lang::En => say!(
                    "registered {} (no. {}), {} relatives",
                    e.name,
                    e.id,
                    e.relatives.len()
                ),
            }
        }
        RelativesAction::Remove { id } => {
            let rev = services.store.staff_entry(*id)?.map_or(0, |e| e.rev);
            staff_relatives::remove_entry(services, &actor, *id, rev)?;
            match lang {
                Lang::Zh => say!("已删除第 {id} 号备案"),
                Lang::En => say!("entry {id} removed"),
            }
        }
    }
    Ok(())
}
