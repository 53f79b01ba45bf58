//! `safetynet check [--repair]`: the whole store — records, indexes, counters, sequences,
//! the audit chain — with what was found by kind and count; exit 1 on any finding.
//! `--repair` rebuilds the derived trees from the records (one transaction, audited).

use safetynet::app::maintenance;
use safetynet::app::{AppError, Services};
use safetynet::store::check::{CheckReport, Repaired};
use safetynet::tui::Lang;

use super::text;

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    repair: bool,
) -> Result<(), AppError> {
    let report = if repair {
        let actor = super::auth::actor(services, lang, by)?;
        let (before, repaired) = maintenance::repair(services, &actor)?;
        print_report(lang, &before)?;
        print_repaired(lang, &repaired)?;
        say!(
            "{}",
            lang.t("修复后再次检查：", "checked again after the repair:")
        );
        maintenance::check(services)?
    } else {
        maintenance::check(services)?
    };
    print_report(lang, &report)?;
    // The trail against its signed checkpoints outside the store (edited and re-linked,
    // or the store put back to an older copy).
    if let Some(anchored) = services.store.check_audit_anchor()? {
        for (zh, en) in &anchored.problems {
            say!("{}", lang.t(zh, en));
        }
        if !anchored.problems.is_empty() {
            let at = services.store.path().display();
            return Err(AppError::Invalid(
                format!("数据库 {at} 的审计记录与库外签名检查点不符，请联系区民政局并恢复最近的备份（见 README“备份”一节）"),
                format!("the audit trail of the store at {at} does not match its signed checkpoints kept outside the store; tell the district office and restore the last backup (see README, Backup)"),
            ));
        }
    }
    if report.is_clean() {
        return Ok(());
    }
    let repairable = report.findings.iter().all(|f| f.kind.repairable());
    let at = services.store.path().display();
    Err(if repairable && !repair {
        AppError::Invalid(
            format!("数据库 {at} 有问题（见上）；运行 safetynet check --repair 可按记录重建索引"),
            format!("the store at {at} has problems (above); `safetynet check --repair` rebuilds the indexes from the records"),
        )
    } else {
        AppError::Invalid(
            format!("数据库 {at} 有问题（见上），无法自动修复；请恢复最近的备份（见 README“备份”一节）"),
            format!("the store at {at} has problems (above) that cannot be repaired; restore the last backup (see README, Backup)"),
        )
    })
}

fn print_report(lang: Lang, r: &CheckReport) -> Result<(), AppError> {
    let list = |items: &[(&str, u64)]| {
        items
            .iter()
            .map(|(n, c)| format!("{n} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    say!("{} {}", lang.t("记录：", "records:"), list(&r.records));
    say!(
        "{} {}",
        lang.t("索引条目：", "index entries:"),
        list(&r.index_entries)
    );
    if r.findings
        .iter()
        .all(|f| f.kind != safetynet::store::check::FindingKind::AuditChain)
    {
        say!("{}", text::chain_ok(lang, r.audit_entries));
    }
    if r.is_clean() {
        say!("{}", lang.t("未发现问题", "no problems found"));
        return Ok(());
    }
    say!("{}", lang.t("发现的问题：", "found:"));
    for (kind, n) in r.by_kind() {
        let (zh, en) = kind.label();
        say!("  {} {n}", lang.t(zh, en));
        for f in r.findings.iter().filter(|f| f.kind == kind) {
            say!("    {}", lang.t(&f.zh, &f.en));
        }
    }
    Ok(())
}

fn print_repaired(lang: Lang, r: &Repaired) -> Result<(), AppError> {
    if r.fixed.is_empty() {
        say!("{}", lang.t("没有需要修复的索引", "nothing to repair"));
        return Ok(());
    }
    let what = r
        .fixed
        .iter()
        .map(|(n, c)| format!("{n} {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    match lang {
        Lang::Zh => say!(
            "已按记录重建（审计记录第 {} 条）：{what}",
            r.audit_seq.unwrap_or(0)
        ),
        Lang::En => say!(
            "rebuilt from the records (audit entry {}): {what}",
            r.audit_seq.unwrap_or(0)
        ),
    }
    Ok(())
}
