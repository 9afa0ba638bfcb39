//! Parses the text and walks the TOML tree table by table, so that one bad
//! table (or item, or quote) never hides the errors in another.
//!
//! Each table's keys are checked against its raw struct's fields, unknown keys
//! are reported and dropped, and the rest is deserialised on its own; a value
//! of the wrong type is reported and dropped too, and deserialisation retried,
//! so every wrong value in a table is reported in one run.

use super::Briefing;
use super::diagnostic::{Diagnostic, Diags};
use super::fast::groups;
use super::fields::struct_fields;
use super::raw::{RawActor, RawBriefing, RawFile, RawItem, RawQuote, RawSection, Str};
use super::sanitize::sanitize_inline;
use super::scan::Plan;
use super::shift::Shift;
use super::validate::{Validation, validate};
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

mod table;

/// A declared `[actor.<id>]` or `[source.<id>]`: the id (with the key's span)
/// and its fields, `None` when the table itself had errors.
#[derive(Debug)]
pub struct Decl<T> {
    pub id: Str,
    pub value: Option<T>,
}

/// A `[[section]]` with its items; `head` is `None` when its own keys had errors.
#[derive(Debug)]
pub struct SectionNode {
    pub span: Range<usize>,
    pub head: Option<RawSection>,
    pub items: Vec<ItemNode>,
}

/// A `[[section.item]]` with its quotes (`None` for a quote with errors).
#[derive(Debug)]
pub struct ItemNode {
    pub span: Range<usize>,
    pub head: Option<RawItem>,
    pub quotes: Vec<Option<RawQuote>>,
}

/// The file, table by table, as far as it could be read.
#[derive(Debug, Default)]
pub struct Tree {
    /// With the span of its `[briefing]` header.
    pub briefing: Option<Spanned<RawBriefing>>,
    pub actors: Vec<Decl<RawActor>>,
    pub sources: Vec<Decl<super::raw::RawSource>>,
    pub sections: Vec<SectionNode>,
}

/// Parses, walks and validates `text` as `plan` says: in one piece, or the
/// head and then groups of pieces, each validated as it is read. The
/// briefing, or `None` with every problem found in `diags` (after a TOML
/// syntax error, the ones before it and that error).
pub fn load(text: &str, plan: &Plan, diags: &mut Diags) -> Option<Briefing> {
    let Some(first) = plan.cuts.first() else {
        let tree = walk_head(text, true, diags)?;
        return validate(tree, text, diags);
    };
    let head = walk_head(&text[..first.at], false, diags)?;
    let mut v = Validation::new(head, text, diags);
    let mut sections = plan.cuts.iter().filter(|c| !c.item);
    for (start, end, item) in groups(text.len(), &plan.cuts) {
        let mark = diags.mark();
        let nodes = Walker { diags }.piece(&text[start..end], item);
        diags.shift_since(mark, start);
        match nodes? {
            Nodes::Sections(list) => {
                for node in list.shift(start) {
                    let items = node.items.len() + sections.next().map_or(0, |c| c.items);
                    v.section(node.span, node.head, items, diags);
                    node.items.into_iter().for_each(|i| v.item(i, diags));
                }
            }
            Nodes::Items(list) => list.shift(start).into_iter().for_each(|i| v.item(i, diags)),
        }
    }
    v.finish(diags)
}

/// The whole file walked into a tree, to validate in one go (tests compare
/// the paths with it).
#[cfg(test)]
pub fn walk(text: &str, diags: &mut Diags) -> Option<Tree> {
    walk_head(text, true, diags)
}

/// The file, or its head before the first cut (`whole` false: its sections follow).
fn walk_head(text: &str, whole: bool, diags: &mut Diags) -> Option<Tree> {
    let root = parse(text, diags)?;
    let mut w = Walker { diags };
    let mut root = root.into_inner();
    for (k, v) in root.iter() {
        w.scan_key(k);
        w.scan_value(v);
    }
    w.check_keys(&mut root, struct_fields::<RawFile>(), "");
    Some(w.tree(root, text, whole))
}

/// The text's TOML tree, or `None` with its syntax error.
fn parse<'i>(text: &'i str, diags: &mut Diags) -> Option<Spanned<DeTable<'i>>> {
    match DeTable::parse(text) {
        Ok(root) => Some(root),
        Err(e) => {
            let span = e.span().map(|s| widen(s, text.len()));
            let mut d = Diagnostic::error("toml-syntax", e.message().trim(), span.clone());
            // toml says where the second is; the outline finds the first.
            if let Some(span) = span.filter(|_| e.message().trim() == "duplicate key") {
                let first = super::outline::Outline::new(text).first_definition(span);
                if let Some(first) = first {
                    d = d.with_related(first, "first defined here");
                }
            }
            diags.push(d);
            None
        }
    }
}

/// What one group of pieces holds: sections, or more items of the last one.
enum Nodes {
    Sections(Vec<SectionNode>),
    Items(Vec<ItemNode>),
}

/// A zero-width span (toml's "expected `]`") still needs something to point at.
fn widen(span: Range<usize>, len: usize) -> Range<usize> {
    if span.is_empty() && span.start < len {
        span.start..span.start + 1
    } else {
        span
    }
}

