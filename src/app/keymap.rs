//! Key bindings: the default table, remappable by the config file into a
//! [`Keymap`], from which key handling, the help overlay and the status-line
//! hints are all derived, so they cannot drift.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::borrow::Cow;

/// A key as the user presses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn named(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

/// One row of the table: the keys that trigger an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    pub keys: Cow<'static, [Key]>,
    /// How help shows the keys when listing them one by one would be noise.
    pub label: Option<&'static str>,
}

const fn bind(action: Action, keys: &'static [Key]) -> Binding {
    Binding {
        action,
        keys: Cow::Borrowed(keys),
        label: None,
    }
}

/// The table. Order is the order of the help screen.
pub const BINDINGS: &[Binding] = &[
    bind(Action::Down, &[k('j'), named(KeyCode::Down)]),
    bind(Action::Up, &[k('k'), named(KeyCode::Up)]),
    bind(Action::Top, &[k('g'), named(KeyCode::Home)]),
    bind(Action::Bottom, &[k('G'), named(KeyCode::End)]),
    bind(Action::PageDown, &[named(KeyCode::PageDown), k(' ')]),
    bind(Action::PageUp, &[named(KeyCode::PageUp)]),
    bind(Action::HalfPageDown, &[ctrl('d')]),
    bind(Action::HalfPageUp, &[ctrl('u')]),
    bind(
        Action::Open,
        &[k('l'), named(KeyCode::Right), named(KeyCode::Enter)],
    ),
    bind(
        Action::Back,
        &[
            k('h'),
            named(KeyCode::Left),
            named(KeyCode::Esc),
            named(KeyCode::Backspace),
        ],
    ),
    bind(Action::NextItem, &[k(']')]),
    bind(Action::PrevItem, &[k('[')]),
    bind(Action::NextLink, &[named(KeyCode::Tab)]),
    bind(Action::PrevLink, &[named(KeyCode::BackTab)]),
    Binding {
        action: Action::JumpSection(1),
        keys: Cow::Borrowed(&[
            k('1'),
            k('2'),
            k('3'),
            k('4'),
            k('5'),
            k('6'),
            k('7'),
            k('8'),
            k('9'),
        ]),
        label: Some("1-9"),
    },
    bind(Action::ActorIndex, &[k('a')]),
    bind(Action::ToggleRead, &[k('u')]),
    bind(Action::Search, &[k('/')]),
    bind(Action::Palette, &[k(':'), ctrl('p')]),
    bind(Action::SearchNext, &[k('n')]),
    bind(Action::SearchPrev, &[k('N')]),
    bind(Action::ToggleMatrix, &[k('m')]),
    bind(Action::Copy, &[k('y')]),
    bind(Action::CopyAll, &[k('Y')]),
    bind(Action::OpenLink, &[k('o')]),
    bind(Action::Reload, &[k('r')]),
    bind(Action::ShowErrors, &[k('e')]),
    bind(Action::ToggleHelp, &[k('?')]),
    bind(Action::Suspend, &[ctrl('z')]),
    bind(Action::Quit, &[k('q'), ctrl('c')]),
];

/// The bindings in force: the defaults, with any remaps from the config.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: BINDINGS.to_vec(),
        }
    }
}

impl Keymap {
    /// The action for a key event, if any. Only presses count: release and
    /// repeat events (sent by terminals with the kitty protocol) are ignored.
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        if event.kind != KeyEventKind::Press {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Terminals disagree on whether Shift-g arrives as 'G' or shift+'g'.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            other => other,
        };
        let key = Key { code, ctrl };
        let binding = self.bindings.iter().find(|b| b.keys.contains(&key))?;
        Some(match (binding.action, code) {
            (Action::JumpSection(_), KeyCode::Char(c)) => {
                Action::JumpSection(c.to_digit(10).unwrap_or(1) as u8)
            }
            (action, _) => action,
        })
    }

    /// Binds `action` to exactly `keys` (replacing its defaults).
    pub fn remap(&mut self, action: Action, keys: Vec<Key>) {
        if let Some(b) = self.bindings.iter_mut().find(|b| b.action == action) {
            b.keys = Cow::Owned(keys);
            b.label = None;
        }
    }

    /// A key bound to two actions, if any: (key, first action, second action).
    pub fn conflict(&self) -> Option<(Key, Action, Action)> {
        for (i, a) in self.bindings.iter().enumerate() {
            for b in &self.bindings[i + 1..] {
                if let Some(key) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    return Some((*key, a.action, b.action));
                }
            }
        }
        None
    }

    /// The first key bound to an action (for status-line hints).
    pub fn first_key(&self, action: Action) -> Option<String> {
        let same =
            |b: &&Binding| std::mem::discriminant(&b.action) == std::mem::discriminant(&action);
        let binding = self.bindings.iter().find(same)?;
        match binding.label {
            Some(label) => Some(label.to_string()),
            None => binding.keys.first().map(|&k| key_name(k)),
        }
    }
}

