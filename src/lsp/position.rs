//! Positions as the protocol counts them, to and from byte offsets: a line
//! and a column in UTF-16 code units, or in UTF-8 bytes when the client
//! offers that (`positionEncoding`). Out-of-range positions are clamped:
//! past a line's end to its end, past the last line to the text's end, and
//! a column inside a character (half a surrogate pair) to the character's start.

use ls_types::Position;
use std::cell::OnceCell;

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The protocol's name for it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16 => "utf-16",
        }
    }
}

/// Bytes between the UTF-16 checkpoints: a look-up reads at most this many
/// bytes past one, however long the line.
const BLOCK: usize = 256;

/// Line starts and UTF-16 counts of one text.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// Where each line starts (the first is 0).
    starts: Vec<usize>,
    /// UTF-16 units before each multiple of [`BLOCK`] bytes: counted on
    /// first need, since only a place in a long line needs them.
    units: OnceCell<Vec<usize>>,
    len: usize,
}

/// Lines up to this long are counted from their start, not from checkpoints.
const SHORT: usize = 4 * BLOCK;

/// UTF-16 units a byte adds: a 4-byte character's lead byte counts two
/// (a surrogate pair), a continuation byte none, any other byte one.
fn units_of(b: u8) -> usize {
    // Branch-free, so that counting a block vectorises.
    usize::from(!(0x80..0xc0).contains(&b)) + usize::from(b >= 0xf0)
}

fn units_in(bytes: &[u8]) -> usize {
    bytes.iter().map(|&b| units_of(b)).sum()
}

