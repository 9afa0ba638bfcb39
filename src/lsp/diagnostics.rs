//! The checker thread: runs `brief check`'s loader on a snapshot of each
//! changed document and publishes what it reports, off the thread that reads
//! the client's messages (which never waits for a check).
//!
//! Debounced: a check starts once the edits have paused for a while (a
//! quarter of what the last check took, between [`MIN_SETTLE`] and
//! [`MAX_SETTLE`]: a burst of edits is one check, and a big file waits a
//! little longer than a small one), and at most [`MAX_WAIT`] after the first
//! edit however fast the typing.
//! A newer edit cancels an older check: a check waiting for its turn is
//! replaced by the newer one, and a check that finishes after a newer edit
//! came is not published (the newer one's check follows).

use super::convert::{self, Options};
use super::notify;
use crate::model::diagnostic::{Diagnostic, Report};
use ls_types::{PublishDiagnosticsParams, Uri};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

pub const MIN_SETTLE: Duration = Duration::from_millis(10);
pub const MAX_SETTLE: Duration = Duration::from_millis(50);
pub const MAX_WAIT: Duration = Duration::from_millis(300);

/// A document to check.
#[derive(Debug)]
pub struct Job {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<String>,
    pub opts: Options,
}

/// The newest version of each open document, shared with the thread.
type Latest = Arc<Mutex<HashMap<Uri, i32>>>;

/// The handle the server keeps: checks go to the thread through it.
pub struct Checker {
    jobs: Sender<Job>,
    latest: Latest,
}

impl Checker {
    /// Starts the thread; what it publishes goes to `out`.
    pub fn spawn(out: Sender<Value>) -> Self {
        let (jobs, rx) = std::sync::mpsc::channel();
        let latest = Latest::default();
        let shared = Arc::clone(&latest);
        std::thread::spawn(move || run(&rx, &out, &shared));
        Self { jobs, latest }
    }

    /// Asks for a check of this version (any older one's is dropped).
    pub fn check(&self, job: Job) {
        lock(&self.latest).insert(job.uri.clone(), job.version);
        let _ = self.jobs.send(job);
    }

