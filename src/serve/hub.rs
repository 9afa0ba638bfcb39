//! One library for every session: loaded once, watched by one watcher, its
//! changes sent to every reader open on it. A session starts from the
//! library as it is now, the last good version of a broken file included.
//! The hub is also the register of sessions: how many run (the limit), and
//! who to tell when the server stops.

use crate::app::{App, Entry, SharedIndexes, Version};
use crate::tui::Wake;
use crate::watch::{self, Msg, Update, Watched};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, Weak};

/// The shared library and the sessions reading it.
#[derive(Debug)]
pub struct Hub {
    dir: PathBuf,
    inner: Mutex<Inner>,
    watcher: OnceLock<Sender<Msg>>,
    /// Search indexes, built by the first session to search a version and
    /// shared by every other.
    indexes: Arc<SharedIndexes>,
}

#[derive(Debug, Default)]
struct Inner {
    /// In the watcher's order (its indices), which sessions re-sort.
    entries: Vec<Kept>,
    members: BTreeMap<u64, Member>,
    next_id: u64,
    /// Sessions running or starting: what the session limit counts.
    slots: usize,
}

/// A briefing as the hub keeps it: its last good version, and the report
/// of a newer one that did not load.
#[derive(Debug)]
struct Kept {
    /// The file, exactly (its name need not be UTF-8: a label made from it
    /// would not lead back to it, nor tell two such names apart).
    path: PathBuf,
    loaded: Version,
    banner: Option<Box<crate::model::Report>>,
    stamp: Option<crate::files::Stamp>,
}

/// A session reading the library: its channel, and where each of the hub's
/// entries is in its own (sorted) list.
#[derive(Debug)]
struct Member {
    tx: Sender<Wake>,
    index: Vec<usize>,
}

/// A place among the sessions; given back when dropped.
#[derive(Debug)]
pub struct Slot(Weak<Hub>);

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(hub) = self.0.upgrade() {
            let mut inner = hub.lock();
            inner.slots = inner.slots.saturating_sub(1);
        }
    }
}

impl Hub {
    /// Loads every briefing directly in `dir` (plain files only: a link
    /// could lead out of it) and starts the one watcher. Returns the hub and
    /// how many links were skipped.
    pub fn open(dir: &Path) -> (Arc<Hub>, usize) {
        let (entries, skipped) = load_dir(dir);
        let hub = Arc::new(Hub {
            dir: dir.to_path_buf(),
            inner: Mutex::new(Inner {
                entries,
                ..Inner::default()
            }),
            watcher: OnceLock::new(),
            indexes: Arc::default(),
        });
        let watched = {
            let inner = hub.lock();
            Watched {
                files: (inner.entries.iter().enumerate())
                    .map(|(i, k)| (i, k.path.clone()))
                    .collect(),
                library: Some(dir.to_path_buf()),
                entries: inner.entries.len(),
                poll: false,
                stamps: inner.entries.iter().map(|k| k.stamp).collect(),
                confined: true,
            }
        };
        let weak = Arc::downgrade(&hub);
        let control = watch::spawn(watched, move |update| {
            weak.upgrade().is_some_and(|hub| hub.dispatch(update))
        });
        let _ = hub.watcher.set(control);
        (hub, skipped)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A session that panicked never holds this lock; recover anyway.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Where `r` asks for a reload of everything.
    pub fn watcher(&self) -> Option<Sender<Msg>> {
        self.watcher.get().cloned()
    }

    /// Briefings in the library now.
    pub fn briefings(&self) -> usize {
        self.lock().entries.len()
    }

    /// A place for one more session, unless `max` are running.
    pub fn reserve(self: &Arc<Self>, max: usize) -> Option<Slot> {
        let mut inner = self.lock();
        (inner.slots < max).then(|| {
            inner.slots += 1;
            Slot(Arc::downgrade(self))
        })
    }

    /// Sessions running or starting.
    pub fn sessions(&self) -> usize {
        self.lock().slots
    }

    /// A reader on the library as it is now, whose updates come on `tx`
    /// from here on; the id to [`leave`](Self::leave) with.
    pub fn join(&self, tx: Sender<Wake>) -> (u64, App) {
        let mut inner = self.lock();
        let entries = inner.entries.iter().map(Kept::entry).collect();
        let mut app = App::new(entries, true);
        app.library.dir = Some(self.dir.clone());
        app.search.share_indexes(self.indexes.clone());
        let at: HashMap<&Path, usize> = (app.entries.iter().enumerate())
            .filter_map(|(i, e)| Some((e.path()?, i)))
            .collect();
        let index = (inner.entries.iter())
            .map(|k| at.get(k.path.as_path()).copied().unwrap_or(usize::MAX))
            .collect();
        let id = inner.next_id;
        inner.next_id += 1;
        inner.members.insert(id, Member { tx, index });
        (id, app)
    }

    pub fn leave(&self, id: u64) {
        self.lock().members.remove(&id);
    }

    /// Sends every session `wake()` (the server is stopping, say).
    pub fn broadcast(&self, wake: impl Fn() -> Wake) {
        self.lock().members.retain(|_, m| m.tx.send(wake()).is_ok());
    }

    /// One update from the watcher: kept here for sessions to come, and
    /// sent to every session open now. False when no one is left to tell.
    fn dispatch(&self, update: Update) -> bool {
        let mut inner = self.lock();
        let Inner {
            entries, members, ..
        } = &mut *inner;
        match update {
            Update::Reloaded(i, result) => {
                let Some(kept) = entries.get_mut(i) else {
                    return true;
                };
                kept.update((*result).clone());
                members.retain(|_, m| {
                    let at = m.index.get(i).copied().unwrap_or(usize::MAX);
                    let update = Update::Reloaded(at, Box::new((*result).clone()));
                    m.tx.send(Wake::Watch(update)).is_ok()
                });
            }
            Update::Added(i, path, result) if i == entries.len() => {
                let mut kept = Kept::new(path.clone(), (*result).clone());
                kept.stamp = crate::files::stamp(&path);
                entries.push(kept);
                members.retain(|_, m| {
                    let at = m.index.len();
                    m.index.push(at);
                    let update = Update::Added(at, path.clone(), Box::new((*result).clone()));
                    m.tx.send(Wake::Watch(update)).is_ok()
                });
            }
            Update::Added(..) => {}
            Update::Unavailable(text) => {
                super::log::line("watch", &[("notice", &text)]);
                members.retain(|_, m| {
                    let update = Update::Unavailable(text.clone());
                    m.tx.send(Wake::Watch(update)).is_ok()
                });
            }
        }
        true
    }
}

impl Kept {
    fn new(path: PathBuf, loaded: Version) -> Self {
        Self {
            path,
            loaded,
            banner: None,
            stamp: None,
        }
    }

