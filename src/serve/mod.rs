//! `safetynet serve`: one process holds the store and serves the same TUI to every SSH
//! connection. Each connection is its own session (screens, signed-in clerk, language,
//! size) on one shared `Services`.
//!
//! - `hostkey`: the server's Ed25519 key in the store folder, and its fingerprint
//! - `auth`: SSH password sign-in through the program's own accounts
//! - `listen`: accepting connections (TCP keepalive), disconnecting them on stop
//! - `handler`: one connection (sign-in, pty, shell; everything else refused)
//! - `session`: one clerk's `Ui` on its own thread
//! - `backend`, `input`: drawing into and reading from an SSH channel
//! - `hub`: the running sessions, the "something changed" broadcast, stopping
//! - `marker`: `serve.port`, so a locked store names the server to connect to
//! - `backups`: backups on a schedule and on SIGUSR1, the newest N kept

pub mod auth;
pub mod backend;
pub mod backups;
pub mod handler;
pub mod hostkey;
pub mod hub;
pub mod input;
pub mod listen;
pub mod marker;
pub mod session;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use russh::server::Config;
use russh::{MethodKind, MethodSet};

use crate::app::{AppError, Services};
use crate::tui::{Lang, Theme};
use handler::Shared;

/// The address served when none is given: this machine only.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:2222";
/// Every refused sign-in is answered after this long, whatever the reason.
pub const REFUSAL_TIME: Duration = Duration::from_secs(1);

pub struct Options {
    pub listen: SocketAddr,
    pub lang: Lang,
    pub theme: Theme,
    pub backups: backups::Plan,
}

fn config(key: PrivateKey) -> Config {
    Config {
        // Password only: OpenSSH and PuTTY both use it by default. (With keyboard-interactive
        // offered too, PuTTY prefers it and then asks the clerk to press Return once more.)
        methods: MethodSet::from(&[MethodKind::Password][..]),
        auth_rejection_time: REFUSAL_TIME,
        auth_rejection_time_initial: Some(Duration::ZERO),
        max_auth_attempts: 6,
        keys: vec![key],
        // Idle clerks are signed out by the program's own idle limit, not by SSH; a lost
        // network is found by TCP keepalives (see listen.rs).
        inactivity_timeout: None,
        keepalive_interval: None,
        ..Default::default()
    }
}

fn failed(zh: &str, en: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(format!("{zh}：{e}"), format!("{en}: {e}"))
}

/// Serve until SIGTERM or SIGINT; then tell every session, let each finish, flush the
/// store and return.
pub fn serve(services: Services, options: Options) -> Result<(), AppError> {
    let store = services.store.path().to_path_buf();
    let key = hostkey::load_or_create(&store)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| failed("无法启动服务器", "could not start the server", e))?;
    let services = Arc::new(services);
    let result = runtime.block_on(run(Arc::clone(&services), key, options));
    marker::remove(&store);
    services.store.flush()?;
    result
}

/// argon2 takes ~19 MB for each password check, and glibc's allocator keeps a freed
/// block that large in the thread's arena for the next one: measured, every sign-in burst
/// left ~20 MB per arena resident, 13-20 MB "per session" at 6 sessions. A fixed mmap
/// threshold makes such blocks go back to the system when freed (0.5 MB per session).
/// glibc reads the setting only at process start, so `serve` starts itself once more
/// with it set (same process id, same arguments) before it opens anything.
pub fn tune_allocator() {
    use std::os::unix::process::CommandExt;
    const TUNED: &str = "SAFETYNET_SERVE_TUNED";
    const TUNE: &str = "glibc.malloc.mmap_threshold=1048576";
    if !cfg!(all(target_os = "linux", target_env = "gnu")) || std::env::var_os(TUNED).is_some() {
        return;
    }
    let tunables = match std::env::var("GLIBC_TUNABLES") {
        Ok(t) if !t.is_empty() => format!("{t}:{TUNE}"),
        _ => TUNE.to_string(),
    };
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let error = std::process::Command::new(exe)
        .args(std::env::args_os().skip(1))
        .env("GLIBC_TUNABLES", tunables)
        .env(TUNED, "1")
        .exec();
    tracing::warn!("serving without the allocator setting: {error}");
}

