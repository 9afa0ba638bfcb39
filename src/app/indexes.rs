//! The search indexes of the open briefings: built on first use, or ahead of
//! it a slice at a time while the reader is idle, so neither a keystroke nor
//! start-up waits for a large briefing to be indexed. Readers of one library
//! (the sessions of `brief serve`) share them: an index belongs to the
//! version it was built from, made once whoever searches first.

use super::Entry;
use crate::model::Loaded;
use crate::search::{Builder, Index};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

/// Targets indexed per idle step: a few milliseconds on the largest files.
const STEP: usize = 400;

#[derive(Debug, Default)]
pub struct Indexes {
    built: Vec<Option<Arc<Index>>>,
    /// The entry being indexed in the background, and how far it got.
    building: Option<(usize, Builder)>,
    /// The indexes other readers of the same versions built.
    shared: Option<Arc<SharedIndexes>>,
}

/// Indexes by the version they were built from, for every reader of a
/// library: fifty sessions searching 1,000 briefings would each build and
/// hold an index of every one (20-30 KB a briefing of 19 KB).
#[derive(Debug, Default)]
pub struct SharedIndexes {
    /// By the version's address; the weak pointer tells a version that is
    /// gone (its address may be reused) from the one that is here.
    /// And how many were left by the last sweep.
    by_version: Mutex<(HashMap<usize, VersionIndex>, usize)>,
}

/// The map is swept of versions gone when it has doubled since the last
/// sweep (from at least this many): a sweep per insert would make indexing
/// a library quadratic in its size.
const SWEEP_FROM: usize = 64;

/// A version (weakly: the index does not keep it) and its index.
type VersionIndex = (Weak<Loaded>, Arc<Index>);

impl SharedIndexes {
    fn get(&self, version: &Arc<Loaded>) -> Option<Arc<Index>> {
        let guard = self.by_version.lock().unwrap_or_else(|e| e.into_inner());
        let (weak, index) = guard.0.get(&key(version))?;
        (weak.as_ptr() == Arc::as_ptr(version)).then(|| index.clone())
    }

    /// Keeps `index` for `version`, and lets go of the indexes of versions
    /// no reader holds any more (see [`SWEEP_FROM`]).
    fn put(&self, version: &Arc<Loaded>, index: &Arc<Index>) {
        let mut guard = self.by_version.lock().unwrap_or_else(|e| e.into_inner());
        let (map, swept) = &mut *guard;
        if map.len() >= (*swept * 2).max(SWEEP_FROM) {
            map.retain(|_, (weak, _)| weak.strong_count() > 0);
            *swept = map.len();
        }
        map.insert(key(version), (Arc::downgrade(version), index.clone()));
    }

    /// How many indexes are kept.
    pub fn len(&self) -> usize {
        (self.by_version.lock().unwrap_or_else(|e| e.into_inner()))
            .0
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn key(version: &Arc<Loaded>) -> usize {
    Arc::as_ptr(version) as usize
}

impl Indexes {
    /// From now on, indexes are shared with every reader given `shared`.
    pub fn share(&mut self, shared: Arc<SharedIndexes>) {
        self.shared = Some(shared);
    }

    /// The index of an entry's briefing, finished now if need be.
    pub fn get(&mut self, entries: &[Entry], entry: usize) -> Option<Arc<Index>> {
        if self.built.len() < entries.len() {
            self.built.resize(entries.len(), None);
        }
        if self.built.get(entry)?.is_none() {
            let version = entries.get(entry)?.version()?;
            let index = match self.shared_index(version) {
                Some(index) => {
                    if self.building.as_ref().is_some_and(|(e, _)| *e == entry) {
                        self.building = None;
                    }
                    index
                }
                None => {
                    let builder = match self.building.take() {
                        Some((e, started)) if e == entry => started,
                        other => {
                            self.building = other;
                            Builder::new(&version.briefing)
                        }
                    };
                    self.keep_shared(version, builder.finish(&version.briefing))
                }
            };
            self.built[entry] = Some(index);
        }
        self.built[entry].clone()
    }

    /// Another reader's index of `version`, if one was built.
    fn shared_index(&self, version: &Arc<Loaded>) -> Option<Arc<Index>> {
        self.shared.as_ref()?.get(version)
    }

    /// `index`, shared with the other readers of `version`.
    fn keep_shared(&self, version: &Arc<Loaded>, index: Index) -> Arc<Index> {
        let index = Arc::new(index);
        if let Some(shared) = &self.shared {
            shared.put(version, &index);
        }
        index
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
            if let Some(index) = (entries[entry].version()).and_then(|v| self.shared_index(v)) {
                self.built.resize(self.built.len().max(entries.len()), None);
                self.built[entry] = Some(index);
                return true;
            }
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
            let index = builder.finish(b);
            self.built[entry] = Some(match entries[entry].version() {
                Some(version) => self.keep_shared(version, index),
                None => Arc::new(index),
            });
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

    /// Readers given one `SharedIndexes` build each version's index once,
    /// on demand or while idle; a new version gets its own, and the index
    /// of a version no reader holds is let go.
    #[test]
    fn readers_sharing_indexes_build_each_version_once() {
        let entries = entries();
        let shared = Arc::new(SharedIndexes::default());
        let (mut one, mut two) = (Indexes::default(), Indexes::default());
        one.share(shared.clone());
        two.share(shared.clone());
        let built = one.get(&entries, 1).expect("indexed");
        // Idle steps take what another reader built, and share what they build.
        while two.step(&entries, None) {}
        assert!(Arc::ptr_eq(&built, &two.get(&entries, 1).unwrap()));
        let stepped = two.get(&entries, 0).unwrap();
        assert!(Arc::ptr_eq(&stepped, &one.get(&entries, 0).unwrap()));
        assert_eq!(shared.len(), 2);
        // Another version of the same text is another index; the old
        // version's goes once no reader holds that version.
        let ukraine = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
        let newer = vec![Entry::new("u", crate::model::load_str("u", ukraine))];
        let mut three = Indexes::default();
        three.share(shared.clone());
        assert!(!Arc::ptr_eq(&built, &three.get(&newer, 0).unwrap()));
        assert_eq!(shared.len(), 3);
        drop((entries, one, two, three, newer));
        // Versions come and go (edits): the indexes of those gone are let go
        // now and then, so the map stays within twice what is live.
        let text = include_str!("../../briefings/ukraine-talks-2025-12-02.toml");
        for _ in 0..3 * SWEEP_FROM {
            let version = vec![Entry::new("u", crate::model::load_str("u", text))];
            let mut reader = Indexes::default();
            reader.share(shared.clone());
            reader.get(&version, 0);
        }
        assert!(shared.len() <= SWEEP_FROM, "{} kept", shared.len());
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
