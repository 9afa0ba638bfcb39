//! The timeline and the tag list, drawn from the digests (a row per day
//! heading, item or tag; only the visible rows are built), and an item of
//! any briefing beside them.

use super::list::{self, ListSpec};
use crate::app::layout::Pane;
use crate::app::timeline::Scope;
use crate::app::{Action, App, ListPos, View};
use crate::doc::cache::ItemKey;
use crate::doc::text::count;
use crate::doc::theme::Theme;
use crate::doc::timeline::{Filter, Row, Stub, day_label, severity_words, time_of};
use crate::model::ItemRef;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::cell::Cell;

/// Draws a timeline, tag list or item preview pane.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, pane: &Pane<'_>) {
    let (area, focused) = (pane.area, pane.focused);
    match pane.view.as_ref() {
        View::Timeline {
            scope,
            filter,
            list,
        } => draw_timeline(app, (*scope, filter), theme, frame, area, list, focused),
        View::Tags { scope, list } => draw_tags(app, *scope, theme, frame, area, list, focused),
        View::Peek { entry, at, scroll } => draw_peek(app, *entry, *at, theme, frame, area, scroll),
        _ => {}
    }
}

fn draw_timeline(
    app: &App,
    (scope, filter): (Scope, &Filter),
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let t = app.timeline(scope, filter);
    let library = scope == Scope::Library;
    let row = |i: usize| match t.rows.get(i) {
        Some(&Row::Day { day, items }) => vec![vec![
            Span::styled(day_label(day), theme.heading),
            Span::styled(
                format!("{}{}", theme.glyphs.dot, count(items as usize, "item")),
                theme.muted,
            ),
        ]],
        Some(&Row::Item(stub)) => vec![item_row(app, stub, library, theme)],
        None => vec![],
    };
    let view = View::Timeline {
        scope,
        filter: filter.clone(),
        list: ListPos::default(),
    };
    let spec = ListSpec {
        header: app.archive_header(&view, theme),
        len: t.rows.len(),
        row_height: 1,
        row: &row,
        empty: if filter.is_empty() {
            "no items"
        } else {
            "no item matches the filter"
        },
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}

/// An item's row: severity badge, time of day, title, and where it is from
/// (its briefing in the library's timeline, its section in a briefing's).
fn item_row(app: &App, stub: Stub, library: bool, theme: &Theme) -> Vec<Span<'static>> {
    let Some((d, item)) = app.stub_item(stub) else {
        return Vec::new();
    };
    let mut spans = vec![Span::raw("  ")];
    match item.severity {
        Some(sev) => {
            let (label, style) = theme.severity_badge(sev);
            spans.push(Span::styled(format!("{label:<4}"), style));
            spans.push(Span::raw(" "));
        }
        None => spans.push(Span::raw("     ")),
    }
    if let Some(time) = time_of(d.item_date(item)) {
        spans.push(Span::styled(format!("{time} "), theme.muted));
    }
    spans.push(Span::styled(clean(&item.title).into_owned(), theme.title));
    let from = if library {
        Some(&d.title)
    } else {
        d.sections.get(item.at.section)
    };
    if let Some(from) = from {
        let text = format!("{}{}", theme.glyphs.dash, clean(from));
        spans.push(Span::styled(text, theme.muted));
    }
    spans
}

