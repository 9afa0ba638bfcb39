//! The one JSON writer: every JSON document the program prints (`render
//! --format json`, `check --format json`, `diff --format json`, `schema`) is
//! serialised here, so all of them escape alike.
//!
//! serde_json escapes C0 controls but writes C1 controls, DEL, bidi controls
//! and invisible characters raw, and a terminal may act on them (U+009B is
//! CSI, U+009D starts an OSC). Here every character the sanitiser calls unsafe
//! ([`is_unsafe`]) is written as a `\uXXXX` escape instead: the same JSON
//! value, with nothing in it that a terminal acts on.

use super::sanitize::is_unsafe;
use serde::Serialize;
use std::fmt::Write as _;

/// `value` as pretty-printed JSON with a final newline.
#[allow(clippy::disallowed_methods)] // the one place allowed to call serde_json
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string_pretty(value).map(finish)
}

/// `value` as one line of JSON with a final newline (for JSON lines).
#[allow(clippy::disallowed_methods)] // the one place allowed to call serde_json
pub fn line<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    serde_json::to_string(value).map(finish)
}

fn finish(json: String) -> String {
    let mut out = escape_unsafe(json);
    out.push('\n');
    out
}

/// Outside strings, serde_json writes only ASCII punctuation, digits,
/// letters, spaces and newlines, none of them unsafe; so every unsafe
/// character is inside a string, where `\uXXXX` (a UTF-16 pair beyond the
/// BMP) stands for the same character.
fn escape_unsafe(json: String) -> String {
    if !json.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unsafe_character_is_escaped_and_parses_back() {
        // Every unsafe scalar value, whatever the sanitiser counts as unsafe.
        let unsafe_chars: String = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe(c))
            .collect();
        assert!(unsafe_chars.contains('\u{9d}') && unsafe_chars.contains('\u{202e}'));
        let value = vec![format!("a{unsafe_chars}b"), "\u{7f}\\\"".to_string()];
        for json in [pretty(&value).unwrap(), line(&value).unwrap()] {
            assert!(json.is_ascii(), "{json:?}");
            let back: Vec<String> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, value);
        }
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // compares with serde_json's own output
    fn clean_output_is_serde_json_s_own() {
        let value = serde_json::json!({"title": "Kyiv — Київ", "n": [1, 2]});
        assert_eq!(
            pretty(&value).unwrap(),
            serde_json::to_string_pretty(&value).unwrap() + "\n"
        );
        assert_eq!(line(&value).unwrap(), value.to_string() + "\n");
    }

    #[test]
    fn astral_characters_become_surrogate_pairs() {
        assert_eq!(line("\u{e0041}").unwrap(), "\"\\udb40\\udc41\"\n");
        assert_eq!(line("\u{9d}0;x\u{9c}").unwrap(), "\"\\u009d0;x\\u009c\"\n");
    }
}
