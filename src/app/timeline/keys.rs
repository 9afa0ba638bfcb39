//! What the timeline's and tag list's keys do: open them (`t`, `#`), open
//! the selected item in its briefing (Enter), step over day headings, and
//! change the filter (`f`, `!`, `c`) keeping the selection on its item.

use super::super::view::{ListPos, View};
use super::super::{App, Entry};
use super::Scope;
use crate::doc::timeline::{Facet, Filter, Stub};
use crate::model::{ItemRef, Severity};

impl App {
    /// `t`: the timeline of what is shown; again, back where it was opened.
    pub(in crate::app) fn open_timeline(&mut self) {
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
    pub(in crate::app) fn open_tags(&mut self) {
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
    pub(in crate::app) fn open_tag(&mut self, scope: Scope, row: usize) {
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
    pub(in crate::app) fn open_stub(&mut self, stub: Stub) {
        let Some(at) = self.stub_item(stub).map(|(_, item)| item.at) else {
            return;
        };
        self.open_item_of(stub.entry as usize, at);
    }

    /// Opens item `at` of entry `entry` over the views already open.
    pub(in crate::app) fn open_item_of(&mut self, entry: usize, at: ItemRef) {
        if !self.when_held(entry, super::super::library::keep::Then::Item(at)) {
            return;
        }
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
    pub(in crate::app) fn skip_day_heading(&mut self, forward: bool) {
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
    pub(in crate::app) fn filter_by_selection(&mut self) {
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
    pub(in crate::app) fn filter_by_severity(&mut self) {
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
    pub(in crate::app) fn clear_filter(&mut self) {
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
