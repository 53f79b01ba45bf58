//! `cargo bench --bench district [-- --quick]`: the program at district and province
//! scale, side by side with SQLite.
//!
//! For 10,000, 100,000 and 1,000,000 households (`--quick`: 10,000 only; `--sizes
//! 10000,50000` for others) it generates a store with the project's own generator in a
//! temporary folder, copies the same records into SQLite with indexes on the same keys,
//! and measures each side in a child process of its own (so one size's memory does not
//! pollute the next): store size, time to the first frame (in process, and the real
//! program in a pseudo-terminal), lookups per keystroke, saves, draw times, bytes per
//! keystroke, peak memory. The 100,000-household figures are measured a second time
//! pinned to one core (`taskset -c 0`). Figures go to `target/bench/district.json`
//! and a Markdown table to stdout and `target/bench/district.md`, with the budgets.
//! `--out NAME` writes `NAME.json`/`NAME.md` instead; `--merge A.json B.json` makes one
//! table (`merged.json`/`merged.md`) from runs made separately, e.g. 1,000,000 on its own.

mod application;
mod bytes;
mod machine;
mod measure;
mod pty;
mod report;
mod report_budgets;
mod screen;
mod sqlite;
mod stats;
mod workload;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{json, Value};

use safetynet::app::generate::{generate, GenerateOptions};
use safetynet::app::Services;

use workload::Workload;

/// Starts of the real program per size for the first-frame figure.
const PROGRAM_RUNS: usize = 5;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "--child") {
        let out = child(&args[i + 1..])?;
        println!("{out}");
        return Ok(());
    }
    if let Some(i) = args.iter().position(|a| a == "--merge") {
        return merge(&args[i + 1..]);
    }
    let quick = args.iter().any(|a| a == "--quick");
    let sizes: Vec<u64> = match args.iter().position(|a| a == "--sizes") {
        Some(i) => args
            .get(i + 1)
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_default(),
        None if quick => vec![10_000],
        None => vec![10_000, 100_000, 1_000_000],
    };
    anyhow::ensure!(
        !sizes.is_empty(),
        "--sizes wants numbers: --sizes 10000,100000"
    );
    let started = Instant::now();
    let work = tempfile::Builder::new()
        .prefix("safetynet-bench-")
        .tempdir()?;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    // `--out NAME` writes NAME.json and NAME.md instead of district.json and district.md.
    let name = match args.iter().position(|a| a == "--out") {
        Some(i) => args
            .get(i + 1)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("--out wants a name"))?,
        None => "district".to_string(),
    };
    std::fs::create_dir_all(&dir)?;
    let mut results = Vec::new();
    for &n in &sizes {
        results.push(size(work.path(), n, !quick && n == 100_000)?);
        // What is done so far survives a run stopped in a later, larger size.
        std::fs::write(
            dir.join(format!("{name}.partial.json")),
            serde_json::to_vec_pretty(&results)?,
        )?;
    }
    let out = json!({
        "mode": if quick { "quick" } else if args.iter().any(|a| a == "--sizes") { "custom" } else { "full" },
        "machine": machine::describe(),
        "sizes": results,
        "total_s": started.elapsed().as_secs_f64(),
    });
    let table = report::markdown(&out);
    let json = dir.join(format!("{name}.json"));
    std::fs::write(&json, serde_json::to_vec_pretty(&out)?)?;
    std::fs::write(dir.join(format!("{name}.md")), &table)?;
    println!("{table}");
    println!("figures: {}", json.display());
    Ok(())
}

/// `--merge A.json B.json …`: one table from runs made separately (sizes in order given;
/// the machine and mode of the first), printed and written as `merged.json`/`merged.md`.
fn merge(files: &[String]) -> anyhow::Result<()> {
    let mut out: Option<Value> = None;
    for f in files {
        let v: Value = serde_json::from_slice(&std::fs::read(f)?)?;
        match &mut out {
            None => out = Some(v),
            Some(o) => {
                let more = v["sizes"].as_array().cloned().unwrap_or_default();
                if let Some(sizes) = o["sizes"].as_array_mut() {
                    sizes.extend(more);
                }
                o["total_s"] = json!(
                    o["total_s"].as_f64().unwrap_or(0.0) + v["total_s"].as_f64().unwrap_or(0.0)
                );
            }
        }
    }
    let out = out.ok_or_else(|| anyhow::anyhow!("--merge wants JSON files"))?;
    let table = report::markdown(&out);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join("merged.json"), serde_json::to_vec_pretty(&out)?)?;
    std::fs::write(dir.join("merged.md"), &table)?;
    println!("{table}");
    Ok(())
}

fn path(p: &Path) -> anyhow::Result<&str> {
    p.to_str()
        .ok_or_else(|| anyhow::anyhow!("not a UTF-8 path: {}", p.display()))
}

