//! `safetynet import`: a roster of households (.xlsx or .csv) into the store, checked
//! first; `--template` writes the empty template instead.

use std::path::PathBuf;

use safetynet::app::import::{self, template, ImportOptions, Outcome};
use safetynet::app::AppError;
use safetynet::domain::category::Category;
use safetynet::tui::Lang;

use super::{open, progress_bar_for, Cli};

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// The roster: FILE.xlsx or FILE.csv (UTF-8 or GBK), one row per person
    #[arg(value_name = "FILE", required_unless_present = "template")]
    pub file: Option<PathBuf>,
    /// The sheet to read (default: the mapping's, else the first)
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Another layout: a mapping file (column header → field, value → code), see assets/import-*.toml
    #[arg(long, value_name = "MAP.toml")]
    pub mapping: Option<PathBuf>,
    /// Check every row and write the report beside the file; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Households already in the store (matched by ID number) take the file's details
    #[arg(long)]
    pub update: bool,
    /// Write the empty import template (Chinese headers, notes sheet) to FILE.xlsx
    #[arg(long, value_name = "FILE.xlsx", conflicts_with = "file")]
    pub template: Option<PathBuf>,
}

pub fn run(cli: &Cli, real_store: PathBuf, args: &ImportArgs) -> Result<(), AppError> {
    let lang = cli.lang;
    if let Some(path) = &args.template {
        template::write_template(path)?;
        say!(
            "{} {}",
            lang.t("导入模板已写入", "import template written to"),
            path.display()
        );
        return Ok(());
    }
    let Some(file) = &args.file else {
        return Err(AppError::Invalid(
            "请指明要导入的文件".into(),
            "name the file to import".into(),
        ));
    };
    let services = open(cli, cli.store.clone().unwrap_or(real_store))?;
    let actor = super::auth::actor(&services, lang, cli.by.as_deref())?;
    let opts = ImportOptions {
        sheet: args.sheet.clone(),
        mapping: args.mapping.clone(),
        dry_run: args.dry_run,
        update: args.update,
    };
    let outcome = import::import(
        &services,
        &actor,
        file,
        &opts,
        progress_bar_for(lang, "导入中", "importing"),
    )?;
    say_raw!("{}", summary(lang, &outcome));
    if outcome.errors > 0 {
        return Err(AppError::Invalid(
            format!(
                "文件有 {} 处错误，什么也没有导入；请按检查报告改正后再导入",
                outcome.errors
            ),
            format!(
                "the file has {} errors; nothing was imported; correct them as the report says and import again",
                outcome.errors
            ),
        ));
    }
    Ok(())
}

fn summary(lang: Lang, o: &Outcome) -> String {
    let mut s = String::new();
    let zh = lang == Lang::Zh;
    s.push_str(&if zh {
        format!(
            "文件：{} 户 {} 人（{}），错误 {}，提示 {}\n",
            o.households,
            o.persons,
            o.encoding.zh(),
            o.errors,
            o.notices
        )
    } else {
        format!(
            "file: {} households, {} persons ({}), {} errors, {} notices\n",
            o.households,
            o.persons,
            o.encoding.zh(),
            o.errors,
            o.notices
        )
    });
    if let Some(r) = &o.report {
        s.push_str(&format!(
            "{} {}\n",
            lang.t("检查报告：", "report:"),
            r.display()
        ));
    }
    match &o.written {
        None if o.errors == 0 => s.push_str(lang.t(
            "试运行（--dry-run）：没有写入任何数据\n",
            "dry run: nothing was written\n",
        )),
        None => {}
        Some(w) => {
            let cats: Vec<String> = Category::ALL
                .iter()
                .zip(&w.by_category)
                .filter(|(_, n)| **n > 0)
                .map(|(c, n)| format!("{} {n}", lang.of(c)))
                .collect();
            if w.resumed {
                s.push_str(lang.t(
                    "已续完上次中断的导入\n",
                    "completed the import an earlier run had started\n",
                ));
            }
            s.push_str(&if zh {
                format!(
                    "新增 {} 户 {} 人（{}）；更新 {} 户；跳过 {} 户（其中与文件一致 {} 户）；用时 {:.1} 秒\n",
                    w.households,
                    w.persons,
                    if cats.is_empty() { "无".into() } else { cats.join("，") },
                    w.updated,
                    w.skipped + w.unchanged,
                    w.unchanged,
                    o.elapsed.as_secs_f64()
                )
            } else {
                format!(
                    "new: {} households, {} persons ({}); updated {}; skipped {} ({} unchanged); took {:.1} s\n",
                    w.households,
                    w.persons,
                    if cats.is_empty() { "none".into() } else { cats.join(", ") },
                    w.updated,
                    w.skipped + w.unchanged,
                    w.unchanged,
                    o.elapsed.as_secs_f64()
                )
            });
            s.push_str(&format!("SHA-256 {}\n", o.sha256));
        }
    }
    s
}
