//! Hover: on an id, the actor's name, role and side or the source's title,
//! publisher, URL and note; on a key or a header, its documentation. Text
//! from the file is sanitised and escaped for Markdown.

use super::document::Document;
use super::index::{Decl, IdKind, Index};
use super::keys;
use super::position::{Encoding, floor_char};
use crate::doc::markdown::inline;
use ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

/// What to show at `pos`, if anything.
pub fn hover(doc: &Document, pos: Position, enc: Encoding) -> Option<Hover> {
    let text = doc.text.as_str();
    let offset = floor_char(text, doc.offset(pos, enc));
    let index = doc.index();
    let (value, span) = if let Some((kind, id, span)) = index.id_at(offset) {
        let value = match index.decl(kind, id) {
            Some(d) => decl_markdown(text, index, d),
            None => format!("no {} `{}` is declared", kind.table(), code(id)),
        };
        (value, span)
    } else {
        key_at(index, offset)?
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(doc.range(&span, enc)),
    })
}

/// The documentation of the key (or header name) at `offset`.
fn key_at(index: &Index, offset: usize) -> Option<(String, std::ops::Range<usize>)> {
    let inside = |s: &std::ops::Range<usize>| s.start <= offset && offset <= s.end;
    let table = &index.outline.tables[index.outline.table_at(offset)];
    if inside(&table.header) {
        let i = table.keys.iter().position(|k| inside(&k.span))?;
        let names: Vec<&str> = table.keys[..=i].iter().map(|k| k.name.as_str()).collect();
        let doc = keys::header_doc(&names)?;
        return Some((keys::markdown(doc), table.keys[i].span.clone()));
    }
    let raw = keys::raw_type(table)?;
    let entry = table.entries.iter().find(|e| inside(&e.keys[0].span))?;
    let doc = keys::key_doc(raw, &entry.keys[0].name)?;
    Some((keys::markdown(doc), entry.keys[0].span.clone()))
}

/// An actor or a source as Markdown: its name (or title) in bold, then the
/// rest of what the file says of it, and how often it is used.
pub fn decl_markdown(text: &str, index: &Index, d: &Decl) -> String {
    let field = |k: &str| index.field(text, d, k).map(|v| inline(&v));
    let title = field(d.kind.title_key()).unwrap_or_else(|| inline(&d.id));
    let mut lines = Vec::new();
    match d.kind {
        IdKind::Actor => {
            let head = match field("role") {
                Some(role) => format!("**{title}** — {role}"),
                None => format!("**{title}**"),
            };
            lines.push(head);
            lines.extend(field("side").map(|s| format!("side: {s}")));
        }
        IdKind::Source => {
            lines.push(format!("**{title}**"));
            lines.extend(field("publisher").map(|p| format!("publisher: {p}")));
            lines.extend(field("url").map(|u| format!("url: {u}")));
            lines.extend(field("note"));
        }
    }
    let uses = index
        .refs
        .iter()
        .filter(|r| r.kind == d.kind && r.id == d.id)
        .count();
    let plural = if uses == 1 { "" } else { "s" };
    lines.push(format!(
        "{} `{}`, {uses} use{plural}",
        d.kind.table(),
        code(&d.id)
    ));
    lines.join("\n\n")
}

/// Text for inside a code span: sanitised, with no backtick to end it.
fn code(s: &str) -> String {
    crate::model::sanitize::sanitize_inline(s).replace('`', "'")
}
