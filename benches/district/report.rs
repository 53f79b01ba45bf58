//! The printed table: figures per size, safetynet against SQLite, and the budgets.

use std::fmt::Write;

use serde_json::Value;

fn num(v: &Value, ptr: &str) -> Option<f64> {
    v.pointer(ptr).and_then(Value::as_f64)
}

fn ms(x: f64) -> String {
    if x < 1.0 {
        format!("{x:.3}")
    } else if x < 100.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

/// `median / p99` of a distribution at `ptr`, or the note found there.
fn dist(v: &Value, ptr: &str) -> String {
    match (
        num(v, &format!("{ptr}/median_ms")),
        num(v, &format!("{ptr}/p99_ms")),
    ) {
        (Some(m), Some(p)) => format!("{} / {}", ms(m), ms(p)),
        _ => match v.pointer(ptr).and_then(Value::as_str) {
            Some(note) if note.starts_with("not yet") => "not yet".into(),
            Some(_) => "not measured".into(),
            None => "–".into(),
        },
    }
}

fn mb(bytes: Option<f64>) -> String {
    bytes.map_or("–".into(), |b| format!("{:.0} MB", b / 1e6))
}

fn kb_as_mb(kb: Option<f64>) -> String {
    kb.map_or("–".into(), |k| format!("{:.0} MB", k / 1024.0))
}

/// (title, households, the safetynet/program/sqlite figures of that column)
struct Column<'a> {
    title: String,
    sn: &'a Value,
    sq: &'a Value,
    program: &'a Value,
    size: &'a Value,
}

