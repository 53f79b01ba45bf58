//! The safetynet side, in a child process of its own per store size: open the store and
//! draw the first frame, look households up keystroke by keystroke, draw every screen,
//! count the bytes one keystroke sends to the terminal, save applications.

use std::path::Path;
use std::time::Instant;

use crossterm::event::KeyEvent;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use serde_json::{json, Value};

use safetynet::app::session::Actor;
use safetynet::app::Services;
use safetynet::domain::resident_id::ResidentId;
use safetynet::store::Change;
use safetynet::tui::keys::parse_keys;
use safetynet::tui::{Cx, Lang, Theme, Ui};

use crate::application::{fresh, today, SAVES};
use crate::stats::{ms, Memory, Samples};
use crate::workload::{Kind, Workload, LIMIT};

/// Frames drawn per screen for the draw-time figures.
const FRAMES: usize = 300;

pub const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

pub fn keys(text: &str) -> anyhow::Result<Vec<KeyEvent>> {
    parse_keys(text).map_err(|e| anyhow::anyhow!(e))
}

/// Press keys without drawing (to reach a screen).
pub fn press(ui: &mut Ui, cx: &Cx, text: &str) -> anyhow::Result<()> {
    for k in keys(text)? {
        ui.handle_key(&k, cx);
    }
    Ok(())
}

/// The project's lookup use case: what the lookup box runs on every keystroke.
fn search(services: &Services, actor: &Actor, query: &str) -> anyhow::Result<usize> {
    Ok(safetynet::app::lookup::search(services, actor, query, LIMIT)?.len())
}

fn lookups(services: &Services, actor: &Actor, workload: &Workload) -> anyhow::Result<Value> {
    let mut out = serde_json::Map::new();
    for kind in Kind::ALL {
        let mut samples = Samples::default();
        let mut hits = 0;
        for (k, q) in workload.queries() {
            if k == kind {
                hits += samples.time(|| search(services, actor, &q))?;
            }
        }
        out.insert(
            kind.key().to_string(),
            json!({"dist": samples.dist(), "hits": hits}),
        );
    }
    // A full ID number straight through the resident index, then the household record.
    let mut full_id = Samples::default();
    let mut found = 0;
    for t in &workload.targets {
        let id = ResidentId::parse(&t.resident_id).map_err(|e| anyhow::anyhow!("{e}"))?;
        let h = full_id.time(|| -> anyhow::Result<_> {
            match services.store.household_of(&id)? {
                Some(hid) => Ok(services.store.household(hid)?),
                None => Ok(None),
            }
        })?;
        found += usize::from(h.is_some());
    }
    anyhow::ensure!(found == workload.targets.len(), "full-ID lookups missed");
    out.insert(
        "full_id".into(),
        json!({"dist": full_id.dist(), "hits": found}),
    );
    Ok(Value::Object(out))
}

/// Only the lookups, on a store kept between runs (`--child lookups STORE WORKLOAD`):
/// per kind the distribution, the hits, and the slowest queries with their times, for
/// working on the lookup without generating a store each time.
pub fn lookups_only(store: &Path, workload: &Workload) -> anyhow::Result<Value> {
    let actor = Actor::demo_officer();
    let mut services = Services::open(store)?;
    services.fixed_today = Some(today());
    // Warm the caches the way a clerk's first keystrokes would.
    for (_, q) in workload.queries().iter().take(50) {
        search(&services, &actor, q)?;
    }
    let mut out = lookups(&services, &actor, workload)?;
    for kind in Kind::ALL {
        let mut timed: Vec<(f64, String, usize)> = Vec::new();
        for (k, q) in workload.queries() {
            if k == kind {
                let start = Instant::now();
                let hits = search(&services, &actor, &q)?;
                timed.push((ms(start.elapsed()), q, hits));
            }
        }
        timed.sort_by(|a, b| b.0.total_cmp(&a.0));
        timed.truncate(8);
        out[kind.key()]["slowest"] = json!(timed);
    }
    Ok(out)
}

/// Redraw the current screen `FRAMES` times; after each of `between` keys when given.
fn draws(
    term: &mut Terminal<TestBackend>,
    ui: &mut Ui,
    cx: &Cx,
    between: Option<&str>,
) -> anyhow::Result<Value> {
    let key = match between {
        Some(k) => keys(k)?.into_iter().next(),
        None => None,
    };
    let mut samples = Samples::default();
    for _ in 0..FRAMES {
        samples.time(|| -> anyhow::Result<()> {
            if let Some(k) = &key {
                ui.handle_key(k, cx);
            }
            term.draw(|f| ui.draw(f, cx))?;
            Ok(())
        })?;
    }
    Ok(json!(samples.dist()))
}

