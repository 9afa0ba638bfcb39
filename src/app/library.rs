//! The library's order: newest first, files that do not load last. Entries
//! keep their places (the watcher and the read marks refer to them by index);
//! the list shows them in this order, worked out again as files change, and
//! the selection follows its briefing, not its row.

mod arrive;
pub mod keep;

use super::view::View;
use super::{App, Entry};

/// The library's state; this module and `arrive` keep it up to date as
/// entries are listed, loaded and reloaded.
#[derive(Debug, Default)]
pub struct LibraryState {
    /// True when the reader was opened on a directory: the library is the root.
    pub is_root: bool,
    /// Entry indices in library order (see `order`), kept up to date as
    /// entries are added and reloaded.
    rows: Vec<usize>,
    /// The directory opened as a library, watched for new briefings.
    pub dir: Option<std::path::PathBuf>,
    /// The stored read state, kept while entries are still loading: their
    /// marks are made from it as they arrive.
    pub(crate) state_for_pending: Option<crate::state::StateFile>,
    /// Moves on whenever the entries change (all changes pass through
    /// `keeping_library_selection`): what is worked out across the
    /// library (the dossier's who-is-who) is kept until it does.
    pub generation: u64,
    /// True while the directory is still being listed: its entries arrive
    /// a batch at a time (see `arrive`).
    pub listing: bool,
    /// The listing is done and the run loop has not started the loader yet.
    just_listed: bool,
    /// The stored read state is being read after the first frame: parts of
    /// the listing wait in `held_parts` until it comes (`state_read`).
    pub awaiting_state: bool,
    held_parts: Vec<crate::library::Listing>,
    /// Which briefings are held in full, and the ones being read again.
    pub keep: keep::Keep,
    /// The search of the library's files asked for (see `search::across`).
    pub asked: super::search::Asked,
    /// Where what the library keeps of each briefing is cached between
    /// runs (`None`: no cache).
    pub cache: Option<crate::library::cache::Cache>,
}

impl LibraryState {
    /// The state of a reader whose root is the library when `is_root`.
    pub fn new(is_root: bool) -> Self {
        Self {
            is_root,
            ..Self::default()
        }
    }

    /// The directory is listed and read in the background (by the run
    /// loop), and only the briefings read last are held in full, the rest
    /// as outlines (see [`keep`]).
    pub fn list_in_background(&mut self) {
        self.listing = true;
        self.keep = keep::Keep::with_cap(keep::KEPT_IN_FULL);
    }
}

impl App {
    /// Entry indices in the order the library lists them.
    pub fn library_order(&self) -> &[usize] {
        &self.library.rows
    }

    /// The entry on library row `row`.
    pub fn library_entry(&self, row: usize) -> Option<usize> {
        self.library.rows.get(row).copied()
    }

    /// Opens the briefing on library row `row` (or lists its errors).
    pub(super) fn open_row(&mut self, row: usize) {
        if let Some(entry) = self.library_entry(row) {
            self.open_entry_as(entry, true);
        }
    }

    /// Works the order out again (after the entries changed).
    pub(super) fn sort_library(&mut self) {
        self.library.rows = order(&self.entries);
        self.timelines_changed(false);
    }

    /// Runs `change` on the entries, then moves every library list's
    /// selection to the row its briefing has in the new order.
    pub(super) fn keeping_library_selection(&mut self, change: impl FnOnce(&mut Self)) {
        self.keeping_selection_with(change, |app, _| app.sort_library());
    }

    /// [`keeping_library_selection`](Self::keeping_library_selection) when
    /// only the entries `moved` (changed or new) can have changed places:
    /// they are sorted and merged into the rest, which keep their order, so
    /// a batch of arrivals costs a pass over the library, not a sort of it.
    pub(super) fn moving_library_rows(&mut self, moved: &[usize], change: impl FnOnce(&mut Self)) {
        self.keeping_selection_with(change, |app, old| {
            app.library.rows = merged(&app.entries, old, moved);
            app.timelines_changed(true);
        });
    }

    fn keeping_selection_with(
        &mut self,
        change: impl FnOnce(&mut Self),
        reorder: impl FnOnce(&mut Self, Vec<usize>),
    ) {
        let order = std::mem::take(&mut self.library.rows);
        let kept: Vec<Option<usize>> = (self.stack.iter())
            .map(|v| match v {
                View::Library(list) => order.get(list.selected).copied(),
                _ => None,
            })
            .collect();
        change(self);
        self.library.generation += 1;
        reorder(self, order);
        let order = &self.library.rows;
        for (view, entry) in self.stack.iter_mut().zip(kept) {
            if let (View::Library(list), Some(entry)) = (view, entry)
                && let Some(row) = order.iter().position(|&i| i == entry)
            {
                list.selected = row;
            }
        }
    }
}

/// The library's order after entries `moved` changed places: `old` (the
/// order before) without them, merged with them sorted; entries past
/// `old` are new.
fn merged(entries: &[Entry], old: Vec<usize>, moved: &[usize]) -> Vec<usize> {
    let mut is_moved = vec![false; entries.len()];
    for &i in moved.iter().filter(|&&i| i < entries.len()) {
        is_moved[i] = true;
    }
    let mut new: Vec<usize> = (0..entries.len()).filter(|&i| is_moved[i]).collect();
    new.sort_by(|&a, &b| newest_first(&entries[a], &entries[b]));
    let mut rows = Vec::with_capacity(entries.len());
    let mut new = new.into_iter().peekable();
    for i in old
        .into_iter()
        .filter(|&i| i < entries.len() && !is_moved[i])
    {
        while let Some(&n) = new.peek() {
            if newest_first(&entries[n], &entries[i]).is_lt() {
                rows.push(n);
                new.next();
            } else {
                break;
            }
        }
        rows.push(i);
    }
    rows.extend(new);
    rows
}

/// Indices of `entries` in the library's order ([`newest_first`]): the
/// reader's list, and the order piped text prints a library in.
pub fn order(entries: &[Entry]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| newest_first(&entries[a], &entries[b]));
    order
}

/// The library's order: the newest day first (a briefing's date, or the
/// day a file not loaded yet is listed under); files that do not load last;
/// then the full dates (times too); then by label.
pub fn newest_first(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    fn day(e: &Entry) -> Option<crate::library::Day> {
        match e.outline() {
            Some(o) => Some((o.front.date.year, o.front.date.month, o.front.date.day)),
            None if e.is_pending() => e.day,
            None => None,
        }
    }
    fn date(e: &Entry) -> Option<&crate::model::Date> {
        e.outline().map(|o| &o.front.date)
    }
    (day(b).cmp(&day(a)))
        .then_with(|| date(b).cmp(&date(a)))
        .then_with(|| a.label.cmp(&b.label))
}

/// A briefing that loaded once but whose newest version does not: the
/// reader keeps the last good one and flags it.
pub fn has_reload_errors(entry: &Entry) -> bool {
    entry.banner.is_some()
}

impl App {
    /// How many entries do not load, or whose newest version does not.
    pub fn failed_count(&self) -> usize {
        (self.entries.iter())
            .filter(|e| e.failure().is_some() || has_reload_errors(e))
            .count()
    }
}

#[cfg(test)]
pub(crate) mod tests;
