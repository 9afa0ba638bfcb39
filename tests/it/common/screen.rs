//! GNU screen for the tests: a real `screen` in a real pty, running the
//! reader, with its own socket directory and screenrc in a temp dir.

#![allow(dead_code)]

use super::pty::Pty;
use std::path::Path;

pub struct Screen {
    /// Its socket directory and screenrc; the reader's state.
    pub dir: tempfile::TempDir,
    pub pty: Pty,
    /// The session's name (`-S`), for `screen -X quit`.
    name: String,
}

impl Screen {
    /// `screen brief ARGS` in a `cols`x`rows` pty (the terminal outside
    /// screen: what it receives is what a user's terminal would), or `None`
    /// with a message when screen is not installed. Screen ends when the
    /// reader does.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Option<Self> {
        if !super::sshd::installed("screen") {
            eprintln!("skipped: GNU screen is not installed");
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let sockets = dir.path().join("sockets");
        std::fs::create_dir(&sockets).expect("socket dir");
        // screen refuses a socket directory others can read.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sockets, std::fs::Permissions::from_mode(0o700))
            .expect("chmod socket dir");
        // No start-up message, no utmp entry (its warning would cover the
        // status line for seconds), no status line of its own.
        let rc = dir.path().join("screenrc");
        std::fs::write(
            &rc,
            "startup_message off\ndeflogin off\nhardstatus ignore\n",
        )
        .expect("screenrc");
        // Each session has its own socket directory; the name only has to
        // be unique in it.
        let name = format!("brief-test-{}", std::process::id());
        let brief = env!("CARGO_BIN_EXE_brief");
        let mut argv = vec!["-c", rc.to_str().unwrap(), "-S", &name, brief];
        argv.extend_from_slice(args);
        let env = [("SCREENDIR", sockets.to_str().unwrap())];
        let pty = Pty::spawn_program("screen", &argv, dir.path(), cols, rows, &env);
        Some(Self { dir, pty, name })
    }
}

impl Drop for Screen {
    /// Ends the session if it is still there (a failed test): closing the
    /// pty alone would only detach it, leaving screen and the reader running.
    fn drop(&mut self) {
        let _ = std::process::Command::new("screen")
            .args(["-S", &self.name, "-X", "quit"])
            .env("SCREENDIR", self.dir.path().join("sockets"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        let _ = self.pty.child.kill();
        let _ = self.pty.child.wait();
    }
}

/// The briefing the tests read, as an absolute path.
pub fn bundled_briefing() -> std::path::PathBuf {
    std::fs::canonicalize(Path::new("briefings/ukraine-talks-2025-12-02.toml")).expect("briefing")
}
