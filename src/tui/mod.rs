//! The reader's run loop: set-up, the event loop, and the actions that reach
//! past the app (copies, link opens, suspend). The terminal handling is in
//! `terminal`, frames in `frame`, and the threads that feed the loop in
//! `threads`.
//!
//! Input and signals arrive on background threads and are sent into one
//! channel; the UI thread only draws from memory and waits on that channel.

mod colours;
mod frame;
mod host;
mod keys;
mod saver;
mod session;
mod terminal;
mod threads;
mod wide;

pub use frame::{FrameWriter, Hyperlinks, Term, draw, draw_frame};
pub use host::{Host, LocalTty};
pub use session::{Stored, Watcher, Wiring, run_on, run_tty};
pub use terminal::{
    MAX_COLS, MAX_ROWS, bounded, enter_bytes, restore, restore_bytes, terminal_width, tty_size,
};

use crate::app::keymap::{Keymap, prompt_action_for};
use crate::app::{Action, App};
use crate::state::{StateFile, Store};
use crate::ui::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{Event, MouseEventKind};
use ratatui::{Terminal, TerminalOptions, Viewport};
use saver::ToWriter;
pub use saver::{FINAL_SAVE_WAIT, SIGNAL_SAVE_WAIT};
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use threads::next_wake;

/// What the loop can be woken by.
#[derive(Debug)]
pub enum Wake {
    Input(Event),
    /// The terminal went away (read error, EOF): exit.
    InputClosed,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT (the number): exit cleanly.
    Terminate(i32),
    /// SIGCONT after an outside stop: take the terminal back and repaint.
    Continue,
    /// Something for the status line from a background thread.
    Notice(String),
    /// A save of read marks failed (why); they are kept for the next one.
    SaveFailed(String),
    /// The last save is done: a line for stderr if it has something to say.
    Saved(Option<String>),
    /// A watched file changed (or watching failed).
    Watch(crate::watch::Update),
    /// Input paused while previews were held: let them catch up.
    Settle,
    /// Library files the background loader read (see `crate::library`).
    Loaded(crate::library::loader::Batch),
    /// A part of the library directory's listing (see `crate::library`).
    Listed(crate::library::Listing),
    /// A briefing read again because it is being opened (see
    /// `app::library::keep`).
    Fetched(usize, Box<crate::app::Version>),
    /// Hits of a search of the library's files (see `crate::library::search`).
    Found(crate::library::search::Progress),
    /// The stored read state, read by the state writer after the first
    /// frame ([`Stored::Later`]), and a warning for the status line.
    StateRead(Box<StateFile>, Option<String>),
}

