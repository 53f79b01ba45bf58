//! The budgets of issue 16 (issue 6's where 16 says nothing), checked against the
//! 100,000-household figures (or, in a quick run, the largest size measured, marked as
//! such). Printed, never a failing test.

use std::fmt::Write;

use serde_json::Value;

use crate::report::thousands;

fn num(v: &Value, ptr: &str) -> Option<f64> {
    v.pointer(ptr).and_then(Value::as_f64)
}

enum Verdict {
    Pass,
    Fail,
    NotMeasured,
}

impl Verdict {
    fn of(measured: Option<f64>, limit: f64) -> Verdict {
        match measured {
            Some(x) if x <= limit => Verdict::Pass,
            Some(_) => Verdict::Fail,
            None => Verdict::NotMeasured,
        }
    }

    fn text(&self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Fail => "FAIL",
            Verdict::NotMeasured => "NOT MEASURED",
        }
    }
}

fn line(s: &mut String, budget: &str, measured: String, verdict: Verdict) {
    let _ = writeln!(s, "| {budget} | {measured} | {} |", verdict.text());
}

fn show(x: Option<f64>, unit: &str) -> String {
    x.map_or("not measured".into(), |x| format!("{x:.2} {unit}"))
}

fn max_of(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    values.flatten().reduce(f64::max)
}

pub fn budgets(out: &Value) -> String {
    let sizes: Vec<&Value> = out["sizes"].as_array().into_iter().flatten().collect();
    let n = |s: &Value| s["households"].as_u64().unwrap_or(0);
    let at = sizes
        .iter()
        .find(|s| n(s) == 100_000)
        .or_else(|| sizes.iter().filter(|s| n(s) < 100_000).max_by_key(|s| n(s)))
        .copied();
    let mut s = String::new();
    let Some(at) = at else {
        return "No size at or below 100,000 households was measured; budgets not checked.\n"
            .into();
    };
    let households = n(at);
    let note = if households == 100_000 {
        String::new()
    } else {
        " (quick run: the budgets are for 100,000; these figures are smaller)".into()
    };
    let _ = writeln!(
        s,
        "Budgets at {} households{note}:\n\n| budget | measured | verdict |\n|---|---|---|",
        thousands(households)
    );
    let sn = &at["safetynet"];
    let sq = &at["sqlite"];
    let program = num(&at["program"], "/first_frame/median_ms");
    line(
        &mut s,
        "first frame ≤ 150 ms after start (real program, median of 5)",
        show(program, "ms"),
        Verdict::of(program, 150.0),
    );
    for (kind, label) in [
        ("name", "name"),
        ("initials", "pinyin initials"),
        ("id_tail", "ID tail"),
        ("two_terms", "two words (initials + ID ending)"),
    ] {
        let p99 = num(sn, &format!("/lookup/{kind}/dist/p99_ms"));
        line(
            &mut s,
            &format!("lookup by {label} p99 ≤ 5 ms per keystroke"),
            show(p99, "ms"),
            Verdict::of(p99, 5.0),
        );
        let ratio = match (
            num(sn, &format!("/lookup/{kind}/dist/median_ms")),
            num(sq, &format!("/lookup/{kind}/dist/median_ms")),
        ) {
            (Some(a), Some(b)) if b > 0.0 => Some(a / b),
            _ => None,
        };
        line(
            &mut s,
            &format!("lookup by {label}: median no slower than SQLite's (ratio ≤ 1.0)"),
            show(ratio, "×"),
            Verdict::of(ratio, 1.0),
        );
    }
    let boxed = num(sn, "/draw/lookup_box_keystroke/p99_ms");
    line(
        &mut s,
        "lookup box p99 ≤ 10 ms per keystroke end to end (search + redraw)",
        show(boxed, "ms"),
        Verdict::of(boxed, 10.0),
    );
    let full = num(sn, "/lookup/full_id/dist/p99_ms");
    line(
        &mut s,
        "lookup by full ID number p99 ≤ 5 ms",
        show(full, "ms"),
        Verdict::of(full, 5.0),
    );
    let save = num(sn, "/save/p99_ms");
    line(
        &mut s,
        "save p99 ≤ 20 ms",
        show(save, "ms"),
        Verdict::of(save, 20.0),
    );
    let generate = num(at, "/generate/generate_s");
    line(
        &mut s,
        "generate ≤ 30 s (for 100,000 households)",
        show(generate, "s"),
        Verdict::of(generate, 30.0),
    );
    let disk = match (
        num(at, "/generate/bytes_on_disk"),
        num(at, "/sqlite_load/bytes_on_disk"),
    ) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    line(
        &mut s,
        "store on disk ≤ 2 × SQLite's file",
        show(disk, "×"),
        Verdict::of(disk, 2.0),
    );
    let draws = [
        "dashboard",
        "case_list",
        "case_list_key_down",
        "case_detail",
        "case_detail_key_tab",
        "help",
        "form_keystroke",
    ];
    let worst = max_of(draws.iter().map(|d| num(sn, &format!("/draw/{d}/p99_ms"))));
    line(
        &mut s,
        "every screen draws in ≤ 2 ms (worst p99, key handling included)",
        show(worst, "ms"),
        Verdict::of(worst, 2.0),
    );
    let form = num(sn, "/bytes/form_field_keystroke/max");
    line(
        &mut s,
        "≤ 300 bytes to the terminal per keystroke in a form (worst key)",
        show(form, "bytes"),
        Verdict::of(form, 300.0),
    );
    let peak = num(&at["program"], "/memory_at_first_frame/peak_rss_kb").map(|kb| kb / 1024.0);
    line(
        &mut s,
        "peak memory of the real program at its first frame ≤ 64 MB",
        show(peak, "MB"),
        Verdict::of(peak, 64.0),
    );
    let stats = num(at, "/stats/memory/peak_rss_kb").map(|kb| kb / 1024.0);
    line(
        &mut s,
        "peak memory of `stats` ≤ 48 MB",
        show(stats, "MB"),
        Verdict::of(stats, 48.0),
    );
    let bench = num(sn, "/memory/peak_rss_kb").map(|kb| kb / 1024.0);
    line(
        &mut s,
        "peak memory of the bench process (open, lookups, draws, saves) ≤ 64 MB",
        show(bench, "MB"),
        Verdict::of(bench, 64.0),
    );
    match sizes.iter().find(|s| n(s) == 1_000_000) {
        Some(big) => {
            let m = &big["safetynet"]["memory_after_open_and_lookup"];
            let answered = num(&big["safetynet"], "/lookup/name/hits").unwrap_or(0.0) > 0.0;
            let swap = num(m, "/swap_kb").unwrap_or(f64::NAN);
            let rss = num(m, "/peak_rss_kb").unwrap_or(f64::NAN) / 1024.0;
            let verdict = if answered && swap == 0.0 {
                Verdict::Pass
            } else {
                Verdict::Fail
            };
            line(
                &mut s,
                "1,000,000 households: opens and answers a lookup without swapping",
                format!(
                    "answered: {answered}; swapped {swap} kB; {} major faults; peak RSS {rss:.0} MB \
                     after opening and the lookups (this machine: {} MB RAM, {} MB swap)",
                    num(m, "/major_faults").unwrap_or(f64::NAN),
                    out["machine"]["memory_mb"],
                    out["machine"]["swap_mb"],
                ),
                verdict,
            );
        }
        None => line(
            &mut s,
            "1,000,000 households: opens and answers a lookup without swapping",
            "not run (full run only)".into(),
            Verdict::NotMeasured,
        ),
    }
    s
}
