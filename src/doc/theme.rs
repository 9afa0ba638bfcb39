//! Roles -> styles, and the glyphs the UI draws with: colour, monochrome and ASCII variants.
//!
//! Colours are the 16 ANSI ones so the user's terminal palette decides how they
//! look on dark and light backgrounds. The monochrome theme (NO_COLOR,
//! `--color never`) is built from bold, reverse, underline and dim only; it is
//! handled here rather than by crossterm, whose own NO_COLOR handling resets
//! attributes.

use crate::model::{SectionKind, Severity};
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// Glyphs that have an ASCII fallback for non-UTF-8 locales.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub crumb: &'static str,
    pub bullet: &'static str,
    pub rule: &'static str,
    pub column: &'static str,
    pub quote_bar: &'static str,
    pub ellipsis: &'static str,
    pub unread: &'static str,
    /// Between a name and what follows (` — `).
    pub dash: &'static str,
    /// Between list items on one line (` · `).
    pub dot: &'static str,
    pub open_quote: &'static str,
    pub close_quote: &'static str,
    /// Marks the selected link.
    pub pointer: &'static str,
    pub border: border::Set<'static>,
}

const UNICODE: Glyphs = Glyphs {
    crumb: " › ",
    bullet: "•",
    rule: "─",
    column: "│",
    quote_bar: "┃",
    ellipsis: "…",
    unread: "●",
    dash: " — ",
    dot: " · ",
    open_quote: "“",
    close_quote: "”",
    pointer: "▸ ",
    border: border::ROUNDED,
};

const ASCII: Glyphs = Glyphs {
    crumb: " > ",
    bullet: "*",
    rule: "-",
    column: "|",
    quote_bar: "|",
    ellipsis: "...",
    unread: "*",
    dash: " - ",
    dot: " | ",
    open_quote: "\"",
    close_quote: "\"",
    pointer: "> ",
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
};

/// Every style the views use, by role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub colour: bool,
    pub glyphs: Glyphs,
    pub text: Style,
    pub title: Style,
    pub heading: Style,
    pub muted: Style,
    pub accent: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub quote: Style,
    pub speaker: Style,
    pub link: Style,
    pub bar: Style,
    pub key: Style,
    pub error: Style,
    pub warning: Style,
    /// Search matches.
    pub highlight: Style,
    /// Severity colours: low, medium, high, critical.
    pub severity: [Color; 4],
    /// Config overrides of party colours, by side name (lowercase).
    pub sides: Vec<(String, Color)>,
}

impl Theme {
    /// The colour theme (16 ANSI colours).
    pub fn colour(ascii: bool) -> Self {
        Self {
            colour: true,
            glyphs: if ascii { ASCII } else { UNICODE },
            text: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            muted: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(Color::Cyan),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            speaker: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            bar: Style::new().add_modifier(Modifier::REVERSED),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            warning: Style::new().fg(Color::Yellow),
            highlight: Style::new().fg(Color::Black).bg(Color::Yellow),
            severity: [Color::Green, Color::Yellow, Color::Red, Color::Red],
            sides: Vec::new(),
        }
    }

