//! `cargo bench --bench serve [-- --households N --sessions 1,10,50 --keys K]`: the real
//! `safetynet serve` on 127.0.0.1, with 1, 10 and 50 SSH sessions at once (russh's
//! client, in this process), each typing lookups and moving in the case list at a
//! typist's pace (a key every 150 ms). Bounded: each session types `--keys` keys (60),
//! then disconnects; the whole run stops by itself.
//!
//! For each session count it prints keystroke-to-screen latency (from sending a key to
//! the first bytes of the frame that answers it) p50/p99/max, the server's resident
//! memory with the store open, after two sign-ins (argon2's memory, kept by the
//! allocator), and with all sessions open (total, and per
//! session above the idle server), and the server's CPU (share of one core) while the
//! sessions typed. Budget (issue 15): with 50 sessions, p99 <= 50 ms and <= 4 MB per
//! session. Figures go to stdout and `target/bench/serve.md`.

#[path = "../../tests/sshclient/mod.rs"]
mod sshclient;

use std::time::{Duration, Instant};

use sshclient::{demo_store, Server, Term};

/// The pause between two keys of one session.
const PACE: Duration = Duration::from_millis(150);
/// A key whose frame has not come after this long counts at this (and is reported).
const KEY_LIMIT: Duration = Duration::from_secs(2);

struct Args {
    households: u64,
    sessions: Vec<usize>,
    keys: usize,
}

fn args() -> Args {
    let mut out = Args {
        households: 3000,
        sessions: vec![1, 10, 50],
        keys: 60,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--households" => {
                out.households = it.next().and_then(|v| v.parse().ok()).unwrap_or(3000)
            }
            "--sessions" => {
                out.sessions = it
                    .next()
                    .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
                    .unwrap_or_default()
            }
            "--keys" => out.keys = it.next().and_then(|v| v.parse().ok()).unwrap_or(60),
            _ => {} // `--bench` and the like from cargo
        }
    }
    out
}

/// What a session types: lookups (each key changes the query and the hits) and moves
/// in the case list (each key moves the selection), so every key changes the screen.
fn script(keys: usize, n: usize) -> Vec<&'static [u8]> {
    let lookup: [&[u8]; 8] = [b"/", b"c", b"h", b"e", b"n", b"\x7f", b"\x7f", b"\x1b"];
    let list: [&[u8]; 8] = [
        b"c", b"\x1b[B", b"\x1b[B", b"\x1b[B", b"\x1b[A", b"\x1b[A", b"\x1b[A", b"\x1b",
    ];
    let mut out = Vec::new();
    let mut round = n;
    while out.len() < keys {
        let part = if round.is_multiple_of(2) {
            &lookup
        } else {
            &list
        };
        out.extend_from_slice(part);
        round += 1;
    }
    out.truncate(keys);
    out
}

fn proc_field(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// CPU time (user + system) of the process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let num = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 after ')'.
    num(11) + num(12)
}

fn ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100)
}

