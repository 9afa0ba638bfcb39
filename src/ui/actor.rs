//! People and sources: an actor's card with their quotes and items, a source's
//! card with what cites it, and the index of all actors.

use super::links::UrlLines;
use super::list::{self, ListSpec};
use super::text::{count, para};
use super::theme::Theme;
use crate::app::{App, ListPos, Mention};
use crate::model::Briefing;
use crate::model::sanitize::sanitize_inline as clean;
use crate::ui::cache::MentionsOf;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

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

pub fn index_header(b: &Briefing, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(format!("Actors ({})", b.actors.len()), theme.heading),
        Line::default(),
    ]
}

/// A mention as two list lines: what was said (or the item), and where.
fn mention_row(b: &Briefing, m: Mention, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let Some(item) = b.item(m.item()) else {
        return vec![];
    };
    let section = b
        .sections
        .get(m.item().section)
        .map(|s| clean(&s.title).into_owned())
        .unwrap_or_default();
    let place = format!("  {section}{}{}", theme.glyphs.crumb, clean(&item.title));
    match m {
        Mention::Quote(_, qi) => {
            let text = item
                .quotes
                .get(qi)
                .map(|q| clean(&q.text).into_owned())
                .unwrap_or_default();
            vec![
                vec![
                    Span::styled(theme.glyphs.open_quote, theme.quote),
                    Span::styled(text, theme.quote),
                    Span::styled(theme.glyphs.close_quote, theme.quote),
                ],
                vec![Span::styled(place, theme.muted)],
            ]
        }
        Mention::Item(_) => vec![
            vec![
                Span::styled("item ", theme.muted),
                Span::styled(clean(&item.title).into_owned(), theme.title),
            ],
            vec![Span::styled(format!("  {section}"), theme.muted)],
        ],
    }
}

/// An actor's or a source's card above the list of what mentions it.
pub struct MentionsPane<'a> {
    pub header: Vec<Line<'static>>,
    pub mentions: &'a [Mention],
    pub empty: &'static str,
}

/// Draws a [`MentionsPane`]; returns where its header went (header line
/// `i` on row `y + i`: a mentions header is never cut in the middle).
pub fn draw_mentions(
    b: &Briefing,
    pane: MentionsPane<'_>,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) -> Rect {
    let row = |i: usize| {
        pane.mentions
            .get(i)
            .map(|m| mention_row(b, *m, theme))
            .unwrap_or_default()
    };
    let spec = ListSpec {
        header: pane.header,
        len: pane.mentions.len(),
        row_height: 2,
        row: &row,
        empty: pane.empty,
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme)
}

pub fn draw_index(
    app: &App,
    b: &Briefing,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let row = |i: usize| {
        let Some(a) = b.actors.get(i) else {
            return vec![];
        };
        let mut first = vec![Span::styled(clean(&a.name).into_owned(), theme.title)];
        if let Some(side) = &a.side {
            first.push(Span::styled(
                format!("  {}", clean(side)),
                theme.side(Some(side)),
            ));
        }
        // From the cached mentions: counting here would walk every item per row.
        let mentions = app.mentions(MentionsOf::Actor(i));
        let quotes = mentions
            .iter()
            .filter(|m| matches!(m, Mention::Quote(..)))
            .count();
        let items = mentions.len() - quotes;
        let role = a
            .role
            .as_deref()
            .map(|r| clean(r).into_owned())
            .unwrap_or_default();
        let counts = format!(
            "  {}{}{}  ",
            count(quotes, "quote"),
            theme.glyphs.dot,
            count(items, "item")
        );
        vec![
            first,
            vec![
                Span::styled(counts, theme.muted),
                Span::styled(role, theme.muted),
            ],
        ]
    };
    let spec = ListSpec {
        header: index_header(b, theme),
        len: b.actors.len(),
        row_height: 2,
        row: &row,
        empty: "no actors",
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}