fn screens(cx: &Cx) -> anyhow::Result<Value> {
    let mut ui = Ui::new(cx);
    let mut term = Terminal::new(TestBackend::new(80, 24))?;
    term.draw(|f| ui.draw(f, cx))?;
    let dashboard = draws(&mut term, &mut ui, cx, None)?;
    press(&mut ui, cx, "c")?;
    let case_list = draws(&mut term, &mut ui, cx, None)?;
    // ↓ through the list: pages are read from the store as the selection moves on.
    let case_list_down = draws(&mut term, &mut ui, cx, Some("<down>"))?;
    press(&mut ui, cx, "<ret>")?;
    let case_detail = draws(&mut term, &mut ui, cx, None)?;
    let case_detail_tab = draws(&mut term, &mut ui, cx, Some("<tab>"))?;
    press(&mut ui, cx, "?")?;
    let help = draws(&mut term, &mut ui, cx, None)?;

    // The intake wizard's address field: type a character, delete it, redraw each time.
    let mut ui = Ui::new(cx);
    press(&mut ui, cx, "n<tab><tab>")?;
    let mut form = Samples::default();
    for k in keys(&"一<bs>".repeat(FRAMES / 2))? {
        form.time(|| -> anyhow::Result<()> {
            ui.handle_key(&k, cx);
            term.draw(|f| ui.draw(f, cx))?;
            Ok(())
        })?;
    }
    press(&mut ui, cx, "一组")?;
    crate::screen::expect(&mut ui, cx, "一组", "typing into the intake form")?;
    Ok(json!({
        "dashboard": dashboard,
        "case_list": case_list,
        "case_list_key_down": case_list_down,
        "case_detail": case_detail,
        "case_detail_key_tab": case_detail_tab,
        "help": help,
        "form_keystroke": form.dist(),
    }))
}

/// The lookup box end to end: open it, type what finds each target one key at a time
/// (each key: the search, then the redraw), close it.
fn lookup_box(cx: &Cx, workload: &Workload) -> anyhow::Result<Value> {
    let mut ui = Ui::new(cx);
    let mut term = Terminal::new(TestBackend::new(80, 24))?;
    let mut samples = Samples::default();
    for t in workload.targets.iter().take(50) {
        press(&mut ui, cx, "/")?;
        for text in [t.name.as_str(), t.initials.as_str()] {
            for k in keys(text)? {
                samples.time(|| -> anyhow::Result<()> {
                    ui.handle_key(&k, cx);
                    term.draw(|f| ui.draw(f, cx))?;
                    Ok(())
                })?;
            }
            crate::screen::expect(&mut ui, cx, text, "typing into the lookup box")?;
            press(&mut ui, cx, &"<bs>".repeat(text.chars().count()))?;
        }
        press(&mut ui, cx, "<esc>")?;
    }
    Ok(json!(samples.dist()))
}

fn saves(services: &Services, workload: &Workload, run: usize) -> anyhow::Result<Value> {
    let store = &services.store;
    let mut templates = Vec::new();
    let mut case_template = None;
    for t in &workload.targets {
        if let Some(h) = store.household(safetynet::domain::household::HouseholdId(t.household))? {
            if case_template.is_none() {
                if let Some(c) = store.case_ids_of(h.id)?.into_iter().next() {
                    case_template = store.case(c)?;
                }
            }
            templates.push(h);
        }
    }
    let case_template = case_template.ok_or_else(|| anyhow::anyhow!("no case to copy"))?;
    let mut samples = Samples::default();
    for k in run * SAVES..(run + 1) * SAVES {
        let template = &templates[k % templates.len()];
        let (hid, cid) = (store.new_id()?, store.new_id()?);
        let (household, case, audit) = fresh(template, &case_template, hid, cid, k)?;
        let change = Change {
            household: Some(household),
            case: Some(case),
            number_case_in: None,
            audit,
        };
        samples.time(|| store.save(change))?;
    }
    Ok(json!(samples.dist()))
}

/// Everything measured on the sled store, as JSON.
pub fn run(store: &Path, workload: &Workload, run: usize) -> anyhow::Result<Value> {
    crossterm::style::force_color_output(true);
    let actor = Actor::demo_officer();
    let start = Instant::now();
    let mut services = Services::open(store)?;
    services.fixed_today = Some(today());
    let opened = start.elapsed();
    let cx = Cx::new(&services, &actor, Lang::Zh, THEME);
    let mut ui = Ui::new(&cx);
    let ui_ready = start.elapsed();
    let mut term = Terminal::new(TestBackend::new(80, 24))?;
    term.draw(|f| ui.draw(f, &cx))?;
    let first_frame = start.elapsed();
    let lookup = lookups(&services, &actor, workload)?;
    let after_lookup = Memory::of_self();
    let mut draw = screens(&cx)?;
    draw["lookup_box_keystroke"] = lookup_box(&cx, workload)?;
    let bytes = crate::bytes::per_keystroke(&cx)?;
    let before_saves = Memory::of_self();
    let save = saves(&services, workload, run)?;
    Ok(json!({
        "first_frame": {
            "open_ms": ms(opened),
            "dashboard_ready_ms": ms(ui_ready),
            "total_ms": ms(first_frame),
        },
        "lookup": lookup,
        "memory_after_open_and_lookup": after_lookup,
        "draw": draw,
        "bytes": bytes,
        "memory_before_saves": before_saves,
        "save": save,
        "memory": Memory::of_self(),
        "bytes_on_disk": services.store.size_on_disk()?,
    }))
}
