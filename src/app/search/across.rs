//! Search across a library whose briefings are not all held: each
//! keystroke asks the run loop for a search of the files on disk (newest
//! first, see `crate::library::search`), and the hits stream in as
//! [`Found`] rows that carry what they show. A newer keystroke or Esc
//! moves the generation on, which stops the search under way; its late
//! hits are dropped here.

use super::super::library::keep::Then;
use super::super::{App, ListPos, View};
use crate::library::search::{Found, Progress, Request};
use crate::search::{Query, Target};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A search of the library's files under way (or done).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub generation: u64,
    /// Files searched so far, of `files`.
    pub searched: usize,
    pub files: usize,
    pub done: bool,
}

/// What the run loop needs to search the library: the newest generation
/// asked for (shared with the search thread, which stops a search older
/// than it) and the search to start.
#[derive(Debug, Default)]
pub struct Asked {
    pub generation: Arc<AtomicU64>,
    request: Option<Request>,
    /// The files a search reads, and the library generation they are of.
    jobs: Option<(u64, SearchJobs)>,
}

/// (entry, file) of every briefing on disk, in the library's order.
type SearchJobs = Arc<[(usize, std::path::PathBuf)]>;

impl App {
    /// Whether `/` from the library searches the files on disk (the
    /// briefings are not all held) rather than the indexes in memory.
    pub(super) fn searches_files(&self) -> bool {
        self.search.all_entries && self.library.keep.lets_go() && !self.search.palette
    }

    /// A keystroke in a search of the files: the one under way stops, and
    /// a new one is asked for (none for an empty query).
    pub(super) fn search_files(&mut self) {
        let generation = self.stop_finding();
        let query = Query::parse(&self.search.input);
        self.search.hits.clear();
        self.search.found.clear();
        self.search.current = None;
        if let Some(View::Results(list)) = self.stack.last_mut() {
            *list = ListPos::at(0);
        }
        self.search.query = query.clone();
        if query.is_empty() {
            return;
        }
        let jobs = self.search_jobs();
        self.search.finding = Some(Finding {
            generation,
            searched: 0,
            files: jobs.len(),
            done: false,
        });
        self.library.asked.request = Some(Request {
            generation,
            query,
            jobs,
        });
    }

    /// The library's files in its order, newest first: made once per change
    /// of the library, so a keystroke costs no pass over it.
    fn search_jobs(&mut self) -> SearchJobs {
        let generation = self.library.generation;
        if let Some((made, jobs)) = &self.library.asked.jobs
            && *made == generation
        {
            return jobs.clone();
        }
        let jobs: SearchJobs = (self.library_order().iter())
            .filter_map(|&i| Some((i, self.entries[i].path()?.to_path_buf())))
            .collect();
        self.library.asked.jobs = Some((generation, jobs.clone()));
        jobs
    }

    /// Stops the search under way (its hits are dropped from now on);
    /// returns the new generation.
    pub(super) fn stop_finding(&mut self) -> u64 {
        self.search.finding = None;
        self.library.asked.request = None;
        self.library
            .asked
            .generation
            .fetch_add(1, Ordering::Relaxed)
            + 1
    }

    /// The search of the files to start, for the run loop.
    pub fn take_search_request(&mut self) -> Option<Request> {
        self.library.asked.request.take()
    }

    /// Hits from the search thread: kept if they are the current search's.
    pub fn found(&mut self, progress: Progress) {
        let Some(finding) = self.search.finding.as_mut() else {
            return;
        };
        if finding.generation != progress.generation {
            return;
        }
        finding.searched = progress.searched;
        finding.done = progress.done;
        self.search.found.extend(progress.found);
    }

