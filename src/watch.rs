//! Watching briefing files for saves (live preview). Watches the parent
//! directories (editors that save by rename replace the file's inode), waits
//! for a save to settle, loads on this thread and sends the result to the UI
//! loop. Falls back to polling modification times where inotify fails
//! (network file systems); a failure to watch at all is reported, not fatal.
//! A library directory is watched too: a new `*.toml` in it is loaded and
//! sent as a new entry.

pub use crate::files::{Stamp, stamp};
use crate::model::{DiagSeverity, Diagnostic, Loaded, Report, load_path};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

/// A save is over when nothing changed for this long.
const SETTLE: Duration = Duration::from_millis(120);
/// A load that fails right after a save may be a half-written file: retry once after this.
const RETRY: Duration = Duration::from_millis(200);
/// Polling interval when inotify is unavailable.
const POLL: Duration = Duration::from_millis(500);

/// What the watcher sends to the UI loop.
#[derive(Debug)]
pub enum Update {
    Reloaded(usize, Box<Result<Arc<Loaded>, Report>>),
    /// A new briefing file in the library directory; it becomes entry `usize`
    /// (the entries so far plus those added before it).
    Added(usize, PathBuf, Box<Result<Arc<Loaded>, Report>>),
    /// Watching is not possible: only manual `r` reloads.
    Unavailable(String),
}

/// What wakes the watcher thread.
#[derive(Debug)]
pub enum Msg {
    /// Something happened to this path (from inotify and friends).
    Changed(PathBuf),
    /// Reload every file now (`r`).
    ReloadAll,
}

/// What to watch: files (entry index, path), and the library directory.
#[derive(Debug, Clone, Default)]
pub struct Watched {
    pub files: Vec<(usize, PathBuf)>,
    pub library: Option<PathBuf>,
    /// How many entries the reader has: the index the next new file gets.
    pub entries: usize,
    /// Poll modification times instead of asking the kernel: for file
    /// systems where inotify sets up fine but never fires (NFS, sshfs, some
    /// container mounts). `BRIEF_WATCH=poll` turns it on.
    pub poll: bool,
    /// Each file's stamp when it was loaded (taken now when missing).
    pub stamps: Vec<Option<Stamp>>,
    /// Read plain files only, never through a symbolic link (a served
    /// library: nothing outside it is read).
    pub confined: bool,
}

/// Starts watching. Returns the channel for manual reloads.
pub fn spawn(mut watched: Watched, out: impl Fn(Update) -> bool + Send + 'static) -> Sender<Msg> {
    let (tx, rx) = mpsc::channel::<Msg>();
    let events = tx.clone();
    let _ = std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || {
            // Kept alive for as long as the thread runs.
            let watcher = if watched.poll {
                Err(notify::Error::generic("BRIEF_WATCH=poll"))
            } else {
                start_notify(&watched, events)
            };
            let polling = watcher.is_err();
            if let Err(e) = &watcher
                && !out(Update::Unavailable(format!(
                    "file watching by polling every {}ms ({e})",
                    POLL.as_millis()
                )))
            {
                return;
            }
            run(&mut watched, &rx, polling, &out);
        });
    tx
}

fn start_notify(watched: &Watched, tx: Sender<Msg>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading a file is an event too (IN_OPEN, IN_ACCESS): reacting to
        // those would make every reload trigger the next one.
        if let Some(event) = res
            .ok()
            .filter(|e| !matches!(e.kind, notify::EventKind::Access(_)))
        {
            for path in event.paths {
                let _ = tx.send(Msg::Changed(path));
            }
        }
    })?;
    let mut dirs: BTreeSet<PathBuf> = watched.files.iter().map(|(_, p)| parent(p)).collect();
    dirs.extend(watched.library.clone());
    for dir in dirs {
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
    }
    Ok(watcher)
}

