//! `safetynet explain FILE`: the engine's proposal and whole explanation for a household
//! written in TOML or JSON (`-` reads standard input), as the review shows it. Reads no
//! store and needs no account: the district's what-if calculator. With `--store` it
//! judges by that store's standards (as edited on the standards screen), as its review does.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use safetynet::app::AppError;
use safetynet::domain::classify::classify;
use safetynet::domain::household::Household;
use safetynet::domain::label::Label;
use safetynet::domain::standards::{FieldRef, Standards};
use safetynet::tui::Lang;

fn read(file: &Path) -> Result<String, AppError> {
    let mut text = String::new();
    if file == Path::new("-") {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| AppError::Data(format!("standard input: {e}")))?;
    } else {
        text = std::fs::read_to_string(file)
            .map_err(|e| AppError::Data(format!("{}: {e}", file.display())))?;
    }
    Ok(text)
}

/// A household from TOML or JSON (JSON when the text starts with `{`).
pub fn parse_household(text: &str) -> Result<Household, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("JSON: {e}"))
    } else {
        toml::from_str(text).map_err(|e| format!("TOML: {e}"))
    }
}

/// `base` (the bundled standards, or the store's) with `key=value` overrides
/// ("urban.dibao=768") in the set in force on `on`.
pub fn overridden(
    mut s: Standards,
    on: NaiveDate,
    overrides: &[String],
) -> Result<Standards, String> {
    for o in overrides {
        let (key, value) = o
            .split_once('=')
            .ok_or_else(|| format!("--standard {o}: write KEY=VALUE, e.g. urban.dibao=768"))?;
        let field = FieldRef::all()
            .into_iter()
            .find(|f| f.key() == key.trim())
            .ok_or_else(|| format!("--standard {o}: no such standard '{key}'"))?;
        let from = s.set_on(on).map_err(|e| format!("{} / {e}", e.zh()))?.from;
        s = s
            .with_value(from, field, value, false)
            .map_err(|e| format!("{} / {e}", e.zh()))?;
    }
    Ok(s)
}

/// `store`: the store whose standards to judge by (`--store`); none, the bundled ones.
pub fn run(
    lang: Lang,
    store: Option<&safetynet::app::Services>,
    file: &Path,
    on: NaiveDate,
    overrides: &[String],
    json: bool,
) -> Result<(), AppError> {
    let h = parse_household(&read(file)?).map_err(AppError::Data)?;
    let base = match store {
        Some(services) => safetynet::app::standards::current(services)?.standards,
        None => Standards::bundled().map_err(|e| AppError::Data(format!("{} / {e}", e.zh())))?,
    };
    let standards = overridden(base, on, overrides).map_err(AppError::Data)?;
    let p =
        classify(&h, &standards, on).map_err(|e| AppError::Data(format!("{} / {e}", e.zh())))?;
    if json {
        let text = serde_json::to_string_pretty(&p).map_err(|e| AppError::Data(e.to_string()))?;
        say!("{text}");
        return Ok(());
    }
    let en = matches!(lang, Lang::En);
    let category = p
        .category
        // The review's words for no category (tests/explain_review.rs compares them).
        .map_or(
            if en {
                "no category"
            } else {
                "不符合任何类别"
            },
            |c| {
                if en {
                    c.en()
                } else {
                    c.zh()
                }
            },
        );
    let tags: Vec<&str> = p
        .tags
        .iter()
        .map(|t| if en { t.en() } else { t.zh() })
        .collect();
    if en {
        say!("category: {category}");
        say!("tags: {}", tags.join(", "));
        say!("monthly benefit: {} yuan", p.benefit.total());
    } else {
        say!("建议类别：{category}");
        say!("标识：{}", tags.join("、"));
        say!("月待遇：{} 元", p.benefit.total());
    }
    for l in &p.explanation {
        say!("{}", l.text(en));
    }
    Ok(())
}
