//! The help overlay, generated from the key map so it cannot drift from it.

use super::theme::Theme;
use crate::app::keymap::{Binding, Keymap, PROMPT_BINDINGS, keys_label};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// One line per binding: keys, then what they do.
pub fn lines(theme: &Theme, keymap: &Keymap) -> Vec<Line<'static>> {
    let key_w = keymap
        .bindings
        .iter()
        .chain(PROMPT_BINDINGS)
        .map(|b| keys_label(b).width())
        .max()
        .unwrap_or(0);
    let row = |b: &Binding| {
        Line::from(vec![
            Span::styled(format!("{:>key_w$}", keys_label(b)), theme.key),
            Span::raw("  "),
            Span::raw(b.action.description()),
        ])
    };
    let mut out: Vec<Line<'static>> = keymap.bindings.iter().map(row).collect();
    out.push(Line::default());
    out.push(Line::styled(
        "In the search prompt (other keys type)",
        theme.heading,
    ));
    out.extend(PROMPT_BINDINGS.iter().map(row));
    out.push(Line::default());
    out.push(Line::styled(
        "Mouse: wheel scrolls, click selects (off with --no-mouse)",
        theme.muted,
    ));
    out
}

/// Draws the help overlay centred over `area`, scrolled by `scroll` lines.
pub fn draw(theme: &Theme, keymap: &Keymap, frame: &mut Frame, area: Rect, scroll: usize) {
    overlay(
        theme,
        frame,
        area,
        scroll,
        lines(theme, keymap),
        " Keys (Esc closes) ",
    );
}

/// A bordered box of lines centred over `area`, as big as it needs (up to the area).
pub fn overlay(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    body: Vec<Line<'static>>,
    title: &str,
) {
    let width = body.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
    let height = body.len() as u16 + 2;
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let max = body.len().saturating_sub(usize::from(h.saturating_sub(2)));
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(Line::styled(title.to_string(), theme.heading));
    frame.render_widget(Clear, rect);
    let para = Paragraph::new(body)
        .block(block)
        .scroll((scroll.min(max) as u16, 0));
    frame.render_widget(para, rect);
}