struct Walker<'d> {
    diags: &'d mut Diags,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Walker<'_> {
    fn tree(&mut self, mut root: DeTable<'_>, text: &str, whole: bool) -> Tree {
        let mut tree = Tree::default();
        match root.remove("briefing") {
            Some(v) => {
                let span = v.span();
                let briefing = self.table(v, "`[briefing]`");
                tree.briefing = briefing.map(|b| Spanned::new(span, b));
            }
            None => self.diags.push(missing_briefing(text)),
        }
        if let Some(v) = root.remove("actor") {
            tree.actors = self.decls(v, "actor");
        }
        if let Some(v) = root.remove("source") {
            tree.sources = self.decls(v, "source");
        }
        if let Some(v) = root.remove("section") {
            let sections = self.array(v, "`section`");
            tree.sections = sections.into_iter().map(|s| self.section(s)).collect();
        } else if whole && !text.trim().is_empty() {
            self.diags.push(Diagnostic::error(
                "missing-key",
                "no `[[section]]`: a briefing needs at least one section",
                None,
            ));
        }
        tree
    }

    /// One group of pieces (spans from its start); the scan lets it hold
    /// nothing but `section`, a table of items when it starts at one.
    fn piece(&mut self, text: &str, items: bool) -> Option<Nodes> {
        let mut root = parse(text, self.diags)?.into_inner();
        for (k, v) in root.iter() {
            self.scan_key(k);
            self.scan_value(v);
        }
        let Some(v) = root.remove("section") else {
            return Some(Nodes::Sections(Vec::new()));
        };
        if !items {
            let sections = self.array(v, "`section`");
            return Some(Nodes::Sections(
                sections.into_iter().map(|s| self.section(s)).collect(),
            ));
        }
        let Some(mut table) = self.expect_table(v, "`[[section]]`") else {
            return Some(Nodes::Items(Vec::new()));
        };
        let items = match table.remove("item") {
            Some(v) => self.array(v, "`item`"),
            None => DeArray::new(),
        };
        Some(Nodes::Items(
            items.into_iter().map(|i| self.item(i)).collect(),
        ))
    }

    fn decls<T: DeserializeOwned>(&mut self, v: Value<'_>, kind: &str) -> Vec<Decl<T>> {
        let Some(table) = self.expect_table(v, &format!("`{kind}`")) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(table.len());
        for (k, v) in table {
            let id = Spanned::new(k.span(), k.into_inner().into_owned());
            let what = format!("`[{kind}.{}]`", sanitize_inline(id.get_ref()));
            let value = self.table(v, &what);
            out.push(Decl { id, value });
        }
        out
    }

    fn section(&mut self, v: Value<'_>) -> SectionNode {
        let span = v.span();
        let mut node = SectionNode {
            span: span.clone(),
            head: None,
            items: Vec::new(),
        };
        let Some(mut table) = self.expect_table(v, "`[[section]]`") else {
            return node;
        };
        let items = table.remove("item");
        node.head = self.table(Spanned::new(span, DeValue::Table(table)), "`[[section]]`");
        if let Some(items) = items {
            let items = self.array(items, "`item`");
            node.items = items.into_iter().map(|i| self.item(i)).collect();
        }
        node
    }

    fn item(&mut self, v: Value<'_>) -> ItemNode {
        let span = v.span();
        let mut node = ItemNode {
            span: span.clone(),
            head: None,
            quotes: Vec::new(),
        };
        let what = "`[[section.item]]`";
        let Some(mut table) = self.expect_table(v, what) else {
            return node;
        };
        let quotes = table.remove("quote");
        node.head = self.table(Spanned::new(span, DeValue::Table(table)), what);
        if let Some(quotes) = quotes {
            let quotes = self.array(quotes, "`quote`");
            let what = "`[[section.item.quote]]`";
            node.quotes = quotes.into_iter().map(|q| self.table(q, what)).collect();
        }
        node
    }

    fn array<'i>(&mut self, v: Value<'i>, what: &str) -> DeArray<'i> {
        let span = v.span();
        match v.into_inner() {
            DeValue::Array(a) => a,
            other => {
                self.wrong_type(what, "an array of tables", &other, span);
                DeArray::new()
            }
        }
    }

    fn expect_table<'i>(&mut self, v: Value<'i>, what: &str) -> Option<DeTable<'i>> {
        let span = v.span();
        match v.into_inner() {
            DeValue::Table(t) => Some(t),
            other => {
                self.wrong_type(what, "a table", &other, span);
                None
            }
        }
    }

    fn wrong_type(&mut self, what: &str, expected: &str, found: &DeValue<'_>, span: Range<usize>) {
        let msg = format!("{what} must be {expected}, found {}", found.type_str());
        self.diags
            .push(Diagnostic::error("wrong-type", msg, Some(span)));
    }
}

fn missing_briefing(text: &str) -> Diagnostic {
    let msg = if text.trim().is_empty() {
        "the file is empty: missing the `[briefing]` table"
    } else {
        "missing the `[briefing]` table"
    };
    Diagnostic::error("missing-key", msg, None)
        .with_help("a briefing starts with `[briefing]`, holding at least `title` and `date`")
}
