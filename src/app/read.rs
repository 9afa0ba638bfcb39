//! Read marks: which items this reader has opened, which are new or changed
//! since, and where the reader was last, per briefing. Pure state: each
//! change is also recorded (with its stamp) for the store, and the run loop
//! hands only those changes to it on a background thread.

use super::view::{View, overview_section};
use super::{App, Entry};
use crate::model::{Briefing, ItemRef};
use crate::state::{BriefingState, Changes, ItemChange, SavedView, briefing_key, legacy_key};
use std::cell::{Cell, OnceCell};

/// The reader's read marks; this module and `resume` change them.
#[derive(Debug, Default)]
pub struct ReadState {
    /// Read marks per entry (`None`: no state for it, e.g. `--no-state`).
    pub marks: Vec<Option<Marks>>,
    /// The item last marked read on arrival.
    pub last_opened: Option<(usize, ItemRef)>,
    /// Read state is on: entries that arrive later get marks too.
    pub on: bool,
}

/// What a list shows beside an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Read,
    Unread,
    /// Not there at the last visit, not opened since.
    New,
    /// Opened before, changed since.
    Updated,
}

/// One briefing's marks in this session.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub key: String,
    /// What is stored. Change the marks only through `set_read`, which keeps
    /// each item's copy of its marks and the unread counts below in step
    /// (`rehash` makes those afresh from this).
    pub state: BriefingState,
    /// What changed since the last save: all a save writes, so another
    /// reader's changes to other keys are never undone.
    pub pending: Changes,
    /// Each item's key, per section, made once per version of the briefing.
    items: Vec<Vec<ItemMark>>,
    /// Each section's unread count, made when a list first shows it and
    /// dropped when a mark in the section changes: counting looks up every
    /// item, 250 per row of a big briefing's overview, on every frame.
    unread: Vec<Cell<Option<usize>>>,
    /// The briefing was just opened: the next save records its view, moved
    /// or not, with a new stamp (it is now the last one read).
    pub view_due: bool,
}

/// An item's key, its stored marks, and its content hash once something
/// needed it: only items read before need theirs to draw their mark (the
/// first list that shows them hashes them), and a first visit hashes every
/// item to store them as known. The marks are copied from `state` so that
/// drawing a list looks nothing up by key.
#[derive(Debug, Clone)]
struct ItemMark {
    key: String,
    hash: OnceCell<u64>,
    /// The hash it had when it was read, if it was.
    read: Option<u64>,
    known: bool,
}

/// An item's mark, given its content hash now (needed when it was read).
fn mark_of(item: &ItemMark, hash: Option<u64>) -> Mark {
    match item.read {
        Some(h) if hash == Some(h) => Mark::Read,
        Some(_) => Mark::Updated,
        None if !item.known => Mark::New,
        None => Mark::Unread,
    }
}

/// `section-id/item-id`: stable across edits that keep the ids.
pub fn item_key(b: &Briefing, at: ItemRef) -> Option<String> {
    let s = b.sections.get(at.section)?;
    Some(crate::state::item_key(&s.id, &s.items.get(at.item)?.id))
}

/// The hash behind "updated": shared with `brief diff` (see [`crate::model::compare`]).
pub use crate::model::compare::content_hash;

impl Marks {
    /// Marks for a briefing from its stored state. On a first visit every
    /// current item becomes known (nothing is "new" the first time).
    pub fn new(b: &Briefing, key: String, stored: Option<&BriefingState>) -> Self {
        let mut marks = Marks {
            key,
            state: stored.cloned().unwrap_or_default(),
            ..Default::default()
        };
        marks.rehash(b);
        if stored.is_none() {
            let known: Vec<(String, u64)> = (marks.all_refs())
                .filter_map(|at| marks.entry(b, at))
                .map(|(key, hash)| (key.to_string(), hash))
                .collect();
            marks.know_all(known);
        }
        marks
    }

