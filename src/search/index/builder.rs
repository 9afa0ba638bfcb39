//! Building an index a slice at a time, so the reader can do it between
//! keys instead of stalling for the whole of a large briefing.

use super::{Index, n, named_actors, parts};
use crate::model::Briefing;
use crate::search::Target;

/// An index under construction. The briefing must be the same one at every
/// step (the reader drops the builder when a briefing reloads).
#[derive(Debug, Clone)]
pub struct Builder {
    index: Index,
    targets: Vec<Target>,
    actor_base: usize,
    /// First pass: how many targets have been measured, and their totals.
    sized: usize,
    fields: usize,
    bytes: usize,
    /// Second pass: how many targets are in the index.
    built: usize,
}

impl Builder {
    pub fn new(b: &Briefing) -> Self {
        let mut targets = vec![Target::Briefing];
        targets.extend((0..b.sections.len()).map(Target::Section));
        targets.extend(b.items().map(|(at, _)| Target::Item(at)));
        let actor_base = targets.len();
        targets.extend((0..b.actors.len()).map(Target::Actor));
        targets.extend((0..b.sources.len()).map(Target::Source));
        Self {
            index: Index::default(),
            targets,
            actor_base,
            sized: 0,
            fields: 0,
            bytes: 0,
            built: 0,
        }
    }

    /// Does up to `budget` targets' worth of work; true when the index is done.
    pub fn step(&mut self, b: &Briefing, budget: usize) -> bool {
        let total = self.targets.len();
        let mut left = budget;
        // Sized up front: growing by doubling would hold twice the text at
        // the moment of each copy, the peak a large briefing pays for.
        while self.sized < total && left > 0 {
            let parts = parts(b, self.targets[self.sized]);
            self.fields += parts.len();
            self.bytes += parts.iter().map(|(_, s)| s.len()).sum::<usize>();
            self.sized += 1;
            left -= 1;
        }
        if self.sized < total {
            return false;
        }
        if self.built == 0 && self.index.records.capacity() == 0 {
            self.index.fields.reserve_exact(self.fields);
            self.index.records.reserve_exact(total);
            self.index
                .folded
                .reserve_exact(self.bytes + self.bytes / 64);
        }
        while self.built < total && left > 0 {
            let target = self.targets[self.built];
            let named = match target {
                Target::Item(at) => named_actors(b, at),
                _ => Vec::new(),
            };
            let base = self.actor_base;
            self.index
                .record(b, target, named.iter().map(|a| n(base + a)));
            self.built += 1;
            left -= 1;
        }
        self.built == total
    }

    /// The finished index (finishing it first if steps remain).
    pub fn finish(mut self, b: &Briefing) -> Index {
        while !self.step(b, usize::MAX) {}
        self.index.folded.shrink_to_fit();
        self.index.links.shrink_to_fit();
        self.index
    }
}
