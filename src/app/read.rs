//! Read marks: which items this reader has opened, which are new or changed
//! since, and where the reader was last, per briefing. Pure state: each
//! change is also recorded (with its stamp) for the store, and the run loop
//! hands only those changes to it on a background thread.

mod marks;

pub use marks::Marks;

use super::view::{View, overview_section};
use super::{App, Entry};
use crate::model::{Briefing, ItemRef};
use crate::state::{SavedView, briefing_key, legacy_key};

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

/// `section-id/item-id`: stable across edits that keep the ids.
pub fn item_key(b: &Briefing, at: ItemRef) -> Option<String> {
    let s = b.sections.get(at.section)?;
    Some(crate::model::item_ids::item_key(
        &s.id,
        &s.items.get(at.item)?.id,
    ))
}

/// The hash behind "updated": shared with `brief diff` (see [`crate::model::compare`]).
pub use crate::model::compare::content_hash;

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
        let Some(Some(marks)) = self.read.marks.get_mut(self.current) else {
            return;
        };
        if marks.mark(at) != Mark::Read {
            marks.set_read(at, true);
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
        let read = marks.mark(at) != Mark::Read;
        marks.set_read(at, read);
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
