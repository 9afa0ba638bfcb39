//! One briefing's read marks in a session, item by item in reading order.
//! The items' keys and content hashes belong to the version shown and are
//! shared with every other reader of it ([`crate::model::item_ids`]); what
//! a session holds per item is a few bytes of marks. Fifty sessions over a
//! library of 1,000 briefings held a copy of every item's key, and of its
//! stored state, each (docs/serve.md, "What it costs").

use super::Mark;
use crate::model::item_ids::ItemIds;
use crate::model::{ItemRef, Loaded};
use crate::state::{BriefingState, Changes, ItemChange, SavedView, now_stamp};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// One briefing's marks in this session.
#[derive(Debug, Clone)]
pub struct Marks {
    pub key: String,
    /// Where the reader was in it, as stored or as this session moved.
    pub last_view: Option<Box<SavedView>>,
    /// What changed since the last save: all a save writes, so another
    /// reader's changes to other keys are never undone.
    pub pending: Changes,
    /// The items the marks are laid out for: the version's, shared.
    ids: Arc<ItemIds>,
    /// The version itself while its briefing is held (hashes not made yet
    /// are made from it); `None` once a library lets the briefing go, when
    /// every hash has been made (see [`Marks::let_go`]).
    version: Option<Arc<Loaded>>,
    /// Each item's marks, by its index in the version. Change them only
    /// through `set_read`, which keeps every copy of a key and the unread
    /// counts in step.
    items: Vec<ItemMark>,
    /// What is stored under keys the version has no item for (an edit
    /// removed them; another may bring them back).
    elsewhere: Elsewhere,
    /// Each section's unread count, made when a list first shows it and
    /// dropped when a mark in the section changes: counting looks up every
    /// item, 250 per row of a big briefing's overview, on every frame.
    unread: Vec<Cell<Option<usize>>>,
    /// The briefing was just opened: the next save records its view, moved
    /// or not, with a new stamp (it is now the last one read).
    pub view_due: bool,
}

// Every session holds marks for every briefing of the library: 424 bytes
// before the saved view and the marks stored elsewhere were boxed.
const _: () = assert!(std::mem::size_of::<Marks>() <= 176);

/// What the stored state says of one item (24 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct ItemMark {
    /// The item's content hash when it was read, if `read`.
    hash: u64,
    /// The stamp of the last change to its read mark, if `changed`.
    stamp: u64,
    read: bool,
    changed: bool,
    /// There at the first visit, or opened since: not new.
    known: bool,
}

/// The stored maps, for keys that are not items of the version shown;
/// boxed and made only when there are some (rarely: an edit removed an
/// item), as each session holds marks for every briefing.
#[derive(Debug, Clone, Default)]
struct Elsewhere(Option<Box<ElsewhereMaps>>);

#[derive(Debug, Clone, Default)]
struct ElsewhereMaps {
    read: BTreeMap<String, u64>,
    changed: BTreeMap<String, u64>,
    known: BTreeSet<String>,
}

impl Elsewhere {
    /// What `state` stores under keys that are not items of `ids`.
    fn of(state: &BriefingState, ids: &ItemIds) -> Self {
        let mut maps = ElsewhereMaps::default();
        let gone = |key: &&String| !ids.contains(key);
        for (key, &hash) in state.read.iter().filter(|(k, _)| gone(k)) {
            maps.read.insert(key.clone(), hash);
        }
        for (key, &stamp) in state.changed.iter().filter(|(k, _)| gone(k)) {
            maps.changed.insert(key.clone(), stamp);
        }
        maps.known = state.known.keys().filter(gone).cloned().collect();
        let empty = maps.read.is_empty() && maps.changed.is_empty() && maps.known.is_empty();
        Self((!empty).then(|| Box::new(maps)))
    }

    fn get(&self, key: &str) -> ItemMark {
        let Some(maps) = &self.0 else {
            return ItemMark::default();
        };
        let read = maps.read.get(key).copied();
        let stamp = maps.changed.get(key).copied();
        ItemMark {
            hash: read.unwrap_or(0),
            stamp: stamp.unwrap_or(0),
            read: read.is_some(),
            changed: stamp.is_some(),
            known: maps.known.contains(key),
        }
    }

    fn put(&mut self, key: &str, mark: ItemMark) {
        if !(mark.read || mark.changed || mark.known) {
            return;
        }
        let maps = self.0.get_or_insert_default();
        if mark.read {
            maps.read.insert(key.to_string(), mark.hash);
        }
        if mark.changed {
            maps.changed.insert(key.to_string(), mark.stamp);
        }
        if mark.known {
            maps.known.insert(key.to_string());
        }
    }

    fn remove(&mut self, key: &str) {
        if let Some(maps) = &mut self.0 {
            maps.read.remove(key);
            maps.changed.remove(key);
            maps.known.remove(key);
        }
    }
}

impl Marks {
    /// Marks for a version from its stored state. On a first visit every
    /// current item becomes known (nothing is "new" the first time), and is
    /// hashed to be stored so.
    pub fn new(version: &Arc<Loaded>, key: String, stored: Option<&BriefingState>) -> Self {
        Self::laid_out(version.ids().clone(), Some(version.clone()), key, stored)
    }

    /// The marks [`new`](Self::new) makes, from each item's key and content
    /// hash instead of the version (a library's cached card holds them).
    pub fn from_items(
        items: &[Vec<(String, u64)>],
        key: String,
        stored: Option<&BriefingState>,
    ) -> Self {
        Self::laid_out(Arc::new(ItemIds::from_items(items)), None, key, stored)
    }

