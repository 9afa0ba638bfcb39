//! The user's config file (`$XDG_CONFIG_HOME/brief/config.toml`): theme
//! preset and colour overrides, key remaps, and defaults for the reader.
//! Mistakes get the same located diagnostics as briefings; a config with
//! errors is ignored as a whole (with the diagnostics on stderr), never fatal.

use crate::app::action::{Action, NAMED};
use crate::app::keymap::Keymap;
use crate::cli::ColorChoice;
use crate::doc::Theme;
use crate::model::diagnostic::{Diagnostic, Report};
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::suggest::did_you_mean;
use ratatui::style::Color;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Named starting points for the colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Preset {
    #[default]
    Default,
    Light,
    HighContrast,
    Mono,
}

pub const PRESETS: &[(&str, Preset)] = &[
    ("default", Preset::Default),
    ("light", Preset::Light),
    ("high-contrast", Preset::HighContrast),
    ("mono", Preset::Mono),
];

/// Colour roles a config may override.
pub const ROLES: &[&str] = &[
    "accent",
    "muted",
    "heading",
    "title",
    "link",
    "key",
    "quote",
    "speaker",
    "warning",
    "error",
    "highlight",
    "severity_low",
    "severity_medium",
    "severity_high",
    "severity_critical",
];

/// Everything the config can set, with its defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub preset: Preset,
    /// (role, colour) overrides, in file order.
    pub colors: Vec<(String, Color)>,
    /// (side name, colour) overrides for parties.
    pub sides: Vec<(String, Color)>,
    pub keymap: Keymap,
    pub library: Option<PathBuf>,
    pub mouse: bool,
    pub ascii: bool,
    pub color: ColorChoice,
    pub state: bool,
    /// Prose is never wider than this (centred in wider panes).
    pub reading_width: u16,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            preset: Preset::Default,
            colors: Vec::new(),
            sides: Vec::new(),
            keymap: Keymap::default(),
            library: None,
            mouse: true,
            ascii: false,
            color: ColorChoice::Auto,
            state: true,
            reading_width: 100,
        }
    }
}

impl Config {
    /// The theme this config asks for; `colour` false (NO_COLOR, `--color
    /// never`) always gives the monochrome theme.
    pub fn theme(&self, colour: bool, ascii: bool) -> Theme {
        let mut t = match (colour, self.preset) {
            (false, _) | (_, Preset::Mono) => return Theme::mono(ascii),
            (true, Preset::Default) => Theme::colour(ascii),
            (true, Preset::Light) => Theme::light(ascii),
            (true, Preset::HighContrast) => Theme::high_contrast(ascii),
        };
        for (role, c) in &self.colors {
            t.set_role(role, *c);
        }
        t.sides = self
            .sides
            .iter()
            .map(|(s, c)| (s.to_lowercase(), *c))
            .collect();
        t
    }
}

/// The commented default config (`brief config --default`).
pub const DEFAULT_TOML: &str = include_str!("config_default.toml");

/// `$XDG_CONFIG_HOME/brief/config.toml` (or the platform's config directory).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    Some(
        etcetera::choose_base_strategy()
            .ok()?
            .config_dir()
            .join("brief")
            .join("config.toml"),
    )
}

/// Reads a config file. A missing file is the defaults (unless `required`,
/// i.e. named with `--config`).
pub fn load(path: &Path, required: bool) -> Result<Config, Box<Report>> {
    let label = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&label, &text).map_err(Box::new),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Config::default()),
        Err(e) => Err(Box::new(Report::single(
            &label,
            Diagnostic::error("io", format!("cannot read the config: {e}"), None),
        ))),
    }
}

/// Parses config text; every problem found is reported, not just the first.
pub fn parse(label: &str, text: &str) -> Result<Config, Report> {
    let mut p = Parser {
        config: Config::default(),
        diags: Vec::new(),
        remapped: Vec::new(),
    };
    match DeTable::parse(text) {
        Ok(root) => p.root(root.get_ref()),
        Err(e) => p.diags.push(Diagnostic::error(
            "toml-syntax",
            clean(e.message()),
            e.span(),
        )),
    }
    p.check_conflicts();
    if p.diags.is_empty() {
        return Ok(p.config);
    }
    let mut report = Report {
        path: label.to_string(),
        text: text.to_string(),
        diagnostics: p.diags,
    };
    report.sort();
    Err(report)
}

type Value<'a> = Spanned<DeValue<'a>>;

struct Parser {
    config: Config,
    diags: Vec<Diagnostic>,
    /// Actions the file rebinds, with the span of their keys.
    remapped: Vec<(Action, Range<usize>)>,
}

impl Parser {
    fn error(
        &mut self,
        code: &'static str,
        message: String,
        span: Range<usize>,
        help: Option<String>,
    ) {
        let d = Diagnostic::error(code, message, Some(span));
        self.diags.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    fn unknown(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, allowed: &[&str], what: &str) {
        let help = did_you_mean(key.get_ref(), allowed.iter().copied())
            .or_else(|| Some(format!("{what} takes: {}", allowed.join(", "))));
        self.error(
            "unknown-key",
            format!("unknown key `{}` in {what}", clean(key.get_ref())),
            key.span(),
            help,
        );
    }

    fn table<'a, 'i>(&mut self, v: &'a Value<'i>, what: &str) -> Option<&'a DeTable<'i>> {
        let t = v.get_ref().as_table();
        if t.is_none() {
            self.error(
                "wrong-type",
                format!("{what} must be a table"),
                v.span(),
                None,
            );
        }
        t
    }

    fn root(&mut self, root: &DeTable<'_>) {
        for (k, v) in root {
            match k.get_ref().as_ref() {
                "theme" => self.theme(v),
                "keys" => self.keys(v),
                "defaults" => self.defaults(v),
                _ => self.unknown(k, &["theme", "keys", "defaults"], "the config"),
            }
        }
    }

    fn string<'a>(&mut self, v: &'a Value<'_>, what: &str) -> Option<&'a str> {
        let s = v.get_ref().as_str();
        if s.is_none() {
            self.error(
                "wrong-type",
                format!("{what} must be a string, found {}", v.get_ref().type_str()),
                v.span(),
                None,
            );
        }
        s
    }

    fn bool(&mut self, v: &Value<'_>, what: &str) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            self.error(
                "wrong-type",
                format!(
                    "{what} must be true or false, found {}",
                    v.get_ref().type_str()
                ),
                v.span(),
                None,
            );
        }
        b
    }

    fn colour(&mut self, v: &Value<'_>, what: &str) -> Option<Color> {
        let text = self.string(v, what)?;
        let colour = Color::from_str(text).ok();
        if colour.is_none() {
            let help =
                "a name (red, lightblue, darkgray, ...), an index 0-255, or #rrggbb".to_string();
            self.error(
                "bad-colour",
                format!("`{}` is not a colour", clean(text)),
                v.span(),
                Some(help),
            );
        }
        colour
    }
}

mod sections;

#[cfg(test)]
mod tests;