    /// The marks [`new`](Self::new) makes, from each item's key and content
    /// hash instead of the briefing (a library's cache holds them), with
    /// the unread counts made too.
    pub fn from_items(
        items: &[Vec<(String, u64)>],
        key: String,
        stored: Option<&BriefingState>,
    ) -> Self {
        let mut marks = Marks {
            key,
            state: stored.cloned().unwrap_or_default(),
            ..Default::default()
        };
        marks.items = (items.iter())
            .map(|section| {
                (section.iter())
                    .map(|(key, hash)| ItemMark {
                        read: marks.state.read.get(key).copied(),
                        known: marks.state.known.contains_key(key),
                        key: key.clone(),
                        hash: OnceCell::from(*hash),
                    })
                    .collect()
            })
            .collect();
        if stored.is_none() {
            marks.know_all(items.iter().flatten().cloned().collect());
        }
        marks.unread = (marks.items.iter())
            .map(|section| {
                let hashed = |m: &ItemMark| m.hash.get().copied();
                let count = section
                    .iter()
                    .filter(|m| mark_of(m, hashed(m)) != Mark::Read);
                Cell::new(Some(count.count()))
            })
            .collect();
        marks
    }

    /// A first visit: every item there now is known (none is new).
    fn know_all(&mut self, known: Vec<(String, u64)>) {
        self.state.known.extend(known.iter().cloned());
        self.pending.known.extend(known);
        self.items.iter_mut().flatten().for_each(|m| m.known = true);
    }

    /// Remakes the item keys and forgets the hashes (a new version was loaded).
    pub fn rehash(&mut self, b: &Briefing) {
        self.items = b
            .sections
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|it| {
                        let key = crate::state::item_key(&s.id, &it.id);
                        ItemMark {
                            read: self.state.read.get(&key).copied(),
                            known: self.state.known.contains_key(&key),
                            key,
                            hash: OnceCell::new(),
                        }
                    })
                    .collect()
            })
            .collect();
        self.unread = vec![Cell::new(None); b.sections.len()];
    }

    fn all_refs(&self) -> impl Iterator<Item = ItemRef> + use<> {
        let lens: Vec<usize> = self.items.iter().map(Vec::len).collect();
        (lens.into_iter().enumerate())
            .flat_map(|(section, len)| (0..len).map(move |item| ItemRef { section, item }))
    }

    /// The item's key and content hash (hashed on first use).
    fn entry(&self, b: &Briefing, at: ItemRef) -> Option<(&str, u64)> {
        let mark = self.items.get(at.section)?.get(at.item)?;
        let item = b.item(at)?;
        Some((&mark.key, *mark.hash.get_or_init(|| content_hash(b, item))))
    }

    pub fn mark(&self, b: &Briefing, at: ItemRef) -> Mark {
        let Some(item) = self.items.get(at.section).and_then(|s| s.get(at.item)) else {
            return Mark::Read;
        };
        // Hashed only when it was read: only then does the hash tell.
        let hash = item.read.and_then(|_| Some(self.entry(b, at)?.1));
        mark_of(item, hash)
    }

    pub fn set_read(&mut self, b: &Briefing, at: ItemRef, read: bool) {
        let Some((key, hash)) = self.entry(b, at).map(|(k, h)| (k.to_string(), h)) else {
            return;
        };
        let change = ItemChange {
            read: read.then_some(hash),
            stamp: self.state.next_stamp(&key),
        };
        self.state.apply(&Changes {
            items: [(key.clone(), change)].into(),
            ..Default::default()
        });
        self.pending.record(key.clone(), change);
        if read {
            self.state.known.insert(key.clone(), hash);
            self.pending.known.insert(key.clone(), hash);
        }
        // Ids may hold `/`, so two items can share a key (`a` + `b/c` and
        // `a/b` + `c`): every copy of the key follows, as the maps do.
        for (section, items) in self.items.iter_mut().enumerate() {
            for item in items.iter_mut().filter(|m| m.key == key) {
                item.read = read.then_some(hash);
                item.known |= read;
                if let Some(count) = self.unread.get(section) {
                    count.set(None);
                }
            }
        }
    }

    /// Items in a section not yet read (unread, new or updated).
    pub fn unread_in(&self, b: &Briefing, section: usize) -> usize {
        let cached = self.unread.get(section);
        if let Some(count) = cached.and_then(Cell::get) {
            return count;
        }
        let len = b.sections.get(section).map_or(0, |s| s.items.len());
        let count = (0..len)
            .filter(|&item| self.mark(b, ItemRef { section, item }) != Mark::Read)
            .count();
        if let Some(cell) = cached {
            cell.set(Some(count));
        }
        count
    }

    pub fn unread_total(&self, b: &Briefing) -> usize {
        (0..b.sections.len()).map(|s| self.unread_in(b, s)).sum()
    }

    /// The unread total as last counted ([`unread_total`](Self::unread_total)),
    /// without the briefing; `None` when a section has not been counted
    /// since its marks changed.
    pub fn unread_counted(&self) -> Option<usize> {
        self.unread.iter().map(Cell::get).sum()
    }
}

