//! What a session sends its client, between the reader's thread (which
//! must never block on the network) and the connection's task (which waits
//! for the client's SSH window). Frames queue up to a cap; past it a frame
//! is dropped, and once the client has caught up the reader is asked for a
//! frame in full, so a client that does not read holds no more than the cap.

use crate::tui::Wake;
use russh::ChannelWriteHalf;
use russh::server::Msg;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::{Notify, oneshot};

/// Output queued per session beyond the frame being sent (1 MiB): a client
/// that reads slower than the reader draws loses frames, not memory.
pub const MAX_QUEUED: usize = 1024 * 1024;

/// The queue between a session's reader and its client.
#[derive(Debug, Default)]
pub struct Outbox {
    state: Mutex<State>,
    ready: Notify,
    /// Bytes sent to the client so far (for the log).
    pub sent: AtomicU64,
    /// Frames dropped for a client that was behind (for the log).
    pub dropped: AtomicU64,
}

#[derive(Debug, Default)]
struct State {
    queue: VecDeque<Vec<u8>>,
    queued: usize,
    /// A frame was dropped: the next frame must repaint every cell.
    dropped: bool,
    /// The session ended with this exit status: send it once drained.
    closed: Option<u32>,
}

/// What the connection's task sends next.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// Bytes, and whether the reader must now repaint in full (frames were
    /// dropped and this is the last of the queue).
    Bytes(Vec<u8>, bool),
    Closed(u32),
}

impl Outbox {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues a frame, or drops it when the client is `MAX_QUEUED` behind.
    /// A frame is never dropped into an empty queue, however large.
    pub fn frame(&self, bytes: &[u8]) {
        let mut state = self.state();
        if state.closed.is_some() {
            return;
        }
        if state.queued > 0 && state.queued + bytes.len() > MAX_QUEUED {
            state.dropped = true;
            self.dropped.fetch_add(1, Ordering::Relaxed);
            return;
        }
        state.queued += bytes.len();
        state.queue.push_back(bytes.to_vec());
        drop(state);
        self.ready.notify_one();
    }

    /// Queues terminal modes or a message: small, and dropped only past
    /// twice the cap (the repaint that follows sends the modes again).
    pub fn control(&self, bytes: &[u8]) {
        let mut state = self.state();
        if state.queued + bytes.len() > 2 * MAX_QUEUED {
            state.dropped = true;
        } else if state.closed.is_none() {
            state.queued += bytes.len();
            state.queue.push_back(bytes.to_vec());
        }
        drop(state);
        self.ready.notify_one();
    }

    /// Nothing more will be queued: once what is queued is sent, the
    /// channel closes with `status`.
    pub fn close(&self, status: u32) {
        self.state().closed.get_or_insert(status);
        self.ready.notify_one();
    }

    /// Bytes waiting to be sent.
    #[cfg(test)]
    fn queued(&self) -> usize {
        self.state().queued
    }

    async fn next(&self) -> Next {
        loop {
            {
                let mut state = self.state();
                if let Some(bytes) = state.queue.pop_front() {
                    state.queued -= bytes.len();
                    let repaint = state.queue.is_empty() && std::mem::take(&mut state.dropped);
                    return Next::Bytes(bytes, repaint);
                }
                if let Some(status) = state.closed {
                    return Next::Closed(status);
                }
            }
            // One consumer: a notification sent since the check is kept.
            self.ready.notified().await;
        }
    }
}

/// Sends the outbox to the client until the session closes it (then the
/// exit status, EOF and close) or the connection goes (`gone` fires).
/// `hold` is kept until then (the session's place among the limit).
pub async fn pump<H: Send>(
    outbox: Arc<Outbox>,
    channel: ChannelWriteHalf<Msg>,
    reader: Sender<Wake>,
    mut gone: oneshot::Receiver<()>,
    hold: H,
) {
    let _hold = hold;
    loop {
        let next = tokio::select! {
            next = outbox.next() => next,
            _ = &mut gone => return,
        };
        match next {
            Next::Bytes(bytes, repaint) => {
                let n = bytes.len() as u64;
                let sent = tokio::select! {
                    sent = channel.data_bytes(bytes) => sent,
                    _ = &mut gone => return,
                };
                if sent.is_err() {
                    return;
                }
                outbox.sent.fetch_add(n, Ordering::Relaxed);
                if repaint {
                    // As after a Ctrl-z: modes again, every cell redrawn.
                    let _ = reader.send(Wake::Continue);
                }
            }
            Next::Closed(status) => {
                let _ = channel.exit_status(status).await;
                let _ = channel.eof().await;
                let _ = channel.close().await;
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(outbox: &Outbox) -> Vec<Next> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut out = Vec::new();
        while outbox.queued() > 0 {
            out.push(rt.block_on(outbox.next()));
        }
        out
    }

    #[test]
    fn a_client_that_does_not_read_holds_at_most_the_cap_then_gets_a_full_frame() {
        let outbox = Outbox::default();
        let frame = vec![b'x'; 100 * 1024];
        // The client reads nothing while 100 frames (10 MB) are drawn.
        for _ in 0..100 {
            outbox.frame(&frame);
        }
        assert!(outbox.queued() <= MAX_QUEUED, "{}", outbox.queued());
        let sent = drain(&outbox);
        // Only the last of what was queued asks for a repaint.
        let repaints: Vec<bool> = sent
            .iter()
            .map(|n| matches!(n, Next::Bytes(_, true)))
            .collect();
        assert_eq!(repaints.iter().filter(|r| **r).count(), 1);
        assert_eq!(repaints.last(), Some(&true));
        // Caught up: frames queue again, and no repaint is asked for.
        outbox.frame(&frame);
        assert_eq!(drain(&outbox), vec![Next::Bytes(frame.clone(), false)]);
    }

    #[test]
    fn a_frame_larger_than_the_cap_still_goes_to_an_idle_client() {
        let outbox = Outbox::default();
        let huge = vec![b'y'; MAX_QUEUED * 3 / 2];
        outbox.frame(&huge);
        assert_eq!(outbox.queued(), huge.len());
        outbox.control(b"\x1b[?1049l");
        outbox.close(0);
        outbox.frame(b"after close");
        let sent = drain(&outbox);
        assert_eq!(sent.len(), 2);
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(rt.block_on(outbox.next()), Next::Closed(0));
    }
}