/// One session: type the script at a typist's pace; the latency of every key.
async fn typist(mut term: Term, keys: Vec<&'static [u8]>) -> (Vec<Duration>, usize) {
    let mut latencies = Vec::with_capacity(keys.len());
    let mut late = 0;
    for key in keys {
        let sent = Instant::now();
        term.send(key).await;
        let got = term.next_frame(KEY_LIMIT).await;
        let took = sent.elapsed();
        if !got {
            late += 1;
        }
        latencies.push(took.min(KEY_LIMIT));
        // The rest of the frame, and the pause before the next key.
        let rest = PACE.saturating_sub(sent.elapsed());
        term.settle(rest).await;
    }
    term.disconnect().await;
    (latencies, late)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

struct Round {
    sessions: usize,
    keys: usize,
    late: usize,
    p50: Duration,
    p99: Duration,
    max: Duration,
    cold_rss_mb: f64,
    idle_rss_mb: f64,
    rss_mb: f64,
    per_session_mb: f64,
    cpu_share: f64,
    wall: Duration,
}

async fn round(server: &Server, sessions: usize, keys: usize) -> Round {
    let pid = server.child.id();
    let cold_rss_kb = proc_field(pid, "VmRSS:");
    // Two sign-ins at once and out again: argon2 takes ~19 MB per check, and the
    // allocator keeps that memory for the next check. A fixed cost, not a session's.
    let (a, b) = tokio::join!(
        Term::open(server, "demo-clerk", 80, 24),
        Term::open(server, "demo-officer", 80, 24)
    );
    a.disconnect().await;
    b.disconnect().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_rss_kb = proc_field(pid, "VmRSS:");
    let mut terms = Vec::with_capacity(sessions);
    for i in 0..sessions {
        let user = ["demo-clerk", "demo-officer", "demo-reviewer"][i % 3];
        let mut term = Term::open(server, user, 80, 24).await;
        let shown = term
            .read_until(Duration::from_secs(60), |t| t.text().contains("案件阶段"))
            .await;
        assert!(shown, "no dashboard:\n{}", term.text());
        terms.push(term);
        if std::env::var_os("SERVE_BENCH_TRACE").is_some() {
            eprintln!("  {} sessions: {} kB", i + 1, proc_field(pid, "VmRSS:"));
        }
    }
    // Let the sign-ins' refresh broadcasts pass before measuring.
    for term in &mut terms {
        term.settle(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(600)).await;
    for term in &mut terms {
        term.settle(Duration::from_millis(5)).await;
    }
    let open_rss_kb = proc_field(pid, "VmRSS:");
    let ticks = cpu_ticks(pid);
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(sessions);
    for (i, term) in terms.into_iter().enumerate() {
        // Start the typists spread over one pause, as people do.
        let delay = PACE.mul_f64(i as f64 / sessions.max(1) as f64);
        let keys = script(keys, i);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            typist(term, keys).await
        }));
    }
    let mut all = Vec::new();
    let mut late = 0;
    for t in tasks {
        if let Ok((l, n)) = t.await {
            all.extend(l);
            late += n;
        }
    }
    let wall = started.elapsed();
    let used = cpu_ticks(pid).saturating_sub(ticks) as f64 / ticks_per_second() as f64;
    all.sort();
    // Memory with every session open is taken before they typed (they disconnect at the
    // end of their script); the larger of that and the peak since is reported.
    let rss_kb = open_rss_kb.max(proc_field(pid, "VmRSS:"));
    Round {
        sessions,
        keys: all.len(),
        late,
        p50: percentile(&all, 0.50),
        p99: percentile(&all, 0.99),
        max: all.last().copied().unwrap_or_default(),
        cold_rss_mb: cold_rss_kb as f64 / 1024.0,
        idle_rss_mb: idle_rss_kb as f64 / 1024.0,
        rss_mb: rss_kb as f64 / 1024.0,
        per_session_mb: rss_kb.saturating_sub(idle_rss_kb) as f64 / 1024.0 / sessions as f64,
        cpu_share: used / wall.as_secs_f64(),
        wall,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args = args();
    let dir = tempfile::tempdir().expect("tempdir");
    eprintln!("serve bench: generating {} households...", args.households);
    demo_store(dir.path(), args.households);
    let mut rows = Vec::new();
    for &n in &args.sessions {
        // A fresh server per count, so one count's memory does not carry into the next.
        let mut server = Server::start(dir.path());
        eprintln!("serve bench: {n} sessions x {} keys...", args.keys);
        let r = round(&server, n, args.keys).await;
        assert_eq!(
            server.terminate().code(),
            Some(0),
            "the server did not stop cleanly"
        );
        rows.push(r);
    }
    let mut md = String::new();
    md.push_str(&format!(
        "{} households, a key every {} ms per session, {} keys per session; server and clients on one machine ({} cores)\n\n",
        args.households,
        PACE.as_millis(),
        args.keys,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    ));
    md.push_str("| sessions | keys | p50 ms | p99 ms | max ms | late | server RSS: store open / after two sign-ins / with the sessions | per session | server CPU (of one core) | wall s |\n");
    md.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
    for r in &rows {
        md.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {:.1} / {:.1} / {:.1} MB | {:.2} MB | {:.0}% | {:.1} |\n",
            r.sessions,
            r.keys,
            ms(r.p50),
            ms(r.p99),
            ms(r.max),
            r.late,
            r.cold_rss_mb,
            r.idle_rss_mb,
            r.rss_mb,
            r.per_session_mb,
            r.cpu_share * 100.0,
            r.wall.as_secs_f64()
        ));
    }
    if let Some(r) = rows.iter().find(|r| r.sessions == 50) {
        let ok = |b: bool| if b { "ok" } else { "FAIL" };
        md.push_str(&format!(
            "\nbudget at 50 sessions: p99 {} ms <= 50 ms {}; {:.2} MB per session <= 4 MB {}\n",
            ms(r.p99),
            ok(r.p99 <= Duration::from_millis(50)),
            r.per_session_mb,
            ok(r.per_session_mb <= 4.0)
        ));
    }
    println!("{md}");
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    let _ = std::fs::create_dir_all(&out);
    let _ = std::fs::write(out.join("serve.md"), md);
}
