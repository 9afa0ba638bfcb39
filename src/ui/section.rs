//! A section: its summary and its items (severity, date, title, summary).

use super::list::{self, ListSpec};
use crate::app::ListPos;
use crate::app::read::{Mark, Marks};
use crate::doc::headers::section_header;
use crate::doc::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, Item, ItemRef};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

/// Draws a section's item list.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    b: &Briefing,
    section: usize,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
    marks: Option<&Marks>,
) {
    let Some(s) = b.sections.get(section) else {
        return;
    };
    let row = |i: usize| {
        let Some(item) = s.items.get(i) else {
            return vec![];
        };
        let mark = marks.map_or(Mark::Read, |m| m.mark(ItemRef { section, item: i }));
        let mut first = mark_spans(mark, theme);
        if let Some(sev) = item.severity {
            let (label, style) = theme.severity_badge(sev);
            first.push(Span::styled(format!("{label:<4}"), style));
            first.push(Span::raw(" "));
        }
        if let Some(date) = &item.date {
            first.push(Span::styled(format!("{date} "), theme.muted));
        }
        first.extend(party_and_title(b, item, theme));
        let summary = item
            .summary
            .as_deref()
            .map(|t| clean(t).into_owned())
            .unwrap_or_default();
        vec![
            first,
            vec![Span::raw("  "), Span::styled(summary, theme.muted)],
        ]
    };
    let spec = ListSpec {
        header: section_header(s, usize::from(area.width), theme),
        len: s.items.len(),
        row_height: 2,
        row: &row,
        empty: "no items in this section",
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}

/// The item's party (in its side's colour), then its title.
fn party_and_title(b: &Briefing, item: &Item, theme: &Theme) -> Vec<Span<'static>> {
    let title = clean(&item.title).into_owned();
    let Some(party) = item.party.and_then(|p| b.actors.get(p)) else {
        return vec![Span::styled(title, theme.title)];
    };
    let side = theme.side(party.side.as_deref());
    let name = clean(&party.name);
    // A party's item is often titled with its name ("Russia Russia"): say it
    // once, in the party's colour.
    if name == title {
        return vec![Span::styled(title, side.patch(theme.title))];
    }
    vec![
        Span::styled(format!("{name} "), side),
        Span::styled(title, theme.title),
    ]
}

/// The unread dot (and a new/updated badge) that leads a list row.
pub fn mark_spans(mark: Mark, theme: &Theme) -> Vec<Span<'static>> {
    let dot = Span::styled(format!("{} ", theme.glyphs.unread), theme.accent);
    match mark {
        Mark::Read => vec![Span::raw("  ")],
        Mark::Unread => vec![dot],
        Mark::New => vec![dot, Span::styled("new ", theme.accent)],
        Mark::Updated => vec![dot, Span::styled("updated ", theme.warning)],
    }
}
