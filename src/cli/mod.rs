//! The command line: one file per command. Opens the store, picks the front end, prints
//! what a clerk can act on when something is wrong, and never leaves the terminal broken.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use safetynet::app::{AppError, Services};
use safetynet::store::StoreError;
use safetynet::tui::{self, Lang, Theme};

/// `println!` that returns an error from the enclosing function instead of panicking.
macro_rules! say {
    ($($t:tt)*) => { $crate::cli::out::line(format_args!($($t)*))? };
}

/// `print!` likewise.
macro_rules! say_raw {
    ($($t:tt)*) => { $crate::cli::out::text(format_args!($($t)*))? };
}

mod appeal;
mod auth;
mod backup;
mod check;
mod demo;
mod explain;
mod export;
mod generate;
mod import;
mod ledger;
mod migrate;
mod minute;
mod monitor;
mod notice;
mod opening;
mod out;
mod restore;
mod serve;
mod spot_check;
mod stats;
mod text;
mod users;

use opening::init_log;
pub use opening::{anchor, data_dir, open, open_untimed, today};

/// 低收入人口认定与动态监测 — safetynet
///
/// 一次申请、一次受理、一次调查核实、分类审核确认；因需推送、结果反馈；动态监测预警。
/// Run without a command to open the program on your office's store.
#[derive(Parser, Debug)]
#[command(name = "safetynet", version, about, long_about)]
pub struct Cli {
    /// Store folder (default: the user data folder; or set SAFETYNET_STORE)
    #[arg(long, global = true, env = "SAFETYNET_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,
    /// Interface language: zh (中文, default) or en
    #[arg(long, global = true, value_enum, default_value = "zh")]
    pub lang: Lang,
    /// Plain ASCII borders for terminals without box-drawing characters
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Use this date as today (for training and tests), YYYY-MM-DD
    #[arg(
        long,
        global = true,
        env = "SAFETYNET_TODAY",
        value_name = "DATE",
        hide = true
    )]
    pub today: Option<NaiveDate>,
    /// Folder of the audit trail's key and signed checkpoints, outside the store folder
    /// (default: `anchor` in the user data folder)
    #[arg(long, global = true, env = "SAFETYNET_ANCHOR", value_name = "DIR")]
    pub anchor: Option<PathBuf>,
    /// Who is doing this: exports and account changes on a store with accounts ask for
    /// this user's password
    #[arg(long = "as", global = true, value_name = "USER")]
    pub by: Option<String>,
    /// Make a new, empty store when the --store folder holds none (without it a
    /// mistyped path is refused instead of becoming an empty store)
    #[arg(long, global = true)]
    pub create: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the demo district (a separate store, created on first use)
    Demo {
        /// Households in a new demo district
        #[arg(long, default_value_t = 3000)]
        households: u64,
        /// Sign in as this demo account (demo-officer, demo-clerk, demo-reviewer,
        /// demo-informant, demo-liaison, demo-auditor)
        #[arg(long, default_value = "demo-officer")]
        user: String,
    },
    /// Accounts: list, add, disable, reset a password
    Users {
        #[command(subcommand)]
        action: users::UsersAction,
    },
    /// Write a synthetic district into a new, empty store
    Generate {
        /// How many households
        #[arg(long, default_value_t = 3000)]
        households: u64,
        /// Seed: the same seed gives the same district
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Check the whole store: every record readable, every index entry matching its
    /// record, counters, sequences, and the audit trail's hash chain; exit 1 on findings
    Check {
        /// Rebuild the indexes, counters and sequences from the records (audited)
        #[arg(long)]
        repair: bool,
    },
    /// Dynamic monitoring: the roster's figures, or --reevaluate every alert rule
    Monitor {
        /// Run the alert rules over every household on the roster (after a standards change)
        #[arg(long)]
        reevaluate: bool,
        /// Write the monitoring roster to FILE.csv (district office; ID numbers as text)
        #[arg(long, value_name = "FILE")]
        export: Option<PathBuf>,
    },
    /// Export a quarter's referral feedback ledger (台账) as .xlsx or .csv
    Ledger {
        /// The quarter, e.g. 2026Q1 (default: the one whose feedback is due next)
        #[arg(long)]
        quarter: Option<String>,
        /// The file to write: FILE.xlsx or FILE.csv
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Export a review meeting's minute (会议纪要) as .csv or .txt
    Minute {
        /// The meeting's number, as the minute screen shows it
        #[arg(long)]
        meeting: u64,
        /// The file to write: FILE.csv or FILE.txt
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Serve the program over SSH to every clerk of the district (one store, one process)
    Serve(serve::ServeArgs),
    /// Import households and confirmed cases from a roster (.xlsx or .csv, one row per person)
    Import(import::ImportArgs),
    /// Export confirmed households in the import template's layout (.xlsx)
    Export {
        /// The file to write: FILE.xlsx
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write a backup of the whole store (a versioned, checksummed file) while it is in use
    Backup {
        /// The backup file to write (a new file)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Restore a backup into a new store (--store NEW); never over an existing one
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// The engine's proposal and explanation for a household in FILE (TOML or JSON, `-`
    /// for standard input); reads no store unless --store is given (its standards)
    Explain {
        /// The household file, or - for standard input
        file: PathBuf,
        /// Judge by the standards in force on this date (default: today)
        #[arg(long, value_name = "DATE")]
        on: Option<NaiveDate>,
        /// Override a standard, e.g. --standard urban.dibao=768 (repeatable)
        #[arg(long = "standard", value_name = "KEY=VALUE")]
        standards: Vec<String>,
        /// Machine-readable JSON (the whole proposal)
        #[arg(long)]
        json: bool,
    },
    /// Upgrade a store written by an older version (once; opening it does the same)
    Migrate,
    /// The notice list (公示名单) of a town or village: FILE.xlsx, FILE.csv or FILE.txt (A4)
    Notice {
        /// chengguan, yintai, sanlidong, wangshiao, chenlu, hongtu, azhuang, guangyang, jinsuoguan
        #[arg(long)]
        town: String,
        /// One village or community of the town (its Chinese name)
        #[arg(long)]
        village: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Appeals (复核 / 行政复议) against decisions: list, request, resolve
    Appeal {
        #[command(subcommand)]
        action: appeal::AppealAction,
    },
    /// Spot checks (抽查) of a town's decisions: draw, list, record, export
    SpotCheck {
        #[command(subcommand)]
        action: spot_check::SpotAction,
    },
    /// The register of relatives of staff and village cadres (近亲属备案)
    Relatives {
        #[command(subcommand)]
        action: spot_check::RelativesAction,
    },
    /// Print the caseload figures the dashboard shows
    Stats {
        /// Machine-readable JSON with stable snake_case keys
        #[arg(long)]
        json: bool,
    },
}

/// Runs the command line and turns an error into a message and an exit code.
pub fn main() -> ExitCode {
    // A file-size limit reached (RLIMIT_FSIZE) kills the process unless SIGXFSZ is
    // handled; handled, the write fails like a full disk and is reported as one.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let cli = Cli::parse();
    let lang = cli.lang;
    let store_path = cli
        .store
        .clone()
        .unwrap_or_else(|| data_dir().join("store"));
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let e = match e {
                AppError::Store(StoreError::Sled(sled::Error::Corruption { .. })) => {
                    AppError::Store(StoreError::Damaged {
                        path: store_path.clone(),
                        why: "part of it does not read back as written".into(),
                    })
                }
                other => other,
            };
            let mut msg = match &e {
                // A store held by `safetynet serve`: say where to connect instead.
                AppError::Store(StoreError::Locked(path)) => {
                    safetynet::serve::marker::served_note(path, lang)
                }
                _ => None,
            }
            .unwrap_or_else(|| match lang {
                Lang::Zh => e.zh(),
                Lang::En => e.to_string(),
            });
            if let AppError::Store(StoreError::Sled(_) | StoreError::Corrupt(_)) = e {
                msg.push_str(&text::storage_advice(lang, &store_path));
            }
            let _ = writeln!(std::io::stderr(), "safetynet: {msg}");
            tracing::error!("{e:?}");
            match e {
                AppError::Store(StoreError::Locked(_)) => ExitCode::from(3),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let data = data_dir();
    init_log(&data);
    let theme = Theme::from_env(cli.ascii);
    let real_store = data.join("store");
    match &cli.command {
        None => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            run_tui(
                &services,
                tui::Start::SignIn { demo: false },
                cli.lang,
                theme,
            )
        }
        Some(Command::Users { action }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            users::run(&services, cli.lang, cli.by.as_deref(), action)
        }
        Some(Command::Demo { households, user }) => {
            demo::run(&cli, &data, *households, user, theme)
        }
        Some(Command::Generate { households, seed }) => generate::run(&cli, *households, *seed),
        Some(Command::Check { repair }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            check::run(&services, cli.lang, cli.by.as_deref(), *repair)
        }
        Some(Command::Monitor { reevaluate, export }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            monitor::run(
                &services,
                cli.lang,
                cli.by.as_deref(),
                *reevaluate,
                export.as_deref(),
            )
        }
        Some(Command::Notice { town, village, out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            notice::run(
                &services,
                cli.lang,
                cli.by.as_deref(),
                town,
                village.as_deref(),
                out,
            )
        }
        Some(Command::Appeal { action }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            appeal::run(&services, cli.lang, cli.by.as_deref(), action)
        }
        Some(Command::SpotCheck { action }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            spot_check::spot(&services, cli.lang, cli.by.as_deref(), action)
        }
        Some(Command::Relatives { action }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            spot_check::relatives(&services, cli.lang, cli.by.as_deref(), action)
        }
        Some(Command::Ledger { quarter, out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            ledger::run(
                &services,
                cli.lang,
                cli.by.as_deref(),
                quarter.as_deref(),
                out,
            )
        }
        Some(Command::Minute { meeting, out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            minute::run(&services, cli.lang, cli.by.as_deref(), *meeting, out)
        }
        Some(Command::Serve(args)) => serve::run(&cli, &data, &real_store, args, theme),
        Some(Command::Import(args)) => import::run(&cli, real_store, args),
        Some(Command::Export { out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            export::run(&services, cli.lang, cli.by.as_deref(), out)
        }
        Some(Command::Backup { out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            backup::run(&services, cli.lang, cli.by.as_deref(), out)
        }
        Some(Command::Restore { file }) => restore::run(cli.lang, file, cli.store.as_deref()),
        Some(Command::Explain {
            file,
            on,
            standards,
            json,
        }) => {
            let on = on
                .or(cli.today)
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            // Only with --store: that store's standards (no account needed either way).
            let store = match &cli.store {
                Some(path) => Some(open(&cli, path.clone())?),
                None => None,
            };
            explain::run(cli.lang, store.as_ref(), file, on, standards, *json)
        }
        Some(Command::Migrate) => migrate::run(&cli.store.clone().unwrap_or(real_store), cli.lang),
        Some(Command::Stats { json }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            stats::run(&services, cli.lang, *json)
        }
    }
}

pub fn run_tui(
    services: &Services,
    start: tui::Start,
    lang: Lang,
    theme: Theme,
) -> Result<(), AppError> {
    if !std::io::stdout().is_terminal() {
        return Err(AppError::Data(text::needs_terminal(lang)));
    }
    // 公示期满生效: approvals whose notice is over take effect before anyone works.
    safetynet::app::workflow::daily_run_logged(services);
    tui::run(services, start, lang, theme).map_err(|e| AppError::Data(format!("terminal: {e}")))
}

/// A progress bar on a terminal; nothing when stderr is piped or redirected.
pub fn progress_bar(lang: Lang) -> impl FnMut(u64, u64) {
    progress_bar_for(lang, "生成中", "generating")
}

/// `progress_bar` with its own label.
pub fn progress_bar_for(lang: Lang, zh: &'static str, en: &'static str) -> impl FnMut(u64, u64) {
    let tty = std::io::stderr().is_terminal();
    move |done, total| {
        if !tty || total == 0 {
            return;
        }
        let width = 30;
        let filled = (done * width / total) as usize;
        let bar = format!(
            "{}{}",
            "#".repeat(filled),
            ".".repeat(width as usize - filled)
        );
        let _ = write!(
            std::io::stderr(),
            "\r{} [{bar}] {done}/{total} {}%",
            lang.t(zh, en),
            done * 100 / total
        );
        if done == total {
            let _ = writeln!(std::io::stderr());
        }
    }
}