fn columns(out: &Value) -> Vec<Column<'_>> {
    let mut cols = Vec::new();
    for s in out["sizes"].as_array().into_iter().flatten() {
        let n = s["households"].as_u64().unwrap_or(0);
        cols.push(Column {
            title: thousands(n),
            sn: &s["safetynet"],
            sq: &s["sqlite"],
            program: &s["program"],
            size: s,
        });
        if let Some(p) = s.get("one_core") {
            cols.push(Column {
                title: format!("{} (1 core)", thousands(n)),
                sn: &p["safetynet"],
                sq: &p["sqlite"],
                program: &p["program"],
                size: s,
            });
        }
    }
    cols
}

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Rows of the per-size table: label and how to read the cell from a column.
type Row = (&'static str, fn(&Column) -> String);

const ROWS: &[Row] = &[
    ("store on disk: safetynet / SQLite", |c| {
        format!(
            "{} / {}",
            mb(num(c.size, "/generate/bytes_on_disk")),
            mb(num(c.size, "/sqlite_load/bytes_on_disk"))
        )
    }),
    ("generate (safetynet) / copy into SQLite, s", |c| {
        format!(
            "{:.1} / {:.1}",
            num(c.size, "/generate/generate_s").unwrap_or(f64::NAN),
            num(c.size, "/sqlite_load/load_s").unwrap_or(f64::NAN)
        )
    }),
    (
        "first frame, real program in a pty, ms (median / max of 5)",
        |c| match (
            num(c.program, "/first_frame/median_ms"),
            num(c.program, "/first_frame/max_ms"),
        ) {
            (Some(m), Some(x)) => format!("{} / {}", ms(m), ms(x)),
            _ => "not measured".into(),
        },
    ),
    (
        "first frame in process: open / dashboard / drawn, ms",
        |c| {
            format!(
                "{} / {} / {}",
                ms(num(c.sn, "/first_frame/open_ms").unwrap_or(f64::NAN)),
                ms(num(c.sn, "/first_frame/dashboard_ready_ms").unwrap_or(f64::NAN)),
                ms(num(c.sn, "/first_frame/total_ms").unwrap_or(f64::NAN))
            )
        },
    ),
    ("lookup by name per keystroke, ms (median / p99)", |c| {
        dist(c.sn, "/lookup/name/dist")
    }),
    ("lookup by pinyin initials per keystroke", |c| {
        dist(c.sn, "/lookup/initials/dist")
    }),
    ("lookup by ID tail per keystroke", |c| {
        dist(c.sn, "/lookup/id_tail/dist")
    }),
    (
        "lookup with two words (initials, then the ID ending)",
        |c| dist(c.sn, "/lookup/two_terms/dist"),
    ),
    ("lookup by full ID number (household_of + record)", |c| {
        dist(c.sn, "/lookup/full_id/dist")
    }),
    ("save one application (transaction + flush)", |c| {
        dist(c.sn, "/save")
    }),
    ("draw dashboard, 80x24", |c| dist(c.sn, "/draw/dashboard")),
    ("draw case list", |c| dist(c.sn, "/draw/case_list")),
    ("↓ in case list (key + draw)", |c| {
        dist(c.sn, "/draw/case_list_key_down")
    }),
    ("draw case detail", |c| dist(c.sn, "/draw/case_detail")),
    ("Tab in case detail (key + draw)", |c| {
        dist(c.sn, "/draw/case_detail_key_tab")
    }),
    ("draw help overlay", |c| dist(c.sn, "/draw/help")),
    (
        "bytes to terminal: first frame / ↓ in list / Tab in detail",
        |c| {
            format!(
                "{} / {} / {}",
                num(c.sn, "/bytes/first_frame").unwrap_or(f64::NAN),
                num(c.sn, "/bytes/case_list_key_down/median").unwrap_or(f64::NAN),
                num(c.sn, "/bytes/case_detail_key_tab/median").unwrap_or(f64::NAN)
            )
        },
    ),
    ("type in a form field (key + draw)", |c| {
        dist(c.sn, "/draw/form_keystroke")
    }),
    ("type in the lookup box (key + search + draw)", |c| {
        dist(c.sn, "/draw/lookup_box_keystroke")
    }),
    (
        "bytes per keystroke: form field / lookup box (median / max)",
        |c| {
            format!(
                "{} / {} · {} / {}",
                num(c.sn, "/bytes/form_field_keystroke/median").unwrap_or(f64::NAN),
                num(c.sn, "/bytes/form_field_keystroke/max").unwrap_or(f64::NAN),
                num(c.sn, "/bytes/lookup_keystroke/median").unwrap_or(f64::NAN),
                num(c.sn, "/bytes/lookup_keystroke/max").unwrap_or(f64::NAN)
            )
        },
    ),
    (
        "peak memory: bench process / real program at first frame",
        |c| {
            format!(
                "{} / {}",
                kb_as_mb(num(c.sn, "/memory/peak_rss_kb")),
                kb_as_mb(num(c.program, "/memory_at_first_frame/peak_rss_kb"))
            )
        },
    ),
    ("`stats`: time, ms / peak memory", |c| {
        format!(
            "{} / {}",
            num(c.size, "/stats/stats_ms").map_or("–".into(), ms),
            kb_as_mb(num(c.size, "/stats/memory/peak_rss_kb"))
        )
    }),
    ("sled keys per household: lookup index / all trees", |c| {
        let n = num(c.size, "/households").unwrap_or(f64::NAN);
        let trees = c
            .size
            .pointer("/generate/tree_keys")
            .and_then(Value::as_object);
        match trees {
            Some(t) => {
                let all: f64 = t.values().filter_map(Value::as_f64).sum();
                let lookup = t
                    .get("idx/terms")
                    .or_else(|| t.get("idx/lookup"))
                    .and_then(Value::as_f64)
                    .unwrap_or(f64::NAN);
                format!("{:.2} / {:.2}", lookup / n, all / n)
            }
            None => "–".into(),
        }
    }),
    ("peak memory, SQLite side (same lookups and saves)", |c| {
        kb_as_mb(num(c.sq, "/memory/peak_rss_kb"))
    }),
];

/// Operations compared with SQLite: (label, safetynet pointer, SQLite pointer).
const COMPARED: &[(&str, &str, &str)] = &[
    ("lookup by name", "/lookup/name", "/lookup/name"),
    ("lookup by initials", "/lookup/initials", "/lookup/initials"),
    ("lookup by ID tail", "/lookup/id_tail", "/lookup/id_tail"),
    (
        "lookup with two words",
        "/lookup/two_terms",
        "/lookup/two_terms",
    ),
    ("lookup by full ID", "/lookup/full_id", "/full_id"),
    ("save one application", "/save", "/save"),
];

/// A distribution at `ptr`, or under `ptr/dist` where hits are counted beside it.
fn at(v: &Value, ptr: &str) -> String {
    let inner = format!("{ptr}/dist");
    if v.pointer(&inner).is_some() {
        inner
    } else {
        ptr.to_string()
    }
}

/// Whether both stores found the same number of households over the whole workload.
fn same_hits(sn: &Value, sq: &Value, a: &str, b: &str) -> String {
    let hits = |v: &Value, p: &str| v.pointer(&format!("{p}/hits")).and_then(Value::as_u64);
    match (hits(sn, a), hits(sq, b)) {
        (Some(x), Some(y)) if x == y => format!("{x} = {y}"),
        (Some(x), Some(y)) => format!("{x} ≠ {y}"),
        _ => "–".into(),
    }
}

fn ratio(sn: &Value, sq: &Value, a: &str, b: &str, field: &str) -> String {
    match (
        num(sn, &format!("{a}/{field}")),
        num(sq, &format!("{b}/{field}")),
    ) {
        (Some(x), Some(y)) if y > 0.0 => format!("{:.2}", x / y),
        _ => "–".into(),
    }
}

pub fn markdown(out: &Value) -> String {
    let cols = columns(out);
    let mut s = String::new();
    let m = &out["machine"];
    let _ = writeln!(
        s,
        "Run {} ({} mode, commit {}) on {} CPUs ({}), {} MB RAM, {} MB swap, Linux {}; {}.\n",
        m["date"].as_str().unwrap_or(""),
        out["mode"].as_str().unwrap_or(""),
        m["commit"].as_str().unwrap_or(""),
        m["cpus"],
        m["cpu_model"].as_str().unwrap_or(""),
        m["memory_mb"],
        m["swap_mb"],
        m["kernel"].as_str().unwrap_or(""),
        m["rustc"].as_str().unwrap_or(""),
    );
    let _ = write!(s, "| households |");
    for c in &cols {
        let _ = write!(s, " {} |", c.title);
    }
    let _ = write!(s, "\n|---|");
    for _ in &cols {
        let _ = write!(s, "---|");
    }
    s.push('\n');
    for (label, cell) in ROWS {
        let _ = write!(s, "| {label} |");
        for c in &cols {
            let _ = write!(s, " {} |", cell(c));
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "\nsafetynet against SQLite (same records, same keys; ratio = safetynet ÷ SQLite, below 1 is faster), ms:\n"
    );
    let _ = writeln!(
        s,
        "| households | operation | safetynet median / p99 | SQLite median / p99 | ratio median | ratio p99 | hits safetynet = SQLite |\n|---|---|---|---|---|---|---|"
    );
    for c in &cols {
        for (label, a, b) in COMPARED {
            let (da, db) = (at(c.sn, a), at(c.sq, b));
            let _ = writeln!(
                s,
                "| {} | {label} | {} | {} | {} | {} | {} |",
                c.title,
                dist(c.sn, &da),
                dist(c.sq, &db),
                ratio(c.sn, c.sq, &da, &db, "median_ms"),
                ratio(c.sn, c.sq, &da, &db, "p99_ms"),
                same_hits(c.sn, c.sq, a, b),
            );
        }
    }
    s.push('\n');
    s.push_str(&tree_table(out));
    s.push('\n');
    s.push_str(&crate::report_budgets::budgets(out));
    s
}

/// Keys per household in every tree, per size.
fn tree_table(out: &Value) -> String {
    let sizes: Vec<&Value> = out["sizes"].as_array().into_iter().flatten().collect();
    let mut names: Vec<String> = sizes
        .iter()
        .filter_map(|s| s.pointer("/generate/tree_keys").and_then(Value::as_object))
        .flat_map(|t| t.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return String::new();
    }
    let mut s = String::from("sled keys per household, by tree (after generating):\n\n| tree |");
    for z in &sizes {
        let _ = write!(s, " {} |", thousands(z["households"].as_u64().unwrap_or(0)));
    }
    s.push_str("\n|---|");
    for _ in &sizes {
        s.push_str("---|");
    }
    s.push('\n');
    for name in &names {
        let _ = write!(s, "| {name} |");
        for z in &sizes {
            let n = z["households"].as_f64().unwrap_or(f64::NAN);
            let keys = z
                .pointer("/generate/tree_keys")
                .and_then(|t| t.get(name.as_str()));
            match keys.and_then(Value::as_f64) {
                Some(k) => {
                    let _ = write!(s, " {:.3} |", k / n);
                }
                None => s.push_str(" – |"),
            }
        }
        s.push('\n');
    }
    s
}
