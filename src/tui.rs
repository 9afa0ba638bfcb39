//! The reader's run loop and everything that touches the terminal: set-up,
//! restore (on quit, error, panic, signal or a closed tty), suspend, and
//! one-write frames inside synchronised-update markers.
//!
//! Input and signals arrive on background threads and are sent into one
//! channel; the UI thread only draws from memory and waits on that channel.

use crate::app::keymap::{Keymap, prompt_action_for};
use crate::app::read::Marks;
use crate::app::{Action, App};
use crate::state::Store;
use crate::ui::links::LinkRun;
use crate::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, MouseEventKind};
use ratatui::crossterm::terminal::{self as ct, BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::crossterm::{cursor, execute, queue};
use std::io::IsTerminal;
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

/// What the loop can be woken by.
#[derive(Debug)]
pub enum Wake {
    Input(Event),
    /// The terminal went away (read error, EOF): exit.
    InputClosed,
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: exit cleanly.
    Terminate,
    /// SIGCONT after an outside stop: take the terminal back and repaint.
    Continue,
    /// Something for the status line from a background thread.
    Notice(String),
    /// A watched file changed (or watching failed).
    Watch(crate::watch::Update),
}

/// Mouse reporting we ask for: button presses and wheel (1000) in SGR form
/// (1006). Not motion tracking (1003), which floods slow links.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// Buffers a whole frame and sends it in one write on `commit`; `flush` is
/// deferred so ratatui's own flush does not split the frame.
pub struct FrameWriter<W: Write> {
    inner: W,
    buf: Vec<u8>,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(inner: W) -> Self {
        Self {
            inner,
            buf: Vec::with_capacity(1 << 16),
        }
    }

    /// Sends the buffered frame; returns how many bytes it was.
    pub fn commit(&mut self) -> io::Result<usize> {
        let n = self.buf.len();
        self.inner.write_all(&self.buf)?;
        self.inner.flush()?;
        self.buf.clear();
        Ok(n)
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub type Term<W> = Terminal<CrosstermBackend<FrameWriter<W>>>;

/// Hyperlink runs sent with the last frame: a run is re-sent only when it
/// changes (unchanged cells keep their link in the terminal).
#[derive(Debug, Default)]
pub struct Hyperlinks {
    pub enabled: bool,
    sent: Vec<LinkRun>,
    area: ratatui::layout::Rect,
}

/// Draws one frame as a single write wrapped in synchronised-update markers.
pub fn draw<W: Write>(terminal: &mut Term<W>, app: &App, theme: &Theme) -> io::Result<usize> {
    draw_frame(terminal, app, theme, &mut Hyperlinks::default())
}

/// [`draw`], plus OSC 8 hyperlinks over the source URLs on screen.
pub fn draw_frame<W: Write>(
    terminal: &mut Term<W>,
    app: &App,
    theme: &Theme,
    links: &mut Hyperlinks,
) -> io::Result<usize> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    let runs = {
        let frame = terminal.draw(|frame| ui::render(app, theme, frame))?;
        let urls = if links.enabled {
            app.briefing().map(ui::links::urls).unwrap_or_default()
        } else {
            Vec::new()
        };
        if frame.area != links.area {
            // A resize repainted every cell: every link must be sent again.
            links.sent.clear();
            links.area = frame.area;
        }
        ui::links::find(frame.buffer, theme.link, &urls)
    };
    for run in runs.iter().filter(|r| !links.sent.contains(r)) {
        write_link(terminal.backend_mut(), run, theme)?;
    }
    links.sent = runs;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().writer_mut().commit()
}

/// Re-sends one run of cells wrapped in an OSC 8 hyperlink, in the link style.
fn write_link(out: &mut impl Write, run: &LinkRun, theme: &Theme) -> io::Result<()> {
    use ratatui::backend::IntoCrossterm;
    use ratatui::crossterm::style::{Attribute, ResetColor, SetAttribute, SetForegroundColor};
    queue!(out, cursor::MoveTo(run.x, run.y))?;
    if let Some(fg) = theme.link.fg {
        queue!(out, SetForegroundColor(fg.into_crossterm()))?;
    }
    queue!(out, SetAttribute(Attribute::Underlined))?;
    // `run.url` passed `is_linkable`: printable ASCII only, no escape inside.
    write!(out, "\x1b]8;;{}\x1b\\{}\x1b]8;;\x1b\\", run.url, run.text)?;
    queue!(out, ResetColor, SetAttribute(Attribute::Reset))
}

/// Puts the terminal back as we found it. Safe to call more than once and
/// from a panic hook; errors are ignored because there is nothing left to do.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF);
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        ct::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = ct::disable_raw_mode();
}

fn enter(mouse: bool) -> io::Result<()> {
    ct::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, ct::EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        out.write_all(MOUSE_ON)?;
        out.flush()?;
    }
    Ok(())
}

