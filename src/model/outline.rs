//! A tolerant outline of a TOML text, read with toml's own lexer: each table
//! header, each key and where its value lies, and the strings in the value,
//! also in a file that does not parse (in an editor the line being typed is
//! broken most of the time). One pass, linear in the text; strings are kept
//! as spans and decoded only when asked for.
//!
//! `brief lsp` finds what is at the cursor, the declared ids and their uses
//! with it; the loader finds where a duplicated key was first defined.

use std::ops::Range;
use toml_parser::decoder::Encoding;
use toml_parser::{Raw, Span};

mod walk;

#[cfg(test)]
mod tests;

/// A key as written: its decoded name and the span of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

/// What a value is, as far as its first token tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    String,
    Array,
    InlineTable,
    /// A number, date, boolean, or something broken.
    Other,
    /// Nothing after the `=` (or no `=`: a key being typed).
    Missing,
}

/// Where a value lies and the strings in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub kind: ValueKind,
    /// From its first token to the end of its last (empty where missing).
    pub span: Range<usize>,
    /// The string tokens, quotes included: the value itself, or the strings
    /// directly in an array (not in arrays or tables inside it).
    pub strings: Vec<Range<usize>>,
    /// `key = "string"` inside inline tables in the value, at any depth
    /// (`quote = [{ by = "putin" }]`): the key (the last of a dotted one)
    /// and the string token.
    pub inline: Vec<(Key, Range<usize>)>,
}

/// `key = value` (the key may be dotted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub keys: Vec<Key>,
    pub value: Value,
}

impl Entry {
    /// The dotted key as one string: `a.b`.
    pub fn dotted(&self) -> String {
        dotted(&self.keys)
    }

    /// From the first key to the end of the value (or of the last key).
    pub fn span(&self) -> Range<usize> {
        let start = self
            .keys
            .first()
            .map_or(self.value.span.start, |k| k.span.start);
        let end = self.keys.last().map_or(start, |k| k.span.end);
        start..self.value.span.end.max(end)
    }
}

/// A table: the root (no header), `[a.b]`, or `[[a.b]]`, with its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header's keys; empty for the root.
    pub keys: Vec<Key>,
    /// `[[...]]`: an element of an array of tables.
    pub array: bool,
    /// The header from its first `[` to its last `]` (`0..0` for the root).
    pub header: Range<usize>,
    /// From the header to the next header (or the end of the text).
    pub span: Range<usize>,
    pub entries: Vec<Entry>,
}

impl Table {
    /// True when the header's keys are exactly `names`.
    pub fn is(&self, names: &[&str]) -> bool {
        self.keys.len() == names.len() && self.keys.iter().zip(names).all(|(k, n)| k.name == *n)
    }

    /// The header as one string: `section.item`.
    pub fn dotted(&self) -> String {
        dotted(&self.keys)
    }

    /// The entry whose dotted key is `name` (one key), if any.
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        (self.entries.iter()).find(|e| e.keys.len() == 1 && e.keys[0].name == name)
    }
}

fn dotted(keys: &[Key]) -> String {
    let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
    names.join(".")
}

/// The tables of a text, in file order; the first is the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub tables: Vec<Table>,
}

impl Outline {
    pub fn new(text: &str) -> Self {
        Self {
            tables: walk::tables(text),
        }
    }

    /// The table `offset` is in: the last one that starts at or before it.
    pub fn table_at(&self, offset: usize) -> usize {
        let after = self.tables.partition_point(|t| t.span.start <= offset);
        after.saturating_sub(1)
    }

    /// Where the key at `at` (in a header or an entry) was first defined:
    /// an earlier header with the same keys or an entry defining that table
    /// by a dotted key, or an earlier entry of the same table with the same
    /// key. For a "duplicate key" error, which says only where the second is.
    pub fn first_definition(&self, at: Range<usize>) -> Option<Range<usize>> {
        let table = &self.tables[self.table_at(at.start)];
        let same = |a: &[Key], b: &[Key]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.name == y.name)
        };
        if table.header.contains(&at.start) {
            // A header: the first earlier header with the same keys, or an
            // entry that defines the same table by a dotted key.
            let full = prefix_through(&table.keys, &at)?;
            let header = self
                .tables
                .iter()
                .take_while(|t| t.span.start < table.span.start);
            return header
                .filter(|t| !t.array && same(&t.keys, full))
                .map(|t| t.keys[full.len() - 1].span.clone())
                .next()
                .or_else(|| self.first_entry(full, table.span.start));
        }
        let entry = table
            .entries
            .iter()
            .find(|e| e.span().contains(&at.start))?;
        let keys = prefix_through(&entry.keys, &at)?;
        (table.entries.iter())
            .take_while(|e| e.span().start < entry.span().start)
            .find_map(|e| {
                let n = keys.len();
                (e.keys.len() >= n && same(&e.keys[..n], keys)).then(|| e.keys[n - 1].span.clone())
            })
    }

    /// The first entry before `before` defining the table `full` by a
    /// dotted key (`[actor]` + `putin.name = ...`, or `actor.putin = {..}`).
    fn first_entry(&self, full: &[Key], before: usize) -> Option<Range<usize>> {
        for table in self.tables.iter().take_while(|t| t.span.start < before) {
            let Some(rest) = strip_names(full, &table.keys) else {
                continue;
            };
            for e in &table.entries {
                if e.keys.len() >= rest.len() && strip_names(&e.keys, rest).is_some() {
                    return Some(e.keys[rest.len() - 1].span.clone());
                }
            }
        }
        None
    }

    /// The decoded text of a string token (quotes included in `span`).
    pub fn decode(text: &str, span: Range<usize>) -> Option<String> {
        decode(text, span, false)
    }
}

/// `keys` up to and including the one `at` points into.
fn prefix_through<'k>(keys: &'k [Key], at: &Range<usize>) -> Option<&'k [Key]> {
    let i = keys.iter().position(|k| k.span.contains(&at.start))?;
    Some(&keys[..=i])
}

/// `keys` without the leading `names` (compared by name), when they start with them
/// and something is left.
fn strip_names<'k>(keys: &'k [Key], names: &[Key]) -> Option<&'k [Key]> {
    let starts = keys.len() > names.len() && keys.iter().zip(names).all(|(a, b)| a.name == b.name);
    starts.then(|| &keys[names.len()..])
}

/// A string (or, with `key`, a quoted or bare key) token decoded, lossily
/// where it is broken: an unterminated string is what was typed so far.
pub(crate) fn decode(text: &str, span: Range<usize>, key: bool) -> Option<String> {
    let raw = text.get(span.clone())?;
    let encoding = if raw.starts_with("\"\"\"") {
        Some(Encoding::MlBasicString)
    } else if raw.starts_with("'''") {
        Some(Encoding::MlLiteralString)
    } else if raw.starts_with('"') {
        Some(Encoding::BasicString)
    } else if raw.starts_with('\'') {
        Some(Encoding::LiteralString)
    } else if key {
        return Some(raw.to_string());
    } else {
        return None;
    };
    let raw = Raw::new_unchecked(raw, encoding, Span::new_unchecked(span.start, span.end));
    let mut out = String::new();
    if key {
        raw.decode_key(&mut out, &mut ());
    } else {
        let _ = raw.decode_scalar(&mut out, &mut ());
    }
    Some(out)
}
