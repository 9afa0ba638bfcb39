//! Entries listed before they are read: how they start (a placeholder under
//! the day they are listed by), and how the background loader's results fill
//! them in, a batch at a time, with the library re-sorted once per batch and
//! the selection kept on its briefing.

use super::super::{App, Entry, View};
use crate::library::Listed;
use crate::model::{Loaded, Report};

impl Entry {
    /// A listed file not read yet: the loader fills it in.
    pub fn listed(listed: Listed) -> Self {
        let mut entry = Entry::pending(listed.path);
        entry.stamp = listed.stamp;
        entry.day = listed.day;
        entry
    }
}

impl App {
    /// A part of the directory's listing: its files become pending entries,
    /// placed newest first by the day they are listed under, the selection
    /// kept as for the loader's results (see [`arrive`](Self::arrive)).
    /// The last part ends the listing: the run loop then starts the loader.
    /// While the stored read state is still being read, parts wait for it
    /// (their marks are made from it).
    pub fn listed(&mut self, part: crate::library::Listing) {
        if self.library.awaiting_state {
            return self.library.held_parts.push(part);
        }
        let at_top = self.library_at_top();
        let first = self.entries.len();
        let new: Vec<usize> = (first..).take(part.files.len()).collect();
        self.moving_library_rows(&new, |app| {
            let mut cards = Vec::new();
            for (n, mut listed) in part.files.into_iter().enumerate() {
                cards.extend(listed.card.take().map(|card| (first + n, card)));
                app.entries.push(Entry::listed(listed));
            }
            if app.read.on {
                app.read.marks.resize_with(app.entries.len(), || None);
            }
            for (index, card) in cards {
                app.set_card(index, *card);
            }
        });
        self.keep_library_top(&at_top);
        if part.done {
            self.library.listing = false;
            self.library.just_listed = true;
            self.when_all_read();
        }
    }

    /// The stored read state, read after the first frame (a library listed
    /// in the background does not wait for it): marks from it, then the
    /// parts of the listing that waited; `warning` for the status line.
    pub fn state_read(&mut self, file: &crate::state::StateFile, warning: Option<String>) {
        self.library.awaiting_state = false;
        self.attach_state(file);
        if warning.is_some() {
            self.message = warning;
        }
        for part in std::mem::take(&mut self.library.held_parts) {
            self.listed(part);
        }
    }

    /// True once after the listing is done: the run loop then starts the
    /// loader and the watcher.
    pub fn take_just_listed(&mut self) -> bool {
        std::mem::take(&mut self.library.just_listed)
    }

    /// Once the library is listed and nothing waits for the loader: it
    /// opens where a library read at once opens, and the stored state kept
    /// for the entries still to come goes.
    fn when_all_read(&mut self) {
        if self.library.listing || self.pending_count() > 0 {
            return;
        }
        self.library_loaded();
        self.library.state_for_pending = None;
    }

    /// Which library lists have their first row selected.
    fn library_at_top(&self) -> Vec<bool> {
        (self.stack.iter())
            .map(|v| matches!(v, View::Library(list) if list.selected == 0))
            .collect()
    }

    /// Puts the lists that had their first row selected back on it: the
    /// newest briefing, as the order settles.
    fn keep_library_top(&mut self, at_top: &[bool]) {
        for (view, top) in self.stack.iter_mut().zip(at_top) {
            if let (View::Library(list), true) = (view, top) {
                list.selected = 0;
            }
        }
    }

    /// The loader's results: each fills in its entry, unless the watcher
    /// already did (its version is at least as new).
    /// A selection on the first row stays there (the newest briefing, as
    /// the order settles); any other stays on its briefing.
    pub fn arrive(&mut self, batch: Vec<(usize, Result<Loaded, Report>)>) {
        let batch = batch
            .into_iter()
            .map(|(i, r)| (i, r.map(std::sync::Arc::new)))
            .collect();
        self.arrive_versions(batch);
    }

    /// [`arrive`](Self::arrive) with versions that may be shared with other
    /// readers (a save the watcher saw first).
    pub fn arrive_versions(&mut self, batch: Vec<(usize, crate::app::Version)>) {
        let moved: Vec<usize> = batch.iter().map(|(i, _)| *i).collect();
        self.arriving(&moved, |app| {
            for (index, result) in batch {
                app.fill(index, result);
            }
        });
    }

