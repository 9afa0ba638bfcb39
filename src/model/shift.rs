//! Spans moved from offsets in a piece of the file to offsets in the whole:
//! the loader parses a big file a piece at a time (see [`super::scan`]), and
//! toml counts each piece's spans from the piece's start.

use super::raw::{RawItem, RawQuote, RawSection};
use super::walk::{ItemNode, SectionNode};
use indexmap::IndexMap;
use std::ops::Range;
use toml::Spanned;

/// A value whose spans can be moved `by` bytes further on.
pub trait Shift: Sized {
    fn shift(self, by: usize) -> Self;
}

fn range(r: Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

impl<T: Shift> Shift for Spanned<T> {
    fn shift(self, by: usize) -> Self {
        let span = range(self.span(), by);
        Spanned::new(span, self.into_inner().shift(by))
    }
}

impl<T: Shift> Shift for Option<T> {
    fn shift(self, by: usize) -> Self {
        self.map(|v| v.shift(by))
    }
}

impl<T: Shift> Shift for Vec<T> {
    fn shift(self, by: usize) -> Self {
        self.into_iter().map(|v| v.shift(by)).collect()
    }
}

impl<V: Shift> Shift for IndexMap<String, V> {
    fn shift(self, by: usize) -> Self {
        self.into_iter().map(|(k, v)| (k, v.shift(by))).collect()
    }
}

/// Values that hold no span.
macro_rules! no_spans {
    ($($t:ty),*) => {$(
        impl Shift for $t {
            fn shift(self, _: usize) -> Self {
                self
            }
        }
    )*};
}
no_spans!(String, toml::Value);

impl Shift for RawSection {
    fn shift(self, by: usize) -> Self {
        RawSection {
            title: self.title.shift(by),
            kind: self.kind.shift(by),
            id: self.id.shift(by),
            summary: self.summary.shift(by),
            item: self.item.shift(by),
        }
    }
}

impl Shift for RawItem {
    fn shift(self, by: usize) -> Self {
        RawItem {
            title: self.title.shift(by),
            id: self.id.shift(by),
            summary: self.summary.shift(by),
            body: self.body.shift(by),
            points: self.points.shift(by),
            date: self.date.shift(by),
            severity: self.severity.shift(by),
            actors: self.actors.shift(by),
            sources: self.sources.shift(by),
            tags: self.tags.shift(by),
            party: self.party.shift(by),
            stances: self.stances.shift(by),
            quote: self.quote.shift(by),
        }
    }
}

impl Shift for RawQuote {
    fn shift(self, by: usize) -> Self {
        RawQuote {
            by: self.by.shift(by),
            text: self.text.shift(by),
            context: self.context.shift(by),
            source: self.source.shift(by),
        }
    }
}

impl Shift for SectionNode {
    fn shift(self, by: usize) -> Self {
        SectionNode {
            span: range(self.span, by),
            head: self.head.shift(by),
            items: self.items.shift(by),
        }
    }
}

impl Shift for ItemNode {
    fn shift(self, by: usize) -> Self {
        ItemNode {
            span: range(self.span, by),
            head: self.head.shift(by),
            quotes: self.quotes.shift(by),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_span_moves() {
        let s = |r: Range<usize>| Spanned::new(r, "x".to_string());
        let item = RawItem {
            title: s(1..2),
            id: Some(s(3..4)),
            summary: None,
            body: None,
            points: vec![s(5..6)],
            date: Some(Spanned::new(7..8, toml::Value::Integer(1))),
            severity: None,
            actors: vec![s(9..10)],
            sources: vec![],
            tags: vec![s(11..12)],
            party: Some(s(13..14)),
            stances: [("k".to_string(), s(15..16))].into_iter().collect(),
            quote: vec![],
        };
        let moved = Spanned::new(0..20, item).shift(100);
        assert_eq!(moved.span(), 100..120);
        let item = moved.into_inner();
        assert_eq!(item.title.span(), 101..102);
        assert_eq!(item.id.unwrap().span(), 103..104);
        assert_eq!(item.points[0].span(), 105..106);
        assert_eq!(item.date.unwrap().span(), 107..108);
        assert_eq!(item.actors[0].span(), 109..110);
        assert_eq!(item.tags[0].span(), 111..112);
        assert_eq!(item.party.unwrap().span(), 113..114);
        assert_eq!(item.stances["k"].span(), 115..116);
    }
}
