//! Live reload: a new version of a briefing replaces the old one with the
//! views kept by id; a version that does not load keeps the last good one on
//! screen under a banner (presenterm's `try_reload` idea). Also what the
//! errors overlay lists: those failures, and a config that did not load.

use super::view::{ListPos, View, overview_row, overview_section};
use super::{Action, App, Entry, Version};
use crate::model::{Briefing, ItemRef, Loaded, Report};
use std::sync::Arc;

/// A section and (maybe) an item, by id.
type Place = (String, Option<String>);

fn place(b: &Briefing, section: usize, item: Option<usize>) -> Option<Place> {
    let s = b.sections.get(section)?;
    Some((
        s.id.clone(),
        item.and_then(|i| s.items.get(i)).map(|i| i.id.clone()),
    ))
}

/// Finds a place in the new version: the section by id, the item by id, or
/// the nearest surviving neighbour by index when it was removed.
fn find(b: &Briefing, (sid, iid): &Place, old_item: usize) -> Option<(usize, usize)> {
    let s = b.sections.iter().position(|s| &s.id == sid)?;
    let items = &b.sections[s].items;
    let i = iid
        .as_ref()
        .and_then(|id| items.iter().position(|it| &it.id == id))
        .unwrap_or_else(|| old_item.min(items.len().saturating_sub(1)));
    Some((s, i))
}

/// The overview row in the new version for the one selected in the old.
fn overview_row_in(old: &Briefing, new: &Briefing, list: &ListPos) -> usize {
    match overview_section(list.selected) {
        None => 0,
        Some(s) => place(old, s, None)
            .and_then(|p| find(new, &p, 0))
            .map_or(0, |(s, _)| overview_row(s)),
    }
}

/// Where item `at` of the old version is in the new one.
fn item_in(old: &Briefing, new: &Briefing, at: ItemRef) -> Option<ItemRef> {
    let (s, i) = find(new, &place(old, at.section, Some(at.item))?, at.item)?;
    let at = ItemRef {
        section: s,
        item: i,
    };
    new.item(at).map(|_| at)
}

/// The view re-pointed into the new version, or `None` when what it showed is gone.
fn remap(old: &Briefing, new: &Briefing, view: &View) -> Option<View> {
    Some(match view {
        View::Overview(list) => View::Overview(ListPos::at(overview_row_in(old, new, list))),
        View::Summary { scroll } => View::Summary {
            scroll: scroll.clone(),
        },
        View::Section { section, list } => {
            let (s, i) = find(
                new,
                &place(old, *section, Some(list.selected))?,
                list.selected,
            )?;
            View::section(s, i)
        }
        View::Item { at, scroll, link } => View::Item {
            at: item_in(old, new, *at)?,
            scroll: scroll.clone(),
            link: *link,
        },
        View::Matrix { section, scroll } => {
            let (s, _) = find(new, &place(old, *section, None)?, 0)?;
            View::Matrix {
                section: s,
                scroll: scroll.clone(),
            }
        }
        View::Actor { actor, list } => {
            let id = &old.actors.get(*actor)?.id;
            View::Actor {
                actor: new.actors.iter().position(|a| &a.id == id)?,
                list: ListPos::at(list.selected),
            }
        }
        View::Source { source, list } => {
            let id = &old.sources.get(*source)?.id;
            View::Source {
                source: new.sources.iter().position(|s| &s.id == id)?,
                list: ListPos::at(list.selected),
            }
        }
        View::Actors(list) => View::Actors(ListPos::at(
            list.selected.min(new.actors.len().saturating_sub(1)),
        )),
        View::Library(list) => View::Library(list.clone()),
        View::Results(_) => return None,
        View::Brief { entry } => View::Brief { entry: *entry },
        // Built from the digests, which follow the entries on their own.
        View::Timeline { .. } | View::Tags { .. } | View::Peek { .. } => view.clone(),
        // Library-wide: they follow the digests, not one briefing.
        View::People(_) | View::Dossier { .. } => view.clone(),
    })
}

impl App {
    /// Applies a reload of entry `index`. A good version replaces the old one
    /// (views kept by id); a bad one, or a missing file, leaves the last good
    /// version on screen and sets the entry's banner.
    pub fn apply_reload(&mut self, index: usize, result: Result<Loaded, Report>) {
        self.apply_version(index, result.map(Arc::new));
    }

    /// [`apply_reload`](Self::apply_reload) with a version shared with others.
    pub fn apply_version(&mut self, index: usize, result: Version) {
        if self.entries.get(index).is_some_and(Entry::is_pending) {
            // Saved before the loader reached it: this version is the newest.
            return self.arrive_versions(vec![(index, result)]);
        }
        self.keeping_library_selection(|app| app.reload_entry(index, result));
    }