    /// The background loader's results: each file's card (the briefing was
    /// let go on the loader's thread), or why it does not load.
    pub fn arrive_cards(&mut self, batch: crate::library::loader::Batch) {
        let moved: Vec<usize> = batch.iter().map(|(i, _)| *i).collect();
        self.arriving(&moved, |app| {
            for (index, result) in batch {
                if !app.entries.get(index).is_some_and(Entry::is_pending) {
                    continue;
                }
                match result {
                    Ok(card) => app.set_card(index, *card),
                    Err(report) => app.set_version(index, Err(report)),
                }
            }
        });
    }

    /// Fills entries `moved` with `fill`, keeping the selection (see
    /// [`arrive`](Self::arrive)), and opens the library as a library read
    /// at once opens when that was the last of them.
    fn arriving(&mut self, moved: &[usize], fill: impl FnOnce(&mut Self)) {
        let was_pending = self.pending_count() > 0;
        let at_top = self.library_at_top();
        self.moving_library_rows(moved, fill);
        self.keep_library_top(&at_top);
        if was_pending {
            self.when_all_read();
        }
    }

    /// How many entries are still waiting for the loader.
    pub fn pending_count(&self) -> usize {
        self.entries.iter().filter(|e| e.is_pending()).count()
    }

    /// Pending entries (index, path) in library order: what the loader reads,
    /// newest first.
    pub fn pending_jobs(&self) -> Vec<(usize, std::path::PathBuf)> {
        (self.library_order().iter())
            .filter_map(|&i| {
                let e = &self.entries[i];
                Some((i, e.path()?.to_path_buf())).filter(|_| e.is_pending())
            })
            .collect()
    }

    /// Fills in pending entry `index` (and its read marks).
    pub(in crate::app) fn fill(&mut self, index: usize, result: crate::app::Version) {
        if self.entries.get(index).is_some_and(Entry::is_pending) {
            self.set_version(index, result);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::library::list;

    fn text(title: &str, date: &str) -> String {
        format!(
            "[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"s\"\n\n\
             [[section]]\ntitle = \"S\"\n\n[[section.item]]\ntitle = \"I\"\n"
        )
    }

    /// A library of three files, listed only: `b-2025` is named for a later
    /// day than its briefing's date, so it moves down once read.
    fn listed(dir: &std::path::Path) -> App {
        std::fs::write(dir.join("a-2025-03-01.toml"), text("A", "2025-03-01")).unwrap();
        std::fs::write(dir.join("b-2025-09-01.toml"), text("B", "2025-01-01")).unwrap();
        std::fs::write(dir.join("c-2025-06-01.toml"), "[briefing]\ntitle = 1\n").unwrap();
        let entries = list(dir).into_iter().map(Entry::listed).collect();
        App::new(entries, true)
    }

    fn names(app: &App) -> Vec<String> {
        (app.library_order().iter())
            .map(|&i| app.entries[i].label.rsplit('/').next().unwrap().to_string())
            .collect()
    }

    fn load_all(app: &mut App) {
        let batch = (app.pending_jobs().into_iter())
            .map(|(i, p)| (i, crate::model::load_path(&p)))
            .collect();
        app.arrive(batch);
    }

    #[test]
    fn rows_merged_a_part_and_a_batch_at_a_time_are_in_the_library_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..40 {
            // Named for one day, dated another: rows move as they load.
            let name = format!("f{i:02}-2025-{:02}-01.toml", 1 + i % 12);
            let body = text(
                &format!("T{}", i % 5),
                &format!("2024-{:02}-15", 1 + i * 7 % 12),
            );
            let body = if i % 9 == 0 { "broken".into() } else { body };
            std::fs::write(dir.path().join(&name), body).unwrap();
            files.push(name);
        }
        let mut listed: Vec<crate::library::Listed> = list(dir.path());
        listed.reverse();
        let mut app = App::new(Vec::new(), true);
        for (n, part) in listed.chunks(13).enumerate() {
            app.listed(crate::library::Listing {
                files: part.to_vec(),
                done: (n + 1) * 13 >= listed.len(),
            });
            assert_eq!(
                app.library_order(),
                crate::app::library::order(&app.entries)
            );
        }
        let mut jobs = app.pending_jobs();
        jobs.reverse();
        for batch in jobs.chunks(7) {
            let batch = (batch.iter())
                .map(|(i, p)| (*i, crate::model::load_path(p)))
                .collect();
            app.arrive(batch);
            assert_eq!(
                app.library_order(),
                crate::app::library::order(&app.entries)
            );
        }
        assert_eq!(app.pending_count(), 0);
        assert!(!app.library.listing);
    }

    #[test]
    fn listed_rows_fill_in_and_take_their_briefings_places() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = listed(dir.path());
        assert_eq!(
            names(&app),
            [
                "b-2025-09-01.toml",
                "c-2025-06-01.toml",
                "a-2025-03-01.toml"
            ]
        );
        assert_eq!((app.pending_count(), app.failed_count()), (3, 0));
        // The selection is on "a"; it stays on it as the order changes.
        app.update(Action::Bottom);
        load_all(&mut app);
        assert_eq!(app.pending_count(), 0);
        assert_eq!(
            names(&app),
            [
                "a-2025-03-01.toml",
                "b-2025-09-01.toml",
                "c-2025-06-01.toml"
            ]
        );
        assert!(matches!(app.top(), View::Library(l) if l.selected == 0));
        // A selection on the first row stays on the first row.
        let mut app = listed(dir.path());
        load_all(&mut app);
        assert!(matches!(app.top(), View::Library(l) if l.selected == 0));
        // The broken file is flagged once it is reached, and lists last.
        assert_eq!(app.failed_count(), 1);
        app.update(Action::Bottom);
        assert!(app.errors_report().is_some());
    }

