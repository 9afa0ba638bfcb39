//! The library-wide actor views: every actor across the library (with
//! counts, to pick one), and one actor's dossier, rows of different heights
//! laid out by `app::dossier::window`.

use super::list::{self, ListSpec};
use crate::app::{App, ListPos};
use crate::doc::dossier::Person;
use crate::doc::dossier::lines::people_header;
use crate::doc::text::count;
use crate::doc::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Every person across the library: name and side, then counts and ids.
pub fn draw_people(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let people = app.people();
    let row = |i: usize| {
        people
            .list
            .get(i)
            .map_or_else(Vec::new, |p| person_row(p, theme))
    };
    let mut header = people_header(&people, theme);
    let loading = app.pending_count();
    if loading > 0
        && let Some(first) = header.first_mut()
    {
        first.push_span(Span::styled(
            format!(" ({loading} briefings still loading)"),
            theme.muted,
        ));
    }
    let spec = ListSpec {
        header,
        len: people.list.len(),
        row_height: 2,
        row: &row,
        empty: "no actors",
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}

/// A person as two list lines: name and side, then counts and ids.
fn person_row(p: &Person, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let mut first = vec![Span::styled(clean(&p.name).into_owned(), theme.title)];
    if let Some(side) = &p.side {
        first.push(Span::styled(
            format!("  {}", clean(side)),
            theme.side(Some(side)),
        ));
    }
    let dot = theme.glyphs.dot;
    let counts = format!(
        "  {}{dot}{}{dot}{}  ",
        count(p.briefings, "briefing"),
        count(p.items, "item"),
        count(p.quotes, "quote")
    );
    let ids: Vec<&str> = p.ids.iter().map(|s| &**s).collect();
    vec![
        first,
        vec![
            Span::styled(counts, theme.muted),
            Span::styled(ids.join(", "), theme.muted),
        ],
    ]
}

/// One actor's dossier: the header, then the rows in full, the selected
/// one highlighted on every line it takes.
pub fn draw(
    app: &App,
    id: &str,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let window = app.dossier_window(id, pos, area, theme);
    super::paint::lines(frame.buffer_mut(), window.header_area, &window.header);
    if window.len == 0 {
        let empty = Line::styled("named in no briefing loaded so far", theme.muted);
        return super::paint::lines(frame.buffer_mut(), window.list_area, &[empty]);
    }
    let style = if focused {
        theme.selected
    } else {
        theme.selected_unfocused
    };
    let selected = pos.selected.min(window.len - 1);
    let width = usize::from(window.list_area.width);
    let mut out: Vec<Line<'static>> = Vec::with_capacity(usize::from(window.list_area.height));
    for (row, lines) in window.rows {
        for line in lines {
            if row != selected {
                out.push(line);
                continue;
            }
            let pad = width.saturating_sub(line.width());
            let mut line = line;
            line.spans.push(Span::raw(" ".repeat(pad)));
            out.push(line.patch_style(style));
        }
    }
    out.truncate(usize::from(window.list_area.height));
    super::paint::lines(frame.buffer_mut(), window.list_area, &out);
}