    /// A new version, kept as a reader keeps it: one that does not load
    /// leaves the last good one under a banner.
    fn update(&mut self, result: Version) {
        match result {
            Ok(loaded) => {
                self.loaded = Ok(loaded);
                self.banner = None;
            }
            Err(report) if self.loaded.is_err() => self.loaded = Err(report),
            Err(report) => self.banner = Some(Box::new(report)),
        }
    }

    fn entry(&self) -> Entry {
        // The versions are shared: a session costs its own views, not a copy.
        let mut entry = Entry::shared_at(&self.path, self.loaded.clone());
        entry.banner.clone_from(&self.banner);
        entry.stamp = self.stamp;
        entry
    }
}

/// Every `*.toml` directly in `dir` that is a plain file, loaded, in name
/// order; and how many were skipped for being links or not files.
fn load_dir(dir: &Path) -> (Vec<Kept>, usize) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| crate::files::is_briefing_file(p));
    let listed = paths.len();
    paths.retain(|p| crate::files::is_plain_file(p));
    let skipped = listed - paths.len();
    paths.sort();
    let kept = paths
        .into_iter()
        .map(|p| {
            let stamp = crate::files::stamp(&p);
            let loaded = crate::model::load_path(&p).map(std::sync::Arc::new);
            let mut kept = Kept::new(p, loaded);
            kept.stamp = stamp;
            kept
        })
        .collect();
    (kept, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    fn briefing(title: &str, date: &str) -> String {
        format!(
            "[briefing]\ntitle = \"{title}\"\ndate = {date}\nsummary = \"s\"\n\n[[section]]\ntitle = \"S\"\n"
        )
    }

    /// The next update a session gets (notices skipped).
    fn next_update(rx: &mpsc::Receiver<Wake>) -> Update {
        loop {
            match rx.recv_timeout(Duration::from_secs(10)).expect("an update") {
                Wake::Watch(Update::Unavailable(_)) => {}
                Wake::Watch(update) => return update,
                other => panic!("not an update: {other:?}"),
            }
        }
    }

    #[test]
    fn sessions_share_one_library_and_each_gets_edits_at_its_own_index() {
        let dir = tempfile::tempdir().unwrap();
        // Name order (the hub's) is not date order (the reader's).
        std::fs::write(dir.path().join("a.toml"), briefing("Old", "2020-01-01")).unwrap();
        std::fs::write(dir.path().join("b.toml"), briefing("New", "2025-01-01")).unwrap();
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join("c.toml")).unwrap();
        let (hub, skipped) = Hub::open(dir.path());
        assert_eq!((hub.briefings(), skipped), (2, 1), "the link is not read");
        let (tx1, rx1) = mpsc::channel();
        let (tx2, rx2) = mpsc::channel();
        let (_, app1) = hub.join(tx1);
        let (_, app2) = hub.join(tx2);
        let a_at = app1
            .entries
            .iter()
            .position(|e| e.label.ends_with("a.toml"));
        assert_eq!(a_at, Some(1), "newest first in the reader");
        assert_eq!(app2.entries.len(), 2);
        // One copy in memory: the sessions show the same loaded versions.
        let (Some(one), Some(two)) = (app1.entries[0].version(), app2.entries[0].version()) else {
            panic!("both load");
        };
        assert!(
            std::sync::Arc::ptr_eq(one, two),
            "each session copied the library"
        );
        std::fs::write(dir.path().join("a.toml"), briefing("Edited", "2020-01-01")).unwrap();
        for rx in [&rx1, &rx2] {
            match next_update(rx) {
                Update::Reloaded(at, result) => {
                    assert_eq!(at, 1);
                    assert_eq!(result.expect("loads").briefing.title, "Edited");
                }
                other => panic!("{other:?}"),
            }
        }
        // A session that joins now starts from the edited version.
        let (tx3, _rx3) = mpsc::channel();
        let (_, app3) = hub.join(tx3);
        assert!(
            app3.entries
                .iter()
                .any(|e| e.briefing().is_some_and(|b| b.title == "Edited"))
        );
    }

    /// The first session to search a version builds its index; every other
    /// session searching it uses that one (fifty copies of every index
    /// would cost 20-30 MB a session on 1,000 briefings).
    #[test]
    fn sessions_share_the_search_index_of_each_version() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), briefing("Old", "2020-01-01")).unwrap();
        std::fs::write(dir.path().join("b.toml"), briefing("New", "2025-01-01")).unwrap();
        let (hub, _) = Hub::open(dir.path());
        let (tx1, _rx1) = mpsc::channel();
        let (tx2, _rx2) = mpsc::channel();
        let (_, mut app1) = hub.join(tx1);
        let (_, mut app2) = hub.join(tx2);
        assert!(hub.indexes.is_empty(), "built ahead of a search");
        let one = app1.search.index(&app1.entries, 0).expect("indexed");
        let two = app2.search.index(&app2.entries, 0).expect("indexed");
        assert!(
            std::sync::Arc::ptr_eq(&one, &two),
            "each session built its own"
        );
        assert_eq!(hub.indexes.len(), 1);
        let other = app2.search.index(&app2.entries, 1).expect("indexed");
        assert!(!std::sync::Arc::ptr_eq(&one, &other));
        assert_eq!(hub.indexes.len(), 2);
    }

    /// A file whose name is not UTF-8 is one entry, kept by its exact
    /// path: the watcher does not take it for missing, nor for a new file
    /// (it did, from a label that could not lead back to it).
    #[test]
    fn a_name_that_is_not_utf8_is_one_entry_at_its_exact_path() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"ok\xffname.toml");
        std::fs::write(dir.path().join(name), briefing("Odd", "2025-01-01")).unwrap();
        let (hub, _) = Hub::open(dir.path());
        let (tx, rx) = mpsc::channel();
        let (_, app) = hub.join(tx);
        assert_eq!((hub.briefings(), app.entries.len()), (1, 1));
        assert_eq!(app.entries[0].path(), Some(dir.path().join(name).as_path()));
        assert!(app.entries[0].briefing().is_some());
        match rx.recv_timeout(std::time::Duration::from_millis(1500)) {
            Err(_) => {}
            Ok(wake) => panic!("the watcher sent {wake:?}"),
        }
    }

    #[test]
    fn the_session_limit_counts_places_until_they_are_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let (hub, _) = Hub::open(dir.path());
        let first = hub.reserve(2).expect("room");
        let second = hub.reserve(2).expect("room");
        assert!(hub.reserve(2).is_none(), "full");
        drop(first);
        assert_eq!(hub.sessions(), 1);
        assert!(hub.reserve(2).is_some());
        drop(second);
    }
}
