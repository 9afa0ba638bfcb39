//! Saving read marks off the UI thread. The writer folds everything queued
//! into one save (one write of the file, whatever the number of briefings).
//! Quitting hands it the last changes and waits a bounded time, ending at
//! once on a signal; what was not saved is said on stderr.

use super::Wake;
use crate::app::App;
use crate::state::{Changes, LOCK_WAIT, LastGood, Pending, Store};
use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// What the run loop sends the writer.
pub(super) enum ToWriter {
    /// Changes per briefing key, to save now.
    Save(Vec<(String, Changes)>),
    /// Save what is pending, answer with [`Wake::Saved`], and stop.
    Finish,
}

/// How long quitting waits for the last save: a save under way may be
/// waiting for the lock, the last one may wait again, and then it writes.
pub const FINAL_SAVE_WAIT: Duration = Duration::from_secs(LOCK_WAIT.as_secs() * 2 + 1);

/// After a signal the last save gets this long, so the process ends well
/// within a second of the signal.
pub const SIGNAL_SAVE_WAIT: Duration = Duration::from_millis(500);

/// Starts the writer. `stored` is the state loaded at start-up: what a
/// save keeps if it finds the file corrupt (kept out of memory, see [`LastGood`]);
/// or [`Stored::Later`]: the writer reads it first and sends it to the
/// reader (saves asked for meanwhile wait in the channel).
/// A failed save keeps its changes for the next one, and is reported once
/// until a save succeeds.
pub(super) fn spawn_writer(
    store: Store,
    stored: super::Stored,
    notices: Sender<Wake>,
) -> Sender<ToWriter> {
    let (tx, rx) = mpsc::channel::<ToWriter>();
    let _ = thread::Builder::new().name("state".into()).spawn(move || {
        let loaded = match stored {
            super::Stored::Read(file) => file,
            super::Stored::Later => {
                let (file, warning) = store.load();
                let _ = notices.send(Wake::StateRead(Box::new(file.clone()), warning));
                file
            }
        };
        let mut last_good = match store.path.parent() {
            Some(dir) => LastGood::keep_in(&loaded, dir),
            None => LastGood::from(&loaded),
        };
        drop(loaded);
        // The state as parsed is several times its bytes: give it back now
        // (in `brief serve`, once per session start) rather than at the
        // first save, which may never come.
        crate::library::give_back_memory();
        let mut pending = Pending::default();
        let mut failing: Option<String> = None;
        while let Ok(first) = rx.recv() {
            let mut finish = false;
            for message in std::iter::once(first).chain(rx.try_iter()) {
                match message {
                    ToWriter::Save(batch) => batch.into_iter().for_each(|(k, c)| pending.add(k, c)),
                    ToWriter::Finish => finish = true,
                }
            }
            let outcome = save(&store, &mut pending, &mut last_good);
            // A save parses and writes the whole file: give that back.
            crate::library::give_back_memory();
            if finish {
                let line = outcome.unwrap_or_else(|e| Some(format!("read marks not saved: {e}")));
                let _ = notices.send(Wake::Saved(line));
                return;
            }
            let notice = match outcome {
                Ok(warning) => {
                    failing = None;
                    warning.map(Wake::Notice)
                }
                Err(e) => {
                    let why = e.to_string();
                    let new = failing.replace(why.clone()).as_ref() != Some(&why);
                    new.then_some(Wake::SaveFailed(why))
                }
            };
            if let Some(wake) = notice
                && notices.send(wake).is_err()
            {
                return;
            }
        }
    });
    tx
}

/// One save of everything pending; cleared once written.
fn save(
    store: &Store,
    pending: &mut Pending,
    last_good: &mut LastGood,
) -> io::Result<Option<String>> {
    if pending.is_empty() {
        return Ok(None);
    }
    let warning = store.save(pending, last_good)?;
    pending.clear();
    Ok(warning)
}

/// The run's last step, the terminal restored: saves the last view and any
/// marks not yet saved ([`finish`]), says on stderr what was not saved, and
/// returns how the run ended (a signal during the save ends it at once).
pub(super) fn finish_and_report(
    writer: &Sender<ToWriter>,
    app: &mut App,
    rx: &Receiver<Wake>,
    result: io::Result<Option<i32>>,
) -> io::Result<Option<i32>> {
    let ended_by = result.as_ref().ok().copied().flatten();
    let (signal, line) = finish(writer, app.take_final_changes(), rx, ended_by);
    if let Some(line) = line {
        // Not `eprintln!`: it panics if stderr is gone (a hung-up terminal).
        let line = crate::model::sanitize::sanitize_inline(&line);
        let _ = writeln!(io::stderr(), "brief: {line}");
    }
    result.map(|_| signal)
}

/// Hands the writer the last changes and waits for it: at most
/// [`FINAL_SAVE_WAIT`], or [`SIGNAL_SAVE_WAIT`] when `signal` ended the
/// reader. A signal meanwhile ends the wait at once. Returns the signal that
/// ended the reader, if one did, and a line for stderr when the marks were
/// not (or may not have been) saved, or the save has a warning.
pub(super) fn finish(
    writer: &Sender<ToWriter>,
    last: Vec<(String, Changes)>,
    rx: &Receiver<Wake>,
    signal: Option<i32>,
) -> (Option<i32>, Option<String>) {
    let asked = writer
        .send(ToWriter::Save(last))
        .and_then(|()| writer.send(ToWriter::Finish));
    if asked.is_err() {
        let line = "read marks not saved: the state writer has stopped";
        return (signal, Some(line.into()));
    }
    let wait = if signal.is_some() {
        SIGNAL_SAVE_WAIT
    } else {
        FINAL_SAVE_WAIT
    };
    let deadline = Instant::now() + wait;
    let mut why = None;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Wake::Saved(line)) => return (signal, line),
            Ok(Wake::Terminate(sig)) => {
                let line =
                    format!("read marks may not be saved: signal {sig} arrived during the save");
                return (Some(sig), Some(line));
            }
            Ok(Wake::SaveFailed(text)) => why = Some(text),
            Ok(_) => {}
            Err(_) => {
                let why = why.unwrap_or_else(|| {
                    format!(
                        "the state file was not written within {:.1} s",
                        wait.as_secs_f64()
                    )
                });
                return (signal, Some(format!("read marks not saved: {why}")));
            }
        }
    }
}
