//! People and sources: an actor's card with their quotes and items, a source's
//! card with what cites it, and the index of all actors.

use super::list::{self, ListSpec};
use crate::app::{App, ListPos, Mention};
use crate::doc::cache::MentionsOf;
use crate::doc::headers::{actor_header, index_header, source_card};
use crate::doc::links::UrlLines;
use crate::doc::text::count;
use crate::doc::theme::Theme;
use crate::model::Briefing;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

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

/// An actor's or a source's card above the list of what mentions it.
#[allow(clippy::too_many_arguments)]
pub fn draw_card(
    app: &App,
    b: &Briefing,
    of: MentionsOf,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let width = usize::from(area.width);
    let (header, urls, empty) = match of {
        MentionsOf::Actor(a) => (
            actor_header(b, a, width, theme),
            UrlLines::default(),
            "not quoted or named in any item",
        ),
        MentionsOf::Source(s) => {
            let (header, urls) = source_card(b, s, width, theme);
            (header, urls, "not cited by any item")
        }
    };
    let mentions = app.mentions(of);
    let pane = MentionsPane {
        header,
        mentions: &mentions,
        empty,
    };
    let header_area = draw_mentions(b, pane, theme, frame, area, pos, focused);
    // The card's URL lines, where the list put its header.
    urls.record(0, header_area, &app.cache.urls);
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
