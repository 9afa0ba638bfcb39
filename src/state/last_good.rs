//! The state a reader last loaded or wrote: what a save falls back on if it
//! finds the file corrupt. It is needed only then, so it is kept where it
//! costs the process nothing: in an unlinked file beside the state (the
//! page cache, not the process's memory; gone with the process however it
//! ends), else as compact bytes. In `brief serve` every session holds one:
//! about 1 MB for a reader of 1,000 briefings, 50 MB for 50 such readers.

use super::StateFile;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

/// The state a reader last loaded or wrote (see the module's comment).
#[derive(Debug, Default)]
pub struct LastGood {
    kept: Kept,
}

#[derive(Debug, Default)]
enum Kept {
    #[default]
    Nothing,
    /// Compact JSON, without the slack the writer grew it with.
    Bytes(Vec<u8>),
    /// Compact JSON in an unlinked file, `len` bytes from its start.
    File { file: File, len: u64 },
}

impl From<&StateFile> for LastGood {
    /// Kept in memory (a reader with no state directory yet).
    fn from(file: &StateFile) -> Self {
        let mut bytes = serde_json::to_vec(file).unwrap_or_default();
        bytes.shrink_to_fit();
        Self {
            kept: Kept::Bytes(bytes),
        }
    }
}

impl LastGood {
    /// `file`, kept in an unlinked file in `dir` when the system and the
    /// directory allow it, else in memory.
    pub fn keep_in(file: &StateFile, dir: &Path) -> Self {
        let mut last_good = Self::default();
        last_good.replace(file, dir);
        last_good
    }

    /// Keeps `file` instead of what was kept: in the same unlinked file
    /// when there is one, else in a new one in `dir`, else in memory.
    pub fn replace(&mut self, file: &StateFile, dir: &Path) {
        let bytes = serde_json::to_vec(file).unwrap_or_default();
        let on_disk = match std::mem::take(&mut self.kept) {
            Kept::File { file, .. } => Some(file),
            _ => unlinked_file(dir),
        };
        self.kept = match on_disk {
            Some(f) if write_whole(&f, &bytes).is_ok() => Kept::File {
                file: f,
                len: bytes.len() as u64,
            },
            _ => Self::from(file).kept,
        };
    }

    /// Whether it is kept on disk (not in the process's memory).
    pub fn on_disk(&self) -> bool {
        matches!(self.kept, Kept::File { .. })
    }

    /// The state again (empty if there was none, or it cannot be read).
    pub(super) fn parse(&self) -> StateFile {
        let bytes = match &self.kept {
            Kept::Nothing => return StateFile::default(),
            Kept::Bytes(bytes) => std::borrow::Cow::Borrowed(bytes.as_slice()),
            Kept::File { file, len } => {
                let mut bytes = vec![0; usize::try_from(*len).unwrap_or(0)];
                if file.read_exact_at(&mut bytes, 0).is_err() {
                    return StateFile::default();
                }
                std::borrow::Cow::Owned(bytes)
            }
        };
        serde_json::from_slice(&bytes).unwrap_or_default()
    }
}

/// `bytes` as the whole of `file`.
fn write_whole(file: &File, bytes: &[u8]) -> io::Result<()> {
    file.write_all_at(bytes, 0)?;
    file.set_len(bytes.len() as u64)
}

/// A new file in `dir` with no name (Linux's `O_TMPFILE`, mode 0600): no
/// other process can open it, and it is freed when the process ends, even
/// by a crash. None where that is not supported: no file with a name is
/// made instead, which a crash would leave behind.
fn unlinked_file(dir: &Path) -> Option<File> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .mode(0o600)
            .custom_flags(libc::O_TMPFILE)
            .open(dir)
            .ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::BriefingState;

    fn sample(n: usize) -> StateFile {
        let mut file = StateFile {
            version: 1,
            ..Default::default()
        };
        for b in 0..n {
            let mut state = BriefingState::default();
            state.read.insert(format!("s/item-{b}"), b as u64);
            state
                .known
                .insert(format!("s/item-{b}"), u64::MAX - b as u64);
            file.briefings
                .insert(format!("briefing {b}\n2025-01-01"), state);
        }
        file
    }

    #[test]
    fn kept_on_disk_it_reads_back_whole_and_leaves_no_file_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut last_good = LastGood::keep_in(&sample(300), dir.path());
        assert!(last_good.on_disk());
        assert_eq!(last_good.parse(), sample(300));
        // A smaller state replaces a larger one: nothing of the old is left.
        last_good.replace(&sample(2), dir.path());
        assert!(last_good.on_disk());
        assert_eq!(last_good.parse(), sample(2));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn without_a_directory_it_is_kept_in_memory() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("not-made-yet");
        let last_good = LastGood::keep_in(&sample(3), &missing);
        assert!(!last_good.on_disk());
        assert_eq!(last_good.parse(), sample(3));
        assert_eq!(LastGood::default().parse(), StateFile::default());
    }
}
