//! The library's order: newest first, files that do not load last. Entries
//! keep their places (the watcher and the read marks refer to them by index);
//! the list shows them in this order, worked out again as files change, and
//! the selection follows its briefing, not its row.

mod arrive;

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
}

impl LibraryState {
    /// The state of a reader whose root is the library when `is_root`.
    pub fn new(is_root: bool) -> Self {
        Self {
            is_root,
            ..Self::default()
        }
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
            self.open_entry(entry);
            if let Some(Some(marks)) = self.read.marks.get_mut(entry) {
                // Now the last briefing read, even if its view does not move.
                marks.view_due = true;
            }
        }
    }

    /// Works the order out again (after the entries changed).
    pub(super) fn sort_library(&mut self) {
        self.library.rows = order(&self.entries);
        self.timelines.changed();
    }

    /// Runs `change` on the entries, then moves every library list's
    /// selection to the row its briefing has in the new order.
    pub(super) fn keeping_library_selection(&mut self, change: impl FnOnce(&mut Self)) {
        let order = std::mem::take(&mut self.library.rows);
        let kept: Vec<Option<usize>> = (self.stack.iter())
            .map(|v| match v {
                View::Library(list) => order.get(list.selected).copied(),
                _ => None,
            })
            .collect();
        change(self);
        self.library.generation += 1;
        self.sort_library();
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
        match e.briefing() {
            Some(b) => Some((b.date.year, b.date.month, b.date.day)),
            None if e.pending => e.day,
            None => None,
        }
    }
    fn date(e: &Entry) -> Option<&crate::model::Date> {
        e.briefing().map(|b| &b.date)
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
            .filter(|e| (e.loaded.is_err() && !e.pending) || has_reload_errors(e))
            .count()
    }
}

#[cfg(test)]
pub(crate) mod tests;
