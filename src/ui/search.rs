//! Search on screen: the results list (breadcrumb and highlighted snippet per
//! hit), the prompt, and highlighting matches in any drawn line.

use super::list::{self, ListSpec};
use crate::app::{App, ListPos};
use crate::doc::refs::target_crumbs;
use crate::doc::text::fit;
use crate::doc::theme::Theme;
use crate::model::sanitize::sanitize_inline as clean;
use crate::search::fold::fold_with_map;
use crate::search::{Query, Target, first_match};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

fn kind_name(target: Target) -> &'static str {
    match target {
        Target::Briefing => "briefing",
        Target::Section(_) => "section",
        Target::Item(_) => "item",
        Target::Actor(_) => "actor",
        Target::Source(_) => "source",
    }
}

/// A one-line window on `text` that shows its first match, with the match styled.
pub fn snippet(text: &str, query: &Query, width: usize, theme: &Theme) -> Vec<Span<'static>> {
    let text = clean(text).into_owned();
    let Some(m) = first_match(&text, query) else {
        return vec![Span::styled(
            fit(&text, width, theme.glyphs.ellipsis),
            theme.muted,
        )];
    };
    // Start a little before the match so it has context, on a char boundary.
    let lead = text[..m.start]
        .char_indices()
        .rev()
        .nth(24)
        .map_or(0, |(i, _)| i);
    let mut spans = Vec::new();
    if lead > 0 {
        spans.push(Span::styled(theme.glyphs.ellipsis.to_string(), theme.muted));
    }
    spans.push(Span::styled(text[lead..m.start].to_string(), theme.muted));
    spans.push(Span::styled(text[m.clone()].to_string(), theme.highlight));
    spans.push(Span::styled(text[m.end..].to_string(), theme.muted));
    spans
}

/// What the results pane says before anything is typed.
const SEARCH_HINT: &str = "Type to search titles, text, quotes, stances, actors and sources";

pub fn draw_results(
    app: &App,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    pos: &ListPos,
    focused: bool,
) {
    let search = &app.search;
    let width = usize::from(area.width);
    let row = |i: usize| hit_row(app, i, width, theme).unwrap_or_default();
    let n = search.len();
    // Before anything is typed there are no hits to count: the hint, wrapped
    // at its words, says what can be found.
    let waiting = !search.palette && search.query.is_empty();
    let mut header = if search.palette {
        vec![Line::styled(format!("Jump to ({n})"), theme.heading)]
    } else if waiting {
        crate::doc::text::para(SEARCH_HINT, width, theme.muted, "", "")
    } else {
        let mut line = Line::styled(crate::doc::text::count(n, "hit"), theme.heading);
        if let Some(note) = finding_note(app) {
            line.push_span(Span::styled(note, theme.muted));
        }
        vec![line]
    };
    header.push(Line::default());
    let spec = ListSpec {
        header,
        len: n,
        row_height: 2,
        row: &row,
        empty: if waiting || searching(app) {
            ""
        } else {
            "no hits"
        },
        pinned: 0,
    };
    list::draw(frame, area, &spec, pos, focused, theme);
}

/// A search of the library's files still under way.
fn searching(app: &App) -> bool {
    app.search.finding.is_some_and(|f| !f.done)
}

/// How far a search of the library's files got, while it runs:
/// ` (searching, 1,200 of 10,000 files)`.
fn finding_note(app: &App) -> Option<String> {
    let f = app.search.finding.filter(|f| !f.done)?;
    Some(format!(" (searching, {} of {} files)", f.searched, f.files))
}

/// A hit found in the library's files: its row carries what it shows.
fn found_row(
    app: &App,
    found: &crate::library::search::Found,
    width: usize,
    theme: &Theme,
) -> Vec<Vec<Span<'static>>> {
    let search = &app.search;
    let mut crumbs = found.crumbs.clone();
    let mut second = vec![Span::raw("  ")];
    if search.palette {
        second.push(Span::styled(clean(&found.text).into_owned(), theme.muted));
    } else {
        crumbs.push(found.label.clone());
        second.extend(snippet(&found.text, &search.query, width, theme));
    }
    vec![
        vec![Span::styled(crumbs.join(theme.glyphs.crumb), theme.title)],
        second,
    ]
}

/// One result: where it is (breadcrumb and field), then a snippet with the
/// match highlighted (or, in the palette, what kind of thing it is).
fn hit_row(app: &App, i: usize, width: usize, theme: &Theme) -> Option<Vec<Vec<Span<'static>>>> {
    let search = &app.search;
    if let Some(found) = search.found.get(i) {
        return Some(found_row(app, found, width, theme));
    }
    let h = search.hits.get(i)?;
    let b = app.entries.get(h.entry)?.briefing()?;
    let index = search.built(h.entry)?;
    let record = index.records.get(h.hit.record)?;
    let mut crumbs = Vec::new();
    if search.all_entries {
        crumbs.push(clean(&b.title).into_owned());
    }
    crumbs.extend(target_crumbs(b, record.target));
    let mut second = vec![Span::raw("  ")];
    if search.palette {
        second.push(Span::styled(kind_name(record.target), theme.muted));
    } else {
        crumbs.push(clean(&index.label(b, h.hit)).into_owned());
        let text = index.text(b, h.hit.field).unwrap_or_default();
        second.extend(snippet(text, &search.query, width, theme));
    }
    Some(vec![
        vec![Span::styled(crumbs.join(theme.glyphs.crumb), theme.title)],
        second,
    ])
}