    /// The jump palette over a library not all held: the briefings' titles
    /// (from their outlines), fuzzy-ranked; Enter opens the briefing.
    pub(super) fn run_title_palette(&mut self) {
        let candidates: Vec<(String, usize)> = (self.library_order().iter())
            .filter_map(|&i| {
                let o = self.entries[i].outline()?;
                Some((format!("{} {}", o.front.title, o.front.date), i))
            })
            .collect();
        let ranked = super::rank(
            &self.search.input,
            candidates.iter().map(|(l, _)| l.as_str()),
        );
        self.search.found = (ranked.into_iter())
            .filter_map(|r| {
                let &(_, entry) = candidates.get(r)?;
                let o = self.entries[entry].outline()?;
                Some(Found {
                    entry,
                    target: Target::Briefing,
                    crumbs: vec![
                        crate::model::sanitize::sanitize_inline(&o.front.title).into_owned(),
                    ],
                    label: "briefing".into(),
                    text: o.front.date.to_string(),
                })
            })
            .collect();
        self.search.query = Query::default();
        self.search.current = None;
        if let Some(View::Results(list)) = self.stack.last_mut() {
            *list = ListPos::at(0);
        }
    }

    /// Opens found hit `n` once its briefing is held.
    pub(super) fn open_found(&mut self, n: usize) {
        let Some(found) = self.search.found.get(n) else {
            return;
        };
        let entry = found.entry;
        if self.when_held(entry, Then::Hit(n)) {
            self.open_hit_in(n, entry);
        }
    }

