//! One reader's session: the reader's own loop (the same as on a local
//! terminal) on its own thread, drawing on an SSH channel. A panic ends this
//! session only: the client's terminal is given back, the server goes on.

use super::keys::Reader;
use super::outbox::Outbox;
use super::{Server, log};
use crate::state::Store;
use crate::tui::{Exit, Host, Wake, Watcher, Wiring, enter_bytes, restore_bytes, run_on};
use ratatui::layout::Rect;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A client's window larger than this is drawn in its top-left corner:
/// each cell costs memory on the server (about 6 MB a screen at this size).
pub const MAX_COLS: u32 = 512;
pub const MAX_ROWS: u32 = 256;

/// The client's window size, shared by the connection (which hears of
/// changes) and the reader (which asks before each frame).
#[derive(Debug, Default)]
pub struct Size(AtomicU32);

impl Size {
    pub fn set(&self, cols: u32, rows: u32) -> (u16, u16) {
        let (c, r) = (cols.min(MAX_COLS) as u16, rows.min(MAX_ROWS) as u16);
        self.0
            .store(u32::from(c) << 16 | u32::from(r), Ordering::Relaxed);
        (c, r)
    }

    fn get(&self) -> Rect {
        let v = self.0.load(Ordering::Relaxed);
        Rect::new(0, 0, (v >> 16) as u16, v as u16)
    }
}

/// What the connection and the reader share while the session runs.
#[derive(Debug, Default)]
pub struct Shared {
    pub size: Size,
    /// The connection has gone.
    pub gone: AtomicBool,
    /// Input events sent and not yet drawn (see [`SshHost::size`]).
    pub pending: AtomicUsize,
    /// A notice that keys were dropped is on its way since the last frame:
    /// one at a time, however many packets a flood comes in.
    pub told: AtomicBool,
    /// Why the server ended the session, for the client's last line.
    pub ending: Mutex<Option<String>>,
}

/// One connection as the log tells it: written when the connection and its
/// session are both gone (the moment the session's memory is free).
#[derive(Debug)]
pub struct Record {
    pub id: u64,
    pub peer: SocketAddr,
    pub started: Instant,
    pub reader: Mutex<Option<Reader>>,
    pub bytes_in: AtomicU64,
    /// Keys dropped over the input cap (see `live::MAX_PENDING_INPUT`).
    pub keys_dropped: AtomicU64,
    pub outbox: Mutex<Option<Arc<Outbox>>>,
}

/// Connections whose record is alive (not yet logged as gone): a stopping
/// server waits for them, so each gets its `disconnect` line and every
/// byte queued for its client (the last notice) is sent.
static OPEN: AtomicUsize = AtomicUsize::new(0);

/// How many connections are open (their `disconnect` line not written).
pub fn open_connections() -> usize {
    OPEN.load(Ordering::Relaxed)
}

impl Record {
    pub fn new(id: u64, peer: SocketAddr) -> Self {
        OPEN.fetch_add(1, Ordering::Relaxed);
        Self {
            id,
            peer,
            started: Instant::now(),
            reader: Mutex::new(None),
            bytes_in: AtomicU64::new(0),
            keys_dropped: AtomicU64::new(0),
            outbox: Mutex::new(None),
        }
    }

