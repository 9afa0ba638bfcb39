//! A cache of what the library keeps of each briefing (its outline, its
//! digest, and each item's read-mark key and hash), so a library opened
//! again fills its rows from one file instead of parsing every briefing.
//! It may help, never decide:
//!
//! - keyed by each file's absolute path and metadata (length, modification
//!   and change times to the nanosecond, inode, device): any write to a
//!   file changes its change time, so a changed file is a miss and is read
//!   again; a file changed in the last [`RACY`] is not cached at all (file
//!   times move in coarse steps: a second write in the same step would
//!   keep the key);
//! - written atomically (a temporary file, then a rename), by one writer
//!   as the library loads, at most [`MAX_BYTES`] of it, the records of this
//!   run first;
//! - read with a bound ([`crate::model::file::read_bounded`]), each record
//!   checked against its checksum: a damaged record, a damaged file, a
//!   missing one or one that cannot be written only costs the speed of
//!   parsing the files.
//!
//! Where: `$XDG_CACHE_HOME/brief/library.cache`, else `~/.cache/brief/...`.

mod codec;

use crate::library::outline::Outline;
use crate::model::Loaded;
use crate::model::digest::Digest;
use codec::{In, Out};
use std::collections::HashMap;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// The cache file is never read or written beyond this: about 35,000
/// briefings like the generated ones (7 KB a record for 21.7 KB of TOML).
pub const MAX_BYTES: u64 = 256 * 1024 * 1024;
/// Files modified more recently than this are not cached.
pub const RACY: Duration = Duration::from_secs(2);
/// What a cache file starts with (its format's version).
const MAGIC: &[u8] = b"brief library cache 2\n";

/// What the library keeps of a briefing, as the cache holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub outline: Outline,
    /// Each section's items: (read-mark key, content hash), as read marks
    /// make them (see `app::read`).
    pub items: Vec<Vec<(String, u64)>>,
    pub digest: Arc<Digest>,
}

impl Card {
    /// The card of a loaded version.
    pub fn of(loaded: &Loaded) -> Self {
        let b = &loaded.briefing;
        let items = (b.sections.iter())
            .map(|s| {
                (s.items.iter())
                    .map(|it| {
                        let key = crate::state::item_key(&s.id, &it.id);
                        (key, crate::model::compare::content_hash(b, it))
                    })
                    .collect()
            })
            .collect();
        Self {
            outline: Outline::of(b),
            items,
            digest: loaded.digest().clone(),
        }
    }
}

/// What tells one state of a file from another without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKey {
    pub len: u64,
    pub mtime: (i64, i64),
    pub ctime: (i64, i64),
    pub ino: u64,
    pub dev: u64,
}

impl FileKey {
    pub fn of(meta: &std::fs::Metadata) -> Self {
        Self {
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            ctime: (meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        }
    }

    /// Changed so lately that a write in the same tick of the file clock
    /// would not change the key: not to be cached.
    fn is_racy(&self, now: SystemTime) -> bool {
        let secs = |(s, n): (i64, i64)| {
            let at = std::time::UNIX_EPOCH
                + Duration::from_secs(u64::try_from(s).unwrap_or(0))
                + Duration::from_nanos(u64::try_from(n).unwrap_or(0));
            now.duration_since(at).map_or(true, |age| age < RACY)
        };
        secs(self.mtime) || secs(self.ctime)
    }

    fn put(&self, out: &mut Out) {
        out.u64(self.len);
        for (s, n) in [self.mtime, self.ctime] {
            out.u64(s as u64);
            out.u64(n as u64);
        }
        out.u64(self.ino);
        out.u64(self.dev);
    }

    fn get(r: &mut In<'_>) -> Option<Self> {
        let len = r.u64()?;
        let mut time = || Some((r.u64()? as i64, r.u64()? as i64));
        let (mtime, ctime) = (time()?, time()?);
        Some(Self {
            len,
            mtime,
            ctime,
            ino: r.u64()?,
            dev: r.u64()?,
        })
    }
}

/// Where the cache lives.
#[derive(Debug, Clone)]
pub struct Cache {
    pub path: PathBuf,
}

impl Cache {
    /// `$XDG_CACHE_HOME/brief/library.cache` (an absolute XDG_CACHE_HOME),
    /// else `$HOME/.cache/brief/library.cache`; `None` without either.
    pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let base = (env("XDG_CACHE_HOME").map(PathBuf::from))
            .filter(|p| p.is_absolute())
            .or_else(|| Some(PathBuf::from(env("HOME")?).join(".cache")))?;
        Some(Self {
            path: base.join("brief").join("library.cache"),
        })
    }

    /// The records in the cache file now (none if it is missing, too large
    /// or not a cache; damaged records are skipped).
    pub fn read(&self) -> Records {
        let bytes = crate::model::file::read_bounded(&self.path, MAX_BYTES).unwrap_or_default();
        Records::parse(bytes)
    }
}

/// The records of a cache file, found by path.
#[derive(Debug, Default)]
pub struct Records {
    bytes: Vec<u8>,
    /// Path -> (its key, where its card and its whole record are in `bytes`).
    at: HashMap<Vec<u8>, (FileKey, std::ops::Range<usize>, std::ops::Range<usize>)>,
}

impl Records {
    fn parse(bytes: Vec<u8>) -> Self {
        let mut at = HashMap::new();
        if let Some(body) = bytes.strip_prefix(MAGIC) {
            let start = MAGIC.len();
            let mut r = In(body);
            // A damaged length ends the reading: what follows is lost.
            while let Some(record) = r.bytes() {
                let offset = start + (body.len() - r.0.len() - record.len());
                let Some((path, key, card)) = split(record) else {
                    continue;
                };
                let card_at = offset + (record.len() - card.len());
                let whole = offset..offset + record.len();
                at.insert(path.to_vec(), (key, card_at..card_at + card.len(), whole));
            }
        }
        Self { bytes, at }
    }

    /// The card of the file at `path` (absolute) if the cache holds one
    /// made when the file had this key.
    pub fn card(&self, path: &Path, key: &FileKey) -> Option<Card> {
        let (held, range, _) = self.at.get(path.as_os_str().as_bytes())?;
        if held != key {
            return None;
        }
        codec::get_card(&mut In(self.bytes.get(range.clone())?))
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }
}

/// A record's checksum, path and key; the card's bytes (checked, not read).
fn split(record: &[u8]) -> Option<(&[u8], FileKey, &[u8])> {
    let mut r = In(record);
    let sum = r.u64()?;
    if sum != checksum(r.0) {
        return None;
    }
    let path = r.bytes()?;
    let key = FileKey::get(&mut r)?;
    Some((path, key, r.0))
}

/// FNV-1a over a record's bytes: damage shows as a mismatch.
fn checksum(bytes: &[u8]) -> u64 {
    (bytes.iter()).fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// One record's bytes: checksum, path, key, card.
fn record(path: &Path, key: &FileKey, card: &Card) -> Vec<u8> {
    let mut body = Out::default();
    body.bytes(path.as_os_str().as_bytes());
    key.put(&mut body);
    codec::put_card(&mut body, card);
    let mut out = Out::default();
    out.u64(checksum(&body.0));
    out.0.extend_from_slice(&body.0);
    out.0
}

mod write;
pub use write::Writer;

#[cfg(test)]
mod tests;
