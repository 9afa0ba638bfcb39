//! The timeline and the tag list as lines and documents: the headings the
//! reader's panes show, and the timeline as plain text and Markdown for
//! `brief render --timeline` (JSON is in `tools::render_timeline`). Every
//! string from a briefing goes through the sanitiser, or the Markdown
//! escaper.

use super::Theme;
use super::text::{count, para};
use super::timeline::{Filter, Row, Stub, Timeline, day_label, time_of};
use crate::model::digest::{Digest, DigestItem};
use crate::model::sanitize::sanitize_inline as clean;
use ratatui::text::Line;

/// `Timeline: 12 items in 3 briefings` (`library`) or `Timeline: 12 items`.
pub fn summary(t: &Timeline, library: bool) -> String {
    let mut out = format!("Timeline: {}", count(t.items, "item"));
    if library {
        out.push_str(&format!(" in {}", count(t.briefings, "briefing")));
    }
    out
}

/// The timeline pane's heading: what it holds, its filter, a blank line.
pub fn header(t: &Timeline, filter: &Filter, library: bool, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(summary(t, library), theme.heading)];
    if let Some(words) = filter.describe() {
        lines.push(Line::styled(
            format!("Filter: {}", clean(&words)),
            theme.accent,
        ));
    }
    lines.push(Line::default());
    lines
}

/// The tag list's heading.
pub fn tags_header(n: usize, theme: &Theme) -> Vec<Line<'static>> {
    vec![
        Line::styled(format!("Tags ({n})"), theme.heading),
        Line::default(),
    ]
}

/// A timeline to print, with what it was built from.
pub struct Document<'a> {
    pub timeline: &'a Timeline,
    pub filter: &'a Filter,
    /// Indexed by the timeline's `Stub::entry`.
    pub sources: &'a [Source<'a>],
    /// Built from a directory: items say which briefing they are from.
    pub library: bool,
}

/// One source of a timeline as the documents name it: its digest and, in a
/// library, its file's name (already escaped by `model::name::shown`).
pub struct Source<'a> {
    pub digest: &'a Digest,
    pub file: Option<String>,
}

/// Where an item comes from: `Briefing title › Section`.
fn whence(d: &Digest, item: &DigestItem, crumb: &str) -> String {
    let section = d.sections.get(item.at.section).map_or("", |s| &**s);
    format!("{}{crumb}{}", d.title, section)
}

/// The timeline as plain text, wrapped to `width`: a heading per day, then
/// each item's severity, time, title, and where it comes from.
pub fn text(doc: &Document<'_>, width: usize, ascii: bool) -> String {
    let (t, sources) = (doc.timeline, doc.sources);
    let theme = Theme::mono(ascii);
    let width = width.clamp(super::export::MIN_WIDTH, super::export::MAX_WIDTH);
    let mut lines = header(t, doc.filter, doc.library, &theme);
    for row in &t.rows {
        match *row {
            Row::Day { day, items } => {
                if !matches!(lines.last(), Some(l) if l.width() == 0) {
                    lines.push(Line::default());
                }
                let head = format!(
                    "{}{}{}",
                    day_label(day),
                    theme.glyphs.dot,
                    count(items as usize, "item")
                );
                lines.extend(para(&head, width, theme.heading, "", ""));
            }
            Row::Item(stub) => {
                let Some((d, item)) = item_of(sources, stub) else {
                    continue;
                };
                let badge = item.severity.map_or("", |s| theme.severity_badge(s).0);
                let time = time_of(d.item_date(item))
                    .map(|t| format!("{t} "))
                    .unwrap_or_default();
                let first = format!("  {badge:<4}  ");
                let rest = " ".repeat(first.len());
                let title = format!("{time}{}", item.title);
                lines.extend(para(&title, width, theme.title, &first, &rest));
                let from = whence(d, item, theme.glyphs.crumb);
                lines.extend(para(&from, width, theme.muted, &rest, &rest));
            }
        }
    }
    if t.rows.is_empty() {
        lines.push(Line::raw("No item matches."));
    }
    super::text::plain(&lines)
}

/// The timeline as Markdown: a heading per day, a list item per item.
pub fn markdown(doc: &Document<'_>) -> String {
    use super::markdown::inline;
    let (t, sources) = (doc.timeline, doc.sources);
    let counts = summary(t, doc.library).replacen("Timeline: ", "", 1);
    let mut out = format!("# Timeline\n\n{}.", inline(&counts));
    if let Some(words) = doc.filter.describe() {
        out.push_str(&format!(" Filter: {}.", inline(&words)));
    }
    out.push('\n');
    for row in &t.rows {
        match *row {
            Row::Day { day, .. } => out.push_str(&format!("\n## {}\n\n", day_label(day))),
            Row::Item(stub) => {
                let Some((d, item)) = item_of(sources, stub) else {
                    continue;
                };
                let badge = item
                    .severity
                    .map(|s| format!("**{}** ", s.as_str().to_uppercase()));
                let time = time_of(d.item_date(item))
                    .map(|t| format!("{t} "))
                    .unwrap_or_default();
                let section = d.sections.get(item.at.section).map_or("", |s| &**s);
                out.push_str(&format!(
                    "- {}{time}{} — *{}* › {}\n",
                    badge.unwrap_or_default(),
                    inline(&item.title),
                    inline(&d.title),
                    inline(section),
                ));
            }
        }
    }
    out
}

/// The digest and item a row points at (`Stub::entry` indexes `sources`).
pub fn item_of<'a>(sources: &'a [Source<'a>], stub: Stub) -> Option<(&'a Digest, &'a DigestItem)> {
    let d = sources.get(stub.entry as usize)?.digest;
    Some((d, d.items.get(stub.item as usize)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::timeline::tests::digest;

    #[test]
    fn text_and_markdown_say_the_same_in_their_own_escaping() {
        // TOML escapes: the title holds ESC and BEL themselves.
        let evil = "Kyiv *bold* \\u001b]0;pwned\\u0007 <b>";
        let d = digest(
            "2025-12-02",
            "",
            &[(evil, "2025-12-02T10:30:00Z", "critical", "", "")],
        );
        let sources = [Source {
            digest: &d,
            file: None,
        }];
        let t = Timeline::build(&[(0, &*d)], &Filter::default());
        let doc = Document {
            timeline: &t,
            filter: &Filter::default(),
            sources: &sources,
            library: false,
        };
        let text = text(&doc, 80, false);
        assert!(text.contains("2025-12-02 Tuesday · 1 item"), "{text}");
        assert!(
            text.contains("  CRIT  10:30 Kyiv *bold* ␛]0;pwned␇ <b>"),
            "{text}"
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        let md = markdown(&doc);
        assert!(md.contains("## 2025-12-02 Tuesday"), "{md}");
        assert!(
            md.contains("- **CRITICAL** 10:30 Kyiv \\*bold\\* ␛\\]0;pwned␇ \\<b\\>"),
            "{md}"
        );
        assert!(!md.contains('\u{1b}'), "{md:?}");
    }
}
