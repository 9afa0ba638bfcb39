//! What the editor features need from a text, from its tolerant outline (so
//! also in a file that does not parse): the declared actors and sources
//! with their fields, and every use of an id (`by`, `actors`, `party`,
//! `source`, `sources`), in file order.

use crate::model::outline::{Outline, Table, ValueKind};
use std::ops::Range;

/// Actor or source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Actor,
    Source,
}

impl IdKind {
    /// The table name: `actor` or `source`.
    pub fn table(self) -> &'static str {
        match self {
            IdKind::Actor => "actor",
            IdKind::Source => "source",
        }
    }

    /// The field that names it for a reader: an actor's `name`, a source's `title`.
    pub fn title_key(self) -> &'static str {
        match self {
            IdKind::Actor => "name",
            IdKind::Source => "title",
        }
    }
}

/// A declared actor or source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decl {
    pub kind: IdKind,
    pub id: String,
    /// The id's key in the header (`[actor.putin]`) or the dotted key.
    pub span: Range<usize>,
    /// Its string fields: key and the value's string token.
    pub fields: Vec<(String, Range<usize>)>,
    /// Where its declaration ends (the end of its last entry, or of its header).
    pub end: usize,
}

/// One use of an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub kind: IdKind,
    pub id: String,
    /// The string token, quotes included.
    pub span: Range<usize>,
}

/// The outline and the ids of one text.
#[derive(Debug, Clone)]
pub struct Index {
    pub outline: Outline,
    pub decls: Vec<Decl>,
    pub refs: Vec<Ref>,
}

/// Which keys hold ids, in which tables: `(table, key, kind)`.
const REFERENCES: [(&[&str], &str, IdKind); 5] = [
    (&["section", "item"], "actors", IdKind::Actor),
    (&["section", "item"], "party", IdKind::Actor),
    (&["section", "item"], "sources", IdKind::Source),
    (&["section", "item", "quote"], "by", IdKind::Actor),
    (&["section", "item", "quote"], "source", IdKind::Source),
];

/// The kind of id `key` holds in `table` (or, with `outer`, in the inline
/// tables of its key `outer`: `quote = [{ by = "putin" }]`), if it holds ids.
pub fn id_key(table: &Table, outer: Option<&str>, key: &str) -> Option<IdKind> {
    let mut path: Vec<&str> = table.keys.iter().map(|k| k.name.as_str()).collect();
    path.extend(outer);
    REFERENCES
        .iter()
        .find(|(t, k, _)| *t == path.as_slice() && *k == key)
        .map(|&(_, _, kind)| kind)
}

impl Index {
    pub fn new(text: &str) -> Self {
        let outline = Outline::new(text);
        let mut index = Self {
            outline: Outline { tables: Vec::new() },
            decls: Vec::new(),
            refs: Vec::new(),
        };
        for table in &outline.tables {
            index.declarations(table);
            index.references(text, table);
        }
        index.outline = outline;
        index
    }

    /// `[actor.x]` headers, and `x = {..}` or `x.name = ".."` in `[actor]`
    /// (or `actor.x...` at the top).
    fn declarations(&mut self, table: &Table) {
        for kind in [IdKind::Actor, IdKind::Source] {
            let name = kind.table();
            if table.keys.len() == 2 && table.keys[0].name == name && !table.array {
                let fields = (table.entries.iter())
                    .filter(|e| e.keys.len() == 1 && e.value.kind == ValueKind::String)
                    .map(|e| (e.keys[0].name.clone(), e.value.strings[0].clone()))
                    .collect();
                let end = table
                    .entries
                    .last()
                    .map_or(table.header.end, |e| e.span().end);
                self.add_decl(kind, &table.keys[1], fields, end);
                continue;
            }
            // Dotted keys: after `[actor]` they start with the id, at the top with `actor`.
            let skip = match table.keys.as_slice() {
                [k] if k.name == name => 0,
                [] => 1,
                _ => continue,
            };
            for e in &table.entries {
                if skip == 1 && e.keys.first().is_none_or(|k| k.name != name) {
                    continue;
                }
                let Some(id) = e.keys.get(skip) else { continue };
                let mut fields: Vec<(String, Range<usize>)> =
                    match (e.keys.get(skip + 1), e.value.kind) {
                        (Some(f), ValueKind::String) if e.keys.len() == skip + 2 => {
                            vec![(f.name.clone(), e.value.strings[0].clone())]
                        }
                        _ => Vec::new(),
                    };
                // `putin = { name = "..." }`
                if e.keys.len() == skip + 1 {
                    let inline = e.value.inline.iter();
                    fields.extend(inline.map(|(k, span)| (k.name.clone(), span.clone())));
                }
                self.add_field(kind, id, fields, e.span().end);
            }
        }
    }

