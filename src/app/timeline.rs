//! The timeline (`t`) and the tag list (`#`) as the reader keeps them: which
//! briefings they cover, their filters, what their keys do, and the lists
//! themselves, built from the entries' digests once per change of the
//! entries (not per frame, not per key) and kept until the next change.

use super::dossier::STALE_WHILE_LOADING;
use super::view::{ListPos, View};
use super::{App, Entry};
use crate::doc::Theme;
use crate::doc::timeline::{Facet, Filter, Stub, TagCount, Timeline, tag_counts};
use crate::doc::timeline_text;
use crate::model::digest::{Digest, DigestItem};
use ratatui::text::Line;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Which briefings a timeline or tag list covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every briefing that loaded, in the library's order.
    Library,
    /// One entry's briefing.
    Entry(usize),
}

/// Built lists by what they depend on besides the entries; emptied when
/// the entries change.
#[derive(Debug, Default)]
pub struct Timelines {
    built: RefCell<HashMap<(Scope, Filter), Rc<Timeline>>>,
    tags: RefCell<HashMap<Scope, Rc<Vec<TagCount>>>>,
    /// The library's generation when the lists were last emptied.
    emptied_at: u64,
}

/// Lists kept at once (the timeline, the one a tag opens, previews while
/// moving through tags); beyond it the memo starts over.
const MAX_KEPT: usize = 8;

impl Timelines {
    /// The entries changed (loaded, reloaded, added): every list is stale.
    pub(super) fn changed(&mut self) {
        self.built.get_mut().clear();
        self.tags.get_mut().clear();
    }
}

fn memo<K: std::hash::Hash + Eq, V>(
    map: &RefCell<HashMap<K, Rc<V>>>,
    key: K,
    build: impl FnOnce() -> V,
) -> Rc<V> {
    crate::doc::cache::memo_within(map, MAX_KEPT, key, build)
}

impl App {
    /// The entries changed: the lists are built again, each open timeline
    /// keeping its selected item. While the library loads and only new
    /// files `arrived`, at most every [`STALE_WHILE_LOADING`] batches (a
    /// timeline of 10,000 briefings takes tens of milliseconds to build,
    /// and batches come every 30 ms); the lists kept meanwhile only lack
    /// the newest arrivals, which no row points at.
    pub(super) fn timelines_changed(&mut self, arrived: bool) {
        let generation = self.library.generation;
        let fresh = generation.saturating_sub(self.timelines.emptied_at) < STALE_WHILE_LOADING;
        if arrived && fresh && self.pending_count() > 0 {
            return;
        }
        let selected: Vec<Option<Stub>> = (self.stack.iter())
            .map(|view| match view {
                View::Timeline {
                    scope,
                    filter,
                    list,
                } => (self.timelines.built.borrow())
                    .get(&(*scope, filter.clone()))?
                    .stub(list.selected),
                _ => None,
            })
            .collect();
        self.timelines.changed();
        self.timelines.emptied_at = generation;
        for (at, stub) in selected.into_iter().enumerate() {
            let Some(View::Timeline { scope, filter, .. }) = self.stack.get(at) else {
                continue;
            };
            let row = stub.and_then(|stub| self.timeline(*scope, filter).find(stub));
            if let (Some(View::Timeline { list, .. }), Some(row)) = (self.stack.get_mut(at), row) {
                list.selected = row;
            }
        }
    }

    /// The digests `scope` covers, in the library's order (entries that
    /// never loaded have none and are left out).
    pub fn digests(&self, scope: Scope) -> Vec<(u32, &Digest)> {
        let of = |i: usize| Some((u32::try_from(i).ok()?, &**self.entries.get(i)?.digest()?));
        match scope {
            Scope::Library => self.library_order().iter().filter_map(|&i| of(i)).collect(),
            Scope::Entry(i) => of(i).into_iter().collect(),
        }
    }

    /// The timeline of `scope` narrowed by `filter`, built on first use
    /// after the entries changed.
    pub fn timeline(&self, scope: Scope, filter: &Filter) -> Rc<Timeline> {
        memo(&self.timelines.built, (scope, filter.clone()), || {
            Timeline::build(&self.digests(scope), filter)
        })
    }

