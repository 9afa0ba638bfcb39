//! The text above each list pane (the briefing's, a section's, an actor's or
//! a source's card, the indexes' headings) and the briefing's bottom line:
//! shared by the panes, mouse hit-testing, the clipboard and the exports.

use super::links::UrlLines;
use super::text::{count, para, prose};
use super::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, Section};
use ratatui::text::{Line, Span};

/// The header block above the sections list.
pub fn overview_header(b: &Briefing, width: usize, theme: &Theme) -> Vec<Line<'static>> {
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
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("Contents ({})", count(b.sections.len(), "section")),
        theme.heading,
    ));
    lines
}

/// The bottom line and key points, in full (the summary view and exports).
pub fn summary_lines(b: &Briefing, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled("Bottom line", theme.heading)];
    match &b.summary {
        Some(summary) => lines.extend(prose(summary, width, theme.text, theme.glyphs.bullet)),
        None => lines.push(Line::styled("(no summary)", theme.muted)),
    }
    if !b.key_points.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Key points", theme.heading));
        let first = format!("{} ", theme.glyphs.bullet);
        for point in &b.key_points {
            lines.extend(para(point, width, theme.text, &first, "  "));
        }
    }
    lines
}

/// Kind badge, title and summary above the items.
pub fn section_header(s: &Section, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (badge, style) = theme.kind_badge(&s.kind);
    let mut lines = vec![Line::from(vec![
        Span::styled(badge, style),
        Span::styled(format!("  {}", count(s.items.len(), "item")), theme.muted),
    ])];
    lines.extend(para(&s.title, width, theme.title, "", ""));
    if let Some(summary) = &s.summary {
        lines.extend(prose(summary, width, theme.text, theme.glyphs.bullet));
    }
    lines.push(Line::default());
    lines
}

/// Name, role, side and aliases.
pub fn actor_header(b: &Briefing, actor: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let Some(a) = b.actors.get(actor) else {
        return vec![];
    };
    let mut lines = para(&a.name, width, theme.title, "", "");
    if let Some(role) = &a.role {
        lines.extend(para(role, width, theme.text, "", ""));
    }
    if let Some(side) = &a.side {
        lines.push(Line::styled(
            format!("Side: {}", clean(side)),
            theme.side(Some(side)),
        ));
    }
    if !a.aliases.is_empty() {
        let aliases: Vec<String> = a.aliases.iter().map(|s| clean(s).into_owned()).collect();
        lines.extend(para(
            &format!("Also: {}", aliases.join(", ")),
            width,
            theme.muted,
            "",
            "  ",
        ));
    }
    lines.push(Line::default());
    lines
}

/// Title, publisher, date, URL and note.
pub fn source_header(
    b: &Briefing,
    source: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    source_card(b, source, width, theme).0
}

/// [`source_header`], and the lines on which it shows the source's URL.
pub fn source_card(
    b: &Briefing,
    source: usize,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, UrlLines) {
    let mut urls = UrlLines::default();
    let Some(s) = b.sources.get(source) else {
        return (vec![], urls);
    };
    let mut lines = para(&s.title, width, theme.title, "", "");
    let mut meta: Vec<String> = s.publisher.iter().map(|p| clean(p).into_owned()).collect();
    meta.extend(s.date.iter().map(|d| d.to_string()));
    if !meta.is_empty() {
        lines.extend(para(
            &meta.join(theme.glyphs.dot),
            width,
            theme.muted,
            "",
            "",
        ));
    }
    if let Some(url) = &s.url {
        let first = lines.len();
        lines.extend(para(url, width, theme.link, "", ""));
        urls.add(first..lines.len(), url);
    }
    if let Some(note) = &s.note {
        lines.extend(para(note, width, theme.text, "", ""));
    }
    lines.push(Line::default());
    (lines, urls)
}

/// The heading above the actors index.
pub fn index_header(b: &Briefing, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(format!("Actors ({})", b.actors.len()), theme.heading),
        Line::default(),
    ]
}

/// The library's heading: `n` briefings, `failed` of them with errors.
pub fn library_header(n: usize, failed: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut title = format!("Library: {n} briefing{}", if n == 1 { "" } else { "s" });
    if failed > 0 {
        title.push_str(&format!(", {failed} with errors"));
    }
    vec![Line::styled(title, theme.heading), Line::default()]
}
