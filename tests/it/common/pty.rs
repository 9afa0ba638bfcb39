//! A real pseudo-terminal around the real binary: keys in, a vt100 screen and
//! the raw bytes out.

#![allow(dead_code)]

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub struct Pty {
    /// `None` once [`Pty::close_master`] has closed it.
    pub master: Option<Box<dyn MasterPty + Send>>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Our own dup of the master fd: portable-pty's writer sends "\n" and EOF
    /// into the terminal when dropped, which would wake an idle reader.
    writer: Option<File>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    /// The thread reading the master, with its own dup of the fd; it polls so
    /// that it can be told to stop and close that fd.
    reader: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
}

/// A new fd for the same open master (closed when the `File` drops).
fn dup(fd: i32) -> File {
    // SAFETY: `fd` is the master's open fd; dup returns a new one we own.
    let new = unsafe { libc::dup(fd) };
    assert!(new >= 0, "dup: {}", std::io::Error::last_os_error());
    // SAFETY: `new` is a freshly opened fd owned by nothing else.
    unsafe { File::from_raw_fd(new) }
}

/// Reads `file` until EOF/EIO or until `stop` is set; never blocks for long.
fn read_master(
    mut file: File,
    stop: Arc<AtomicBool>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
) {
    let mut buf = [0u8; 8192];
    while !stop.load(Ordering::SeqCst) {
        let mut pfd = libc::pollfd {
            fd: file.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let n = unsafe { libc::poll(&mut pfd, 1, 20) };
        if n <= 0 {
            continue;
        }
        match file.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                parser.lock().unwrap().process(&buf[..n]);
                raw.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        }
    }
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Starts `brief ARGS` in `cwd` on a `cols`x`rows` terminal with a UTF-8 locale.
    pub fn spawn(args: &[&str], cwd: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::spawn_program(env!("CARGO_BIN_EXE_brief"), args, cwd, cols, rows, env)
    }

    /// Starts another program (a shell pipeline, say) the same way.
    pub fn spawn_command(program: &str, args: &[&str], cwd: &Path, cols: u16, rows: u16) -> Self {
        Self::spawn_program(program, args, cwd, cols, rows, &[])
    }

    /// Starts `program ARGS` the same way, with `env` on top of the test
    /// environment (GNU screen, an SSH client).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cwd: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        // Read state goes to the test's own directory unless a test says otherwise.
        cmd.env("XDG_STATE_HOME", cwd.join(".state"));
        cmd.env("XDG_CACHE_HOME", cwd.join(".cache"));
        cmd.env("HOME", cwd);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn brief");
        drop(pair.slave);
        let fd = pair.master.as_raw_fd().expect("master fd");
        let writer = dup(fd);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (file, p, r, st) = (dup(fd), parser.clone(), raw.clone(), stop.clone());
        let reader = std::thread::spawn(move || read_master(file, st, p, r));
        Self {
            master: Some(pair.master),
            child,
            writer: Some(writer),
            parser,
            raw,
            reader: Some(reader),
            stop,
        }
    }

    /// Closes every fd of the master side (the writer, the reader thread's
    /// copy, the master itself), as a terminal emulator or sshd does when it
    /// goes away: the child's terminal hangs up.
    pub fn close_master(&mut self) {
        self.writer = None;
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader thread");
        }
        self.master = None;
    }

    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("master is open");
        writer.write_all(keys.as_bytes()).expect("write keys");
        writer.flush().expect("flush keys");
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Waits until the screen satisfies `pred`; panics with the screen if not.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_for_within(what, Duration::from_secs(10), pred)
    }

    /// [`wait_for`](Self::wait_for) with its own deadline: for work that
    /// grows with its input (a library of thousands of files, loaded by a
    /// debug build on a busy machine). Not a timing check: only a bound on
    /// how long a failing test hangs.
    pub fn wait_for_within(
        &self,
        what: &str,
        within: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + within;
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until no byte has arrived for `quiet` (at most 10 s in all);
    /// returns how many bytes arrived so far.
    pub fn wait_quiet(&self, quiet: Duration) -> usize {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut seen = self.raw.lock().unwrap().len();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.raw.lock().unwrap().len();
            if now != seen {
                (seen, since) = (now, Instant::now());
            } else if since.elapsed() >= quiet {
                return seen;
            }
        }
        panic!("output did not pause for {quiet:?} within 10 s");
    }

    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(text, |s| s.contains(text))
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("master is open")
            .resize(size(cols, rows))
            .expect("resize");
    }

    /// Resizes the terminal the program sees, not the screen model here (a
    /// vt100 screen of 65535x65535 would itself take gigabytes): the model
    /// shows the top-left corner of what is drawn.
    pub fn resize_terminal_only(&mut self, cols: u16, rows: u16) {
        self.master
            .as_ref()
            .expect("master is open")
            .resize(size(cols, rows))
            .expect("resize");
    }

    /// Waits for the process to exit; returns its exit code.
    pub fn wait_exit(&mut self, within: Duration) -> u32 {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!(
                    "process did not exit within {within:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal came back: alternate screen left, cursor shown, mouse off.
    pub fn assert_restored(&self) {
        self.with_screen(|s| {
            assert!(!s.alternate_screen(), "still on the alternate screen");
            assert!(!s.hide_cursor(), "cursor still hidden");
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse still on"
            );
        });
    }
}

/// The texts that OSC 52 sequences in `raw` put on the clipboard, in order
/// (ended by ST or BEL, as a terminal reads them).
pub fn clipboard_writes(raw: &[u8]) -> Vec<String> {
    use base64::Engine as _;
    let start = b"\x1b]52;c;";
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(at) = rest.windows(start.len()).position(|w| w == start) {
        let body = &rest[at + start.len()..];
        let Some(end) = body.iter().position(|&b| b == 0x1b || b == 0x07) else {
            break;
        };
        let text = base64::engine::general_purpose::STANDARD
            .decode(&body[..end])
            .unwrap_or_else(|e| panic!("OSC 52 payload is not base64: {e}"));
        out.push(String::from_utf8(text).expect("UTF-8 copy"));
        rest = &body[end..];
    }
    out
}

/// Whether `haystack` holds `needle` anywhere.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
