//! A dossier as styled, wrapped lines: the header (who, counts) and each
//! row in full (a quote is never cut), shared by the reader's pane, its
//! mouse hit-testing and the plain-text export. Every string passes the
//! sanitiser (`para` and `clean`).

use super::{Dossier, Person, Row};
use crate::doc::text::{count, para, plain, wrap_with};
use crate::doc::theme::Theme;
use crate::model::digest::Digest;
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The lines above the rows: name, role and side, the ids when there are
/// several, the counts (and how many briefings are still loading).
pub fn header(
    person: &Person,
    dossier: &Dossier,
    loading: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = para(&person.name, width, theme.title, "", "");
    let about: Vec<String> = (person.role.iter().chain(&person.side))
        .map(|s| clean(s).into_owned())
        .collect();
    if !about.is_empty() {
        lines.extend(para(
            &about.join(theme.glyphs.dot),
            width,
            theme.muted,
            "",
            "",
        ));
    }
    if person.ids.len() > 1 {
        let ids: Vec<&str> = person.ids.iter().map(|s| &**s).collect();
        // Ids break between words, never at their hyphens.
        let text = clean(&format!("one actor under the ids {}", ids.join(", "))).into_owned();
        let wrapped = crate::doc::text::wrap_words(&text, width, "", "  ");
        lines.extend(wrapped.into_iter().map(|l| Line::styled(l, theme.muted)));
    }
    let mut counts = [
        count(dossier.briefings, "briefing"),
        count(dossier.items, "item"),
        count(dossier.quotes, "quote"),
    ]
    .join(theme.glyphs.dot);
    if loading > 0 {
        counts.push_str(&format!("{}{loading} still loading", theme.glyphs.dot));
    }
    lines.extend(para(&counts, width, theme.heading, "", ""));
    lines.push(Line::default());
    lines
}

/// A row in full at `width`, from its briefing's digest (nothing when the
/// row no longer fits the digest).
pub fn row(row: Row, d: &Digest, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    match row {
        Row::Briefing { .. } => {
            let lead = format!("{}  ", d.date);
            led(&lead, theme.muted, &d.title, theme.title, width, "", "  ")
        }
        Row::Item { item, .. } => {
            let Some(it) = d.items.get(item as usize) else {
                return vec![];
            };
            let mut lead = format!("  {}  ", d.item_date(it));
            if let Some(sev) = it.severity {
                lead.push_str(theme.severity_badge(sev).0);
                lead.push(' ');
            }
            let section = d.sections.get(it.at.section).map_or("", |s| &**s);
            let place = format!("{section}{}{}", theme.glyphs.crumb, it.title);
            led(&lead, theme.muted, &place, theme.text, width, "", "    ")
        }
        Row::Quote { item, quote, .. } => {
            let Some(it) = d.items.get(item as usize) else {
                return vec![];
            };
            let Some(q) = it.quotes.get(quote as usize) else {
                return vec![];
            };
            quote_lines(q, d.item_date(it), width, theme)
        }
    }
}

/// A quote in full, then its date and context.
fn quote_lines(
    q: &crate::model::digest::DigestQuote,
    date: &crate::model::Date,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let g = &theme.glyphs;
    let text = format!("{}{}{}", g.open_quote, clean(&q.text), g.close_quote);
    let bar = format!("    {} ", g.quote_bar);
    let mut lines: Vec<Line<'static>> = wrap_with(&text, width, &bar, &bar)
        .into_iter()
        .map(|l| Line::styled(l, theme.quote))
        .collect();
    let mut about = format!("{}{date}", g.dash.trim_start());
    if let Some(context) = &q.context {
        about.push_str(g.dot);
        about.push_str(&clean(context));
    }
    lines.extend(para(&about, width, theme.muted, "      ", "        "));
    lines
}

/// `lead` then `text`, wrapped together with indents; the lead (a date, a
/// badge) keeps its own style on the first line.
fn led(
    lead: &str,
    lead_style: Style,
    text: &str,
    style: Style,
    width: usize,
    first: &str,
    rest: &str,
) -> Vec<Line<'static>> {
    let whole = format!("{lead}{}", clean(text));
    let prefix = format!("{first}{lead}");
    let mut lines = Vec::new();
    for (i, l) in wrap_with(&whole, width, first, rest)
        .into_iter()
        .enumerate()
    {
        match l.strip_prefix(prefix.as_str()) {
            Some(tail) if i == 0 => lines.push(Line::from(vec![
                Span::styled(prefix.clone(), lead_style),
                Span::styled(tail.to_string(), style),
            ])),
            _ => lines.push(Line::styled(l, style)),
        }
    }
    lines
}

/// The dossier as plain text, `width` columns wide (what `brief render
/// --actor` and a pipe print): the header, then each briefing after a
/// blank line. `digest` gives a row's briefing.
pub fn text<'a>(
    person: &Person,
    dossier: &Dossier,
    digest: impl Fn(usize) -> Option<&'a Digest>,
    width: usize,
    ascii: bool,
) -> String {
    let theme = Theme::mono(ascii);
    let width = width.clamp(crate::doc::export::MIN_WIDTH, crate::doc::export::MAX_WIDTH);
    let mut out = plain(&header(person, dossier, 0, width, &theme));
    for (n, &r) in dossier.rows.iter().enumerate() {
        if n > 0 && matches!(r, Row::Briefing { .. }) {
            out.push('\n');
        }
        if let Some(d) = digest(r.entry()) {
            out.push_str(&plain(&row(r, d, width, &theme)));
        }
    }
    out
}

/// The heading above the library's list of actors.
pub fn people_header(people: &super::People, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(
            format!("Actors across the library ({})", people.list.len()),
            theme.heading,
        ),
        Line::default(),
    ]
}
