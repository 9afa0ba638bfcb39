//! The library: every briefing in a directory, newest first; failures listed with their error.

use super::list::{self, ListSpec};
use crate::app::{App, ListPos};
use crate::doc::headers::{library_header, overview_header};
use crate::doc::text::count;
use crate::doc::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The library's heading: how many briefings, how many with errors.
pub fn header(app: &App, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = library_header(app.entries.len(), app.failed_count(), theme);
    let pending = app.pending_count();
    let note = if app.library.listing {
        format!(" (listing{})", theme.glyphs.ellipsis)
    } else if pending > 0 {
        format!(" (loading {pending})")
    } else {
        return lines;
    };
    if let Some(first) = lines.first_mut() {
        first.push_span(Span::styled(note, theme.muted));
    }
    lines
}

pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, pos: &ListPos) {
    let order = app.library_order();
    let row = |row: usize| match order.get(row) {
        Some(&i) => entry_rows(app, i, theme),
        None => vec![],
    };
    let spec = ListSpec {
        header: header(app, theme),
        len: app.entries.len(),
        row_height: 2,
        row: &row,
        empty: if app.library.listing {
            ""
        } else {
            "no *.toml briefings here"
        },
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, true, theme);
}

/// The two rows of entry `i`: date, title and counts, then the bottom line;
/// a failed newest save replaces the bottom line, so the flag always shows.
fn entry_rows(app: &App, i: usize, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let entry = &app.entries[i];
    if entry.is_pending() {
        return pending_rows(entry, theme);
    }
    let outline = match (entry.outline(), entry.failure()) {
        (Some(outline), _) => outline,
        (None, report) => {
            let headline = report.map(|r| r.headline()).unwrap_or_default();
            return vec![
                vec![
                    Span::styled("ERROR ", theme.error),
                    Span::raw(" "),
                    Span::styled(shown_name(entry), theme.title),
                ],
                vec![
                    Span::raw("  "),
                    Span::styled(clean(&headline).into_owned(), theme.warning),
                ],
            ];
        }
    };
    let b = &outline.front;
    // A briefing let go counts what was counted before it went (its marks
    // cannot change while it is not open).
    let unread = (app.read.marks.get(i).and_then(Option::as_ref)).map_or(0, |m| m.unread_total());
    let mut counts = format!(
        "  {}{}{}",
        count(outline.sections, "section"),
        theme.glyphs.dot,
        count(outline.items, "item")
    );
    if unread > 0 {
        counts.push_str(&format!("{}{unread} unread", theme.glyphs.dot));
    }
    let second = match &entry.banner {
        Some(report) => Span::styled(
            format!("newest save does not load: {}", clean(&report.headline())),
            theme.warning,
        ),
        None => Span::styled(
            b.summary
                .as_deref()
                .map(|s| clean(s).into_owned())
                .unwrap_or_default(),
            theme.muted,
        ),
    };
    vec![
        vec![
            Span::styled(format!("{} ", b.date), theme.muted),
            Span::styled(clean(&b.title).into_owned(), theme.title),
            Span::styled(counts, theme.muted),
        ],
        vec![Span::raw("  "), second],
    ]
}

/// A file listed but not read yet: the day it is listed under and its name.
fn pending_rows(entry: &crate::app::Entry, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let day = entry
        .day
        .map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02} "))
        .unwrap_or_default();
    vec![
        vec![
            Span::styled(day, theme.muted),
            Span::styled(clean(&file_name(entry)).into_owned(), theme.muted),
        ],
        vec![Span::styled(
            format!("  loading{}", theme.glyphs.ellipsis),
            theme.muted,
        )],
    ]
}

/// The entry's file name (its label when it has none), as every output
/// names files: escaped, never lossy, so two names never look the same.
fn file_name(entry: &crate::app::Entry) -> String {
    (entry.path().and_then(std::path::Path::file_name)).map_or_else(
        || clean(&entry.label).into_owned(),
        |n| crate::model::name::shown_bytes(n.as_encoded_bytes()),
    )
}

/// The entry's file as every output names files (see [`file_name`]).
fn shown_name(entry: &crate::app::Entry) -> String {
    (entry.path()).map_or_else(
        || clean(&entry.label).into_owned(),
        crate::model::name::shown,
    )
}

/// The preview beside the library list: the selected briefing's front page
/// and bottom line, or, for a file that does not load, its diagnostics.
pub fn draw_brief(app: &App, entry: usize, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(e) = app.entries.get(entry) else {
        return;
    };
    let buf = frame.buffer_mut();
    if e.is_pending() {
        let line = Line::styled(format!("loading{}", theme.glyphs.ellipsis), theme.muted);
        return super::paint::lines(buf, area, &[line]);
    }
    match (e.outline(), e.failure()) {
        (Some(outline), _) => {
            let b = &outline.front;
            let mut header = overview_header(b, usize::from(area.width), theme);
            // The "Contents" heading: the summary follows instead.
            header.pop();
            super::paint::lines(buf, area, &header);
            let below = header.len().min(usize::from(area.height)) as u16;
            let rest = Rect {
                y: area.y + below,
                height: area.height - below,
                ..area
            };
            let summary = super::overview::cached_summary(app, entry, b, area.width, theme);
            super::paint::lines(buf, rest, &summary);
        }
        (None, Some(report)) => {
            let size = (usize::from(area.width), usize::from(area.height));
            let lines = broken_preview(&shown_name(e), report, size, theme);
            super::paint::lines(buf, area, &lines);
        }
        (None, None) => {}
    }
}

/// A file that does not load: each problem as `line:col message`, wrapped to
/// the pane (the excerpts and carets of `brief check` do not fit a preview),
/// and how to see them in full. Only what fills the pane's `height` is made.
fn broken_preview(
    // Already escaped (see `shown_name`).
    label: &str,
    report: &crate::model::Report,
    (width, height): (usize, usize),
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = crate::doc::text::para(
        &format!("{label} does not load"),
        width,
        theme.warning,
        "",
        "",
    );
    lines.extend(crate::doc::text::para(
        "Enter (or e) lists every problem in full.",
        width,
        theme.muted,
        "",
        "",
    ));
    for d in &report.diagnostics {
        if lines.len() >= height {
            return lines;
        }
        lines.push(Line::default());
        let place = d.span.as_ref().map(|s| {
            let (line, col) = report.line_col(s.start);
            format!("{line}:{col} ")
        });
        let text = format!(
            "{}{}: {}",
            place.unwrap_or_default(),
            d.severity.as_str(),
            d.message
        );
        lines.extend(crate::doc::text::para(&text, width, theme.text, "", "  "));
        if let Some(help) = &d.help {
            lines.extend(crate::doc::text::para(help, width, theme.muted, "  ", "  "));
        }
    }
    let omitted: usize = report.omitted.iter().map(|o| o.count).sum();
    if omitted > 0 && lines.len() < height {
        lines.push(Line::default());
        let more = format!("and {omitted} more not listed");
        lines.extend(crate::doc::text::para(&more, width, theme.muted, "", ""));
    }
    lines
}