    /// The target of found hit `n`, if its briefing (as held now) has it:
    /// the file may have changed since it was searched.
    pub(super) fn found_target(&self, n: usize) -> Option<Target> {
        let found: &Found = self.search.found.get(n)?;
        let b = self.entries.get(found.entry)?.briefing()?;
        let there = match found.target {
            Target::Briefing => true,
            Target::Section(s) => s < b.sections.len(),
            Target::Item(at) => b.item(at).is_some(),
            Target::Actor(a) => a < b.actors.len(),
            Target::Source(s) => s < b.sources.len(),
        };
        there.then_some(found.target)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;

    /// A library of `n` briefings listed and loaded as the reader does it,
    /// every briefing let go: "needle {i}" is item 2 of briefing `i`, dated
    /// `i` days into 2025.
    fn library(dir: &std::path::Path, n: usize) -> App {
        for i in 0..n {
            let text = format!(
                "[briefing]\ntitle = \"B{i}\"\ndate = 2025-{:02}-{:02}\n\n[[section]]\ntitle = \"S\"\n\n\
                 [[section.item]]\ntitle = \"hay\"\n\n[[section.item]]\ntitle = \"needle {i}\"\n",
                1 + i / 28,
                1 + i % 28
            );
            std::fs::write(dir.join(format!("b{i}.toml")), text).unwrap();
        }
        let mut app = App::new(Vec::new(), true);
        app.library.dir = Some(dir.to_path_buf());
        app.library.list_in_background();
        let files = crate::library::list(dir);
        app.listed(crate::library::Listing { files, done: true });
        let batch = (app.pending_jobs().into_iter())
            .map(|(i, p)| (i, crate::model::load_path(&p)))
            .collect();
        app.arrive(batch);
        assert!(app.entries.iter().all(|e| e.briefing().is_none()), "let go");
        app
    }

    fn type_text(app: &mut App, text: &str) {
        text.chars().for_each(|c| app.update(Action::Input(c)));
    }

    /// Runs the search asked for as the search thread would, handing each
    /// batch to `deliver`.
    fn search(app: &mut App, mut deliver: impl FnMut(&mut App, Progress)) {
        let request = app.take_search_request().expect("a search asked for");
        let current = app.library.asked.generation.clone();
        let got = std::sync::Mutex::new(Vec::new());
        crate::library::search::run(&request, &current, &|p| {
            got.lock().unwrap().push(p);
            true
        });
        for p in got.into_inner().unwrap() {
            deliver(app, p);
        }
    }

    #[test]
    fn hits_stream_in_newest_first_and_enter_opens_the_hit_once_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = library(dir.path(), 40);
        app.update(Action::Search);
        type_text(&mut app, "needle");
        assert!(app.search.is_empty() && app.search.finding.is_some_and(|f| !f.done));
        search(&mut app, App::found);
        assert!(
            app.search
                .finding
                .is_some_and(|f| f.done && f.searched == 40)
        );
        let titles: Vec<&str> = app
            .search
            .found
            .iter()
            .map(|f| f.crumbs[0].as_str())
            .collect();
        assert_eq!(titles.len(), 40);
        assert_eq!(
            &titles[..3],
            ["2025-02-12 B39", "2025-02-11 B38", "2025-02-10 B37"]
        );
        app.update(Action::Down);
        app.update(Action::InputSubmit);
        // B38 is not held: it is read first, then the hit opens.
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.contains("loading"))
        );
        for (index, path) in app.take_fetches() {
            let version = crate::model::load_path(&path).map(std::sync::Arc::new);
            app.fetched(index, version);
        }
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("B38"));
        let at = crate::model::ItemRef {
            section: 0,
            item: 1,
        };
        assert!(
            matches!(app.top(), View::Item { at: a, .. } if *a == at),
            "{:?}",
            app.top()
        );
    }

    #[test]
    fn esc_and_a_newer_keystroke_drop_the_search_under_way() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = library(dir.path(), 10);
        app.update(Action::Search);
        type_text(&mut app, "needle");
        let request = app.take_search_request().expect("asked");
        // Another key: the first search's hits no longer count.
        type_text(&mut app, " 3");
        let current = app.library.asked.generation.clone();
        let mut late = Vec::new();
        crate::library::search::run(&request, &current, &|p| {
            assert!(p.found.is_empty(), "a stale search stops at once");
            true
        });
        late.push(Progress {
            generation: request.generation,
            found: vec![],
            searched: 1,
            done: true,
        });
        for p in late {
            app.found(p);
        }
        assert!(
            app.search.finding.is_some_and(|f| !f.done),
            "still the new one's"
        );
        search(&mut app, App::found);
        assert_eq!(app.search.found.len(), 1);
        // Esc: the prompt closes at once and nothing more arrives.
        app.update(Action::Search);
        type_text(&mut app, "hay");
        let request = app.take_search_request().expect("asked");
        app.update(Action::InputCancel);
        assert!(!matches!(app.top(), View::Results(_)));
        let current = app.library.asked.generation.clone();
        let ran = std::sync::Mutex::new(0);
        crate::library::search::run(&request, &current, &|_| {
            *ran.lock().unwrap() += 1;
            true
        });
        assert_eq!(*ran.lock().unwrap(), 0, "a cancelled search sends nothing");
        assert!(app.search.found.is_empty() && app.search.finding.is_none());
    }

    #[test]
    fn keystrokes_share_the_list_of_files_until_the_library_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = library(dir.path(), 5);
        app.update(Action::Search);
        type_text(&mut app, "n");
        let first = app.take_search_request().expect("asked").jobs;
        type_text(&mut app, "e");
        let second = app.take_search_request().expect("asked").jobs;
        assert!(Arc::ptr_eq(&first, &second), "one list for both keys");
        assert_eq!(first.len(), 5);
        let path = dir.path().join("new.toml");
        std::fs::write(&path, "[briefing]\ntitle = \"N\"\ndate = 2026-01-01\n").unwrap();
        app.add_entry(5, path.clone(), crate::model::load_path(&path));
        type_text(&mut app, "e");
        let third = app.take_search_request().expect("asked").jobs;
        assert_eq!(third.len(), 6);
        assert!(
            third.iter().any(|&(entry, _)| entry == 5),
            "the new briefing"
        );
    }

    #[test]
    fn the_palette_ranks_titles_and_opens_the_briefing() {
        let dir = tempfile::tempdir().unwrap();
        let mut app = library(dir.path(), 12);
        app.update(Action::Palette);
        assert_eq!(app.search.len(), 12);
        type_text(&mut app, "B7");
        assert_eq!(
            app.search.found.first().map(|f| f.entry),
            app.library_order().iter().copied().find(|&e| app.entries[e]
                .outline()
                .is_some_and(|o| o.front.title == "B7"))
        );
        app.update(Action::InputSubmit);
        for (index, path) in app.take_fetches() {
            let version = crate::model::load_path(&path).map(std::sync::Arc::new);
            app.fetched(index, version);
        }
        assert_eq!(app.briefing().map(|b| b.title.as_str()), Some("B7"));
        assert!(matches!(app.top(), View::Overview(_)));
    }
}
