//! The outline's one pass: tokens line by line, with two recoveries a broken
//! file needs. An unterminated multi-line string ends at its line (toml's
//! lexer would run it to the end of the file); an unclosed array or inline
//! table ends before a line that can only be a header or a key (`[actor.x]`,
//! `title = `), so one missing `]` does not swallow every table after it.

use super::{Entry, Key, Table, Value, ValueKind, decode};
use toml_parser::Source;
use toml_parser::lexer::{Lexer, TokenKind};

/// The tables of `text`, the root first.
pub(super) fn tables(text: &str) -> Vec<Table> {
    let mut w = Walker {
        text,
        tokens: Tokens::new(text),
        tables: vec![Table {
            keys: Vec::new(),
            array: false,
            header: 0..0,
            span: 0..text.len(),
            entries: Vec::new(),
        }],
    };
    w.run();
    w.tables
}

/// A token with its span in the whole text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tok {
    kind: TokenKind,
    start: usize,
    end: usize,
}

impl Tok {
    fn is_key(self) -> bool {
        matches!(
            self.kind,
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString
        )
    }

    fn is_string(self) -> bool {
        matches!(
            self.kind,
            TokenKind::BasicString
                | TokenKind::LiteralString
                | TokenKind::MlBasicString
                | TokenKind::MlLiteralString
        )
    }

    fn ends_line(self) -> bool {
        matches!(self.kind, TokenKind::Newline | TokenKind::Eof)
    }
}

/// toml's lexer over the text, restartable at an offset, with one token of look-back.
struct Tokens<'t> {
    text: &'t str,
    base: usize,
    lexer: Lexer<'t>,
    back: Option<Tok>,
}

impl<'t> Tokens<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            base: 0,
            lexer: Source::new(text).lex(),
            back: None,
        }
    }

    fn next(&mut self) -> Tok {
        if let Some(t) = self.back.take() {
            return t;
        }
        let len = self.text.len();
        let Some(t) = self.lexer.next() else {
            return Tok {
                kind: TokenKind::Eof,
                start: len,
                end: len,
            };
        };
        let (start, end) = (self.base + t.span().start(), self.base + t.span().end());
        let tok = Tok {
            kind: t.kind(),
            start,
            end,
        };
        let ml = matches!(
            t.kind(),
            TokenKind::MlBasicString | TokenKind::MlLiteralString
        );
        if ml && !closed(&self.text[start..end]) {
            // Unterminated: it ends with its line, and lexing goes on after it.
            if let Some(nl) = self.text[start..end].find('\n') {
                self.restart(start + nl);
                return Tok {
                    end: start + nl,
                    ..tok
                };
            }
        }
        tok
    }

    fn push_back(&mut self, t: Tok) {
        self.back = Some(t);
    }

    fn restart(&mut self, at: usize) {
        self.base = at;
        self.lexer = Source::new(&self.text[at..]).lex();
        self.back = None;
    }

    /// The next token that is not whitespace.
    fn next_solid(&mut self) -> Tok {
        loop {
            let t = self.next();
            if t.kind != TokenKind::Whitespace {
                return t;
            }
        }
    }

    /// Skips to the end of the line (past its newline).
    fn skip_line(&mut self) {
        while !self.next().ends_line() {}
    }
}

/// A multi-line string token that has its closing delimiter.
fn closed(raw: &str) -> bool {
    let delim = &raw[..3.min(raw.len())];
    raw.len() >= 6 && raw.ends_with(delim)
}

struct Walker<'t> {
    text: &'t str,
    tokens: Tokens<'t>,
    tables: Vec<Table>,
}

