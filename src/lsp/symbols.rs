//! The outline an editor shows: the briefing, its actors and sources, then
//! each section with its items, and each item's quotes and stances.

use super::document::Document;
use super::index::{Decl, IdKind, Index};
use super::position::Encoding;
use crate::model::outline::{Outline, Table};
use crate::model::sanitize::sanitize_inline;
use ls_types::{DocumentSymbol, DocumentSymbolResponse, SymbolKind};
use std::ops::Range;

/// A symbol before its ranges are converted.
struct Node {
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    range: Range<usize>,
    select: Range<usize>,
    children: Vec<Node>,
}

pub fn symbols(doc: &Document, enc: Encoding) -> DocumentSymbolResponse {
    let text = doc.text.as_str();
    let index = doc.index();
    let mut top: Vec<Node> = Vec::new();
    if let Some(b) = index.outline.tables.iter().find(|t| t.is(&["briefing"])) {
        let name = string(text, b, "title").unwrap_or_else(|| "briefing".into());
        top.push(node(name, Some("briefing".into()), SymbolKind::MODULE, b));
    }
    for (kind, group) in [(IdKind::Actor, "actors"), (IdKind::Source, "sources")] {
        let children: Vec<Node> = index.decls_of(kind).map(|d| decl(text, index, d)).collect();
        if let (Some(first), Some(last)) = (children.first(), children.last()) {
            let range = first.range.start..last.range.end;
            top.push(Node {
                name: group.into(),
                detail: None,
                kind: SymbolKind::NAMESPACE,
                select: first.select.clone(),
                range,
                children,
            });
        }
    }
    sections(text, &index.outline, &mut top);
    let out = top.into_iter().map(|n| convert(doc, n, enc)).collect();
    DocumentSymbolResponse::Nested(out)
}

/// Sections hold the items after them, items their quotes and stances.
fn sections(text: &str, outline: &Outline, top: &mut Vec<Node>) {
    for t in &outline.tables {
        let names: Vec<&str> = t.keys.iter().map(|k| k.name.as_str()).collect();
        let (depth, n) = match (names.as_slice(), t.array) {
            (["section"], true) => {
                let title = string(text, t, "title").unwrap_or_else(|| "section".into());
                (
                    0,
                    node(title, string(text, t, "kind"), SymbolKind::CLASS, t),
                )
            }
            (["section", "item"], true) => {
                let title = string(text, t, "title").unwrap_or_else(|| "item".into());
                (
                    1,
                    node(title, string(text, t, "severity"), SymbolKind::FIELD, t),
                )
            }
            (["section", "item", "quote"], true) => {
                let words = string(text, t, "text").unwrap_or_default();
                let by = string(text, t, "by").unwrap_or_else(|| "quote".into());
                let short: String = words.chars().take(60).collect();
                (2, node(by, Some(short), SymbolKind::STRING, t))
            }
            (["section", "item", "stances"], false) => {
                (2, node("stances".into(), None, SymbolKind::PROPERTY, t))
            }
            _ => continue,
        };
        place(top, depth, n);
    }
}

/// Puts `n` under the last node `depth` levels down (or as high as there is one).
fn place(list: &mut Vec<Node>, depth: usize, n: Node) {
    let parent = list
        .last_mut()
        .filter(|p| depth > 0 && p.kind != SymbolKind::MODULE);
    match parent {
        Some(p) if is_container(p.kind, depth) => {
            p.range.end = p.range.end.max(n.range.end);
            place(&mut p.children, depth - 1, n);
        }
        _ => list.push(n),
    }
}

/// A section holds items; an item holds quotes and stances.
fn is_container(kind: SymbolKind, depth: usize) -> bool {
    depth >= 1 && (kind == SymbolKind::CLASS || kind == SymbolKind::FIELD)
}

fn node(name: String, detail: Option<String>, kind: SymbolKind, t: &Table) -> Node {
    let end = t.entries.last().map_or(t.header.end, |e| e.span().end);
    Node {
        name,
        detail,
        kind,
        range: t.header.start..end.max(t.header.end),
        select: t.header.clone(),
        children: Vec::new(),
    }
}

fn decl(text: &str, index: &Index, d: &Decl) -> Node {
    let kind = match d.kind {
        IdKind::Actor => SymbolKind::VARIABLE,
        IdKind::Source => SymbolKind::FILE,
    };
    let detail = index.field(text, d, d.kind.title_key());
    Node {
        name: clean(&d.id, d.kind.table()),
        detail: detail.map(|s| clean(&s, "")),
        kind,
        range: d.span.start.min(d.end)..d.end.max(d.span.end),
        select: d.span.clone(),
        children: Vec::new(),
    }
}

/// A string value of the table, as a symbol's name shows it.
fn string(text: &str, t: &Table, key: &str) -> Option<String> {
    let e = t.entry(key)?;
    let span = e.value.strings.first()?;
    let s = Outline::decode(text, span.clone())?;
    let s = clean(&s, "");
    (!s.is_empty()).then_some(s)
}

/// One line, sanitised, never empty (editors refuse an empty name).
fn clean(s: &str, empty: &str) -> String {
    let one = sanitize_inline(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if one.is_empty() {
        empty.to_string()
    } else {
        one
    }
}

#[allow(deprecated)] // `deprecated` is a field every DocumentSymbol must set
fn convert(doc: &Document, n: Node, enc: Encoding) -> DocumentSymbol {
    let name = if n.name.is_empty() {
        "?".into()
    } else {
        n.name
    };
    DocumentSymbol {
        name,
        detail: n.detail,
        kind: n.kind,
        tags: None,
        deprecated: None,
        range: doc.range(&n.range, enc),
        selection_range: doc.range(&n.select, enc),
        children: Some(
            n.children
                .into_iter()
                .map(|c| convert(doc, c, enc))
                .collect(),
        ),
    }
}