fn draw_tags(
    app: &App,
    scope: Scope,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let tags = app.tag_counts(scope);
    let row = |i: usize| {
        let Some(c) = tags.get(i) else {
            return vec![];
        };
        let mut counts = format!("{}{}", theme.glyphs.dot, count(c.items, "item"));
        if scope == Scope::Library {
            counts.push_str(&format!(" in {}", count(c.briefings, "briefing")));
        }
        vec![vec![
            Span::styled(format!("#{}", clean(&c.tag)), theme.accent),
            Span::styled(counts, theme.muted),
        ]]
    };
    let spec = ListSpec {
        header: crate::doc::timeline_text::tags_header(tags.len(), theme),
        len: tags.len(),
        row_height: 1,
        row: &row,
        empty: "no tags",
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}

/// An item of entry `entry`: a line saying where it is from, then the item
/// as its own view draws it, or, while its briefing is not in memory, what
/// the digest knows of it.
fn draw_peek(
    app: &App,
    entry: usize,
    at: ItemRef,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    scroll: &Cell<usize>,
) {
    let area = super::reading_column(area, app.reading_width);
    let Some(e) = app.entries.get(entry) else {
        return;
    };
    let Some((d, stub)) =
        (e.digest()).and_then(|d| Some((d, d.items.iter().find(|i| i.at == at)?)))
    else {
        return;
    };
    let section = d.sections.get(at.section).map_or("", |s| &**s);
    let from = format!(
        "{}{}{}",
        clean(&d.title),
        theme.glyphs.crumb,
        clean(section)
    );
    let from = crate::doc::text::fit(&from, usize::from(area.width), theme.glyphs.ellipsis);
    super::paint::lines(frame.buffer_mut(), area, &[Line::styled(from, theme.muted)]);
    // The line above, then a blank line.
    let gap = 2.min(area.height);
    let below = Rect {
        y: area.y + gap,
        height: area.height - gap,
        ..area
    };
    let Some((b, item)) = e.briefing().and_then(|b| Some((b, b.item(at)?))) else {
        let width = usize::from(below.width);
        let mut lines = crate::doc::text::para(&stub.title, width, theme.title, "", "");
        let mut meta = d.item_date(stub).to_string();
        if let Some(s) = stub.severity {
            meta = format!("{meta}{}{}", theme.glyphs.dot, severity_words(s));
        }
        lines.push(Line::styled(meta, theme.muted));
        lines.push(Line::default());
        let note = "Its briefing is not in memory yet.";
        lines.extend(crate::doc::text::para(note, width, theme.muted, "", ""));
        return super::paint::lines(frame.buffer_mut(), below, &lines);
    };
    let key = ItemKey {
        entry,
        at,
        width: below.width,
        link: None,
        theme: (theme.colour, theme.glyphs.bullet == "*"),
    };
    let text = app.cache.item(key, || {
        crate::doc::item::lines(b, item, usize::from(below.width), theme, None)
    });
    super::document(frame, below, &text.lines, scroll, Line::clone);
    text.urls.record(scroll.get(), below, &app.cache.urls);
}

/// The breadcrumb's last parts in a timeline, a tag list or a preview.
pub fn crumbs(app: &App) -> Vec<String> {
    let shown = app
        .stack
        .iter()
        .rev()
        .find(|v| !matches!(v, View::Peek { .. }));
    match shown {
        Some(View::Timeline { filter, .. }) => vec![match filter.describe() {
            Some(words) => format!("Timeline: {}", clean(&words)),
            None => "Timeline".into(),
        }],
        Some(View::Tags { .. }) => vec!["Tags".into()],
        _ => Vec::new(),
    }
}

/// The key hints in a timeline.
pub fn hints(filter: &Filter) -> Vec<(Action, &'static str)> {
    let mut out = vec![
        (Action::Down, "move"),
        (Action::Open, "open"),
        (Action::FilterBy, "filter"),
        (Action::FilterSeverity, "severity"),
    ];
    if !filter.is_empty() {
        out.push((Action::ClearFilter, "clear"));
    }
    out.push((Action::Back, "back"));
    out
}

/// The status line's position in a timeline: which item of how many.
pub fn position(app: &App, view: &View) -> Option<String> {
    let View::Timeline {
        scope,
        filter,
        list,
    } = view
    else {
        return None;
    };
    let t = app.timeline(*scope, filter);
    Some(format!(
        "{}/{}",
        t.ordinal(list.selected).unwrap_or(0),
        t.items
    ))
}