    /// The tags of `scope` with their counts, most used first.
    pub fn tag_counts(&self, scope: Scope) -> Rc<Vec<TagCount>> {
        memo(&self.timelines.tags, scope, || {
            tag_counts(&self.digests(scope))
        })
    }

    /// The digest item a timeline row points at, with its digest.
    pub fn stub_item(&self, stub: Stub) -> Option<(&Digest, &DigestItem)> {
        let d = self.entries.get(stub.entry as usize)?.digest()?;
        Some((d, d.items.get(stub.item as usize)?))
    }

    /// True when the view in focus (a preview aside) covers the library,
    /// not the open briefing.
    pub fn library_wide(&self) -> bool {
        matches!(
            self.shown(),
            Some(
                View::Library(_)
                    | View::Timeline {
                        scope: Scope::Library,
                        ..
                    }
                    | View::Tags {
                        scope: Scope::Library,
                        ..
                    }
                    | View::People(_)
                    | View::Dossier { from: None, .. }
            )
        )
    }

    /// Rows in a timeline or tag list (`None` for other views).
    pub(super) fn archive_list_len(&self, view: &View) -> Option<usize> {
        match view {
            View::Timeline { scope, filter, .. } => Some(self.timeline(*scope, filter).rows.len()),
            View::Tags { scope, .. } => Some(self.tag_counts(*scope).len()),
            View::Peek { .. } => Some(0),
            _ => None,
        }
    }

    /// The heading of a timeline or tag list pane (empty for other views).
    pub fn archive_header(&self, view: &View, theme: &Theme) -> Vec<Line<'static>> {
        match view {
            View::Timeline { scope, filter, .. } => {
                let t = self.timeline(*scope, filter);
                timeline_text::header(&t, filter, *scope == Scope::Library, theme)
            }
            View::Tags { scope, .. } => {
                timeline_text::tags_header(self.tag_counts(*scope).len(), theme)
            }
            _ => Vec::new(),
        }
    }

    /// What a timeline or tag list shows beside it: the selected item, or
    /// the timeline of the selected tag. `None` for other views.
    pub(super) fn archive_preview(&self, view: &View) -> Option<Option<View>> {
        Some(match view {
            View::Timeline {
                scope,
                filter,
                list,
            } => {
                let stub = self.timeline(*scope, filter).stub(list.selected);
                stub.and_then(|s| self.peek(s))
            }
            View::Tags { scope, list } => (self.tag_counts(*scope).get(list.selected)).map(|c| {
                let filter = Filter {
                    facet: Some(Facet::Tag(c.tag.clone())),
                    severity: None,
                };
                let first = self.timeline(*scope, &filter).item_row(0, true);
                View::Timeline {
                    scope: *scope,
                    filter,
                    list: ListPos::at(first.unwrap_or(0)),
                }
            }),
            View::Peek { .. } => None,
            _ => return None,
        })
    }

    /// The preview of a timeline row's item.
    fn peek(&self, stub: Stub) -> Option<View> {
        let (_, item) = self.stub_item(stub)?;
        Some(View::Peek {
            entry: stub.entry as usize,
            at: item.at,
            scroll: Default::default(),
        })
    }

    /// The top view, or under a preview a click made the top, the view it
    /// previews from.
    fn shown(&self) -> Option<&View> {
        (self.stack.iter().rev()).find(|v| !matches!(v, View::Peek { .. }))
    }

    /// What `t` and `#` cover from here: the library from the library (and
    /// its search), else the open briefing.
    pub(super) fn scope_here(&self) -> Option<Scope> {
        match self.shown()? {
            View::Library(_) | View::Brief { .. } => Some(Scope::Library),
            View::Timeline { scope, .. } | View::Tags { scope, .. } => Some(*scope),
            View::Results(_) if self.search.all_entries => Some(Scope::Library),
            _ => (self.entries.get(self.current).and_then(Entry::digest))
                .map(|_| Scope::Entry(self.current)),
        }
    }
}

mod keys;

#[cfg(test)]
#[path = "timeline/tests.rs"]
mod tests;
