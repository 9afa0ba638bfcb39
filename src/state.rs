//! The read-state store: what each briefing's reader last looked at and which
//! items were read, under `$XDG_STATE_HOME/brief/state.json`.
//!
//! A reader saves only what it changed (see `merge`): under an advisory lock
//! (waited for at most [`LOCK_WAIT`]) the file is read, every briefing's
//! changes are applied key by key, the later change winning, and the result
//! is written once, atomically (temp file in the same directory, fsync,
//! rename, fsync the directory). A symlink at the target is refused; a
//! corrupt file is moved aside with a warning, at start-up and at any save;
//! an unwritable directory means no state.

mod last_good;
mod lock;
mod merge;
pub use last_good::LastGood;

pub use lock::LOCK_WAIT;
pub use merge::{Changes, ItemChange, Pending, now_stamp};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Larger state files than this are treated as corrupt, not read into memory.
const MAX_STATE_BYTES: u64 = 64 * 1024 * 1024;

/// Where the reader was: ids, so an edited file still restores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    /// `overview`, `summary`, `section` or `item`.
    pub kind: String,
    pub section: Option<String>,
    pub item: Option<String>,
    /// The scroll position of an item or the summary, in rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scroll: Option<usize>,
    /// When the briefing was last read (milliseconds since the epoch, see
    /// [`now_stamp`]): a library reopens its most recently read briefing.
    /// Views saved before this field have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<u64>,
}

/// One briefing's state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefingState {
    pub last_view: Option<Box<SavedView>>,
    /// Item key (`section-id/item-id`) -> content hash when it was read.
    pub read: BTreeMap<String, u64>,
    /// Items that existed at the first visit or were opened since: anything
    /// else is new.
    pub known: BTreeMap<String, u64>,
    /// Item key -> the stamp of the last change to its read mark (read or
    /// unread): when readers' saves meet, the later change wins. A key here
    /// and not in `read` was marked unread. Files written before this field
    /// have none, and any change wins over them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub changed: BTreeMap<String, u64>,
}

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateFile {
    pub version: u32,
    /// Keyed by the briefing's title and date (see [`briefing_key`]); older
    /// files by canonical path plus title (see [`legacy_key`]).
    pub briefings: BTreeMap<String, BriefingState>,
}

/// The key of a briefing in the store: its own identity, its title and
/// date, whatever it was opened from (a file, a library, the bundled copy,
/// standard input), so every copy of a briefing shares its marks.
pub fn briefing_key(title: &str, date: &str) -> String {
    format!("{title}\n{date}")
}

/// The key of an item's read mark: `section-id/item-id`, stable across
/// edits that keep the ids.
pub fn item_key(section: &str, item: &str) -> String {
    format!("{section}/{item}")
}

/// The key older versions stored a briefing under: its canonical path and
/// its title. Still read (see `BriefingState::adopt`), never removed, so
/// the marks stored under it carry over and an older reader still sees them.
pub fn legacy_key(path: &str, title: &str) -> String {
    let canonical =
        fs::canonicalize(path).map_or_else(|_| path.to_string(), |p| p.display().to_string());
    format!("{canonical}\n{title}")
}

/// The default file: `$XDG_STATE_HOME/brief/state.json` (or the platform's).
pub fn default_path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let strategy = etcetera::choose_base_strategy().ok()?;
    let dir = strategy.state_dir().unwrap_or_else(|| strategy.data_dir());
    Some(dir.join("brief").join("state.json"))
}

/// A state file on disk.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
}

impl Store {
    /// Reads the store. A missing file is empty state; a corrupt one is moved
    /// aside. The string is a one-line warning for the user.
    pub fn load(&self) -> (StateFile, Option<String>) {
        match read_state(&self.path) {
            Ok(Some(state)) => (state, None),
            Ok(None) => (StateFile::default(), None),
            Err(ReadError::Io(e)) => (
                StateFile::default(),
                Some(format!("read state unavailable ({e}); starting fresh")),
            ),
            Err(ReadError::Corrupt(why)) => (
                StateFile::default(),
                Some(format!("{}; starting fresh", self.move_aside(&why))),
            ),
        }
    }

