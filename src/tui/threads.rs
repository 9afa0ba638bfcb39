//! The background threads that feed the UI loop: terminal input, signals
//! and file watching (read-state writes are in `saver`). None of them
//! touches the screen.

use super::Wake;
use crate::app::App;
use ratatui::crossterm::event;
use signal_hook::iterator::Signals;
use std::io::{self, IsTerminal};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

pub(super) fn spawn_input(tx: Sender<Wake>) {
    let _ = thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let Ok(ev) = event::read() else {
                let _ = tx.send(Wake::InputClosed);
                return;
            };
            for key in super::keys::split_alt(ev) {
                if tx.send(Wake::Input(key)).is_err() {
                    return;
                }
            }
        }
    });
}

/// The signals the reader handles, registered before the terminal is taken
/// so none is lost; their thread starts after the first frame (a signal that
/// arrives meanwhile waits in the iterator's pipe).
pub(super) fn register_signals() -> io::Result<Signals> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT])
}

pub(super) fn spawn_signals(mut signals: Signals, tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::SIGCONT;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let wake = if sig == SIGCONT {
                    Wake::Continue
                } else {
                    Wake::Terminate(sig)
                };
                if tx.send(wake).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Watches every entry that is a file on disk (not the bundled ones), and
/// the library directory for new briefings.
pub(super) fn spawn_watcher(app: &App, tx: Sender<Wake>) -> Option<Sender<crate::watch::Msg>> {
    let on_disk = || {
        app.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| Some((i, e.path()?, e.stamp)))
    };
    let files: Vec<(usize, std::path::PathBuf)> =
        on_disk().map(|(i, p, _)| (i, p.to_path_buf())).collect();
    let stamps = on_disk().map(|(_, _, s)| s).collect();
    if files.is_empty() && app.library.dir.is_none() {
        return None;
    }
    let watched = crate::watch::Watched {
        files,
        library: app.library.dir.clone(),
        entries: app.entries.len(),
        poll: std::env::var_os("BRIEF_WATCH").is_some_and(|v| v == "poll"),
        stamps,
        confined: false,
    };
    Some(crate::watch::spawn(watched, move |update| {
        tx.send(Wake::Watch(update)).is_ok()
    }))
}

/// Starts loading the library's pending entries, newest first, on detached
/// threads: quitting does not wait for them.
pub(super) fn spawn_loader(app: &App, tx: Sender<Wake>) {
    use crate::library::{cache::Writer, loader};
    let jobs = app.pending_jobs();
    let cache = (app.library.cache.clone())
        .zip(app.library.dir.as_deref())
        .and_then(|(cache, dir)| {
            let base = std::fs::canonicalize(dir).ok()?;
            Some((std::sync::Arc::new(Writer::new(cache)), base))
        });
    loader::spawn(jobs, loader::threads(), cache, move |batch| {
        tx.send(Wake::Loaded(batch)).is_ok()
    });
}

/// Lists the library directory on a detached thread, a part at a time.
pub(super) fn spawn_lister(app: &App, tx: Sender<Wake>) {
    if let Some(dir) = app.library.dir.clone() {
        let cache = app.library.cache.clone();
        crate::library::spawn_list(dir, cache, move |part| tx.send(Wake::Listed(part)).is_ok());
    } else {
        let _ = tx.send(Wake::Listed(crate::library::Listing {
            files: Vec::new(),
            done: true,
        }));
    }
}

/// Reads the briefings being opened on a detached thread (one file each:
/// the reader shows "loading" meanwhile and never waits for it).
pub(super) fn spawn_fetches(fetches: Vec<(usize, std::path::PathBuf)>, tx: Sender<Wake>) {
    if fetches.is_empty() {
        return;
    }
    let _ = thread::Builder::new().name("fetch".into()).spawn(move || {
        for (index, path) in fetches {
            let version = crate::model::load_path(&path).map(std::sync::Arc::new);
            if tx.send(Wake::Fetched(index, Box::new(version))).is_err() {
                return;
            }
        }
    });
}

/// How often an idle reader checks that its terminal is still there.
const HANGUP_CHECK: Duration = Duration::from_millis(500);

/// True when the terminal has hung up (its other end closed). crossterm's
/// reader spins rather than reporting EOF, and SIGHUP may be ignored
/// (`nohup`), so the loop asks the kernel directly. Never blocks.
pub(super) fn tty_hung_up() -> bool {
    use std::os::fd::AsRawFd;
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        return false;
    }
    let mut pfd = libc::pollfd {
        fd: stdin.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, zero timeout: returns at once.
    let n = unsafe { libc::poll(&mut pfd, 1, 0) };
    n > 0 && pfd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

/// How long input must pause before held previews catch up: longer than
/// key-repeat intervals (25-40 ms), short enough to feel immediate.
const PREVIEW_SETTLE: Duration = Duration::from_millis(60);

/// The next thing to handle; checks for a hung-up terminal while idle.
/// With `previews_held`, a pause in input is itself a wake ([`Wake::Settle`]).
pub(super) fn next_wake(
    rx: &Receiver<Wake>,
    previews_held: bool,
    mut hung_up: impl FnMut() -> bool,
) -> Option<Wake> {
    let wait = if previews_held {
        PREVIEW_SETTLE
    } else {
        HANGUP_CHECK
    };
    loop {
        match rx.recv_timeout(wait) {
            Ok(wake) => return Some(wake),
            Err(RecvTimeoutError::Timeout) if previews_held => return Some(Wake::Settle),
            Err(RecvTimeoutError::Timeout) if hung_up() => return Some(Wake::InputClosed),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}
