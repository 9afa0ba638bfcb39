//! The sanitised excerpt of a file around a span, with the span remapped into it.

use crate::model::sanitize::sanitize;
use std::ops::Range;

/// At most this many lines of a long (multi-line) span are shown.
const MAX_LINES: usize = 6;

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

/// The sanitised lines covering `span` in `text`.
pub fn excerpt(text: &str, span: &Range<usize>) -> Excerpt {
    let start = floor(text, span.start.min(text.len()));
    let end = floor(text, span.end.clamp(start, text.len()));
    let first = text[..start].rfind('\n').map_or(0, |p| p + 1);
    let mut last = text[end..].find('\n').map_or(text.len(), |p| end + p);
    if let Some((i, _)) = text[first..last].match_indices('\n').nth(MAX_LINES - 1) {
        last = first + i;
    }
    let raw = text[first..last].trim_end_matches('\r');
    let source = sanitize(raw).into_owned();
    let line_start = text[..first].bytes().filter(|&b| b == b'\n').count() + 1;
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
        let ex = excerpt(text, &(6..13));
        assert_eq!(ex.source, "summray = \"x\"");
        assert_eq!(ex.line_start, 2);
        assert_eq!(&ex.source[ex.span.clone()], "summray");
    }

    #[test]
    fn remaps_spans_past_escaped_characters() {
        let text = "t = \"\u{1b}]0;x\u{7}\" # \u{202e}\nk = 1";
        let key = text.find("# ").unwrap();
        let ex = excerpt(text, &(key..key + 1));
        assert!(!ex.source.contains('\u{1b}') && !ex.source.contains('\u{202e}'));
        assert_eq!(&ex.source[ex.span.clone()], "#");
        assert!(ex.source.contains("\\u{202e}"));
    }

    #[test]
    fn tabs_and_empty_spans() {
        let ex = excerpt("\tkey = 1", &(1..4));
        assert_eq!(&ex.source[ex.span.clone()], "key");
        let ex = excerpt("a = [", &(5..5));
        assert_eq!(ex.span, 5..5);
        let ex = excerpt("ab", &(0..0));
        assert_eq!(ex.span, 0..1);
    }

    #[test]
    fn long_spans_are_cut() {
        let text = "x = \"\"\"\n1\n2\n3\n4\n5\n6\n7\n8\n\"\"\"\n";
        let ex = excerpt(text, &(4..text.len() - 1));
        assert_eq!(ex.source.lines().count(), MAX_LINES);
        assert!(ex.span.end <= ex.source.len());
    }
}
