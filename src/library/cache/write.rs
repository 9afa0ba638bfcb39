//! Writing the cache: the cards of the files parsed in this run are
//! gathered as the loader makes them, and written once the loader is done,
//! with the records still valid from the last file after them, up to
//! [`MAX_BYTES`](super::MAX_BYTES), atomically.

use super::{Cache, Card, FileKey, MAGIC, MAX_BYTES, Out, Records, record};
use std::collections::HashSet;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

/// Gathers this run's records and writes the cache.
#[derive(Debug)]
pub struct Writer {
    cache: Cache,
    /// (path, record) of each file parsed in this run.
    new: Mutex<Vec<(Vec<u8>, Vec<u8>)>>,
    /// The most the file may hold ([`MAX_BYTES`]; less in tests).
    limit: u64,
}

impl Writer {
    pub fn new(cache: Cache) -> Self {
        Self::with_limit(cache, MAX_BYTES)
    }

    /// A writer whose file holds at most `limit` bytes (at most [`MAX_BYTES`]).
    pub fn with_limit(cache: Cache, limit: u64) -> Self {
        Self {
            cache,
            new: Mutex::new(Vec::new()),
            limit: limit.min(MAX_BYTES),
        }
    }

    /// The card of the file at `path` (absolute), made when it had `key`
    /// (taken before it was read). Not kept if the file changed lately.
    pub fn add(&self, path: &Path, key: &FileKey, card: &Card) {
        if key.is_racy(SystemTime::now()) {
            return;
        }
        let record = record(path, key, card);
        let mut new = self.new.lock().unwrap_or_else(|e| e.into_inner());
        new.push((path.as_os_str().as_bytes().to_vec(), record));
    }

    /// Writes the cache: this run's records, then the last file's records
    /// for other files whose key still holds, at most [`MAX_BYTES`]. Does
    /// nothing when this run parsed nothing new.
    pub fn finish(&self) -> std::io::Result<()> {
        let new = std::mem::take(&mut *self.new.lock().unwrap_or_else(|e| e.into_inner()));
        if new.is_empty() {
            return Ok(());
        }
        let mut out = Out(MAGIC.to_vec());
        let fits = |out: &Out, record: &[u8]| (out.0.len() + 4 + record.len()) as u64 <= self.limit;
        let mut written: HashSet<Vec<u8>> = HashSet::new();
        for (path, record) in new {
            if fits(&out, &record) && written.insert(path) {
                out.bytes(&record);
            }
        }
        let old = self.cache.read();
        for record in still_valid(&old, &written) {
            if !fits(&out, record) {
                break;
            }
            out.bytes(record);
        }
        let dir =
            (self.cache.path.parent()).ok_or_else(|| std::io::Error::other("no directory"))?;
        std::fs::create_dir_all(dir)?;
        remove_stale_temps(&self.cache.path);
        crate::state::write_atomic(&self.cache.path, &out.0)
    }
}

/// Temporary files a writer killed mid-write left beside the cache (the
/// reader exits without waiting for it). Only old ones: a temporary file
/// of a minute ago may be another reader's write under way.
fn remove_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stale = |e: &std::fs::DirEntry| {
        let old = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok()?.elapsed().ok());
        old.is_some_and(|age| age > std::time::Duration::from_secs(60))
    };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let ours = file
            .to_str()
            .is_some_and(|f| f.starts_with(&prefix) && f.ends_with(".tmp"));
        if ours && stale(&entry) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The old records, in their order in the file, of files not written
/// again whose key still holds.
fn still_valid<'a>(old: &'a Records, written: &HashSet<Vec<u8>>) -> Vec<&'a [u8]> {
    let mut kept: Vec<(&[u8], &FileKey, &std::ops::Range<usize>)> = (old.at.iter())
        .filter(|(path, _)| !written.contains(*path))
        .map(|(path, (key, _, record))| (path.as_slice(), key, record))
        .collect();
    kept.sort_by_key(|(_, _, record)| record.start);
    (kept.into_iter())
        .filter(|(path, key, _)| {
            let path = Path::new(std::ffi::OsStr::from_bytes(path));
            std::fs::metadata(path).is_ok_and(|m| FileKey::of(&m) == **key)
        })
        .filter_map(|(_, _, record)| old.bytes.get(record.clone()))
        .collect()
}
