//! Which entries hold their whole briefing. A large library keeps each
//! briefing's outline (and its read marks) and only the few briefings read
//! last in full; one that was let go is read again, off the UI thread, when
//! it is opened: the library asks the run loop to fetch it, says "loading",
//! and opens it when it arrives.

use super::super::{App, Version, View};
use std::collections::VecDeque;
use std::path::PathBuf;

/// How many briefings of a large library are held in full besides the open
/// one: going back and forth between a few reads nothing again.
pub const KEPT_IN_FULL: usize = 8;

/// What opening an entry does once its briefing has arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Its overview, where it was left (`view_due`: it is now the last one
    /// read, as when opened from its library row).
    Overview { view_due: bool },
    /// Search hit `n`.
    Hit(usize),
    /// An item, over the views open (the timeline's Enter).
    Item(crate::model::ItemRef),
    /// A dossier row's place in its briefing (see `app::dossier`).
    Dossier(crate::app::dossier::Target),
}

/// The briefings held in full: the ones read last, up to a number.
#[derive(Debug, Default)]
pub struct Keep {
    /// At most this many held in full besides the open one; `None` holds
    /// every briefing (a served library shares its versions between
    /// sessions, so letting go would save nothing there).
    cap: Option<usize>,
    /// Entries held in full, the one used last first.
    recent: VecDeque<usize>,
    /// Entries to read again, for the run loop to fetch.
    fetches: Vec<(usize, PathBuf)>,
    /// Fetches asked for and not arrived.
    in_flight: std::collections::BTreeSet<usize>,
    /// The entry being opened and what opening it does, until it arrives.
    pub opening: Option<(usize, Then)>,
}

impl Keep {
    /// Holds at most `cap` briefings in full (besides the open one).
    pub fn with_cap(cap: usize) -> Self {
        Self {
            cap: Some(cap),
            ..Self::default()
        }
    }

    /// Whether briefings are let go at all.
    pub fn lets_go(&self) -> bool {
        self.cap.is_some()
    }
}

impl App {
    /// The one place a version becomes entry `index`'s: the entry's own
    /// (its outline made from it), its read marks (made from the stored
    /// state, or re-keyed), their unread counts, and whether it stays held.
    pub(in crate::app) fn set_version(&mut self, index: usize, version: Version) {
        let Some(entry) = self.entries.get_mut(index) else {
            return;
        };
        entry.set_version(version);
        let entry = &self.entries[index];
        let Some(version) = entry.version() else {
            return;
        };
        if self.read.marks.len() < self.entries.len() && self.read.on {
            self.read.marks.resize_with(self.entries.len(), || None);
        }
        match self.read.marks.get_mut(index) {
            Some(Some(marks)) => marks.rehash(version),
            Some(slot) => {
                *slot = match &self.library.state_for_pending {
                    Some(file) => super::super::resume::entry_marks(file, entry),
                    None => (super::super::read::entry_key(entry))
                        .map(|key| super::super::read::Marks::new(version, key, None)),
                }
            }
            None => {}
        }
        if let Some(Some(marks)) = self.read.marks.get(index) {
            // Counted now: a row drawn after the briefing is let go shows it.
            marks.unread_total();
        }
        self.keep_or_let_go(index);
    }

    /// The one place a cached card becomes entry `index`'s: the entry's
    /// outline and digest (its briefing not held), and its read marks made
    /// from the card's items as [`set_version`](Self::set_version) makes
    /// them from the briefing.
    pub(in crate::app) fn set_card(&mut self, index: usize, card: crate::library::cache::Card) {
        let Some(entry) = self.entries.get_mut(index) else {
            return;
        };
        entry.set_card(card.outline, card.digest);
        let entry = &self.entries[index];
        if let Some(slot @ None) = self.read.marks.get_mut(index) {
            *slot = match &self.library.state_for_pending {
                Some(file) => {
                    super::super::resume::entry_marks_from_items(file, entry, &card.items)
                }
                None => (super::super::read::entry_key(entry))
                    .map(|key| super::super::read::Marks::from_items(&card.items, key, None)),
            };
        }
    }

    /// Holds entry `index` if it was used lately, else lets its briefing go.
    fn keep_or_let_go(&mut self, index: usize) {
        if !self.library.keep.lets_go() || self.library.keep.recent.contains(&index) {
            return;
        }
        self.let_go(index);
    }

