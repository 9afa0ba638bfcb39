//! Writing lines into the frame's buffer: exactly the cells ratatui's `Line`
//! and `Paragraph` widgets write, but lines in which every character is its
//! own grapheme and one cell wide skip grapheme segmentation, which was most
//! of a full screen's cost. Any other line goes through ratatui itself, so the
//! two can never disagree on wide, combining or zero-width text.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

/// Left-aligned and made of one-cell characters: one cell per character.
fn is_one_cell_each(line: &Line<'_>) -> bool {
    matches!(line.alignment, None | Some(Alignment::Left))
        && line.spans.iter().all(|s| is_one_cell_text(&s.content))
}

/// Every character of `text` is one cell. Printable ASCII, nearly all text,
/// is checked a byte at a time, which the compiler vectorises.
fn is_one_cell_text(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b)) || text.chars().all(is_one_cell)
}

/// A character that is a grapheme on its own whatever surrounds it, and one
/// cell wide. Outside ASCII, only ranges whose characters all have the
/// Unicode grapheme-break property "Other" qualify (no combining marks,
/// joiners, format or control characters), less the two emoji among them that
/// are two cells wide. Tests check every one against unicode-segmentation and
/// ratatui's own width, so a change in either crate shows up there.
fn is_one_cell(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    matches!(c,
        '\u{a0}'..='\u{ac}' | '\u{ae}'..='\u{24f}' // Latin-1, Latin Extended-A/B
        | '\u{400}'..='\u{482}' | '\u{48a}'..='\u{4ff}' // Cyrillic letters
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' // punctuation
        | '\u{20a0}'..='\u{20c0}' | '\u{2100}'..='\u{214f}' // currency, letterlike
        | '\u{2190}'..='\u{21ff}' | '\u{2500}'..='\u{25fc}' // arrows, boxes, shapes
        | '\u{25ff}'
    )
}

/// Writes `text` (one cell per character) into row `y` from `x`, cut at
/// `right`; returns the next x.
fn run(buf: &mut Buffer, (x, y): (u16, u16), right: u16, text: &str, style: Style) -> u16 {
    let room = usize::from(right.saturating_sub(x));
    if room == 0 || text.is_empty() {
        return x;
    }
    let start = buf.index_of(x, y);
    let mut written = 0;
    for (cell, c) in buf.content[start..start + room]
        .iter_mut()
        .zip(text.chars())
    {
        // A space on a blank cell leaves the symbol as it is: the two are the
        // same cell to ratatui (equal, drawn alike), and most of a full screen
        // is padding, so this saves a symbol copy per blank cell.
        if c != ' ' || cell.symbol() != " " {
            cell.set_char(c);
        }
        cell.set_style(style);
        written += 1;
    }
    // `written <= room <= u16::MAX`.
    x + written as u16
}

/// Draws one line as `frame.render_widget(line, area)` would.
pub fn line(buf: &mut Buffer, area: Rect, line: &Line<'_>) {
    if !is_one_cell_each(line) {
        line.render(area, buf);
        return;
    }
    let area = area.intersection(buf.area);
    if area.is_empty() || line.spans.iter().all(|s| s.content.is_empty()) {
        return;
    }
    // The widget styles its whole row, then each span's cells.
    buf.set_style(Rect { height: 1, ..area }, line.style);
    let mut x = area.x;
    for span in &line.spans {
        x = run(buf, (x, area.y), area.right(), &span.content, span.style);
    }
}

/// Draws lines top-down as `frame.render_widget(Paragraph::new(lines), area)`
/// would (no wrapping, no scroll, no block).
pub fn lines(buf: &mut Buffer, area: Rect, lines: &[Line<'_>]) {
    let area = area.intersection(buf.area);
    for (line, row) in lines.iter().zip(area.rows()) {
        if is_one_cell_each(line) {
            // The paragraph styles only the cells its text covers.
            let base = Style::default().patch(line.style);
            let mut x = row.x;
            for span in &line.spans {
                let style = base.patch(span.style);
                x = run(buf, (x, row.y), row.right(), &span.content, style);
            }
        } else {
            // A paragraph's rows are independent: one line at a time draws
            // the same cells as all at once.
            Paragraph::new(borrowed(line)).render(row, buf);
        }
    }
}

/// The same line, borrowing its text instead of copying it.
fn borrowed<'a>(line: &'a Line<'_>) -> Line<'a> {
    Line {
        style: line.style,
        alignment: line.alignment,
        spans: line
            .spans
            .iter()
            .map(|s| Span::styled(s.content.as_ref(), s.style))
            .collect(),
    }
}

#[cfg(test)]
mod tests;
