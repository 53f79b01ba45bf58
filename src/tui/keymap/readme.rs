//! The README's table of keys, made from the keymap.

use super::{Action, Context, KEYMAP};

/// What the short label of an action leaves out, for the README only.
const README_NOTES: &[(Context, Action, &str)] = &[
    (
        Context::Dashboard,
        Action::Quit,
        "asks first (y/n); Esc never quits",
    ),
    (
        Context::Global,
        Action::SignOut,
        "back to the sign-in screen",
    ),
    (
        Context::Dashboard,
        Action::SignOut,
        "back to the sign-in screen",
    ),
    (Context::Prompt, Action::Discard, "when leaving the wizard"),
];

/// The README's key table (between its `keys:begin`/`keys:end` markers), one row per
/// action of each context, made from [`KEYMAP`]; `tests/readme_keys.rs` compares.
pub fn markdown_table() -> String {
    let mut out = String::from("| screen | keys | does |\n|---|---|---|\n");
    for &ctx in Context::ALL {
        let mut seen: Vec<Action> = Vec::new();
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<String> = KEYMAP
                .iter()
                .filter(|o| o.context == ctx && o.action == b.action)
                .map(|o| format!("`{}`", o.key.replace('|', "\\|")))
                .collect();
            let note = README_NOTES
                .iter()
                .find(|(c, a, _)| *c == ctx && *a == b.action)
                .map_or(String::new(), |(_, _, n)| format!(": {n}"));
            out.push_str(&format!(
                "| {} | {} | {}{note} ({}) |\n",
                ctx.name(),
                keys.join(" "),
                b.en,
                b.zh
            ));
        }
    }
    out
}