    fn add_decl(
        &mut self,
        kind: IdKind,
        id: &crate::model::outline::Key,
        fields: Vec<(String, Range<usize>)>,
        end: usize,
    ) {
        self.decls.push(Decl {
            kind,
            id: id.name.clone(),
            span: id.span.clone(),
            fields,
            end,
        });
    }

    /// A field of a declaration made by dotted keys: joins the declaration
    /// of the same id made just before (`putin.name`, `putin.role`).
    fn add_field(
        &mut self,
        kind: IdKind,
        id: &crate::model::outline::Key,
        fields: Vec<(String, Range<usize>)>,
        end: usize,
    ) {
        if let Some(last) = self.decls.last_mut()
            && last.kind == kind
            && last.id == id.name
        {
            last.fields.extend(fields);
            last.end = end;
            return;
        }
        self.add_decl(kind, id, fields, end);
    }

    fn references(&mut self, text: &str, table: &Table) {
        for e in &table.entries {
            let [key] = e.keys.as_slice() else { continue };
            for (inner, span) in &e.value.inline {
                if let Some(kind) = id_key(table, Some(&key.name), &inner.name) {
                    self.add_ref(text, kind, span);
                }
            }
            let Some(kind) = id_key(table, None, &key.name) else {
                continue;
            };
            for span in &e.value.strings {
                self.add_ref(text, kind, span);
            }
        }
    }

    fn add_ref(&mut self, text: &str, kind: IdKind, span: &Range<usize>) {
        let id = Outline::decode(text, span.clone()).unwrap_or_default();
        self.refs.push(Ref {
            kind,
            id,
            span: span.clone(),
        });
    }

    /// The declarations of one kind, in file order.
    pub fn decls_of(&self, kind: IdKind) -> impl Iterator<Item = &Decl> {
        self.decls.iter().filter(move |d| d.kind == kind)
    }

    /// The first declaration of `id`.
    pub fn decl(&self, kind: IdKind, id: &str) -> Option<&Decl> {
        self.decls_of(kind).find(|d| d.id == id)
    }

    /// A declaration's field, decoded.
    pub fn field(&self, text: &str, decl: &Decl, key: &str) -> Option<String> {
        let (_, span) = decl.fields.iter().find(|(k, _)| k == key)?;
        Outline::decode(text, span.clone())
    }

    /// The id under the cursor: a use, or a declaration's key.
    pub fn id_at(&self, offset: usize) -> Option<(IdKind, &str, Range<usize>)> {
        let inside = |s: &Range<usize>| s.start <= offset && offset <= s.end;
        if let Some(r) = self.refs.iter().find(|r| inside(&r.span)) {
            return Some((r.kind, &r.id, r.span.clone()));
        }
        let d = self.decls.iter().find(|d| inside(&d.span))?;
        Some((d.kind, &d.id, d.span.clone()))
    }

    /// Every place `id` is written: its declarations, then its uses.
    pub fn places(&self, kind: IdKind, id: &str) -> Vec<Range<usize>> {
        let decls = self
            .decls_of(kind)
            .filter(|d| d.id == id)
            .map(|d| d.span.clone());
        let uses = (self.refs.iter())
            .filter(|r| r.kind == kind && r.id == id)
            .map(|r| r.span.clone());
        decls.chain(uses).collect()
    }
}

