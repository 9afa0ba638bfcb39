//! Drawing: `render(&App, &Theme, frame)` is a pure function of the state.
//! Views never mutate the document or do I/O.

pub mod actor;
pub mod cache;
pub mod help;
pub mod item;
pub mod layout;
pub mod library;
pub mod links;
pub mod list;
pub mod matrix;
pub mod overview;
pub mod paint;
pub mod search;
pub mod section;
pub mod status;
pub mod text;
pub mod theme;

use crate::app::{App, View};
use layout::{Mode, Pane};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
pub use theme::Theme;

/// Draws the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    app.cache.urls.clear();
    let area = frame.area();
    let screen = layout::screen(app, area);
    if screen.mode == Mode::TooSmall {
        status::too_small(frame, area, theme);
        return;
    }
    status::crumb(app, theme, frame, screen.crumb);
    for pane in &screen.panes {
        draw_pane(app, theme, frame, pane);
    }
    for gap in &screen.gaps {
        let bar: Vec<_> = (0..gap.height)
            .map(|_| ratatui::text::Line::raw(theme.glyphs.column))
            .collect();
        let middle = Rect {
            x: gap.x + gap.width / 2,
            width: 1.min(gap.width),
            ..*gap
        };
        frame.render_widget(Paragraph::new(bar).style(theme.muted), middle);
    }
    let focused = screen.panes.iter().find(|p| p.focused);
    if app.search.typing {
        search::draw_prompt(app, theme, frame, screen.status);
    } else {
        status::status(app, theme, frame, screen.status, focused);
    }
    if let Some(report) = app.banner() {
        status::banner(
            app,
            report,
            theme,
            frame,
            Rect {
                y: screen.crumb.y + 1,
                height: 1,
                ..screen.crumb
            },
        );
    }
    // Overlays keep off the breadcrumb and the status line.
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    };
    if let (Some(scroll), Some((report, title))) = (app.errors, app.errors_report()) {
        let text = crate::model::sanitize::sanitize(&report.render(false)).into_owned();
        let lines = text
            .lines()
            .map(|l| ratatui::text::Line::raw(l.to_string()))
            .collect();
        let max = help::overlay(theme, frame, body, scroll, lines, title);
        app.overlay_max.set(max);
    }
    if let Some(scroll) = app.help {
        app.overlay_max
            .set(help::draw(theme, &app.keymap, frame, body, scroll));
    }
}

fn draw_pane(app: &App, theme: &Theme, frame: &mut Frame, pane: &Pane<'_>) {
    let area = pane.area;
    if area.width == 0 || area.height == 0 {
        return;
    }
    match pane.view.as_ref() {
        View::Library(pos) => return library::draw(app, theme, frame, area, pos),
        View::Results(list) => {
            return search::draw_results(app, theme, frame, area, list, pane.focused);
        }
        View::Brief { entry } => return library::draw_brief(app, *entry, theme, frame, area),
        _ => {}
    }
    let Some(b) = app.entries.get(app.current).and_then(|e| e.briefing()) else {
        return;
    };
    let focused = pane.focused;
    match pane.view.as_ref() {
        View::Overview(pos) => overview::draw(b, theme, frame, area, pos, focused, app.marks()),
        View::Summary { scroll } => overview::draw_summary(
            app,
            b,
            theme,
            frame,
            reading_column(area, app.reading_width),
            scroll,
        ),
        View::Section { section, list } => {
            section::draw(b, *section, theme, frame, area, list, focused, app.marks())
        }
        View::Item { at, scroll, link } => {
            let area = reading_column(area, app.reading_width);
            item::draw(
                app,
                b,
                *at,
                theme,
                frame,
                area,
                scroll,
                focused.then_some(*link),
            )
        }
        View::Actor { actor, list } => {
            let mentions = app.mentions(cache::MentionsOf::Actor(*actor));
            let header = actor::actor_header(b, *actor, usize::from(area.width), theme);
            let pane = actor::MentionsPane {
                header,
                mentions: &mentions,
                empty: "not quoted or named in any item",
            };
            actor::draw_mentions(b, pane, theme, frame, area, list, focused);
        }
        View::Source { source, list } => {
            let mentions = app.mentions(cache::MentionsOf::Source(*source));
            let (header, urls) = actor::source_card(b, *source, usize::from(area.width), theme);
            let pane = actor::MentionsPane {
                header,
                mentions: &mentions,
                empty: "not cited by any item",
            };
            let header_area = actor::draw_mentions(b, pane, theme, frame, area, list, focused);
            urls.record(0, header_area, &app.cache.urls);
        }
        View::Actors(list) => actor::draw_index(app, b, theme, frame, area, list, focused),
        View::Matrix { section, scroll } => {
            matrix::draw(app, b, *section, theme, frame, area, scroll)
        }
        View::Library(_) | View::Results(_) | View::Brief { .. } => {}
    }
}

/// Draws lines as a document scrolled by `scroll` lines (clamped and stored).
/// Only the visible lines go through `dress` (search highlighting), so a
/// frame's cost does not grow with the document's length.
pub fn document(
    frame: &mut Frame,
    area: Rect,
    lines: &[Line<'static>],
    scroll: &std::cell::Cell<usize>,
    dress: impl Fn(&Line<'static>) -> Line<'static>,
) {
    let max = lines.len().saturating_sub(usize::from(area.height));
    let top = scroll.get().min(max);
    scroll.set(top);
    let visible: Vec<_> = lines[top..]
        .iter()
        .take(usize::from(area.height))
        .map(dress)
        .collect();
    paint::lines(frame.buffer_mut(), area, &visible);
}

/// Prose wider than the reading width is hard to follow: centre a column of
/// that width in a wider pane.
pub fn reading_column(area: Rect, width: u16) -> Rect {
    if area.width <= width {
        return area;
    }
    Rect {
        x: area.x + (area.width - width) / 2,
        width,
        ..area
    }
}

/// The list part of a list pane and its row height, for mouse hit-testing.
pub fn list_geometry(app: &App, view: &View, area: Rect) -> Option<(Rect, usize)> {
    let theme = Theme::mono(true);
    let width = usize::from(area.width);
    let (header, len, row_height) = match view {
        View::Library(_) => (library::header(app, &theme).len(), app.entries.len(), 2),
        _ => {
            let b = app.entries.get(app.current)?.briefing()?;
            match view {
                View::Overview(_) => (
                    overview::header(b, width, &theme).len(),
                    b.sections.len() + 1,
                    2,
                ),
                View::Section { section, .. } => {
                    let s = b.sections.get(*section)?;
                    (section::header(s, width, &theme).len(), s.items.len(), 2)
                }
                View::Actor { actor, .. } => (
                    actor::actor_header(b, *actor, width, &theme).len(),
                    app.list_len(view),
                    2,
                ),
                View::Source { source, .. } => (
                    actor::source_header(b, *source, width, &theme).len(),
                    app.list_len(view),
                    2,
                ),
                View::Actors(_) => (actor::index_header(b, &theme).len(), b.actors.len(), 2),
                _ => return None,
            }
        }
    };
    let (_, list_area) = list::split(area, header, len, row_height as u16);
    Some((list_area, row_height))
}

#[cfg(test)]
pub(crate) mod tests;