/// A line on standard output (the operator's terminal or the service log); a closed
/// output is not a reason to stop serving.
fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

async fn stop_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut term = signal(SignalKind::terminate())?;
    let mut int = signal(SignalKind::interrupt())?;
    tokio::select! {
        _ = term.recv() => {},
        _ = int.recv() => {},
    }
    Ok(())
}

/// 公示期满生效 once a day: at start, then whenever the date has changed (checked every
/// ten minutes). The run is idempotent; its writes broadcast a refresh like any other.
async fn daily_runs(services: Arc<Services>) {
    let mut last = None;
    loop {
        let today = services.today();
        if last != Some(today) {
            let s = Arc::clone(&services);
            let _ = tokio::task::spawn_blocking(move || crate::app::workflow::daily_run_logged(&s))
                .await;
            last = Some(today);
        }
        tokio::time::sleep(Duration::from_secs(600)).await;
    }
}

async fn run(services: Arc<Services>, key: PrivateKey, options: Options) -> Result<(), AppError> {
    let lang = options.lang;
    let fingerprint = hostkey::fingerprint(&key);
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| {
            failed(
                &format!("无法在 {} 上监听", options.listen),
                &format!("cannot listen on {}", options.listen),
                e,
            )
        })?;
    let local = listener
        .local_addr()
        .map_err(|e| failed("无法监听", "cannot listen", e))?;
    let store = services.store.path().to_path_buf();
    marker::write(&store, local.port())
        .map_err(|e| failed("无法写入服务器标记", "cannot write the server marker", e))?;
    let hub = hub::Hub::new();
    let shared = Arc::new(Shared {
        services: Arc::clone(&services),
        hub: Arc::clone(&hub),
        gate: auth::Gate::new(),
        lang,
        theme: options.theme,
        pumps: Default::default(),
    });
    let watcher = hub
        .watch(Arc::clone(&services))
        .map_err(|e| failed("无法启动服务器", "could not start the server", e))?;
    let signals = tokio::spawn(stop_signal());
    let daily = tokio::spawn(daily_runs(Arc::clone(&services)));
    // Backups: SIGUSR1 is taken before the server says it listens (see `requests`).
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let backing_up = tokio::spawn(backups::run(
        Arc::clone(&services),
        options.backups.clone(),
        backups::requests(),
        stopped.clone(),
        say,
    ));
    say(&format!(
        "{} {local}\n{} {fingerprint}\n{} ssh -p {} USER@HOST",
        lang.t(
            "safetynet 服务器正在监听",
            "safetynet serve is listening on"
        ),
        lang.t("主机密钥指纹", "host key fingerprint"),
        lang.t("连接：", "connect with"),
        local.port()
    ));
    tracing::info!(
        "serving {} on {local}, host key {fingerprint}",
        store.display()
    );
    let farewell = lang
        .t("服务器正在停止", "the server is stopping")
        .to_string();
    let accepting = tokio::spawn(listen::accept(
        listener,
        Arc::new(config(key)),
        Arc::clone(&shared),
        stopped,
        farewell,
    ));
    let outcome = signals
        .await
        .map_err(|e| failed("服务器出错", "the server failed", e))
        .and_then(|r| r.map_err(|e| failed("无法接收停止信号", "cannot receive stop signals", e)));
    // Stopping: every session says so to its clerk and ends; then the connections close.
    let sessions = hub.count();
    let left = tokio::task::spawn_blocking(move || hub.stop_all(Duration::from_secs(5)))
        .await
        .unwrap_or(0);
    let deadline = Instant::now() + Duration::from_secs(2);
    while shared.pumps.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    daily.abort();
    let _ = stop.send(true);
    let _ = accepting.await;
    let _ = backing_up.await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    let _ = watcher.join();
    tracing::info!("stopped: {sessions} sessions ended, {left} did not answer in time");
    say(&format!(
        "{} {sessions}",
        lang.t(
            "服务器已停止，结束的会话：",
            "safetynet serve stopped; sessions ended:"
        )
    ));
    outcome
}
