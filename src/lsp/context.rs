//! What the cursor is on, for completion: a table header being typed, a key
//! of a table, or the value of a key. Read from the cursor's line and the
//! outline (for the table, and for an array that spans lines), so it holds
//! in a file that does not parse.

use crate::model::outline::{Outline, Table};
use std::ops::Range;

/// The place of the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// A header being typed: `replace` runs from its `[` to the end of what
    /// was typed of it.
    Header {
        replace: Range<usize>,
    },
    /// A key being typed in table `table` (an index into the outline).
    Key {
        table: usize,
        word: Range<usize>,
    },
    /// The value of `key` in table `table`: `word` is the part of an id or
    /// name around the cursor, `quoted` whether the cursor is inside a string.
    Value {
        table: usize,
        key: String,
        /// The table's key whose inline tables hold `key` (`quote` for
        /// `quote = [{ by = "|` in an item).
        outer: Option<String>,
        word: Range<usize>,
        quoted: bool,
    },
    Nothing,
}

/// A character of an id, a bare key or a kind name.
pub fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The run of word characters around `offset`.
pub fn word_at(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let len: usize = text[offset..]
        .chars()
        .take_while(|&c| is_word(c))
        .map(char::len_utf8)
        .sum();
    start..offset + len
}

/// The place of `offset` (a character boundary) in `text`.
pub fn spot(text: &str, outline: &Outline, offset: usize) -> Spot {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let t = outline.table_at(offset);
    let table = &outline.tables[t];
    if let Some(key) = spanning_value(table, offset, line_start) {
        return value(text, t, (key, None), offset, before);
    }
    let lead = before.len() - before.trim_start().len();
    let typed = before.trim_start();
    if typed.starts_with('[') && !typed.contains('=') {
        let tail: usize = text[offset..]
            .chars()
            .take_while(|&c| is_word(c) || c == '.' || c == ']')
            .map(char::len_utf8)
            .sum();
        return Spot::Header {
            replace: line_start + lead..offset + tail,
        };
    }
    if let Some(eq) = equals(before, false) {
        let key = last_key(&before[..eq]);
        let rest = &before[eq + 1..];
        // Inside an inline table: the key of the last `=` in it.
        if let Some(inner) = equals(rest, true).filter(|_| rest.contains('{')) {
            let keys = (last_key(&rest[..inner]), Some(key));
            return value(text, t, keys, offset, &rest[inner + 1..]);
        }
        return value(text, t, (key, None), offset, rest);
    }
    if typed.chars().all(|c| is_word(c) || c == '.') {
        return Spot::Key {
            table: t,
            word: word_at(text, offset),
        };
    }
    Spot::Nothing
}

fn value(
    text: &str,
    table: usize,
    keys: (String, Option<String>),
    offset: usize,
    typed: &str,
) -> Spot {
    Spot::Value {
        table,
        key: keys.0,
        outer: keys.1,
        word: word_at(text, offset),
        quoted: in_string(typed),
    }
}

/// The last key before an `=`: `  x."by" ` -> `by`.
fn last_key(s: &str) -> String {
    let s = s.trim_end();
    let keyish = |c: char| is_word(c) || matches!(c, '.' | '"' | '\'');
    let start = s
        .char_indices()
        .rev()
        .take_while(|&(_, c)| keyish(c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    let last = s[start..].rsplit('.').next().unwrap_or_default();
    last.trim_matches(['"', '\'']).to_string()
}

/// The key of an entry whose value started on an earlier line and goes on
/// past the cursor (an array over several lines).
fn spanning_value(table: &Table, offset: usize, line_start: usize) -> Option<String> {
    let e = table.entries.iter().find(|e| {
        let v = &e.value.span;
        v.start < line_start && offset <= v.end && !v.is_empty()
    })?;
    e.keys.last().map(|k| k.name.clone())
}

/// Where the first (or `last`) `=` outside quotes is.
fn equals(line: &str, last: bool) -> Option<usize> {
    let mut quote = None;
    let mut found = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') if !last => return Some(i),
            (None, '=') => found = Some(i),
            (None, '#') => break,
            _ => {}
        }
    }
    found
}

/// True when `typed` (a value so far) ends inside a string.
fn in_string(typed: &str) -> bool {
    let mut quote = None;
    let mut escaped = false;
    for c in typed.chars() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '#') => return false,
            _ => {}
        }
        escaped = false;
    }
    quote.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spot at `|` in `marked`.
    fn at(marked: &str) -> (String, Spot) {
        let offset = marked.find('|').unwrap();
        let text = marked.replacen('|', "", 1);
        let outline = Outline::new(&text);
        let spot = spot(&text, &outline, offset);
        (text, spot)
    }

    fn value_of(marked: &str) -> (String, String, bool) {
        let (text, spot) = at(marked);
        let Spot::Value {
            key,
            word,
            quoted,
            outer,
            ..
        } = spot
        else {
            panic!("not a value: {spot:?} in {marked:?}");
        };
        let key = match outer {
            Some(outer) => format!("{outer}/{key}"),
            None => key,
        };
        (key, text[word].to_string(), quoted)
    }

    #[test]
    fn keys_headers_and_values() {
        let (text, spot) = at("[briefing]\nsumm|\n");
        let Spot::Key { table, word } = spot else {
            panic!("{spot:?}")
        };
        assert_eq!((table, &text[word]), (1, "summ"));
        let (text, spot) = at("[briefing]\n  [[section.it|em]]\n");
        let Spot::Header { replace } = spot else {
            panic!("{spot:?}")
        };
        assert_eq!(&text[replace], "[[section.item]]");
        assert_eq!(
            value_of("[[section.item.quote]]\nby = \"pu|"),
            ("by".into(), "pu".into(), true)
        );
        assert_eq!(
            value_of("[[section.item]]\nseverity = |"),
            ("severity".into(), "".into(), false)
        );
        assert_eq!(
            value_of("[[section.item]]\nactors = [\"a\", \"b|c\"]"),
            ("actors".into(), "bc".into(), true)
        );
        assert_eq!(
            value_of("[[section.item]]\nactors = [\"a\", |]"),
            ("actors".into(), "".into(), false)
        );
        assert_eq!(value_of("x.\"by\" = 'p|'"), ("by".into(), "p".into(), true));
        let inline = "quote = [{ text = \"a = b\", by = \"p|\" }]";
        assert_eq!(value_of(inline), ("quote/by".into(), "p".into(), true));
    }

    #[test]
    fn an_array_over_several_lines_and_a_broken_file() {
        let marked = "[[section.item]]\nactors = [\n  \"putin\",\n  \"|\n]\ntitle = \"x";
        assert_eq!(value_of(marked), ("actors".into(), "".into(), true));
        // A syntax error elsewhere changes nothing here.
        let marked = "[briefing\ntitle = \"\n[[section.item.quote]]\nby = \"|\"\n";
        assert_eq!(value_of(marked), ("by".into(), "".into(), true));
    }

    #[test]
    fn nothing_in_comments_and_odd_lines() {
        assert_eq!(at("# a comment |").1, Spot::Nothing);
        assert_eq!(at("a b |").1, Spot::Nothing);
        assert!(!value_of("t = \"a = b\" |").2);
        assert!(!in_string("\"a\\\"\" "));
        assert!(in_string("\"a\\\""));
        assert!(!in_string("'a\\'"), "no escapes in a literal string");
        assert_eq!(equals("\"a=b\" = 1", false), Some(6));
        assert_eq!(equals("a = { b = 1 } # c = d", true), Some(8));
        assert_eq!(last_key(" [{ text = \"a\", \"by\" "), "by");
    }
}
