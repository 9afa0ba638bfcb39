//! The actor dossier in the reader: who is who across the library (worked
//! out again only when the entries change, by the library's generation),
//! the rows of a person's dossier, how it is opened (`d` on an actor, `a`
//! in the library) and what Enter on a row opens. Everything here reads
//! the entries' digests, never another entry's full briefing.

use super::view::{ListPos, View};
use super::{App, Entry};
use crate::doc::dossier::{self, Dossier, Filed, People, Row};
use crate::doc::refs::{Link, item_links};
use crate::model::ItemRef;
use crate::model::digest::Digest;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

pub mod window;

/// Who is who as worked out at one generation of the library, with the
/// digests it was worked out from: a dossier reads the same ones.
#[derive(Debug)]
pub struct Snapshot {
    generation: u64,
    /// (entry, digest), newest first.
    digests: Vec<(usize, Arc<Digest>)>,
    pub people: People,
}

impl std::ops::Deref for Snapshot {
    type Target = People;
    fn deref(&self) -> &People {
        &self.people
    }
}

impl Snapshot {
    fn filed(&self) -> Vec<Filed<'_>> {
        (self.digests.iter())
            .map(|(entry, digest)| Filed {
                entry: *entry,
                digest,
            })
            .collect()
    }
}

/// People and dossiers, kept until the library's generation moves on.
#[derive(Debug, Default)]
pub struct DossierCache {
    snapshot: RefCell<Option<Rc<Snapshot>>>,
    /// Dossiers by person, of the snapshot of this generation.
    dossiers: RefCell<(u64, HashMap<u32, Rc<Dossier>>)>,
}

/// Dossiers kept at once (the open one and the previews beside a list).
const MAX_DOSSIERS: usize = 8;

/// While files are still arriving (a batch a generation), who is who is
/// worked out again only every this many generations: at 10,000 briefings
/// it takes tens of milliseconds, and batches come every 30 ms.
pub(super) const STALE_WHILE_LOADING: u64 = 16;

impl App {
    /// Every person across the library, worked out once per generation (or
    /// per [`STALE_WHILE_LOADING`] generations while the library loads).
    pub fn people(&self) -> Rc<Snapshot> {
        let generation = self.library.generation;
        let mut cached = self.dossier_cache.snapshot.borrow_mut();
        if let Some(s) = &*cached {
            let loading = generation.saturating_sub(s.generation) < STALE_WHILE_LOADING
                && self.pending_count() > 0;
            if s.generation == generation || loading {
                return s.clone();
            }
        }
        let digests: Vec<(usize, Arc<Digest>)> = (self.library_order().iter())
            .filter_map(|&entry| Some((entry, self.entries.get(entry)?.digest()?.clone())))
            .collect();
        let filed: Vec<Filed<'_>> = (digests.iter())
            .map(|(entry, digest)| Filed {
                entry: *entry,
                digest,
            })
            .collect();
        let people = People::of(&filed);
        drop(filed);
        let snapshot = Rc::new(Snapshot {
            generation,
            digests,
            people,
        });
        *cached = Some(snapshot.clone());
        snapshot
    }

    /// The person an id names and their dossier, if any briefing declares it.
    pub fn dossier(&self, id: &str) -> Option<(u32, Rc<Dossier>)> {
        let snapshot = self.people();
        let person = snapshot.person(id)?;
        let mut cache = self.dossier_cache.dossiers.borrow_mut();
        if cache.0 != snapshot.generation || cache.1.len() >= MAX_DOSSIERS {
            *cache = (snapshot.generation, HashMap::new());
        }
        let built = cache.1.entry(person).or_insert_with(|| {
            Rc::new(dossier::dossier(
                &snapshot.filed(),
                &snapshot.people,
                person,
            ))
        });
        Some((person, built.clone()))
    }

    /// The digest of a row's briefing.
    pub fn row_digest(&self, row: Row) -> Option<&crate::model::digest::Digest> {
        self.entries
            .get(row.entry())
            .and_then(Entry::digest)
            .map(|d| &**d)
    }

    /// `d`: the dossier of the actor in view (an actor's card, the selected
    /// actor of an index, the actor link chosen in an item).
    pub(super) fn open_dossier(&mut self) {
        let Some(id) = self.actor_in_view() else {
            self.message = Some("select an actor first (a lists them)".into());
            return;
        };
        let from = self.briefing().map(|_| self.current);
        self.stack.push(View::Dossier {
            id,
            list: ListPos::at(0),
            from,
        });
    }

    /// Opens the dossier of `id` over whatever is shown (`brief DIR --actor
    /// ID`); it fills in as the library loads.
    pub fn show_dossier(&mut self, id: &str) {
        let from = self.briefing().map(|_| self.current);
        self.stack.push(View::Dossier {
            id: id.into(),
            list: ListPos::at(0),
            from,
        });
    }

    /// The id of the actor the top view is about, if any.
    fn actor_in_view(&self) -> Option<Rc<str>> {
        if let View::People(list) = self.top() {
            let people = self.people();
            return people
                .list
                .get(list.selected)?
                .ids
                .first()
                .map(|id| id.as_ref().into());
        }
        let b = self.briefing()?;
        let actor = match self.top() {
            View::Actor { actor, .. } => *actor,
            View::Actors(list) => list.selected,
            View::Item { at, link, .. } => match item_links(b.item(*at)?).get(*link)? {
                Link::Actor(actor) => *actor,
                Link::Source(_) => return None,
            },
            _ => return None,
        };
        Some(b.actors.get(actor)?.id.as_str().into())
    }

