//! `brief diff OLD NEW`: what changed between two versions of a briefing, by
//! section and item id. Exit 0 when equal, 1 when different, 2 when a file
//! does not load (its diagnostics go to stderr, as with `brief check`).
//!
//! Fields are compared with [`crate::model::compare`], the same canonical
//! form the reader hashes for its "updated" marks. The JSON output is
//! documented in docs/diff.md.

use super::diff_text;
use crate::cli::{ColorChoice, DiffArgs, DiffFormat};
use crate::model::compare::{self, Field, FieldChange};
use crate::model::{Briefing, ItemRef, load_path};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::io::{IsTerminal, Write};

/// What happened to a part of the briefing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Added,
    Removed,
    /// Its place in the order changed (or, for an item, its section did).
    Moved,
    /// Some of its fields changed.
    Changed,
}

/// Which part of the briefing a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    Header,
    Actor,
    Source,
    Section,
    Item,
}

/// A 1-based position in a section (items) or in the briefing (sections).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub section: String,
    pub position: usize,
}

/// One change. `path` is the actor, source or section id, or
/// `section-id/item-id` for an item (where it is now; where it was when
/// removed), and empty for the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub target: Target,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Place>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Place>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

impl Change {
    fn new(kind: Kind, target: Target, path: impl Into<String>) -> Self {
        Self {
            kind,
            target,
            path: path.into(),
            title: None,
            from: None,
            to: None,
            fields: Vec::new(),
        }
    }

    fn titled(mut self, title: &str) -> Self {
        self.title = Some(title.to_string());
        self
    }
}

/// Every change from `old` to `new`: header, actors, sources, then sections
/// in the new order, each followed by its items. Items of an added or
/// removed section are not listed one by one (unless they moved).
pub fn compare(old: &Briefing, new: &Briefing) -> Vec<Change> {
    let mut out = Vec::new();
    let (a, b) = (compare::header_fields(old), compare::header_fields(new));
    changed(Target::Header, "", &a, &b, &mut out);
    let actor = |a: &crate::model::Actor| (a.id.clone(), a.name.clone());
    keyed(
        &old.actors,
        &new.actors,
        Target::Actor,
        actor,
        compare::actor_fields,
        &mut out,
    );
    let source = |s: &crate::model::Source| (s.id.clone(), s.title.clone());
    keyed(
        &old.sources,
        &new.sources,
        Target::Source,
        source,
        compare::source_fields,
        &mut out,
    );
    Matching::new(old, new).push_sections(&mut out);
    out
}

/// A `changed` entry when any field differs.
fn changed(target: Target, path: &str, old: &[Field], new: &[Field], out: &mut Vec<Change>) {
    let fields = compare::diff_fields(old, new);
    if !fields.is_empty() {
        out.push(Change {
            fields,
            ..Change::new(Kind::Changed, target, path)
        });
    }
}

