//! Bytes sent to the terminal: the real crossterm backend writing into a buffer, so
//! every escape sequence a slow serial or remote link would carry is counted.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use serde_json::{json, Value};

use safetynet::tui::{Cx, Ui};

use crate::measure::press;

/// A byte sink the benchmark can read while the backend owns a handle to it.
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Typed into the address field of the intake wizard.
const FORM_TEXT: &str = "一组12号院";
/// Typed into the lookup box: pinyin initials, then a name.
const LOOKUP_TEXT: &str = "wf";

type Term = Terminal<CrosstermBackend<Sink>>;

/// Redraw; the bytes that redraw sent.
fn draw(term: &mut Term, sink: &Sink, ui: &mut Ui, cx: &Cx) -> anyhow::Result<usize> {
    sink.0.borrow_mut().clear();
    term.draw(|f| ui.draw(f, cx))?;
    let n = sink.0.borrow().len();
    Ok(n)
}

/// Press `key` `times` times, redrawing after each; the bytes of each redraw, sorted.
fn after_keys(
    term: &mut Term,
    sink: &Sink,
    ui: &mut Ui,
    cx: &Cx,
    key: &str,
    times: usize,
) -> anyhow::Result<Vec<usize>> {
    let mut out = Vec::new();
    for _ in 0..times {
        press(ui, cx, key)?;
        out.push(draw(term, sink, ui, cx)?);
    }
    out.sort_unstable();
    Ok(out)
}

fn summary(sorted: &[usize]) -> Value {
    json!({
        "median": sorted.get(sorted.len() / 2).copied().unwrap_or(0),
        "max": sorted.last().copied().unwrap_or(0),
        "n": sorted.len(),
    })
}

pub fn per_keystroke(cx: &Cx) -> anyhow::Result<Value> {
    let sink = Sink::default();
    let backend = CrosstermBackend::new(sink.clone());
    let mut term = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
        },
    )?;
    let mut ui = Ui::new(cx);
    let first_frame = draw(&mut term, &sink, &mut ui, cx)?;
    let dashboard_down = after_keys(&mut term, &sink, &mut ui, cx, "<down>", 4)?;
    press(&mut ui, cx, "c")?;
    let open_case_list = draw(&mut term, &sink, &mut ui, cx)?;
    let case_list_down = after_keys(&mut term, &sink, &mut ui, cx, "<down>", 40)?;
    press(&mut ui, cx, "<ret>")?;
    let open_case = draw(&mut term, &sink, &mut ui, cx)?;
    let case_detail_tab = after_keys(&mut term, &sink, &mut ui, cx, "<tab>", 6)?;

    // The intake wizard's address field: one character at a time.
    let mut ui = Ui::new(cx);
    draw(&mut term, &sink, &mut ui, cx)?;
    press(&mut ui, cx, "n<tab><tab>")?;
    draw(&mut term, &sink, &mut ui, cx)?;
    let mut form = Vec::new();
    for c in FORM_TEXT.chars() {
        form.extend(after_keys(
            &mut term,
            &sink,
            &mut ui,
            cx,
            &c.to_string(),
            1,
        )?);
    }
    form.sort_unstable();
    crate::screen::expect(&mut ui, cx, FORM_TEXT, "typing into the intake form")?;

    // The lookup box: results follow every keystroke.
    let mut ui = Ui::new(cx);
    draw(&mut term, &sink, &mut ui, cx)?;
    press(&mut ui, cx, "/")?;
    draw(&mut term, &sink, &mut ui, cx)?;
    let mut lookup = Vec::new();
    for c in LOOKUP_TEXT.chars() {
        lookup.extend(after_keys(
            &mut term,
            &sink,
            &mut ui,
            cx,
            &c.to_string(),
            1,
        )?);
    }
    lookup.sort_unstable();
    crate::screen::expect(&mut ui, cx, LOOKUP_TEXT, "typing into the lookup box")?;
    Ok(json!({
        "first_frame": first_frame,
        "dashboard_key_down": summary(&dashboard_down),
        "open_case_list": open_case_list,
        "case_list_key_down": summary(&case_list_down),
        "open_case": open_case,
        "case_detail_key_tab": summary(&case_detail_tab),
        "form_field_keystroke": summary(&form),
        "form_field_text": FORM_TEXT,
        "lookup_keystroke": summary(&lookup),
        "lookup_text": LOOKUP_TEXT,
    }))
}
