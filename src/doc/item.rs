//! An item in full: body, points, quotes, stances, actors and sources.

use super::links::UrlLines;
use super::refs::{Link, item_links};
use super::text::{para, prose};
use super::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, Item};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The item as wrapped lines, the line on which each link is drawn, the
/// line each quote starts on, and the lines that show each source's URL.
#[derive(Debug)]
pub struct ItemText {
    pub lines: Vec<Line<'static>>,
    pub link_lines: Vec<usize>,
    pub quote_lines: Vec<usize>,
    pub urls: UrlLines,
}

/// Builds the item's lines at a width. `link` highlights one actor/source link.
pub fn lines(
    b: &Briefing,
    item: &Item,
    width: usize,
    theme: &Theme,
    link: Option<usize>,
) -> ItemText {
    let mut out = para(&item.title, width, theme.title, "", "");
    let mut meta: Vec<Span<'static>> = Vec::new();
    if let Some(sev) = item.severity {
        let (label, style) = theme.severity_badge(sev);
        meta.push(Span::styled(label, style));
        meta.push(Span::raw("  "));
    }
    if let Some(date) = &item.date {
        meta.push(Span::styled(date.to_string(), theme.muted));
        meta.push(Span::raw("  "));
    }
    if !item.tags.is_empty() {
        out.extend(super::text::tag_lines(
            meta,
            &item.tags,
            width,
            theme.accent,
        ));
    } else if !meta.is_empty() {
        out.push(Line::from(meta));
    }
    if let Some(summary) = &item.summary {
        out.extend(para(summary, width, theme.muted, "", ""));
    }
    if let Some(body) = &item.body {
        out.push(Line::default());
        out.extend(prose(body, width, theme.text, theme.glyphs.bullet));
    }
    points(&mut out, item, width, theme);
    let quote_lines = quotes(&mut out, b, item, width, theme);
    stances(&mut out, b, item, width, theme);
    let mut urls = UrlLines::default();
    let link_lines = links(&mut out, &mut urls, b, item, width, theme, link);
    ItemText {
        lines: out,
        link_lines,
        quote_lines,
        urls,
    }
}

fn heading(out: &mut Vec<Line<'static>>, title: &str, theme: &Theme) {
    out.push(Line::default());
    out.push(Line::styled(title.to_string(), theme.heading));
}

fn points(out: &mut Vec<Line<'static>>, item: &Item, width: usize, theme: &Theme) {
    if item.points.is_empty() {
        return;
    }
    heading(out, "Points", theme);
    let first = format!("{} ", theme.glyphs.bullet);
    for p in &item.points {
        out.extend(para(p, width, theme.text, &first, "  "));
    }
}

/// The quotes, each in full with who said it and where; returns the line
/// each starts on.
fn quotes(
    out: &mut Vec<Line<'static>>,
    b: &Briefing,
    item: &Item,
    width: usize,
    theme: &Theme,
) -> Vec<usize> {
    let mut starts = Vec::with_capacity(item.quotes.len());
    if item.quotes.is_empty() {
        return starts;
    }
    heading(out, "Quotes", theme);
    let bar = format!("{} ", theme.glyphs.quote_bar);
    for (i, q) in item.quotes.iter().enumerate() {
        if i > 0 {
            out.push(Line::default());
        }
        starts.push(out.len());
        let text = format!(
            "{}{}{}",
            theme.glyphs.open_quote,
            clean(&q.text),
            theme.glyphs.close_quote
        );
        out.extend(para(&text, width, theme.quote, &bar, &bar));
        let mut who = format!("  {}", theme.glyphs.dash.trim_start());
        if let Some(actor) = b.actors.get(q.by) {
            who.push_str(&clean(&actor.name));
            if let Some(role) = &actor.role {
                who.push_str(&format!(", {}", clean(role)));
            }
        }
        out.extend(para(&who, width, theme.speaker, "", "    "));
        let mut place = Vec::new();
        place.extend(q.context.iter().map(|c| clean(c).into_owned()));
        place.extend(
            q.source
                .and_then(|s| b.sources.get(s))
                .map(|s| format!("source: {}", clean(&s.title))),
        );
        if !place.is_empty() {
            out.extend(para(
                &place.join(theme.glyphs.dot),
                width,
                theme.muted,
                "    ",
                "    ",
            ));
        }
    }
    starts
}

fn stances(out: &mut Vec<Line<'static>>, b: &Briefing, item: &Item, width: usize, theme: &Theme) {
    if item.stances.is_empty() {
        return;
    }
    let party = item
        .party
        .and_then(|p| b.actors.get(p))
        .map(|a| clean(&a.name).into_owned());
    heading(
        out,
        &party.map_or("Stances".into(), |p| format!("Stances: {p}")),
        theme,
    );
    for s in &item.stances {
        out.push(Line::styled(clean(&s.label()).into_owned(), theme.title));
        out.extend(para(&s.text, width, theme.text, "  ", "  "));
    }
}