/// Actors or sources, matched by id: removed and changed in the old order,
/// then added in the new order.
fn keyed<T>(
    old: &[T],
    new: &[T],
    target: Target,
    key: impl Fn(&T) -> (String, String),
    fields: impl Fn(&T) -> Vec<Field>,
    out: &mut Vec<Change>,
) {
    let index = |list: &[T]| -> HashMap<String, usize> {
        list.iter()
            .enumerate()
            .map(|(i, x)| (key(x).0, i))
            .collect()
    };
    let (old_ids, new_ids) = (index(old), index(new));
    for o in old {
        let (id, name) = key(o);
        match new_ids.get(&id).and_then(|&i| new.get(i)) {
            None => out.push(Change::new(Kind::Removed, target, &id).titled(&name)),
            Some(n) => changed(target, &id, &fields(o), &fields(n), out),
        }
    }
    for n in new {
        let (id, name) = key(n);
        if !old_ids.contains_key(&id) {
            out.push(Change::new(Kind::Added, target, &id).titled(&name));
        }
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

/// How the two versions' sections and items correspond.
struct Matching<'a> {
    old: &'a Briefing,
    new: &'a Briefing,
    /// New section index -> old section index with the same id.
    section: Vec<Option<usize>>,
    /// New sections whose relative order is unchanged.
    section_kept: Vec<bool>,
    /// New item -> old item with the same id.
    item: HashMap<ItemRef, ItemRef>,
    /// Old items that have a match.
    matched_old: HashSet<ItemRef>,
    /// New items whose relative order in their section is unchanged.
    item_kept: HashSet<ItemRef>,
}

impl<'a> Matching<'a> {
    fn new(old: &'a Briefing, new: &'a Briefing) -> Self {
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

    fn push_sections(&self, out: &mut Vec<Change>) {
        let present: HashSet<usize> = self.section.iter().flatten().copied().collect();
        for (os, s) in self.old.sections.iter().enumerate() {
            if !present.contains(&os) {
                out.push(Change::new(Kind::Removed, Target::Section, &s.id).titled(&s.title));
            }
        }
        for (ns, s) in self.new.sections.iter().enumerate() {
            if let Some(os) = self.section.get(ns).copied().flatten() {
                self.push_section(ns, os, out);
            } else {
                out.push(Change::new(Kind::Added, Target::Section, &s.id).titled(&s.title));
            }
            for item in 0..s.items.len() {
                self.push_item(ItemRef { section: ns, item }, out);
            }
        }
    }

    /// A section in both versions: moved, changed, and its removed items.
    fn push_section(&self, ns: usize, os: usize, out: &mut Vec<Change>) {
        let (Some(old), Some(new)) = (self.old.sections.get(os), self.new.sections.get(ns)) else {
            return;
        };
        if !self.section_kept.get(ns).copied().unwrap_or(false) {
            out.push(Change {
                from: Some(place(&old.id, os)),
                to: Some(place(&new.id, ns)),
                ..Change::new(Kind::Moved, Target::Section, &new.id).titled(&new.title)
            });
        }
        let (a, b) = (compare::section_fields(old), compare::section_fields(new));
        changed(Target::Section, &new.id, &a, &b, out);
        for (i, it) in old.items.iter().enumerate() {
            if !self.matched_old.contains(&ItemRef {
                section: os,
                item: i,
            }) {
                let path = format!("{}/{}", old.id, it.id);
                out.push(Change::new(Kind::Removed, Target::Item, path).titled(&it.title));
            }
        }
    }

    fn push_item(&self, at: ItemRef, out: &mut Vec<Change>) {
        let (Some(s), Some(it)) = (self.new.sections.get(at.section), self.new.item(at)) else {
            return;
        };
        let path = format!("{}/{}", s.id, it.id);
        let Some((from, old)) = (self.item.get(&at)).and_then(|f| Some((*f, self.old.item(*f)?)))
        else {
            if self.section.get(at.section).copied().flatten().is_some() {
                out.push(Change::new(Kind::Added, Target::Item, path).titled(&it.title));
            }
            return;
        };
        let same_section = self.section.get(at.section).copied().flatten() == Some(from.section);
        if !same_section || !self.item_kept.contains(&at) {
            let old_section = self.old.sections.get(from.section).map_or("", |s| &s.id);
            out.push(Change {
                from: Some(place(old_section, from.item)),
                to: Some(place(&s.id, at.item)),
                ..Change::new(Kind::Moved, Target::Item, &path).titled(&it.title)
            });
        }
        let (a, b) = (
            compare::item_fields(self.old, old),
            compare::item_fields(self.new, it),
        );
        changed(Target::Item, &path, &a, &b, out);
    }
}

fn place(section: &str, index: usize) -> Place {
    Place {
        section: section.to_string(),
        position: index + 1,
    }
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
fn unique_ids<'b>(
    items: impl Iterator<Item = (ItemRef, &'b crate::model::Item)>,
) -> HashMap<&'b str, ItemRef> {
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

/// The JSON document (docs/diff.md).
#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    old: String,
    new: String,
    equal: bool,
    changes: &'a [Change],
}

/// Runs `brief diff`; returns the exit code.
pub fn run(args: &DiffArgs) -> i32 {
    let (old, new) = match (load_path(&args.old), load_path(&args.new)) {
        (Ok(old), Ok(new)) => (old.briefing, new.briefing),
        (old, new) => {
            let color = use_color(args.color, std::io::stderr().is_terminal());
            for report in [old.err(), new.err()].into_iter().flatten() {
                eprint!("{}", report.render(color));
            }
            return 2;
        }
    };
    let changes = compare(&old, &new);
    let text = match args.format {
        DiffFormat::Text => diff_text::render(
            &changes,
            use_color(args.color, std::io::stdout().is_terminal()),
        ),
        DiffFormat::Json => {
            let doc = Output {
                version: 1,
                old: args.old.display().to_string(),
                new: args.new.display().to_string(),
                equal: changes.is_empty(),
                changes: &changes,
            };
            match serde_json::to_string_pretty(&doc) {
                Ok(json) => json + "\n",
                Err(e) => {
                    eprintln!("brief: {e}");
                    return 2;
                }
            }
        }
    };
    // A closed pipe (`| head`) still reports equal or different.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    i32::from(!changes.is_empty())
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}
