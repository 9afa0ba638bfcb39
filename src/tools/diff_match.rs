//! How two versions of a briefing correspond for `brief diff`: sections by
//! id, items by id (in the same section first, then anywhere the id is
//! unambiguous), and which of them kept their relative order.

use crate::model::{Briefing, Item, ItemRef};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// How the two versions' sections and items correspond.
pub(super) struct Matching<'a> {
    pub old: &'a Briefing,
    pub new: &'a Briefing,
    /// New section index -> old section index with the same id.
    pub section: Vec<Option<usize>>,
    /// New sections whose relative order is unchanged.
    pub section_kept: Vec<bool>,
    /// New item -> old item with the same id.
    pub item: HashMap<ItemRef, ItemRef>,
    /// Old items that have a match.
    pub matched_old: HashSet<ItemRef>,
    /// New items whose relative order in their section is unchanged.
    pub item_kept: HashSet<ItemRef>,
}

impl<'a> Matching<'a> {
    pub fn new(old: &'a Briefing, new: &'a Briefing) -> Self {
        let ids: HashMap<&str, usize> = (old.sections.iter().enumerate())
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let section: Vec<Option<usize>> = (new.sections.iter())
            .map(|s| ids.get(s.id.as_str()).copied())
            .collect();
        let present: HashSet<usize> = section.iter().flatten().copied().collect();
        let old_common: Vec<usize> = (0..old.sections.len())
            .filter(|i| present.contains(i))
            .collect();
        let new_common: Vec<usize> = section.iter().flatten().copied().collect();
        let flags = kept(&old_common, &new_common);
        let mut flags = flags.into_iter();
        let section_kept = (section.iter())
            .map(|s| s.is_some() && flags.next().unwrap_or(false))
            .collect();
        let item = match_items(old, new, &section);
        let mut m = Matching {
            old,
            new,
            section,
            section_kept,
            matched_old: item.values().copied().collect(),
            item,
            item_kept: HashSet::new(),
        };
        m.item_kept = m.items_in_order();
        m
    }

    /// New items matched within the same section whose order is unchanged.
    fn items_in_order(&self) -> HashSet<ItemRef> {
        let mut keep = HashSet::new();
        for (ns, os) in self.section.iter().enumerate() {
            let Some(os) = *os else { continue };
            let stay = |(n, o): (&ItemRef, &ItemRef)| n.section == ns && o.section == os;
            let mut pairs: Vec<(ItemRef, ItemRef)> = (self.item.iter())
                .filter(|p| stay(*p))
                .map(|(n, o)| (*n, *o))
                .collect();
            pairs.sort_by_key(|(n, _)| *n);
            let new_order: Vec<usize> = pairs.iter().map(|(_, o)| o.item).collect();
            let mut old_order = new_order.clone();
            old_order.sort_unstable();
            let flags = kept(&old_order, &new_order);
            keep.extend(
                (pairs.iter().zip(flags))
                    .filter(|(_, k)| *k)
                    .map(|(p, _)| p.0),
            );
        }
        keep
    }
}

/// For each new index, whether it is in the longest common subsequence of
/// the two lists (so not moved).
fn kept<T: Eq + Hash>(old: &[T], new: &[T]) -> Vec<bool> {
    use similar::{Algorithm, DiffTag, capture_diff_slices_deadline};
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    let mut keep = vec![false; new.len()];
    for op in capture_diff_slices_deadline(Algorithm::Myers, old, new, Some(deadline)) {
        let (tag, _, range) = op.as_tag_tuple();
        if let (DiffTag::Equal, Some(slots)) = (tag, keep.get_mut(range)) {
            slots.fill(true);
        }
    }
    keep
}

/// New item -> old item: the same id in the same section first, then the
/// same id anywhere else when it is unique among the unmatched items.
fn match_items(
    old: &Briefing,
    new: &Briefing,
    section: &[Option<usize>],
) -> HashMap<ItemRef, ItemRef> {
    let mut m = HashMap::new();
    for (ns, os) in section.iter().enumerate() {
        let (Some(o), Some(n)) = (os.and_then(|os| old.sections.get(os)), new.sections.get(ns))
        else {
            continue;
        };
        let ids: HashMap<&str, usize> = (o.items.iter().enumerate())
            .map(|(i, it)| (it.id.as_str(), i))
            .collect();
        for (ni, it) in n.items.iter().enumerate() {
            if let (Some(&oi), Some(os)) = (ids.get(it.id.as_str()), *os) {
                m.insert(
                    ItemRef {
                        section: ns,
                        item: ni,
                    },
                    ItemRef {
                        section: os,
                        item: oi,
                    },
                );
            }
        }
    }
    let taken: HashSet<ItemRef> = m.values().copied().collect();
    let lone_old = unique_ids(old.items().filter(|(at, _)| !taken.contains(at)));
    let lone_new = unique_ids(new.items().filter(|(at, _)| !m.contains_key(at)));
    for (id, at) in lone_new {
        if let Some(from) = lone_old.get(id) {
            m.insert(at, *from);
        }
    }
    m
}

/// Ids that occur once, with where.
fn unique_ids<'b>(items: impl Iterator<Item = (ItemRef, &'b Item)>) -> HashMap<&'b str, ItemRef> {
    let mut seen: HashMap<&str, Option<ItemRef>> = HashMap::new();
    for (at, it) in items {
        seen.entry(it.id.as_str())
            .and_modify(|v| *v = None)
            .or_insert(Some(at));
    }
    seen.into_iter()
        .filter_map(|(id, at)| Some((id, at?)))
        .collect()
}
