//! The sanitised excerpt of a file around a span, with the span remapped into it.

use crate::model::sanitize::sanitize;
use std::ops::Range;

/// At most this many lines of a long (multi-line) span are shown.
const MAX_LINES: usize = 6;

/// At most this many bytes of a line are taken either side of a span, and of
/// a long span itself. More than annotate-snippets shows (it cuts a line to
/// 140 columns around the caret), so the output is the same, but the work
/// per diagnostic no longer grows with the length of the line.
const WINDOW: usize = 1024;

/// Lines of the file around a span, made safe to print.
#[derive(Debug, PartialEq)]
pub struct Excerpt {
    /// Sanitised lines, without the final newline.
    pub source: String,
    /// 1-based number of the first line.
    pub line_start: usize,
    /// The span in `source`'s bytes (never empty unless `source` is).
    pub span: Range<usize>,
}

/// The sanitised lines covering `span` in `text` (at most [`WINDOW`] bytes
/// either side of it); `line` is the 1-based line of `span.start`.
pub fn excerpt(text: &str, span: &Range<usize>, line: usize) -> Excerpt {
    let start = floor(text, span.start.min(text.len()));
    let end = floor(text, span.end.clamp(start, text.len()));
    let end = floor(text, end.min(start.saturating_add(WINDOW)));
    let lo = floor(text, start.saturating_sub(WINDOW));
    let first = text[lo..start].rfind('\n').map_or(lo, |p| lo + p + 1);
    let hi = floor(text, end.saturating_add(WINDOW).min(text.len()));
    let mut last = text[end..hi].find('\n').map_or(hi, |p| end + p);
    if let Some((i, _)) = text[first..last].match_indices('\n').nth(MAX_LINES - 1) {
        last = first + i;
    }
    let raw = text[first..last].trim_end_matches('\r');
    let source = sanitize(raw).into_owned();
    // No newline lies between `first` and `start`.
    let line_start = line;
    let remap = |off: usize| sanitize(&raw[..floor(raw, off.min(raw.len()))]).len();
    let s = remap(start - first);
    let mut e = remap(end.min(first + raw.len()) - first).max(s);
    if e == s && s < source.len() {
        e = s + source[s..].chars().next().map_or(0, char::len_utf8);
    }
    Excerpt {
        source,
        line_start,
        span: s..e,
    }
}

/// The largest char boundary at or below `i`.
fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_lines_of_the_span() {
        let text = "a = 1\nsummray = \"x\"\nc = 3\n";
        let ex = excerpt(text, &(6..13), 2);
        assert_eq!(ex.source, "summray = \"x\"");
        assert_eq!(ex.line_start, 2);
        assert_eq!(&ex.source[ex.span.clone()], "summray");
    }

    #[test]
    fn remaps_spans_past_escaped_characters() {
        let text = "t = \"\u{1b}]0;x\u{7}\" # \u{202e}\nk = 1";
        let key = text.find("# ").unwrap();
        let ex = excerpt(text, &(key..key + 1), 1);
        assert!(!ex.source.contains('\u{1b}') && !ex.source.contains('\u{202e}'));
        assert_eq!(&ex.source[ex.span.clone()], "#");
        assert!(ex.source.contains("\\u{202e}"));
    }

    #[test]
    fn tabs_and_empty_spans() {
        let ex = excerpt("\tkey = 1", &(1..4), 1);
        assert_eq!(&ex.source[ex.span.clone()], "key");
        let ex = excerpt("a = [", &(5..5), 1);
        assert_eq!(ex.span, 5..5);
        let ex = excerpt("ab", &(0..0), 1);
        assert_eq!(ex.span, 0..1);
    }

    #[test]
    fn long_spans_are_cut() {
        let text = "x = \"\"\"\n1\n2\n3\n4\n5\n6\n7\n8\n\"\"\"\n";
        let ex = excerpt(text, &(4..text.len() - 1), 1);
        assert_eq!(ex.source.lines().count(), MAX_LINES);
        assert!(ex.span.end <= ex.source.len());
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let refs = "\"a\",".repeat(100_000);
        let text = format!("x = 1\nactors = [{refs}]\n");
        let at = text.len() / 2;
        let at = at - (at - 16) % 4; // the start of a `"a"`
        let ex = excerpt(&text, &(at..at + 3), 2);
        assert_eq!(&ex.source[ex.span.clone()], "\"a\"");
        assert!(ex.source.len() <= 2 * WINDOW + 3, "{}", ex.source.len());
        assert_eq!(ex.line_start, 2);
        // A span as long as the line is cut too.
        let whole = excerpt(&text, &(6..text.len() - 1), 2);
        assert!(whole.source.len() <= 2 * WINDOW + 1);
        assert!(whole.source.starts_with("actors = ["));
        assert!(whole.span.start == 0 && whole.span.end <= whole.source.len());
    }
}
