//! `safetynet backup --out FILE`: the whole store in one versioned, checksummed file,
//! taken while the store is in use by this process; recorded in the audit trail.

use std::path::Path;

use safetynet::app::{maintenance, AppError, Services};
use safetynet::store::backup::BackupSummary;
use safetynet::tui::Lang;

pub fn run(services: &Services, lang: Lang, by: Option<&str>, out: &Path) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let summary = maintenance::backup(services, &actor, out)?;
    say!("{}", written(lang, out, &summary));
    Ok(())
}

pub fn written(lang: Lang, out: &Path, s: &BackupSummary) -> String {
    let entries: u64 = s.trees.iter().map(|(_, n)| n).sum();
    match lang {
        Lang::Zh => format!(
            "备份已写入 {}：{} 个数据表、{entries} 条数据，审计记录 {} 条（最后一条的校验值 {}）",
            out.display(),
            s.trees.len(),
            s.audit_entries,
            short(&s.audit_head)
        ),
        Lang::En => format!(
            "backup written to {}: {} trees, {entries} entries, {} audit entries (last one's hash {})",
            out.display(),
            s.trees.len(),
            s.audit_entries,
            short(&s.audit_head)
        ),
    }
}

pub fn short(hash: &str) -> &str {
    hash.get(..16).unwrap_or(hash)
}
