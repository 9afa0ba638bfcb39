//! The scrolled documents: an item in full and the positions matrix, drawn
//! from the text `doc` builds, kept in the app's cache between frames.

use crate::app::App;
use crate::doc::cache::{ItemKey, MatrixKey};
use crate::doc::item::{ItemText, REVEAL_MATCH, lines, quote_to_reveal};
use crate::doc::theme::Theme;
use crate::model::{Briefing, ItemRef};
use ratatui::Frame;
use ratatui::layout::Rect;
use std::cell::Cell;
use std::rc::Rc;

/// The item's lines at a width, from the app's cache.
pub fn cached_item(
    app: &App,
    b: &Briefing,
    at: ItemRef,
    width: u16,
    theme: &Theme,
    link: Option<usize>,
) -> Option<Rc<ItemText>> {
    let item = b.item(at)?;
    let key = ItemKey {
        entry: app.current,
        at,
        width,
        link,
        theme: (theme.colour, theme.glyphs.bullet == "*"),
    };
    Some(
        app.cache
            .item(key, || lines(b, item, usize::from(width), theme, link)),
    )
}

/// Draws the item pane; clamps and stores the scroll position.
#[allow(clippy::too_many_arguments)]
pub fn draw_item(
    app: &App,
    b: &Briefing,
    at: ItemRef,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: &Cell<usize>,
    link: Option<usize>,
) {
    let Some(text) = cached_item(app, b, at, area.width, theme, link) else {
        return;
    };
    let query = &app.search.query;
    if let Some(quote) = quote_to_reveal(scroll.get()) {
        scroll.set(text.quote_lines.get(quote).copied().unwrap_or(0));
    }
    if scroll.get() == REVEAL_MATCH {
        scroll.set(super::search::reveal(&text.lines, query));
    }
    super::document(frame, area, &text.lines, scroll, |l| {
        super::search::highlight(l.clone(), query, theme.highlight)
    });
    // `document` left the first line drawn in `scroll`.
    text.urls.record(scroll.get(), area, &app.cache.urls);
}

/// How far down the item the view is, as a percentage, for the status line.
pub fn scroll_percent(
    app: &App,
    b: &Briefing,
    at: ItemRef,
    area: Rect,
    scroll: usize,
    link: Option<usize>,
    theme: &Theme,
) -> Option<usize> {
    let total = cached_item(app, b, at, area.width, theme, link)?
        .lines
        .len();
    let max = total.saturating_sub(usize::from(area.height));
    Some((scroll.min(max) * 100).checked_div(max).unwrap_or(100))
}

/// Draws the matrix (built once per width, from the app's cache).
pub fn draw_matrix(
    app: &App,
    b: &Briefing,
    section: usize,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: &Cell<usize>,
) {
    let key = MatrixKey {
        entry: app.current,
        section,
        width: area.width,
        theme: (theme.colour, theme.glyphs.bullet == "*"),
    };
    let all = app.cache.matrix(key, || {
        crate::doc::matrix::lines(b, section, usize::from(area.width), theme)
    });
    let max = all.len().saturating_sub(usize::from(area.height));
    let top = scroll.get().min(max);
    scroll.set(top);
    // Drawn from the cache in place: no per-frame copy of the visible lines.
    let rows = area.rows();
    for (line, row) in all[top..].iter().zip(rows) {
        super::paint::line(frame.buffer_mut(), row, line);
    }
}
