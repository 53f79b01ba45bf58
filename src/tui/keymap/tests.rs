use super::*;
use Context::{CaseList, Dashboard};
use KeyCode::{Char, Down, F};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn screen_bindings_win_over_global_ones() {
    assert_eq!(resolve(Dashboard, &key(Char('q'))), Some(Action::Quit));
    assert_eq!(resolve(CaseList, &key(Char('q'))), Some(Action::Back));
    assert_eq!(resolve(CaseList, &key(Down)), Some(Action::Down));
    assert_eq!(
        resolve(Dashboard, &KeyEvent::new(Char('?'), KeyModifiers::SHIFT)),
        Some(Action::Help)
    );
    assert_eq!(resolve(Dashboard, &key(Char('z'))), None);
}

#[test]
fn every_context_with_keys_is_in_the_readme_list() {
    for b in KEYMAP {
        assert!(Context::ALL.contains(&b.context), "{:?}", b.context);
    }
}

#[test]
fn every_function_key_has_a_letter_alternative() {
    for fkey in KEYMAP.iter().filter(|b| matches!(b.code, F(_))) {
        let letter = KEYMAP.iter().any(|o| {
            o.action == fkey.action
                && (o.context == fkey.context || o.context == Global)
                && matches!(o.code, Char(_))
        });
        assert!(letter, "{} has no letter alternative", fkey.key);
    }
}

/// Under a form, ↑/↓ are the previous/next field: the help lists them there, and the
/// global "up"/"down" with only the keys still theirs (k, j).
#[test]
fn help_leaves_out_global_keys_the_screen_binds_otherwise() {
    let lines = help_lines(Context::EntryForm, Lang::En);
    let said = |d: &str| lines.iter().find(|(_, w)| *w == d).map(|(k, _)| k.as_str());
    assert_eq!(said("next field"), Some("Tab ↓"));
    assert_eq!(said("down"), Some("j"));
    assert_eq!(said("up"), Some("k"));
    // Where nothing shadows them, the global keys stay listed whole.
    let lines = help_lines(CaseList, Lang::En);
    assert!(
        lines.iter().any(|(k, d)| k == "↓ j" && *d == "down"),
        "{lines:?}"
    );
}

#[test]
fn help_lists_each_action_once_with_all_its_keys() {
    let lines = help_lines(CaseList, Lang::En);
    let back: Vec<_> = lines.iter().filter(|(_, d)| *d == "back").collect();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].0, "Esc q");
    assert!(lines.iter().any(|(k, d)| k == "? F1" && *d == "help"));
}

/// One action, one meaning (issue 14: `Edit` was a new reading on the visit screen, the
/// assistance given on the feedback screen, the audit filter and a standard's new value).
/// An action bound with different descriptions must be one of these moves, each worded
/// for its screen ("next department" is the feedback screen's next tab); any other action
/// has one English description wherever it is bound.
#[test]
fn an_action_means_one_thing() {
    const WORDED_PER_SCREEN: &[Action] = &[
        Action::Open,
        Action::Back,
        Action::NextTab,
        Action::PrevTab,
        Action::NextField,
        Action::Up,
        Action::PageUp,
        Action::PageDown,
        Action::Yes,
        Action::No,
        Action::Export,
        Action::AddRow,
        Action::DeleteRow,
        Action::FilterTown,
    ];
    let mut wordings: std::collections::HashMap<Action, std::collections::BTreeSet<&str>> =
        Default::default();
    for b in KEYMAP {
        wordings.entry(b.action).or_default().insert(b.en);
    }
    let overloaded: Vec<String> = wordings
        .iter()
        .filter(|(a, w)| w.len() > 1 && !WORDED_PER_SCREEN.contains(a))
        .map(|(a, w)| format!("{a:?}: {w:?}"))
        .collect();
    assert!(overloaded.is_empty(), "{overloaded:?}");
}