/// The action for a key with the default bindings.
pub fn action_for(event: KeyEvent) -> Option<Action> {
    Keymap::default().action_for(event)
}

/// Keys while a prompt is open: most keys type; these do something else.
pub const PROMPT_BINDINGS: &[Binding] = &[
    bind(Action::InputSubmit, &[named(KeyCode::Enter)]),
    bind(Action::InputCancel, &[named(KeyCode::Esc)]),
    bind(Action::InputBackspace, &[named(KeyCode::Backspace)]),
    bind(Action::Down, &[named(KeyCode::Down), ctrl('n')]),
    bind(Action::Up, &[named(KeyCode::Up), ctrl('p')]),
    bind(Action::PageDown, &[named(KeyCode::PageDown)]),
    bind(Action::PageUp, &[named(KeyCode::PageUp)]),
    bind(Action::Quit, &[ctrl('c')]),
];

/// The action for a key while a prompt is open: the prompt table, else a
/// printable character is typed.
pub fn prompt_action_for(event: KeyEvent) -> Option<Action> {
    if event.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let key = Key {
        code: event.code,
        ctrl,
    };
    if let Some(b) = PROMPT_BINDINGS.iter().find(|b| b.keys.contains(&key)) {
        return Some(b.action);
    }
    match event.code {
        KeyCode::Char(c) if !ctrl && !c.is_control() => Some(Action::Input(c)),
        _ => None,
    }
}

/// A key as a config file writes it: `q`, `G`, `ctrl-c`, `down`, `pgdn`,
/// `enter`, `esc`, `space`, `tab`, `shift-tab`, `home`, `end`, `backspace`.
pub fn parse_key(text: &str) -> Option<Key> {
    let lower = text.to_ascii_lowercase();
    let (ctrl, rest) = match lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("c-"))
    {
        Some(rest) => (true, rest),
        None => (false, lower.as_str()),
    };
    let code = match rest {
        "down" => KeyCode::Down,
        "up" => KeyCode::Up,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "pgup" | "pageup" => KeyCode::PageUp,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "backspace" => KeyCode::Backspace,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        _ => {
            // A single character keeps its case: `G` is not `g`.
            let original = if ctrl {
                &text[text.len() - rest.len()..]
            } else {
                text
            };
            let mut chars = original.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => {
                    KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                }
                _ => return None,
            }
        }
    };
    Some(Key { code, ctrl })
}

/// How a key is written in help and hints.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "Down".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    };
    if key.ctrl {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// All keys of a binding, as help lists them: `j, Down`.
pub fn keys_label(binding: &Binding) -> String {
    match binding.label {
        Some(label) => label.to_string(),
        None => binding
            .keys
            .iter()
            .map(|k| key_name(*k))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The first key bound to an action by default.
pub fn first_key(action: Action) -> Option<String> {
    Keymap::default().first_key(action)
}

/// The key table as Markdown, for the README (a test keeps them equal).
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action |\n|---|---|\n");
    for b in BINDINGS.iter().chain(PROMPT_BINDINGS.iter()) {
        let keys = keys_label(b).replace('|', "\\|");
        out.push_str(&format!("| `{keys}` | {} |\n", b.action.description()));
    }
    out
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn hints_come_from_the_table() {
        assert_eq!(first_key(Action::ToggleHelp).as_deref(), Some("?"));
        assert_eq!(first_key(Action::JumpSection(3)).as_deref(), Some("1-9"));
    }
}
