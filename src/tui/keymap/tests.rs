use super::*;

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

#[test]
fn help_lists_each_action_once_with_all_its_keys() {
    let lines = help_lines(CaseList, Lang::En);
    let back: Vec<_> = lines.iter().filter(|(_, d)| *d == "back").collect();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].0, "Esc q");
    assert!(lines.iter().any(|(k, d)| k == "? F1" && *d == "help"));
}
