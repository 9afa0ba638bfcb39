//! Wrapped text, built once per (item, width) and reused by every frame until
//! the size or the document changes: a frame's cost must not grow with the
//! length of what it shows.

use super::item::ItemText;
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

/// Interior-mutable so that rendering can stay `&App`.
#[derive(Debug, Default)]
pub struct RenderCache {
    items: RefCell<HashMap<ItemKey, Rc<ItemText>>>,
}

/// Enough for every pane of a few frames; beyond it the cache starts over.
const MAX_ENTRIES: usize = 64;

impl RenderCache {
    pub fn item(&self, key: ItemKey, build: impl FnOnce() -> ItemText) -> Rc<ItemText> {
        if let Some(hit) = self.items.borrow().get(&key) {
            return hit.clone();
        }
        let text = Rc::new(build());
        let mut items = self.items.borrow_mut();
        if items.len() >= MAX_ENTRIES {
            items.clear();
        }
        items.insert(key, text.clone());
        text
    }

    /// Forgets everything (the document changed).
    pub fn clear(&self) {
        self.items.borrow_mut().clear();
    }
}
