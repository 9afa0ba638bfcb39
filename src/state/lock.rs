//! The advisory lock around a read-merge-write of the state file: waited for
//! at most [`LOCK_WAIT`], and never on anything but a regular file (a FIFO or
//! a device at the lock's path would block the open itself).

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

/// The longest a save waits for another process's lock. Another `brief`
/// holds it only for one read-merge-write (milliseconds); anything longer is
/// a stuck or hostile holder, and the save fails saying so.
pub const LOCK_WAIT: Duration = Duration::from_secs(2);

/// Exclusive, released on drop (and by the kernel if the process dies).
pub(super) struct Lock(File);

impl Lock {
    /// Takes the lock at `path` (made if missing), waiting at most `wait`.
    pub(super) fn acquire(path: &Path, wait: Duration) -> io::Result<Self> {
        let not_a_file = || {
            io::Error::other(format!(
                "{} is not a regular file; not locking through it",
                path.display()
            ))
        };
        // Said plainly before the open; the open itself never blocks
        // (O_NONBLOCK) and the check after it closes the race.
        if fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file()) {
            return Err(not_a_file());
        }
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .mode(0o600)
            .open(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        if !file.metadata()?.is_file() {
            return Err(not_a_file());
        }
        let deadline = Instant::now() + wait;
        let mut pause = Duration::from_millis(1);
        loop {
            // SAFETY: a valid open descriptor; LOCK_NB never blocks.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(Self(file));
            }
            let e = io::Error::last_os_error();
            if e.raw_os_error() != Some(libc::EWOULDBLOCK) && e.kind() != io::ErrorKind::Interrupted
            {
                return Err(e);
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "{} is held by another process (waited {:.1} s)",
                        path.display(),
                        wait.as_secs_f64()
                    ),
                ));
            }
            thread::sleep(pause.min(deadline - now));
            pause = (pause * 2).min(Duration::from_millis(50));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // SAFETY: unlocking our own descriptor.
        unsafe { libc::flock(self.0.as_raw_fd(), libc::LOCK_UN) };
    }
}
