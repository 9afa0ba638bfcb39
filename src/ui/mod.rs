//! Drawing: `render(&App, &Theme, frame)` is a pure function of the state.
//! Views never mutate the document or do I/O.

pub mod actor;
pub mod dossier;
pub mod help;
pub mod library;
pub mod list;
pub mod overview;
pub mod page;
pub mod paint;
pub mod search;
pub mod section;
pub mod status;
pub mod timeline;

use crate::app::layout::{self, Mode, Pane};
use crate::app::{App, View};
use crate::doc::cache;
pub use crate::doc::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

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
    if let (Some(scroll), Some((reports, title))) = (app.overlays.errors, app.errors_shown()) {
        // Each report is rendered (and sanitised) once; a frame takes only
        // the lines it shows, across the reports (a blank line between them).
        let plains: Vec<_> = reports.iter().map(|r| r.plain()).collect();
        let len = plains
            .iter()
            .map(|p| p.len() + 1)
            .sum::<usize>()
            .saturating_sub(1);
        let widest = plains.iter().map(|p| p.widest()).max().unwrap_or(0);
        let line_at = |mut i: usize| {
            for p in &plains {
                if i <= p.len() {
                    // Row `p.len()` is the blank line after this report.
                    return p.line(i);
                }
                i -= p.len() + 1;
            }
            ""
        };
        let window = |rows: std::ops::Range<usize>| {
            rows.map(|i| ratatui::text::Line::raw(line_at(i).to_string()))
                .collect()
        };
        let max = help::overlay_window(theme, frame, body, scroll, (len, widest), title, window);
        app.overlays.max_scroll.set(max);
    }
    if let Some(scroll) = app.overlays.help {
        app.overlays
            .max_scroll
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
        View::Timeline { .. } | View::Tags { .. } | View::Peek { .. } => {
            return timeline::draw(app, theme, frame, pane);
        }
        View::People(list) => {
            return dossier::draw_people(app, theme, frame, area, list, pane.focused);
        }
        View::Dossier { id, list, .. } => {
            return dossier::draw(app, id, theme, frame, area, list, pane.focused);
        }
        _ => {}
    }
    if let Some(b) = app.entries.get(app.current).and_then(|e| e.briefing()) {
        draw_briefing_pane(app, b, theme, frame, pane);
    }
}

/// A pane that shows part of the open briefing `b`.
fn draw_briefing_pane(
    app: &App,
    b: &crate::model::Briefing,
    theme: &Theme,
    frame: &mut Frame,
    pane: &Pane<'_>,
) {
    let (area, focused) = (pane.area, pane.focused);
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
            page::draw_item(
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
            let of = cache::MentionsOf::Actor(*actor);
            actor::draw_card(app, b, of, theme, frame, area, list, focused)
        }
        View::Source { source, list } => {
            let of = cache::MentionsOf::Source(*source);
            actor::draw_card(app, b, of, theme, frame, area, list, focused)
        }
        View::Actors(list) => actor::draw_index(app, b, theme, frame, area, list, focused),
        View::Matrix { section, scroll } => {
            page::draw_matrix(app, b, *section, theme, frame, area, scroll)
        }
        View::Library(_)
        | View::Results(_)
        | View::Brief { .. }
        | View::Timeline { .. }
        | View::Tags { .. }
        | View::Peek { .. }
        | View::People(_)
        | View::Dossier { .. } => {}
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

#[cfg(test)]
pub(crate) mod tests;
