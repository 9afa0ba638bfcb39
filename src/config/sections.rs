//! The config's three tables: `[theme]`, `[keys]` and `[defaults]`.

use super::{NAMED, PRESETS, Parser, ROLES, Value};
use crate::app::action::Action;
use crate::app::keymap::{ALWAYS_QUITS, Key, as_sent, key_name, parse_key};
use crate::cli::ColorChoice;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::suggest::did_you_mean;
use std::ops::Range;

/// An action as the config names it.
fn name(action: Action) -> &'static str {
    action.name().unwrap_or("jump_section")
}

impl Parser {
    pub(super) fn theme(&mut self, v: &Value<'_>) {
        let Some(table) = self.table(v, "[theme]") else {
            return;
        };
        for (k, v) in table {
            match k.get_ref().as_ref() {
                "preset" => self.preset(v),
                "colors" => {
                    let Some(colors) = self.table(v, "[theme.colors]") else {
                        continue;
                    };
                    for (role, c) in colors {
                        if !ROLES.contains(&role.get_ref().as_ref()) {
                            self.unknown(role, ROLES, "[theme.colors]");
                        } else if let Some(colour) = self.colour(c, "a colour") {
                            self.config
                                .colors
                                .push((role.get_ref().to_string(), colour));
                        }
                    }
                }
                "sides" => {
                    let Some(sides) = self.table(v, "[theme.sides]") else {
                        continue;
                    };
                    for (side, c) in sides {
                        if let Some(colour) = self.colour(c, "a side's colour") {
                            self.config.sides.push((side.get_ref().to_string(), colour));
                        }
                    }
                }
                _ => self.unknown(k, &["preset", "colors", "sides"], "[theme]"),
            }
        }
    }

    fn preset(&mut self, v: &Value<'_>) {
        let Some(name) = self.string(v, "preset") else {
            return;
        };
        match PRESETS.iter().find(|(n, _)| *n == name) {
            Some((_, preset)) => self.config.preset = *preset,
            None => {
                let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
                let help = did_you_mean(name, names.iter().copied())
                    .unwrap_or_else(|| format!("presets: {}", names.join(", ")));
                self.error(
                    "unknown-preset",
                    format!("unknown preset `{}`", clean(name)),
                    v.span(),
                    Some(help),
                );
            }
        }
    }