/// The key under which an entry's state is stored: the briefing's own
/// (title and date), the same for every copy of it.
pub fn entry_key(entry: &Entry) -> Option<String> {
    let b = &entry.outline()?.front;
    Some(briefing_key(&b.title, &b.date.to_string()))
}

/// The key older versions stored an entry's state under (its path and title).
pub fn entry_legacy_key(entry: &Entry) -> Option<String> {
    Some(legacy_key(
        entry.label.trim_start_matches("bundled:"),
        &entry.outline()?.front.title,
    ))
}

impl App {
    /// Marks for the open briefing.
    pub fn marks(&self) -> Option<&Marks> {
        self.read.marks.get(self.current)?.as_ref()
    }

    /// Records that the item on top was opened (once per arrival, so `u`
    /// inside the item can leave it unread).
    pub(super) fn note_opened(&mut self) {
        let View::Item { at, .. } = *self.top() else {
            self.read.last_opened = None;
            return;
        };
        if self.read.last_opened == Some((self.current, at)) {
            return;
        }
        self.read.last_opened = Some((self.current, at));
        let (Some(Some(marks)), Some(b)) = (
            self.read.marks.get_mut(self.current),
            self.entries.get(self.current).and_then(Entry::briefing),
        ) else {
            return;
        };
        if marks.mark(b, at) != Mark::Read {
            marks.set_read(b, at, true);
        }
    }

    /// `u`: toggles read/unread on the selected (or open) item.
    pub(super) fn toggle_read(&mut self) {
        let at = match self.top() {
            View::Item { at, .. } => *at,
            View::Section { section, list } => ItemRef {
                section: *section,
                item: list.selected,
            },
            _ => return self.message = Some("select an item to mark it".into()),
        };
        let (Some(Some(marks)), Some(b)) = (
            self.read.marks.get_mut(self.current),
            self.entries.get(self.current).and_then(Entry::briefing),
        ) else {
            return;
        };
        if b.item(at).is_none() {
            return;
        }
        let read = marks.mark(b, at) != Mark::Read;
        marks.set_read(b, at, read);
        self.message = Some(if read { "marked read" } else { "marked unread" }.into());
    }

    /// The view to remember for the open briefing.
    pub fn saved_view(&self) -> Option<SavedView> {
        let b = self.briefing()?;
        let section_id = |s: usize| b.sections.get(s).map(|s| s.id.clone());
        let view = self.stack.iter().rev().find(|v| {
            matches!(
                v,
                View::Overview(_) | View::Summary { .. } | View::Section { .. } | View::Item { .. }
            )
        })?;
        Some(match view {
            View::Item { at, scroll, .. } => SavedView {
                kind: "item".into(),
                section: section_id(at.section),
                item: b.item(*at).map(|i| i.id.clone()),
                scroll: Some(scroll.get()),
                at: None,
            },
            View::Summary { scroll } => SavedView {
                kind: "summary".into(),
                scroll: Some(scroll.get()),
                ..Default::default()
            },
            View::Section { section, list } => SavedView {
                kind: "section".into(),
                section: section_id(*section),
                item: b
                    .item(ItemRef {
                        section: *section,
                        item: list.selected,
                    })
                    .map(|i| i.id.clone()),
                ..Default::default()
            },
            View::Overview(list) => SavedView {
                kind: "overview".into(),
                section: overview_section(list.selected).and_then(section_id),
                ..Default::default()
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
