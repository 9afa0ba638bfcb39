//! Plain-text rendering of a briefing (what `brief FILE | less` prints): the
//! same line builders as the reader, without colour, wrapped to a width.

use crate::doc::headers::{overview_header, section_header, summary_lines};
use crate::doc::text::{count, para, plain};
use crate::doc::{Theme, item, matrix};
use crate::model::Briefing;
use ratatui::text::Line;

/// The whole briefing as sanitised, wrapped plain text.
pub fn text(b: &Briefing, width: usize, ascii: bool) -> String {
    let theme = Theme::mono(ascii);
    let width = width.max(20);
    let rule = theme.glyphs.rule.repeat(width);
    let mut out = plain(&overview_header(b, width, &theme));
    out.push_str(&plain(&contents(b, width, &theme)));
    out.push('\n');
    out.push_str(&plain(&summary_lines(b, width, &theme)));
    out.push('\n');
    for (i, s) in b.sections.iter().enumerate() {
        out.push_str(&format!("{rule}\n{}. ", i + 1));
        out.push_str(&plain(&section_header(s, width, &theme)));
        for it in &s.items {
            out.push_str(&plain(&item::lines(b, it, width, &theme, None).lines));
            out.push('\n');
        }
        if s.items.iter().any(|it| !it.stances.is_empty()) {
            let table: Vec<Line<'static>> = matrix::lines(b, i, width, &theme);
            out.push_str(&plain(&table));
            out.push('\n');
        }
    }
    out
}

/// The list under the header's "Contents" heading: the sections, numbered as
/// they are below, with their item counts.
fn contents(b: &Briefing, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::with_capacity(b.sections.len());
    for (i, s) in b.sections.iter().enumerate() {
        let first = format!("{:>3}. ", i + 1);
        let rest = " ".repeat(first.len());
        let items = count(s.items.len(), "item");
        let entry = format!("{} ({items})", s.title);
        lines.extend(para(&entry, width, theme.text, &first, &rest));
    }
    lines
}