/// The prompt in the status line, with the terminal cursor at its end.
pub fn draw_prompt(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let input = clean(&app.search.input).into_owned();
    let count = match app.search.note {
        Some(note) => format!("  {note} "),
        // Nothing typed yet: no count to give.
        None if !app.search.palette && app.search.query.is_empty() => String::new(),
        None if searching(app) => format!(
            "  {}, searching{} ",
            crate::doc::text::count(app.search.len(), "hit"),
            theme.glyphs.ellipsis
        ),
        None => format!("  {} ", crate::doc::text::count(app.search.len(), "hit")),
    };
    let room = width.saturating_sub(count.width() + 2);
    // Keep the end of a long query visible: that is where the typing is.
    let shown: String = {
        let mut s: Vec<char> = input.chars().collect();
        while s.iter().collect::<String>().width() > room && !s.is_empty() {
            s.remove(0);
        }
        s.into_iter().collect()
    };
    let text = format!("{}{shown}", if app.search.palette { ':' } else { '/' });
    let cursor_x = area.x + text.width().min(width.saturating_sub(1)) as u16;
    let pad = width.saturating_sub(text.width() + count.width());
    let line = Line::from(vec![
        Span::styled(text, theme.text),
        Span::raw(" ".repeat(pad)),
        Span::styled(count, theme.muted),
    ]);
    frame.render_widget(line, area);
    frame.set_cursor_position(Position {
        x: cursor_x,
        y: area.y,
    });
}

/// The scroll that shows a search hit in `lines`: the first line holding
/// the most of the query's terms (a key point with both words of the query,
/// not an earlier line with one), with two lines above it for context.
pub fn reveal(lines: &[Line<'static>], query: &Query) -> usize {
    let mut best = (0, 0);
    for (i, line) in lines.iter().enumerate() {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let folded = crate::search::fold::fold(&text);
        let terms = query
            .terms
            .iter()
            .filter(|t| folded.contains(t.as_str()))
            .count();
        if terms > best.1 {
            best = (i, terms);
        }
    }
    best.0.saturating_sub(2)
}

/// The line with every occurrence of the query's terms styled `style`.
pub fn highlight(line: Line<'static>, query: &Query, style: Style) -> Line<'static> {
    if query.is_empty() {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let (folded, map) = fold_with_map(&text);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for term in &query.terms {
        let mut from = 0;
        while let Some(at) = folded[from..].find(term.as_str()).map(|i| i + from) {
            let end = at + term.len();
            if let (Some(s), Some(e)) = (map.get(at), map.get(end - 1)) {
                ranges.push((s.0, e.1));
            }
            from = end;
        }
    }
    if ranges.is_empty() {
        return line;
    }
    let mut out = Vec::new();
    let mut offset = 0;
    for span in line.spans {
        let len = span.content.len();
        let mut cuts = vec![0, len];
        for &(s, e) in &ranges {
            for b in [s, e] {
                if b > offset && b < offset + len && span.content.is_char_boundary(b - offset) {
                    cuts.push(b - offset);
                }
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let piece = &span.content[w[0]..w[1]];
            let abs = offset + w[0];
            let hit = ranges.iter().any(|&(s, e)| abs >= s && abs < e);
            let st = if hit {
                span.style.patch(style)
            } else {
                span.style
            };
            out.push(Span::styled(piece.to_string(), st));
        }
        offset += len;
    }
    Line::from(out).style(line.style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn highlight_splits_spans_at_matches() {
        let line = Line::from(vec![
            Span::raw("Fighting near "),
            Span::raw("Pokrovsk continues"),
        ]);
        let hl = Style::new().add_modifier(Modifier::REVERSED);
        let out = highlight(line, &Query::parse("pokrovsk"), hl);
        let marked: Vec<&str> = out
            .spans
            .iter()
            .filter(|s| s.style == hl)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked, vec!["Pokrovsk"]);
        let text: String = out.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Fighting near Pokrovsk continues");
    }

    #[test]
    fn snippet_keeps_the_match_in_view() {
        let theme = Theme::mono(false);
        let long = format!("{} the word Müller appears", "filler ".repeat(30));
        let spans = snippet(&long, &Query::parse("muller"), 60, &theme);
        assert_eq!(
            spans
                .iter()
                .find(|s| s.style == theme.highlight)
                .map(|s| s.content.as_ref()),
            Some("Müller")
        );
        assert_eq!(spans[0].content, "…");
    }
}
