//! `safetynet restore FILE --store NEW`: a backup into a new store (never over one),
//! checksum verified, then the restored store checked.

use std::path::Path;

use safetynet::app::{maintenance, AppError};
use safetynet::tui::Lang;

use super::text;

pub fn run(lang: Lang, file: &Path, target: Option<&Path>) -> Result<(), AppError> {
    let target = target.ok_or_else(|| {
        AppError::Invalid(
            "请用 --store 指定一个新的文件夹来存放恢复的数据库".into(),
            "name a new folder for the restored store with --store".into(),
        )
    })?;
    let (summary, report) = maintenance::restore(file, target)?;
    let entries: u64 = summary.trees.iter().map(|(_, n)| n).sum();
    match lang {
        Lang::Zh => say!(
            "已从 {}（{} 的备份）恢复到 {}：{entries} 条数据，审计记录 {} 条，末条校验值 {}",
            file.display(),
            summary.created,
            target.display(),
            summary.audit_entries,
            super::backup::short(&summary.audit_head)
        ),
        Lang::En => say!(
            "restored {} (backup of {}) into {}: {entries} entries, {} audit entries, last hash {}",
            file.display(),
            summary.created,
            target.display(),
            summary.audit_entries,
            super::backup::short(&summary.audit_head)
        ),
    }
    if report.is_clean() {
        say!("{}", text::chain_ok(lang, report.audit_entries));
        say!(
            "{}",
            lang.t("恢复后的数据库检查无误", "the restored store checks clean")
        );
        return Ok(());
    }
    Err(AppError::Invalid(
        "恢复后的数据库检查发现问题；请运行 safetynet check 查看".into(),
        "the restored store has problems; run `safetynet check` on it".into(),
    ))
}
