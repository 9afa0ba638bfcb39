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
    bind(Action::Timeline, &[k('t')]),
    bind(Action::Tags, &[k('#')]),
    bind(Action::FilterBy, &[k('f')]),
    bind(Action::FilterSeverity, &[k('!')]),
    bind(Action::ClearFilter, &[k('c')]),
    bind(Action::Dossier, &[k('d')]),
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
    /// Actions this session cannot do (Ctrl-z where there is no shell to
    /// go back to): still bound, so the key says why, but left out of help.
    unavailable: Vec<Action>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: BINDINGS.to_vec(),
            unavailable: Vec::new(),
        }
    }
}

impl Keymap {
    /// Leaves `action` out of help from now on (see `unavailable`).
    pub fn set_unavailable(&mut self, action: Action) {
        if !self.unavailable.contains(&action) {
            self.unavailable.push(action);
        }
    }

    /// The bindings help lists: those of actions this session can do.
    pub fn listed(&self) -> impl Iterator<Item = &Binding> {
        (self.bindings.iter()).filter(|b| !self.unavailable.contains(&b.action))
    }

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
        let key = as_sent(Key { code, ctrl }).unwrap_or(Key { code, ctrl });
        if key == ALWAYS_QUITS {
            return Some(Action::Quit);
        }
        let binding = self.bindings.iter().find(|b| b.keys.contains(&key))?;
        Some(match (binding.action, code) {
            (Action::JumpSection(_), KeyCode::Char(c)) => {
                Action::JumpSection(c.to_digit(10).unwrap_or(1) as u8)
            }
            (action, _) => action,
        })
    }

    /// Binds `action` to exactly `keys` (replacing its defaults); `quit`
    /// keeps Ctrl-c, which always quits.
    pub fn remap(&mut self, action: Action, mut keys: Vec<Key>) {
        if action == Action::Quit && !keys.contains(&ALWAYS_QUITS) {
            keys.push(ALWAYS_QUITS);
        }
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

/// Ctrl-c quits whatever the config says: a config can add quit keys but
/// never take this one away or give it to another action.
pub const ALWAYS_QUITS: Key = ctrl('c');

/// The key a terminal delivers when `key` is pressed (without the kitty
/// keyboard protocol, which the reader does not turn on): itself, another
/// key that sends the same code (`None`: no code of its own at all).
/// Ctrl-m is Enter (CR), Ctrl-i Tab (HT), Ctrl-[ Esc (ESC), Ctrl-h Backspace
/// (BS, which many terminals send for Backspace); Ctrl with Enter, Tab, Esc
/// or Backspace sends the key alone; Ctrl with a digit or symbol sends the
/// control code the crossterm parser reads as Ctrl-Space or Ctrl-4..7.
pub fn as_sent(key: Key) -> Option<Key> {
    if !key.ctrl {
        return Some(key);
    }
    Some(match key.code {
        KeyCode::Char('m') => named(KeyCode::Enter),
        KeyCode::Char('i') => named(KeyCode::Tab),
        KeyCode::Char('[' | '3') => named(KeyCode::Esc),
        KeyCode::Char('h' | '8') => named(KeyCode::Backspace),
        KeyCode::Char('@' | '2') => ctrl(' '),
        KeyCode::Char('\\') => ctrl('4'),
        KeyCode::Char(']') => ctrl('5'),
        KeyCode::Char('^') => ctrl('6'),
        KeyCode::Char('_' | '/') => ctrl('7'),
        KeyCode::Char('a'..='z' | ' ' | '4'..='7') => key,
        KeyCode::Char(_) => return None,
        code @ (KeyCode::Enter
        | KeyCode::Tab
        | KeyCode::Esc
        | KeyCode::Backspace
        | KeyCode::BackTab) => named(code),
        _ => key,
    })
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
    let key = as_sent(key).unwrap_or(key);
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

/// What the help overlay and docs/keys.md call the prompt's keys.
pub const PROMPT_HEADING: &str = "In the search prompt (other keys type)";

/// The key tables as Markdown, for docs/keys.md (a test keeps them equal): the
/// reader's keys, then the search prompt's under their own heading, so no
/// key is listed twice in one table.
pub fn markdown_table() -> String {
    let mut out = String::from("## In the reader\n\n");
    out.push_str(&markdown_rows(BINDINGS));
    out.push_str(&format!("\n## {PROMPT_HEADING}\n\n"));
    out.push_str(&markdown_rows(PROMPT_BINDINGS));
    out
}

fn markdown_rows(bindings: &[Binding]) -> String {
    let mut out = String::from("| keys | action |\n|---|---|\n");
    for b in bindings {
        let keys = keys_label(b).replace('|', "\\|");
        out.push_str(&format!("| `{keys}` | {} |\n", b.action.description()));
    }
    out
}

#[cfg(test)]
mod tests;