/// Restores the terminal before the panic message prints. A panic on another
/// thread ends the process too: the UI cannot go on without its terminal.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        if thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

fn spawn_input(tx: Sender<Wake>) {
    let _ = thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            let wake = match event::read() {
                Ok(ev) => Wake::Input(ev),
                Err(_) => Wake::InputClosed,
            };
            let closed = matches!(wake, Wake::InputClosed);
            if tx.send(wake).is_err() || closed {
                return;
            }
        }
    });
}

fn spawn_signals(tx: Sender<Wake>) -> io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT])?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let wake = if sig == SIGCONT {
                    Wake::Continue
                } else {
                    Wake::Terminate
                };
                if tx.send(wake).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Turns a terminal event into an action; `prompt` when a prompt takes the keys.
pub fn action_for_event(keymap: &Keymap, event: &Event, prompt: bool) -> Option<Action> {
    match event {
        Event::Key(key) if prompt => prompt_action_for(*key),
        Event::Key(key) => keymap.action_for(*key),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
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

/// A test-only hook (debug builds): `BRIEF_TEST_PANIC=ui` or `=worker`
/// panics after the first frame, to show the terminal is restored either way.
fn inject_test_panic() {
    if !cfg!(debug_assertions) {
        return;
    }
    match std::env::var("BRIEF_TEST_PANIC").as_deref() {
        Ok("ui") => panic!("injected panic on the UI thread"),
        Ok("worker") => {
            let _ = thread::Builder::new()
                .name("worker".into())
                .spawn(|| panic!("injected panic on a worker thread"));
        }
        _ => {}
    }
}

/// Saves read marks off the UI thread. The first failure is reported once
/// and the reader carries on without state.
fn spawn_state_writer(
    store: Store,
    notices: Sender<Wake>,
) -> (Sender<Vec<Marks>>, thread::JoinHandle<()>) {
    let (tx, rx) = mpsc::channel::<Vec<Marks>>();
    let handle = thread::spawn(move || {
        for batch in rx {
            for marks in batch {
                if let Err(e) = store.save(&marks.key, &marks.state, &marks.unmarked) {
                    let _ = notices.send(Wake::Notice(format!("read state not saved: {e}")));
                    return;
                }
            }
        }
    });
    (tx, handle)
}

/// Runs the reader until the user quits or the terminal goes away.
pub fn run(mut app: App, theme: &Theme, mouse: bool, store: Option<Store>) -> io::Result<()> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    spawn_signals(tx.clone())?;
    let writer = store.map(|s| spawn_state_writer(s, tx.clone()));
    let watcher = spawn_watcher(&app, tx.clone());
    let saver = writer.as_ref().map(|(tx, _)| tx.clone());
    enter(mouse)?;
    let result = (|| {
        let backend = CrosstermBackend::new(FrameWriter::new(io::stdout()));
        let mut terminal = Terminal::new(backend)?;
        let size = terminal.size()?;
        app.mouse = mouse;
        app.update(Action::Resize(size.width, size.height));
        let mut links = Hyperlinks {
            enabled: ui::links::supported(|k| std::env::var(k).ok()),
            ..Default::default()
        };
        draw_frame(&mut terminal, &app, theme, &mut links)?;
        inject_test_panic();
        spawn_input(tx);
        // Keys typed meanwhile queue up in the input thread's channel.
        app.warm_up_search();
        let io = LoopIo {
            rx: &rx,
            mouse,
            saver: saver.as_ref(),
            watcher: watcher.as_ref(),
        };
        event_loop(&mut terminal, &mut app, theme, &io, &mut links)
    })();
    restore();
    // The last view and any marks not yet saved, then wait for the writes.
    if let Some((tx, handle)) = writer {
        let _ = tx.send(app.take_dirty_marks());
        drop(tx);
        drop(saver);
        let _ = handle.join();
    }
    result
}

/// How often an idle reader checks that its terminal is still there.
const HANGUP_CHECK: Duration = Duration::from_millis(500);

/// True when the terminal has hung up (its other end closed). crossterm's
/// reader spins rather than reporting EOF, and SIGHUP may be ignored
/// (`nohup`), so the loop asks the kernel directly. Never blocks.
fn tty_hung_up() -> bool {
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

/// The next thing to handle; checks for a hung-up terminal while idle.
fn next_wake(rx: &Receiver<Wake>) -> Option<Wake> {
    loop {
        match rx.recv_timeout(HANGUP_CHECK) {
            Ok(wake) => return Some(wake),
            Err(RecvTimeoutError::Timeout) if tty_hung_up() => return Some(Wake::InputClosed),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Watches every entry that is a file on disk (not the bundled ones).
fn spawn_watcher(app: &App, tx: Sender<Wake>) -> Option<Sender<crate::watch::Msg>> {
    let files: Vec<(usize, std::path::PathBuf)> = app
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((i, e.path()?.to_path_buf())))
        .collect();
    if files.is_empty() {
        return None;
    }
    Some(crate::watch::spawn(files, move |update| {
        tx.send(Wake::Watch(update)).is_ok()
    }))
}

/// The channels the loop talks to.
struct LoopIo<'a> {
    rx: &'a Receiver<Wake>,
    mouse: bool,
    saver: Option<&'a Sender<Vec<Marks>>>,
    watcher: Option<&'a Sender<crate::watch::Msg>>,
}

fn event_loop<W: Write>(
    terminal: &mut Term<W>,
    app: &mut App,
    theme: &Theme,
    io: &LoopIo<'_>,
    links: &mut Hyperlinks,
) -> io::Result<()> {
    let (rx, mouse, saver) = (io.rx, io.mouse, io.saver);
    while let Some(first) = next_wake(rx) {
        // Handle everything already queued (a burst of resizes, a pasted
        // string of keys) before drawing once.
        for wake in std::iter::once(first).chain(rx.try_iter()) {
            match wake {
                Wake::InputClosed | Wake::Terminate => return Ok(()),
                Wake::Continue => repaint(terminal, mouse, links)?,
                Wake::Notice(text) => app.message = Some(text),
                Wake::Watch(crate::watch::Update::Reloaded(index, result)) => {
                    app.apply_reload(index, *result)
                }
                Wake::Watch(crate::watch::Update::Unavailable(text)) => app.message = Some(text),
                Wake::Input(ev) => match action_for_event(&app.keymap, &ev, app.search.typing) {
                    Some(Action::Suspend) => {
                        suspend(mouse)?;
                        repaint(terminal, mouse, links)?;
                    }
                    Some(Action::Reload) => match io.watcher {
                        Some(w) if w.send(crate::watch::Msg::ReloadAll).is_ok() => {
                            app.message = Some("reloading".into())
                        }
                        _ => app.message = Some("nothing to reload: bundled briefings".into()),
                    },
                    Some(action) => app.update(action),
                    None => {}
                },
            }
            if app.should_quit {
                return Ok(());
            }
        }
        deliver_outbox(terminal.backend_mut(), app)?;
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
        draw_frame(terminal, app, theme, links)?;
        if let Some(saver) = saver {
            let dirty = app.take_dirty_marks();
            if !dirty.is_empty() {
                let _ = saver.send(dirty);
            }
        }
    }
    Ok(())
}

/// Carries out copies (OSC 52, sent with the next frame) and link opens.
fn deliver_outbox(out: &mut impl Write, app: &mut App) -> io::Result<()> {
    use crate::app::copy::Outbound;
    use crate::clipboard::{MAX_PAYLOAD, human_size, is_ssh, open_url, osc52};
    for job in std::mem::take(&mut app.outbox) {
        let (text, what, over_ssh) = match job {
            Outbound::Copy { text, what } => (text, what, false),
            Outbound::Open(url) if is_ssh(|k| std::env::var(k).ok()) => (url, "link", true),
            Outbound::Open(url) => {
                app.message = Some(match open_url(&url) {
                    Ok(()) => format!("opening {url}"),
                    Err(e) => format!("could not open the link: {e}"),
                });
                continue;
            }
        };
        app.message = Some(match osc52(&text) {
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

/// Ctrl-z: give the terminal back, stop, and take it again on `fg`.
fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)
}

/// Re-enters our modes and forces every cell to be redrawn.
fn repaint<W: Write>(
    terminal: &mut Term<W>,
    mouse: bool,
    links: &mut Hyperlinks,
) -> io::Result<()> {
    enter(mouse)?;
    // Every cell is redrawn plain: the links go out again with the next frame.
    links.sent.clear();
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}