    fn laid_out(
        ids: Arc<ItemIds>,
        version: Option<Arc<Loaded>>,
        key: String,
        stored: Option<&BriefingState>,
    ) -> Self {
        let empty = BriefingState::default();
        let state = stored.unwrap_or(&empty);
        let items = (0..ids.len())
            .map(|i| {
                let mut mark = ItemMark::default();
                let key = ids.key(i);
                if let Some(&hash) = state.read.get(key) {
                    (mark.read, mark.hash) = (true, hash);
                }
                if let Some(&stamp) = state.changed.get(key) {
                    (mark.changed, mark.stamp) = (true, stamp);
                }
                mark.known = stored.is_none() || state.known.contains_key(key);
                mark
            })
            .collect();
        let elsewhere = Elsewhere::of(state, &ids);
        let mut marks = Marks {
            key,
            last_view: state.last_view.clone(),
            pending: Changes::default(),
            unread: vec![Cell::new(None); ids.sections()],
            ids,
            version,
            items,
            elsewhere,
            view_due: false,
        };
        if stored.is_none() {
            marks.pending.known = (0..marks.ids.len())
                .filter_map(|i| Some((marks.ids.key(i).to_string(), marks.hash(i)?)))
                .collect();
        }
        marks
    }

    /// Item `i`'s content hash: made already, or made now from the version.
    fn hash(&self, i: usize) -> Option<u64> {
        (self.ids.hash(i)).or_else(|| self.version.as_ref()?.item_hash(i))
    }

    /// The briefing is let go: every hash is made first, so the marks and
    /// their counts need nothing more of it.
    pub fn let_go(&mut self) {
        for i in 0..self.ids.len() {
            let _ = self.hash(i);
        }
        self.version = None;
    }

    /// Lays the marks out for a new version of the briefing: by key, what
    /// the old version's items had, or what was stored for keys it lacked.
    pub fn rehash(&mut self, version: &Arc<Loaded>) {
        let (old, new) = (self.ids.clone(), version.ids().clone());
        let items: Vec<ItemMark> = (0..new.len())
            .map(|i| {
                let key = new.key(i);
                match old.find(key).next() {
                    Some(j) => self.items[j],
                    None => self.elsewhere.get(key),
                }
            })
            .collect();
        for i in 0..new.len() {
            self.elsewhere.remove(new.key(i));
        }
        for (j, mark) in self.items.iter().enumerate() {
            let key = old.key(j);
            if !new.contains(key) {
                self.elsewhere.put(key, *mark);
            }
        }
        self.items = items;
        self.version = Some(version.clone());
        self.unread = vec![Cell::new(None); new.sections()];
        self.ids = new;
    }

    pub fn mark(&self, at: ItemRef) -> Mark {
        let Some(i) = self.ids.index(at) else {
            return Mark::Read;
        };
        let mark = self.items[i];
        match mark.read {
            true if self.hash(i) == Some(mark.hash) => Mark::Read,
            true => Mark::Updated,
            false if !mark.known => Mark::New,
            false => Mark::Unread,
        }
    }

    /// Marks the item at `at` read or unread, stamped after any change to
    /// it this session has seen (so it wins over them when saves meet).
    pub fn set_read(&mut self, at: ItemRef, read: bool) {
        let ids = self.ids.clone();
        let Some(i) = ids.index(at) else {
            return;
        };
        let Some(hash) = self.hash(i) else {
            return;
        };
        let before = self.items[i];
        let after = if before.changed {
            before.stamp.saturating_add(1)
        } else {
            0
        };
        let stamp = now_stamp().max(after);
        let key = ids.key(i).to_string();
        let change = ItemChange {
            read: read.then_some(hash),
            stamp,
        };
        self.pending.record(key.clone(), change);
        if read {
            self.pending.known.insert(key.clone(), hash);
        }
        let mark = ItemMark {
            hash: if read { hash } else { before.hash },
            stamp,
            read,
            changed: true,
            known: before.known || read,
        };
        // Every item with this key follows, as the stored maps do.
        for j in ids.find(&key) {
            self.items[j] = mark;
            if let Some(count) = self.unread.get(ids.at(j).section) {
                count.set(None);
            }
        }
    }

    /// Items in a section not yet read (unread, new or updated).
    pub fn unread_in(&self, section: usize) -> usize {
        let cached = self.unread.get(section);
        if let Some(count) = cached.and_then(Cell::get) {
            return count;
        }
        let len = self.ids.section_len(section);
        let count = (0..len)
            .filter(|&item| self.mark(ItemRef { section, item }) != Mark::Read)
            .count();
        if let Some(cell) = cached {
            cell.set(Some(count));
        }
        count
    }

    pub fn unread_total(&self) -> usize {
        (0..self.unread.len()).map(|s| self.unread_in(s)).sum()
    }

    /// Every item, in reading order.
    #[cfg(test)]
    pub(crate) fn all_refs(&self) -> impl Iterator<Item = ItemRef> + '_ {
        (0..self.ids.len()).map(|i| self.ids.at(i))
    }

    /// Items whose content hash has been made (in this version, by any reader).
    #[cfg(test)]
    pub(super) fn hashed(&self) -> usize {
        (0..self.items.len())
            .filter(|&i| self.ids.is_hashed(i))
            .count()
    }
}
