//! `safetynet ledger --quarter 2026Q1 --out FILE.xlsx|.csv`: the quarter's referral
//! feedback ledger (台账) as a file, and its summary on standard output. Audited.

use std::io::Write;
use std::path::Path;

/// Print a line; a closed pipe (`| head`) is not an error worth a panic.
macro_rules! outln {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

use safetynet::app::referrals::{self, Lang as FileLang};
use safetynet::app::{AppError, Services};
use safetynet::domain::referral::ledger::Counts;
use safetynet::domain::referral::Quarter;
use safetynet::tui::widgets::{pad_to, right};
use safetynet::tui::Lang;

fn quarter_of(services: &Services, text: Option<&str>) -> Result<Quarter, AppError> {
    match text {
        None => Ok(Quarter::for_pushed(services.today())),
        Some(t) => Quarter::parse(t).ok_or_else(|| {
            AppError::Invalid(
                format!("季度写成 2026Q1 这样：{t}"),
                format!("write the quarter like 2026Q1: {t}"),
            )
        }),
    }
}

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    quarter: Option<&str>,
    out: &Path,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    let quarter = quarter_of(services, quarter)?;
    let file_lang = match lang {
        Lang::Zh => FileLang::Zh,
        Lang::En => FileLang::En,
    };
    let done = referrals::export(services, &actor, quarter, out, file_lang)?;
    let view = referrals::ledger(services, &actor, quarter)?;
    let l = &view.ledger;
    match lang {
        Lang::Zh => outln!(
            "{}（反馈截止 {}，统计至 {}）已导出到 {}：{} 条",
            quarter.zh(),
            l.deadline,
            l.as_of,
            done.path.display(),
            done.referrals
        ),
        Lang::En => outln!(
            "{quarter} (feedback due {}, as of {}) exported to {}: {} referrals",
            l.deadline,
            l.as_of,
            done.path.display(),
            done.referrals
        ),
    }
    let head = [
        lang.t("推送", "pushed"),
        lang.t("已反馈", "answered"),
        lang.t("逾期", "overdue"),
        lang.t("迟报", "late"),
    ];
    let head: Vec<String> = head.iter().map(|h| right(h, 9)).collect();
    outln!(
        "{}{}",
        pad_to(lang.t("部门", "department"), 24),
        head.concat()
    );
    let line = |name: &str, c: &Counts| {
        outln!(
            "{}{:>9}{:>9}{:>9}{:>9}{}",
            pad_to(name, 24),
            c.pushed,
            c.answered,
            c.overdue,
            c.answered_late,
            if c.is_late() { " !" } else { "" }
        );
    };
    for row in &l.rows {
        line(lang.of(&row.department), &row.counts);
    }
    line(lang.t("合计", "total"), &l.total);
    Ok(())
}