/// Turns a terminal event into an action; `prompt` when a prompt takes the keys.
pub fn action_for_event(keymap: &Keymap, event: &Event, prompt: bool) -> Option<Action> {
    match event {
        Event::Key(key) if prompt => prompt_action_for(*key),
        Event::Key(key) => keymap.action_for(*key),
        Event::Resize(w, h) => {
            let (w, h) = bounded(*w, *h);
            Some(Action::Resize(w, h))
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                x: m.column,
                y: m.row,
                down: false,
            }),
            MouseEventKind::Down(_) => Some(Action::ClickAt {
                x: m.column,
                y: m.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Runs the reader until the user quits or the terminal goes away. Returns
/// the signal that ended it, if one did (the caller exits with 128 + it, as
/// a shell reports a program killed by that signal).
///
/// Only what a safe first frame needs happens before it: the panic hook, the
/// signal handlers, raw mode and one size query. Threads (signals, input,
/// state writer, watcher) start after it, so start-up is as fast as `less`.
///
/// `state` is the store and what was read from it (or that it is to be
/// read after the first frame). On the way out the last
/// marks are saved in a bounded time, a signal still ending it at once
/// ([`saver::finish`]); what was not saved is said on stderr.
pub fn run(
    app: App,
    theme: &Theme,
    mouse: bool,
    state: Option<(Store, Stored)>,
) -> io::Result<Option<i32>> {
    let (tx, rx) = mpsc::channel();
    let wiring = Wiring {
        tx,
        rx,
        state,
        watcher: Watcher::Own,
        hyperlinks: crate::doc::links::supported(|k| std::env::var(k).ok()),
        mouse,
    };
    let host = LocalTty {
        mouse,
        open_links: true,
        suspends: true,
        whole_env: true,
    };
    run_tty(host, app, theme, wiring)
}

/// A ratatui terminal that draws on `host`: a fixed viewport of the host's
/// size, resized from [`Host::size`] before each frame.
/// The area drawn on a host: its size, bounded to [`MAX_COLS`]x[`MAX_ROWS`]
/// whatever the host reports (a local tty or a remote client).
fn drawn_area<H: Host>(host: &mut H) -> ratatui::layout::Rect {
    let size = host.size();
    let (w, h) = bounded(size.width, size.height);
    ratatui::layout::Rect::new(0, 0, w, h)
}

fn terminal_on<H: Host>(host: &mut H) -> io::Result<Term<H::Out>> {
    let backend = CrosstermBackend::new(FrameWriter::new(host.output()));
    let options = TerminalOptions {
        viewport: Viewport::Fixed(drawn_area(host)),
    };
    Terminal::with_options(backend, options)
}

/// The channels the loop talks to.
struct LoopIo<'a> {
    rx: &'a Receiver<Wake>,
    /// The loop's own channel, for the threads it starts.
    tx: Sender<Wake>,
    saver: Option<&'a Sender<ToWriter>>,
    watcher: Option<Sender<crate::watch::Msg>>,
    /// The reader starts its own watcher (once a library is listed).
    own_watcher: bool,
    /// The thread that searches a library's files, once one was asked for.
    searcher: Option<crate::library::search::Searcher>,
}

impl LoopIo<'_> {
    /// Starts what the app asked for since the last frame: reading the
    /// briefings being opened, and a search of the library's files.
    fn start_asked(&mut self, app: &mut App) {
        if app.take_just_listed() {
            // Listed: read the files newest first, and watch them.
            threads::spawn_loader(app, self.tx.clone());
            if self.own_watcher && self.watcher.is_none() {
                self.watcher = threads::spawn_watcher(app, self.tx.clone());
            }
        }
        threads::spawn_fetches(app.take_fetches(), self.tx.clone());
        if let Some(request) = app.take_search_request() {
            let tx = self.tx.clone();
            let searcher = self.searcher.get_or_insert_with(|| {
                let generation = app.library.asked.generation.clone();
                crate::library::search::Searcher::spawn(generation, move |p| {
                    tx.send(Wake::Found(p)).is_ok()
                })
            });
            searcher.ask(request);
        }
    }
}

/// The terminal the loop draws on: its host, the frames sent to it, and the
/// hyperlinks those frames carry.
struct Screen<'a, H: Host> {
    host: &'a mut H,
    terminal: &'a mut Term<H::Out>,
    links: &'a mut Hyperlinks,
}

impl<H: Host> Screen<'_, H> {
    /// Re-enters our modes and forces every cell to be redrawn.
    fn repaint(&mut self) -> io::Result<()> {
        self.host.reenter()?;
        // Every cell is redrawn plain: the links go out again with the next frame.
        self.links.forget();
        self.terminal.resize(drawn_area(self.host))
    }

    /// Sends the outbox, follows the host's size, and draws one frame.
    fn frame(&mut self, app: &mut App, theme: &Theme) -> io::Result<()> {
        // Asked of the host only when there is something to send: not per frame.
        if !app.outbox.is_empty() {
            let (opens, route) = (self.host.opens_links(), self.host.copy_route());
            deliver_outbox(self.terminal.backend_mut(), app, opens, route)?;
        }
        let area = drawn_area(self.host);
        if area != self.terminal.get_frame().area() {
            self.terminal.resize(area)?;
        }
        app.update(Action::Resize(area.width, area.height));
        draw_frame(self.terminal, app, theme, self.links)?;
        Ok(())
    }
}

/// How the loop ends: the user quit or the terminal went (`None`), or a
/// signal (its number).
pub type Exit = Option<i32>;

/// Serves one terminal until the user quits, the input ends or a signal
/// says stop: handles what is queued, then draws once.
fn event_loop<H: Host>(
    screen: &mut Screen<'_, H>,
    app: &mut App,
    theme: &Theme,
    io: &mut LoopIo<'_>,
) -> io::Result<Exit> {
    while let Some(first) = next_event(io.rx, app, screen.host) {
        // Handle everything already queued (a burst of resizes, a pasted
        // string of keys) before drawing once.
        for wake in std::iter::once(first).chain(io.rx.try_iter()) {
            if let Some(exit) = handle(wake, screen, app, io)? {
                return Ok(exit);
            }
            if app.should_quit {
                return Ok(None);
            }
        }
        io.start_asked(app);
        screen.frame(app, theme)?;
        if let Some(saver) = io.saver {
            let changes = app.take_changes();
            if !changes.is_empty() {
                let _ = saver.send(ToWriter::Save(changes));
            }
        }
    }
    Ok(None)
}

/// What Ctrl-z says where there is no shell to suspend to (`brief serve`,
/// `--restricted`).
pub const NO_SUSPEND: &str =
    "suspend is not available in this session: there is no shell to go back to";

