//! `safetynet monitor`: dynamic-monitoring jobs from the command line. `--reevaluate`
//! runs every alert rule over the whole roster (after a standards change or on a
//! schedule) and prints what it raised and how long it took.

use safetynet::app::monitoring::{reevaluate, roster_counts, Reevaluation};
use safetynet::app::{AppError, Services};
use safetynet::domain::monitoring::RuleKind;
use safetynet::tui::widgets::pad_to;
use safetynet::tui::Lang;

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    reevaluate_all: bool,
    export: Option<&std::path::Path>,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    if let Some(path) = export {
        let n = safetynet::app::monitoring::export_roster(
            services,
            &actor,
            Default::default(),
            path,
            lang == Lang::En,
        )?;
        match lang {
            Lang::Zh => say!("监测名单 {n} 户已写入 {}", path.display()),
            Lang::En => say!("{n} roster households written to {}", path.display()),
        }
        return Ok(());
    }
    if reevaluate_all {
        let report = reevaluate(services, &actor)?;
        say_raw!("{}", report_text(lang, &report));
        return Ok(());
    }
    let r = roster_counts(services, &actor)?;
    match lang {
        Lang::Zh => say!("监测对象 {} 户（今天 {}）", r.total, services.today()),
        Lang::En => say!(
            "{} households under monitoring ({})",
            r.total,
            services.today()
        ),
    }
    for (i, g) in safetynet::domain::monitoring::Group::ALL.iter().enumerate() {
        say!(
            "  {} {}",
            pad_to(lang.of(g), 24),
            r.by_group.get(i).copied().unwrap_or(0)
        );
    }
    for (i, f) in safetynet::domain::monitoring::Flag::ALL.iter().enumerate() {
        say!(
            "  {} {}",
            pad_to(lang.of(f), 24),
            r.by_flag.get(i).copied().unwrap_or(0)
        );
    }
    Ok(())
}

fn report_text(lang: Lang, r: &Reevaluation) -> String {
    let secs = r.elapsed.as_secs_f64();
    let mut out = match lang {
        Lang::Zh => format!(
            "重新评估完成：{} 户中 {} 户在监测范围内，新增预警 {} 条，用时 {secs:.2} 秒\n",
            r.households,
            r.on_roster,
            r.total_raised()
        ),
        Lang::En => format!(
            "Re-evaluated: {} of {} households on the roster, {} new alerts, {secs:.2} s\n",
            r.on_roster,
            r.households,
            r.total_raised()
        ),
    };
    for rule in RuleKind::ALL {
        let n = r.raised.get(rule.index()).copied().unwrap_or(0);
        if n > 0 {
            out.push_str(&format!("  {} {n}\n", lang.of(rule)));
        }
    }
    out
}