impl Walker<'_> {
    fn run(&mut self) {
        loop {
            let t = self.tokens.next_solid();
            match t.kind {
                TokenKind::Eof => return,
                TokenKind::Newline | TokenKind::Comment => {}
                TokenKind::LeftSquareBracket => self.header(t),
                _ if t.is_key() => self.entry(t),
                _ => self.tokens.skip_line(),
            }
        }
    }

    fn key(&self, t: Tok) -> Key {
        Key {
            name: decode(self.text, t.start..t.end, true).unwrap_or_default(),
            span: t.start..t.end,
        }
    }

    /// `[a.b]` or `[[a.b]]`, to the end of its line.
    fn header(&mut self, open: Tok) {
        let mut keys = Vec::new();
        let mut end = open.end;
        let mut t = self.tokens.next();
        let array = t.kind == TokenKind::LeftSquareBracket && t.start == open.end;
        if array {
            end = t.end;
            t = self.tokens.next();
        }
        let mut closed = false;
        while !t.ends_line() {
            match t.kind {
                _ if t.is_key() && !closed => {
                    keys.push(self.key(t));
                    end = t.end;
                }
                TokenKind::RightSquareBracket => {
                    closed = true;
                    end = t.end;
                }
                _ => {}
            }
            t = self.tokens.next();
        }
        let last = self.tables.len() - 1;
        self.tables[last].span.end = open.start;
        self.tables.push(Table {
            keys,
            array,
            header: open.start..end,
            span: open.start..self.text.len(),
            entries: Vec::new(),
        });
    }

    /// `a.b = value`, or a key with no `=` (being typed).
    fn entry(&mut self, first: Tok) {
        let mut keys = vec![self.key(first)];
        let mut dot = false;
        loop {
            let t = self.tokens.next_solid();
            match t.kind {
                TokenKind::Dot => dot = true,
                _ if t.is_key() && dot => {
                    keys.push(self.key(t));
                    dot = false;
                }
                TokenKind::Equals => {
                    let value = self.value();
                    return self.push(keys, value);
                }
                _ => {
                    let at = keys.last().map_or(t.start, |k| k.span.end);
                    self.push(keys, missing(at));
                    if !t.ends_line() {
                        self.tokens.skip_line();
                    }
                    return;
                }
            }
        }
    }

    fn push(&mut self, keys: Vec<Key>, value: Value) {
        if let Some(table) = self.tables.last_mut() {
            table.entries.push(Entry { keys, value });
        }
    }

    /// The value after an `=`, to the end of its line (or of its brackets).
    fn value(&mut self) -> Value {
        let first = self.tokens.next_solid();
        if first.ends_line() || first.kind == TokenKind::Comment {
            if first.kind == TokenKind::Comment {
                self.tokens.skip_line();
            }
            return missing(first.start);
        }
        let kind = match first.kind {
            TokenKind::LeftSquareBracket => ValueKind::Array,
            TokenKind::LeftCurlyBracket => ValueKind::InlineTable,
            _ if first.is_string() => ValueKind::String,
            _ => ValueKind::Other,
        };
        let mut value = Value {
            kind,
            span: first.start..first.end,
            strings: Vec::new(),
            inline: Vec::new(),
        };
        let recovered = match kind {
            ValueKind::Array | ValueKind::InlineTable => self.nested(first, &mut value),
            ValueKind::String => {
                value.strings.push(first.start..first.end);
                false
            }
            _ => false,
        };
        if !recovered {
            self.rest_of_line(&mut value);
        }
        value
    }

    /// Tokens up to the end of the line: a scalar's tail (`1.5`, a date-time).
    fn rest_of_line(&mut self, value: &mut Value) {
        loop {
            let t = self.tokens.next();
            match t.kind {
                TokenKind::Newline | TokenKind::Eof => return,
                TokenKind::Comment => {}
                TokenKind::Whitespace => {}
                _ if value.kind == ValueKind::Other => value.span.end = t.end,
                _ => {}
            }
        }
    }

    /// An array or inline table, to its closing bracket; true when it ended
    /// instead before a line that shows it was never closed.
    fn nested(&mut self, open: Tok, value: &mut Value) -> bool {
        let mut stack = vec![open.kind];
        let mut line_start = false;
        let mut pair = Pair::default();
        while !stack.is_empty() {
            let t = self.tokens.next();
            if line_start && t.kind != TokenKind::Whitespace {
                if self.starts_over(t.start, stack.last() == Some(&TokenKind::LeftSquareBracket)) {
                    // Give the line back: whatever it holds is read afresh.
                    self.tokens.restart(t.start);
                    return true;
                }
                line_start = false;
            }
            let in_table = stack.last() == Some(&TokenKind::LeftCurlyBracket);
            match t.kind {
                TokenKind::Eof => {
                    self.tokens.push_back(t);
                    return true;
                }
                TokenKind::Newline => line_start = true,
                TokenKind::Whitespace | TokenKind::Comment | TokenKind::Dot => {}
                TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                    stack.push(t.kind);
                    pair = Pair::default();
                }
                TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                    stack.pop();
                    pair = Pair::default();
                }
                TokenKind::Equals if in_table => pair.equals = true,
                _ if in_table && pair.equals && t.is_string() => {
                    if let Some(key) = pair.key.take() {
                        value.inline.push((key, t.start..t.end));
                    }
                    pair = Pair::default();
                }
                _ if in_table && !pair.equals && t.is_key() => pair.key = Some(self.key(t)),
                _ if t.is_string() && stack.len() == 1 => value.strings.push(t.start..t.end),
                _ => pair = Pair::default(),
            }
            if !matches!(
                t.kind,
                TokenKind::Whitespace | TokenKind::Newline | TokenKind::Comment
            ) {
                value.span.end = t.end;
            }
        }
        false
    }

    /// True when the line at `at`, inside an unclosed bracket, can only be a
    /// header of the format's tables (`[actor.x]`, `[[section]]`) or, in an
    /// array, a `key =` line.
    fn starts_over(&self, at: usize, in_array: bool) -> bool {
        let line = self.text[at..].split('\n').next().unwrap_or("");
        let line = line.split('#').next().unwrap_or("").trim_end();
        if let Some(inner) = line.strip_prefix('[') {
            let inner = inner.trim_start_matches('[').trim_start();
            let word: String = inner
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            let known = ["briefing", "actor", "source", "section"].contains(&word.as_str());
            return known && line.ends_with(']') && !line.contains(',');
        }
        let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
        let key_len = line.chars().take_while(|&c| word(c)).count();
        in_array && key_len > 0 && line[key_len..].trim_start().starts_with('=')
    }
}

/// A `key = "string"` being read inside an inline table.
#[derive(Default)]
struct Pair {
    key: Option<Key>,
    equals: bool,
}

fn missing(at: usize) -> Value {
    Value {
        kind: ValueKind::Missing,
        span: at..at,
        strings: Vec::new(),
        inline: Vec::new(),
    }
}
