//! The help overlay, generated from the key map so it cannot drift from it.

use crate::app::keymap::{Binding, Keymap, PROMPT_BINDINGS, keys_label};
use crate::doc::text::{fit_spans, para, wrap_with};
use crate::doc::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Descriptions narrower than this wrap into too many lines: the keys
/// column gives way first (its labels wrap at their commas).
const MIN_DESCRIPTION: usize = 20;

/// One line per binding, keys then what they do, wrapped to `width` columns
/// rather than cut mid-word.
pub fn lines(theme: &Theme, keymap: &Keymap, width: usize) -> Vec<Line<'static>> {
    let widest = keymap
        .listed()
        .chain(PROMPT_BINDINGS)
        .map(|b| keys_label(b).width())
        .max()
        .unwrap_or(0);
    // "Backspace" and "Shift-Tab" are the widest single keys: never split one.
    let key_w = widest.min(width.saturating_sub(2 + MIN_DESCRIPTION)).max(9);
    let desc_w = width.saturating_sub(key_w + 2);
    let row = |b: &Binding| binding_lines(b, key_w, desc_w, theme);
    let mut out: Vec<Line<'static>> = keymap.listed().flat_map(row).collect();
    out.push(Line::default());
    out.extend(para(
        "In the search prompt (other keys type)",
        width,
        theme.heading,
        "",
        "",
    ));
    out.extend(PROMPT_BINDINGS.iter().flat_map(row));
    out.push(Line::default());
    out.extend(para(
        "Mouse: wheel scrolls, click selects (off with --no-mouse)",
        width,
        theme.muted,
        "",
        "",
    ));
    out
}

/// A binding's keys (right-aligned) beside its description, each wrapped to
/// its column.
fn binding_lines(b: &Binding, key_w: usize, desc_w: usize, theme: &Theme) -> Vec<Line<'static>> {
    let keys = wrap_with(&keys_label(b), key_w, "", "");
    let desc = wrap_with(b.action.description(), desc_w, "", "");
    (0..keys.len().max(desc.len()))
        .map(|i| {
            let k = keys.get(i).map_or("", String::as_str);
            let pad = key_w.saturating_sub(k.width());
            Line::from(vec![
                Span::styled(format!("{}{k}", " ".repeat(pad)), theme.key),
                Span::raw("  "),
                Span::raw(desc.get(i).cloned().unwrap_or_default()),
            ])
        })
        .collect()
}

/// Draws the help overlay centred over `area`, scrolled by `scroll` lines;
/// returns the largest scroll that still fills it.
pub fn draw(theme: &Theme, keymap: &Keymap, frame: &mut Frame, area: Rect, scroll: usize) -> usize {
    overlay(
        theme,
        frame,
        area,
        scroll,
        // The overlay's borders take two columns.
        lines(theme, keymap, usize::from(area.width.saturating_sub(2))),
        " Keys (Esc closes) ",
    )
}

/// A bordered box of lines centred over `area`, as big as it needs (up to
/// the area); returns the largest scroll that still fills it.
pub fn overlay(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    mut body: Vec<Line<'static>>,
    title: &str,
) -> usize {
    let widest = body.iter().map(Line::width).max().unwrap_or(0);
    let size = (body.len(), widest);
    overlay_window(theme, frame, area, scroll, size, title, |rows| {
        body.drain(rows).collect()
    })
}

/// [`overlay`] for a body of `size` = (lines, widest line) that is not built
/// whole: `window` gives the lines in a range, and only the shown ones are asked for.
pub fn overlay_window(
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: usize,
    (lines, widest): (usize, usize),
    title: &str,
    window: impl FnOnce(std::ops::Range<usize>) -> Vec<Line<'static>>,
) -> usize {
    // Wide enough for the title too, which would otherwise be cut.
    let width = widest.max(title.width()).min(usize::from(u16::MAX - 4)) as u16 + 4;
    let height = lines.min(usize::from(u16::MAX - 2)) as u16 + 2;
    let w = width.min(area.width);
    let h = height.min(area.height);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    let rows = usize::from(h.saturating_sub(2));
    let max = lines.saturating_sub(rows);
    let scroll = scroll.min(max);
    let body = window(scroll..(scroll + rows).min(lines));
    let mut block = Block::bordered()
        .border_set(theme.glyphs.border)
        .title(Line::styled(title.to_string(), theme.heading));
    if max > 0 {
        block = block.title_bottom(
            Line::styled(scroll_note(scroll, max, theme), theme.muted).right_aligned(),
        );
    }
    frame.render_widget(Clear, rect);
    // Lines still too wide (the errors' source lines) show they were cut.
    let inner = usize::from(w.saturating_sub(2));
    let body: Vec<Line<'static>> = body
        .into_iter()
        .map(|l| {
            if l.width() <= inner {
                return l;
            }
            let style = l.style;
            fit_spans(l.spans, inner, theme.glyphs.ellipsis).style(style)
        })
        .collect();
    let para = Paragraph::new(body).block(block);
    frame.render_widget(para, rect);
    max
}

/// Says in the border that a box scrolls, and how far down it is.
fn scroll_note(scroll: usize, max: usize, theme: &Theme) -> String {
    let pct = scroll * 100 / max.max(1);
    if scroll < max {
        format!(" more below{}{pct}% ", theme.glyphs.dot)
    } else {
        format!(" end{}{pct}% ", theme.glyphs.dot)
    }
}