    /// Entry `index` is being opened: it is held, and the one used longest
    /// ago is let go when more than the cap are held (never the open one).
    pub(in crate::app) fn touch(&mut self, index: usize) {
        let Some(cap) = self.library.keep.cap else {
            return;
        };
        let open = (!matches!(self.stack[..], [View::Library(_)])).then_some(self.current);
        let recent = &mut self.library.keep.recent;
        recent.retain(|&e| e != index);
        recent.push_front(index);
        if recent.len() <= cap.max(1) {
            return;
        }
        let oldest = recent.iter().rposition(|&e| Some(e) != open);
        if let Some(old) = oldest.and_then(|at| recent.remove(at)) {
            self.let_go(old);
        }
    }

    /// Lets entry `index`'s briefing go, keeping its outline and marks.
    fn let_go(&mut self, index: usize) {
        let Some(entry) = self.entries.get_mut(index) else {
            return;
        };
        if !entry.let_go() {
            return;
        }
        self.search.forget(index);
        if let Some(Some(marks)) = self.read.marks.get_mut(index) {
            // Its hashes made and counts kept: the marks let the version go too.
            marks.let_go();
            marks.unread_total();
        }
    }

    /// Opens entry `index` once its briefing is held: now if it is, else
    /// after the run loop has fetched it (the reader says it is loading).
    /// False when it is not held now.
    pub(in crate::app) fn when_held(&mut self, index: usize, then: Then) -> bool {
        let Some(entry) = self.entries.get(index) else {
            return false;
        };
        let Some(path) = (entry.is_pending() || entry.is_let_go())
            .then(|| entry.path().map(std::path::Path::to_path_buf))
            .flatten()
        else {
            self.touch(index);
            return true;
        };
        let name = path
            .file_name()
            .map_or(path.as_path(), std::path::Path::new);
        self.message = Some(format!("loading {}", crate::model::name::shown(name)));
        self.library.keep.opening = Some((index, then));
        if self.library.keep.in_flight.insert(index) {
            self.library.keep.fetches.push((index, path));
        }
        false
    }

    /// The briefings to read again, for the run loop (see [`App::fetched`]).
    pub fn take_fetches(&mut self) -> Vec<(usize, PathBuf)> {
        std::mem::take(&mut self.library.keep.fetches)
    }

