//! Plain-text rendering of a briefing (what `brief FILE | less` prints): the
//! same line builders as the reader, without colour, wrapped to a width.

use crate::doc::headers::{overview_header, section_header, summary_lines};
use crate::doc::text::{count, para, plain};
use crate::doc::{Theme, item, matrix};
use crate::model::Briefing;
use ratatui::text::Line;

/// The widest text is wrapped to: a wider `--width`, `COLUMNS` or terminal
/// is clamped to it with a warning (`COLUMNS=18446744073709551615` once
/// overflowed an allocation; `COLUMNS=100000000` wrote 1.6 GB).
pub const MAX_WIDTH: usize = 1000;

/// The narrowest: anything less is wrapped at this width.
pub const MIN_WIDTH: usize = 20;

/// The whole briefing as sanitised, wrapped plain text, `width` columns wide
/// (clamped to `MIN_WIDTH..=MAX_WIDTH`).
pub fn text(b: &Briefing, width: usize, ascii: bool) -> String {
    let theme = Theme::mono(ascii);
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let rule = theme.glyphs.rule.repeat(width);
    let mut out = plain(&overview_header(b, width, &theme));
    out.push_str(&plain(&contents(b, width, &theme)));
    out.push('\n');
    out.push_str(&plain(&summary_lines(b, width, &theme)));
    out.push('\n');
    for (i, s) in b.sections.iter().enumerate() {
        out.push_str(&format!("{rule}\n{}. ", i + 1));
        out.push_str(&plain(&section_header(s, width, &theme)));
        for it in &s.items {
            out.push_str(&plain(&item::lines(b, it, width, &theme, None).lines));
            out.push('\n');
        }
        if s.items.iter().any(|it| !it.stances.is_empty()) {
            let table: Vec<Line<'static>> = matrix::lines(b, i, width, &theme);
            out.push_str(&plain(&table));
            out.push('\n');
        }
    }
    out
}

/// The list under the header's "Contents" heading: the sections, numbered as
/// they are below, with their item counts.
fn contents(b: &Briefing, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::with_capacity(b.sections.len());
    for (i, s) in b.sections.iter().enumerate() {
        let first = format!("{:>3}. ", i + 1);
        let rest = " ".repeat(first.len());
        let items = count(s.items.len(), "item");
        let entry = format!("{} ({items})", s.title);
        lines.extend(para(&entry, width, theme.text, &first, &rest));
    }
    lines
}

/// Where a width came from, for the warning when it is clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Flag,
    Columns,
    Terminal,
}

/// The width piped text wraps to: `flag` (`--width`), else `COLUMNS`, else
/// the width of the terminal the process runs in (`terminal`), else 80.
/// Above [`MAX_WIDTH`] it is clamped, and the second value is the warning
/// to print on stderr.
pub fn width(
    flag: Option<usize>,
    env: impl Fn(&str) -> Option<String>,
    terminal: impl FnOnce() -> Option<u16>,
) -> (usize, Option<String>) {
    let columns = env("COLUMNS");
    let asked = match (flag, columns.as_deref().and_then(parse_columns)) {
        (Some(w), _) => Some((w, Source::Flag)),
        (None, Some(w)) => Some((w, Source::Columns)),
        (None, None) => terminal().map(|w| (usize::from(w), Source::Terminal)),
    };
    match asked {
        None => (80, None),
        Some((w, _)) if w <= MAX_WIDTH => (w, None),
        Some((w, source)) => {
            let what = match source {
                Source::Flag => format!("--width {w}"),
                Source::Columns => format!("COLUMNS={}", shown(columns.as_deref().unwrap_or(""))),
                Source::Terminal => format!("the terminal's width ({w} columns)"),
            };
            let warning = format!(
                "brief: {what} is over the limit of {MAX_WIDTH} columns; wrapping at {MAX_WIDTH}"
            );
            (MAX_WIDTH, Some(warning))
        }
    }
}

/// `COLUMNS` as a number. All digits but too large for `usize` is as wide
/// as can be (clamped, with the warning), not "unset".
fn parse_columns(s: &str) -> Option<usize> {
    let s = s.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.parse().unwrap_or(usize::MAX))
}

/// A value from the environment as it may be echoed: sanitised, and cut
/// short when long.
fn shown(value: &str) -> String {
    let value = value.trim();
    let mut out: String = value.chars().take(24).collect();
    if value.chars().count() > 24 {
        out.push('…');
    }
    crate::model::sanitize::sanitize_inline(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_with(columns: Option<&str>) -> impl Fn(&str) -> Option<String> {
        let columns = columns.map(str::to_string);
        move |k: &str| (k == "COLUMNS").then(|| columns.clone()).flatten()
    }

    #[test]
    fn flag_then_columns_then_terminal_then_80() {
        let tty = || Some(60);
        assert_eq!(width(Some(40), env_with(Some("50")), tty).0, 40);
        assert_eq!(width(None, env_with(Some("50")), tty).0, 50);
        assert_eq!(width(None, env_with(Some("")), tty).0, 60);
        assert_eq!(width(None, env_with(Some("wide")), tty).0, 60);
        assert_eq!(width(None, env_with(None), tty).0, 60);
        assert_eq!(width(None, env_with(None), || None), (80, None));
    }

    #[test]
    fn over_the_limit_is_clamped_with_a_warning() {
        for columns in [
            "18446744073709551615",
            "999999999999999999999999999999",
            "100000000",
            "1001",
        ] {
            let (w, warning) = width(None, env_with(Some(columns)), || None);
            assert_eq!(w, MAX_WIDTH, "{columns}");
            let warning = warning.expect("a warning");
            assert!(
                warning.contains("COLUMNS=") && warning.contains("1000"),
                "{warning}"
            );
        }
        let (w, warning) = width(Some(usize::MAX), env_with(None), || None);
        assert_eq!(w, MAX_WIDTH);
        assert!(warning.is_some_and(|w| w.contains("--width 18446744073709551615")));
        let (w, warning) = width(None, env_with(None), || Some(u16::MAX));
        assert_eq!(w, MAX_WIDTH);
        assert!(warning.is_some_and(|w| w.contains("terminal")));
        assert_eq!(width(None, env_with(Some("1000")), || None), (1000, None));
    }
}
