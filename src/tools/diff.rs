//! `brief diff OLD NEW`: what changed between two versions of a briefing, by
//! section and item id. Exit 0 when equal, 1 when different, 2 when a file
//! does not load (its diagnostics go to stderr, as with `brief check`).
//!
//! Fields are compared with [`crate::model::compare`], the same canonical
//! form the reader hashes for its "updated" marks. The JSON output is
//! documented in docs/diff.md.

pub use super::diff_change::{Change, Kind, Place, Target};
use super::diff_match::Matching;
use super::diff_text;
use crate::cli::{ColorChoice, DiffArgs, DiffFormat};
use crate::model::compare::{self, Field};
use crate::model::{Briefing, ItemRef};
use crate::open::{is_stdin, load_arg};
use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Write};

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

impl Matching<'_> {
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

/// Runs `brief diff`; returns the exit code.
pub fn run(args: &DiffArgs) -> i32 {
    let (old, new) = (args.old.as_path(), args.new.as_path());
    if is_stdin(old) && is_stdin(new) {
        eprintln!("brief: `-` (standard input) can be OLD or NEW, not both");
        return 2;
    }
    let (old, new) = match (load_arg(old), load_arg(new)) {
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
        DiffFormat::Json => match diff_text::json(&named(&args.old), &named(&args.new), &changes) {
            Ok(json) => json,
            Err(e) => {
                eprintln!("brief: {e}");
                return 2;
            }
        },
    };
    // A closed pipe (`| head`) still reports equal or different.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    i32::from(!changes.is_empty())
}

/// How the JSON output names a file: as every output does, and standard
/// input by the label its diagnostics carry.
fn named(path: &std::path::Path) -> String {
    if is_stdin(path) {
        crate::open::STDIN_LABEL.to_string()
    } else {
        crate::model::name::shown(path)
    }
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    choice.resolve(terminal)
}
