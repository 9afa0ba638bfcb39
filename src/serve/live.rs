//! A running session as its connection sees it: what starts it (the
//! reader's thread, the output pump, the idle timer) and what the
//! connection feeds it (keys, window sizes, the end of the input).

use super::hub::Slot;
use super::input::InputParser;
use super::keys::Reader;
use super::outbox::{Outbox, pump};
use super::session::{Record, Shared, Start};
use super::{Server, now_ms};
use crate::tui::Wake;
use ratatui::crossterm::event::Event;
use russh::ChannelWriteHalf;
use russh::server::Msg;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use tokio::sync::oneshot;

/// Input events queued for a reader that has not drawn yet; past it keys
/// are dropped (a client pasting megabytes, or a reader stuck).
pub const MAX_PENDING_INPUT: usize = 1024;

/// What the reader is told when keys were dropped.
const DROPPED: &str = "keys came faster than the reader could take them: some were dropped";

/// The connection's handle on its running session.
pub struct Live {
    tx: Sender<Wake>,
    shared: Arc<Shared>,
    parser: InputParser,
    last_input: Arc<AtomicU64>,
    record: Arc<Record>,
    /// Dropped with the connection: stops the output pump.
    _gone: oneshot::Sender<()>,
}

impl Live {
    /// Starts the reader for `reader` on a channel with a pty (`TERM`,
    /// columns, rows): its thread, its output pump, its idle timer.
    pub fn start(
        server: &Arc<Server>,
        record: &Arc<Record>,
        reader: Reader,
        (term, cols, rows): (String, u32, u32),
        channel: ChannelWriteHalf<Msg>,
        slot: Slot,
    ) -> std::io::Result<Self> {
        let shared = Arc::new(Shared::default());
        shared.size.set(cols, rows);
        let outbox = Arc::new(Outbox::default());
        *record.outbox.lock().unwrap_or_else(|e| e.into_inner()) = Some(outbox.clone());
        let (tx, rx) = mpsc::channel();
        let (gone_tx, gone_rx) = oneshot::channel();
        let last_input = Arc::new(AtomicU64::new(now_ms()));
        // The place is free once the session's thread and its output are both done.
        let slot = Arc::new(slot);
        tokio::spawn(pump(
            outbox.clone(),
            channel,
            tx.clone(),
            gone_rx,
            slot.clone(),
        ));
        let limit = server.limits.idle_timeout;
        let done_tx = super::idle::spawn(limit, &last_input, &shared, &tx);
        let start = Start {
            reader,
            term,
            shared: shared.clone(),
            outbox,
            tx: tx.clone(),
            rx,
            keep: Box::new((slot, record.clone(), done_tx)),
        };
        super::session::spawn(server.clone(), start)?;
        Ok(Self {
            tx,
            shared,
            parser: InputParser::default(),
            last_input,
            record: record.clone(),
            _gone: gone_tx,
        })
    }

    /// The client's bytes: parsed into events for the reader, up to the cap.
    pub fn feed(&mut self, data: &[u8]) {
        self.last_input.store(now_ms(), Ordering::Relaxed);
        let (tx, shared) = (&self.tx, &self.shared);
        let mut dropped = 0u64;
        self.parser.feed(data, |event| {
            if shared.pending.fetch_add(1, Ordering::Relaxed) >= MAX_PENDING_INPUT {
                dropped += 1;
            } else {
                let _ = tx.send(Wake::Input(event));
            }
        });
        if dropped == 0 {
            return;
        }
        self.record
            .keys_dropped
            .fetch_add(dropped, Ordering::Relaxed);
        // After the keys that were taken, so the reader shows it once they
        // are drawn; at most one on its way at a time.
        if !shared.told.swap(true, Ordering::Relaxed) {
            let _ = self.tx.send(Wake::Notice(DROPPED.into()));
        }
    }

    /// The client's window changed.
    pub fn resize(&self, cols: u32, rows: u32) {
        let (w, h) = self.shared.size.set(cols, rows);
        let _ = self.tx.send(Wake::Input(Event::Resize(w, h)));
    }

    /// The client's input ended (EOF, channel closed).
    pub fn input_closed(&self) {
        let _ = self.tx.send(Wake::InputClosed);
    }

    /// The connection is gone: the session ends now.
    pub fn gone(&self) {
        self.shared.gone.store(true, Ordering::Relaxed);
        self.input_closed();
    }
}
