//! Completion: the headers of the format, the keys a table takes (with
//! their documentation), section kinds and severities, and ids where ids go
//! (actors in `by`, `actors` and `party`; sources in `source` and
//! `sources`), each with the actor's name and role or the source's title.

use super::context::{Spot, spot};
use super::document::Document;
use super::index::{Decl, IdKind, Index, id_key};
use super::keys::{self, HEADERS};
use super::position::{Encoding, floor_char};
use crate::model::outline::Table;
use crate::model::sanitize::sanitize_inline;
use crate::model::{SectionKind, Severity};
use ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, Position, TextEdit,
};
use std::collections::HashSet;
use std::ops::Range;

/// The completions at `pos`.
pub fn complete(doc: &Document, pos: Position, enc: Encoding) -> CompletionResponse {
    let text = doc.text.as_str();
    let offset = floor_char(text, doc.offset(pos, enc));
    let index = doc.index();
    let items: Vec<(String, Range<usize>, Item)> = match spot(text, &index.outline, offset) {
        Spot::Header { replace } => headers(replace),
        Spot::Key { table, word } => table_keys(text, index, table, word),
        Spot::Value {
            table,
            key,
            outer,
            word,
            quoted,
        } => values(text, index, (table, outer.as_deref(), &key), word, quoted),
        Spot::Nothing => Vec::new(),
    };
    let items = (items.into_iter())
        .map(|(new_text, range, item)| item.into_lsp(new_text, doc.range(&range, enc)))
        .collect();
    CompletionResponse::List(CompletionList {
        is_incomplete: false,
        items,
    })
}

/// A completion before it is placed.
struct Item {
    label: String,
    kind: CompletionItemKind,
    detail: Option<String>,
    doc: Option<String>,
}

impl Item {
    fn into_lsp(self, new_text: String, range: ls_types::Range) -> CompletionItem {
        CompletionItem {
            label: self.label,
            kind: Some(self.kind),
            detail: self.detail,
            documentation: self.doc.map(|value| {
                Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value,
                })
            }),
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(range, new_text))),
            ..CompletionItem::default()
        }
    }
}

fn headers(replace: Range<usize>) -> Vec<(String, Range<usize>, Item)> {
    (HEADERS.iter())
        .map(|&(header, names)| {
            let item = Item {
                label: header.to_string(),
                kind: CompletionItemKind::MODULE,
                detail: None,
                doc: keys::header_doc(names).map(keys::markdown),
            };
            (header.to_string(), replace.clone(), item)
        })
        .collect()
}

/// The keys the table takes that it does not have yet (nested tables are
/// headers, not keys).
fn table_keys(
    text: &str,
    index: &Index,
    t: usize,
    word: Range<usize>,
) -> Vec<(String, Range<usize>, Item)> {
    let table = &index.outline.tables[t];
    let Some(raw) = keys::raw_type(table).filter(|&r| r != "RawFile") else {
        return Vec::new();
    };
    let present = |key: &str| {
        (table.entries.iter())
            .any(|e| e.keys[0].name == key && !e.keys[0].span.contains(&word.start))
    };
    // `key = ` when nothing follows on the line.
    let rest = text[word.end..].split('\n').next().unwrap_or_default();
    let assign = if rest.trim().is_empty() { " = " } else { "" };
    (keys::keys_of(raw).iter())
        .filter(|d| !d.kind.ends_with(" tables") && !present(d.key))
        .map(|d| {
            let item = Item {
                label: d.key.to_string(),
                kind: CompletionItemKind::FIELD,
                detail: Some(d.kind.clone()),
                doc: Some(keys::markdown(d)),
            };
            (format!("{}{assign}", d.key), word.clone(), item)
        })
        .collect()
}

/// Kinds, severities or ids for the value of `key` (in `outer`'s inline
/// tables, if given) in table `t`.
fn values(
    text: &str,
    index: &Index,
    (t, outer, key): (usize, Option<&str>, &str),
    word: Range<usize>,
    quoted: bool,
) -> Vec<(String, Range<usize>, Item)> {
    let table = &index.outline.tables[t];
    let quote = |s: &str| {
        if quoted {
            s.to_string()
        } else {
            format!("\"{s}\"")
        }
    };
    let names = |list: &[&str], what: &str| -> Vec<(String, Range<usize>, Item)> {
        (list.iter())
            .map(|&name| {
                let item = Item {
                    label: name.to_string(),
                    kind: CompletionItemKind::ENUM_MEMBER,
                    detail: Some(what.to_string()),
                    doc: None,
                };
                (quote(name), word.clone(), item)
            })
            .collect()
    };
    match (keys::raw_type(table), outer, key) {
        (Some("RawSection"), None, "kind") => return names(&SectionKind::NAMES, "section kind"),
        (Some("RawItem"), None, "severity") => return names(&Severity::NAMES, "severity"),
        _ => {}
    }
    let Some(kind) = id_key(table, outer, key) else {
        return Vec::new();
    };
    let listed = listed(
        index,
        table,
        kind,
        outer.is_none().then_some(key),
        word.start,
    );
    let mut seen = HashSet::new();
    (index.decls_of(kind))
        .filter(|d| !listed.contains(d.id.as_str()) && seen.insert(d.id.as_str()))
        .map(|d| (quote(&d.id), word.clone(), id_item(text, index, d)))
        .collect()
}

/// The ids the array under `key` already lists, but the one at `at`: not
/// offered again.
fn listed<'i>(
    index: &'i Index,
    table: &Table,
    kind: IdKind,
    key: Option<&str>,
    at: usize,
) -> HashSet<&'i str> {
    let Some(entry) = key.and_then(|k| table.entry(k)) else {
        return HashSet::new();
    };
    (index.refs.iter())
        .filter(|r| r.kind == kind && entry.value.span.contains(&r.span.start))
        .filter(|r| !r.span.contains(&at))
        .map(|r| r.id.as_str())
        .collect()
}

/// An id with who or what it names.
fn id_item(text: &str, index: &Index, d: &Decl) -> Item {
    let field = |k: &str| {
        index
            .field(text, d, k)
            .map(|v| sanitize_inline(&v).into_owned())
    };
    let (detail, kind) = match d.kind {
        IdKind::Actor => {
            let name = field("name");
            let detail = match (name, field("role")) {
                (Some(n), Some(r)) => Some(format!("{n} — {r}")),
                (n, r) => n.or(r),
            };
            (detail, CompletionItemKind::VALUE)
        }
        IdKind::Source => (field("title"), CompletionItemKind::REFERENCE),
    };
    Item {
        label: d.id.clone(),
        kind,
        detail,
        doc: Some(super::hover::decl_markdown(text, index, d)),
    }
}
