//! Search over everything a reader can see: case- and accent-insensitive,
//! all words must match (AND), `"quoted phrases"` match as written.

pub mod fold;
pub mod index;

pub use index::{Builder, Field, Index, Part, Record};

use crate::model::ItemRef;
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

/// A matching target and the field its snippet comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub record: usize,
    pub field: usize,
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
