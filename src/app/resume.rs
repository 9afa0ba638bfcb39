//! Where the reader left off: the marks each briefing starts with (carried
//! over from the keys older versions stored them under), the first screen (a
//! library of one opens its briefing), and reopening the briefing read last,
//! its view and its scroll position.

use super::read::{self, Marks};
use super::view::{View, overview_row};
use super::{App, Entry};
use crate::model::ItemRef;
use crate::state::{Changes, SavedView, StateFile, now_stamp};
use std::cell::Cell;

/// A stored scroll position is cut to this many rows (the renderer then
/// clamps it to the document): the state file is not trusted to be sane.
const MAX_SCROLL: usize = isize::MAX as usize / 4;

/// An entry's marks from the state file: what is stored under its key, with
/// what older versions stored under its legacy key folded in. What the fold
/// took is pending, so the next save writes it under the new key; the legacy
/// key stays as it is.
pub fn entry_marks(file: &StateFile, entry: &Entry) -> Option<Marks> {
    let version = entry.version()?;
    entry_marks_with(file, entry, |key, stored| Marks::new(version, key, stored))
}

/// [`entry_marks`] for an entry whose briefing is not held, from each
/// item's key and hash (its cached card).
pub fn entry_marks_from_items(
    file: &StateFile,
    entry: &Entry,
    items: &[Vec<(String, u64)>],
) -> Option<Marks> {
    entry_marks_with(file, entry, |key, stored| {
        Marks::from_items(items, key, stored)
    })
}

fn entry_marks_with(
    file: &StateFile,
    entry: &Entry,
    make: impl FnOnce(String, Option<&crate::state::BriefingState>) -> Marks,
) -> Option<Marks> {
    let key = read::entry_key(entry)?;
    let mut stored = file.briefings.get(&key).cloned();
    let legacy = (read::entry_legacy_key(entry))
        .filter(|legacy| *legacy != key)
        .and_then(|legacy| file.briefings.get(&legacy));
    let adopted = legacy.map(|old| stored.get_or_insert_with(Default::default).adopt(old));
    let mut marks = make(key, stored.as_ref());
    if let Some(adopted) = adopted {
        marks.pending.absorb(adopted);
    }
    Some(marks)
}

impl App {
    /// A library of one briefing opens that briefing; the library stays one
    /// Back away.
    pub(super) fn open_single_entry(&mut self) {
        let single = self.entries.len() == 1 && self.entries[0].outline().is_some();
        if self.library.is_root && single && matches!(self.stack[..], [View::Library(_)]) {
            self.open_entry(0);
        }
    }

    /// A library listed first and read in the background is read: it opens
    /// as one read at once does (a library of one on its briefing, else the
    /// briefing read last), unless the reader has moved meanwhile.
    pub(super) fn library_loaded(&mut self) {
        if matches!(self.stack[..], [View::Library(ref list)] if list.selected == 0) {
            self.open_single_entry();
            self.resume();
        }
    }

    /// Reopens where the reader left off: on a library, the briefing read
    /// last in it; then that briefing's last view and scroll position.
    pub(super) fn resume(&mut self) {
        match self.top() {
            View::Library(_) => {
                let Some(entry) = self.last_read_entry() else {
                    return;
                };
                let row = self.library_order().iter().position(|&e| e == entry);
                if let (View::Library(list), Some(row)) = (self.top_mut(), row) {
                    list.selected = row;
                }
                self.open_entry(entry);
            }
            View::Overview(_) => self.restore_last_view(),
            _ => {}
        }
    }

    /// The entry whose view was saved last (views saved before views had
    /// stamps do not count).
    fn last_read_entry(&self) -> Option<usize> {
        (self.read.marks.iter().enumerate())
            .filter_map(|(i, m)| Some((m.as_ref()?.last_view.as_ref()?.at?, i)))
            .max()
            .map(|(_, i)| i)
    }

    /// Reopens the open briefing where `saved` says, by id; what no longer
    /// exists is skipped.
    pub fn restore_view(&mut self, saved: &SavedView) {
        let Some(b) = self.entries.get(self.current).and_then(Entry::briefing) else {
            return;
        };
        let scroll = Cell::new(saved.scroll.unwrap_or(0).min(MAX_SCROLL));
        if saved.kind == "summary" {
            if self.back_to_overview(0) {
                self.stack.push(View::Summary { scroll });
            }
            return;
        }
        let Some(section) =
            (saved.section.as_ref()).and_then(|id| b.sections.iter().position(|s| &s.id == id))
        else {
            return;
        };
        let item = (saved.item.as_ref())
            .and_then(|id| b.sections[section].items.iter().position(|i| &i.id == id));
        if !self.back_to_overview(overview_row(section)) || saved.kind == "overview" {
            return;
        }
        self.stack.push(View::section(section, item.unwrap_or(0)));
        if let (Some(item), "item") = (item, saved.kind.as_str()) {
            let at = ItemRef { section, item };
            self.stack.push(View::Item {
                at,
                scroll,
                link: 0,
            });
            // Reopening is no new arrival: an item left unread with `u`
            // stays unread, and `u` on it now is not undone by the next key.
            self.read.last_opened = Some((self.current, at));
        }
    }

    /// What changed since the last call, per briefing key, for the store:
    /// only the keys this reader changed. The view of the open briefing is
    /// recorded first when it moved to another place (a scroll alone is
    /// saved by [`take_final_changes`](Self::take_final_changes), so holding
    /// `j` in an item does not write the file on every row).
    pub fn take_changes(&mut self) -> Vec<(String, Changes)> {
        self.record_view(false);
        self.drain_changes()
    }

    /// The last changes, at exit: also the scroll position, if it moved.
    pub fn take_final_changes(&mut self) -> Vec<(String, Changes)> {
        self.record_view(true);
        self.drain_changes()
    }

    fn drain_changes(&mut self) -> Vec<(String, Changes)> {
        (self.read.marks.iter_mut().flatten())
            .filter(|m| !m.pending.is_empty())
            .map(|m| (m.key.clone(), std::mem::take(&mut m.pending)))
            .collect()
    }

    /// Records the open briefing's view, stamped, when it moved (or the
    /// briefing was just opened from the library: it is now the last read).
    fn record_view(&mut self, scroll_too: bool) {
        let Some(mut view) = self.saved_view() else {
            return;
        };
        let Some(Some(marks)) = self.read.marks.get_mut(self.current) else {
            return;
        };
        let moved = marks.last_view.as_ref().is_none_or(|old| {
            (&old.kind, &old.section, &old.item) != (&view.kind, &view.section, &view.item)
                || (scroll_too && old.scroll != view.scroll)
        });
        if moved || marks.view_due {
            marks.view_due = false;
            view.at = Some(now_stamp());
            let view = Box::new(view);
            marks.last_view = Some(view.clone());
            marks.pending.view = Some(view);
        }
    }
}
