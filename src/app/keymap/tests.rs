//! Key map tests: lookups, the prompt, keys as terminals send them, Ctrl-c,
//! and the tables of docs/keys.md.

use super::*;

fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

#[test]
fn no_key_is_bound_twice() {
    let all: Vec<Key> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter().copied())
        .collect();
    for (i, a) in all.iter().enumerate() {
        assert!(!all[i + 1..].contains(a), "{a:?} bound twice");
    }
}

#[test]
fn keys_map_to_actions() {
    assert_eq!(
        action_for(press(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Action::Down)
    );
    assert_eq!(
        action_for(press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Action::Quit)
    );
    assert_eq!(
        action_for(press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(
        action_for(press(KeyCode::Char('g'), KeyModifiers::SHIFT)),
        Some(Action::Bottom)
    );
    assert_eq!(
        action_for(press(KeyCode::Char('7'), KeyModifiers::NONE)),
        Some(Action::JumpSection(7))
    );
    assert_eq!(
        action_for(press(KeyCode::Char('x'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        action_for(press(KeyCode::Char('d'), KeyModifiers::NONE)),
        Some(Action::Dossier)
    );
    assert_eq!(
        action_for(press(KeyCode::Char('z'), KeyModifiers::NONE)),
        None
    );
}

#[test]
fn release_and_repeat_are_ignored() {
    let mut ev = press(KeyCode::Char('j'), KeyModifiers::NONE);
    ev.kind = KeyEventKind::Release;
    assert_eq!(action_for(ev), None);
    ev.kind = KeyEventKind::Repeat;
    assert_eq!(action_for(ev), None);
}

#[test]
fn prompt_keys_type_except_the_prompt_table() {
    let p = |c, m| prompt_action_for(press(c, m));
    assert_eq!(
        p(KeyCode::Char('q'), KeyModifiers::NONE),
        Some(Action::Input('q'))
    );
    assert_eq!(
        p(KeyCode::Char('Q'), KeyModifiers::SHIFT),
        Some(Action::Input('Q'))
    );
    assert_eq!(
        p(KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Action::Quit)
    );
    assert_eq!(
        p(KeyCode::Esc, KeyModifiers::NONE),
        Some(Action::InputCancel)
    );
    assert_eq!(
        p(KeyCode::Enter, KeyModifiers::NONE),
        Some(Action::InputSubmit)
    );
    assert_eq!(p(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
}

/// docs/keys.md's tables: each key once per table (the prompt's Enter,
/// Ctrl-c and Ctrl-p are not the reader's), every binding in one of them.
#[test]
fn each_markdown_table_lists_a_key_once() {
    let text = markdown_table();
    let tables: Vec<&str> = text.split("## ").skip(1).collect();
    assert_eq!(tables.len(), 2, "{text}");
    assert!(tables[0].starts_with("In the reader"), "{text}");
    assert!(tables[1].starts_with(PROMPT_HEADING), "{text}");
    let mut rows = 0;
    for table in tables {
        let mut seen = Vec::new();
        for row in table.lines().filter(|l| l.starts_with("| `")) {
            rows += 1;
            let keys = row[3..].split('`').next().unwrap_or_default();
            for key in keys.split(", ") {
                assert!(!seen.contains(&key), "{key} twice in one table:\n{table}");
                seen.push(key);
            }
        }
    }
    assert_eq!(rows, BINDINGS.len() + PROMPT_BINDINGS.len());
}

/// Keys a terminal cannot send as themselves arrive as the key they are
/// sent as, so Ctrl-h goes back (and deletes in a prompt) like Backspace.
#[test]
fn keys_arrive_as_the_terminal_sends_them() {
    assert_eq!(as_sent(ctrl('m')), Some(named(KeyCode::Enter)));
    assert_eq!(as_sent(ctrl('i')), Some(named(KeyCode::Tab)));
    assert_eq!(as_sent(ctrl('[')), Some(named(KeyCode::Esc)));
    assert_eq!(as_sent(ctrl('h')), Some(named(KeyCode::Backspace)));
    assert_eq!(as_sent(ctrl('\\')), Some(ctrl('4')));
    assert_eq!(as_sent(ctrl('1')), None);
    let ctrl_enter = Key {
        code: KeyCode::Enter,
        ctrl: true,
    };
    assert_eq!(as_sent(ctrl_enter), Some(named(KeyCode::Enter)));
    for key in [
        ctrl('c'),
        ctrl('q'),
        ctrl(' '),
        ctrl('4'),
        k('m'),
        named(KeyCode::Down),
    ] {
        assert_eq!(as_sent(key), Some(key), "{key:?}");
    }
    let ctrl_h = press(KeyCode::Char('h'), KeyModifiers::CONTROL);
    assert_eq!(action_for(ctrl_h), Some(Action::Back));
    assert_eq!(prompt_action_for(ctrl_h), Some(Action::InputBackspace));
}

/// Ctrl-c quits with any key map, even one that binds it elsewhere or
/// gives `quit` other keys.
#[test]
fn ctrl_c_always_quits() {
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let mut km = Keymap::default();
    km.remap(Action::Quit, vec![k('x')]);
    assert_eq!(km.action_for(ctrl_c), Some(Action::Quit));
    assert_eq!(keys_label(&km.bindings[km.bindings.len() - 1]), "x, Ctrl-c");
    let mut km = Keymap::default();
    km.bindings[0].keys = Cow::Owned(vec![ctrl('c')]);
    km.bindings.retain(|b| b.action != Action::Quit);
    assert_eq!(km.action_for(ctrl_c), Some(Action::Quit));
}

#[test]
fn hints_come_from_the_table() {
    assert_eq!(first_key(Action::ToggleHelp).as_deref(), Some("?"));
    assert_eq!(first_key(Action::JumpSection(3)).as_deref(), Some("1-9"));
}