fn links(
    out: &mut Vec<Line<'static>>,
    urls: &mut UrlLines,
    b: &Briefing,
    item: &Item,
    width: usize,
    theme: &Theme,
    selected: Option<usize>,
) -> Vec<usize> {
    let mut link_lines = Vec::new();
    let mut last_kind = None;
    for (i, link) in item_links(item).into_iter().enumerate() {
        let is_actor = matches!(link, Link::Actor(_));
        if last_kind != Some(is_actor) {
            heading(out, if is_actor { "Actors" } else { "Sources" }, theme);
            last_kind = Some(is_actor);
        }
        link_lines.push(out.len());
        let chosen = selected == Some(i);
        match link {
            Link::Actor(a) => actor_link(out, b, a, width, theme, chosen),
            Link::Source(s) => source_link(out, urls, b, s, width, theme, chosen),
        }
    }
    link_lines
}

/// The pointer and style of a link line, selected or not.
fn link_head(theme: &Theme, chosen: bool) -> (&'static str, Style) {
    if chosen {
        (theme.glyphs.pointer, theme.selected)
    } else {
        ("  ", theme.text)
    }
}

/// `Name — role (side)`.
fn actor_link(
    out: &mut Vec<Line<'static>>,
    b: &Briefing,
    a: usize,
    width: usize,
    theme: &Theme,
    chosen: bool,
) {
    let Some(actor) = b.actors.get(a) else { return };
    let (mark, style) = link_head(theme, chosen);
    let mut spans = vec![
        Span::raw(mark),
        Span::styled(clean(&actor.name).into_owned(), style),
    ];
    if let Some(role) = &actor.role {
        spans.push(Span::styled(
            format!("{}{}", theme.glyphs.dash, clean(role)),
            theme.muted,
        ));
    }
    if let Some(side) = &actor.side {
        spans.push(Span::styled(
            format!(" ({})", clean(side)),
            theme.side(Some(side)),
        ));
    }
    push_wrapped(out, spans, width, style);
}

/// `Title — publisher, date`, then the URL and the reliability note.
fn source_link(
    out: &mut Vec<Line<'static>>,
    urls: &mut UrlLines,
    b: &Briefing,
    s: usize,
    width: usize,
    theme: &Theme,
    chosen: bool,
) {
    let Some(source) = b.sources.get(s) else {
        return;
    };
    let (mark, style) = link_head(theme, chosen);
    let mut spans = vec![
        Span::raw(mark),
        Span::styled(clean(&source.title).into_owned(), style),
    ];
    let mut meta: Vec<String> = source
        .publisher
        .iter()
        .map(|p| clean(p).into_owned())
        .collect();
    meta.extend(source.date.iter().map(|d| d.to_string()));
    if !meta.is_empty() {
        spans.push(Span::styled(
            format!("{}{}", theme.glyphs.dash, meta.join(", ")),
            theme.muted,
        ));
    }
    push_wrapped(out, spans, width, style);
    if let Some(url) = &source.url {
        let first = out.len();
        out.extend(para(url, width, theme.link, "    ", "    "));
        urls.add(first..out.len(), url);
    }
    if let Some(note) = &source.note {
        out.extend(para(note, width, theme.muted, "    ", "    "));
    }
}

/// A scroll position meaning "scroll to the search hit" (set on the item or
/// summary a search hit opens, resolved by the next draw, which knows the
/// width).
pub const REVEAL_MATCH: usize = usize::MAX - 7;

/// Scroll positions from this one up mean "scroll to quote N" (this plus
/// N), set on the item a dossier's quote opens and resolved by the next
/// draw, like [`REVEAL_MATCH`].
pub const REVEAL_QUOTE: usize = usize::MAX / 2;

/// The quote a scroll position asks to be revealed, if it is one.
pub fn quote_to_reveal(scroll: usize) -> Option<usize> {
    (REVEAL_QUOTE..REVEAL_MATCH)
        .contains(&scroll)
        .then(|| scroll - REVEAL_QUOTE)
}

/// Pushes a line of spans, or, when it is wider than `width`, the same text
/// wrapped under a hanging indent (the spans' colours give way to `style`).
fn push_wrapped(
    out: &mut Vec<Line<'static>>,
    spans: Vec<Span<'static>>,
    width: usize,
    style: Style,
) {
    let line = Line::from(spans);
    if line.width() <= width {
        out.push(line);
        return;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (mark, rest) = text.split_at(text.char_indices().nth(2).map_or(text.len(), |(i, _)| i));
    let wrapped = super::text::wrap_with(rest, width, mark, "    ");
    out.extend(wrapped.into_iter().map(|l| Line::styled(l, style)));
}