    /// The monochrome theme: attributes only, never a colour.
    pub fn mono(ascii: bool) -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            colour: false,
            glyphs: if ascii { ASCII } else { UNICODE },
            text: Style::new(),
            title: bold,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            muted: Style::new().add_modifier(Modifier::DIM),
            accent: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            speaker: bold,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            bar: Style::new().add_modifier(Modifier::REVERSED),
            key: bold,
            error: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            warning: bold,
            highlight: Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            severity: [Color::Reset; 4],
            sides: Vec::new(),
        }
    }

    pub fn kind_badge(&self, kind: &SectionKind) -> (String, Style) {
        let (label, colour) = match kind {
            SectionKind::Talks => ("TALKS", Color::Blue),
            SectionKind::Positions => ("POSITIONS", Color::Magenta),
            SectionKind::Pressure => ("PRESSURE", Color::Red),
            SectionKind::Concerns => ("CONCERNS", Color::Yellow),
            SectionKind::Context => ("CONTEXT", Color::Green),
            SectionKind::Custom(_) => ("", Color::Gray),
        };
        let label = match kind {
            SectionKind::Custom(s) => crate::model::sanitize::sanitize_inline(s).to_uppercase(),
            _ => label.to_string(),
        };
        (label, self.paint(colour, Modifier::BOLD))
    }

    pub fn severity_badge(&self, severity: Severity) -> (&'static str, Style) {
        match severity {
            Severity::Low => ("LOW", self.paint(self.severity[0], Modifier::empty())),
            Severity::Medium => ("MED", self.paint(self.severity[1], Modifier::empty())),
            Severity::High => ("HIGH", self.paint(self.severity[2], Modifier::BOLD)),
            Severity::Critical => (
                "CRIT",
                if self.colour {
                    Style::new()
                        .fg(Color::White)
                        .bg(self.severity[3])
                        .add_modifier(Modifier::BOLD)
                } else {
                    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
                },
            ),
        }
    }

    /// A stable colour per side, so each party keeps its colour everywhere.
    pub fn side(&self, side: Option<&str>) -> Style {
        let Some(side) = side else { return self.muted };
        let lower = side.to_lowercase();
        if let Some((_, colour)) = self.sides.iter().find(|(name, _)| *name == lower) {
            return self.paint(*colour, Modifier::empty());
        }
        let colour = match lower.as_str() {
            "russia" => Color::Red,
            "ukraine" => Color::Yellow,
            "united states" | "us" | "usa" => Color::Blue,
            "europe" | "eu" => Color::Cyan,
            other => {
                const ROTATION: [Color; 4] = [
                    Color::Green,
                    Color::Magenta,
                    Color::LightBlue,
                    Color::LightRed,
                ];
                let hash = other
                    .bytes()
                    .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
                ROTATION[hash % ROTATION.len()]
            }
        };
        self.paint(colour, Modifier::empty())
    }

    fn paint(&self, colour: Color, modifier: Modifier) -> Style {
        if self.colour {
            Style::new().fg(colour).add_modifier(modifier)
        } else {
            Style::new().add_modifier(modifier | Modifier::BOLD)
        }
    }
}

impl Theme {
    /// Dark text on light backgrounds: no light greys or yellows for text.
    pub fn light(ascii: bool) -> Self {
        let mut t = Self::colour(ascii);
        t.muted = Style::new().fg(Color::Gray);
        t.heading = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
        t.accent = Style::new().fg(Color::Blue);
        t.key = Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD);
        t.speaker = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
        t.warning = Style::new().fg(Color::Red);
        t.severity[1] = Color::Magenta;
        t
    }

    /// Bold, saturated, nothing dim.
    pub fn high_contrast(ascii: bool) -> Self {
        let mut t = Self::colour(ascii);
        t.muted = Style::new();
        t.text = Style::new().add_modifier(Modifier::BOLD);
        t.heading = Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        t.accent = Style::new()
            .fg(Color::LightCyan)
            .add_modifier(Modifier::BOLD);
        t.link = Style::new()
            .fg(Color::LightBlue)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        t.severity = [
            Color::LightGreen,
            Color::LightYellow,
            Color::LightRed,
            Color::LightRed,
        ];
        t
    }

    /// Sets one colour role (a config's `[colors]` entry).
    pub fn set_role(&mut self, role: &str, c: Color) {
        match role {
            "accent" => self.accent = self.accent.fg(c),
            "muted" => self.muted = self.muted.fg(c),
            "heading" => self.heading = self.heading.fg(c),
            "title" => self.title = self.title.fg(c),
            "link" => self.link = self.link.fg(c),
            "key" => self.key = self.key.fg(c),
            "quote" => self.quote = self.quote.fg(c),
            "speaker" => self.speaker = self.speaker.fg(c),
            "warning" => self.warning = self.warning.fg(c),
            "error" => self.error = self.error.bg(c),
            "highlight" => self.highlight = self.highlight.bg(c),
            "severity_low" => self.severity[0] = c,
            "severity_medium" => self.severity[1] = c,
            "severity_high" => self.severity[2] = c,
            "severity_critical" => self.severity[3] = c,
            _ => {}
        }
    }
}

/// True when the locale says the terminal speaks UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|name| var(name))
        .find(|v| !v.is_empty());
    locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::model::fixture::env;

    #[test]
    fn locale_detection_follows_posix_precedence() {
        assert!(locale_is_utf8(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(locale_is_utf8(env(&[("LANG", "C.utf8")])));
        assert!(!locale_is_utf8(env(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[])));
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_US.UTF-8")
        ])));
        assert!(locale_is_utf8(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "de_DE.UTF-8")
        ])));
    }

    #[test]
    fn mono_theme_has_no_colour() {
        let t = Theme::mono(false);
        for s in [
            t.text, t.title, t.heading, t.muted, t.accent, t.selected, t.speaker, t.link, t.error,
        ] {
            assert!(s.fg.is_none() && s.bg.is_none(), "{s:?}");
        }
        for sev in [
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ] {
            let s = t.severity_badge(sev).1;
            assert!(s.fg.is_none() && s.bg.is_none());
        }
        assert!(t.side(Some("Russia")).fg.is_none());
    }
}
