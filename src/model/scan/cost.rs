//! The estimate of what the loaded model keeps for a file, counted token by
//! token: a value is a string with its allocation; a key costs nothing but
//! where it becomes a string itself (stances, inline tables); a table costs
//! what its model struct does. Measured on the release build: a one-letter
//! tag keeps about 76 bytes, a stance (key and value) 125, a minimal item
//! 530, a generated 1.5 KB item about 2.9 KB with its quotes.

use toml_parser::lexer::TokenKind;

/// A value (string, number, date, array element).
pub const COST_VALUE: usize = 80;
/// A `[[section.item]]`, or an inline table, or a table of no known kind.
pub const COST_ITEM: usize = 640;
/// A `[[section]]`.
pub const COST_SECTION: usize = 256;
/// A `[[section.item.quote]]`.
pub const COST_QUOTE: usize = 192;
/// An `[actor.x]` or `[source.x]`, with its place in the id index.
pub const COST_DECL: usize = 384;

/// Every file may reach this estimate (16 MiB), however small.
pub const FLOOR: usize = 16 << 20;

/// The estimate a file of `len` bytes may reach: [`FLOOR`] plus two and a
/// half times its size. With the text itself and the pieces being parsed,
/// loading then peaks under four times the file plus a few tens of MiB.
pub fn budget(len: usize) -> usize {
    FLOOR.saturating_add(len.saturating_mul(2).saturating_add(len / 2))
}

/// Brackets followed for telling keys from values; deeper ones count as values.
const MAX_DEPTH: usize = 64;

/// The running estimate, with what it needs to tell keys from values.
#[derive(Debug, Default)]
pub struct Estimate {
    pub bytes: usize,
    /// Open `[` (arrays) and `{` (inline tables), up to [`MAX_DEPTH`].
    stack: Vec<TokenKind>,
    /// Open brackets past [`MAX_DEPTH`].
    deeper: usize,
    /// The next string or word is a value, not a key.
    value_next: bool,
    /// The current table's keys become strings (stances).
    keys_cost: bool,
}

impl Estimate {
    /// A token outside a header line.
    pub fn token(&mut self, kind: TokenKind) {
        let inline = self.stack.last() == Some(&TokenKind::LeftCurlyBracket);
        match kind {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                if kind == TokenKind::LeftCurlyBracket {
                    self.bytes += COST_ITEM;
                }
                if self.stack.len() < MAX_DEPTH {
                    self.stack.push(kind);
                } else {
                    self.deeper += 1;
                }
                self.value_next = kind == TokenKind::LeftSquareBracket;
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                if self.deeper > 0 {
                    self.deeper -= 1;
                } else {
                    self.stack.pop();
                }
                self.value_next = false;
            }
            TokenKind::Equals => self.value_next = true,
            TokenKind::Comma => self.value_next = !inline,
            TokenKind::Newline if self.stack.is_empty() => self.value_next = false,
            TokenKind::BasicString
            | TokenKind::LiteralString
            | TokenKind::MlBasicString
            | TokenKind::MlLiteralString
            | TokenKind::Atom => {
                let value = self.value_next || self.deeper > 0;
                if value || self.keys_cost || inline {
                    self.bytes += COST_VALUE;
                }
            }
            _ => {}
        }
    }

    /// A header line: `brackets` 1 for `[t]`, 2 for `[[t]]`, 0 for one that
    /// is not plain; `words` its dotted key.
    pub fn header(&mut self, brackets: usize, words: &[&str]) {
        self.stack.clear();
        self.deeper = 0;
        self.value_next = false;
        self.keys_cost = matches!((brackets, words), (1, ["section", "item", "stances"]));
        self.bytes += match (brackets, words) {
            (1, ["briefing"]) | (1, ["section", "item", "stances"]) => 0,
            (2, ["section"]) => COST_SECTION,
            (2, ["section", "item", "quote"]) => COST_QUOTE,
            (1, ["actor" | "source", _]) => COST_DECL,
            _ => COST_ITEM,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml_parser::Source;

    /// The estimate of a text without headers.
    fn estimate(text: &str) -> usize {
        let mut e = Estimate::default();
        for t in Source::new(text).lex() {
            e.token(t.kind());
        }
        e.bytes
    }

    #[test]
    fn values_cost_and_keys_do_not() {
        assert_eq!(estimate("title = \"x\"\n"), COST_VALUE);
        assert_eq!(estimate("a.b = 1\nc = 2\n"), 2 * COST_VALUE);
        assert_eq!(estimate("tags = [\"a\", \"b\",\n \"c\"]\n"), 3 * COST_VALUE);
        assert_eq!(estimate("x = [[1, 2], [3]]\n"), 3 * COST_VALUE);
        // An inline table's keys may become strings: they count.
        assert_eq!(
            estimate("s = { a = \"x\", b = \"y\" }\n"),
            COST_ITEM + 4 * COST_VALUE
        );
        assert_eq!(
            estimate("i = [{ t = \"x\" }, { t = \"y\" }]\n"),
            2 * (COST_ITEM + 2 * COST_VALUE)
        );
    }

    #[test]
    fn headers_cost_their_table_and_stance_keys_count() {
        let mut e = Estimate::default();
        e.header(2, &["section", "item"]);
        e.header(2, &["section", "item", "quote"]);
        e.header(1, &["briefing"]);
        assert_eq!(e.bytes, COST_ITEM + COST_QUOTE);
        e.header(1, &["section", "item", "stances"]);
        for t in Source::new("territory = \"no\"\n").lex() {
            e.token(t.kind());
        }
        assert_eq!(e.bytes, COST_ITEM + COST_QUOTE + 2 * COST_VALUE);
    }

    #[test]
    fn the_budget_grows_with_the_file() {
        assert_eq!(budget(0), FLOOR);
        assert_eq!(budget(10), FLOOR + 25);
        assert_eq!(budget(usize::MAX), usize::MAX);
    }
}