    /// `a` in the library: every actor across it.
    pub(super) fn open_people(&mut self) {
        if self.people().list.is_empty() {
            let loading = self.pending_count() > 0;
            self.message = Some(
                if loading {
                    "no actors yet: the library is still loading"
                } else {
                    "no briefing in the library declares an actor"
                }
                .into(),
            );
            return;
        }
        self.stack.push(View::People(ListPos::at(0)));
    }

    /// Enter on dossier row `n`: the briefing at the actor's card, or the
    /// item, opened (and loaded, if it is not yet) over the dossier, which
    /// Back returns to.
    pub(super) fn open_dossier_row(&mut self, id: &str, n: usize) {
        let Some(row) = self.dossier(id).and_then(|(_, d)| d.rows.get(n).copied()) else {
            return;
        };
        let Some(target) = self.row_target(row) else {
            return;
        };
        self.open_target(row.entry(), target);
    }

    /// Opens entry `index` over the dossier at `target` (once its briefing
    /// is held: a library may have let it go, and then it is read again
    /// off the UI thread and opened when it arrives).
    pub(super) fn open_target(&mut self, index: usize, target: Target) {
        use super::library::keep::Then;
        if !self.when_held(index, Then::Dossier(target)) {
            return;
        }
        match self
            .entries
            .get(index)
            .map(|e| (e.version().is_some(), e.failure().is_some()))
        {
            Some((true, _)) => {
                self.current = index;
                self.stack.push(View::Overview(ListPos::at(0)));
            }
            // A file that does not load opens as its list of errors.
            Some((false, true)) => return self.open_overlay(|app| app.overlays.errors = Some(0)),
            _ => return,
        }
        match target {
            Target::Actor(actor) => {
                self.stack.push(View::Actors(ListPos::at(actor)));
                self.stack.push(View::actor(actor));
            }
            Target::Item(at) | Target::Quote(at, _)
                if self.briefing().and_then(|b| b.item(at)).is_some() =>
            {
                self.stack.push(View::section(at.section, at.item));
                let item = View::item(at);
                if let (Target::Quote(_, quote), View::Item { scroll, .. }) = (target, &item) {
                    // The draw, which knows the width, scrolls to the quote.
                    scroll.set(crate::doc::item::REVEAL_QUOTE.saturating_add(quote));
                }
                self.stack.push(item);
            }
            Target::Item(_) | Target::Quote(..) => {}
        }
        self.sync_parents();
    }

    /// Where a row leads in its briefing, from the digest.
    fn row_target(&self, row: Row) -> Option<Target> {
        let d = self.row_digest(row)?;
        Some(match row {
            Row::Briefing { actor, .. } => {
                d.actors.get(actor as usize)?;
                Target::Actor(actor as usize)
            }
            Row::Item { item, .. } => Target::Item(d.items.get(item as usize)?.at),
            Row::Quote { item, quote, .. } => {
                Target::Quote(d.items.get(item as usize)?.at, quote as usize)
            }
        })
    }

    /// `y` in a dossier: the selected row as plain text.
    pub(super) fn dossier_row_text(&self, id: &str, n: usize) -> Option<(String, &'static str)> {
        let row = *self.dossier(id)?.1.rows.get(n)?;
        let lines = dossier::lines::row(
            row,
            self.row_digest(row)?,
            80,
            &crate::doc::Theme::mono(false),
        );
        let what = match row {
            Row::Briefing { .. } => "briefing",
            Row::Item { .. } => "item",
            Row::Quote { .. } => "quote",
        };
        Some((crate::doc::text::plain(&lines), what))
    }

    /// `Y` in a dossier: all of it as Markdown, as `render --actor` writes it.
    pub(super) fn dossier_markdown(&self, id: &str) -> Option<String> {
        let (person, dossier) = self.dossier(id)?;
        let people = self.people();
        let who = people.list.get(person as usize)?;
        let labels: HashMap<usize, String> = (dossier.rows.iter())
            .filter_map(|r| match *r {
                Row::Briefing { entry, .. } => {
                    let e = self.entries.get(entry)?;
                    let path = e.path().unwrap_or(std::path::Path::new(&e.label));
                    Some((entry, crate::model::name::shown(path)))
                }
                _ => None,
            })
            .collect();
        Some(dossier::markdown::document(who, &dossier, |entry| {
            let digest = self.entries.get(entry)?.digest()?;
            Some((&**digest, labels.get(&entry)?.as_str()))
        }))
    }

    /// A dossier on top makes the briefing it was opened over current again
    /// (a row opened from it made another current).
    pub(super) fn settle_dossier(&mut self) {
        if let View::Dossier {
            from: Some(entry), ..
        } = self.top()
        {
            self.current = *entry;
        }
    }
}

/// What a dossier row opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Actor(usize),
    Item(ItemRef),
    /// An item, scrolled to its quote number N.
    Quote(ItemRef, usize),
}

#[cfg(test)]
pub(crate) mod tests;