/// Handles one wake; `Some` when the loop must end.
fn handle<H: Host>(
    wake: Wake,
    screen: &mut Screen<'_, H>,
    app: &mut App,
    io: &mut LoopIo<'_>,
) -> io::Result<Option<Exit>> {
    use crate::watch::Update;
    match wake {
        Wake::InputClosed => return Ok(Some(None)),
        Wake::Terminate(signal) => return Ok(Some(Some(signal))),
        Wake::Continue => screen.repaint()?,
        Wake::Notice(text) => app.message = Some(text),
        Wake::SaveFailed(why) => app.message = Some(format!("read marks not saved yet: {why}")),
        Wake::Saved(_) => {}
        Wake::Settle => app.update(Action::SettlePreview),
        Wake::Loaded(batch) => app.arrive_cards(batch),
        Wake::Listed(part) => app.listed(part),
        Wake::StateRead(file, warning) => app.state_read(&file, warning),
        Wake::Fetched(index, version) => app.fetched(index, *version),
        Wake::Found(progress) => app.found(progress),
        Wake::Watch(Update::Reloaded(index, result)) => app.apply_version(index, *result),
        Wake::Watch(Update::Added(index, path, result)) => app.add_version(index, path, *result),
        Wake::Watch(Update::Unavailable(text)) => app.message = Some(text),
        Wake::Input(ev) => match action_for_event(&app.keymap, &ev, app.search.typing) {
            Some(Action::Suspend) if !screen.host.suspends() => {
                app.message = Some(NO_SUSPEND.into());
            }
            Some(Action::Suspend) => {
                screen.host.suspend()?;
                screen.repaint()?;
            }
            Some(Action::Reload) => match &io.watcher {
                Some(w) if w.send(crate::watch::Msg::ReloadAll).is_ok() => {
                    app.message = Some("reloading".into())
                }
                _ => app.message = Some(nothing_to_reload(app).into()),
            },
            Some(action) => app.update(action),
            None => {}
        },
    }
    Ok(None)
}

/// The next thing to handle. While nothing waits (and no preview is held),
/// search indexes are built a slice at a time: keys are never kept waiting
/// for a whole large briefing to be indexed.
fn next_event(rx: &Receiver<Wake>, app: &mut App, host: &mut impl Host) -> Option<Wake> {
    use std::sync::mpsc::TryRecvError;
    loop {
        match rx.try_recv() {
            Ok(wake) => return Some(wake),
            Err(TryRecvError::Disconnected) => return None,
            Err(TryRecvError::Empty) => {}
        }
        if app.previews_held() || !host.indexes_ahead() || !app.index_step() {
            return next_wake(rx, app.previews_held(), || host.hung_up());
        }
    }
}

/// Carries out copies (OSC 52, sent with the next frame; through GNU
/// screen's passthrough inside it) and link opens. Where the host may not
/// start the system's opener (over SSH, served, `--restricted`), `o` copies
/// the link instead.
fn deliver_outbox(
    out: &mut impl Write,
    app: &mut App,
    opens_links: bool,
    route: crate::clipboard::Route,
) -> io::Result<()> {
    use crate::app::copy::Outbound;
    use crate::clipboard::{MAX_PAYLOAD, human_size, open_url, osc52};
    for job in std::mem::take(&mut app.outbox) {
        let (text, what, over_ssh) = match job {
            Outbound::Copy { text, what } => (text, what, false),
            Outbound::Open(url) if !opens_links => (url, "link", true),
            Outbound::Open(url) => {
                app.message = Some(match open_url(&url) {
                    Ok(()) => format!("opening {url}"),
                    Err(e) => format!("could not open the link: {e}"),
                });
                continue;
            }
        };
        app.message = Some(match osc52(&text, route) {
            Ok(seq) => {
                out.write_all(seq.as_bytes())?;
                let via = if over_ssh {
                    " (SSH session: copied, not opened)"
                } else {
                    ""
                };
                format!("copied {what}, {}{via}", human_size(text.len()))
            }
            Err(size) => format!(
                "not copied: {} is over the {} terminals accept",
                human_size(size),
                human_size(MAX_PAYLOAD)
            ),
        });
    }
    Ok(())
}

/// Why `r` does nothing: no entry was read from a file.
fn nothing_to_reload(app: &App) -> &'static str {
    if app
        .entries
        .iter()
        .any(|e| e.label == crate::open::STDIN_LABEL)
    {
        "nothing to reload: read from standard input"
    } else {
        "nothing to reload: bundled briefings"
    }
}

#[cfg(test)]
mod tests;
