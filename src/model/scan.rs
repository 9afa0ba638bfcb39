//! A first pass over the text with toml's own lexer (tokens are looked at one
//! at a time and dropped): where the file can be cut into pieces that parse
//! on their own, and whether loading it stays within memory in proportion to
//! its size. Runs before any TOML tree is built.
//!
//! toml builds a token list, an event list and a document tree for all the
//! text it is given: ten times the text for ordinary files, sixty for arrays
//! of tiny values. So the loader never gives it more than one piece: the text
//! from one `[[section]]` or `[[section.item]]` header line to the next, of at
//! most [`MAX_PIECE_TOKENS`] tokens. And the model built from the pieces is
//! kept in proportion by an estimate of its size, counted here: a file whose
//! estimate passes [`budget`] is refused before it is parsed. Both limits are
//! in SECURITY.md's limits table.

use super::diagnostic::{Diagnostic, thousands};
use toml_parser::Source;
use toml_parser::lexer::{Lexer, Token, TokenKind};

mod cost;
#[cfg(test)]
mod tests;

use cost::{COST_DECL, COST_ITEM, COST_VALUE, Estimate};
pub use cost::{FLOOR, budget};

/// Tokens (keys, values, punctuation, comments, line breaks) in one piece.
/// What toml builds for a piece is about 100 bytes a token at most.
pub const MAX_PIECE_TOKENS: usize = 1 << 18;

/// Where a piece starts: the line of a `[[section]]` (or `[[section.item]]`) header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub at: usize,
    pub item: bool,
    /// Tokens from here to the next cut.
    pub tokens: usize,
    /// For a section: how many `[[section.item]]` cuts follow it (room to make).
    pub items: usize,
}

/// How the file is to be read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// The pieces after the head; empty when the file must be read in one
    /// piece (no sections, or a layout that cutting would change the meaning of).
    pub cuts: Vec<Cut>,
}

/// The plan for `text`, or the error that refuses it.
pub fn plan(text: &str) -> Result<Plan, Diagnostic> {
    let mut s = Scanner::new(text);
    let mut tokens = Source::new(text).lex();
    while let Some(t) = tokens.next() {
        if t.kind() == TokenKind::LeftSquareBracket && s.at_header() {
            s.header(&t, &mut tokens)?;
        } else {
            s.count(&t, false)?;
            s.root_key(&t);
            s.follow(&t);
        }
    }
    s.finish()
}