    #[test]
    fn opening_a_row_not_loaded_yet_reads_it_off_the_ui_thread_then_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = listed(dir.path());
        app.update(Action::Bottom);
        assert!(app.errors_report().is_none(), "not loaded is not an error");
        app.update(Action::Open);
        // Nothing was read: the run loop is asked to, and the reader says so.
        assert!(app.briefing().is_none());
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.contains("loading"))
        );
        let fetches = app.take_fetches();
        assert_eq!(fetches.len(), 1);
        assert!(app.take_fetches().is_empty(), "asked once");
        for (index, path) in fetches {
            let version = crate::model::load_path(&path).map(std::sync::Arc::new);
            app.fetched(index, version);
        }
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("A"));
        // The loader's copy, arriving later, changes nothing.
        let index = app.current;
        app.arrive(vec![(index, Err(Report::default()))]);
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("A"));
    }

    #[test]
    fn a_briefing_still_loading_is_not_opened_after_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = listed(dir.path());
        app.update(Action::Bottom);
        app.update(Action::Open);
        app.update(Action::Back);
        for (index, path) in app.take_fetches() {
            let version = crate::model::load_path(&path).map(std::sync::Arc::new);
            app.fetched(index, version);
        }
        assert!(matches!(app.top(), View::Library(_)), "{:?}", app.top());
    }

    #[test]
    fn the_listing_waits_for_the_read_state_read_after_the_first_frame() {
        let dir = tempfile::tempdir().unwrap();
        listed(dir.path());
        let mut app = App::new(Vec::new(), true);
        app.library.list_in_background();
        app.library.awaiting_state = true;
        app.listed(crate::library::Listing {
            files: list(dir.path()),
            done: true,
        });
        assert!(app.entries.is_empty() && app.library.listing);
        assert!(!app.take_just_listed(), "the loader waits too");
        let state = crate::state::StateFile::default();
        app.state_read(&state, Some("read state was corrupt".into()));
        assert_eq!(app.entries.len(), 3);
        assert!(app.take_just_listed() && !app.take_just_listed());
        assert_eq!(app.message.as_deref(), Some("read state was corrupt"));
        load_all(&mut app);
        let with_marks = app.read.marks.iter().filter(|m| m.is_some()).count();
        assert_eq!(with_marks, 2, "the two briefings that load");
    }

    #[test]
    fn read_state_reaches_entries_that_load_later() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = listed(dir.path());
        app.attach_state(&crate::state::StateFile::default());
        assert!(app.read.marks.iter().all(Option::is_none));
        load_all(&mut app);
        let with_marks = app.read.marks.iter().filter(|m| m.is_some()).count();
        assert_eq!(with_marks, 2, "the two briefings that load");
        assert!(
            app.library.state_for_pending.is_none(),
            "dropped once all arrived"
        );
    }
}