    /// A briefing read again (or for the first time, ahead of the loader)
    /// because it is being opened: it becomes the entry's version, and the
    /// open asked for goes on, unless the reader has moved on since.
    pub fn fetched(&mut self, index: usize, result: Version) {
        self.library.keep.in_flight.remove(&index);
        let wanted = self.library.keep.opening.is_some_and(|(at, _)| at == index);
        if index >= self.entries.len() {
            return;
        }
        if wanted {
            // Held from now on, so the version arriving is not let go.
            self.touch(index);
        }
        let entry = &mut self.entries[index];
        if entry.is_pending() {
            self.arrive_versions(vec![(index, result)]);
        } else if entry.is_let_go() {
            match result {
                Ok(_) => self.keeping_library_selection(|app| app.set_version(index, result)),
                Err(report) => entry.banner = Some(Box::new(report)),
            }
        }
        let Some((at, then)) = self.library.keep.opening else {
            return;
        };
        if at != index {
            return;
        }
        self.library.keep.opening = None;
        if self.entries[index].briefing().is_none() && self.entries[index].failure().is_none() {
            // It did not load this time: the banner says why.
            self.message = Some("the file no longer loads (e lists why)".into());
            return;
        }
        match then {
            Then::Overview { view_due } => self.open_entry_as(index, view_due),
            Then::Hit(n) => self.open_hit(n),
            Then::Item(at) => self.open_item_of(index, at),
            Then::Dossier(target) => self.open_target(index, target),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Listed, Listing, cache::Card};
    use crate::state::{BriefingState, StateFile};

    /// Two readers of one library: one parses every file, the other is
    /// given every file's card (as the cache gives them); the same state.
    fn two_readers(state: &StateFile) -> (tempfile::TempDir, App, App) {
        let dir = tempfile::tempdir().unwrap();
        let ukraine = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");
        std::fs::write(dir.path().join("u.toml"), ukraine).unwrap();
        std::fs::write(dir.path().join("g.toml"), crate::sample::generate(3, 4)).unwrap();
        std::fs::write(dir.path().join("bad.toml"), "[briefing]\ntitle = 1\n").unwrap();
        let reader = |cards: bool| {
            let mut app = App::new(Vec::new(), true);
            app.library.list_in_background();
            app.attach_state(state);
            let mut files: Vec<Listed> = crate::library::list(dir.path());
            if cards {
                for f in &mut files {
                    let loaded = crate::model::load_path(&f.path).ok();
                    f.card = loaded.map(|l| Box::new(Card::of(&l)));
                }
            }
            app.listed(Listing { files, done: true });
            let batch = (app.pending_jobs().into_iter())
                .map(|(i, p)| (i, crate::model::load_path(&p)))
                .collect();
            app.arrive(batch);
            app
        };
        let (parsed, carded) = (reader(false), reader(true));
        (dir, parsed, carded)
    }

    #[test]
    fn a_library_filled_from_cards_is_the_library_parsed() {
        // Read marks stored for one item of the Ukraine briefing; none
        // for the generated one (a first visit).
        let mut state = StateFile::default();
        let (_d, probe, _) = two_readers(&state);
        let u = (0..probe.entries.len())
            .find(|&i| probe.entries[i].label.ends_with("u.toml"))
            .unwrap();
        let key = crate::app::read::entry_key(&probe.entries[u]).unwrap();
        // One item read as it is now, one read before it changed.
        let ukraine = include_str!("../../../briefings/ukraine-talks-2025-12-02.toml");
        let b = crate::model::load_str("u", ukraine).unwrap().briefing;
        let at = |item| crate::model::ItemRef { section: 0, item };
        let mut stored = BriefingState::default();
        let first = crate::app::read::item_key(&b, at(0)).unwrap();
        let hash = crate::model::compare::content_hash(&b, b.item(at(0)).unwrap());
        stored.read.insert(first.clone(), hash);
        stored.known.insert(first, hash);
        stored
            .read
            .insert(crate::app::read::item_key(&b, at(1)).unwrap(), 1);
        state.briefings.insert(key, stored);
        let (_dir, parsed, carded) = two_readers(&state);
        assert_eq!(carded.pending_count(), 0);
        assert_eq!(parsed.library_order(), carded.library_order());
        assert_eq!(parsed.failed_count(), 1);
        for (i, (p, c)) in parsed.entries.iter().zip(&carded.entries).enumerate() {
            assert_eq!(p.label, c.label);
            assert_eq!(p.outline(), c.outline(), "{}", p.label);
            assert_eq!(p.digest(), c.digest(), "{}", p.label);
            let (pm, cm) = (&parsed.read.marks[i], &carded.read.marks[i]);
            assert_eq!(pm.is_some(), cm.is_some());
            if let (Some(pm), Some(cm)) = (pm, cm) {
                assert_eq!(
                    (&pm.key, &pm.last_view, &pm.pending),
                    (&cm.key, &cm.last_view, &cm.pending)
                );
                assert_eq!(pm.unread_total(), cm.unread_total(), "{}", p.label);
                let marks = |m: &crate::app::read::Marks| {
                    let refs: Vec<_> = m.all_refs().collect();
                    refs.into_iter().map(|at| m.mark(at)).collect::<Vec<_>>()
                };
                assert_eq!(marks(pm), marks(cm), "{}", p.label);
                if p.label.ends_with("u.toml") {
                    let items = p.outline().unwrap().items;
                    assert_eq!(pm.unread_total(), items - 1, "one read, one updated");
                }
            }
        }
    }

    #[test]
    fn the_briefings_read_last_are_held_the_rest_let_go() {
        let (_dir, mut parsed, _) = two_readers(&StateFile::default());
        assert!(parsed.entries.iter().all(|e| e.briefing().is_none()));
        parsed.library.keep = Keep::with_cap(1);
        let good: Vec<usize> = (0..parsed.entries.len())
            .filter(|&i| parsed.entries[i].outline().is_some())
            .collect();
        for &i in &good {
            parsed.open_entry(i);
            for (index, path) in parsed.take_fetches() {
                let version = crate::model::load_path(&path).map(std::sync::Arc::new);
                parsed.fetched(index, version);
            }
            assert_eq!(parsed.current, i);
            assert!(parsed.entries[i].briefing().is_some());
            parsed.update(crate::app::Action::Back);
        }
        let held: Vec<usize> = (0..parsed.entries.len())
            .filter(|&i| parsed.entries[i].briefing().is_some())
            .collect();
        assert_eq!(held, [*good.last().unwrap()], "one held: the cap");
    }
}