impl Lines {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        Self {
            starts,
            units: OnceCell::new(),
            len: bytes.len(),
        }
    }

    /// The checkpoints, counted the first time they are needed.
    fn checkpoints(&self, bytes: &[u8]) -> &[usize] {
        self.units.get_or_init(|| {
            let mut units = Vec::with_capacity(bytes.len() / BLOCK + 2);
            let mut count = 0;
            for block in bytes.chunks(BLOCK) {
                units.push(count);
                count += units_in(block);
            }
            if bytes.len().is_multiple_of(BLOCK) {
                units.push(count);
            }
            units
        })
    }

    /// How many lines (a text ending in a newline has an empty last one).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// UTF-16 units before `offset` (a character boundary).
    fn units_before(&self, text: &[u8], offset: usize) -> usize {
        let block = offset / BLOCK;
        self.checkpoints(text)[block] + units_in(&text[block * BLOCK..offset])
    }

    /// UTF-16 units from `start` to `offset` in one line.
    fn units_between(&self, text: &[u8], start: usize, offset: usize) -> usize {
        if offset - start <= SHORT {
            units_in(&text[start..offset])
        } else {
            self.units_before(text, offset) - self.units_before(text, start)
        }
    }

    /// The line holding `offset`, and where it starts.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        (line, self.starts[line])
    }

    /// Where line `line`'s text ends (before its `\n`, or `\r\n`).
    fn line_end(&self, text: &[u8], line: usize) -> usize {
        let Some(&next) = self.starts.get(line + 1) else {
            return self.len;
        };
        let end = next - 1;
        if end > self.starts[line] && text[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// The position of byte `offset` (clamped to the text, and down to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize, enc: Encoding) -> Position {
        let offset = floor_char(text, offset.min(self.len));
        let (line, start) = self.line_of(offset);
        let column = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => self.units_between(text.as_bytes(), start, offset),
        };
        Position::new(clamp_u32(line), clamp_u32(column))
    }

    /// The byte offset of `pos`, clamped as the module says.
    pub fn offset(&self, text: &str, pos: Position, enc: Encoding) -> usize {
        let bytes = text.as_bytes();
        let line = pos.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[line];
        let end = self.line_end(bytes, line);
        let column = pos.character as usize;
        match enc {
            Encoding::Utf8 => floor_char(text, start.saturating_add(column).min(end)),
            Encoding::Utf16 => self.offset_utf16(bytes, start, end, column),
        }
    }

    /// The offset `column` UTF-16 units into the line `start..end`.
    fn offset_utf16(&self, bytes: &[u8], start: usize, end: usize, column: usize) -> usize {
        let (mut at, mut units) = (start, 0);
        if end - start > SHORT {
            // From the last checkpoint in the line at or before the target.
            let base = self.units_before(bytes, start);
            let target = base + column;
            let (first, last) = (start.div_ceil(BLOCK), end / BLOCK);
            if first <= last {
                let blocks = &self.checkpoints(bytes)[first..=last];
                let k = blocks.partition_point(|&u| u <= target);
                if k > 0 {
                    at = floor_char_bytes(bytes, (first + k - 1) * BLOCK).max(start);
                }
            }
            units = self.units_before(bytes, at) - base;
        }
        let target = column;
        while at < end {
            let width = char_len(bytes[at]);
            let step = units_of(bytes[at]);
            if units + step > target {
                break;
            }
            units += step;
            at += width;
        }
        at.min(end)
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Bytes in the character that starts with `lead`.
fn char_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// `offset`, or the start of the character it falls inside.
pub fn floor_char(text: &str, offset: usize) -> usize {
    floor_char_bytes(text.as_bytes(), offset.min(text.len()))
}

fn floor_char_bytes(bytes: &[u8], mut offset: usize) -> usize {
    while offset > 0 && offset < bytes.len() && (bytes[offset] & 0xc0) == 0x80 {
        offset -= 1;
    }
    offset.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, counted from the start of the line.
    fn slow(text: &str, offset: usize, enc: Encoding) -> Position {
        let before = &text[..offset];
        let line = before.matches('\n').count();
        let start = before.rfind('\n').map_or(0, |p| p + 1);
        let col = match enc {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => before[start..].encode_utf16().count(),
        };
        Position::new(line as u32, col as u32)
    }

    fn texts() -> Vec<String> {
        let long = "é🙂e\u{301}".repeat(300);
        vec![
            String::new(),
            "a\nb".into(),
            "北京 = \"会谈\" 🙂\ne\u{301}x\r\ny\n".into(),
            format!(
                "k = \"{long}\"\n{long}\n\n{}🙂\n",
                "x".repeat(BLOCK * 2 - 1)
            ),
        ]
    }

    #[test]
    fn offsets_and_positions_agree_with_counting_from_the_start() {
        for text in texts() {
            let lines = Lines::new(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    if text[..offset].ends_with('\r') {
                        continue; // between `\r` and `\n`: not a place in a line
                    }
                    let pos = lines.position(&text, offset, enc);
                    assert_eq!(pos, slow(&text, offset, enc), "{offset} {enc:?}");
                    assert_eq!(lines.offset(&text, pos, enc), offset, "{pos:?} {enc:?}");
                }
            }
        }
    }

    #[test]
    fn out_of_range_positions_are_clamped() {
        let text = "ab🙂c\r\nxy\n";
        let lines = Lines::new(text);
        let at = |line, character, enc| lines.offset(text, Position { line, character }, enc);
        // Past the end of a line: its end, before `\r\n`.
        assert_eq!(at(0, 99, Encoding::Utf16), 7);
        assert_eq!(at(0, 99, Encoding::Utf8), 7);
        // Inside the surrogate pair, or inside the UTF-8 bytes: the emoji's start.
        assert_eq!(at(0, 3, Encoding::Utf16), 2);
        assert_eq!(at(0, 4, Encoding::Utf16), 6);
        assert_eq!(at(0, 4, Encoding::Utf8), 2);
        // Past the last line: the end.
        assert_eq!(at(9, 0, Encoding::Utf16), text.len());
        assert_eq!(at(u32::MAX, u32::MAX, Encoding::Utf16), text.len());
        // An offset inside a character counts from its start.
        assert_eq!(
            lines.position(text, 4, Encoding::Utf16),
            Position::new(0, 2)
        );
        assert_eq!(
            lines.position(text, 999, Encoding::Utf8),
            Position::new(2, 0)
        );
        assert_eq!(lines.count(), 3);
    }
}
