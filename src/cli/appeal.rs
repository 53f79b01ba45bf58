//! `safetynet appeal list|request|resolve`: the appeals (复核 / 行政复议) against a decision,
//! from the command line. Signs in like every command (`--as`); the access table decides
//! (HandleAppeals to write, ReadCases to list; a town's staff their own town only); every
//! write is one audited transaction through `app::workflow`.

use chrono::NaiveDate;
use clap::Subcommand;

use safetynet::app::workflow::{self, AppealOutcomeInput};
use safetynet::app::{AppError, Services};
use safetynet::domain::case::{CaseId, Stage};
use safetynet::domain::procedure::appeal::AppealRequest;
use safetynet::domain::procedure::{AppealKind, AppealResult};
use safetynet::domain::Label;
use safetynet::store::CaseFilter;
use safetynet::tui::widgets::pad_to;
use safetynet::tui::Lang;

use super::spot_check::keyed;

#[derive(Subcommand, Debug)]
pub enum AppealAction {
    /// List the appeals on record (of one case, or of every case you see)
    List {
        /// #N (the case's number in the store) or its case number 610203-2026-000123
        #[arg(long)]
        case: Option<String>,
    },
    /// Record an appeal against a decided case
    Request {
        /// #N (the case's number in the store) or its case number 610203-2026-000123
        #[arg(long)]
        case: String,
        /// review (复核, by the office) or reconsideration (行政复议)
        #[arg(long, default_value = "review")]
        kind: String,
        /// The day the request was received (YYYY-MM-DD)
        #[arg(long)]
        on: String,
        /// Who asks (the applicant or their agent)
        #[arg(long)]
        from: String,
        /// What the request says
        #[arg(long)]
        grounds: String,
        /// Who handles it (the officer in charge, or the reconsideration body)
        #[arg(long)]
        handler: String,
    },
    /// Record the outcome of the case's open appeal
    Resolve {
        #[arg(long)]
        case: String,
        /// upheld, changed (both reopen the case) or dismissed (the decision stands)
        #[arg(long)]
        outcome: String,
        /// The day of the outcome (YYYY-MM-DD)
        #[arg(long)]
        on: String,
        /// The reasons of the outcome
        #[arg(long)]
        note: String,
        /// Where an upheld or changed appeal reopens the case: investigation or review
        #[arg(long, default_value = "investigation")]
        reopen_at: String,
        /// Who handled it, when another than the one named at the request
        #[arg(long, default_value = "")]
        handler: String,
    },
}

fn bad(zh: String, en: String) -> AppError {
    AppError::Invalid(zh, en)
}

fn date_of(text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        bad(
            format!("日期“{text}”无法识别：请写成 2026-03-02"),
            format!("date \"{text}\" not understood: write it as 2026-03-02"),
        )
    })
}

/// `#12` / `12` (the store's number) or `610203-2026-000123` (the case number).
fn case_of(services: &Services, text: &str) -> Result<CaseId, AppError> {
    let t = text.trim().trim_start_matches('#');
    if let Ok(n) = t.parse::<u64>() {
        return Ok(CaseId(n));
    }
    const PAGE: usize = 2_000;
    let mut offset = 0;
    loop {
        let page = services
            .store
            .case_rows(CaseFilter::default(), offset, PAGE)
            .map_err(|e| bad(e.zh(), e.to_string()))?;
        offset += page.len();
        if let Some(r) = page
            .iter()
            .find(|r| r.number.is_some_and(|n| n.to_string() == t))
        {
            return Ok(r.case);
        }
        if page.len() < PAGE {
            return Err(bad(
                format!("没有这个案件：{text}"),
                format!("no such case: {text}"),
            ));
        }
    }
}

fn flow(e: workflow::FlowError) -> AppError {
    bad(e.zh(), e.to_string())
}

fn rev_of(services: &Services, id: CaseId) -> Result<u64, AppError> {
    Ok(services
        .store
        .case(id)
        .map_err(|e| bad(e.zh(), e.to_string()))?
        .map_or(0, |c| c.rev))
}

pub fn run(
    services: &Services,
    lang: Lang,
    by: Option<&str>,
    action: &AppealAction,
) -> Result<(), AppError> {
    let actor = super::auth::actor(services, lang, by)?;
    match action {
        AppealAction::List { case } => {
            let id = case.as_deref().map(|c| case_of(services, c)).transpose()?;
            let rows = workflow::appeal_rows(services, &actor, id).map_err(flow)?;
            for r in &rows {
                let a = &r.appeal;
                let outcome = a.outcome.as_ref().map_or_else(
                    || lang.t("办理中", "open").to_string(),
                    |o| format!("{} {}", o.on, lang.of(&o.result)),
                );
                let number = r.number.map_or(String::new(), |n| n.to_string());
                say!(
                    "#{} {} {} {} {} {} {} | {} | {}",
                    pad_to(&r.case.0.to_string(), 5),
                    pad_to(&number, 18),
                    pad_to(lang.of(&r.town), 10),
                    a.requested_on,
                    pad_to(lang.of(&a.kind), 8),
                    pad_to(&a.applicant, 8),
                    a.handled_by,
                    a.grounds,
                    outcome
                );
            }
            match lang {
                Lang::Zh => say!("共 {} 件", rows.len()),
                Lang::En => say!("{} appeals", rows.len()),
            }
        }
        AppealAction::Request {
            case,
            kind,
            on,
            from,
            grounds,
            handler,
        } => {
            let id = case_of(services, case)?;
            let kind = keyed(
                AppealKind::ALL,
                &["review", "reconsideration"],
                kind,
                ("申请类型", "kind"),
            )?;
            let req = AppealRequest {
                kind,
                requested_on: date_of(on)?,
                applicant: from.clone(),
                grounds: grounds.clone(),
                handled_by: handler.clone(),
            };
            let rev = rev_of(services, id)?;
            let c = workflow::request_appeal(services, &actor, id, rev, req).map_err(flow)?;
            match lang {
                Lang::Zh => say!("已登记：案件 #{} 的{}申请", c.id.0, kind.zh()),
                Lang::En => say!("recorded: {} requested on case #{}", kind.en(), c.id.0),
            }
        }
        AppealAction::Resolve {
            case,
            outcome,
            on,
            note,
            reopen_at,
            handler,
        } => {
            let id = case_of(services, case)?;
            let result = keyed(
                AppealResult::ALL,
                &["upheld", "dismissed", "changed"],
                outcome,
                ("办理结果", "outcome"),
            )?;
            let stages = [Stage::Investigating, Stage::UnderReview];
            let reopen_at = keyed(
                &stages,
                &["investigation", "review"],
                reopen_at,
                ("重新办理环节", "reopen at"),
            )?;
            let input = AppealOutcomeInput {
                result,
                on: date_of(on)?,
                note: note.clone(),
                reopen_at,
                handled_by: handler.clone(),
            };
            let rev = rev_of(services, id)?;
            let c = workflow::resolve_appeal(services, &actor, id, rev, input).map_err(flow)?;
            match lang {
                Lang::Zh => say!(
                    "已登记：案件 #{} {}，现为{}",
                    c.id.0,
                    result.zh(),
                    c.stage.zh()
                ),
                Lang::En => say!(
                    "recorded: case #{} {}; now {}",
                    c.id.0,
                    result.en(),
                    c.stage.en()
                ),
            }
        }
    }
    Ok(())
}
