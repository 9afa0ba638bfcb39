//! Each item's key (`section-id/item-id`) and content hash, made once per
//! loaded version of a briefing and kept with it: read marks find items by
//! these, and every reader of the version shares them (fifty sessions of
//! `brief serve` over one library would otherwise each hold a copy of every
//! key of every briefing).

use super::{Briefing, ItemRef, Loaded};
use std::sync::OnceLock;

/// The items of one version, in reading order, by index.
#[derive(Debug, Clone, Default)]
pub struct ItemIds {
    keys: Box<[Box<str>]>,
    /// Where each section's items start among `keys`.
    starts: Box<[usize]>,
    /// Indices into `keys` in key order: finding an item by key is a
    /// binary search, not a scan.
    sorted: Box<[u32]>,
    /// Content hashes, made when first asked for: only items read before
    /// need theirs to draw their mark.
    hashes: Box<[OnceLock<u64>]>,
}

/// `section-id/item-id`: stable across edits that keep the ids. Ids may hold
/// `/`, so two items can share a key (`a` + `b/c` and `a/b` + `c`).
pub fn item_key(section_id: &str, item_id: &str) -> String {
    format!("{section_id}/{item_id}")
}

impl ItemIds {
    fn new(b: &Briefing) -> Self {
        let mut starts = Vec::with_capacity(b.sections.len());
        let mut keys = Vec::with_capacity(b.item_count());
        for s in &b.sections {
            starts.push(keys.len());
            keys.extend(
                s.items
                    .iter()
                    .map(|it| item_key(&s.id, &it.id).into_boxed_str()),
            );
        }
        let hashes = (0..keys.len()).map(|_| OnceLock::new()).collect();
        Self::assemble(keys, starts, hashes)
    }

    /// The items from their keys, each section's start and their hashes,
    /// with the key order worked out once.
    fn assemble(keys: Vec<Box<str>>, starts: Vec<usize>, hashes: Vec<OnceLock<u64>>) -> Self {
        // A briefing is at most 64 MiB, so its items fit in a u32.
        let mut sorted: Vec<u32> = (0..keys.len()).map(|i| i as u32).collect();
        sorted.sort_by(|&x, &y| keys[x as usize].cmp(&keys[y as usize]));
        Self {
            hashes: hashes.into(),
            keys: keys.into(),
            starts: starts.into(),
            sorted: sorted.into(),
        }
    }

    /// Items in the version.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The index of the item at `at`, if there is one.
    pub fn index(&self, at: ItemRef) -> Option<usize> {
        let start = *self.starts.get(at.section)?;
        let end = (self.starts.get(at.section + 1)).map_or(self.keys.len(), |&e| e);
        let i = start.checked_add(at.item)?;
        (i < end).then_some(i)
    }

    /// Where item `i` is.
    pub fn at(&self, i: usize) -> ItemRef {
        let section = self.starts.partition_point(|&s| s <= i).saturating_sub(1);
        let start = self.starts.get(section).copied().unwrap_or(0);
        ItemRef {
            section,
            item: i - start.min(i),
        }
    }

    /// Item `i`'s key ("" past the end).
    pub fn key(&self, i: usize) -> &str {
        self.keys.get(i).map_or("", |k| k)
    }

    /// Every item whose key is `key` (usually one, or none).
    pub fn find(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let key_of = |&i: &u32| &*self.keys[i as usize];
        let from = self.sorted.partition_point(|i| key_of(i) < key);
        let to = self.sorted.partition_point(|i| key_of(i) <= key);
        self.sorted[from..to.max(from)].iter().map(|&i| i as usize)
    }

    /// Whether item `i`'s content hash has been made.
    pub fn is_hashed(&self, i: usize) -> bool {
        self.hashes.get(i).is_some_and(|h| h.get().is_some())
    }

    /// The items of a briefing not held, from each section's items' keys
    /// and content hashes (a library's cached card): every hash is made.
    pub fn from_items(items: &[Vec<(String, u64)>]) -> Self {
        let mut starts = Vec::with_capacity(items.len());
        let mut keys = Vec::new();
        let mut hashes = Vec::new();
        for section in items {
            starts.push(keys.len());
            for (key, hash) in section {
                keys.push(key.clone().into_boxed_str());
                hashes.push(OnceLock::from(*hash));
            }
        }
        Self::assemble(keys, starts, hashes)
    }

    /// How many sections the items are in.
    pub fn sections(&self) -> usize {
        self.starts.len()
    }

    /// How many items section `s` has.
    pub fn section_len(&self, s: usize) -> usize {
        let Some(&start) = self.starts.get(s) else {
            return 0;
        };
        let end = (self.starts.get(s + 1)).map_or(self.keys.len(), |&e| e);
        end.saturating_sub(start)
    }

    /// Item `i`'s content hash, if it has been made.
    pub fn hash(&self, i: usize) -> Option<u64> {
        self.hashes.get(i)?.get().copied()
    }

    /// Whether some item has the key `key`.
    pub fn contains(&self, key: &str) -> bool {
        self.find(key).next().is_some()
    }
}

impl Loaded {
    /// The version's item keys, made on first use.
    pub fn ids(&self) -> &std::sync::Arc<ItemIds> {
        (self.ids).get_or_init(|| std::sync::Arc::new(ItemIds::new(&self.briefing)))
    }

    /// Item `i`'s content hash (see [`super::compare::content_hash`]), made
    /// on first use from this version's own item.
    pub fn item_hash(&self, i: usize) -> Option<u64> {
        let ids = self.ids();
        let item = self.briefing.item(ids.at(i))?;
        let cell = ids.hashes.get(i)?;
        Some(*cell.get_or_init(|| super::compare::content_hash(&self.briefing, item)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_found_by_place_and_by_key_duplicates_included() {
        let text = r#"
[briefing]
title = "Keys"
date = 2025-12-02

[[section]]
id = "a"
title = "A"

[[section.item]]
id = "b/c"
title = "X"

[[section.item]]
id = "z"
title = "Z"

[[section]]
id = "empty"
title = "Nothing"

[[section]]
id = "a/b"
title = "AB"

[[section.item]]
id = "c"
title = "Y"
"#;
        let loaded = crate::model::load_str("k", text).expect("loads");
        let ids = loaded.ids();
        assert_eq!(ids.len(), 3);
        let y = ItemRef {
            section: 2,
            item: 0,
        };
        assert_eq!(ids.index(y), Some(2));
        assert_eq!(ids.at(2), y);
        assert_eq!(
            ids.at(1),
            ItemRef {
                section: 0,
                item: 1
            }
        );
        assert_eq!(
            ids.index(ItemRef {
                section: 1,
                item: 0
            }),
            None
        );
        assert_eq!(
            ids.index(ItemRef {
                section: 0,
                item: 2
            }),
            None
        );
        assert_eq!(
            ids.index(ItemRef {
                section: 9,
                item: 0
            }),
            None
        );
        assert_eq!(ids.key(0), "a/b/c");
        assert_eq!(ids.find("a/b/c").collect::<Vec<_>>(), [0, 2]);
        assert!(ids.contains("a/z") && !ids.contains("a/y"));
        let hash = loaded.item_hash(1).expect("a hash");
        let item = loaded.briefing.item(ids.at(1)).unwrap();
        assert_eq!(
            hash,
            crate::model::compare::content_hash(&loaded.briefing, item)
        );
        assert_eq!(loaded.item_hash(3), None);
    }
}