    /// Applies `pending` to the file on disk under the lock and writes it
    /// once, atomically. `last_good` is the last state this reader loaded or
    /// wrote: if the file on disk no longer parses it is moved aside (never
    /// overwritten) and `last_good` is what the changes are applied to. It
    /// becomes the state just written. The string is a warning for the user.
    pub fn save(&self, pending: &Pending, last_good: &mut LastGood) -> io::Result<Option<String>> {
        let dir = self
            .path
            .parent()
            .ok_or_else(|| io::Error::other("state path has no directory"))?;
        fs::create_dir_all(dir)?;
        let _lock = lock::Lock::acquire(&self.path.with_extension("json.lock"), LOCK_WAIT)?;
        remove_stale_temps(&self.path);
        let (mut file, warning) = match read_state(&self.path) {
            Ok(Some(state)) => (state, None),
            Ok(None) => (StateFile::default(), None),
            Err(ReadError::Corrupt(why)) => {
                let moved = self.move_aside(&why);
                let kept = "this reader's copy of the marks was saved in its place";
                (last_good.parse(), Some(format!("{moved}; {kept}")))
            }
            Err(ReadError::Io(e)) => return Err(e),
        };
        file.version = 1;
        pending.apply_to(&mut file);
        let written = serde_json::to_vec_pretty(&file)
            .map_err(io::Error::other)
            .and_then(|json| write_atomic(&self.path, &json));
        last_good.replace(&file, dir);
        match (written, warning) {
            (Ok(()), warning) => Ok(warning),
            (Err(e), None) => Err(e),
            (Err(e), Some(warning)) => {
                Err(io::Error::new(e.kind(), format!("{warning}, but: {e}")))
            }
        }
    }

    /// Renames a corrupt file to a name not yet taken
    /// (`state.json.corrupt-PID-N`) and says where it went.
    fn move_aside(&self, why: &str) -> String {
        let pid = std::process::id();
        let free = (0..100u32)
            .map(|n| self.path.with_extension(format!("json.corrupt-{pid}-{n}")))
            .find(|p| fs::symlink_metadata(p).is_err());
        let place = match free {
            Some(aside) if fs::rename(&self.path, &aside).is_ok() => {
                format!("moved to {}", aside.display())
            }
            _ => "left in place".into(),
        };
        format!("read state was corrupt ({why}), {place}")
    }
}

enum ReadError {
    Io(io::Error),
    Corrupt(String),
}

fn read_state(path: &Path) -> Result<Option<StateFile>, ReadError> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(ReadError::Io(e)),
        Ok(m) if m.file_type().is_symlink() => {
            return Err(ReadError::Io(io::Error::other(format!(
                "{} is a symlink; not following it",
                path.display()
            ))));
        }
        Ok(m) if !m.is_file() => {
            return Err(ReadError::Io(io::Error::other(format!(
                "{} is not a file",
                path.display()
            ))));
        }
        Ok(m) if m.len() > MAX_STATE_BYTES => {
            return Err(ReadError::Corrupt("larger than 64 MiB".into()));
        }
        Ok(_) => {}
    }
    // O_NONBLOCK: if a FIFO replaced the file since the check above, the
    // open returns at once, and the check below refuses it.
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .map_err(ReadError::Io)?;
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::Io(io::Error::other(format!(
            "{} is not a file",
            path.display()
        ))));
    }
    let mut bytes = Vec::new();
    Read::by_ref(&mut file)
        .take(MAX_STATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(|e| ReadError::Corrupt(e.to_string()))
}

/// Temp file in the same directory, fsync, rename over the target, fsync the
/// directory: a reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other(format!(
            "{} is a symlink; not writing through it",
            path.display()
        )));
    }
    let dir = path
        .parent()
        .ok_or_else(|| io::Error::other("no parent directory"))?;
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let tmp = dir.join(format!(
        ".{}.{}.{nanos}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("state"),
        std::process::id()
    ));
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temp files that a writer killed mid-save (SIGKILL, power loss) left
/// next to `path`. Called with the lock held: every save writes its temp file
/// under the lock, so any temp file present now belongs to a dead writer.
/// Without this, each such crash leaves a file behind for ever.
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(file) = file.to_str() else { continue };
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
