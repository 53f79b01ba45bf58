//! What a screen shows, as text: to check that keys reached the screen they were meant
//! for before their figures are reported.

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

use safetynet::tui::{Cx, Ui};

/// The current screen drawn on a clean 80x24 buffer, wide characters counted once.
pub fn text(ui: &mut Ui, cx: &Cx) -> anyhow::Result<String> {
    let mut term = Terminal::new(TestBackend::new(80, 24))?;
    term.draw(|f| ui.draw(f, cx))?;
    let buffer = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut x = 0;
        while x < buffer.area.width {
            let sym = buffer[(x, y)].symbol();
            out.push_str(sym);
            x += sym.width().max(1) as u16;
        }
        out.push('\n');
    }
    Ok(out)
}

/// Fail unless the screen shows `wanted`.
pub fn expect(ui: &mut Ui, cx: &Cx, wanted: &str, what: &str) -> anyhow::Result<()> {
    let shown = text(ui, cx)?;
    anyhow::ensure!(
        shown.contains(wanted),
        "{what}: the screen does not show {wanted:?}:\n{shown}"
    );
    Ok(())
}