/// Run this benchmark again as a child (pinned to core 0 when asked); its JSON answer.
fn run_child(args: &[&str], pinned: bool) -> anyhow::Result<Value> {
    let exe = std::env::current_exe()?;
    let mut cmd = if pinned {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"]).arg(&exe);
        c
    } else {
        Command::new(&exe)
    };
    let out = cmd
        .arg("--child")
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()?;
    anyhow::ensure!(
        out.status.success(),
        "child {args:?} failed ({})",
        out.status
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// One store size, start to end; its folder is removed afterwards.
fn size(work: &Path, n: u64, pinned_too: bool) -> anyhow::Result<Value> {
    let dir = work.join(n.to_string());
    std::fs::create_dir_all(&dir)?;
    let store: PathBuf = dir.join("store");
    let db = dir.join("sqlite.db");
    let wl = dir.join("workload.json");
    let data = dir.join("xdg");
    let (s, d, w) = (path(&store)?, path(&db)?, path(&wl)?);
    let count = n.to_string();
    eprintln!("[{n}] generating");
    let generated = run_child(&["generate", s, &count], false)?;
    eprintln!("[{n}] copying into SQLite");
    let loaded = run_child(&["sqlite-load", s, d, &count, w], false)?;
    eprintln!("[{n}] starting the program in a pseudo-terminal");
    let program = pty::first_frame(&store, &data, false, PROGRAM_RUNS);
    eprintln!("[{n}] safetynet stats");
    let stats_run = run_child(&["stats", s], false)?;
    eprintln!("[{n}] measuring safetynet");
    let sn = run_child(&["measure", s, w, "0"], false)?;
    eprintln!("[{n}] measuring SQLite");
    let sq = run_child(&["sqlite-measure", d, w, "0"], false)?;
    let mut result = json!({
        "households": n,
        "generate": generated,
        "sqlite_load": loaded,
        "program": program,
        "stats": stats_run,
        "safetynet": sn,
        "sqlite": sq,
    });
    if pinned_too {
        eprintln!("[{n}] again, pinned to one core");
        let program = pty::first_frame(&store, &data, true, PROGRAM_RUNS);
        let sn = run_child(&["measure", s, w, "1"], true)?;
        let sq = run_child(&["sqlite-measure", d, w, "1"], true)?;
        result["one_core"] = json!({"program": program, "safetynet": sn, "sqlite": sq});
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(result)
}

/// The child side: one job, its figures as JSON on stdout.
fn child(args: &[String]) -> anyhow::Result<Value> {
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| anyhow::anyhow!("child: missing argument {i} in {args:?}"))
    };
    let number = |i: usize| -> anyhow::Result<u64> { Ok(arg(i)?.parse()?) };
    match arg(0)? {
        "generate" => {
            let store = Path::new(arg(1)?);
            let start = Instant::now();
            let services = Services::open(store)?;
            // A demo store: the first frame is measured with `safetynet demo --store`.
            safetynet::app::accounts::prepare_demo(&services)?;
            let opts = GenerateOptions {
                households: number(2)?,
                seed: 2026,
                as_of: application::today(),
            };
            let mut shown = 0;
            generate(&services.store, opts, |done, total| {
                if done != shown && (done % 100_000 == 0 || done == total) {
                    shown = done;
                    eprintln!("  generated {done}/{total}");
                }
            })?;
            let secs = start.elapsed().as_secs_f64();
            let memory = stats::Memory::of_self();
            // Keys per tree: what sled keeps a page-table entry for (issue 16).
            let trees: serde_json::Map<String, Value> = services
                .store
                .tree_keys()?
                .into_iter()
                .map(|(name, keys)| (name, json!(keys)))
                .collect();
            drop(services);
            Ok(json!({
                "generate_s": secs,
                "memory": memory,
                "bytes_on_disk": stats::dir_bytes(store),
                "tree_keys": trees,
            }))
        }
        "sqlite-load" => {
            let (store, db) = (Path::new(arg(1)?), Path::new(arg(2)?));
            let n = number(3)?;
            {
                let services = Services::open(store)?;
                workload::sample(&services, n)?.write(Path::new(arg(4)?))?;
            }
            sqlite::load(store, db, n)
        }
        "stats" => {
            // What `safetynet stats` does: open the store, count the dashboard's figures.
            let start = Instant::now();
            let services = Services::open(Path::new(arg(1)?))?;
            let board = safetynet::app::dashboard::dashboard(
                &services,
                &safetynet::app::session::Actor::demo_officer(),
            )?;
            let figures = safetynet::app::stats::Stats::of(&board);
            Ok(json!({
                "stats_ms": stats::ms(start.elapsed()),
                "households": serde_json::to_value(&figures)?["households"],
                "memory": stats::Memory::of_self(),
            }))
        }
        "measure" => {
            let w = Workload::read(Path::new(arg(2)?))?;
            measure::run(Path::new(arg(1)?), &w, number(3)? as usize)
        }
        "lookup-one" => {
            // One query again and again (`--child lookup-one STORE QUERY TIMES`), to profile.
            let services = Services::open(Path::new(arg(1)?))?;
            let actor = safetynet::app::session::Actor::demo_officer();
            let query = arg(2)?;
            let mut samples = stats::Samples::default();
            let mut hits = 0;
            for _ in 0..number(3)? {
                hits = samples.time(|| {
                    safetynet::app::lookup::search(&services, &actor, query, workload::LIMIT)
                        .map(|h| h.len())
                })?;
            }
            Ok(json!({"dist": samples.dist(), "hits": hits}))
        }
        "sample" => {
            // The workload of a kept store (`--child sample STORE HOUSEHOLDS OUT`), for
            // `lookups` without loading SQLite.
            let services = Services::open(Path::new(arg(1)?))?;
            workload::sample(&services, number(2)?)?.write(Path::new(arg(3)?))?;
            Ok(json!({"written": arg(3)?}))
        }
        "tree-sizes" => {
            let services = Services::open(Path::new(arg(1)?))?;
            Ok(json!(services.store.tree_sizes()?))
        }
        "lookups" => {
            let w = Workload::read(Path::new(arg(2)?))?;
            measure::lookups_only(Path::new(arg(1)?), &w)
        }
        "sqlite-measure" => {
            let w = Workload::read(Path::new(arg(2)?))?;
            sqlite::measure(Path::new(arg(1)?), &w, number(3)? as usize)
        }
        other => anyhow::bail!("child: unknown job {other}"),
    }
}
