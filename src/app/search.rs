//! Search as the app sees it: the prompt, the hits of the current query (in
//! the open briefing, or in every briefing from the library), and n/N.

mod across;

pub use across::{Asked, Finding};

use super::view::{ListPos, View};
use super::{App, Entry};
use crate::library::search::Found;
use crate::search::{Hit, Index, Query, Target};

/// One hit: which briefing, and where in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchHit {
    pub entry: usize,
    pub hit: Hit,
}

/// The current search.
#[derive(Debug, Default)]
pub struct Search {
    pub input: String,
    pub query: Query,
    /// Hits in the briefings held (the open one, or a library held whole).
    pub hits: Vec<SearchHit>,
    /// Hits found in a library's files (see `across`); rows carry their text.
    pub found: Vec<Found>,
    /// The search of a library's files, while it runs and once it is done.
    pub finding: Option<Finding>,
    /// True while the prompt takes the keys.
    pub typing: bool,
    /// The hit n/N last opened.
    pub current: Option<usize>,
    /// Search every briefing (opened from the library) or only the open one.
    pub all_entries: bool,
    /// The jump palette: fuzzy titles rather than full-text search.
    pub palette: bool,
    /// Said in the prompt until the next key ("no hits" after Enter).
    pub note: Option<&'static str>,
    /// One per entry, built on first use or while idle.
    indexes: super::indexes::Indexes,
}

impl Search {
    /// How many hits there are, of either kind.
    pub fn len(&self) -> usize {
        self.hits.len() + self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry hit `n` is in.
    pub fn entry_of(&self, n: usize) -> Option<usize> {
        match self.hits.get(n) {
            Some(h) => Some(h.entry),
            None => self.found.get(n).map(|f| f.entry),
        }
    }

    /// The index of an entry's briefing, built once.
    pub fn index(&mut self, entries: &[Entry], entry: usize) -> Option<std::sync::Arc<Index>> {
        self.indexes.get(entries, entry)
    }

    /// An index already built (rendering never builds one).
    pub fn built(&self, entry: usize) -> Option<&Index> {
        self.indexes.built(entry)
    }

    /// Shares the indexes with the other readers given `shared`.
    pub fn share_indexes(&mut self, shared: std::sync::Arc<super::indexes::SharedIndexes>) {
        self.indexes.share(shared);
    }

    /// Forget the indexes (documents changed).
    pub fn invalidate(&mut self) {
        self.indexes.clear();
    }

    /// Forget one entry's index (its briefing was let go).
    pub fn forget(&mut self, entry: usize) {
        self.indexes.forget(entry);
    }
}

/// Libraries up to this size have every briefing indexed while idle.
pub const IDLE_INDEX_MAX: usize = 100;

impl App {
    pub(super) fn search_open(&mut self, palette: bool) {
        // From the library-wide views too: no briefing is open under them.
        let all_entries = matches!(
            self.top(),
            View::Library(_) | View::People(_) | View::Dossier { from: None, .. }
        );
        let indexes = std::mem::take(&mut self.search.indexes);
        self.search = Search {
            typing: true,
            all_entries,
            palette,
            indexes,
            ..Search::default()
        };
        self.stack.push(View::Results(ListPos::at(0)));
        if self.searches_files() || (all_entries && self.library.keep.lets_go()) {
            // The files are searched (or their titles ranked), not indexes.
            if palette {
                self.run_search();
            }
            return;
        }
        // Build the indexes now, so no keystroke pays for them.
        let entries: Vec<usize> = if all_entries {
            (0..self.entries.len()).collect()
        } else {
            vec![self.current]
        };
        for entry in entries {
            self.search.index(&self.entries, entry);
        }
        if palette {
            self.run_search();
        }
    }

    /// Builds every search index ahead of use, all at once.
    pub fn warm_up_search(&mut self) {
        for entry in 0..self.entries.len() {
            self.search.index(&self.entries, entry);
        }
    }

