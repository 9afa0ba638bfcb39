//! Loads the files of a library in the background, in the order given
//! (newest first), on at most [`MAX_THREADS`] threads, and hands each batch
//! of results to `out` (the run loop's channel). The threads are detached:
//! quitting never waits for them (the process exits under them), and they
//! stop at the next batch once `out` says the reader has gone. With a cache
//! writer, each briefing's card goes to it, and the last thread to finish
//! writes the cache.

use super::cache::{Card, FileKey, Writer};
use crate::model::{Report, load_path};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Files read, each with the index of the entry it fills in: what the
/// library keeps of the briefing (its card: the briefing itself is let go
/// here, off the UI thread), or why it does not load.
pub type Batch = Vec<(usize, Result<Box<Card>, Report>)>;

/// A batch is sent when it has this many results...
const BATCH: usize = 64;
/// ...or when its first result has waited this long: the rows on screen
/// fill in within a frame or two, and 10,000 files make a few hundred wakes.
const BATCH_WAIT: Duration = Duration::from_millis(30);
/// Loader threads at most: one core is left to the UI thread.
pub const MAX_THREADS: usize = 2;

/// How many loader threads this machine gets: one less than its cores,
/// between 1 and [`MAX_THREADS`].
pub fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    cores.saturating_sub(1).clamp(1, MAX_THREADS)
}

/// Where the cards of the files loaded go: the writer, and the library
/// directory as the cache names it (canonical).
pub type ToCache = (Arc<Writer>, PathBuf);

/// Starts loading `jobs` (entry index, path) in order on `threads` threads.
/// `out` returns false when nobody listens any more.
pub fn spawn(
    jobs: Vec<(usize, PathBuf)>,
    threads: usize,
    cache: Option<ToCache>,
    out: impl Fn(Batch) -> bool + Send + Sync + 'static,
) {
    if jobs.is_empty() {
        return;
    }
    let threads = threads.clamp(1, MAX_THREADS);
    let shared = Arc::new(Shared {
        jobs,
        next: AtomicUsize::new(0),
        running: AtomicUsize::new(threads),
        cache,
    });
    let out = Arc::new(out);
    for n in 0..threads {
        let (shared, out) = (shared.clone(), out.clone());
        let _ = std::thread::Builder::new()
            .name(format!("load{n}"))
            .spawn(move || {
                if work(&shared, &*out)
                    && shared.running.fetch_sub(1, Ordering::AcqRel) == 1
                    && let Some((writer, _)) = &shared.cache
                {
                    // Every file loaded: the cache may be written.
                    let _ = writer.finish();
                }
            });
    }
}

/// What the loader threads share.
struct Shared {
    jobs: Vec<(usize, PathBuf)>,
    next: AtomicUsize,
    /// Threads still at work: the last to finish writes the cache.
    running: AtomicUsize,
    cache: Option<ToCache>,
}

/// One loader thread: takes the next job until none is left; false when
/// the reader has gone.
fn work(shared: &Shared, out: &dyn Fn(Batch) -> bool) -> bool {
    let mut batch = Batch::new();
    let mut since = Instant::now();
    while let Some((index, path)) = (shared.jobs).get(shared.next.fetch_add(1, Ordering::Relaxed)) {
        if batch.is_empty() {
            since = Instant::now();
        }
        let loaded = load(path, shared.cache.as_ref());
        batch.push((*index, loaded));
        if (batch.len() >= BATCH || since.elapsed() >= BATCH_WAIT)
            && !out(std::mem::take(&mut batch))
        {
            return false;
        }
    }
    batch.is_empty() || out(batch)
}

/// What the loader makes of one file, without a cache: its card, or why
/// it does not load.
pub fn read_card(path: &Path) -> Result<Box<Card>, Report> {
    load(path, None)
}

/// Loads one file and makes its card (outline, digest, read-mark items)
/// here, off the UI thread, which also frees the briefing; hands the card
/// to the cache too. The key is taken before the file is read: a save
/// while it is read then shows as a change next time.
fn load(path: &Path, cache: Option<&ToCache>) -> Result<Box<Card>, Report> {
    let key = cache.and_then(|_| std::fs::metadata(path).ok().map(|m| FileKey::of(&m)));
    let card = Card::of(&load_path(path)?);
    if let (Some((writer, base)), Some(key), Some(name)) = (cache, key, path.file_name()) {
        writer.add(&base.join(name), &key, &card);
    }
    Ok(Box::new(card))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn every_job_arrives_once_and_a_broken_file_as_its_report() {
        let dir = tempfile::tempdir().unwrap();
        let good = "[briefing]\ntitle = \"T\"\ndate = 2025-12-02\n\n[[section]]\ntitle = \"S\"\n";
        let mut jobs = Vec::new();
        for i in 0..150 {
            let path = dir.path().join(format!("{i}.toml"));
            std::fs::write(&path, if i == 7 { "broken = [" } else { good }).unwrap();
            jobs.push((i, path));
        }
        let (tx, rx) = mpsc::channel();
        spawn(jobs, 2, None, move |batch| tx.send(batch).is_ok());
        let mut seen: Vec<(usize, bool)> =
            rx.iter().flatten().map(|(i, r)| (i, r.is_ok())).collect();
        seen.sort();
        assert_eq!(seen.len(), 150);
        assert!(
            seen.iter()
                .enumerate()
                .all(|(n, &(i, ok))| n == i && ok == (i != 7))
        );
    }

    #[test]
    fn the_loader_stops_when_the_reader_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let jobs: Vec<_> = (0..500)
            .map(|i| (i, dir.path().join("missing.toml")))
            .collect();
        let sent = Arc::new(AtomicUsize::new(0));
        let count = sent.clone();
        spawn(jobs, 1, None, move |_| {
            count.fetch_add(1, Ordering::SeqCst);
            false
        });
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(
            sent.load(Ordering::SeqCst),
            1,
            "one refused batch ends the thread"
        );
    }
}
