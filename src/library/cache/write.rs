//! Writing the cache: the cards of the files parsed in this run go into a
//! temporary file beside the cache as the loader makes them (nothing is
//! held in memory); once the loader is done, the records of the last cache
//! still valid follow them, up to the bound, and the temporary file is
//! renamed over the cache (synced first): a reader sees the old cache or
//! the new one, whole.

use super::{Cache, Card, FileKey, MAGIC, MAX_BYTES, Out, Records, record};
use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// Writes this run's records, then the cache.
#[derive(Debug)]
pub struct Writer {
    cache: Cache,
    /// The temporary file, once a record came.
    open: Mutex<Option<Open>>,
    /// The most the file may hold ([`MAX_BYTES`]; less in tests).
    limit: u64,
}

/// The temporary file being written.
#[derive(Debug)]
struct Open {
    file: std::io::BufWriter<File>,
    path: PathBuf,
    written: u64,
    /// The files it has a record for.
    paths: HashSet<Vec<u8>>,
    /// A write failed: the cache is not written this run.
    failed: bool,
}

impl Writer {
    pub fn new(cache: Cache) -> Self {
        Self::with_limit(cache, MAX_BYTES)
    }

    /// A writer whose file holds at most `limit` bytes (at most [`MAX_BYTES`]).
    pub fn with_limit(cache: Cache, limit: u64) -> Self {
        Self {
            cache,
            open: Mutex::new(None),
            limit: limit.min(MAX_BYTES),
        }
    }

    /// The card of the file at `path` (absolute), made when it had `key`
    /// (taken before it was read). Not kept if the file changed lately, or
    /// once the file is full.
    pub fn add(&self, path: &Path, key: &FileKey, card: &Card) {
        if key.is_racy(SystemTime::now()) {
            return;
        }
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if open.is_none() {
            *open = self.start().ok();
        }
        let Some(open) = open.as_mut() else { return };
        let name = path.as_os_str().as_bytes();
        if !open.paths.contains(name) {
            let record = record(path, key, card);
            if open.push(&record, self.limit) {
                open.paths.insert(name.to_vec());
            }
        }
    }

    /// A new temporary file beside the cache, its header written.
    fn start(&self) -> std::io::Result<Open> {
        let dir =
            (self.cache.path.parent()).ok_or_else(|| std::io::Error::other("no directory"))?;
        std::fs::create_dir_all(dir)?;
        remove_stale_temps(&self.cache.path);
        let nanos = SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = (self.cache.path.file_name()).map_or("cache".into(), |n| n.to_string_lossy());
        let path = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
        let file = (OpenOptions::new().write(true).create_new(true).mode(0o600)).open(&path)?;
        let mut open = Open {
            file: std::io::BufWriter::new(file),
            path,
            written: 0,
            paths: HashSet::new(),
            failed: false,
        };
        open.write(MAGIC);
        Ok(open)
    }

    /// Writes the cache: this run's records, then the last cache's records
    /// for other files whose key still holds, within the bound. Does
    /// nothing when this run parsed nothing new.
    pub fn finish(&self) -> std::io::Result<()> {
        let Some(mut open) = self.open.lock().unwrap_or_else(|e| e.into_inner()).take() else {
            return Ok(());
        };
        let old = self.cache.read();
        for record in still_valid(&old, &open.paths) {
            if !open.push(record, self.limit) {
                break;
            }
        }
        drop(old);
        let result = open.close(&self.cache.path);
        if result.is_err() {
            let _ = std::fs::remove_file(&open.path);
        }
        result
    }
}

impl Open {
    fn write(&mut self, bytes: &[u8]) {
        self.failed |= self.file.write_all(bytes).is_err();
        self.written += bytes.len() as u64;
    }

    /// Appends one record if it fits within `limit`; false if it does not.
    fn push(&mut self, record: &[u8], limit: u64) -> bool {
        if self.written + 4 + record.len() as u64 > limit {
            return false;
        }
        let mut framed = Out(Vec::with_capacity(4 + record.len()));
        framed.bytes(record);
        self.write(&framed.0);
        true
    }

    /// Flushes and syncs the file, renames it over `target`, syncs the
    /// directory.
    fn close(&mut self, target: &Path) -> std::io::Result<()> {
        if self.failed {
            return Err(std::io::Error::other("a write to the cache failed"));
        }
        self.file.flush()?;
        self.file.get_ref().sync_all()?;
        std::fs::rename(&self.path, target)?;
        match target.parent() {
            Some(dir) => File::open(dir)?.sync_all(),
            None => Ok(()),
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
