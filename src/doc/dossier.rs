//! One actor across a library (the dossier): every briefing that declares
//! them, every item that names them and every quote they said, newest first,
//! read from the briefings' digests only (so it works when full briefings
//! are not kept in memory). Who is who is [`people`]; the reader's and the
//! exports' lines are [`lines`] and [`markdown`].

pub mod lines;
pub mod markdown;
pub mod people;

pub use people::{People, Person};

use crate::model::digest::Digest;

/// One briefing of the library, as the dossier reads it.
#[derive(Debug, Clone, Copy)]
pub struct Filed<'a> {
    /// The reader's entry number (what a row opens).
    pub entry: usize,
    pub digest: &'a Digest,
}

/// A row of a dossier: a briefing, then the items in it that name the
/// actor, each followed by the actor's quotes in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// `actor`: the actor's index in that briefing (its first id of the person).
    Briefing {
        entry: usize,
        actor: u32,
    },
    /// `item`: an index into the digest's items.
    Item {
        entry: usize,
        item: u32,
    },
    Quote {
        entry: usize,
        item: u32,
        quote: u32,
    },
}

impl Row {
    /// The entry the row is in.
    pub fn entry(self) -> usize {
        match self {
            Self::Briefing { entry, .. } | Self::Item { entry, .. } | Self::Quote { entry, .. } => {
                entry
            }
        }
    }
}

/// A person's dossier: its rows and how many of each kind.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Dossier {
    pub rows: Vec<Row>,
    pub briefings: usize,
    pub items: usize,
    pub quotes: usize,
}

/// The dossier of `person` over `library` (newest briefing first), the
/// library `people` was made from: linear in the library's items. Within a
/// briefing, items come newest first by their own date (else the
/// briefing's), in file order when dates tie.
pub fn dossier(library: &[Filed<'_>], people: &People, person: u32) -> Dossier {
    let mut out = Dossier::default();
    for (n, f) in library.iter().enumerate() {
        let persons = people.persons_in(n);
        let mine: Vec<u32> = (0..persons.len() as u32)
            .filter(|&a| persons[a as usize] == person)
            .collect();
        let Some(&first) = mine.first() else {
            continue;
        };
        out.briefings += 1;
        out.rows.push(Row::Briefing {
            entry: f.entry,
            actor: first,
        });
        let d = f.digest;
        let mut items: Vec<u32> = (0..d.items.len() as u32)
            .filter(|&i| d.items[i as usize].actors.iter().any(|a| mine.contains(a)))
            .collect();
        // Stable: file order where the dates are the same.
        items.sort_by(|&a, &b| {
            let date = |i: u32| d.item_date(&d.items[i as usize]);
            date(b).cmp(date(a))
        });
        for item in items {
            out.items += 1;
            out.rows.push(Row::Item {
                entry: f.entry,
                item,
            });
            let quotes = &d.items[item as usize].quotes;
            for (quote, q) in quotes.iter().enumerate() {
                if mine.contains(&q.by) {
                    out.quotes += 1;
                    out.rows.push(Row::Quote {
                        entry: f.entry,
                        item,
                        quote: quote as u32,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
