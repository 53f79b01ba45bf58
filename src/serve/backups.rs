//! Backups taken by the running server: on a schedule (`--backup-every 24h`) and when
//! the operator asks (`kill -USR1 <pid>`), into `--backup-dir`, keeping the newest
//! `--backup-keep` files. A server holds the store all day, so this is how a district
//! gets a consistent copy without stopping anyone's work (see README, "Backups").

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::app::session::Actor;
use crate::app::{maintenance, AppError, Services};
use crate::domain::access::Role;

/// Where and how often the server backs the store up.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `None`: only when asked (SIGUSR1).
    pub every: Option<Duration>,
    pub dir: PathBuf,
    /// The newest this many backup files are kept; older ones are deleted.
    pub keep: usize,
}

/// File names the server writes (and is allowed to delete when pruning).
const PREFIX: &str = "safetynet-";
const SUFFIX: &str = ".snb";

/// "24h", "30m", "90s", "2d" or a plain number of hours.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (digits, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len()));
    let n: u64 = digits.parse().map_err(|_| {
        format!("「{text}」不是时间间隔（例如 24h、30m）/ not an interval (e.g. 24h, 30m)")
    })?;
    let secs = match unit {
        "" | "h" => n * 3600,
        "m" => n * 60,
        "s" => n,
        "d" => n * 86_400,
        _ => {
            return Err(format!(
                "「{text}」的单位应为 d、h、m 或 s / the unit must be d, h, m or s"
            ))
        }
    };
    if secs == 0 {
        return Err("间隔不能为 0 / the interval cannot be 0".into());
    }
    Ok(Duration::from_secs(secs))
}

/// The account the server's own backups are recorded under in the audit trail.
fn server_actor() -> Actor {
    Actor {
        user: "serve".into(),
        display: "服务器定时备份 / server backup".into(),
        role: Role::DistrictOfficer,
        town: None,
    }
}

/// Take one backup into `plan.dir` now, then prune. Returns the file written.
pub fn take(services: &Services, plan: &Plan) -> Result<PathBuf, AppError> {
    std::fs::create_dir_all(&plan.dir).map_err(|e| {
        AppError::Invalid(
            format!("无法建立备份文件夹 {}：{e}", plan.dir.display()),
            format!("cannot make the backup folder {}: {e}", plan.dir.display()),
        )
    })?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let mut out = plan.dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
    let mut n = 1;
    while out.exists() {
        n += 1;
        out = plan.dir.join(format!("{PREFIX}{stamp}-{n}{SUFFIX}"));
    }
    maintenance::backup(services, &server_actor(), &out)?;
    prune(&plan.dir, plan.keep);
    Ok(out)
}

/// The server's backup files in `dir`, oldest first (the names sort by time).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    found.sort();
    found
}

fn prune(dir: &Path, keep: usize) {
    let all = files(dir);
    let excess = all.len().saturating_sub(keep.max(1));
    for old in &all[..excess] {
        if let Err(e) = std::fs::remove_file(old) {
            tracing::warn!("could not delete the old backup {}: {e}", old.display());
        }
    }
}

/// SIGUSR1 as a stream, registered at once: call before the server says it is
/// listening, so an operator's `kill -USR1` never meets the signal's default action
/// (which ends the process).
pub fn requests() -> Option<tokio::signal::unix::Signal> {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::user_defined1()) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::warn!("backups on request (SIGUSR1) are off: {e}");
            None
        }
    }
}

/// Run until `stopped` turns true: a backup at every interval and at every request.
pub async fn run(
    services: Arc<Services>,
    plan: Plan,
    mut asked: Option<tokio::signal::unix::Signal>,
    mut stopped: tokio::sync::watch::Receiver<bool>,
    say: fn(&str),
) {
    // Without a schedule the timer is never polled; any finite period will do.
    let every = plan.every.unwrap_or(Duration::from_secs(86_400));
    let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = ticks.tick(), if plan.every.is_some() => {},
            Some(()) = async { match asked.as_mut() { Some(s) => s.recv().await, None => None } } => {},
            _ = stopped.changed() => return,
        }
        if *stopped.borrow() {
            return;
        }
        let (s, p) = (Arc::clone(&services), plan.clone());
        match tokio::task::spawn_blocking(move || take(&s, &p)).await {
            Ok(Ok(file)) => say(&format!("备份已写入 / backup written: {}", file.display())),
            Ok(Err(e)) => {
                tracing::error!("backup failed: {e:?}");
                say(&format!("备份失败 / backup failed: {}", e.zh()));
            }
            Err(e) => tracing::error!("backup task failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_read_as_a_clerk_writes_them() {
        for (text, secs) in [
            ("24h", 86_400),
            ("30m", 1_800),
            ("90s", 90),
            ("2d", 172_800),
            ("6", 21_600),
        ] {
            assert_eq!(parse_every(text), Ok(Duration::from_secs(secs)), "{text}");
        }
        for bad in ["", "h", "0h", "1w", "-1h", "1.5h"] {
            assert!(parse_every(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn pruning_keeps_the_newest_and_touches_nothing_else() {
        let dir = tempfile::tempdir().expect("dir");
        for name in [
            "safetynet-20261201-010000.snb",
            "safetynet-20261202-010000.snb",
            "safetynet-20261203-010000.snb",
            "notes.txt",
            "safetynet-old.bak",
        ] {
            std::fs::write(dir.path().join(name), b"x").expect("write");
        }
        prune(dir.path(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "notes.txt",
                "safetynet-20261202-010000.snb",
                "safetynet-20261203-010000.snb",
                "safetynet-old.bak"
            ]
        );
    }
}
