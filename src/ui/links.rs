//! Terminal hyperlinks (OSC 8) for source URLs. ratatui has no notion of
//! them, so after a frame is drawn the run loop finds the cells that show a
//! URL (drawn in the link style) and re-sends just those cells wrapped in
//! OSC 8, and only when they changed. Only `http`, `https` and `mailto`
//! URLs made of printable ASCII are ever emitted.

use crate::model::Briefing;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

/// A run of cells on one row that shows (part of) a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRun {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub url: String,
}

/// True for a URL that may be offered as a link: a safe scheme, and nothing
/// but printable ASCII (so no escape can ride along inside it).
pub fn is_linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    scheme_ok && url.len() > 8 && url.bytes().all(|b| (0x21..=0x7e).contains(&b))
}

/// The briefing's linkable source URLs.
pub fn urls(b: &Briefing) -> Vec<String> {
    b.sources
        .iter()
        .filter_map(|s| s.url.clone())
        .filter(|u| is_linkable(u))
        .collect()
}

/// Runs of cells in `style` whose text is part of one of `urls`.
pub fn find(buf: &Buffer, style: Style, urls: &[String]) -> Vec<LinkRun> {
    if urls.is_empty() {
        return Vec::new();
    }
    let area = buf.area;
    let mut runs = Vec::new();
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            if !is_link_cell(buf, x, y, style) {
                x += 1;
                continue;
            }
            let start = x;
            let mut text = String::new();
            while x < area.right() && is_link_cell(buf, x, y, style) {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            let trimmed = text.trim_end();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(url) = urls.iter().find(|u| u.contains(trimmed)) {
                runs.push(LinkRun {
                    x: start,
                    y,
                    text: trimmed.to_string(),
                    url: url.clone(),
                });
            }
        }
    }
    runs
}

fn is_link_cell(buf: &Buffer, x: u16, y: u16, style: Style) -> bool {
    let cell = &buf[(x, y)];
    cell.fg == style.fg.unwrap_or(cell.fg)
        && cell.modifier == style.add_modifier
        && cell.symbol() != " "
}

/// Terminals known to render OSC 8, by the `TERM` they set (the name, or
/// the name and a `-suffix`): the xterm family (xterm-256color is what most
/// emulators, kitty and ghostty included, say), VTE (GNOME Terminal and
/// others), Konsole, and those with entries of their own. `screen*` is tmux's
/// default `TERM`: it counts only with `TMUX` set.
const RENDER_OSC8: &[&str] = &[
    "xterm",
    "tmux",
    "screen",
    "vte",
    "gnome",
    "konsole",
    "alacritty",
    "foot",
    "kitty",
    "wezterm",
    "contour",
    "ghostty",
    "mintty",
    "rio",
];

/// Whether to emit hyperlinks on this terminal: only where `TERM` names one
/// known to render them ([`RENDER_OSC8`]); never inside GNU screen (which
/// prints a long one); `BRIEF_HYPERLINKS=0` turns them off and `=1` on.
pub fn supported(var: impl Fn(&str) -> Option<String>) -> bool {
    match var("BRIEF_HYPERLINKS").as_deref() {
        Some("0") => return false,
        Some("1") => return true,
        _ => {}
    }
    if crate::clipboard::under_screen(&var) {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    RENDER_OSC8.iter().any(|name| {
        term.strip_prefix(name)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn only_safe_schemes_and_printable_ascii_are_linkable() {
        assert!(is_linkable("https://example.org/a?b=c"));
        assert!(is_linkable("mailto:desk@example.org"));
        assert!(!is_linkable("javascript:alert(1)"));
        assert!(!is_linkable("file:///etc/passwd"));
        assert!(!is_linkable("https://evil.example/\u{1b}]0;x\u{7}"));
        assert!(!is_linkable("https://exa mple.org"));
        assert!(!is_linkable("https://"));
    }

    #[test]
    fn finds_wrapped_url_segments_in_the_link_style() {
        let link = Style::new()
            .fg(Color::Blue)
            .add_modifier(Modifier::UNDERLINED);
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 3));
        buf.set_string(2, 0, "https://example.org/", link);
        buf.set_string(2, 1, "long/path", link);
        buf.set_string(2, 2, "https://not-a-source", Style::new());
        let urls = vec!["https://example.org/long/path".to_string()];
        let runs = find(&buf, link, &urls);
        assert_eq!(runs.len(), 2, "{runs:?}");
        assert_eq!(
            (runs[0].x, runs[0].y, runs[0].text.as_str()),
            (2, 0, "https://example.org/")
        );
        assert_eq!(runs[1].text, "long/path");
        assert!(runs.iter().all(|r| r.url == urls[0]));
    }

    #[test]
    fn only_terminals_known_to_render_them_get_hyperlinks() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        for term in [
            "xterm",
            "xterm-256color",
            "xterm-kitty",
            "xterm-ghostty",
            "tmux-256color",
            "alacritty",
            "foot-extra",
            "wezterm",
            "vte-256color",
        ] {
            assert!(supported(|k| (k == "TERM").then(|| term.into())), "{term}");
        }
        for term in [
            "",
            "vt100",
            "vt220",
            "vt52",
            "ansi",
            "dumb",
            "linux",
            "screen",
            "rxvt",
            "st-256color",
            "eterm-color",
            "sun",
            "cygwin",
            "xtermish",
            "footloose",
        ] {
            assert!(
                !supported(|k| (k == "TERM").then(|| term.into())),
                "{term:?}"
            );
        }
        // tmux (its default TERM is screen*), but not GNU screen itself,
        // whatever TERM its screenrc sets.
        assert!(supported(env(&[
            ("TERM", "screen-256color"),
            ("TMUX", "/tmp/t")
        ])));
        assert!(!supported(env(&[
            ("TERM", "xterm-256color"),
            ("STY", "1.pts-0.host")
        ])));
        assert!(!supported(env(&[
            ("TERM", "xterm"),
            ("BRIEF_HYPERLINKS", "0")
        ])));
        assert!(supported(env(&[
            ("TERM", "vt100"),
            ("BRIEF_HYPERLINKS", "1")
        ])));
    }
}