fn parent(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn run(watched: &mut Watched, rx: &Receiver<Msg>, polling: bool, out: &impl Fn(Update) -> bool) {
    let mut stamps: Vec<_> = if watched.stamps.len() == watched.files.len() {
        watched.stamps.clone()
    } else {
        watched.files.iter().map(|(_, p)| stamp(p)).collect()
    };
    // Saved between loading and now: no event will come for it.
    for (i, (index, path)) in watched.files.iter().enumerate() {
        let now = stamp(path);
        if now != stamps[i] {
            stamps[i] = now;
            if !reload(out, *index, path, watched.confined) {
                return;
            }
        }
    }
    // Added between the listing and now: no event will come for it either.
    if !add_new_files(watched, &mut stamps, out) {
        return;
    }
    loop {
        let first = match rx.recv_timeout(POLL) {
            Ok(msg) => Some(msg),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        // With the kernel telling, a quiet spell needs no look at the files
        // (a desk's library is thousands of them).
        if first.is_none() && !polling {
            continue;
        }
        let (mut changed, forced, events) = gather(&watched.files, first, rx);
        // A file whose (mtime, length) did not move has not changed, whatever
        // the events said; polling relies on the stamps alone, so it looks at
        // every file, and events at the files they name.
        let mut moved = |i: usize, path: &Path| {
            let now = stamp(path);
            let moved = now != stamps[i];
            stamps[i] = now;
            moved
        };
        if polling {
            for (i, (_, p)) in watched.files.iter().enumerate() {
                if moved(i, p) {
                    changed.insert(i);
                } else if !forced {
                    changed.remove(&i);
                }
            }
        } else {
            changed.retain(|&i| moved(i, &watched.files[i].1) || forced);
        }
        for i in changed {
            let (index, path) = &watched.files[i];
            if !reload(out, *index, path, watched.confined) {
                return;
            }
        }
        if (polling || events) && !add_new_files(watched, &mut stamps, out) {
            return;
        }
    }
}

/// Loads and sends the library's files not watched yet, and watches them;
/// false when the reader has gone.
fn add_new_files(
    watched: &mut Watched,
    stamps: &mut Vec<Option<Stamp>>,
    out: &impl Fn(Update) -> bool,
) -> bool {
    for path in new_files(watched) {
        let index = watched.entries;
        watched.entries += 1;
        watched.files.push((index, path.clone()));
        stamps.push(stamp(&path));
        let loaded = Box::new(load_settled_in(&path, watched.confined).map(Arc::new));
        if !out(Update::Added(index, path, loaded)) {
            return false;
        }
    }
    true
}

/// Collects the events of one save: until the directory has been quiet for
/// SETTLE (a save is often several events: write, chmod, rename). Returns the
/// files touched, whether a reload was asked for, and whether any file
/// event came at all (a new file in the library is one).
fn gather(
    files: &[(usize, PathBuf)],
    first: Option<Msg>,
    rx: &Receiver<Msg>,
) -> (BTreeSet<usize>, bool, bool) {
    let mut changed = BTreeSet::new();
    let mut forced = false;
    let mut events = false;
    let mut next = first;
    // The files by name, made at the first event: a burst of events (a
    // checkout touching every file) costs one pass over the files, not one
    // per event.
    let mut by_name: Option<HashMap<&OsStr, Vec<usize>>> = None;
    while let Some(msg) = next {
        match msg {
            Msg::ReloadAll => {
                forced = true;
                changed.extend(0..files.len());
            }
            Msg::Changed(path) => {
                events = true;
                let by_name = by_name.get_or_insert_with(|| {
                    let mut map: HashMap<&OsStr, Vec<usize>> = HashMap::new();
                    for (i, (_, p)) in files.iter().enumerate() {
                        map.entry(p.file_name().unwrap_or_default())
                            .or_default()
                            .push(i);
                    }
                    map
                });
                let named = path.file_name().and_then(|n| by_name.get(n));
                changed.extend(
                    (named.into_iter().flatten()).filter(|&&i| same_file(&files[i].1, &path)),
                );
            }
        }
        next = rx.recv_timeout(SETTLE).ok();
    }
    (changed, forced, events)
}

/// `*.toml` files in the library directory that are not watched yet, in
/// name order. Hidden files (editor swap and backup files) are skipped.
fn new_files(watched: &Watched) -> Vec<PathBuf> {
    let Some(dir) = &watched.library else {
        return Vec::new();
    };
    // Library entries are `dir/name`, so names identify them.
    let known: BTreeSet<&std::ffi::OsStr> = watched
        .files
        .iter()
        .filter(|(_, p)| parent(p) == *dir)
        .filter_map(|(_, p)| p.file_name())
        .collect();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    found.retain(|p| {
        crate::files::is_briefing_file(p)
            && p.file_name().is_some_and(|n| !known.contains(n))
            && if watched.confined {
                crate::files::is_plain_file(p)
            } else {
                p.is_file()
            }
    });
    found.sort();
    found
}

/// Loads a changed file and sends it; false when the reader has gone.
fn reload(out: &impl Fn(Update) -> bool, index: usize, path: &Path, confined: bool) -> bool {
    out(Update::Reloaded(
        index,
        Box::new(load_settled_in(path, confined).map(Arc::new)),
    ))
}

fn same_file(watched: &Path, event: &Path) -> bool {
    watched.file_name() == event.file_name()
        && parent(watched).canonicalize().ok() == parent(event).canonicalize().ok()
}

/// Loads a file that just changed. An empty or failing read is retried once
/// after a moment, since editors that truncate and write expose a half file.
pub fn load_settled(path: &Path) -> Result<Loaded, Report> {
    load_settled_in(path, false)
}

/// [`load_settled`]; `confined` reads a plain file only, never a link.
fn load_settled_in(path: &Path, confined: bool) -> Result<Loaded, Report> {
    let first = load(path, confined);
    if first.is_ok() {
        return first;
    }
    std::thread::sleep(RETRY);
    load(path, confined)
}

fn load(path: &Path, confined: bool) -> Result<Loaded, Report> {
    if !path.exists() {
        return Err(missing(path));
    }
    if confined && !crate::files::is_plain_file(path) {
        return Err(not_followed(path));
    }
    load_path(path)
}

/// The report for a library entry that is not a plain file (a symbolic
/// link, say): a served library does not follow it.
pub fn not_followed(path: &Path) -> Report {
    let message = "not a plain file (a symbolic link?): a served library reads only its own files";
    Report::single(
        &crate::model::name::shown(path),
        Diagnostic::error("not-followed", message, None),
    )
}

/// The report for a file that disappeared.
pub fn missing(path: &Path) -> Report {
    Report {
        path: crate::model::name::shown(path),
        text: String::new(),
        diagnostics: vec![Diagnostic {
            severity: DiagSeverity::Error,
            code: "file-missing",
            message: "file missing (deleted or renamed); showing the last version that loaded"
                .into(),
            span: None,
            help: None,
            related: None,
        }],
        ..Report::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    const BRIEFING: &str = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\nsummary = \"s\"\n\n[[section]]\ntitle = \"S\"\n";

    /// Events name the files they touch, found by name (a burst over a
    /// library of thousands costs a pass, not one per event); a file of the
    /// same name in another directory is not one of them.
    #[test]
    fn events_mark_the_files_they_name_and_only_those() {
        let dir = tempfile::tempdir().unwrap();
        let (lib, other) = (dir.path().join("lib"), dir.path().join("other"));
        std::fs::create_dir_all(&lib).unwrap();
        std::fs::create_dir_all(&other).unwrap();
        let files: Vec<(usize, PathBuf)> = (0..3_000)
            .map(|i| (i, lib.join(format!("b{i:05}.toml"))))
            .collect();
        let (tx, rx) = mpsc::channel();
        for name in ["b00007.toml", "b02999.toml", "b00007.toml", "nothing.toml"] {
            tx.send(Msg::Changed(lib.join(name))).unwrap();
        }
        tx.send(Msg::Changed(other.join("b00001.toml"))).unwrap();
        drop(tx);
        let (changed, forced, events) = gather(&files, rx.recv().ok(), &rx);
        assert_eq!(changed.into_iter().collect::<Vec<_>>(), [7, 2_999]);
        assert!(events && !forced);
    }

    /// Starts a watcher; its updates arrive on the returned channel.
    fn watch(watched: Watched) -> (Sender<Msg>, Receiver<Update>) {
        let (tx, rx) = mpsc::channel();
        let control = spawn(watched, move |u| tx.send(u).is_ok());
        (control, rx)
    }

    /// The next reload within a few seconds (notices are skipped).
    fn next_reload(rx: &Receiver<Update>) -> Option<Result<Arc<Loaded>, Report>> {
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Ok(u) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if let Update::Reloaded(_, r) | Update::Added(_, _, r) = u {
                return Some(*r);
            }
        }
        None
    }

    #[test]
    fn a_directory_that_cannot_be_watched_falls_back_to_polling() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("not-yet");
        let file = missing.join("b.toml");
        let (_control, rx) = watch(Watched {
            files: vec![(0, file.clone())],
            entries: 1,
            // Missing when the reader loaded it.
            stamps: vec![None],
            ..Watched::default()
        });
        let notice = rx.recv_timeout(Duration::from_secs(5)).expect("a notice");
        assert!(
            matches!(&notice, Update::Unavailable(m) if m.contains("polling")),
            "{notice:?}"
        );
        // Polling still sees the file once it appears.
        std::fs::create_dir(&missing).unwrap();
        std::fs::write(&file, BRIEFING).unwrap();
        let reloaded = next_reload(&rx).expect("polled");
        assert_eq!(reloaded.expect("loads").briefing.title, "T");
    }

    #[test]
    fn forced_polling_reloads_saves_and_finds_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, BRIEFING).unwrap();
        let (_control, rx) = watch(Watched {
            files: vec![(0, file.clone())],
            library: Some(dir.path().to_path_buf()),
            entries: 1,
            poll: true,
            stamps: vec![stamp(&file)],
            confined: false,
        });
        assert!(matches!(
            rx.recv_timeout(Duration::from_secs(5)),
            Ok(Update::Unavailable(_))
        ));
        std::fs::write(&file, BRIEFING.replace("\"T\"", "\"Saved\"")).unwrap();
        let saved = next_reload(&rx).expect("polled");
        assert_eq!(saved.expect("loads").briefing.title, "Saved");
        std::fs::write(dir.path().join("b.toml"), BRIEFING).unwrap();
        let added = next_reload(&rx).expect("the new file");
        assert_eq!(added.expect("loads").briefing.title, "T");
    }

    #[test]
    fn a_file_added_before_the_watcher_starts_is_not_missed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, BRIEFING).unwrap();
        // Listed: a.toml. Then b.toml appears before watching begins.
        std::fs::write(dir.path().join("b.toml"), BRIEFING).unwrap();
        let (_control, rx) = watch(Watched {
            files: vec![(0, file.clone())],
            library: Some(dir.path().to_path_buf()),
            entries: 1,
            stamps: vec![stamp(&file)],
            ..Watched::default()
        });
        let deadline = Instant::now() + Duration::from_secs(5);
        let added = loop {
            match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(Update::Added(index, path, _)) => break Some((index, path)),
                Ok(_) => {}
                Err(_) => break None,
            }
        };
        assert_eq!(added, Some((1, dir.path().join("b.toml"))));
    }

    #[test]
    fn a_save_before_the_watcher_starts_is_not_missed() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        std::fs::write(&file, BRIEFING).unwrap();
        let loaded_at = stamp(&file);
        // Saved after the reader loaded it, before watching began.
        std::fs::write(&file, BRIEFING.replace("\"T\"", "\"Early save\"")).unwrap();
        let (control, rx) = watch(Watched {
            files: vec![(0, file.clone())],
            entries: 1,
            stamps: vec![loaded_at],
            ..Watched::default()
        });
        // No event will ever come for that save: the watcher must compare
        // against the stamp taken at load time when it starts.
        let _control = control;
        let reloaded = next_reload(&rx).expect("the early save");
        assert_eq!(reloaded.expect("loads").briefing.title, "Early save");
    }
}