    /// One slice of indexing ahead of use; false when every index is built.
    /// The run loop calls it while no input is waiting, so no keystroke
    /// waits for a whole large briefing to be indexed.
    /// In a library of more than [`IDLE_INDEX_MAX`] briefings only the open
    /// one is indexed ahead: each index is about as large as its model, and
    /// 10,000 of them held 220 MB that nothing may ever search.
    pub fn index_step(&mut self) -> bool {
        let only = (self.entries.len() > IDLE_INDEX_MAX).then_some(self.current);
        self.search.indexes.step(&self.entries, only)
    }

    /// Closes the prompt and forgets the search (the indexes are kept; a
    /// search of the files under way stops).
    fn cancel_search(&mut self) {
        if self.search.finding.is_some() {
            self.stop_finding();
        }
        self.search = Search {
            indexes: std::mem::take(&mut self.search.indexes),
            ..Search::default()
        };
        if matches!(self.top(), View::Results(_)) {
            self.stack.pop();
        }
    }

    /// Keys while the prompt is open.
    pub(super) fn search_input(&mut self, action: super::Action) {
        use super::Action as A;
        self.search.note = None;
        match action {
            A::Input(c) => {
                self.search.input.push(c);
                self.run_search();
            }
            A::InputBackspace => {
                self.search.input.pop();
                self.run_search();
            }
            A::InputCancel => self.cancel_search(),
            // Enter on an empty prompt leaves it, as Esc does.
            A::InputSubmit if self.search.input.is_empty() => self.cancel_search(),
            // Leaving the prompt here would strand the reader on an empty
            // list only Esc leaves: keep typing, and say why nothing opened.
            A::InputSubmit if self.search.is_empty() => self.search.note = Some("no hits"),
            A::InputSubmit => {
                self.search.typing = false;
                let selected = self.top().list().map_or(0, |l| l.selected);
                self.open_hit(selected);
            }
            A::Quit => self.should_quit = true,
            A::Up
            | A::Down
            | A::PageUp
            | A::PageDown
            | A::Top
            | A::Bottom
            | A::HalfPageDown
            | A::HalfPageUp => self.update_list(action),
            _ => {}
        }
    }

    fn update_list(&mut self, action: super::Action) {
        self.search.typing = false;
        self.update(action);
        self.search.typing = true;
    }

    fn run_search(&mut self) {
        if self.search.palette && self.search.all_entries && self.library.keep.lets_go() {
            return self.run_title_palette();
        }
        if self.search.palette {
            return self.run_palette();
        }
        if self.searches_files() {
            return self.search_files();
        }
        let query = Query::parse(&self.search.input);
        let entries: Vec<usize> = if self.search.all_entries {
            (0..self.entries.len()).collect()
        } else {
            vec![self.current]
        };
        let mut hits = Vec::new();
        for entry in entries {
            if let Some(index) = self.search.index(&self.entries, entry) {
                hits.extend(
                    index
                        .search(&query)
                        .into_iter()
                        .map(|hit| SearchHit { entry, hit }),
                );
            }
        }
        self.search.query = query;
        self.search.hits = hits;
        self.search.current = None;
        if let Some(View::Results(list)) = self.stack.last_mut() {
            *list = ListPos::at(0);
        }
    }

    /// Fuzzy-ranks every target's title (with its section for items).
    fn run_palette(&mut self) {
        let entries: Vec<usize> = if self.search.all_entries {
            (0..self.entries.len()).collect()
        } else {
            vec![self.current]
        };
        let mut candidates: Vec<(String, SearchHit)> = Vec::new();
        for entry in entries {
            let (Some(index), Some(b)) = (
                self.search.index(&self.entries, entry),
                self.entries[entry].briefing(),
            ) else {
                continue;
            };
            for (record, r) in index.records.iter().enumerate() {
                let label = crate::doc::refs::target_crumbs(b, r.target).join(" › ");
                candidates.push((
                    label,
                    SearchHit {
                        entry,
                        hit: Hit {
                            record,
                            field: r.fields.start,
                        },
                    },
                ));
            }
        }
        let ranked = rank(
            &self.search.input,
            candidates.iter().map(|(l, _)| l.as_str()),
        );
        let hits = ranked.into_iter().map(|r| candidates[r].1).collect();
        self.search.query = Query::default();
        self.search.hits = hits;
        self.search.current = None;
        if let Some(View::Results(list)) = self.stack.last_mut() {
            *list = ListPos::at(0);
        }
    }