    fn reload_entry(&mut self, index: usize, result: Version) {
        // Held previews may point at items the new version no longer has.
        self.previews.held = None;
        let Some(entry) = self.entries.get_mut(index) else {
            return;
        };
        if let Err(report) = result {
            if entry.outline().is_none() {
                entry.set_version(Err(report));
            } else {
                entry.banner = Some(Box::new(report));
            }
            return;
        }
        let old = entry.version().cloned();
        entry.banner = None;
        self.set_version(index, result);
        self.cache.clear();
        self.search.invalidate();
        self.search.hits.clear();
        let (Some(old), Some(new)) = (old, self.entries[index].briefing()) else {
            return;
        };
        let owners = self.view_owners();
        if !owners.contains(&Some(index)) || matches!(self.top(), View::Library(_)) {
            return;
        }
        let mut stack = Vec::with_capacity(self.stack.len());
        for (view, owner) in self.stack.iter().zip(owners) {
            if owner != Some(index) {
                stack.push(view.clone());
                continue;
            }
            match remap(&old.briefing, new, view) {
                Some(v) => stack.push(v),
                None => break,
            }
        }
        if stack.is_empty() {
            stack.push(self.stack[0].clone());
        }
        self.stack = stack;
        self.search.typing = false;
    }

    /// The entry each view on the stack shows: those above the topmost
    /// dossier the current one, those under a dossier the briefing it was
    /// opened over; `None` for the library-wide views.
    fn view_owners(&self) -> Vec<Option<usize>> {
        let mut owner = Some(self.current);
        let mut out = vec![None; self.stack.len()];
        for (i, view) in self.stack.iter().enumerate().rev() {
            match view {
                View::Dossier { from, .. } => owner = *from,
                View::People(_) | View::Library(_) => {}
                _ => out[i] = owner,
            }
        }
        out
    }

    /// A briefing file that appeared in the library directory becomes entry
    /// `index` (the watcher numbers new files after the existing entries, so
    /// anything else is out of step and ignored). It is listed last.
    pub fn add_entry(
        &mut self,
        index: usize,
        path: std::path::PathBuf,
        result: Result<Loaded, Report>,
    ) {
        self.add_version(index, path, result.map(Arc::new));
    }

    /// [`add_entry`](Self::add_entry) with a version shared with others.
    pub fn add_version(&mut self, index: usize, path: std::path::PathBuf, result: Version) {
        if index != self.entries.len() {
            return;
        }
        self.keeping_library_selection(|app| app.push_entry(index, path, result));
    }

    fn push_entry(&mut self, index: usize, path: std::path::PathBuf, result: Version) {
        // Made pending, then given its version as any arrival is: with read
        // state on, a new briefing starts with every item unread. The file
        // is kept exactly: its name need not be UTF-8.
        self.entries.push(Entry::pending(path));
        self.set_version(index, result);
        self.search.invalidate();
        let entry = &self.entries[index];
        let name = (entry.path()).map_or_else(
            || crate::model::sanitize::sanitize_inline(&entry.label).into_owned(),
            crate::model::name::shown,
        );
        self.message = Some(format!("new briefing: {name}"));
    }

    /// The banner over the open briefing: its newest version did not load.
    pub fn banner(&self) -> Option<&Report> {
        self.entries
            .get(self.current)
            .and_then(|e: &Entry| e.banner.as_deref())
    }

    /// What the errors overlay shows, and its title: in the library, the
    /// selected file's (it does not load, or its newest save did not);
    /// elsewhere, the open briefing's failed reload.
    pub fn errors_report(&self) -> Option<(&Report, &'static str)> {
        let entry = match self.top() {
            View::Library(list) => self.entries.get(self.library_entry(list.selected)?)?,
            _ => self.entries.get(self.current)?,
        };
        match (entry.failure(), &entry.banner) {
            (Some(report), _) => Some((report, " Errors (Esc closes) ")),
            (None, Some(report)) => Some((report, " Reload errors (Esc closes) ")),
            (None, None) => None,
        }
    }

    /// What the errors overlay lists, and its title: the file's errors (see
    /// [`App::errors_report`]), then the config's if it did not load.
    pub fn errors_shown(&self) -> Option<(Vec<&Report>, &'static str)> {
        let config = self.overlays.config_report.as_ref();
        match (self.errors_report(), config) {
            (Some((file, title)), config) => {
                Some((std::iter::once(file).chain(config).collect(), title))
            }
            (None, Some(config)) => Some((vec![config], " Config errors (Esc closes) ")),
            (None, None) => None,
        }
    }

    /// The config did not load and the defaults are in force: the status
    /// line says so at once (before any other message), and `e` lists why.
    pub fn set_config_report(&mut self, report: Report) {
        let key = self
            .keymap
            .first_key(Action::ShowErrors)
            .unwrap_or_default();
        let note = format!(
            "config ignored ({key} lists why): {}",
            crate::model::sanitize::sanitize_inline(&report.headline())
        );
        self.message = Some(match self.message.take() {
            Some(other) => format!("{note}; {other}"),
            None => note,
        });
        self.overlays.config_report = Some(report);
    }
}
