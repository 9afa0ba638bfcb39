//! The terminal as the run loop sees it: events in (sent on the loop's
//! channel), bytes out (a writer), and a size. The local tty is one host;
//! a test is another, and an SSH channel can be a third, each driving the
//! same [`event_loop`](super::event_loop).

use super::Wake;
use super::terminal::{enter, restore, suspend, tty_size};
use super::threads::{spawn_input, tty_hung_up};
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::sync::mpsc::Sender;

/// A terminal the reader can run on.
pub trait Host {
    /// Where frames and escape sequences go.
    type Out: Write;
    /// The writer for frames (taken once, when the loop starts).
    fn output(&mut self) -> Self::Out;
    /// The terminal's size now; asked once per frame, so it must be cheap.
    fn size(&mut self) -> Rect;
    /// Starts sending the terminal's events (as [`Wake::Input`], then
    /// [`Wake::InputClosed`] when it ends) on `tx`.
    fn start_input(&mut self, tx: Sender<Wake>);
    /// True when the other end has gone; asked while the loop is idle.
    fn hung_up(&mut self) -> bool;
    /// Ctrl-z: gives the terminal up until the process is continued.
    fn suspend(&mut self) -> io::Result<()>;
    /// Whether there is a shell to suspend to; if not, Ctrl-z says so on
    /// the status line and the reader goes on.
    fn suspends(&self) -> bool {
        true
    }
    /// Takes the terminal (our modes) back after something else had it.
    fn reenter(&mut self) -> io::Result<()>;
    /// Gives the terminal back as it was found, when the loop has ended.
    fn leave(&mut self) {}
    /// Whether `o` may start the system's opener; if not, it copies the link.
    fn opens_links(&self) -> bool {
        false
    }
    /// How a copy reaches this terminal's clipboard: through GNU screen's
    /// passthrough when the terminal is inside it (see `clipboard::Route`).
    fn copy_route(&self) -> crate::clipboard::Route {
        crate::clipboard::Route::detect(|k| std::env::var(k).ok())
    }
    /// Whether search indexes are built while idle, ahead of a search (one
    /// reader on its own machine); if not, a search builds what it needs.
    fn indexes_ahead(&self) -> bool {
        true
    }
    /// Whether the process ends when this reader does (the local tty): its
    /// memory is then left to the exit rather than freed piece by piece.
    fn exits_after(&self) -> bool {
        false
    }
}

/// The tty the process was started on: stdin for events, stdout for frames.
#[derive(Debug)]
pub struct LocalTty {
    /// Whether mouse reporting is asked for when (re)entering.
    pub mouse: bool,
    /// Whether `o` opens links here (not over SSH, not `--restricted`).
    pub open_links: bool,
    /// Whether Ctrl-z suspends (not `--restricted`: sshd runs the reader
    /// with no shell to go back to, and a stopped reader would hang the
    /// connection).
    pub suspends: bool,
    /// Whether the environment describes the terminal beyond `TERM` (not
    /// `--restricted`, which honours `TERM` alone).
    pub whole_env: bool,
}

impl Host for LocalTty {
    type Out = io::Stdout;

    fn output(&mut self) -> io::Stdout {
        io::stdout()
    }

    fn size(&mut self) -> Rect {
        tty_size()
    }

    fn start_input(&mut self, tx: Sender<Wake>) {
        spawn_input(tx)
    }

    fn hung_up(&mut self) -> bool {
        tty_hung_up()
    }

    fn suspend(&mut self) -> io::Result<()> {
        suspend(self.mouse)
    }

    fn suspends(&self) -> bool {
        self.suspends
    }

    fn reenter(&mut self) -> io::Result<()> {
        enter(self.mouse)
    }

    fn leave(&mut self) {
        restore()
    }

    fn opens_links(&self) -> bool {
        self.open_links && !crate::clipboard::is_ssh(|k| std::env::var(k).ok())
    }

    fn copy_route(&self) -> crate::clipboard::Route {
        let var = |k: &str| (self.whole_env || k == "TERM").then(|| std::env::var(k).ok())?;
        crate::clipboard::Route::detect(var)
    }

    fn exits_after(&self) -> bool {
        true
    }
}