struct Scanner<'t> {
    text: &'t str,
    cuts: Vec<Cut>,
    /// Tokens in the current piece (the head until the first cut), and in all.
    piece: usize,
    total: usize,
    /// Open `[` and `{` in values.
    depth: usize,
    /// Only whitespace since the line began.
    line_start: bool,
    estimate: Estimate,
    budget: usize,
    /// The first header (or key) that shows the file cannot be cut.
    uncuttable: Option<usize>,
    /// A header was seen: keys are no longer top-level ones.
    in_table: bool,
    /// Where in `cuts` the last section is.
    last_section: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            cuts: Vec::new(),
            piece: 0,
            total: 0,
            depth: 0,
            line_start: true,
            estimate: Estimate::default(),
            budget: budget(text.len()),
            uncuttable: None,
            in_table: false,
            last_section: 0,
        }
    }

    /// A top-level `section = ...` (or `section.x = ...`) makes `section`
    /// something the `[[section]]` pieces cannot be added to on their own.
    fn root_key(&mut self, t: &Token) {
        if self.in_table || !self.at_header() {
            return;
        }
        let span = t.span();
        let word = self.text[span.start()..span.end()].trim_matches(['"', '\'']);
        let key = matches!(
            t.kind(),
            TokenKind::Atom | TokenKind::BasicString | TokenKind::LiteralString
        );
        if key && word == "section" {
            self.uncuttable.get_or_insert(span.start());
        }
    }

    fn at_header(&self) -> bool {
        self.line_start && self.depth == 0
    }

    /// Counts a token against its piece and, outside header lines, the estimate.
    fn count(&mut self, t: &Token, header: bool) -> Result<(), Diagnostic> {
        self.piece += 1;
        self.total += 1;
        if self.piece > MAX_PIECE_TOKENS {
            return Err(self.too_long(t.span().start()));
        }
        if !header {
            self.estimate.token(t.kind());
        }
        self.over_budget(t.span().start())
    }

    fn over_budget(&self, at: usize) -> Result<(), Diagnostic> {
        if self.estimate.bytes > self.budget {
            return Err(self.too_dense(at));
        }
        Ok(())
    }

    /// Follows brackets and line starts past an ordinary token.
    fn follow(&mut self, t: &Token) {
        match t.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => self.depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                self.depth = self.depth.saturating_sub(1);
            }
            _ => {}
        }
        self.line_start = match t.kind() {
            TokenKind::Newline => true,
            TokenKind::Whitespace => self.line_start,
            _ => false,
        };
    }

    /// Reads a header line from its first `[` to the line's end and acts on it.
    fn header(&mut self, open: &Token, tokens: &mut Lexer<'_>) -> Result<(), Diagnostic> {
        let mut words: Vec<&'t str> = Vec::new();
        let (mut opened, mut closed, mut plain) = (1, 0, true);
        self.count(open, true)?;
        for t in tokens.by_ref() {
            self.count(&t, true)?;
            match t.kind() {
                TokenKind::Newline | TokenKind::Eof => break,
                TokenKind::LeftSquareBracket if words.is_empty() && opened == 1 => opened += 1,
                TokenKind::RightSquareBracket => closed += 1,
                TokenKind::Atom if closed == 0 && words.len() < 4 => {
                    words.push(&self.text[t.span().start()..t.span().end()]);
                }
                TokenKind::Whitespace | TokenKind::Dot | TokenKind::Comment => {}
                _ => plain = false,
            }
        }
        self.line_start = true;
        self.in_table = true;
        let kind = if plain && opened == closed { opened } else { 0 };
        let at = open.span().start();
        self.estimate.header(kind, &words);
        self.place(at, kind, &words);
        self.over_budget(at)
    }

    /// A cut, a header a cut file may have after its first section, or one
    /// that makes the file one piece. `brackets` is 1 for `[t]`, 2 for
    /// `[[t]]`, 0 for anything else.
    fn place(&mut self, at: usize, brackets: usize, words: &[&str]) {
        let in_sections = !self.cuts.is_empty();
        match (brackets, words) {
            (2, ["section"]) => self.cut(at, false),
            (2, ["section", "item"]) if in_sections => self.cut(at, true),
            (2, ["section", "item", "quote"]) | (1, ["section", "item", "stances"])
                if in_sections => {}
            (1 | 2, [first, ..]) if !in_sections && *first != "section" => {}
            _ => {
                self.uncuttable.get_or_insert(at);
            }
        }
    }

    fn cut(&mut self, at: usize, item: bool) {
        if let Some(last) = self.cuts.last_mut() {
            last.tokens = self.piece;
        }
        self.piece = 0;
        if !item {
            self.last_section = self.cuts.len();
        } else if let Some(section) = self.cuts.get_mut(self.last_section) {
            section.items += 1;
        }
        self.cuts.push(Cut {
            at,
            item,
            tokens: 0,
            items: 0,
        });
    }

    fn finish(mut self) -> Result<Plan, Diagnostic> {
        if let Some(last) = self.cuts.last_mut() {
            last.tokens = self.piece;
        }
        match self.uncuttable {
            None => Ok(Plan { cuts: self.cuts }),
            // One piece: all its tokens count against the one limit.
            Some(at) if self.total > MAX_PIECE_TOKENS => Err(self.uncut(at)),
            Some(_) => Ok(Plan::default()),
        }
    }

    /// 1-based line of a byte offset (only when refusing a file).
    fn line(&self, at: usize) -> usize {
        self.text.as_bytes()[..at.min(self.text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn too_long(&self, at: usize) -> Diagnostic {
        let from = self.cuts.last().map_or(1, |c| self.line(c.at));
        let msg = format!(
            "too much in one table: more than {} tokens (keys, values, punctuation, line breaks) since line {from}",
            thousands(MAX_PIECE_TOKENS)
        );
        let help = "each `[[section]]` and `[[section.item]]` header starts a new piece: split this table into more items or sections (see SECURITY.md, limits)";
        Diagnostic::error("too-big", msg, Some(at..at + 1)).with_help(help)
    }

    fn too_dense(&self, at: usize) -> Diagnostic {
        let msg = format!(
            "too many small values for the file's size: loading them would take more than {} MiB ({} MiB plus 2.5 times the file)",
            self.budget >> 20,
            FLOOR >> 20,
        );
        let help = format!(
            "the estimate counts {COST_VALUE} bytes a value, {COST_DECL} an actor or source and {COST_ITEM} an item; it passes the limit here (see SECURITY.md, limits)"
        );
        Diagnostic::error("too-big", msg, Some(at..at + 1)).with_help(help)
    }

    fn uncut(&self, at: usize) -> Diagnostic {
        let msg = format!(
            "this table after the first `[[section]]` makes the file one piece, and it has more than {} tokens",
            thousands(MAX_PIECE_TOKENS)
        );
        let help = "declare `[briefing]`, actors and sources before the first `[[section]]`; after it, only `[[section]]`, `[[section.item]]`, `[[section.item.quote]]` and `[section.item.stances]` let a big file be read in pieces";
        Diagnostic::error("too-big", msg, Some(at..at + 1)).with_help(help)
    }
}
