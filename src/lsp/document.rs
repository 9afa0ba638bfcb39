//! The open documents: each one's text as the client last sent it, its
//! version, and what is worked out from the text on first use (line starts,
//! the outline and its ids), dropped on the next change.

use super::index::Index;
use super::position::{Encoding, Lines};
use ls_types::{Position, Range as LspRange, TextDocumentContentChangeEvent, Uri};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

/// One open document.
#[derive(Debug)]
pub struct Document {
    pub uri: Uri,
    pub version: i32,
    /// Shared with the diagnostics worker, which checks a snapshot.
    pub text: Arc<String>,
    lines: OnceCell<Lines>,
    index: OnceCell<Index>,
}

impl Document {
    pub fn new(uri: Uri, version: i32, text: String) -> Self {
        Self {
            uri,
            version,
            text: Arc::new(text),
            lines: OnceCell::new(),
            index: OnceCell::new(),
        }
    }

    pub fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| Lines::new(&self.text))
    }

    /// The outline, declared ids and their uses.
    pub fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(&self.text))
    }

    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        self.lines().offset(&self.text, pos, enc)
    }

    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        self.lines().position(&self.text, offset, enc)
    }

    pub fn range(&self, span: &Range<usize>, enc: Encoding) -> LspRange {
        LspRange::new(self.position(span.start, enc), self.position(span.end, enc))
    }

    /// Applies the client's changes in order (each range is in the text as
    /// the changes before it left it) and takes the new version.
    pub fn change(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = Arc::new(change.text),
                Some(range) => {
                    let start = self.offset(range.start, enc);
                    let end = self.offset(range.end, enc).max(start);
                    Arc::make_mut(&mut self.text).replace_range(start..end, &change.text);
                }
            }
            self.lines = OnceCell::new();
        }
        self.index = OnceCell::new();
        self.version = version;
    }
}

/// The documents by URI.
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, doc: Document) {
        self.docs.insert(doc.uri.clone(), doc);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        self.docs.remove(uri)
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.docs.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.docs.get_mut(uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                LspRange::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.into(),
        }
    }

    fn doc(text: &str) -> Document {
        let uri: Uri = "file:///t.toml".parse().unwrap();
        Document::new(uri, 1, text.into())
    }

    #[test]
    fn changes_apply_in_order_in_utf16() {
        let mut d = doc("名前 = \"🙂x\"\nb = 1\n");
        // Replace `x` (after the emoji's two units), then insert on line 2.
        let edits = vec![
            change(Some(((0, 8), (0, 9))), "yz"),
            change(Some(((1, 0), (1, 0))), "# c\n"),
        ];
        d.change(2, edits, Encoding::Utf16);
        assert_eq!(d.text.as_str(), "名前 = \"🙂yz\"\n# c\nb = 1\n");
        assert_eq!(d.version, 2);
        d.change(3, vec![change(None, "whole")], Encoding::Utf16);
        assert_eq!(d.text.as_str(), "whole");
    }

    #[test]
    fn changes_in_utf8_and_out_of_range_ones() {
        let mut d = doc("é = 1\n");
        d.change(2, vec![change(Some(((0, 2), (0, 2))), "x")], Encoding::Utf8);
        assert_eq!(d.text.as_str(), "éx = 1\n");
        // Reversed and far-off ranges are clamped, never a panic.
        d.change(3, vec![change(Some(((0, 5), (0, 1))), "!")], Encoding::Utf8);
        d.change(
            4,
            vec![change(Some(((9, 9), (99, 0))), "END")],
            Encoding::Utf8,
        );
        assert!(d.text.ends_with("END"), "{}", d.text);
    }

    #[test]
    fn a_snapshot_held_elsewhere_is_not_changed() {
        let mut d = doc("a = 1\n");
        let held = Arc::clone(&d.text);
        d.change(
            2,
            vec![change(Some(((0, 4), (0, 5))), "2")],
            Encoding::Utf16,
        );
        assert_eq!(held.as_str(), "a = 1\n");
        assert_eq!(d.text.as_str(), "a = 2\n");
    }
}
