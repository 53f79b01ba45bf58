//! safetynet: the command line. Opens the store, picks the front end, prints what a
//! clerk can act on when something is wrong, and never leaves the terminal broken.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};

use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::session::Actor;
use safetynet::app::stats::Stats;
use safetynet::app::{dashboard, AppError, Services};
use safetynet::store::StoreError;
use safetynet::tui::{self, Lang, Theme};

mod cli_auth;
mod cli_ledger;
mod cli_minute;
mod cli_monitor;
mod cli_text;
mod cli_users;

/// 低收入人口认定与动态监测 — safetynet
///
/// 一次申请、一次受理、一次调查核实、分类审核确认；因需推送、结果反馈；动态监测预警。
/// Run without a command to open the program on your office's store.
#[derive(Parser, Debug)]
#[command(name = "safetynet", version, about, long_about)]
struct Cli {
    /// Store folder (default: the user data folder; or set SAFETYNET_STORE)
    #[arg(long, global = true, env = "SAFETYNET_STORE", value_name = "PATH")]
    store: Option<PathBuf>,
    /// Interface language: zh (中文, default) or en
    #[arg(long, global = true, value_enum, default_value = "zh")]
    lang: Lang,
    /// Plain ASCII borders for terminals without box-drawing characters
    #[arg(long, global = true)]
    ascii: bool,
    /// Use this date as today (for training and tests), YYYY-MM-DD
    #[arg(
        long,
        global = true,
        env = "SAFETYNET_TODAY",
        value_name = "DATE",
        hide = true
    )]
    today: Option<NaiveDate>,
    /// Who is doing this: exports and account changes on a store with accounts ask for
    /// this user's password
    #[arg(long = "as", global = true, value_name = "USER")]
    by: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
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
        action: cli_users::UsersAction,
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
    /// Verify the audit trail: every entry linked to the one before, none missing
    Check,
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
    /// Print the caseload figures the dashboard shows
    Stats {
        /// Machine-readable JSON with stable snake_case keys
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let msg = match lang {
                Lang::Zh => e.zh(),
                Lang::En => e.to_string(),
            };
            let _ = writeln!(std::io::stderr(), "safetynet: {msg}");
            tracing::error!("{e:?}");
            match e {
                AppError::Store(StoreError::Locked(_)) => ExitCode::from(3),
                _ => ExitCode::from(1),
            }
        }
    }
}

fn data_dir() -> PathBuf {
    directories::ProjectDirs::from("cn", "safetynet", "safetynet")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from(".safetynet"))
}

fn init_log(dir: &std::path::Path) {
    let _ = std::fs::create_dir_all(dir);
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("safetynet.log"))
    else {
        return;
    };
    let _ = tracing_subscriber::fmt()
        .with_writer(std::sync::Mutex::new(file))
        .with_ansi(false)
        .try_init();
}

fn open(cli: &Cli, path: PathBuf) -> Result<Services, AppError> {
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let mut services = Services::open(&path)?;
    services.fixed_today = cli.today;
    Ok(services)
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
            cli_users::run(&services, cli.lang, cli.by.as_deref(), action)
        }
        Some(Command::Demo { households, user }) => {
            let path = cli.store.clone().unwrap_or_else(|| data.join("demo"));
            if path == real_store {
                return Err(AppError::Data(cli_text::demo_is_not_real(cli.lang)));
            }
            let services = open(&cli, path)?;
            if services.store.household_count()? == 0 {
                let opts = GenerateOptions {
                    households: *households,
                    seed: 2026,
                    as_of: services.today(),
                };
                eprintln!("{}", cli_text::creating_demo(cli.lang, *households));
                generate(&services.store, opts, progress_bar(cli.lang))?;
                // A demo with an alerts queue to work: run the alert rules once.
                safetynet::app::accounts::ensure_demo_accounts(&services)?;
                let officer = safetynet::app::accounts::demo_sign_in(&services, "demo-officer")?;
                safetynet::app::monitoring::reevaluate(&services, &officer)?;
            }
            let actor = safetynet::app::accounts::demo_sign_in(&services, user)?;
            run_tui(&services, tui::Start::As(actor), cli.lang, theme)
        }
        Some(Command::Generate { households, seed }) => {
            let path = cli
                .store
                .clone()
                .ok_or_else(|| AppError::Data(cli_text::store_needed(cli.lang)))?;
            let services = open(&cli, path)?;
            let opts = GenerateOptions {
                households: *households,
                seed: *seed,
                as_of: services.today(),
            };
            let started = std::time::Instant::now();
            let load = generate(&services.store, opts, progress_bar(cli.lang))?;
            let d = load.district();
            println!(
                "{}",
                cli_text::generated(cli.lang, d.households, d.persons, started.elapsed())
            );
            Ok(())
        }
        Some(Command::Check) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            let report = services.store.check_audit_chain()?;
            if report.problems.is_empty() {
                println!("{}", cli_text::chain_ok(cli.lang, report.entries));
                return Ok(());
            }
            for (zh, en) in &report.problems {
                println!("{}", cli.lang.t(zh, en));
            }
            Err(AppError::Invalid(
                "审计记录被改动，请联系区民政局".into(),
                "the audit trail has been tampered with; tell the district office".into(),
            ))
        }
        Some(Command::Monitor { reevaluate, export }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            cli_monitor::run(
                &services,
                cli.lang,
                cli.by.as_deref(),
                *reevaluate,
                export.as_deref(),
            )
        }
        Some(Command::Ledger { quarter, out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            cli_ledger::run(
                &services,
                cli.lang,
                cli.by.as_deref(),
                quarter.as_deref(),
                out,
            )
        }
        Some(Command::Minute { meeting, out }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            cli_minute::run(&services, cli.lang, cli.by.as_deref(), *meeting, out)
        }
        Some(Command::Stats { json }) => {
            let services = open(&cli, cli.store.clone().unwrap_or(real_store))?;
            let board = dashboard::dashboard(&services, &Actor::demo_officer())?;
            let stats = Stats::of(&board);
            if *json {
                let text = serde_json::to_string_pretty(&stats)
                    .map_err(|e| AppError::Data(e.to_string()))?;
                println!("{text}");
            } else {
                print!("{}", cli_text::stats_table(cli.lang, &stats));
            }
            Ok(())
        }
    }
}

fn run_tui(
    services: &Services,
    start: tui::Start,
    lang: Lang,
    theme: Theme,
) -> Result<(), AppError> {
    if !std::io::stdout().is_terminal() {
        return Err(AppError::Data(cli_text::needs_terminal(lang)));
    }
    tui::run(services, start, lang, theme).map_err(|e| AppError::Data(format!("terminal: {e}")))
}

/// A progress bar on a terminal; nothing when stderr is piped or redirected.
fn progress_bar(lang: Lang) -> impl FnMut(u64, u64) {
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
            lang.t("生成中", "generating"),
            done * 100 / total
        );
        if done == total {
            let _ = writeln!(std::io::stderr());
        }
    }
}
