//! The search indexes of the open briefings: built on first use, or ahead of
//! it a slice at a time while the reader is idle, so neither a keystroke nor
//! start-up waits for a large briefing to be indexed.

use super::Entry;
use crate::search::{Builder, Index};
use std::rc::Rc;

/// Targets indexed per idle step: a few milliseconds on the largest files.
const STEP: usize = 400;

#[derive(Debug, Default)]
pub struct Indexes {
    built: Vec<Option<Rc<Index>>>,
    /// The entry being indexed in the background, and how far it got.
    building: Option<(usize, Builder)>,
}

impl Indexes {
    /// The index of an entry's briefing, finished now if need be.
    pub fn get(&mut self, entries: &[Entry], entry: usize) -> Option<Rc<Index>> {
        if self.built.len() < entries.len() {
            self.built.resize(entries.len(), None);
        }
        if self.built.get(entry)?.is_none() {
            let b = entries.get(entry)?.briefing()?;
            let builder = match self.building.take() {
                Some((e, started)) if e == entry => started,
                other => {
                    self.building = other;
                    Builder::new(b)
                }
            };
            self.built[entry] = Some(Rc::new(builder.finish(b)));
        }
        self.built[entry].clone()
    }

    /// An index already built.
    pub fn built(&self, entry: usize) -> Option<&Index> {
        self.built.get(entry)?.as_deref()
    }

    /// One slice of background indexing (of entry `only`, else of any);
    /// false when nothing is left to do.
    pub fn step(&mut self, entries: &[Entry], only: Option<usize>) -> bool {
        if self.building.is_none() {
            let candidates = match only {
                Some(e) => e..e.saturating_add(1).min(entries.len()),
                None => 0..entries.len(),
            };
            let todo = candidates.into_iter().find(|&e| {
                self.built.get(e).is_none_or(Option::is_none) && entries[e].briefing().is_some()
            });
            let Some(entry) = todo else { return false };
            let b = entries[entry].briefing().expect("checked above");
            self.building = Some((entry, Builder::new(b)));
        }
        let Some((entry, mut builder)) = self.building.take() else {
            return false;
        };
        let Some(b) = entries.get(entry).and_then(Entry::briefing) else {
            return true;
        };
        if builder.step(b, STEP) {
            if self.built.len() < entries.len() {
                self.built.resize(entries.len(), None);
            }
            self.built[entry] = Some(Rc::new(builder.finish(b)));
        } else {
            self.building = Some((entry, builder));
        }
        true
    }

    /// Forget one entry's index (and its build, if under way).
    pub fn forget(&mut self, entry: usize) {
        if let Some(slot) = self.built.get_mut(entry) {
            *slot = None;
        }
        if self.building.as_ref().is_some_and(|(e, _)| *e == entry) {
            self.building = None;
        }
    }

    /// Forget everything (documents changed).
    pub fn clear(&mut self) {
        self.built.clear();
        self.building = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;
    use crate::search::Query;

    fn entries() -> Vec<Entry> {
        let big = brief_sample(6, 200);
        let ukraine = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
        vec![
            Entry::new("big", load_str("big", &big)),
            Entry::new("u", load_str("u", ukraine)),
        ]
    }

    fn brief_sample(sections: usize, items: usize) -> String {
        crate::sample::generate(sections, items)
    }

    fn hits(index: &Index, q: &str) -> Vec<crate::search::Hit> {
        index.search(&Query::parse(q))
    }

    #[test]
    fn idle_steps_build_the_same_indexes_a_slice_at_a_time() {
        let entries = entries();
        let mut idle = Indexes::default();
        let mut steps = 0;
        while idle.step(&entries, None) {
            steps += 1;
            assert!(steps < 10_000, "never finishes");
        }
        assert!(
            steps > 5,
            "1,200 items should take several slices, took {steps}"
        );
        for (e, entry) in entries.iter().enumerate() {
            let whole = Index::build(entry.briefing().unwrap());
            let stepped = idle.built(e).expect("built while idle");
            for q in ["putin", "kremlin talks", "\"frozen assets\"", "zzz"] {
                assert_eq!(hits(stepped, q), hits(&whole, q), "{q}");
            }
            assert_eq!(stepped.fields.len(), whole.fields.len());
        }
    }

    #[test]
    fn asking_for_an_index_mid_build_finishes_it() {
        let entries = entries();
        let mut indexes = Indexes::default();
        assert!(indexes.step(&entries, None));
        assert!(
            indexes.built(0).is_none(),
            "one slice is not the whole briefing"
        );
        let index = indexes.get(&entries, 0).expect("finished on demand");
        let whole = Index::build(entries[0].briefing().unwrap());
        assert_eq!(hits(&index, "putin"), hits(&whole, "putin"));
        indexes.clear();
        assert!(indexes.built(0).is_none());
    }
}
