//! What points where in a briefing: the actors and sources an item links
//! to, where an actor or source is mentioned, and where a search target
//! lives. Pure functions of the
//! model, shared by navigation (app), drawing (ui) and the text built here.

use crate::model::sanitize::sanitize_inline as clean;
use crate::model::{Briefing, Item, ItemRef};
use crate::search::Target;

/// Something the actor and source views list: a quote or an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mention {
    Quote(ItemRef, usize),
    Item(ItemRef),
}

impl Mention {
    pub fn item(self) -> ItemRef {
        match self {
            Self::Quote(at, _) | Self::Item(at) => at,
        }
    }
}

/// A thing an item links to, which drilling into it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    Actor(usize),
    Source(usize),
}

/// An item's links in reading order: party, actors, speakers, then sources.
pub fn item_links(item: &Item) -> Vec<Link> {
    let mut links = Vec::new();
    let actors = item
        .party
        .iter()
        .chain(&item.actors)
        .chain(item.quotes.iter().map(|q| &q.by));
    for &a in actors {
        if !links.contains(&Link::Actor(a)) {
            links.push(Link::Actor(a));
        }
    }
    for &s in item
        .sources
        .iter()
        .chain(item.quotes.iter().filter_map(|q| q.source.as_ref()))
    {
        if !links.contains(&Link::Source(s)) {
            links.push(Link::Source(s));
        }
    }
    links
}

/// Quotes by the actor, then items naming them.
pub fn actor_mentions(b: &Briefing, actor: usize) -> Vec<Mention> {
    let quotes = b
        .quotes_by(actor)
        .into_iter()
        .map(|(at, q)| Mention::Quote(at, q));
    quotes
        .chain(b.items_naming(actor).into_iter().map(Mention::Item))
        .collect()
}

/// Quotes citing the source, then items citing it.
pub fn source_mentions(b: &Briefing, source: usize) -> Vec<Mention> {
    let mut out = Vec::new();
    for (at, item) in b.items() {
        for (qi, q) in item.quotes.iter().enumerate() {
            if q.source == Some(source) {
                out.push(Mention::Quote(at, qi));
            }
        }
    }
    out.extend(
        b.items()
            .filter(|(_, it)| it.sources.contains(&source))
            .map(|(at, _)| Mention::Item(at)),
    );
    out
}

/// Where a target lives, as breadcrumb parts.
pub fn target_crumbs(b: &Briefing, target: Target) -> Vec<String> {
    let section = |s: usize| b.sections.get(s).map(|s| clean(&s.title).into_owned());
    match target {
        Target::Briefing => vec![clean(&b.title).into_owned()],
        Target::Section(s) => section(s).into_iter().collect(),
        Target::Item(at) => section(at.section)
            .into_iter()
            .chain(b.item(at).map(|i| clean(&i.title).into_owned()))
            .collect(),
        Target::Actor(a) => vec![
            "Actors".into(),
            b.actors
                .get(a)
                .map(|a| clean(&a.name).into_owned())
                .unwrap_or_default(),
        ],
        Target::Source(s) => vec![
            "Sources".into(),
            b.sources
                .get(s)
                .map(|s| clean(&s.title).into_owned())
                .unwrap_or_default(),
        ],
    }
}
