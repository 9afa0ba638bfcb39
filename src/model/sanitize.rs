//! The one sanitiser: every string from a briefing passes through here before it
//! reaches a terminal, a plain-text output or an error message.
//!
//! Control characters (C0 except newline and tab, DEL, C1), format characters,
//! separators and default-ignorable characters (bidi controls, zero-width and
//! tag characters, variation selectors, fillers: the set is generated from the
//! Unicode data into `sanitize/table.rs`) become visible escapes; tabs expand
//! to spaces. The input is never modified: callers get a `Cow` that borrows
//! when nothing needed changing.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

mod table;

/// The Unicode version the escape set was generated from.
pub use table::UNICODE_VERSION;

/// Tab stops every this many columns (counted from the start of the line).
pub const TAB_WIDTH: usize = 4;

/// True for characters that must never reach a terminal raw: C0 (other than
/// `\n` and `\t`), DEL and C1 controls, format characters (Cf), line and
/// paragraph separators, Default_Ignorable_Code_Point and the Hangul fillers.
/// The set is generated from the Unicode data (`sanitize/table.rs`). Three of
/// them, ZWJ, VS15 and VS16, stay in an emoji sequence whose width every
/// terminal agrees on (see [`unsafe_chars`]); everywhere else they are escaped.
pub fn is_unsafe(c: char) -> bool {
    if c < '\u{a0}' {
        return is_control(c);
    }
    in_ranges(table::ESCAPED, c)
}

/// C0 (other than `\n` and `\t`), DEL and C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}')
}

/// Unsafe characters that are not controls: bidi controls, invisible format
/// characters, variation selectors, fillers.
pub fn is_format(c: char) -> bool {
    c >= '\u{a0}' && is_unsafe(c)
}

/// Bidi overrides, embeddings and isolates: the characters that can reorder text.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn in_ranges(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Each character of `s` with whether the sanitiser escapes it where it stands.
fn scan(s: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    let mut prev = None;
    let mut chars = s.chars().peekable();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        let escaped = is_unsafe(c) && !joiner_kept(prev, c, chars.peek().copied());
        prev = Some(c);
        Some((c, escaped))
    })
}

/// The characters of `s` that the sanitiser escapes, in order (repeats
/// included): what `brief check` warns about.
pub fn unsafe_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    scan(s).filter_map(|(c, escaped)| escaped.then_some(c))
}

/// True when `s` holds nothing the sanitiser would escape.
pub fn is_clean(s: &str) -> bool {
    unsafe_chars(s).next().is_none()
}

/// ZWJ between two emoji, or VS15/VS16 right after one, stays when the
/// sequence is as wide drawn as a unit (what unicode-width, and so ratatui,
/// computes) as drawn one code point at a time (what xterm, tmux, screen and
/// vt100 do): then every terminal puts the text after it where ratatui
/// expects. Otherwise it is escaped like any other invisible character.
fn joiner_kept(prev: Option<char>, c: char, next: Option<char>) -> bool {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let Some(prev) = prev.filter(|&p| in_ranges(table::EMOJI, p)) else {
        return false;
    };
    let seq: String = match (c, next) {
        ('\u{200d}', Some(next)) if in_ranges(table::EMOJI, next) => {
            [prev, c, next].iter().collect()
        }
        ('\u{fe0e}' | '\u{fe0f}', _) => [prev, c].iter().collect(),
        _ => return false,
    };
    let apart: usize = seq.chars().map(|c| c.width().unwrap_or(0)).sum();
    seq.width() == apart
}

fn needs_work(s: &str) -> bool {
    scan(s).any(|(c, escaped)| {
        note_flag(c);
        escaped || c == '\t'
    })
}

/// Set once any text with a regional-indicator letter (half of a flag) has
/// passed through here: only then does the reader look for flags on screen
/// (see `tui::wide`), a pass over every cell that most briefings never need.
static SAW_FLAG: AtomicBool = AtomicBool::new(false);

fn note_flag(c: char) {
    if ('\u{1f1e6}'..='\u{1f1ff}').contains(&c) {
        SAW_FLAG.store(true, Ordering::Relaxed);
    }
}

/// Whether any text sanitised so far held a regional-indicator letter.
pub fn saw_flag() -> bool {
    SAW_FLAG.load(Ordering::Relaxed)
}

/// Multi-line text made safe to print: newlines kept, CRLF read as LF.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !needs_work(s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(escape(s, false))
}

/// Text for a single line (titles in lists, snippets): newlines become `↵`-free
/// spaces as well, so one value never breaks a row.
pub fn sanitize_inline(s: &str) -> Cow<'_, str> {
    if !needs_work(s) && !s.contains('\n') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(escape(s, true))
}

