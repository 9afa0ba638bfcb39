//! The idle timeout: a session with no key pressed for the limit is closed,
//! with a notice on its status line a minute before (half the limit when
//! that is shorter). A key pressed after the notice starts the count again.

use super::now_ms;
use super::session::Shared;
use crate::tui::Wake;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::Duration;
use tokio::sync::oneshot;

/// The notice comes this long before the close, at most.
const WARN_BEFORE: Duration = Duration::from_secs(60);

/// Starts watching a session; it stops when the returned sender is dropped
/// (the session's thread holds it).
pub fn spawn(
    timeout: Duration,
    last_input: &Arc<AtomicU64>,
    shared: &Arc<Shared>,
    tx: &Sender<Wake>,
) -> oneshot::Sender<()> {
    let (done_tx, done) = oneshot::channel();
    let (last, shared, tx) = (last_input.clone(), shared.clone(), tx.clone());
    tokio::spawn(watch(timeout, last, shared, tx, done));
    done_tx
}

/// Watches one session until it ends (`done` fires) or idles out.
pub async fn watch(
    timeout: Duration,
    last_input: Arc<AtomicU64>,
    shared: Arc<Shared>,
    tx: Sender<Wake>,
    mut done: oneshot::Receiver<()>,
) {
    let warn_at = timeout - WARN_BEFORE.min(timeout / 2);
    let mut warned = false;
    loop {
        let idle =
            Duration::from_millis(now_ms().saturating_sub(last_input.load(Ordering::Relaxed)));
        let wait = if idle >= timeout {
            let why = format!("closed after {} without a key", human(timeout));
            *shared.ending.lock().unwrap_or_else(|e| e.into_inner()) = Some(why);
            let _ = tx.send(Wake::InputClosed);
            return;
        } else if idle >= warn_at {
            if !warned {
                warned = true;
                let notice = format!(
                    "idle: this session closes in {} unless a key is pressed",
                    human(timeout - idle)
                );
                let _ = tx.send(Wake::Notice(notice));
            }
            timeout - idle
        } else {
            warned = false;
            warn_at - idle
        };
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = &mut done => return,
        }
    }
}

/// `30 min`, `1 min`, `45 s`.
fn human(d: Duration) -> String {
    let secs = d.as_secs_f64().round() as u64;
    if secs >= 60 && secs.is_multiple_of(60) {
        format!("{} min", secs / 60)
    } else {
        format!("{secs} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn an_idle_session_is_warned_then_closed_and_a_key_puts_it_off() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let last = Arc::new(AtomicU64::new(now_ms()));
        let (_done_tx, done) = oneshot::channel();
        rt.block_on(watch(
            Duration::from_millis(400),
            last,
            shared.clone(),
            tx,
            done,
        ));
        let wakes: Vec<Wake> = rx.try_iter().collect();
        assert!(
            matches!(&wakes[..], [Wake::Notice(n), Wake::InputClosed] if n.starts_with("idle:")),
            "{wakes:?}"
        );
        let ending = shared.ending.lock().unwrap().clone().unwrap();
        assert!(ending.contains("without a key"), "{ending}");
        assert_eq!(human(Duration::from_secs(1800)), "30 min");
    }
}
