//! Line and column of a byte offset without rescanning the text: counts kept
//! every [`BLOCK`] bytes, so one look-up reads at most two blocks however long
//! the file or its lines (a diagnostic per reference on a 10 MB line must not
//! count the line again for each).

/// Bytes between checkpoints: the index is about 5% of the text.
const BLOCK: usize = 512;

/// Checkpoints at every multiple of [`BLOCK`] (and the end).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Newlines before the checkpoint.
    newlines: Vec<usize>,
    /// Characters (UTF-8 lead bytes) before the checkpoint.
    chars: Vec<usize>,
    /// Where the line holding the checkpoint starts.
    line_starts: Vec<usize>,
}

/// A byte that starts a character (or is a stray one): not `10xxxxxx`.
fn starts_char(b: u8) -> bool {
    b & 0xc0 != 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let points = text.len() / BLOCK + 1;
        let mut index = Self {
            newlines: Vec::with_capacity(points),
            chars: Vec::with_capacity(points),
            line_starts: Vec::with_capacity(points),
        };
        let (mut newlines, mut chars, mut line_start) = (0, 0, 0);
        for (i, block) in text.as_bytes().chunks(BLOCK).enumerate() {
            index.newlines.push(newlines);
            index.chars.push(chars);
            index.line_starts.push(line_start);
            for (j, &b) in block.iter().enumerate() {
                if b == b'\n' {
                    newlines += 1;
                    line_start = i * BLOCK + j + 1;
                }
                chars += usize::from(starts_char(b));
            }
        }
        if index.newlines.len() < points {
            index.newlines.push(newlines);
            index.chars.push(chars);
            index.line_starts.push(line_start);
        }
        index
    }

    /// 1-based (line, column) of `offset` in `text` (the text the index was
    /// built from); the column counts characters, a partial one as one.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        let offset = offset.min(bytes.len());
        let block = offset / BLOCK;
        let Some(&before) = self.newlines.get(block) else {
            return (1, 1);
        };
        let base = block * BLOCK;
        let seg = &bytes[base..offset];
        let line = before + seg.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = match seg.iter().rposition(|&b| b == b'\n') {
            Some(p) => base + p + 1,
            None => self.line_starts[block],
        };
        let col = self.chars_at(bytes, offset) - self.chars_at(bytes, line_start) + 1;
        (line, col)
    }

    /// Characters before `offset`.
    fn chars_at(&self, bytes: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = block * BLOCK;
        let rest = bytes[base..offset].iter().filter(|&&b| starts_char(b));
        self.chars[block] + rest.count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: count what comes before, from the start.
    fn slow(text: &str, offset: usize) -> (usize, usize) {
        let before = &text.as_bytes()[..offset.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        (line, col)
    }

    #[test]
    fn agrees_with_counting_from_the_start() {
        let long = "é".repeat(700);
        let mut text = format!("ab\nКиїв = 1\n{long}\n\n\n{}x\n", "y".repeat(BLOCK * 3));
        text.push_str(&"z\n".repeat(BLOCK));
        let index = LineIndex::new(&text);
        for offset in (0..text.len() + 3).chain([usize::MAX]) {
            assert_eq!(
                index.line_col(&text, offset),
                slow(&text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn empty_and_exact_block_texts() {
        assert_eq!(LineIndex::new("").line_col("", 5), (1, 1));
        let text = "a".repeat(BLOCK * 2);
        let index = LineIndex::new(&text);
        assert_eq!(index.line_col(&text, text.len()), (1, BLOCK * 2 + 1));
    }
}
