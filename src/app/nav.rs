//! Drill-down and movement between views: what Open, Back and the jumps do.

use super::view::{Link, ListPos, Mention, View, overview_row, overview_section};
use super::{App, Entry};
use crate::doc::cache::MentionsOf;
pub use crate::doc::refs::{actor_mentions, item_links, source_mentions};
use crate::model::{Briefing, ItemRef};
use std::borrow::Cow;
use std::rc::Rc;

/// The first item after (or before) `at` in reading order, across sections.
pub fn adjacent(b: &Briefing, at: ItemRef, forward: bool) -> Option<ItemRef> {
    let all: Vec<ItemRef> = b.items().map(|(r, _)| r).collect();
    let pos = all.iter().position(|&r| r == at)?;
    if forward {
        all.get(pos + 1).copied()
    } else {
        pos.checked_sub(1).map(|p| all[p])
    }
}

impl App {
    /// The mentions of an actor or source in the open briefing (cached).
    pub fn mentions(&self, of: MentionsOf) -> Rc<Vec<Mention>> {
        self.cache
            .mentions(self.current, of, || match (self.doc(), of) {
                (Some(b), MentionsOf::Actor(a)) => actor_mentions(b, a),
                (Some(b), MentionsOf::Source(s)) => source_mentions(b, s),
                (None, _) => Vec::new(),
            })
    }

    fn doc(&self) -> Option<&Briefing> {
        self.entries.get(self.current).and_then(Entry::briefing)
    }

    pub(super) fn open(&mut self) {
        let next = match self.top() {
            View::Library(list) => return self.open_row(list.selected),
            View::Overview(list) => match overview_section(list.selected) {
                None => Some(View::summary()),
                Some(s) => self
                    .doc()
                    .and_then(|b| b.sections.get(s).map(|_| View::section(s, 0))),
            },
            View::Summary { .. } => None,
            View::Brief { entry } => return self.open_entry(*entry),
            View::Section { section, list } => self.doc().and_then(|b| {
                let at = ItemRef {
                    section: *section,
                    item: list.selected,
                };
                b.item(at).map(|_| View::item(at))
            }),
            View::Item { at, link, .. } => self.link_view(*at, *link),
            View::Actor { actor, list } => self.doc().and_then(|b| {
                self.mentions(MentionsOf::Actor(*actor))
                    .get(list.selected)
                    .map(|m| mention_view(*m, b))
            }),
            View::Source { source, list } => self.doc().and_then(|b| {
                self.mentions(MentionsOf::Source(*source))
                    .get(list.selected)
                    .map(|m| mention_view(*m, b))
            }),
            View::Actors(list) => self.doc().and_then(|b| {
                b.actors
                    .get(list.selected)
                    .map(|_| View::actor(list.selected))
            }),
            View::Results(list) => return self.open_hit(list.selected),
            View::Matrix { .. } => None,
            View::Timeline {
                scope,
                filter,
                list,
            } => {
                let stub = self.timeline(*scope, filter).stub(list.selected);
                return stub.map_or((), |s| self.open_stub(s));
            }
            View::Tags { scope, list } => return self.open_tag(*scope, list.selected),
            View::Peek { entry, at, .. } => return self.open_item_of(*entry, *at),
            View::People(_) => return self.open_dossier(),
            View::Dossier { id, list, .. } => {
                let (id, row) = (id.clone(), list.selected);
                return self.open_dossier_row(&id, row);
            }
        };
        match next {
            Some(view) => self.stack.push(view),
            None if matches!(self.top(), View::Item { .. }) => {
                self.message = Some("this item names no actors or sources".into());
            }
            None => {}
        }
    }

    /// The actor or source that link `link` of item `at` opens.
    fn link_view(&self, at: ItemRef, link: usize) -> Option<View> {
        let b = self.doc()?;
        Some(match *item_links(b.item(at)?).get(link)? {
            Link::Actor(actor) => View::actor(actor),
            Link::Source(source) => View::source(source),
        })
    }

