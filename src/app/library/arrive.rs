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
        let label = listed.path.display().to_string();
        // A placeholder nothing shows (a pending entry has no errors): an
        // empty report costs no allocation, 10,000 times over.
        let mut entry = Entry::new(label, Err(Report::default()));
        entry.pending = true;
        entry.stamp = listed.stamp;
        entry.day = listed.day;
        entry
    }
}

impl App {
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
        let was_pending = self.pending_count() > 0;
        let at_top: Vec<bool> = (self.stack.iter())
            .map(|v| matches!(v, View::Library(list) if list.selected == 0))
            .collect();
        self.keeping_library_selection(|app| {
            for (index, result) in batch {
                app.fill(index, result);
            }
        });
        for (view, top) in self.stack.iter_mut().zip(at_top) {
            if let (View::Library(list), true) = (view, top) {
                list.selected = 0;
            }
        }
        if was_pending && self.pending_count() == 0 {
            // The library is read: open it where a library read at once opens.
            self.library_loaded();
        }
        if self.library.state_for_pending.is_some() && !self.entries.iter().any(|e| e.pending) {
            self.library.state_for_pending = None;
        }
    }

    /// How many entries are still waiting for the loader.
    pub fn pending_count(&self) -> usize {
        self.entries.iter().filter(|e| e.pending).count()
    }

    /// Pending entries (index, path) in library order: what the loader reads,
    /// newest first.
    pub fn pending_jobs(&self) -> Vec<(usize, std::path::PathBuf)> {
        (self.library_order().iter())
            .filter_map(|&i| {
                let e = &self.entries[i];
                Some((i, e.path()?.to_path_buf())).filter(|_| e.pending)
            })
            .collect()
    }

    /// Loads a pending entry now, on this thread (it is being opened: one
    /// file, not the library).
    pub(in crate::app) fn load_now(&mut self, index: usize) {
        let Some(path) = (self.entries.get(index))
            .filter(|e| e.pending)
            .and_then(|e| e.path().map(std::path::Path::to_path_buf))
        else {
            return;
        };
        self.arrive(vec![(index, crate::model::load_path(&path))]);
    }

    /// Fills in pending entry `index` (and its read marks).
    pub(in crate::app) fn fill(&mut self, index: usize, result: crate::app::Version) {
        let Some(entry) = self.entries.get_mut(index).filter(|e| e.pending) else {
            return;
        };
        entry.pending = false;
        let _placeholder = entry.set_version(result);
        let Some(file) = &self.library.state_for_pending else {
            return;
        };
        let marks = super::super::resume::entry_marks(file, &self.entries[index]);
        if let Some(slot) = self.read.marks.get_mut(index) {
            *slot = marks;
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
    fn opening_a_row_not_loaded_yet_loads_it_then() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = listed(dir.path());
        app.update(Action::Bottom);
        assert!(app.errors_report().is_none(), "not loaded is not an error");
        app.update(Action::Open);
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("A"));
        // The loader's copy, arriving later, changes nothing.
        let index = app.current;
        app.arrive(vec![(index, Err(Report::default()))]);
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("A"));
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
