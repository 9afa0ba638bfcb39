//! Loads the files of a library in the background, in the order given
//! (newest first), on at most [`MAX_THREADS`] threads, and hands each batch
//! of results to `out` (the run loop's channel). The threads are detached:
//! quitting never waits for them (the process exits under them), and they
//! stop at the next batch once `out` says the reader has gone.

use crate::model::{Loaded, Report, load_path};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Loaded entries, each with the index of the entry it fills in.
pub type Batch = Vec<(usize, Result<Loaded, Report>)>;

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

/// Starts loading `jobs` (entry index, path) in order on `threads` threads.
/// `out` returns false when nobody listens any more.
pub fn spawn(
    jobs: Vec<(usize, PathBuf)>,
    threads: usize,
    out: impl Fn(Batch) -> bool + Send + Sync + 'static,
) {
    if jobs.is_empty() {
        return;
    }
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let out = Arc::new(out);
    for n in 0..threads.clamp(1, MAX_THREADS) {
        let (jobs, next, out) = (jobs.clone(), next.clone(), out.clone());
        let _ = std::thread::Builder::new()
            .name(format!("load{n}"))
            .spawn(move || work(&jobs, &next, &*out));
    }
}

/// One loader thread: takes the next job until none is left.
fn work(jobs: &[(usize, PathBuf)], next: &AtomicUsize, out: &dyn Fn(Batch) -> bool) {
    let mut batch = Batch::new();
    let mut since = Instant::now();
    while let Some((index, path)) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
        if batch.is_empty() {
            since = Instant::now();
        }
        // The digest is made here, off the UI thread (the entry keeps it).
        let loaded = load_path(path).inspect(|l| {
            l.digest();
        });
        batch.push((*index, loaded));
        if (batch.len() >= BATCH || since.elapsed() >= BATCH_WAIT)
            && !out(std::mem::take(&mut batch))
        {
            return;
        }
    }
    if !batch.is_empty() {
        out(batch);
    }
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
        spawn(jobs, 2, move |batch| tx.send(batch).is_ok());
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
        spawn(jobs, 1, move |_| {
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
