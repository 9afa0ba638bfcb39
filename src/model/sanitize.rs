//! The one sanitiser: every string from a briefing passes through here before it
//! reaches a terminal, a plain-text output or an error message.
//!
//! Control characters (C0 except newline and tab, DEL, C1) and bidi or invisible
//! format characters become visible escapes; tabs expand to spaces. The input is
//! never modified: callers get a `Cow` that borrows when nothing needed changing.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// Tab stops every this many columns (counted from the start of the line).
pub const TAB_WIDTH: usize = 4;

/// True for characters that must never reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    is_control(c) || is_format(c)
}

/// C0 (other than `\n` and `\t`), DEL and C1 controls.
pub fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}')
}

/// Bidi controls and invisible format characters.
pub fn is_format(c: char) -> bool {
    matches!(c,
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}' | '\u{00ad}' | '\u{2028}' | '\u{2029}'
        | '\u{180e}'
        | '\u{e0000}'..='\u{e007f}')
}

/// Bidi overrides, embeddings and isolates: the characters that can reorder text.
pub fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn needs_work(s: &str) -> bool {
    s.chars().any(|c| {
        note_flag(c);
        c == '\t' || c == '\r' || is_unsafe(c)
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
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
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
            c if is_unsafe(c) => {
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
}
