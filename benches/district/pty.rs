//! The real program in a pseudo-terminal: from starting the process to the dashboard's
//! last line on the screen, then `q`. What a clerk waits for after starting it.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use serde_json::{json, Value};

use crate::stats::{ms, Dist, Memory};

const BIN: &str = env!("CARGO_BIN_EXE_safetynet");

/// The program to start: `SAFETYNET_BENCH_BIN` when set (a copy that a rebuild during a
/// long run cannot replace), else the one cargo built with this benchmark.
fn program() -> String {
    std::env::var("SAFETYNET_BENCH_BIN").unwrap_or_else(|_| BIN.to_string())
}

/// The footer's help hint: drawn on the last line, so the whole first frame is there.
const LAST_LINE: &str = "? 帮助";

struct Run {
    first_frame: Duration,
    memory: Memory,
    bytes: usize,
}

fn one(store: &Path, data: &Path, pinned: bool) -> anyhow::Result<Run> {
    let pair = native_pty_system().openpty(PtySize {
        rows: 24,
        cols: 80,
        pixel_width: 0,
        pixel_height: 0,
    })?;
    let mut cmd = if pinned {
        let mut c = CommandBuilder::new("taskset");
        c.args(["-c", "0"]);
        c.arg(program());
        c
    } else {
        CommandBuilder::new(program())
    };
    // `demo` on a filled store opens it signed in as the demo district officer, so the
    // first frame is the dashboard (the office's own store starts at sign-in).
    cmd.arg("demo");
    cmd.arg("--store");
    cmd.arg(store.as_os_str());
    cmd.env("TERM", "xterm-256color");
    cmd.env("SAFETYNET_TODAY", "2026-03-02");
    cmd.env("XDG_DATA_HOME", data.as_os_str());
    cmd.env_remove("SAFETYNET_STORE");
    cmd.env_remove("NO_COLOR");
    let mut reader = pair.master.try_clone_reader()?;
    let mut writer = pair.master.take_writer()?;
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(cmd)?;
    drop(pair.slave);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(24, 80, 0);
    let mut bytes = 0;
    let deadline = Duration::from_secs(60);
    let first_frame = loop {
        if start.elapsed() > deadline {
            let _ = child.kill();
            anyhow::bail!(
                "no first frame after {deadline:?}:\n{}",
                parser.screen().contents()
            );
        }
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(200)) {
            bytes += chunk.len();
            parser.process(&chunk);
            if parser.screen().contents().contains(LAST_LINE) {
                break start.elapsed();
            }
        }
    };
    let memory = child
        .process_id()
        .map(|pid| Memory::of(&pid.to_string()))
        .unwrap_or_default();
    // `q` on the home screen asks before quitting; `y` answers it.
    writer.write_all(b"q")?;
    writer.flush()?;
    std::thread::sleep(Duration::from_millis(100));
    writer.write_all(b"y")?;
    writer.flush()?;
    let quit = Instant::now();
    loop {
        if child.try_wait()?.is_some() {
            break;
        }
        if quit.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            anyhow::bail!("the program did not quit on q, y");
        }
        let _ = rx.recv_timeout(Duration::from_millis(20));
    }
    drop(pair.master);
    Ok(Run {
        first_frame,
        memory,
        bytes,
    })
}

/// Start the program `runs` times on `store`; the time to its first frame.
pub fn first_frame(store: &Path, data: &Path, pinned: bool, runs: usize) -> Value {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        match one(store, data, pinned) {
            Ok(r) => {
                times.push(r.first_frame);
                last = Some(r);
            }
            Err(e) => return json!(format!("not measured: {e}")),
        }
    }
    let Some(last) = last else {
        return json!("not measured");
    };
    json!({
        "first_frame": Dist::of(&times),
        "first_frame_runs_ms": times.iter().map(|t| ms(*t)).collect::<Vec<_>>(),
        "memory_at_first_frame": last.memory,
        "bytes_to_first_frame": last.bytes,
    })
}
