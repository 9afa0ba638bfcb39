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

/// Whether to emit hyperlinks on this terminal: not on the Linux console,
/// dumb terminals or GNU screen (which print the sequence), and never when
/// `BRIEF_HYPERLINKS=0`.
pub fn supported(var: impl Fn(&str) -> Option<String>) -> bool {
    if var("BRIEF_HYPERLINKS").is_some_and(|v| v == "0") {
        return false;
    }
    let term = var("TERM").unwrap_or_default();
    let screen = term.starts_with("screen") && var("TMUX").is_none();
    !(term.is_empty() || term == "dumb" || term == "linux" || screen)
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
    fn detection_skips_terminals_that_print_the_sequence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert!(supported(env(&[("TERM", "xterm-256color")])));
        assert!(supported(env(&[
            ("TERM", "screen-256color"),
            ("TMUX", "/tmp/t")
        ])));
        assert!(!supported(env(&[("TERM", "screen")])));
        assert!(!supported(env(&[("TERM", "linux")])));
        assert!(!supported(env(&[
            ("TERM", "xterm"),
            ("BRIEF_HYPERLINKS", "0")
        ])));
    }
}
