//! File names in output: every path the program prints (diagnostics, `check`
//! in both formats, `diff --format json`, `render`, `new`) is written by
//! [`shown`], so that a name can neither act on the terminal nor pass for
//! another name.
//!
//! The scheme (SECURITY.md, "File names"): characters print as they are,
//! except
//! - `\` is written `\\`;
//! - newline, tab and every character the sanitiser calls unsafe
//!   ([`is_unsafe`]: controls, DEL, C1, bidi and invisible characters) are
//!   written `\u{X}` (hex code point, as Rust writes it);
//! - each byte that is not part of valid UTF-8 is written `\xNN`.
//!
//! Every `\` in the output starts one of these escapes, so reading them back
//! gives the name's bytes exactly: two names never print the same, and a name
//! that is not UTF-8 is never shown as U+FFFD.

use super::sanitize::is_unsafe;
use std::fmt::Write as _;
use std::path::Path;

/// How `path` is named in any output.
pub fn shown(path: &Path) -> String {
    shown_bytes(path.as_os_str().as_encoded_bytes())
}

/// [`shown`] for a name given as bytes (a Unix file name is any bytes but NUL).
pub fn shown_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\n' | '\t' => push_code(&mut out, c),
                c if is_unsafe(c) => push_code(&mut out, c),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

fn push_code(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the escapes back (what a user would do by hand).
    fn unescape(s: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(at) = rest.find('\\') {
            out.extend_from_slice(&rest.as_bytes()[..at]);
            let tail = &rest[at + 1..];
            if let Some(t) = tail.strip_prefix('\\') {
                out.push(b'\\');
                rest = t;
            } else if let Some(t) = tail.strip_prefix('x') {
                out.push(u8::from_str_radix(&t[..2], 16).unwrap());
                rest = &t[2..];
            } else {
                let t = tail.strip_prefix("u{").expect("an escape");
                let end = t.find('}').unwrap();
                let c = char::from_u32(u32::from_str_radix(&t[..end], 16).unwrap()).unwrap();
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                rest = &t[end + 1..];
            }
        }
        out.extend_from_slice(rest.as_bytes());
        out
    }

    #[test]
    fn the_scheme_on_each_kind_of_character() {
        assert_eq!(shown_bytes(b"dir/Kyiv \xd0\x9a.toml"), "dir/Kyiv К.toml");
        assert_eq!(shown_bytes(b"a\\b"), "a\\\\b");
        assert_eq!(shown_bytes(b"a\nb\tc\x1b[2J"), "a\\u{a}b\\u{9}c\\u{1b}[2J");
        assert_eq!(
            shown_bytes("\u{9d}0;x\u{9c}".as_bytes()),
            "\\u{9d}0;x\\u{9c}"
        );
        assert_eq!(
            shown_bytes("a\u{202e}b\u{7f}".as_bytes()),
            "a\\u{202e}b\\u{7f}"
        );
        assert_eq!(shown_bytes(b"bad\xff\xfe.toml"), "bad\\xff\\xfe.toml");
        // A lone continuation byte, and a UTF-8 sequence cut short.
        assert_eq!(shown_bytes(b"\x80\xe2\x80"), "\\x80\\xe2\\x80");
    }

    #[test]
    fn output_is_printable_and_reads_back_to_the_same_bytes() {
        let names: [&[u8]; 6] = [
            b"plain.toml",
            b"\\x41 is not A, \\u{41} is not A",
            b"\xff\\xff",
            "\u{200b}\u{2066}\u{e0041}\u{85}".as_bytes(),
            b"\xc2",
            b"",
        ];
        for name in names {
            let out = shown_bytes(name);
            assert!(
                !out.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t'),
                "{out:?}"
            );
            assert!(!out.contains('\u{fffd}'), "{out:?}");
            assert_eq!(unescape(&out), name, "{out:?}");
        }
    }

    #[test]
    fn every_byte_pair_reads_back() {
        // Exhaustive over two bytes: every lead, continuation and ASCII mix.
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let name = [a, b'-', a, b];
                assert_eq!(unescape(&shown_bytes(&name)), name);
            }
        }
    }
}
