//! The timeline (`t`) and the tag list (`#`) as the reader keeps them: which
//! briefings they cover, their filters, what their keys do, and the lists
//! themselves, built from the entries' digests once per change of the
//! entries (not per frame, not per key) and kept until the next change.

use super::view::{ListPos, View};
use super::{App, Entry};
use crate::doc::Theme;
use crate::doc::timeline::{Facet, Filter, Stub, TagCount, Timeline, tag_counts};
use crate::doc::timeline_text;
use crate::model::digest::{Digest, DigestItem};
use crate::model::{ItemRef, Severity};
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
    if let Some(hit) = map.borrow().get(&key) {
        return hit.clone();
    }
    let value = Rc::new(build());
    let mut map = map.borrow_mut();
    if map.len() >= MAX_KEPT {
        map.clear();
    }
    map.insert(key, value.clone());
    value
}

impl App {
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
        let shown = self
            .stack
            .iter()
            .rev()
            .find(|v| !matches!(v, View::Peek { .. }));
        matches!(
            shown,
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

    /// What `t` and `#` cover from here: the library from the library (and
    /// its search), else the open briefing.
    fn scope_here(&self) -> Option<Scope> {
        let shown = self
            .stack
            .iter()
            .rev()
            .find(|v| !matches!(v, View::Peek { .. }));
        match shown? {
            View::Library(_) | View::Brief { .. } => Some(Scope::Library),
            View::Timeline { scope, .. } | View::Tags { scope, .. } => Some(*scope),
            View::Results(_) if self.search.all_entries => Some(Scope::Library),
            _ => (self.entries.get(self.current).and_then(Entry::digest))
                .map(|_| Scope::Entry(self.current)),
        }
    }

    /// `t`: the timeline of what is shown; again, back where it was opened.
    pub(super) fn open_timeline(&mut self) {
        if matches!(self.top(), View::Timeline { .. }) {
            self.stack.pop();
            return;
        }
        let Some(scope) = self.scope_here() else {
            return self.message = Some("no briefing has loaded yet".into());
        };
        self.push_timeline(scope, Filter::default());
    }

    /// `#`: the tags of what is shown; again, back where it was opened.
    pub(super) fn open_tags(&mut self) {
        if matches!(self.top(), View::Tags { .. }) {
            self.stack.pop();
            return;
        }
        let Some(scope) = self.scope_here() else {
            return self.message = Some("no briefing has loaded yet".into());
        };
        self.stack.push(View::Tags {
            scope,
            list: ListPos::at(0),
        });
    }

    fn push_timeline(&mut self, scope: Scope, filter: Filter) {
        self.stack.push(View::Timeline {
            scope,
            filter,
            list: ListPos::at(0),
        });
        self.skip_day_heading(true);
    }

    /// Enter on a tag: the timeline of the items that carry it.
    pub(super) fn open_tag(&mut self, scope: Scope, row: usize) {
        let Some(tag) = self.tag_counts(scope).get(row).map(|c| c.tag.clone()) else {
            return;
        };
        let filter = Filter {
            facet: Some(Facet::Tag(tag)),
            severity: None,
        };
        self.push_timeline(scope, filter);
    }

    /// Enter on a timeline row: its item, in its briefing (loaded through
    /// the library's own path if it is not in memory); Back returns here.
    pub(super) fn open_stub(&mut self, stub: Stub) {
        let Some(at) = self.stub_item(stub).map(|(_, item)| item.at) else {
            return;
        };
        self.open_item_of(stub.entry as usize, at);
    }

    /// Opens item `at` of entry `entry` over the views already open.
    pub(super) fn open_item_of(&mut self, entry: usize, at: ItemRef) {
        self.load_now(entry);
        let loaded = (self.entries.get(entry).and_then(Entry::briefing))
            .is_some_and(|b| b.item(at).is_some());
        if !loaded {
            return self.message = Some("that briefing is not loaded yet".into());
        }
        if matches!(self.top(), View::Peek { .. }) {
            self.stack.pop();
        }
        self.current = entry;
        self.stack.push(View::item(at));
    }

    /// Day headings are not selectable: after a move, the selection goes on
    /// to the nearest item in the direction it moved.
    pub(super) fn skip_day_heading(&mut self, forward: bool) {
        let View::Timeline {
            scope,
            filter,
            list,
        } = self.top()
        else {
            return;
        };
        let row = self
            .timeline(*scope, filter)
            .item_row(list.selected, forward);
        if let (Some(row), Some(list)) = (row, self.top_mut().list_mut()) {
            list.selected = row;
        }
    }

    /// Runs `change` on the timeline's filter on top, keeping the selected
    /// item selected if it is still listed (else the nearest row).
    fn refilter(&mut self, change: impl FnOnce(&mut Filter)) {
        let View::Timeline {
            scope,
            filter,
            list,
        } = self.top()
        else {
            return self.message = Some("filters apply in the timeline".into());
        };
        let (scope, mut next, row) = (*scope, filter.clone(), list.selected);
        let selected = self.timeline(scope, filter).stub(row);
        change(&mut next);
        let built = self.timeline(scope, &next);
        let row = (selected.and_then(|s| built.find(s)))
            .or_else(|| built.item_row(row, true))
            .unwrap_or(0);
        if let View::Timeline { filter, list, .. } = self.top_mut() {
            *filter = next;
            *list = ListPos::at(row);
        }
        self.say_filter();
    }

    /// The item selected in the timeline on top.
    fn selected_stub(&self) -> Option<Stub> {
        let View::Timeline {
            scope,
            filter,
            list,
        } = self.top()
        else {
            return None;
        };
        self.timeline(*scope, filter).stub(list.selected)
    }

    /// `f`: the selected item's next actor or tag (after the one filtered
    /// by now); after its last, no actor or tag.
    pub(super) fn filter_by_selection(&mut self) {
        let facets = self
            .selected_stub()
            .map_or_else(Vec::new, |s| self.facets(s));
        if facets.is_empty() && matches!(self.top(), View::Timeline { .. }) {
            return self.message = Some("this item names no actors or tags".into());
        }
        self.refilter(|filter| {
            let now = (filter.facet.as_ref()).and_then(|f| facets.iter().position(|x| same(x, f)));
            filter.facet = match now {
                Some(i) => facets.get(i + 1).cloned(),
                None => facets.first().cloned(),
            };
        });
    }

    /// `!`: critical, then each press one level lower, then any severity.
    pub(super) fn filter_by_severity(&mut self) {
        self.refilter(|filter| {
            filter.severity = match filter.severity {
                None => Some(Severity::Critical),
                Some(Severity::Critical) => Some(Severity::High),
                Some(Severity::High) => Some(Severity::Medium),
                Some(Severity::Medium) => Some(Severity::Low),
                Some(Severity::Low) => None,
            };
        });
    }

    /// `x`: the whole timeline again.
    pub(super) fn clear_filter(&mut self) {
        self.refilter(|filter| *filter = Filter::default());
    }

    /// The status line says what the timeline now shows.
    fn say_filter(&mut self) {
        if self.message.is_some() {
            return;
        }
        if let View::Timeline { filter, .. } = self.top() {
            self.message = Some(match filter.describe() {
                Some(words) => format!("filter: {words}"),
                None => "no filter".into(),
            });
        }
    }

    /// The actors an item names, then its tags and its briefing's.
    fn facets(&self, stub: Stub) -> Vec<Facet> {
        let Some((d, item)) = self.stub_item(stub) else {
            return Vec::new();
        };
        let actors = (item.actors.iter())
            .filter_map(|&a| d.actors.get(a as usize))
            .map(|a| Facet::Actor {
                id: a.id.clone(),
                name: a.name.clone(),
            });
        let mut out: Vec<Facet> = actors.collect();
        for tag in item.tags.iter().chain(d.tags.iter()) {
            let facet = Facet::Tag(tag.clone());
            if !out.contains(&facet) {
                out.push(facet);
            }
        }
        out
    }
}

/// An actor is the same by id, whatever name a briefing gives it.
fn same(a: &Facet, b: &Facet) -> bool {
    match (a, b) {
        (Facet::Actor { id: x, .. }, Facet::Actor { id: y, .. }) => x == y,
        _ => a == b,
    }
}

#[cfg(test)]
#[path = "timeline/tests.rs"]
mod tests;