/// The part of a key or string token that is the id itself: inside the
/// quotes, when the token is a plain quoted string that says exactly the id.
pub fn id_span(text: &str, span: &Range<usize>, id: &str) -> Range<usize> {
    let raw = text.get(span.clone()).unwrap_or_default();
    let quoted = raw.len() >= 2 && (raw.starts_with('"') || raw.starts_with('\''));
    if quoted && raw[1..raw.len() - 1] == *id && raw.ends_with(&raw[..1]) {
        span.start + 1..span.end - 1
    } else {
        span.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[briefing]\ntitle = \"T\"\n\
        [actor.putin]\nname = \"Vladimir Putin\"\nrole = \"President\"\n\n\
        [actor]\nlavrov.name = \"Sergei Lavrov\"\nlavrov.role = \"Minister\"\nwitkoff = { name = \"W\" }\n\
        [source.tass]\ntitle = \"TASS\"\n\
        [[section]]\ntitle = \"S\"\n[[section.item]]\ntitle = \"I\"\n\
        actors = [\"putin\", 'lavrov']\nparty = \"putin\"\nsources = [\"tass\"]\n\
        [[section.item.quote]]\nby = \"ptuin\"\nsource = \"tass\"\n\
        [[section.item]]\ntitle = \"J\"\nquote = [{ text = \"会谈\", by = \"witkoff\", source = \"tass\" }]\n";

    #[test]
    fn declarations_in_every_form() {
        let index = Index::new(TEXT);
        let ids: Vec<(&str, IdKind)> = index
            .decls
            .iter()
            .map(|d| (d.id.as_str(), d.kind))
            .collect();
        assert_eq!(
            ids,
            [
                ("putin", IdKind::Actor),
                ("lavrov", IdKind::Actor),
                ("witkoff", IdKind::Actor),
                ("tass", IdKind::Source)
            ]
        );
        let putin = index.decl(IdKind::Actor, "putin").unwrap();
        assert_eq!(&TEXT[putin.span.clone()], "putin");
        assert_eq!(
            index.field(TEXT, putin, "role").as_deref(),
            Some("President")
        );
        assert!(TEXT[..putin.end].ends_with("\"President\""));
        let lavrov = index.decl(IdKind::Actor, "lavrov").unwrap();
        assert_eq!(
            index.field(TEXT, lavrov, "name").as_deref(),
            Some("Sergei Lavrov")
        );
        assert_eq!(
            index.field(TEXT, lavrov, "role").as_deref(),
            Some("Minister")
        );
    }

    #[test]
    fn uses_and_places() {
        let index = Index::new(TEXT);
        let uses: Vec<&str> = index.refs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            uses,
            [
                "putin", "lavrov", "putin", "tass", "ptuin", "tass", "witkoff", "tass"
            ]
        );
        assert_eq!(index.places(IdKind::Actor, "putin").len(), 3);
        assert_eq!(index.places(IdKind::Source, "tass").len(), 4);
        let at = TEXT.find("'lavrov'").unwrap() + 2;
        let (kind, id, span) = index.id_at(at).unwrap();
        assert_eq!((kind, id), (IdKind::Actor, "lavrov"));
        assert_eq!(id_span(TEXT, &span, id), span.start + 1..span.end - 1);
        assert_eq!(index.id_at(0), None);
    }

    #[test]
    fn id_spans_keep_to_plain_tokens() {
        let text = "a \"x\" 'y' \"\\u0078\" z";
        assert_eq!(id_span(text, &(2..5), "x"), 3..4);
        assert_eq!(id_span(text, &(6..9), "y"), 7..8);
        assert_eq!(id_span(text, &(10..18), "x"), 10..18);
        assert_eq!(id_span(text, &(19..20), "z"), 19..20);
        assert_eq!(id_span(text, &(2..3), "x"), 2..3);
    }
}
