//! The keymap is data: every binding has a context and a description in both languages.
//! The footer and the help overlay are generated from this table, so they cannot drift.
//! Every function key has a letter alternative for terminals that send no F-keys.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::lang::Lang;

/// Where a binding applies. `Global` bindings apply on every screen after the screen's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Dashboard,
    CaseList,
    CaseDetail,
    Lookup,
    Drilldown,
    Standards,
    Intake,
    Drafts,
    StepForm,
    /// The investigation step: the visit page and the legal obligors' page (issue 17).
    Investigation,
    Audit,
    // Referrals (issue 7).
    Referrals,
    Feedback,
    Ledger,
    // Dynamic monitoring (issue 8).
    Alerts,
    Roster,
    Visit,
    // Periodic re-checks (issue 18).
    RecheckQueue,
    Recheck,
    SpotChecks,
    StaffRegister,
    // Public notice and written notices (issue 18).
    NoticeList,
    Letter,
    // Review-meeting mode (issue 5).
    MeetingStart,
    MeetingCard,
    MeetingMinute,
    /// A prompt's yes/no question (no global keys under it).
    Prompt,
    /// A prompt with fields (a reason, a choice).
    PromptForm,
    /// One value or line being typed on a list screen (a standard's value, a reason):
    /// Enter saves it, Esc drops it.
    ValueEntry,
    /// A form that saves from any field (a monitoring reading, an exit, a re-check's
    /// outcome, a department's assistance).
    EntryForm,
    /// The audit trail's filter being typed (user, case, date).
    AuditFilter,
    /// The sign-in form (and the first administrator's), before a session: no global keys.
    SignIn,
}

impl Context {
    /// Every context, in the order the README's key table lists them.
    pub const ALL: &'static [Context] = &[
        Context::Global,
        Context::Dashboard,
        Context::CaseList,
        Context::CaseDetail,
        Context::Lookup,
        Context::Drilldown,
        Context::Standards,
        Context::Audit,
        Context::Intake,
        Context::Drafts,
        Context::StepForm,
        Context::Investigation,
        Context::Referrals,
        Context::Feedback,
        Context::Ledger,
        Context::Alerts,
        Context::Roster,
        Context::Visit,
        Context::RecheckQueue,
        Context::Recheck,
        Context::SpotChecks,
        Context::StaffRegister,
        Context::NoticeList,
        Context::Letter,
        Context::MeetingStart,
        Context::MeetingCard,
        Context::MeetingMinute,
        Context::Prompt,
        Context::PromptForm,
        Context::ValueEntry,
        Context::EntryForm,
        Context::AuditFilter,
        Context::SignIn,
    ];

    /// The screen's name in the README's key table.
    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "everywhere",
            Context::Dashboard => "home",
            Context::CaseList => "case list",
            Context::CaseDetail => "case detail",
            Context::Lookup => "lookup",
            Context::Drilldown => "drill-down",
            Context::Standards => "standards",
            Context::Intake => "wizard",
            Context::Drafts => "drafts",
            Context::StepForm => "step forms",
            Context::Investigation => "investigation",
            Context::Audit => "audit trail",
            Context::Referrals => "referrals",
            Context::Feedback => "feedback",
            Context::Ledger => "ledger",
            Context::Alerts => "alerts",
            Context::Roster => "roster",
            Context::Visit => "monitoring visit",
            Context::RecheckQueue => "re-check queue",
            Context::Recheck => "re-check",
            Context::SpotChecks => "spot checks",
            Context::StaffRegister => "relatives of staff",
            Context::NoticeList => "notice list",
            Context::Letter => "written notice",
            Context::MeetingStart => "meeting start",
            Context::MeetingCard => "review meeting",
            Context::MeetingMinute => "meeting minute",
            Context::Prompt => "question (y/n)",
            Context::PromptForm => "question with a field",
            Context::ValueEntry => "typing a value",
            Context::EntryForm => "entry form",
            Context::AuditFilter => "audit filter",
            Context::SignIn => "sign-in",
        }
    }
}

mod readme;
pub use readme::markdown_table;

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    /// The key as the footer and help show it.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    /// Shown in the footer (the first binding of each action per context only).
    pub hint: bool,
}

mod table;
pub use table::KEYMAP;
use Context::Global;

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    if binding.code != key.code {
        return false;
    }
    // Shift is implied by upper-case letters and symbols like '?'.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    mods == binding.mods
}

/// The action a key means on a screen: the screen's own bindings first, then global ones
/// (a prompt has no global keys under it: only its own answer it).
pub fn resolve(context: Context, key: &KeyEvent) -> Option<Action> {
    let global = with_global(context);
    KEYMAP
        .iter()
        .filter(|b| b.context == context)
        .chain(KEYMAP.iter().filter(|b| global && b.context == Global))
        .find(|b| matches(b, key))
        .map(|b| b.action)
}

/// Whether a context takes the global bindings too.
fn with_global(context: Context) -> bool {
    !matches!(
        context,
        Context::Prompt | Context::PromptForm | Context::SignIn
    )
}

/// The bindings the help overlay lists for a screen, one line per action.
pub fn help_lines(context: Context, lang: Lang) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    let mut seen: Vec<Action> = Vec::new();
    let contexts: &[Context] = if with_global(context) {
        &[context, Global]
    } else {
        &[context]
    };
    for &ctx in contexts {
        for b in KEYMAP.iter().filter(|b| b.context == ctx) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            // A global key the screen binds to something else is not listed under the
            // global action (a form's ↓ is the next field, not "down").
            let shadowed = |o: &Binding| {
                ctx != context
                    && KEYMAP
                        .iter()
                        .any(|s| s.context == context && s.code == o.code && s.mods == o.mods)
            };
            let keys: Vec<&str> = KEYMAP
                .iter()
                .filter(|o| o.context == ctx && o.action == b.action && !shadowed(o))
                .map(|o| o.key)
                .collect();
            if keys.is_empty() {
                continue;
            }
            out.push((keys.join(" "), lang.t(b.zh, b.en)));
        }
    }
    out
}

/// The footer hints of a screen.
pub fn hints(context: Context, lang: Lang) -> Vec<(&'static str, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| {
            b.hint && (b.context == context || (with_global(context) && b.context == Global))
        })
        .map(|b| (b.key, lang.t(b.zh, b.en)))
        .collect()
}

#[cfg(test)]
mod tests;
