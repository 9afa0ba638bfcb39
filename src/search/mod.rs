//! Search over everything a reader can see: case- and accent-insensitive,
//! all words must match (AND), `"quoted phrases"` match as written.

pub mod fold;

use crate::model::{Briefing, ItemRef};
use fold::{fold, fold_with_map};
use std::ops::Range;

/// A parsed query: folded terms, each of which must occur.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<String>,
}

impl Query {
    /// Words separated by spaces; a double-quoted run is one term (a phrase).
    /// An unclosed quote runs to the end, so typing `"new yo` already matches.
    pub fn parse(input: &str) -> Self {
        let mut terms = Vec::new();
        let mut rest = input;
        while let Some(start) = rest.find(|c: char| !c.is_whitespace()) {
            rest = &rest[start..];
            let (term, next) = if let Some(phrase) = rest.strip_prefix('"') {
                let end = phrase.find('"').unwrap_or(phrase.len());
                (&phrase[..end], &phrase[(end + 1).min(phrase.len())..])
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            };
            let folded = fold(term);
            if !folded.is_empty() {
                terms.push(folded);
            }
            rest = next;
        }
        Self { terms }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// What a search hit opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Briefing,
    Section(usize),
    Item(ItemRef),
    Actor(usize),
    Source(usize),
}

impl Target {
    /// Where hits on this kind of target sort in results.
    fn rank(self) -> u8 {
        match self {
            Self::Item(_) => 0,
            Self::Actor(_) => 1,
            Self::Source(_) => 2,
            Self::Section(_) => 3,
            Self::Briefing => 4,
        }
    }
}

/// One searchable piece of text.
#[derive(Debug, Clone)]
pub struct Field {
    /// Shown after the breadcrumb, e.g. `stance: territory`, `quote`.
    pub label: String,
    pub text: String,
    pub folded: String,
}

/// The fields of one target; a target matches when every term is in one of them.
#[derive(Debug, Clone)]
pub struct Record {
    pub target: Target,
    pub fields: Range<usize>,
}

/// A briefing's searchable text, folded once.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub fields: Vec<Field>,
    pub records: Vec<Record>,
}

/// A matching target and the field its snippet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub record: usize,
    pub field: usize,
}

impl Index {
    pub fn build(b: &Briefing) -> Self {
        let mut index = Self::default();
        index.record(Target::Briefing, header_fields(b));
        for (s, section) in b.sections.iter().enumerate() {
            let fields = vec![
                ("title".into(), section.title.clone()),
                ("summary".into(), opt(&section.summary)),
            ];
            index.record(Target::Section(s), fields);
        }
        for (at, _) in b.items() {
            index.record(Target::Item(at), item_fields(b, at));
        }
        for (a, actor) in b.actors.iter().enumerate() {
            let mut fields = vec![
                ("name".into(), actor.name.clone()),
                ("role".into(), opt(&actor.role)),
            ];
            fields.push(("side".into(), opt(&actor.side)));
            fields.extend(
                actor
                    .aliases
                    .iter()
                    .map(|al| ("alias".to_string(), al.clone())),
            );
            index.record(Target::Actor(a), fields);
        }
        for (i, s) in b.sources.iter().enumerate() {
            let fields = vec![
                ("title".into(), s.title.clone()),
                ("publisher".into(), opt(&s.publisher)),
                ("note".into(), opt(&s.note)),
                ("url".into(), opt(&s.url)),
            ];
            index.record(Target::Source(i), fields);
        }
        index
    }

    fn record(&mut self, target: Target, fields: Vec<(String, String)>) {
        let start = self.fields.len();
        for (label, text) in fields.into_iter().filter(|(_, t)| !t.is_empty()) {
            let folded = fold(&text);
            self.fields.push(Field {
                label,
                text,
                folded,
            });
        }
        self.records.push(Record {
            target,
            fields: start..self.fields.len(),
        });
    }

    /// Targets in which every term occurs: items first (what readers look
    /// for), then actors, sources, sections and the header; reading order within.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for (r, record) in self.records.iter().enumerate() {
            let fields = &self.fields[record.fields.clone()];
            let all = query
                .terms
                .iter()
                .all(|t| fields.iter().any(|f| f.folded.contains(t.as_str())));
            if !all {
                continue;
            }
            let first = fields
                .iter()
                .position(|f| query.terms.iter().any(|t| f.folded.contains(t.as_str())));
            hits.push(Hit {
                record: r,
                field: record.fields.start + first.unwrap_or(0),
            });
        }
        hits.sort_by_key(|h| self.records[h.record].target.rank());
        hits
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn header_fields(b: &Briefing) -> Vec<(String, String)> {
    let mut fields = vec![
        ("title".into(), b.title.clone()),
        ("subtitle".into(), opt(&b.subtitle)),
    ];
    fields.push(("summary".into(), opt(&b.summary)));
    fields.extend(
        b.key_points
            .iter()
            .map(|p| ("key point".to_string(), p.clone())),
    );
    fields
}

fn item_fields(b: &Briefing, at: ItemRef) -> Vec<(String, String)> {
    let Some(item) = b.item(at) else {
        return vec![];
    };
    let mut f = vec![
        ("title".into(), item.title.clone()),
        ("summary".into(), opt(&item.summary)),
    ];
    f.push(("body".into(), opt(&item.body)));
    f.extend(item.points.iter().map(|p| ("point".to_string(), p.clone())));
    for q in &item.quotes {
        f.push(("quote".into(), q.text.clone()));
        f.push(("quote context".into(), opt(&q.context)));
    }
    for s in &item.stances {
        f.push((format!("stance: {}", s.label()), s.text.clone()));
    }
    let named = item
        .party
        .iter()
        .chain(&item.actors)
        .chain(item.quotes.iter().map(|q| &q.by));
    for &a in named {
        if let Some(actor) = b.actors.get(a) {
            f.push(("actor".into(), actor.name.clone()));
            f.extend(
                actor
                    .aliases
                    .iter()
                    .map(|al| ("actor".to_string(), al.clone())),
            );
        }
    }
    f.extend(item.tags.iter().map(|t| ("tag".to_string(), t.clone())));
    f
}

/// The first match of any term in `text`, as a byte range of the original.
pub fn first_match(text: &str, query: &Query) -> Option<Range<usize>> {
    let (folded, map) = fold_with_map(text);
    let (at, len) = query
        .terms
        .iter()
        .filter_map(|t| folded.find(t.as_str()).map(|at| (at, t.len())))
        .min()?;
    let start = map.get(at)?.0;
    let end = map.get(at + len - 1)?.1;
    Some(start..end)
}

#[cfg(test)]
mod tests;
