//! Terminal hyperlinks (OSC 8) for source URLs. ratatui has no notion of
//! them, so the views record each screen row on which they draw a source's
//! URL, with that URL ([`DrawnUrls`]); after the frame is drawn the run loop
//! re-sends the link-style cells of those rows wrapped in OSC 8 to exactly
//! the URL recorded for the row, and only when they changed. A link is never
//! found by matching the text on screen against the briefing's URLs (a URL
//! that contains another would capture it). Only `http`, `https` and
//! `mailto` URLs made of printable ASCII are ever emitted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use std::cell::RefCell;
use std::ops::Range;

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

/// One screen row on which a source's URL was drawn: its link-style cells
/// from `x` up to `right` show (part of) `url`, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlRow {
    pub y: u16,
    pub x: u16,
    pub right: u16,
    pub url: String,
}

/// Which lines of a block of text (an item, a source's card) show which
/// source's URL, by line index; kept with the lines it describes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlLines(Vec<(usize, String)>);

impl UrlLines {
    /// Notes that `lines` (after any noted before) show `url`; a URL that is
    /// not linkable is never noted.
    pub fn add(&mut self, lines: Range<usize>, url: &str) {
        if is_linkable(url) {
            self.0.extend(lines.map(|i| (i, url.to_string())));
        }
    }

    /// Records, for lines drawn top-down in `area` with line `first` on its
    /// top row, the rows that show a URL. Only the lines on screen are
    /// visited (lines are noted in order), so a frame's cost does not grow
    /// with the length of the text.
    pub fn record(&self, first: usize, area: Rect, drawn: &DrawnUrls) {
        let shown = first..first.saturating_add(usize::from(area.height));
        let start = self.0.partition_point(|(l, _)| *l < first);
        let on_screen = self.0[start..]
            .iter()
            .take_while(|(l, _)| shown.contains(l));
        let mut rows = drawn.0.borrow_mut();
        for (line, url) in on_screen {
            rows.push(UrlRow {
                // `line - first` < `area.height`, so it fits in a u16.
                y: area.y.saturating_add((line - first) as u16),
                x: area.x,
                right: area.right(),
                url: url.clone(),
            });
        }
    }
}

/// The URL rows of the frame being drawn (render-owned state, interior
/// mutable so that drawing stays `&App`): cleared when a frame starts,
/// recorded by the views, read by the run loop once the frame is drawn.
#[derive(Debug, Default)]
pub struct DrawnUrls(RefCell<Vec<UrlRow>>);

impl DrawnUrls {
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// The rows recorded since the last `clear`.
    pub fn rows(&self) -> Vec<UrlRow> {
        self.0.borrow().clone()
    }
}

/// Runs of cells in `style` on the recorded rows, each linked to its row's
/// URL. Cells in the link style anywhere else are never linked.
pub fn find(buf: &Buffer, style: Style, rows: &[UrlRow]) -> Vec<LinkRun> {
    let area = buf.area;
    let mut runs = Vec::new();
    for row in rows {
        if !is_linkable(&row.url) || row.y < area.top() || row.y >= area.bottom() {
            continue;
        }
        let (y, right) = (row.y, row.right.min(area.right()));
        let mut x = row.x.max(area.left());
        while x < right {
            if !is_link_cell(buf, x, y, style) {
                x += 1;
                continue;
            }
            let start = x;
            let mut text = String::new();
            while x < right && is_link_cell(buf, x, y, style) {
                text.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            let trimmed = text.trim_end();
            if !trimmed.is_empty() {
                runs.push(LinkRun {
                    x: start,
                    y,
                    text: trimmed.to_string(),
                    url: row.url.clone(),
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
    fn runs_take_the_url_recorded_for_their_row_and_nothing_else() {
        let link = Style::new()
            .fg(Color::Blue)
            .add_modifier(Modifier::UNDERLINED);
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 4));
        // The phishing URL wrapped over two rows, its first row showing the
        // same text as the bank's URL below; between them link-style text on
        // a row nobody recorded.
        let (evil, bank) = (
            "https://bank.example.evil.net/phish",
            "https://bank.example",
        );
        buf.set_string(2, 0, "https://bank.example", link);
        buf.set_string(2, 1, ".evil.net/phish", link);
        buf.set_string(2, 2, "https://bank.example", link);
        buf.set_string(2, 3, "https://bank.example", link);
        let mut lines = UrlLines::default();
        lines.add(0..2, evil);
        lines.add(3..4, bank);
        lines.add(4..5, "javascript:alert(1)");
        let drawn = DrawnUrls::default();
        // Lines 0, 1 and 3 drawn on rows 0, 1 and 3 (row 2 is other text).
        lines.record(0, Rect::new(0, 0, 30, 2), &drawn);
        lines.record(3, Rect::new(0, 3, 30, 1), &drawn);
        let runs = find(&buf, link, &drawn.rows());
        let got: Vec<_> = runs
            .iter()
            .map(|r| (r.y, r.text.as_str(), r.url.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, "https://bank.example", evil),
                (1, ".evil.net/phish", evil),
                (3, "https://bank.example", bank),
            ]
        );
        // Lines scrolled out of the area are not recorded.
        let drawn = DrawnUrls::default();
        lines.record(1, Rect::new(0, 0, 30, 1), &drawn);
        assert_eq!(drawn.rows().len(), 1);
        assert_eq!(drawn.rows()[0].y, 0);
    }

    #[test]
    fn only_terminals_known_to_render_them_get_hyperlinks() {
        let env = crate::model::fixture::env;
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