    pub(super) fn open_entry(&mut self, index: usize) {
        self.open_entry_as(index, false);
    }

    /// Opens entry `index` on its overview, where it was left; `view_due`:
    /// it is now the last briefing read (opened from its library row). A
    /// briefing not held in full opens once it has been read.
    pub(super) fn open_entry_as(&mut self, index: usize, view_due: bool) {
        use super::library::keep::Then;
        if !self.when_held(index, Then::Overview { view_due }) {
            return;
        }
        match self.entries.get(index).map(|e| (e.version(), e.failure())) {
            Some((Some(_), _)) => {
                self.current = index;
                self.stack.push(View::Overview(ListPos::at(0)));
                self.restore_last_view();
                if let (true, Some(Some(marks))) = (view_due, self.read.marks.get_mut(index)) {
                    // Now the last briefing read, even if its view does not move.
                    marks.view_due = true;
                }
            }
            // A file that does not load opens as its list of errors.
            Some((None, Some(_))) => self.open_overlay(|app| app.overlays.errors = Some(0)),
            _ => {}
        }
    }

    pub(super) fn back(&mut self) {
        // A briefing still loading is not opened after all.
        self.library.keep.opening = None;
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// Keeps the lists under the top view pointing at what the top shows, so
    /// Back lands on the item just read (after `]`/`[` or a jump).
    pub(super) fn sync_parents(&mut self) {
        let (section, item) = match self.top() {
            View::Item { at, .. } => (at.section, Some(at.item)),
            View::Section { section, .. } => (*section, None),
            View::Summary { .. } => return self.sync_overview(0),
            _ => return,
        };
        let depth = self.stack.len() - 1;
        for view in self.stack[..depth].iter_mut().rev() {
            match view {
                View::Section { section: s, list } if *s == section => {
                    if let Some(item) = item {
                        list.selected = item;
                    }
                }
                View::Section { section: s, .. } if item.is_some() => {
                    // The item moved to another section: the list follows it.
                    *s = section;
                    *view = View::section(section, item.unwrap_or(0));
                }
                View::Overview(list) => {
                    list.selected = overview_row(section);
                    break;
                }
                _ => break,
            }
        }
    }

    /// Selects `row` in the overview right under the top view, if it is one.
    fn sync_overview(&mut self, row: usize) {
        let depth = self.stack.len() - 1;
        if let Some(View::Overview(list)) = depth.checked_sub(1).map(|d| &mut self.stack[d]) {
            list.selected = row;
        }
    }

    pub(super) fn adjacent_item(&mut self, forward: bool) {
        let View::Item { at, .. } = self.top() else {
            return;
        };
        let Some(next) = self.doc().and_then(|b| adjacent(b, *at, forward)) else {
            self.message = Some(if forward { "last item" } else { "first item" }.into());
            return;
        };
        *self.top_mut() = View::item(next);
        self.sync_parents();
    }

    pub(super) fn step_link(&mut self, delta: isize) {
        let count = match self.top() {
            View::Item { at, .. } => self
                .doc()
                .and_then(|b| b.item(*at))
                .map_or(0, |i| item_links(i).len()),
            _ => return,
        };
        if let View::Item { link, scroll, .. } = self.top_mut()
            && count > 0
        {
            *link = (*link as isize + delta).rem_euclid(count as isize) as usize;
            // Links close the item: show the end (the renderer clamps).
            scroll.set(usize::MAX / 4);
        }
    }

    pub(super) fn jump_section(&mut self, n: u8) {
        let index = usize::from(n.max(1)) - 1;
        let Some(count) = self.doc().map(|b| b.sections.len()) else {
            return;
        };
        if index >= count {
            self.message = Some(format!("there is no section {n}"));
            return;
        }
        if self.back_to_overview(overview_row(index)) {
            self.stack.push(View::section(index, 0));
        }
    }

    /// Drops every view above the briefing's overview and selects `row` in
    /// it; false when no briefing is open.
    pub(super) fn back_to_overview(&mut self, row: usize) -> bool {
        // The nearest: a dossier may have opened a second briefing above one.
        let Some(root) = self
            .stack
            .iter()
            .rposition(|v| matches!(v, View::Overview(_)))
        else {
            return false;
        };
        self.stack.truncate(root + 1);
        self.stack[root] = View::Overview(ListPos::at(row));
        true
    }

    pub(super) fn actor_index(&mut self) {
        match self.doc().map(|b| b.actors.len()) {
            _ if matches!(self.top(), View::Actors(_) | View::People(_)) => {}
            _ if self.briefing().is_none() && self.library.is_root => self.open_people(),
            _ if self.briefing().is_none() => self.message = Some("open a briefing first".into()),
            Some(0) => self.message = Some("this briefing declares no actors".into()),
            _ => self.stack.push(View::Actors(ListPos::at(0))),
        }
    }

    pub(super) fn toggle_matrix(&mut self) {
        if matches!(self.top(), View::Matrix { .. }) {
            self.stack.pop();
            return;
        }
        let section = match self.top() {
            View::Overview(list) => match overview_section(list.selected) {
                Some(s) => s,
                None => {
                    return self.message = Some("the matrix opens from a positions section".into());
                }
            },
            View::Section { section, .. } => *section,
            View::Item { at, .. } => at.section,
            _ => return self.message = Some("the matrix opens from a positions section".into()),
        };
        let has_stances = self
            .briefing()
            .and_then(|b| b.sections.get(section))
            .is_some_and(|s| s.items.iter().any(|i| !i.stances.is_empty()));
        if has_stances {
            self.stack.push(View::Matrix {
                section,
                scroll: Default::default(),
            });
        } else {
            self.message = Some("no stances in this section".into());
        }
    }

    pub(super) fn scroll_at(&mut self, x: u16, y: u16, down: bool) {
        if self.focus_pane_at(x, y).is_some() {
            self.step(if down { 3 } else { -3 });
        }
    }

    pub(super) fn click_at(&mut self, x: u16, y: u16) {
        let Some(row) = self.focus_pane_at(x, y) else {
            return;
        };
        let len = self.list_len(self.top());
        if let (Some(row), Some(list)) = (row, self.top_mut().list_mut())
            && row < len
        {
            list.selected = row;
        }
        self.sync_parents();
    }

    /// Makes the pane under (x, y) the focused one. Returns `Some(row)` when the
    /// point is over a pane, with the list row under it if it is over a list.
    fn focus_pane_at(&mut self, x: u16, y: u16) -> Option<Option<usize>> {
        let (view, row) = {
            let screen = crate::app::layout::screen(self, self.area());
            let pane = screen
                .panes
                .iter()
                .find(|p| p.area.contains((x, y).into()))?;
            (
                pane.view.clone().into_owned(),
                crate::app::layout::list_row_at(self, pane, y),
            )
        };
        if let Some(depth) = self.stack.iter().rposition(|v| same_place(v, &view)) {
            self.stack.truncate(depth + 1);
        } else {
            self.stack.push(view);
        }
        Some(row)
    }

    /// The whole terminal as a rectangle.
    pub fn area(&self) -> ratatui::layout::Rect {
        ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1)
    }
}

/// Two views show the same place (ignoring selection and scroll).
fn same_place(a: &View, b: &View) -> bool {
    match (a, b) {
        (View::Section { section: x, .. }, View::Section { section: y, .. }) => x == y,
        (View::Item { at: x, .. }, View::Item { at: y, .. }) => x == y,
        (View::Actor { actor: x, .. }, View::Actor { actor: y, .. }) => x == y,
        (View::Source { source: x, .. }, View::Source { source: y, .. }) => x == y,
        (View::Matrix { section: x, .. }, View::Matrix { section: y, .. }) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// The item view for a mention; a quote opens scrolled to nothing special yet.
fn mention_view(m: Mention, _b: &Briefing) -> View {
    View::item(m.item())
}

/// Borrowed or derived views, as panes show them.
pub type PaneView<'a> = Cow<'a, View>;