    /// The document closed: nothing more is published for it.
    pub fn forget(&self, uri: &Uri) {
        lock(&self.latest).remove(uri);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

fn is_latest(latest: &Latest, job: &Job) -> bool {
    lock(latest).get(&job.uri) == Some(&job.version)
}

fn run(rx: &Receiver<Job>, out: &Sender<Value>, latest: &Latest) {
    let mut settle = MIN_SETTLE;
    let mut pending: Vec<Job> = Vec::new();
    while let Ok(job) = rx.recv() {
        let first = Instant::now();
        queue(&mut pending, job);
        // Wait for a pause in the edits, newer versions replacing older ones.
        loop {
            let wait = settle.min(MAX_WAIT.saturating_sub(first.elapsed()));
            match rx.recv_timeout(wait) {
                Ok(job) => queue(&mut pending, job),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        for job in pending.drain(..) {
            if !is_latest(latest, &job) {
                continue;
            }
            let started = Instant::now();
            let diagnostics = check(&job);
            settle = (started.elapsed() / 4).clamp(MIN_SETTLE, MAX_SETTLE);
            if !is_latest(latest, &job) {
                continue; // a newer edit came while this ran: its check is next
            }
            let params = PublishDiagnosticsParams::new(job.uri, diagnostics, Some(job.version));
            if out
                .send(notify("textDocument/publishDiagnostics", params))
                .is_err()
            {
                return;
            }
        }
    }
}

/// Keeps only the newest job for each document.
fn queue(pending: &mut Vec<Job>, job: Job) {
    pending.retain(|j| j.uri != job.uri);
    pending.push(job);
}

/// The diagnostics of one snapshot: `brief check`'s (the same loader, from
/// the bytes, with the same size guard), as the protocol's.
pub fn check(job: &Job) -> Vec<ls_types::Diagnostic> {
    let label = job.uri.as_str();
    let loaded = std::panic::catch_unwind(|| crate::model::load_bytes(label, job.text.as_bytes()));
    let report = match loaded {
        Ok(Ok(loaded)) => loaded.report,
        Ok(Err(report)) => report,
        // The loader never panics on any input; if it ever does, say so
        // rather than take the server down.
        Err(_) => {
            let d = Diagnostic::error("internal", "brief's checker failed on this text", None)
                .with_help("please report it, with the file");
            Report::single(label, d)
        }
    };
    convert::diagnostics(&report, &job.text, &job.uri, job.opts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::position::Encoding;
    use std::sync::mpsc::channel;

    fn job(uri: &Uri, version: i32, text: &str) -> Job {
        let opts = Options {
            encoding: Encoding::Utf16,
            related: true,
        };
        Job {
            uri: uri.clone(),
            version,
            text: Arc::new(text.to_string()),
            opts,
        }
    }

    /// Queues `jobs` (noting each as the newest of its document unless
    /// `stale`), runs the thread over them, and returns what it published.
    fn published(jobs: Vec<Job>, latest: &Latest) -> Vec<(String, i32)> {
        let (tx, rx) = channel();
        for j in jobs {
            let mut newest = lock(latest);
            let version = newest.get(&j.uri).map_or(j.version, |&v| v.max(j.version));
            newest.insert(j.uri.clone(), version);
            drop(newest);
            tx.send(j).unwrap();
        }
        let (out, from) = channel();
        let shared = Arc::clone(latest);
        let worker = std::thread::spawn(move || run(&rx, &out, &shared));
        let mut got = Vec::new();
        while let Ok(m) = from.recv_timeout(Duration::from_millis(500)) {
            let p = &m["params"];
            got.push((
                p["uri"].as_str().unwrap().to_string(),
                p["version"].as_i64().unwrap() as i32,
            ));
        }
        drop(tx);
        worker.join().unwrap();
        got
    }

    #[test]
    fn a_newer_edit_replaces_the_checks_waiting_for_their_turn() {
        let a: Uri = "file:///a.toml".parse().unwrap();
        let b: Uri = "file:///b.toml".parse().unwrap();
        let mut jobs: Vec<Job> = (1..=5).map(|v| job(&a, v, "x")).collect();
        jobs.push(job(&b, 7, "y"));
        let got = published(jobs, &Latest::default());
        assert_eq!(
            got,
            [("file:///a.toml".into(), 5), ("file:///b.toml".into(), 7)]
        );
    }

    #[test]
    fn a_check_older_than_the_newest_edit_or_of_a_closed_document_is_not_published() {
        let a: Uri = "file:///a.toml".parse().unwrap();
        let b: Uri = "file:///b.toml".parse().unwrap();
        let latest = Latest::default();
        // An edit to version 9 is on its way: version 3's check is stale.
        lock(&latest).insert(a.clone(), 9);
        assert_eq!(published(vec![job(&a, 3, "x")], &latest), []);
        // A document closed (forgotten) after its edit was queued.
        let (jobs, rx) = channel();
        let checker = Checker {
            jobs,
            latest: Latest::default(),
        };
        checker.check(job(&b, 1, "y"));
        checker.forget(&b);
        let queued = rx.recv().unwrap();
        assert!(!is_latest(&checker.latest, &queued));
    }

    #[test]
    fn the_check_is_brief_checks() {
        let a: Uri = "file:///a.toml".parse().unwrap();
        let d = check(&job(&a, 1, "[briefing]\n"));
        assert!(
            d.iter()
                .any(|d| d.message == "missing key `title` in `[briefing]`"),
            "{d:#?}"
        );
        let big = "#".repeat(crate::model::load::MAX_BYTES as usize + 1);
        let d = check(&job(&a, 1, &big));
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].code,
            Some(ls_types::NumberOrString::String("too-large".into()))
        );
    }
}
