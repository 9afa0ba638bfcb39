//! Wrapped text, built once per (item, width) and reused by every frame until
//! the size or the document changes: a frame's cost must not grow with the
//! length of what it shows.

use super::item::ItemText;
use super::refs::Mention;
use crate::model::ItemRef;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// What a cached item text depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ItemKey {
    pub entry: usize,
    pub at: ItemRef,
    pub width: u16,
    pub link: Option<usize>,
    /// Themes differ in glyphs and styles.
    pub theme: (bool, bool),
}

/// Whose mentions: an actor's (quotes and items) or a source's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionsOf {
    Actor(usize),
    Source(usize),
}

/// What a cached positions matrix depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MatrixKey {
    pub entry: usize,
    pub section: usize,
    pub width: u16,
    pub theme: (bool, bool),
}

/// What the cached bottom line (summary and key points) depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SummaryKey {
    pub entry: usize,
    pub width: u16,
    pub theme: (bool, bool),
}

/// One memo table: key -> shared value.
type Memo<K, V> = RefCell<HashMap<K, Rc<V>>>;

/// Interior-mutable so that rendering can stay `&App`.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// The rows of the frame last drawn that show a source's URL, with it.
    pub urls: super::links::DrawnUrls,
    items: RefCell<HashMap<ItemKey, Rc<ItemText>>>,
    mentions: Memo<(usize, MentionsOf), Vec<Mention>>,
    matrices: Memo<MatrixKey, Vec<ratatui::text::Line<'static>>>,
    summaries: Memo<SummaryKey, Vec<ratatui::text::Line<'static>>>,
}

/// Looks `key` up in `map`, building and keeping the value on a miss; a
/// map grown to `max` entries starts again empty.
pub fn memo_within<K: std::hash::Hash + Eq, V>(
    map: &RefCell<HashMap<K, Rc<V>>>,
    max: usize,
    key: K,
    build: impl FnOnce() -> V,
) -> Rc<V> {
    if let Some(hit) = map.borrow().get(&key) {
        return hit.clone();
    }
    let value = Rc::new(build());
    let mut map = map.borrow_mut();
    if map.len() >= max {
        map.clear();
    }
    map.insert(key, value.clone());
    value
}

/// Enough for every pane of a few frames; beyond it the cache starts over.
const MAX_ENTRIES: usize = 64;

fn memo<K: std::hash::Hash + Eq, V>(
    map: &RefCell<HashMap<K, Rc<V>>>,
    key: K,
    build: impl FnOnce() -> V,
) -> Rc<V> {
    memo_within(map, MAX_ENTRIES, key, build)
}

impl RenderCache {
    pub fn item(&self, key: ItemKey, build: impl FnOnce() -> ItemText) -> Rc<ItemText> {
        memo(&self.items, key, build)
    }

    /// An actor's or source's mentions: a walk over every item, done once.
    pub fn mentions(
        &self,
        entry: usize,
        of: MentionsOf,
        build: impl FnOnce() -> Vec<Mention>,
    ) -> Rc<Vec<Mention>> {
        memo(&self.mentions, (entry, of), build)
    }

    pub fn matrix(
        &self,
        key: MatrixKey,
        build: impl FnOnce() -> Vec<ratatui::text::Line<'static>>,
    ) -> Rc<Vec<ratatui::text::Line<'static>>> {
        memo(&self.matrices, key, build)
    }

    pub fn summary(
        &self,
        key: SummaryKey,
        build: impl FnOnce() -> Vec<ratatui::text::Line<'static>>,
    ) -> Rc<Vec<ratatui::text::Line<'static>>> {
        memo(&self.summaries, key, build)
    }

    /// Forgets everything (the document changed).
    pub fn clear(&self) {
        self.summaries.borrow_mut().clear();
        self.items.borrow_mut().clear();
        self.mentions.borrow_mut().clear();
        self.matrices.borrow_mut().clear();
    }
}
