//! Flags (pairs of regional-indicator letters) are one two-cell grapheme to
//! ratatui, but tmux and some terminals give each letter a cell of its own.
//! When a flag is later overwritten, ratatui rewrites only the first cell (it
//! believes the second was blank all along), and the terminal keeps the
//! second letter on screen. Marking the cell after each flag with an empty
//! symbol makes it differ from a blank one, so the frame that removes the
//! flag rewrites that cell too. The mark is never printed: ratatui's diff
//! skips the cell after a wide grapheme while the grapheme is there.

use ratatui::buffer::Buffer;

/// Marks the cell after every flag in `buf`; nothing to do until the
/// sanitiser has seen a flag in some text.
pub fn mark_after_flags(buf: &mut Buffer) {
    let width = usize::from(buf.area.width);
    if width == 0 || !crate::model::sanitize::saw_flag() {
        return;
    }
    for row in buf.content.chunks_mut(width) {
        for i in 0..row.len().saturating_sub(1) {
            if is_flag(row[i].symbol()) && row[i + 1].symbol() == " " {
                row[i + 1].set_symbol("");
            }
        }
    }
}

/// A grapheme made of regional indicators (U+1F1E6..=U+1F1FF): their UTF-8
/// starts F0 9F 87, a cheap test on every cell.
fn is_flag(symbol: &str) -> bool {
    symbol.as_bytes().starts_with(&[0xf0, 0x9f, 0x87])
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn frame(text: &str) -> Buffer {
        // As when the briefing's text went through the sanitiser.
        let _ = crate::model::sanitize::sanitize("\u{1f1fa}\u{1f1e6}");
        assert!(crate::model::sanitize::saw_flag());
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, text, Style::default());
        mark_after_flags(&mut buf);
        buf
    }

    #[test]
    fn removing_a_flag_rewrites_both_of_its_cells() {
        let with = frame("a\u{1f1fa}\u{1f1e6}b");
        let without = frame("a  b");
        let updates: Vec<u16> = with.diff(&without).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(updates, [1, 2]);
        // Without the mark only the first cell is rewritten.
        let mut plain = Buffer::empty(Rect::new(0, 0, 8, 1));
        plain.set_string(0, 0, "a\u{1f1fa}\u{1f1e6}b", Style::default());
        let updates: Vec<u16> = plain.diff(&without).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(updates, [1]);
    }

    #[test]
    fn the_mark_is_never_sent_while_the_flag_is_there() {
        let blank = Buffer::empty(Rect::new(0, 0, 8, 1));
        let with = frame("a\u{1f1fa}\u{1f1e6}b");
        let sent: Vec<(u16, String)> = (blank.diff(&with).iter())
            .map(|(x, _, c)| (*x, c.symbol().to_string()))
            .collect();
        assert!(sent.iter().all(|(_, s)| !s.is_empty()), "{sent:?}");
        // Other wide characters and plain text are left alone.
        let cjk = frame("界a");
        assert_eq!(cjk[(1, 0)].symbol(), " ");
        assert_eq!(frame("ab")[(1, 0)].symbol(), "b");
    }
}
