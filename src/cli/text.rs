//! What the command line prints, in both languages.

use std::time::Duration;

use safetynet::app::stats::Stats;
use safetynet::tui::Lang;

pub fn creating_demo(lang: Lang, n: u64) -> String {
    match lang {
        Lang::Zh => format!("首次运行演示：正在生成 {n} 户模拟数据……"),
        Lang::En => format!("First demo run: generating {n} synthetic households..."),
    }
}

pub fn store_needed(lang: Lang) -> String {
    lang.t(
        "请用 --store 指定一个新的数据库文件夹",
        "name a new store folder with --store",
    )
    .into()
}

pub fn needs_terminal(lang: Lang) -> String {
    lang.t(
        "需要在终端窗口中运行（标准输出不是终端）",
        "this needs a terminal (standard output is not one)",
    )
    .into()
}

pub fn generated(lang: Lang, households: i64, persons: i64, took: Duration) -> String {
    match lang {
        Lang::Zh => format!(
            "已生成 {households} 户、{persons} 人，用时 {:.1} 秒",
            took.as_secs_f64()
        ),
        Lang::En => format!(
            "generated {households} households, {persons} persons in {:.1} s",
            took.as_secs_f64()
        ),
    }
}

pub fn stats_table(lang: Lang, s: &Stats) -> String {
    let mut out = String::new();
    let mut row = |label: &str, value: String| {
        out.push_str(&format!(
            "{}{value:>12}\n",
            safetynet::tui::widgets::pad_to(label, 28)
        ));
    };
    row(lang.t("日期", "as of"), s.as_of.clone());
    row(lang.t("户数", "households"), s.households.to_string());
    row(lang.t("人数", "persons"), s.persons.to_string());
    for (k, v) in &s.cases_by_stage {
        row(&format!("{} {k}", lang.t("案件", "cases")), v.to_string());
    }
    for (k, v) in &s.cases_by_town {
        row(&format!("{} {k}", lang.t("镇街", "town")), v.to_string());
    }
    for (k, v) in &s.confirmed_by_category {
        row(
            &format!("{} {k}", lang.t("认定", "confirmed")),
            v.to_string(),
        );
    }
    row(
        lang.t("防返贫监测", "relapse_watch"),
        s.relapse_watch.to_string(),
    );
    row(lang.t("在办", "open_cases"), s.open_cases.to_string());
    row(lang.t("逾期", "overdue"), s.overdue.to_string());
    row(
        lang.t("3个工作日内到期", "due_soon"),
        s.due_soon.to_string(),
    );
    out
}

pub fn chain_ok(lang: Lang, entries: u64) -> String {
    match lang {
        Lang::Zh => format!("审计记录完整：{entries} 条，逐条衔接无误"),
        Lang::En => format!("audit trail intact: {entries} entries, every link verified"),
    }
}

/// Said after a storage error: which store, and what to do.
pub fn storage_advice(lang: Lang, store: &std::path::Path) -> String {
    match lang {
        Lang::Zh => format!(
            "（数据库 {}）。请运行 safetynet check --store {} 检查；如发现损坏，请恢复最近的备份",
            store.display(),
            store.display()
        ),
        Lang::En => format!(
            " (store {}). Run `safetynet check --store {}`; if it finds damage, restore the last backup",
            store.display(),
            store.display()
        ),
    }
}
