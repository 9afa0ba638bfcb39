//! A briefing reduced to what the library-wide views need (actor dossiers,
//! the timeline, tags): actors, and each item's title, date, severity, tags,
//! the actors it names and its quotes. Made once per loaded version and
//! shared (an `Arc` in [`super::Loaded`], made on first use), so a library of 10,000 briefings
//! can be followed across without keeping every full briefing in memory.

use super::{Briefing, Date, Item, ItemRef, Severity};

/// One briefing's digest.
#[derive(Debug, Clone, PartialEq)]
pub struct Digest {
    pub title: Box<str>,
    pub date: Date,
    /// The briefing's own tags.
    pub tags: Box<[Box<str>]>,
    pub actors: Box<[DigestActor]>,
    /// Section titles, indexed by `ItemRef::section`.
    pub sections: Box<[Box<str>]>,
    /// Every item, in file order.
    pub items: Box<[DigestItem]>,
}

/// An actor as the briefing declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestActor {
    pub id: Box<str>,
    pub name: Box<str>,
    pub role: Option<Box<str>>,
    pub side: Option<Box<str>>,
    /// Ids the same actor has in other briefings (`same_as`).
    pub same_as: Box<[Box<str>]>,
}

/// An item's place, headline facts and the actors it names.
#[derive(Debug, Clone, PartialEq)]
pub struct DigestItem {
    pub at: ItemRef,
    pub id: Box<str>,
    pub title: Box<str>,
    /// The item's own date; a view falls back on the briefing's.
    pub date: Option<Date>,
    pub severity: Option<Severity>,
    pub tags: Box<[Box<str>]>,
    /// Indices into [`Digest::actors`] of every actor the item names: its
    /// `actors`, its `party` and its quotes' speakers, each once, in that order.
    pub actors: Box<[u32]>,
    pub quotes: Box<[DigestQuote]>,
}

/// A quote, verbatim, with its speaker (an index into [`Digest::actors`]).
#[derive(Debug, Clone, PartialEq)]
pub struct DigestQuote {
    pub by: u32,
    pub text: Box<str>,
    pub context: Option<Box<str>>,
}

fn boxed(s: &str) -> Box<str> {
    s.into()
}

fn boxed_all(list: &[String]) -> Box<[Box<str>]> {
    list.iter().map(|s| boxed(s)).collect()
}

impl Digest {
    /// The digest of a validated briefing (linear in its size).
    pub fn of(b: &Briefing) -> Self {
        Self {
            title: boxed(&b.title),
            date: b.date.clone(),
            tags: boxed_all(&b.tags),
            actors: (b.actors.iter())
                .map(|a| DigestActor {
                    id: boxed(&a.id),
                    name: boxed(&a.name),
                    role: a.role.as_deref().map(boxed),
                    side: a.side.as_deref().map(boxed),
                    same_as: boxed_all(&a.same_as),
                })
                .collect(),
            sections: b.sections.iter().map(|s| boxed(&s.title)).collect(),
            items: b.items().map(|(at, item)| digest_item(at, item)).collect(),
        }
    }

    /// The date an item is filed under: its own, else the briefing's.
    pub fn item_date<'a>(&'a self, item: &'a DigestItem) -> &'a Date {
        item.date.as_ref().unwrap_or(&self.date)
    }

    /// The actor with this id, if the briefing declares it.
    pub fn actor(&self, id: &str) -> Option<u32> {
        (self.actors.iter().position(|a| &*a.id == id)).and_then(|i| u32::try_from(i).ok())
    }
}

fn digest_item(at: ItemRef, item: &Item) -> DigestItem {
    let mut actors: Vec<u32> = Vec::with_capacity(item.actors.len() + 1);
    let named = (item.actors.iter().copied())
        .chain(item.party)
        .chain(item.quotes.iter().map(|q| q.by));
    for a in named {
        let Ok(a) = u32::try_from(a) else { continue };
        // Items name a handful of actors: the scan stays short.
        if !actors.contains(&a) {
            actors.push(a);
        }
    }
    DigestItem {
        at,
        id: boxed(&item.id),
        title: boxed(&item.title),
        date: item.date.clone(),
        severity: item.severity,
        tags: boxed_all(&item.tags),
        actors: actors.into(),
        quotes: (item.quotes.iter())
            .filter_map(|q| {
                Some(DigestQuote {
                    by: u32::try_from(q.by).ok()?,
                    text: boxed(&q.text),
                    context: q.context.as_deref().map(boxed),
                })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[briefing]
title = "T"
date = 2025-12-02
tags = ["war"]

[actor.putin]
name = "Vladimir Putin"
role = "President"

[actor.zelensky]
name = "Volodymyr Zelensky"
same_as = ["zelenskyy"]

[[section]]
title = "Talks"

[[section.item]]
title = "Undated"
actors = ["putin"]
tags = ["talks"]

[[section.item.quote]]
by = "zelensky"
text = "Word for word."

[[section.item]]
title = "Dated"
date = 2025-11-30
severity = "high"
party = "putin"
actors = ["putin"]
"#;

    #[test]
    fn a_digest_keeps_items_actors_and_quotes_verbatim() {
        let loaded = crate::model::load_str("t", TEXT).expect("loads");
        let d = loaded.digest();
        assert_eq!(&*d.title, "T");
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.actor("zelensky"), Some(1));
        assert_eq!(&*d.actors[1].same_as[0], "zelenskyy");
        assert_eq!(&*d.sections[0], "Talks");
        let [first, second] = &d.items[..] else {
            panic!("two items: {:?}", d.items)
        };
        // Named actors: `actors` then quote speakers, each once.
        assert_eq!(&*first.actors, &[0, 1]);
        assert_eq!(&*first.quotes[0].text, "Word for word.");
        assert_eq!(first.quotes[0].by, 1);
        assert_eq!(d.item_date(first).text, "2025-12-02");
        assert_eq!(d.item_date(second).text, "2025-11-30");
        assert_eq!(&*second.actors, &[0], "party and actors name putin once");
        assert_eq!(second.severity, Some(Severity::High));
        assert_eq!(
            second.at,
            ItemRef {
                section: 0,
                item: 1
            }
        );
        assert_eq!(&*first.tags[0], "talks");
    }
}
