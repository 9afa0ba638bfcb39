//! The overview: the briefing's header, bottom line, key points and sections.

use super::list::{self, ListSpec};
use super::text::{para, prose};
use super::theme::Theme;
use crate::app::ListPos;
use crate::app::read::Marks;
use crate::model::Briefing;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The header block above the sections list.
pub fn header(b: &Briefing, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = para(&b.title, width, theme.title, "", "");
    if let Some(sub) = &b.subtitle {
        lines.extend(para(sub, width, theme.muted, "", ""));
    }
    let mut meta = vec![b.date.to_string()];
    meta.extend(b.classification.iter().map(|c| clean(c).into_owned()));
    meta.extend(b.author.iter().map(|a| format!("by {}", clean(a))));
    if let Some(updated) = &b.updated {
        meta.push(format!("updated {updated}"));
    }
    lines.extend(para(
        &meta.join(theme.glyphs.dot),
        width,
        theme.muted,
        "",
        "",
    ));
    if !b.tags.is_empty() {
        let tags: Vec<String> = b.tags.iter().map(|t| format!("#{}", clean(t))).collect();
        lines.extend(para(&tags.join(" "), width, theme.accent, "", ""));
    }
    if let Some(summary) = &b.summary {
        lines.push(Line::default());
        lines.extend(prose(summary, width, theme.text, theme.glyphs.bullet));
    }
    if !b.key_points.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Key points", theme.heading));
        let first = format!("{} ", theme.glyphs.bullet);
        for point in &b.key_points {
            lines.extend(para(point, width, theme.text, &first, "  "));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Sections ({})", b.sections.len()),
        theme.heading,
    ));
    lines
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
    let row = |i: usize| {
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
        let unread = marks.map_or(0, |m| m.unread_in(b, i));
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
        header: header(b, width, theme),
        len: b.sections.len(),
        row_height: 2,
        row: &row,
        empty: "no sections",
        pinned: 1,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}
