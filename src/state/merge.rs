//! Merging readers' changes into the state file. A reader records, per item
//! key, each change it makes (read with the item's hash, or unread) with a
//! stamp, and saves only those: under the lock they are applied key by key
//! to what is on disk, and where two readers changed the same key the later
//! stamp wins. Keys no reader changed are left as they are on disk.
//!
//! Nothing here depends on how a briefing's key is made (`briefing_key`):
//! changing that key, or folding two keys into one, keeps the same rule.

use super::{BriefingState, SavedView, StateFile};
use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

/// One change to an item's read mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemChange {
    /// The item's content hash when it was marked read; `None`: marked unread.
    pub read: Option<u64>,
    /// When, in milliseconds since the epoch (see [`BriefingState::next_stamp`]).
    pub stamp: u64,
}

/// What one reader changed in one briefing and has not saved yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// The view to reopen at, when it moved.
    pub view: Option<Box<SavedView>>,
    /// Read marks set or cleared, by item key.
    pub items: BTreeMap<String, ItemChange>,
    /// Items that became known (at a first visit, or when read), with their hash.
    pub known: BTreeMap<String, u64>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.view.is_none() && self.items.is_empty() && self.known.is_empty()
    }

    /// Records a change to `key`'s read mark; of two changes to one key the
    /// later stamp is kept.
    pub fn record(&mut self, key: String, change: ItemChange) {
        let slot = self.items.entry(key).or_insert(change);
        if change.stamp >= slot.stamp {
            *slot = change;
        }
    }

    /// Folds a later batch of the same reader's changes into this one.
    pub fn absorb(&mut self, later: Changes) {
        if later.view.is_some() {
            self.view = later.view;
        }
        for (key, change) in later.items {
            self.record(key, change);
        }
        self.known.extend(later.known);
    }
}

impl BriefingState {
    /// Applies one reader's changes: per item key the later stamp wins (a
    /// tie goes to `changes`, the later writer); known items are a union; a
    /// view that moved replaces the stored one. Applying the same changes
    /// twice gives the same state.
    pub fn apply(&mut self, changes: &Changes) {
        for (key, change) in &changes.items {
            if self
                .changed
                .get(key)
                .is_some_and(|&theirs| theirs > change.stamp)
            {
                continue;
            }
            match change.read {
                Some(hash) => self.read.insert(key.clone(), hash),
                None => self.read.remove(key),
            };
            self.changed.insert(key.clone(), change.stamp);
        }
        for (key, hash) in &changes.known {
            self.known.insert(key.clone(), *hash);
        }
        if let Some(view) = &changes.view {
            self.last_view = Some(view.clone());
        }
    }

    /// The stamp for a new change to `key`: the clock, but always after the
    /// last change to it this state has seen, so a change made after seeing
    /// another reader's wins even if this machine's clock is behind.
    pub fn next_stamp(&self, key: &str) -> u64 {
        let after = self.changed.get(key).map_or(0, |s| s.saturating_add(1));
        now_stamp().max(after)
    }

    /// Folds in the state stored under an older key of the same briefing
    /// (see `legacy_key`) by the rule of [`apply`](Self::apply), a mark
    /// without a stamp counting as older than any stamped change, and
    /// returns what it took as changes, so that the next save writes them
    /// under the new key. The older key's view is taken only when this state
    /// has none. Folding the same state in again returns no changes.
    pub fn adopt(&mut self, old: &BriefingState) -> Changes {
        let items = (old.read.keys().chain(old.changed.keys()))
            .map(|key| {
                let change = ItemChange {
                    read: old.read.get(key).copied(),
                    stamp: old.changed.get(key).copied().unwrap_or(0),
                };
                (key.clone(), change)
            })
            .filter(|(key, change)| {
                self.changed
                    .get(key)
                    .is_none_or(|&theirs| theirs < change.stamp)
            })
            .collect();
        let view = match self.last_view {
            None => old.last_view.clone(),
            Some(_) => None,
        };
        let known = (old.known.iter())
            .filter(|(key, hash)| self.known.get(*key) != Some(hash))
            .map(|(key, hash)| (key.clone(), *hash))
            .collect();
        let changes = Changes { view, items, known };
        self.apply(&changes);
        changes
    }
}

/// Milliseconds since the epoch (0 if the clock is before it).
pub fn now_stamp() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// Changes not yet written, per briefing key: what a save applies.
#[derive(Debug, Clone, Default)]
pub struct Pending(BTreeMap<String, Changes>);

impl Pending {
    /// Adds a reader's changes to one briefing, after those already here.
    pub fn add(&mut self, key: String, changes: Changes) {
        match self.0.get_mut(&key) {
            Some(held) => held.absorb(changes),
            None => {
                self.0.insert(key, changes);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(Changes::is_empty)
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Applies every briefing's changes to `file`, in one pass.
    pub fn apply_to(&self, file: &mut StateFile) {
        for (key, changes) in &self.0 {
            if !changes.is_empty() {
                file.briefings
                    .entry(key.clone())
                    .or_default()
                    .apply(changes);
            }
        }
    }
}