    /// Opens hit `n` from its briefing's overview: the views above the
    /// overview (the results, the last hit, where the search began) make
    /// way for the hit's, so the columns beside it show where the hit is.
    pub(super) fn open_hit(&mut self, n: usize) {
        if self.search.found.get(n).is_some() {
            return self.open_found(n);
        }
        let Some(&SearchHit { entry, .. }) = self.search.hits.get(n) else {
            self.message = Some("no hits".into());
            return;
        };
        self.open_hit_in(n, entry);
    }

    /// Opens hit `n`, in entry `entry` (held).
    fn open_hit_in(&mut self, n: usize, entry: usize) {
        if self.search.palette && self.search.found.get(n).is_some() {
            // A briefing's title: it opens as from its library row.
            let library = self
                .stack
                .iter()
                .position(|v| matches!(v, View::Library(_)));
            self.stack.truncate(library.map_or(1, |p| p + 1));
            return self.open_entry_as(entry, true);
        }
        let Some(view) = self.hit_view(n) else {
            self.message = Some("the hit is no longer there (the file changed)".into());
            return;
        };
        let library = self
            .stack
            .iter()
            .position(|v| matches!(v, View::Library(_)));
        self.stack.truncate(library.map_or(0, |p| p + 1));
        self.current = entry;
        self.stack.push(View::Overview(ListPos::at(0)));
        self.search.current = Some(n);
        // The list the hit is in, so Back and the columns show it.
        match &view {
            View::Item { at, .. } => self.stack.push(View::section(at.section, at.item)),
            View::Actor { actor, .. } => self.stack.push(View::Actors(ListPos::at(*actor))),
            _ => {}
        }
        self.stack.push(view);
        self.sync_parents();
        self.message = Some(format!("hit {}/{}", n + 1, self.search.len()));
    }

    /// The view a hit opens; an item or the summary scrolled to the hit.
    pub fn hit_view(&self, n: usize) -> Option<View> {
        let target = match self.search.hits.get(n) {
            Some(&SearchHit { entry, hit }) => {
                self.search.built(entry)?.records.get(hit.record)?.target
            }
            None => self.found_target(n)?,
        };
        let reveal = |view: View| {
            if let Some(scroll) = view.scroll() {
                scroll.set(crate::doc::item::REVEAL_MATCH);
            }
            view
        };
        Some(match target {
            Target::Briefing => reveal(View::summary()),
            Target::Section(s) => View::section(s, 0),
            Target::Item(at) => reveal(View::item(at)),
            Target::Actor(actor) => View::actor(actor),
            Target::Source(source) => View::source(source),
        })
    }

    pub(super) fn search_step(&mut self, forward: bool) {
        let len = self.search.len();
        if len == 0 {
            self.message = Some(
                if self.search.query.is_empty() {
                    "no search: press / first"
                } else {
                    "no hits"
                }
                .into(),
            );
            return;
        }
        let next = match (self.search.current, forward) {
            (None, true) => 0,
            (None, false) => len - 1,
            (Some(c), true) => (c + 1) % len,
            (Some(c), false) => (c + len - 1) % len,
        };
        self.open_hit(next);
    }
}

/// The positions of `labels` fuzzy-ranked against `input` (all of them, in
/// order, for an empty input).
fn rank<'a>(input: &str, labels: impl Iterator<Item = &'a str>) -> Vec<usize> {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    let labels: Vec<&str> = labels.collect();
    if input.trim().is_empty() {
        return (0..labels.len()).collect();
    }
    let pattern = Pattern::parse(input, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = nucleo_matcher::Matcher::new(nucleo_matcher::Config::DEFAULT);
    let ranked = pattern.match_list(
        labels.iter().enumerate().map(|(i, l)| Ranked(i, l)),
        &mut matcher,
    );
    ranked.into_iter().map(|(r, _)| r.0).collect()
}

/// A palette label that remembers its position through nucleo's ranking.
struct Ranked<'a>(usize, &'a str);

impl AsRef<str> for Ranked<'_> {
    fn as_ref(&self) -> &str {
        self.1
    }
}
