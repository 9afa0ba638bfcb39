//! Taking the terminal and giving it back: modes, restore (also from the
//! panic hook), suspend with Ctrl-z, and the repaint after it.

use ratatui::crossterm::terminal::{self as ct, EndSynchronizedUpdate};
use ratatui::crossterm::{cursor, queue};
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::thread;

/// Mouse reporting we ask for: button presses and wheel (1000) in SGR form
/// (1006). Not motion tracking (1003), which floods slow links.
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// Puts the terminal back as we found it. Safe to call more than once and
/// from a panic hook; errors are ignored because there is nothing left to do.
pub fn restore() {
    let mut out = io::stdout();
    let _ = out.write_all(&restore_bytes());
    let _ = out.flush();
    let _ = ct::disable_raw_mode();
}

pub(super) fn enter(mouse: bool) -> io::Result<()> {
    ct::enable_raw_mode()?;
    let mut out = io::stdout();
    out.write_all(&enter_bytes(mouse))?;
    out.flush()
}

/// What taking the terminal writes once raw mode is on: the alternate
/// screen, the cursor hidden, the mouse if asked. Also what a terminal
/// reached only by bytes (an SSH channel) is sent.
pub fn enter_bytes(mouse: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = queue!(out, ct::EnterAlternateScreen, cursor::Hide);
    if mouse {
        out.extend_from_slice(MOUSE_ON);
    }
    out
}

/// What giving the terminal back writes: mouse off, any synchronised
/// update ended, the main screen, the cursor shown.
pub fn restore_bytes() -> Vec<u8> {
    let mut out = MOUSE_OFF.to_vec();
    let _ = queue!(
        out,
        EndSynchronizedUpdate,
        ct::LeaveAlternateScreen,
        cursor::Show
    );
    out
}

/// Restores the terminal before the panic message prints. A panic on another
/// thread ends the process too: the UI cannot go on without its terminal.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        if thread::current().name() != Some("main") {
            std::process::exit(101);
        }
    }));
}

/// A test-only hook (debug builds): `BRIEF_TEST_PANIC=ui` or `=worker`
/// panics after the first frame, to show the terminal is restored either way.
pub(super) fn inject_test_panic() {
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

/// Ctrl-z: give the terminal back, stop, and take it again on `fg`.
pub(super) fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(mouse)
}

/// The largest area the reader draws, in columns and rows. A bigger terminal
/// gets the reader in its top-left corner and blank around it: a frame's
/// buffers grow with the area (65535x65535 asked ratatui for 206 GB and
/// aborted; 3000x3000 took 850 MB).
pub const MAX_COLS: u16 = 500;
pub const MAX_ROWS: u16 = 200;

/// A terminal size cut to the area the reader draws.
pub fn bounded(cols: u16, rows: u16) -> (u16, u16) {
    (cols.min(MAX_COLS), rows.min(MAX_ROWS))
}

/// The terminal's size from the kernel (`TIOCGWINSZ` on stdout), bounded to
/// [`MAX_COLS`]x[`MAX_ROWS`]: one cheap syscall. crossterm's `size()` opens
/// `/dev/tty` every time it is asked, and ratatui asks on every frame of a
/// full-screen viewport, so the reader uses a fixed viewport and resizes it
/// from here.
pub fn tty_size() -> Rect {
    let (w, h) = match winsize(io::stdout().as_raw_fd()) {
        Some(ws) => (ws.ws_col, ws.ws_row),
        None => ct::size().unwrap_or((0, 0)),
    };
    let (w, h) = bounded(w, h);
    Rect::new(0, 0, w, h)
}

/// The width of the terminal this process runs in, for text sent down a
/// pipe (`brief FILE | less`): stdout's, else stderr's, else stdin's, else
/// that of `/dev/tty` (opened without blocking and without making it the
/// controlling terminal). `None` with no terminal at all.
pub fn terminal_width() -> Option<u16> {
    let from_fd = |fd| winsize(fd).map(|ws| ws.ws_col).filter(|&w| w > 0);
    [
        io::stdout().as_raw_fd(),
        io::stderr().as_raw_fd(),
        io::stdin().as_raw_fd(),
    ]
    .into_iter()
    .find_map(from_fd)
    .or_else(|| {
        use std::os::unix::fs::OpenOptionsExt;
        let tty = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
            .open("/dev/tty")
            .ok()?;
        from_fd(tty.as_raw_fd())
    })
}

/// `TIOCGWINSZ` on `fd`; `None` when it is not a terminal.
fn winsize(fd: RawFd) -> Option<libc::winsize> {
    let mut ws = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we pass.
    let ok = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } == 0;
    ok.then_some(ws)
}