fn escape(s: &str, inline: bool) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut column = 0usize;
    let mut chars = scan(s).peekable();
    while let Some((c, escaped)) = chars.next() {
        match c {
            '\r' if chars.peek().is_some_and(|&(next, _)| next == '\n') => {}
            '\n' if inline => {
                out.push(' ');
                column += 1;
            }
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\t' => {
                let pad = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
            }
            '\0'..='\x1f' => {
                // Control Pictures block: U+2400 + code, e.g. ESC -> ␛.
                out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?'));
                column += 1;
            }
            '\x7f' => {
                out.push('\u{2421}');
                column += 1;
            }
            c if escaped => {
                let before = out.len();
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
                column += out.len() - before;
            }
            c => {
                note_flag(c);
                out.push(c);
                column += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_sequences_lose_every_raw_control() {
        let hostile = "a\u{1b}]0;pwned\u{7}b\u{9b}2Jc\u{202e}d";
        let out = sanitize(hostile);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(!out.contains('\u{7}'), "{out:?}");
        assert!(
            !out.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "{out:?}"
        );
        assert!(!out.chars().any(is_bidi), "{out:?}");
        assert_eq!(out, "a␛]0;pwned␇b\\u{9b}2Jc\\u{202e}d");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("Kyiv — Київ\nline"), Cow::Borrowed(_)));
        assert!(matches!(sanitize_inline("one line"), Cow::Borrowed(_)));
    }

    #[test]
    fn newlines_kept_tabs_expanded_crlf_folded() {
        assert_eq!(sanitize("a\tb\r\nc"), "a   b\nc");
        assert_eq!(sanitize("ab\tc"), "ab  c");
        assert_eq!(sanitize("lone\rcr"), "lone␍cr");
        assert_eq!(sanitize_inline("a\nb"), "a b");
    }

    #[test]
    fn every_listed_character_is_escaped() {
        let listed = [
            '\u{0}',
            '\u{8}',
            '\u{b}',
            '\u{1f}',
            '\u{7f}',
            '\u{80}',
            '\u{9f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2066}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{200b}',
            '\u{200d}',
            '\u{2060}',
            '\u{2064}',
            '\u{feff}',
            '\u{ad}',
            '\u{2028}',
            '\u{2029}',
            '\u{e0000}',
            '\u{e0041}',
            '\u{e007f}',
        ];
        for c in listed {
            let s = c.to_string();
            let out = sanitize(&s);
            assert!(!out.contains(c), "{:x} survived as {out:?}", c as u32);
            assert!(!out.is_empty());
        }
    }

    /// The characters an outside review found reaching the pty raw.
    #[test]
    fn the_reported_gaps_are_escaped() {
        let ranges = [
            ('\u{206a}', '\u{206f}'),
            ('\u{fff9}', '\u{fffb}'),
            ('\u{34f}', '\u{34f}'),
            ('\u{1d173}', '\u{1d17a}'),
            ('\u{180b}', '\u{180f}'),
            ('\u{e0100}', '\u{e01ef}'),
            ('\u{3164}', '\u{3164}'),
            ('\u{115f}', '\u{1160}'),
            ('\u{ffa0}', '\u{ffa0}'),
        ];
        for c in ranges.iter().flat_map(|&(lo, hi)| lo..=hi) {
            let s = format!("a{c}b");
            assert_eq!(sanitize(&s), format!("a\\u{{{:x}}}b", c as u32));
            assert!(!is_clean(&s));
        }
    }

    #[test]
    fn joiners_stay_by_emoji_only_where_every_terminal_draws_them_alike() {
        // Already wide: VS16 changes nothing. Text-default: VS15 changes nothing.
        for kept in ["😀\u{fe0f}", "☺\u{fe0e}", "©\u{200d}©"] {
            assert!(matches!(sanitize(kept), Cow::Borrowed(_)), "{kept:?}");
            assert!(is_clean(kept));
        }
        // Drawn 1 wide by a terminal without VS16 support, 2 by ratatui; a
        // ZWJ ligature 2 wide where most terminals draw 4; and no emoji.
        let escaped = [
            ("❤\u{fe0f}", "❤\\u{fe0f}"),
            ("⌚\u{fe0e}", "⌚\\u{fe0e}"),
            ("👨\u{200d}👩", "👨\\u{200d}👩"),
            ("a\u{fe0f}", "a\\u{fe0f}"),
            ("\u{fe0f}😀", "\\u{fe0f}😀"),
            ("😀\u{200d}", "😀\\u{200d}"),
            ("😀\u{fe0f}\u{fe0f}", "😀\u{fe0f}\\u{fe0f}"),
        ];
        for (input, shown) in escaped {
            assert_eq!(sanitize(input), shown);
            assert_eq!(unsafe_chars(input).count(), 1, "{input:?}");
        }
    }
}