    pub fn reader(&self) -> Option<Reader> {
        self.reader
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}

impl Drop for Record {
    fn drop(&mut self) {
        let reader = self.reader();
        let outbox = self.outbox.lock().unwrap_or_else(|e| e.into_inner());
        let count = |n: fn(&Outbox) -> &AtomicU64| {
            (outbox.as_ref()).map_or(0, |o| n(o).load(Ordering::Relaxed))
        };
        let (out, frames_dropped) = (count(|o| &o.sent), count(|o| &o.dropped));
        log::line(
            "disconnect",
            &[
                ("id", &self.id),
                ("reader", &reader.as_ref().map_or("-", |r| r.name.as_str())),
                (
                    "key",
                    &reader.as_ref().map_or("-", |r| r.fingerprint.as_str()),
                ),
                ("addr", &self.peer),
                ("duration", &log::secs(self.started.elapsed())),
                ("bytes_in", &self.bytes_in.load(Ordering::Relaxed)),
                ("bytes_out", &out),
                ("keys_dropped", &self.keys_dropped.load(Ordering::Relaxed)),
                ("frames_dropped", &frames_dropped),
            ],
        );
        OPEN.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The terminal at the other end of an SSH channel.
#[derive(Debug)]
pub struct SshHost {
    outbox: Arc<Outbox>,
    shared: Arc<Shared>,
    /// The client's `TERM`: all a copy's route is told by (the server's
    /// own environment describes the server's terminal, not the reader's).
    term: String,
}

/// Frames for the client: each one write, queued (or dropped) whole.
#[derive(Debug)]
pub struct SshOut(Arc<Outbox>);

impl io::Write for SshOut {
    fn write(&mut self, frame: &[u8]) -> io::Result<usize> {
        self.0.frame(frame);
        Ok(frame.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Host for SshHost {
    type Out = SshOut;

    fn output(&mut self) -> SshOut {
        SshOut(self.outbox.clone())
    }

    /// Asked once per frame, after every queued event was handled: the
    /// input counted against the cap has been taken.
    fn size(&mut self) -> Rect {
        self.shared.pending.store(0, Ordering::Relaxed);
        self.shared.told.store(false, Ordering::Relaxed);
        self.shared.size.get()
    }

    /// The connection sends the client's keys from the start.
    fn start_input(&mut self, _tx: Sender<Wake>) {}

    fn hung_up(&mut self) -> bool {
        self.shared.gone.load(Ordering::Relaxed)
    }

    /// Never asked: [`suspends`](Self::suspends) says no.
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }

    /// Ctrl-z: there is no shell to go back to over the channel (and the
    /// server is not the reader's to stop).
    fn suspends(&self) -> bool {
        false
    }

    fn reenter(&mut self) -> io::Result<()> {
        self.outbox.control(&enter_bytes(true));
        Ok(())
    }

    fn leave(&mut self) {
        self.outbox.control(&restore_bytes());
    }

    fn copy_route(&self) -> crate::clipboard::Route {
        crate::clipboard::Route::detect(|k| (k == "TERM").then(|| self.term.clone()))
    }

    /// Fifty sessions indexing a large library at once, each its own copy,
    /// would cost memory and CPU for searches most never make.
    fn indexes_ahead(&self) -> bool {
        false
    }
}

/// Everything a session starts from.
#[derive(Debug)]
pub struct Start {
    pub reader: Reader,
    /// The client's `TERM` (what it can show; nothing else of its is used).
    pub term: String,
    pub shared: Arc<Shared>,
    pub outbox: Arc<Outbox>,
    pub tx: Sender<Wake>,
    pub rx: Receiver<Wake>,
    /// Held until the session's thread ends: the session limit's count, the
    /// disconnect log line, and the idle timer's stop.
    pub keep: Box<dyn Send + std::fmt::Debug>,
}

/// Starts the session's thread.
pub fn spawn(server: Arc<Server>, start: Start) -> io::Result<()> {
    std::thread::Builder::new()
        .name(format!("session {}", start.reader.name))
        .spawn(move || {
            let Start {
                reader,
                term,
                shared,
                outbox,
                tx,
                rx,
                keep,
            } = start;
            let mut host = SshHost {
                outbox: outbox.clone(),
                shared: shared.clone(),
                term: term.clone(),
            };
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run(&server, &reader, &term, &mut host, tx, rx)
            }));
            if ran.is_err() {
                // The loop did not get to give the terminal back.
                outbox.control(&restore_bytes());
            }
            let ending = shared
                .ending
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .take();
            let (status, line) = last_words(ran, ending);
            if let Some(line) = line {
                outbox.control(format!("brief serve: {line}\r\n").as_bytes());
            }
            outbox.close(status);
            drop(keep);
        })
        .map(drop)
}

/// The reader on the library, with this reader's read state.
fn run(
    server: &Server,
    reader: &Reader,
    term: &str,
    host: &mut SshHost,
    tx: Sender<Wake>,
    rx: Receiver<Wake>,
) -> io::Result<Exit> {
    let (id, mut app) = server.hub.join(tx.clone());
    let store = Store {
        path: server.state_dir.join(format!("{}.json", reader.name)),
    };
    let (file, warning) = store.load();
    app.attach_state(&file);
    app.message = warning;
    app.keymap = Default::default();
    host.outbox.control(&enter_bytes(true));
    let wiring = Wiring {
        tx,
        rx,
        state: Some((store, crate::tui::Stored::Read(file))),
        watcher: Watcher::Shared(
            server
                .hub
                .watcher()
                .unwrap_or_else(|| std::sync::mpsc::channel().0),
        ),
        hyperlinks: crate::doc::links::supported(|k| (k == "TERM").then(|| term.to_string())),
        mouse: true,
    };
    let result = run_on(host, app, &server.theme, wiring, || {
        inject_test_panic(&reader.name);
        Ok(())
    });
    server.hub.leave(id);
    result
}

/// The exit status, and a line for the client after its terminal is back.
fn last_words(
    ran: std::thread::Result<io::Result<Exit>>,
    ending: Option<String>,
) -> (u32, Option<String>) {
    match ran {
        Ok(Ok(None)) => (0, ending),
        Ok(Ok(Some(signal))) => (
            128 + signal as u32,
            Some("the server is stopping; your place is saved".into()),
        ),
        Ok(Err(e)) => (1, Some(format!("terminal error: {e}"))),
        Err(_) => (
            101,
            Some("this session hit an internal error and ended; the server goes on".into()),
        ),
    }
}

/// A test-only hook (debug builds): `BRIEF_TEST_PANIC=reader:NAME` in the
/// server's environment panics NAME's session after its first frame.
fn inject_test_panic(name: &str) {
    if cfg!(debug_assertions)
        && std::env::var("BRIEF_TEST_PANIC").is_ok_and(|v| v.strip_prefix("reader:") == Some(name))
    {
        panic!("injected panic in a served session");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_larger_than_the_cap_is_drawn_at_the_cap() {
        let size = Size::default();
        assert_eq!(size.set(100, 30), (100, 30));
        assert_eq!(size.get(), Rect::new(0, 0, 100, 30));
        assert_eq!(
            size.set(u32::MAX, 70_000),
            (MAX_COLS as u16, MAX_ROWS as u16)
        );
        assert_eq!(size.get(), Rect::new(0, 0, 512, 256));
    }
}
