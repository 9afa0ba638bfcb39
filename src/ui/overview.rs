//! The overview: the briefing's header, bottom line, key points and sections.

use super::list::{self, ListSpec};
use crate::app::read::Marks;
use crate::app::view::overview_section;
use crate::app::{App, ListPos};
use crate::doc::cache::SummaryKey;
use crate::doc::headers::{overview_header, summary_lines};
use crate::doc::theme::Theme;
use crate::model::Briefing;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The first row of the overview list: the summary, opened with Enter.
fn summary_row(b: &Briefing, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let first_line = b
        .summary
        .as_deref()
        .map(|t| clean(t).into_owned())
        .unwrap_or_default();
    let points = crate::doc::text::count(b.key_points.len(), "key point");
    vec![
        vec![
            Span::styled("   BRIEF     ", theme.accent),
            Span::styled("Bottom line", theme.title),
            Span::styled(format!("  ({points})"), theme.muted),
        ],
        vec![Span::raw("   "), Span::styled(first_line, theme.muted)],
    ]
}

/// The bottom line and key points of entry `entry` (whose briefing is `b`)
/// at a width: wrapped once, then kept in the app's cache for every frame
/// and every pane that shows them.
pub fn cached_summary(
    app: &App,
    entry: usize,
    b: &Briefing,
    width: u16,
    theme: &Theme,
) -> std::rc::Rc<Vec<Line<'static>>> {
    let key = SummaryKey {
        entry,
        width,
        theme: (theme.colour, theme.glyphs.bullet == "*"),
    };
    app.cache
        .summary(key, || summary_lines(b, usize::from(width), theme))
}

/// Draws the bottom line and key points as a scrollable document.
pub fn draw_summary(
    app: &App,
    b: &Briefing,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: &std::cell::Cell<usize>,
) {
    let lines = cached_summary(app, app.current, b, area.width, theme);
    let query = &app.search.query;
    if scroll.get() == crate::doc::item::REVEAL_MATCH {
        scroll.set(super::search::reveal(&lines, query));
    }
    super::document(frame, area, &lines, scroll, |l| {
        super::search::highlight(l.clone(), query, theme.highlight)
    });
}

/// Draws the overview pane.
pub fn draw(
    b: &Briefing,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
    marks: Option<&Marks>,
) {
    let width = usize::from(area.width);
    let row = |row: usize| {
        let Some(i) = overview_section(row) else {
            return summary_row(b, theme);
        };
        let Some(s) = b.sections.get(i) else {
            return vec![];
        };
        let (badge, style) = theme.kind_badge(&s.kind);
        let mut first = vec![
            Span::styled(format!("{:>2} ", i + 1), theme.muted),
            Span::styled(format!("{badge:<9}"), style),
            Span::raw(" "),
            Span::styled(clean(&s.title).into_owned(), theme.title),
            Span::styled(format!("  ({})", s.items.len()), theme.muted),
        ];
        let unread = marks.map_or(0, |m| m.unread_in(i));
        if unread > 0 {
            first.push(Span::styled(
                format!("  {} {unread} unread", theme.glyphs.unread),
                theme.accent,
            ));
        }
        if badge.is_empty() {
            first.remove(2);
        }
        let summary = s
            .summary
            .as_deref()
            .map(|t| clean(t).into_owned())
            .unwrap_or_default();
        vec![
            first,
            vec![Span::raw("   "), Span::styled(summary, theme.muted)],
        ]
    };
    let spec = ListSpec {
        header: overview_header(b, width, theme),
        len: b.sections.len() + 1,
        row_height: 2,
        row: &row,
        empty: "no sections",
        pinned: 1,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}