    pub(super) fn keys(&mut self, v: &Value<'_>) {
        let Some(table) = self.table(v, "[keys]") else {
            return;
        };
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        for (k, v) in table {
            let Some(action) = Action::by_name(k.get_ref()) else {
                self.unknown(k, &names, "[keys]");
                continue;
            };
            let texts: Vec<&Value<'_>> = match v.get_ref().as_array() {
                Some(items) => items.iter().collect(),
                None => vec![v],
            };
            let (keys, refused) = self.key_list(action, &texts);
            if keys.is_empty() {
                // Each refused key said why already.
                if !refused {
                    self.error(
                        "bad-key",
                        format!("`{}` needs at least one key", k.get_ref()),
                        v.span(),
                        None,
                    );
                }
                continue;
            }
            self.config.keymap.remap(action, keys);
            self.remapped.push((action, v.span()));
        }
    }

    /// The keys written for `action` that can be bound to it, and whether
    /// any was refused (each refusal is reported where it is written).
    fn key_list(&mut self, action: Action, texts: &[&Value<'_>]) -> (Vec<Key>, bool) {
        let mut keys = Vec::new();
        let mut refused = false;
        for t in texts {
            let Some(text) = self.string(t, "a key") else {
                refused = true;
                continue;
            };
            match parse_key(text) {
                Some(key) if self.key_usable(action, key, text, t.span()) => keys.push(key),
                Some(_) => refused = true,
                None => {
                    refused = true;
                    let help = "write keys like `q`, `G`, `ctrl-c`, `down`, `pgdn`, `enter`, `esc`, `space`";
                    let message = format!("`{}` is not a key", clean(text));
                    self.error("bad-key", message, t.span(), Some(help.into()));
                }
            }
        }
        (keys, refused)
    }

    /// Whether `key` can be bound to `action`: a key the terminal sends as
    /// another key (Ctrl-m is Enter) would never fire, and Ctrl-c belongs to
    /// quit. Says why at `span` when not.
    fn key_usable(&mut self, action: Action, key: Key, text: &str, span: Range<usize>) -> bool {
        let text = clean(text);
        let (code, message, help) = match as_sent(key) {
            Some(sent) if sent == key => {
                if key != ALWAYS_QUITS || action == Action::Quit {
                    return true;
                }
                (
                    "reserved-key",
                    format!(
                        "`{text}` always quits; it cannot be bound to `{}`",
                        name(action)
                    ),
                    "Ctrl-c quits whatever the config says: pick another key".to_string(),
                )
            }
            Some(sent) => (
                "indistinct-key",
                format!("`{text}` cannot be told apart from {}", key_name(sent)),
                format!(
                    "terminals send the same code for both: bind `{}` itself, or another key",
                    key_name(sent).to_lowercase()
                ),
            ),
            None => (
                "indistinct-key",
                format!("`{text}` is not a key terminals send"),
                "with ctrl, use a letter (`ctrl-x`) or `ctrl-space`".to_string(),
            ),
        };
        self.error(code, message, span, Some(help));
        false
    }

    pub(super) fn defaults(&mut self, v: &Value<'_>) {
        let Some(table) = self.table(v, "[defaults]") else {
            return;
        };
        const KEYS: &[&str] = &[
            "library",
            "mouse",
            "ascii",
            "color",
            "state",
            "reading_width",
        ];
        for (k, v) in table {
            match k.get_ref().as_ref() {
                "library" => self.config.library = self.string(v, "library").map(Into::into),
                "mouse" => self.config.mouse = self.bool(v, "mouse").unwrap_or(true),
                "ascii" => self.config.ascii = self.bool(v, "ascii").unwrap_or(false),
                "state" => self.config.state = self.bool(v, "state").unwrap_or(true),
                "color" => self.color_choice(v),
                "reading_width" => self.reading_width(v),
                _ => self.unknown(k, KEYS, "[defaults]"),
            }
        }
    }

    fn color_choice(&mut self, v: &Value<'_>) {
        let Some(text) = self.string(v, "color") else {
            return;
        };
        self.config.color = match text {
            "auto" => ColorChoice::Auto,
            "always" => ColorChoice::Always,
            "never" => ColorChoice::Never,
            other => {
                let help = did_you_mean(other, ["auto", "always", "never"])
                    .unwrap_or_else(|| "auto, always or never".into());
                self.error(
                    "bad-value",
                    format!("`{}` is not a colour mode", clean(other)),
                    v.span(),
                    Some(help),
                );
                return;
            }
        };
    }

    fn reading_width(&mut self, v: &Value<'_>) {
        let width = v
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match width {
            Some(w @ 20..=1000) => self.config.reading_width = w as u16,
            _ => self.error(
                "bad-value",
                "reading_width must be a whole number from 20 to 1000".into(),
                v.span(),
                None,
            ),
        }
    }

    /// One key bound to two actions: an error naming both.
    pub(super) fn check_conflicts(&mut self) {
        let Some((key, a, b)) = self.config.keymap.conflict() else {
            return;
        };
        let span = self
            .remapped
            .iter()
            .rev()
            .find(|(act, _)| *act == a || *act == b)
            .map(|(_, s)| s.clone());
        let message = format!(
            "`{}` is bound to both `{}` and `{}`",
            key_name(key),
            name(a),
            name(b)
        );
        let help = "bind each key to one action (rebind the other action too)".to_string();
        self.error("key-conflict", message, span.unwrap_or(0..0), Some(help));
    }
}
