//! A library directory opened without reading its files: the listing (names
//! and metadata only), made on a background thread after the first frame
//! and sent a batch at a time, so the first frame costs the same at 10
//! files or 10,000; and the background loader that reads, parses and
//! validates the files afterwards, newest first (see [`loader`]).

pub mod cache;
pub mod loader;
pub mod outline;
pub mod search;

use crate::files::{Stamp, is_briefing_file};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A day, `(year, month, day)`: how listed files are ordered before they load.
pub type Day = (u16, u8, u8);

/// One briefing file in the listing, not yet read.
#[derive(Debug, Clone)]
pub struct Listed {
    pub path: PathBuf,
    pub stamp: Option<Stamp>,
    /// The date in its name (`...2025-12-02...`), else the day it was modified.
    pub day: Option<Day>,
    /// What the cache held for the file as it is now, if anything: then
    /// it need not be read (see [`cache`]).
    pub card: Option<Box<cache::Card>>,
}

/// Every `*.toml` directly in `dir`, with its stamp and day, newest first
/// (then by name). Reads the directory and each file's metadata, nothing more.
pub fn list(dir: &Path) -> Vec<Listed> {
    let mut found = Vec::new();
    stream(dir, None, |batch| {
        found.extend(batch.files);
        true
    });
    found.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.path.cmp(&b.path)));
    found
}

/// Part of a listing: the files found since the last part, and whether the
/// listing is complete.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<Listed>,
    pub done: bool,
}

/// A part is sent when it has this many files...
const PART: usize = 256;
/// ...or when its first file has waited this long.
const PART_WAIT: Duration = Duration::from_millis(20);

/// Lists `dir` on a background thread, handing each part to `out` (false:
/// nobody listens, stop). The last part says the listing is done, also when
/// the directory could not be read. With a `cache`, each file it holds a
/// card for (as the file is now) comes with it.
pub fn spawn_list(
    dir: PathBuf,
    cache: Option<cache::Cache>,
    out: impl FnMut(Listing) -> bool + Send + 'static,
) {
    let _ = std::thread::Builder::new()
        .name("list".into())
        .spawn(move || stream(&dir, cache.as_ref(), out));
}

/// Lists `dir` in parts, in the order the directory gives (the reader
/// sorts), each file's metadata read as it is found (and its card looked
/// up in the cache).
fn stream(dir: &Path, cache: Option<&cache::Cache>, mut out: impl FnMut(Listing) -> bool) {
    let mut part = Listing::default();
    let mut since = Instant::now();
    let records = cache.map(cache::Cache::read).filter(|r| !r.is_empty());
    let base = records
        .as_ref()
        .and_then(|_| std::fs::canonicalize(dir).ok());
    if let Ok(read) = std::fs::read_dir(dir) {
        for path in read.filter_map(Result::ok).map(|e| e.path()) {
            if !is_briefing_file(&path) {
                continue;
            }
            if part.files.is_empty() {
                since = Instant::now();
            }
            let looked_up = records.as_ref().zip(base.as_deref());
            part.files.push(listed(path, looked_up));
            if (part.files.len() >= PART || since.elapsed() >= PART_WAIT)
                && !out(std::mem::take(&mut part))
            {
                return;
            }
        }
    }
    part.done = true;
    out(part);
}

/// One file found: its stamp, the day it is listed under, and its card
/// if the cache `records` (of the directory, canonically at `base`) hold
/// one for it as it is.
fn listed(path: PathBuf, cached: Option<(&cache::Records, &Path)>) -> Listed {
    let meta = std::fs::metadata(&path).ok();
    let stamp = meta
        .as_ref()
        .and_then(|m| Some((m.modified().ok()?, m.len())));
    let day = name_day(&path).or_else(|| stamp.and_then(|(m, _)| system_day(m)));
    let card = cached
        .zip(meta.as_ref())
        .and_then(|((records, base), meta)| {
            let key = cache::FileKey::of(meta);
            Some(Box::new(records.card(&base.join(path.file_name()?), &key)?))
        });
    Listed {
        path,
        stamp,
        day,
        card,
    }
}

/// The first `YYYY-MM-DD` in the file's name that is a plausible date.
pub fn name_day(path: &Path) -> Option<Day> {
    let name = path.file_name()?.to_str()?.as_bytes();
    name.windows(10).find_map(|w| {
        let digits = |r: std::ops::Range<usize>| {
            (w[r.clone()].iter().all(u8::is_ascii_digit))
                .then(|| std::str::from_utf8(&w[r]).ok()?.parse::<u16>().ok())
                .flatten()
        };
        if w[4] != b'-' || w[7] != b'-' {
            return None;
        }
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m as u8, d as u8))
    })
}

/// The UTC day of a file time (days since 1970 to a civil date).
pub fn system_day(t: std::time::SystemTime) -> Option<Day> {
    let secs = t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    let days = (secs / 86_400) as i64;
    // Howard Hinnant's days_from_civil, inverted.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Some((u16::try_from(y).ok()?, m as u8, d as u8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn a_date_in_the_name_orders_the_file() {
        let day = |n: &str| name_day(Path::new(n));
        assert_eq!(day("dir/ukraine-2025-12-02.toml"), Some((2025, 12, 2)));
        assert_eq!(day("2024-01-31-am.toml"), Some((2024, 1, 31)));
        assert_eq!(day("x-2025-13-02.toml"), None);
        assert_eq!(day("notes.toml"), None);
        assert_eq!(day("é-2025-1-02.toml"), None);
    }

    #[test]
    fn file_times_become_civil_days() {
        let at = |s: u64| system_day(UNIX_EPOCH + Duration::from_secs(s));
        assert_eq!(at(0), Some((1970, 1, 1)));
        // 2000-02-29T12:00:00Z and 2025-12-02T00:00:00Z.
        assert_eq!(at(951_825_600), Some((2000, 2, 29)));
        assert_eq!(at(1_764_633_600), Some((2025, 12, 2)));
    }

    #[test]
    fn a_listing_in_the_background_comes_in_parts_and_ends_once() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..600 {
            std::fs::write(dir.path().join(format!("{i}.toml")), "").unwrap();
        }
        std::fs::write(dir.path().join("notes.txt"), "").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_list(dir.path().to_path_buf(), None, move |part| {
            tx.send(part).is_ok()
        });
        let parts: Vec<Listing> = rx.iter().collect();
        assert!(parts.len() >= 3, "600 files in parts of at most {PART}");
        assert_eq!(parts.iter().filter(|p| p.done).count(), 1);
        assert!(parts.last().is_some_and(|p| p.done));
        let mut names: Vec<_> = (parts.iter().flat_map(|p| &p.files))
            .map(|l| l.path.clone())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 600);
        // A directory that cannot be read still ends its listing.
        let (tx, rx) = std::sync::mpsc::channel();
        spawn_list(dir.path().join("missing"), None, move |part| {
            tx.send(part).is_ok()
        });
        let parts: Vec<Listing> = rx.iter().collect();
        assert!(matches!(&parts[..], [Listing { files, done: true }] if files.is_empty()));
    }

    #[test]
    fn the_listing_is_newest_first_and_reads_no_file() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a-2024-05-01.toml", "b-2025-01-01.toml", "c.txt", ".d.toml"] {
            // Not briefings at all: listing never reads them.
            std::fs::write(dir.path().join(name), "not toml [").unwrap();
        }
        let names: Vec<_> = (list(dir.path()).iter())
            .map(|l| l.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["b-2025-01-01.toml", "a-2024-05-01.toml"]);
    }
}
