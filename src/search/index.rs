//! The search index: every searchable text of a briefing, folded once into one
//! buffer. Fields point back into the briefing instead of copying its text,
//! and items link the actors they name instead of repeating their names, so
//! the index costs about the folded text and no more.

use super::fold::fold;
use super::{Hit, Query, Target};
use crate::model::{Briefing, ItemRef};
use std::ops::Range;

/// Which text of its target a field is; resolved against the briefing when
/// a result is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title,
    Subtitle,
    Summary,
    KeyPoint(u32),
    Body,
    Point(u32),
    Quote(u32),
    QuoteContext(u32),
    Stance(u32),
    Tag(u32),
    Name,
    Role,
    Side,
    Alias(u32),
    Publisher,
    Note,
    Url,
}

/// One searchable piece of text.
#[derive(Debug, Clone)]
pub struct Field {
    /// The record (target) the text belongs to.
    pub record: u32,
    pub part: Part,
    folded: Range<u32>,
}

/// The fields of one target, and the actors it names (their names and
/// aliases count as its own). A target matches when every term is in one of them.
#[derive(Debug, Clone)]
pub struct Record {
    pub target: Target,
    pub fields: Range<usize>,
    actors: Range<usize>,
}

/// A briefing's searchable text, folded once.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub fields: Vec<Field>,
    pub records: Vec<Record>,
    folded: String,
    /// Record numbers of the actors each record names.
    links: Vec<u32>,
}

fn n(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Index {
    /// The whole index at once (the reader builds it a slice at a time
    /// with [`Builder`]).
    pub fn build(b: &Briefing) -> Self {
        Builder::new(b).finish(b)
    }

    fn record(&mut self, b: &Briefing, target: Target, actors: impl Iterator<Item = u32>) {
        let record = n(self.records.len());
        let start = self.fields.len();
        for (part, text) in parts(b, target) {
            let from = n(self.folded.len());
            self.folded.push_str(&fold(text));
            self.fields.push(Field {
                record,
                part,
                folded: from..n(self.folded.len()),
            });
        }
        let links = self.links.len();
        self.links.extend(actors);
        self.records.push(Record {
            target,
            fields: start..self.fields.len(),
            actors: links..self.links.len(),
        });
    }

    /// A field's folded text.
    pub fn folded(&self, field: &Field) -> &str {
        let r = field.folded.start as usize..field.folded.end as usize;
        self.folded.get(r).unwrap_or_default()
    }

    /// The fields a record is searched in: its own, then the names and
    /// aliases of the actors it names (as field numbers).
    fn searched(&self, record: &Record) -> impl Iterator<Item = usize> + '_ {
        let linked = self.links[record.actors.clone()].iter().flat_map(|&a| {
            let fields = self
                .records
                .get(a as usize)
                .map_or(0..0, |r| r.fields.clone());
            fields.filter(|&f| matches!(self.fields[f].part, Part::Name | Part::Alias(_)))
        });
        record.fields.clone().chain(linked)
    }

    /// Targets in which every term occurs: items first (what readers look
    /// for), then actors, sources, sections and the header; reading order within.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let has = |f: usize, t: &String| self.folded(&self.fields[f]).contains(t.as_str());
        let mut hits = Vec::new();
        for (r, record) in self.records.iter().enumerate() {
            let all = query
                .terms
                .iter()
                .all(|t| self.searched(record).any(|f| has(f, t)));
            if !all {
                continue;
            }
            let first = self
                .searched(record)
                .find(|&f| query.terms.iter().any(|t| has(f, t)));
            hits.push(Hit {
                record: r,
                field: first.unwrap_or(record.fields.start),
            });
        }
        hits.sort_by_key(|h| self.records[h.record].target.rank());
        hits
    }

    /// The original text of field `field`, from the briefing it was built from.
    pub fn text<'b>(&self, b: &'b Briefing, field: usize) -> Option<&'b str> {
        let f = self.fields.get(field)?;
        let target = self.records.get(f.record as usize)?.target;
        resolve(b, target, f.part)
    }

    /// What a hit's field is, for the breadcrumb: `body`, `stance: territory`,
    /// or `actor` when the match is in the name of an actor the item names.
    pub fn label(&self, b: &Briefing, hit: Hit) -> String {
        let Some(f) = self.fields.get(hit.field) else {
            return String::new();
        };
        if f.record as usize != hit.record {
            return "actor".into();
        }
        let stance = |i: u32| {
            let target = self.records.get(hit.record).map(|r| r.target);
            let Some(Target::Item(at)) = target else {
                return None;
            };
            Some(b.item(at)?.stances.get(i as usize)?.label())
        };
        match f.part {
            Part::Stance(i) => format!("stance: {}", stance(i).unwrap_or_default()),
            part => part_name(part).into(),
        }
    }
}

fn part_name(part: Part) -> &'static str {
    match part {
        Part::Title => "title",
        Part::Subtitle => "subtitle",
        Part::Summary => "summary",
        Part::KeyPoint(_) => "key point",
        Part::Body => "body",
        Part::Point(_) => "point",
        Part::Quote(_) => "quote",
        Part::QuoteContext(_) => "quote context",
        Part::Stance(_) => "stance",
        Part::Tag(_) => "tag",
        Part::Name => "name",
        Part::Role => "role",
        Part::Side => "side",
        Part::Alias(_) => "alias",
        Part::Publisher => "publisher",
        Part::Note => "note",
        Part::Url => "url",
    }
}

/// The actors an item names: its party, its actors, who it quotes.
fn named_actors(b: &Briefing, at: ItemRef) -> Vec<usize> {
    let Some(item) = b.item(at) else {
        return Vec::new();
    };
    let mut named: Vec<usize> = item.party.iter().chain(&item.actors).copied().collect();
    named.extend(item.quotes.iter().map(|q| q.by));
    named.retain(|&a| a < b.actors.len());
    named.sort_unstable();
    named.dedup();
    named
}

mod builder;
mod parts;
pub use builder::Builder;
use parts::{parts, resolve};

#[cfg(test)]
mod tests;
